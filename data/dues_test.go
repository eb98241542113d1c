package data

import (
	"errors"
	"path/filepath"
	"slices"
	"testing"

	"branchledger/data/dues"
	"github.com/google/uuid"
)

// duesFixture saves members with the given joined dates (all full
// members) and returns them; the clock is testNow, 2026-11-29.
func duesFixture(t *testing.T, l *Ledger, joined ...Date) []Member {
	t.Helper()
	ms := make([]*Member, len(joined))
	for i, j := range joined {
		m := makeMember([]string{"王晓明", "李丽华", "张建国", "陈静", "刘洋", "赵敏"}[i], i)
		m.Joined = j
		ms[i] = &m
	}
	if err := l.SaveMembers(ms); err != nil {
		t.Fatal(err)
	}
	out := make([]Member, len(ms))
	for i, m := range ms {
		out[i] = *m
	}
	return out
}

func yms(y int, ms ...int) []YearMonth {
	var out []YearMonth
	for _, m := range ms {
		out = append(out, YearMonth(y*100+m))
	}
	return out
}

func TestDuesBaseStoredAndReopened(t *testing.T) {
	path := filepath.Join(t.TempDir(), "dues.ledger")
	l, err := Create(path, Branch{Name: "测试支部"}, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	ms := duesFixture(t, l, NewDate(2010, 7, 1))
	if err := l.SetDuesBase(ms[0].ID, 2026, DuesBase{Category: dues.Employed, Base: 456789}, "组织委员 李丽华"); err != nil {
		t.Fatal(err)
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	l, err = Open(path, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	a, err := l.DuesAccount(ms[0].ID, 2026)
	if err != nil {
		t.Fatal(err)
	}
	due, err := a.MonthlyDue()
	if a.Base != 456789 || a.Category != dues.Employed || a.BaseBy != "组织委员 李丽华" || !a.BaseAt.Equal(testNow) || due != 4568 || err != nil {
		t.Errorf("got base %d %s by %q at %v due %d %v; want 456789 employed by 组织委员 李丽华 at %v due 4568",
			a.Base, a.Category, a.BaseBy, a.BaseAt, due, err, testNow)
	}
	if r, ok := a.Rate(); !ok || r != 10 {
		t.Errorf("rate %d‰ %v, want 10‰", r, ok)
	}
	other, err := l.DuesAccount(ms[0].ID, 2025)
	if err != nil || other.HasBase() || len(other.Payments) != 0 {
		t.Errorf("2025 account = %+v, %v; want empty", other, err)
	}
	if err := l.SetDuesBase(ms[0].ID, 2026, DuesBase{Category: dues.Farmer, FarmerAmount: 150}, "x"); !errors.Is(err, dues.ErrFarmerAmount) {
		t.Errorf("farmer at 1.50 元: got %v, want ErrFarmerAmount", err)
	}
}

func TestDuesGridWithoutBucket(t *testing.T) {
	l := newTestLedger(t)
	ms := duesFixture(t, l, NewDate(2026, 9, 20))
	y, err := l.DuesYear(2026)
	if err != nil {
		t.Fatal(err)
	}
	if len(y.Rows) != 1 {
		t.Fatalf("got %d rows, want 1", len(y.Rows))
	}
	// No dues record yet: nothing is owed or missing, no warning.
	r := y.Rows[0]
	if r.Member.ID != ms[0].ID || r.Kept || r.DueKnown || len(r.Owed) != 0 || r.Unpaid != 0 || r.Warning != 0 {
		t.Errorf("row %s kept %v due known %v owed %v unpaid %d warning %d; want %s, not kept, nothing owed",
			r.Member.Name, r.Kept, r.DueKnown, r.Owed, r.Unpaid, r.Warning, ms[0].Name)
	}
	if r.Cells[7].State != DuesNotDue || r.Cells[8].State != DuesNotKept || r.Cells[11].State != DuesNotKept {
		t.Errorf("August %d September %d December %d, want not due, not kept, not kept", r.Cells[7].State, r.Cells[8].State, r.Cells[11].State)
	}
	// Entering the base starts the records: September to November owed
	// (joined 2026-09-20), December upcoming.
	if err := l.SetDuesBase(ms[0].ID, 2026, DuesBase{Category: dues.StudentReliefEtc}, "书记"); err != nil {
		t.Fatal(err)
	}
	if y, err = l.DuesYear(2026); err != nil {
		t.Fatal(err)
	}
	r = y.Rows[0]
	if want := yms(2026, 9, 10, 11); !slices.Equal(r.Owed, want) || r.OwedTotal != 60 || r.Cells[11].State != DuesUpcoming || r.Warning != 3 {
		t.Errorf("owed %v (%d fen), December %d, warning %d; want %v, 60 fen, upcoming, 3", r.Owed, r.OwedTotal, r.Cells[11].State, r.Warning, want)
	}
}

func TestPayDuesRules(t *testing.T) {
	l := newTestLedger(t)
	ms := duesFixture(t, l, NewDate(2010, 7, 1), NewDate(2026, 3, 15))
	for _, m := range ms {
		if err := l.SetDuesBase(m.ID, 2026, DuesBase{Category: dues.Employed, Base: 800000}, "书记"); err != nil {
			t.Fatal(err)
		}
	}
	pay := func(id uuid.UUID, ms []YearMonth) (int64, error) {
		return l.PayDues(id, DuesPay{Months: ms, Paid: NewDate(2026, 11, 20), Method: PayCash})
	}
	// 8000 元 × 1.5 % = 120.00 元 a month.
	if n, err := pay(ms[0].ID, yms(2026, 1, 2, 3)); err != nil || n != 36000 {
		t.Fatalf("paying three months: %d, %v; want 36000", n, err)
	}
	before := txID(t, l)
	for _, c := range []struct {
		name   string
		id     uuid.UUID
		months []YearMonth
		want   error
	}{
		{"a paid month with an unpaid one", ms[0].ID, yms(2026, 3, 4), ErrDuesPaid},
		{"seven months", ms[0].ID, yms(2026, 4, 5, 6, 7, 8, 9, 10), ErrDuesTooMany},
		{"June next year, seven months ahead", ms[0].ID, []YearMonth{202706}, ErrDuesTooFarAhead},
		{"February before admission", ms[1].ID, yms(2026, 2, 3), ErrDuesNotDue},
		{"the same month twice", ms[0].ID, yms(2026, 4, 4), ErrBadDate},
	} {
		if _, err := pay(c.id, c.months); !errors.Is(err, c.want) {
			t.Errorf("%s: got %v, want %v", c.name, err, c.want)
		}
	}
	if after := txID(t, l); after != before {
		t.Errorf("refused payments committed %d transactions", after-before)
	}
	a, err := l.DuesAccount(ms[0].ID, 2026)
	if err != nil || len(a.Payments) != 3 {
		t.Errorf("after refusals: %d payments, %v; want the first 3 only", len(a.Payments), err)
	}
	// May 2027 is six months after November 2026: allowed, into next year's account.
	if err := l.SetDuesBase(ms[1].ID, 2027, DuesBase{Category: dues.Employed, Base: 300000}, "书记"); err != nil {
		t.Fatal(err)
	}
	if n, err := pay(ms[1].ID, []YearMonth{202612, 202705}); err != nil || n != 12000+1500 {
		t.Errorf("December and May ahead: %d, %v; want 13500", n, err)
	}
	through, err := l.DuesPaidThrough(ms[1].ID)
	if err != nil || through != 202705 {
		t.Errorf("paid through %v, %v; want 2027-05", through, err)
	}
}

func TestDuesWarnings(t *testing.T) {
	l := newTestLedger(t)
	ms := duesFixture(t, l, NewDate(2010, 7, 1), NewDate(2011, 7, 1), NewDate(2012, 7, 1), NewDate(2013, 7, 1))
	paidUpTo := []int{5, 6, 8, 11} // unpaid from the month after through November
	for i, m := range ms {
		if err := l.SetDuesBase(m.ID, 2026, DuesBase{Category: dues.Retired, Base: 450000}, "书记"); err != nil {
			t.Fatal(err)
		}
		for start := 1; start <= paidUpTo[i]; start += 6 {
			var ym []YearMonth
			for mo := start; mo <= paidUpTo[i] && mo < start+6; mo++ {
				ym = append(ym, YearMonth(202600+mo))
			}
			if _, err := l.PayDues(m.ID, DuesPay{Months: ym, Paid: NewDate(2026, 6, 1), Method: PayTransfer}); err != nil {
				t.Fatal(err)
			}
		}
	}
	y, err := l.DuesYear(2026)
	if err != nil {
		t.Fatal(err)
	}
	want := []struct{ unpaid, warning int }{{6, 6}, {5, 5}, {3, 3}, {0, 0}}
	for i, r := range y.Rows {
		if r.Unpaid != want[i].unpaid || r.Warning != want[i].warning {
			t.Errorf("%s paid to %d: unpaid %d warning %d, want %d and %d", r.Member.Name, paidUpTo[i], r.Unpaid, r.Warning, want[i].unpaid, want[i].warning)
		}
	}
	// 4500 元 × 0.5 % = 22.50 元; paid months 5 + 6 + 8 + 11 = 30.
	if y.PaidTotal != 30*2250 || y.MonthPaid[0] != 4*2250 || y.MonthPaid[10] != 2250 {
		t.Errorf("paid total %d, January %d, November %d; want 67500, 9000, 2250", y.PaidTotal, y.MonthPaid[0], y.MonthPaid[10])
	}
	// Owed: 6 + 5 + 3 months begun and unpaid; December is not begun.
	if y.OwedTotal != 14*2250 || y.MonthOwed[10] != 3*2250 || y.MonthOwed[11] != 0 {
		t.Errorf("owed %d, November %d, December %d; want 31500, 6750, 0", y.OwedTotal, y.MonthOwed[10], y.MonthOwed[11])
	}
	// Due: 4 members × 12 months × 22.50.
	if y.DueTotal != 48*2250 || y.MonthDue[11] != 4*2250 {
		t.Errorf("due total %d, December %d; want 108000, 9000", y.DueTotal, y.MonthDue[11])
	}
}

func TestDuesReductionAndDeparture(t *testing.T) {
	l := newTestLedger(t)
	ms := duesFixture(t, l, NewDate(2010, 7, 1), NewDate(2011, 7, 1), NewDate(2012, 7, 1))
	for _, m := range ms {
		if err := l.SetDuesBase(m.ID, 2026, DuesBase{Category: dues.Employed, Base: 1200000}, "书记"); err != nil {
			t.Fatal(err)
		}
	}
	if err := l.SetDuesReduction(ms[0].ID, 2026, &DuesReduction{Kind: DuesReduced, MonthlyDue: 5000}); !errors.Is(err, ErrDuesBadReduction) {
		t.Errorf("reduction without approval: got %v, want ErrDuesBadReduction", err)
	}
	if err := l.SetDuesReduction(ms[0].ID, 2026, &DuesReduction{Kind: DuesReduced, MonthlyDue: 24000, ApprovedBy: "机关党委", ApprovedOn: NewDate(2026, 2, 1)}); !errors.Is(err, ErrDuesBadReduction) {
		t.Errorf("少交 of the full 240 元: got %v, want ErrDuesBadReduction", err)
	}
	if err := l.SetDuesReduction(ms[0].ID, 2026, &DuesReduction{Kind: DuesReduced, MonthlyDue: 5000, ApprovedBy: "机关党委", ApprovedOn: NewDate(2026, 2, 1), Reason: "家庭困难"}); err != nil {
		t.Fatal(err)
	}
	if err := l.SetDuesReduction(ms[1].ID, 2026, &DuesReduction{Kind: DuesExempt, ApprovedBy: "机关党委", ApprovedOn: NewDate(2026, 2, 1)}); err != nil {
		t.Fatal(err)
	}
	if err := l.SetDeparture(ms[2].ID, Departure{Reason: TransferOut, Date: NewDate(2026, 8, 10), Destination: "浦东新区某支部"}); err != nil {
		t.Fatal(err)
	}
	if n, err := l.PayDues(ms[0].ID, DuesPay{Months: yms(2026, 1), Paid: NewDate(2026, 1, 9), Method: PayOnline}); err != nil || n != 5000 {
		t.Errorf("少交 month paid %d, %v; want 5000", n, err)
	}
	if _, err := l.PayDues(ms[1].ID, DuesPay{Months: yms(2026, 1), Paid: NewDate(2026, 1, 9), Method: PayOnline}); !errors.Is(err, ErrDuesExempt) {
		t.Errorf("免交 member paying: got %v, want ErrDuesExempt", err)
	}
	if _, err := l.PayDues(ms[2].ID, DuesPay{Months: yms(2026, 9), Paid: NewDate(2026, 9, 9), Method: PayOnline}); !errors.Is(err, ErrDuesNotDue) {
		t.Errorf("September after transfer: got %v, want ErrDuesNotDue", err)
	}
	if _, err := l.PayDues(ms[2].ID, DuesPay{Months: yms(2026, 1, 2, 3, 4, 5, 6), Paid: NewDate(2026, 8, 1), Method: PayCash}); err != nil {
		t.Fatal(err)
	}
	y, err := l.DuesYear(2026)
	if err != nil {
		t.Fatal(err)
	}
	r0, r1, r2 := y.Rows[0], y.Rows[1], y.Rows[2]
	if r0.Due != 5000 || r0.Account.Reduction.ApprovedBy != "机关党委" || len(r0.Owed) != 10 {
		t.Errorf("少交 row: due %d, %d owed; want 5000 and 10 owed (Feb–Nov)", r0.Due, len(r0.Owed))
	}
	if r1.Cells[5].State != DuesWaived || len(r1.Owed) != 0 || r1.DueTotal != 0 {
		t.Errorf("免交 row: June state %d, %d owed, due %d; want waived, none, 0", r1.Cells[5].State, len(r1.Owed), r1.DueTotal)
	}
	// 12000 元 × 2 % = 240 元; due January–August, paid to June.
	if r2.DueTotal != 8*24000 || r2.Cells[8].State != DuesNotDue || r2.PaidThrough != 202606 || !slices.Equal(r2.Owed, yms(2026, 7, 8)) {
		t.Errorf("transferred row: due %d, Sept %d, through %v, owed %v; want 192000, not due, 2026-06, [202607 202608]",
			r2.DueTotal, r2.Cells[8].State, r2.PaidThrough, r2.Owed)
	}
}

func TestPayDuesAtSessionOneTransaction(t *testing.T) {
	l := newTestLedger(t)
	ms := duesFixture(t, l, NewDate(2010, 7, 1), NewDate(2011, 7, 1), NewDate(2012, 7, 1), NewDate(2013, 7, 1), NewDate(2014, 7, 1))
	bases := []int64{250000, 420000, 900000, 1500000} // ms[4] has no base
	for i, b := range bases {
		if err := l.SetDuesBase(ms[i].ID, 2026, DuesBase{Category: dues.Employed, Base: b}, "书记"); err != nil {
			t.Fatal(err)
		}
	}
	s := Session{Kind: ThemedPartyDay, Theme: "主题党日", Date: NewDate(2026, 11, 6)}
	if err := l.SaveSession(&s); err != nil {
		t.Fatal(err)
	}
	marks := map[uuid.UUID]Mark{ms[0].ID: {Status: Present}, ms[1].ID: {Status: Late}, ms[2].ID: {Status: Present},
		ms[3].ID: {Status: Absent}, ms[4].ID: {Status: Present}}
	if err := l.SetMarks(s.ID, marks, true); err != nil {
		t.Fatal(err)
	}
	if _, err := l.PayDues(ms[2].ID, DuesPay{Months: yms(2026, 11), Paid: NewDate(2026, 11, 2), Method: PayTransfer}); err != nil {
		t.Fatal(err)
	}
	before := txID(t, l)
	c, err := l.PayDuesAtSession(s.ID, 202611, NewDate(2026, 11, 6), PayCash)
	if err != nil {
		t.Fatal(err)
	}
	if got := txID(t, l) - before; got != 1 {
		t.Errorf("collection took %d write transactions, want 1", got)
	}
	// 2500 × 0.5 % = 12.50; 4200 × 1 % = 42.00.
	if c.Total != 1250+4200 || !slices.Equal(c.Paid, []uuid.UUID{ms[0].ID, ms[1].ID}) {
		t.Errorf("collected %d from %v, want 5450 from the first two", c.Total, c.Paid)
	}
	if len(c.Skipped) != 2 || !errors.Is(c.Skipped[ms[2].ID], ErrDuesPaid) || !errors.Is(c.Skipped[ms[4].ID], ErrDuesNoBase) {
		t.Errorf("skipped %v, want ms[2] already paid and ms[4] without base", c.Skipped)
	}
	a, err := l.DuesAccount(ms[1].ID, 2026)
	if err != nil || len(a.Payments) != 1 || a.Payments[0].SessionID != s.ID || a.Payments[0].Method != PayCash || a.Payments[0].Paid != NewDate(2026, 11, 6) {
		t.Errorf("payment %+v, %v; want one cash payment at the session on 2026-11-06", a.Payments, err)
	}
}

func TestSetDuesBasesImport(t *testing.T) {
	l := newTestLedger(t)
	ms := duesFixture(t, l, NewDate(2010, 7, 1), NewDate(2011, 7, 1))
	if err := l.SetDuesBase(ms[1].ID, 2026, DuesBase{Category: dues.Retired, Base: 100000}, "书记"); err != nil {
		t.Fatal(err)
	}
	before := txID(t, l)
	if err := l.SetDuesBases(2026, map[uuid.UUID]int64{ms[0].ID: 300001, ms[1].ID: 600000}, "导入 花名册.xlsx"); err != nil {
		t.Fatal(err)
	}
	if got := txID(t, l) - before; got != 1 {
		t.Errorf("import took %d transactions, want 1", got)
	}
	a0, _ := l.DuesAccount(ms[0].ID, 2026)
	a1, _ := l.DuesAccount(ms[1].ID, 2026)
	d0, _ := a0.MonthlyDue()
	d1, _ := a1.MonthlyDue()
	if a0.Category != dues.Employed || !a0.CategoryAssumed || d0 != 3000 || a0.BaseBy != "导入 花名册.xlsx" {
		t.Errorf("new account: %s assumed %v due %d by %q; want employed, assumed, 3000", a0.Category, a0.CategoryAssumed, d0, a0.BaseBy)
	}
	if a1.Category != dues.Retired || a1.CategoryAssumed || d1 != 6000 {
		t.Errorf("kept account: %s assumed %v due %d; want retired, chosen, 6000", a1.Category, a1.CategoryAssumed, d1)
	}
	if err := l.SetDuesBases(2026, map[uuid.UUID]int64{uuid.New(): 1}, "x"); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown member: got %v, want ErrNotFound", err)
	}
}

func TestVoluntaryDues(t *testing.T) {
	l := newTestLedger(t)
	ms := duesFixture(t, l, NewDate(2010, 7, 1))
	for _, v := range []VoluntaryDues{
		{MemberID: ms[0].ID, Amount: 99999, Paid: NewDate(2026, 7, 1), Method: PayTransfer},
		{MemberID: ms[0].ID, Amount: 100000, Paid: NewDate(2026, 3, 1), Method: PayTransfer, Note: "自愿交纳"},
	} {
		if err := l.RecordVoluntaryDues(&v); err != nil {
			t.Fatal(err)
		}
	}
	if err := l.RecordVoluntaryDues(&VoluntaryDues{MemberID: ms[0].ID, Amount: 0, Paid: NewDate(2026, 3, 1), Method: PayCash}); !errors.Is(err, ErrDuesBadAmount) {
		t.Errorf("zero amount: got %v", err)
	}
	vs, err := l.VoluntaryDuesIn(2026)
	if err != nil || len(vs) != 2 || vs[0].Amount != 100000 || !vs[0].ToCentre() || vs[1].ToCentre() {
		t.Errorf("voluntary %+v, %v; want 1000.00 (to the centre) then 999.99 (kept)", vs, err)
	}
}
