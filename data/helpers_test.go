package data

import (
	"path/filepath"
	"testing"
	"time"
)

// testNow is the fixed clock of the tests: the day of the reference branch's
// screenshot.
var testNow = time.Date(2026, 11, 29, 10, 0, 0, 0, time.Local)

func testOptions() Options {
	return Options{Now: func() time.Time { return testNow }, NoBackup: true}
}

// newTestLedger creates an empty ledger in a temporary folder; it serves
// tests and benchmarks alike.
func newTestLedger(t testing.TB) *Ledger {
	t.Helper()
	l, err := Create(filepath.Join(t.TempDir(), "test.ledger"), Branch{Name: "测试支部", Groups: []string{"第一党小组", "第二党小组"}}, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = l.Close() })
	return l
}

// newDemoLedger writes the reference branch's example ledger and opens it.
func newDemoLedger(t testing.TB) *Ledger {
	t.Helper()
	path := filepath.Join(t.TempDir(), "demo.ledger")
	if err := writeDemo(path, testOptions()); err != nil {
		t.Fatal(err)
	}
	l, err := Open(path, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = l.Close() })
	return l
}

// demoFile writes the reference branch's example ledger in dir and
// returns its path.
func demoFile(t testing.TB, dir string) string {
	t.Helper()
	path := filepath.Join(dir, "demo.ledger")
	if err := writeDemo(path, testOptions()); err != nil {
		t.Fatal(err)
	}
	return path
}
