package data_test

import (
	"testing"

	"branchledger/data"
	"branchledger/data/demo"
)

// init links the example-ledger generator into the internal tests of
// package data, which cannot import data/demo themselves (demo imports
// data); see export_test.go.
func init() {
	data.LinkDemo(demo.Write, demo.WriteLarge)
}

// TestLargeDemoSizes checks that the sizes the internal benchmarks expect
// are the large example ledger's.
func TestLargeDemoSizes(t *testing.T) {
	members, sessions := data.LargeDemoSizes()
	if members != demo.LargeMembers || sessions != demo.LargeSessions {
		t.Errorf("benchmarks expect %d members and %d sessions; demo.WriteLarge writes %d and %d",
			members, sessions, demo.LargeMembers, demo.LargeSessions)
	}
}
