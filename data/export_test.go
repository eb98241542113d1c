package data

import (
	"errors"
	"fmt"
)

// The example ledgers are written by package data/demo, which imports
// data, so the internal tests of data cannot import it (an import cycle).
// The standard way round: demo_link_test.go, an external test file of
// package data_test, imports both data and data/demo (go test builds demo
// against this test variant of data) and in its init installs demo.Write
// and demo.WriteLarge here through LinkDemo. The hooks are set once, before
// any test runs, and only read afterwards.
var demoWriters struct {
	small, large func(path string, opt Options) error
}

// LinkDemo installs the example-ledger writers for the internal tests; it
// exists only in the test build and is called by demo_link_test.go.
func LinkDemo(small, large func(path string, opt Options) error) {
	demoWriters.small, demoWriters.large = small, large
}

// errDemoUnlinked is returned when demo_link_test.go did not install the
// writers (say it was deleted): the tests fail rather than run on nothing.
var errDemoUnlinked = errors.New("the example-ledger writer is not linked: see demo_link_test.go")

// writeDemo writes the reference branch's example ledger (demo.Write).
func writeDemo(path string, opt Options) error {
	if demoWriters.small == nil {
		return errDemoUnlinked
	}
	return demoWriters.small(path, opt)
}

// writeLargeDemo writes the large example ledger (demo.WriteLarge).
func writeLargeDemo(path string, opt Options) error {
	if demoWriters.large == nil {
		return errDemoUnlinked
	}
	return demoWriters.large(path, opt)
}

// Sizes of the large example ledger (demo.LargeMembers and LargeSessions,
// checked against them by TestLargeDemoSizes in demo_link_test.go).
const (
	largeMembers  = 5000
	largeSessions = 1000
)

// LargeDemoSizes returns the sizes the internal benchmarks expect of the
// large example ledger, for demo_link_test.go to check.
func LargeDemoSizes() (members, sessions int) { return largeMembers, largeSessions }

// fakeIDNumber builds a valid fictional ID number for a Shanghai birth
// with the given serial (made odd for men, even for women), as the
// example ledger's members have.
func fakeIDNumber(birth Date, serial int, g Gender) string {
	if (serial%2 == 1) != (g == Male) {
		serial++
	}
	first := fmt.Sprintf("310105%08d%03d", int(birth), serial%1000)
	return first + string(IDCheckChar(first))
}
