package data

import (
	"errors"
	"testing"
)

func TestYearMonthArithmetic(t *testing.T) {
	for _, c := range []struct {
		from YearMonth
		n    int
		want YearMonth
	}{{202611, 1, 202612}, {202611, 2, 202701}, {202601, -1, 202512}, {202611, -23, 202412}, {202612, 13, 202801}, {202603, 0, 202603}} {
		if got := c.from.Add(c.n); got != c.want {
			t.Errorf("%d + %d months = %d, want %d", c.from, c.n, got, c.want)
		}
	}
	if got := NewYearMonth(2026, 13); got != 202701 {
		t.Errorf("month 13 of 2026 = %d, want 202701", got)
	}
}

func TestSaveMembersWithDuesBases(t *testing.T) {
	l := newTestLedger(t)
	a, b, c := makeMember("王晓明", 0), makeMember("李丽华", 1), makeMember("张建国", 2)
	before := txID(t, l)
	if err := l.SaveMembersWithDuesBases([]*Member{&a, &b}, 2026, []int64{500001, NoDuesBase}, "导入 花名册.xlsx"); err != nil {
		t.Fatal(err)
	}
	if got := txID(t, l) - before; got != 1 {
		t.Errorf("%d transactions, want 1", got)
	}
	acc, err := l.DuesAccount(a.ID, 2026)
	due, _ := acc.MonthlyDue()
	if err != nil || acc.Base != 500001 || due != 7500 || acc.BaseBy != "导入 花名册.xlsx" || !acc.CategoryAssumed {
		t.Errorf("imported base: %+v due %d, %v; want 500001, 7500 fen, by the file, category assumed", acc, due, err)
	}
	if acc, _ := l.DuesAccount(b.ID, 2026); acc.HasBase() {
		t.Errorf("member without a base got one: %+v", acc)
	}
	// A duplicate ID number refuses the whole import: neither the member
	// nor the base is saved.
	c.IDNumber, c.Birth, c.Gender = a.IDNumber, a.Birth, a.Gender
	if err := l.SaveMembersWithDuesBases([]*Member{&c}, 2026, []int64{300000}, "x"); !errors.Is(err, ErrDuplicateID) {
		t.Errorf("duplicate: got %v", err)
	}
	ms, _ := l.Members()
	y, _ := l.DuesYear(2026)
	if len(ms) != 2 || len(y.Rows) != 2 {
		t.Errorf("after the refused import: %d members, %d dues rows; want 2 and 2", len(ms), len(y.Rows))
	}
}
