package demo_test

import (
	"testing"

	"branchledger/data"
	"branchledger/data/demo"
)

// TestWriteLarge checks the large example ledger: 5,000 members in 50
// groups with valid, distinct ID numbers, and 1,000 closed sessions of
// 2026 (from 01-02 up to today, 2026-11-29) with 1,000 marks each. The
// file passes Check.
func TestWriteLarge(t *testing.T) {
	if demo.LargeMembers != 5000 || demo.LargeSessions != 1000 || demo.LargeMarksPer != 1000 {
		t.Errorf("sizes %d members, %d sessions, %d marks per session; want 5000, 1000, 1000",
			demo.LargeMembers, demo.LargeSessions, demo.LargeMarksPer)
	}
	l := openExample(t, demo.WriteLarge)
	b, err := l.Branch()
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Groups) != 50 || b.Groups[0] != "第1党小组" || b.Groups[49] != "第50党小组" {
		t.Errorf("groups %q, want 第1党小组 … 第50党小组", b.Groups)
	}
	ms, err := l.Members()
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	perGroup := map[string]int{}
	for _, m := range ms {
		if code := data.CheckIDNumber(m.IDNumber); code != "" || seen[m.IDNumber] {
			t.Errorf("%s: ID number %s (%q, repeated %v)", m.Name, m.IDNumber, code, seen[m.IDNumber])
		}
		seen[m.IDNumber] = true
		perGroup[m.Group]++
	}
	if len(ms) != 5000 || len(perGroup) != 50 || perGroup["第1党小组"] != 100 || perGroup["第50党小组"] != 100 {
		t.Errorf("got %d members in %d groups (%d, %d in the first and last), want 5000 in 50 of 100",
			len(ms), len(perGroup), perGroup["第1党小组"], perGroup["第50党小组"])
	}
	ss, err := l.Sessions(data.NewDate(2026, 1, 1), data.NewDate(2026, 12, 31))
	if err != nil {
		t.Fatal(err)
	}
	if len(ss) != 1000 || ss[0].Date != data.NewDate(2026, 1, 2) || ss[len(ss)-1].Date > data.NewDate(2026, 11, 29) {
		t.Fatalf("got %d sessions, want 1000 from 2026-01-02 up to 2026-11-29", len(ss))
	}
	for _, s := range ss {
		marks, err := l.Marks(s.ID)
		if err != nil || len(marks) != 1000 || !s.Closed {
			t.Fatalf("%v: %d marks (%v), closed %v; want 1000, closed", s.Date, len(marks), err, s.Closed)
		}
	}
	if ps, err := l.Check(); err != nil || len(ps) != 0 {
		t.Errorf("Check: got %v, %v; want no problems", ps, err)
	}
}
