package data

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/google/uuid"
)

func TestAgendaOnDemo(t *testing.T) {
	l := newDemoLedger(t) // today is Sunday 2026-11-29
	a, err := l.Agenda(5)
	if err != nil {
		t.Fatal(err)
	}
	wantNext := []struct {
		date string
		kind Kind
	}{
		{"2026-12-04", NoonClassroom}, {"2026-12-07", CommitteeMeeting}, {"2026-12-11", NoonClassroom},
		{"2026-12-14", GroupMeeting}, {"2026-12-14", GroupMeeting},
	}
	if len(a.Next) != len(wantNext) {
		t.Fatalf("got %d next sessions, want %d", len(a.Next), len(wantNext))
	}
	for i, w := range wantNext {
		if got := a.Next[i]; got.Date.String() != w.date || got.Kind != w.kind {
			t.Errorf("next[%d]: got %s %s, want %s %s", i, got.Date, got.Kind, w.date, w.kind)
		}
	}
	if a.Last == nil {
		t.Fatal("no last held session")
	}
	if got, want := a.Last.Session.Date.String(), "2026-11-27"; got != want {
		t.Errorf("last held: got %s, want %s", got, want)
	}
	sc, err := l.SessionCounts(a.Last.Session.ID)
	if err != nil {
		t.Fatal(err)
	}
	if a.Last.Counts != sc.Counts || a.Last.Voting != sc.Voting {
		t.Errorf("last counts: got %+v, want %+v (SessionCounts)", a.Last.Counts, sc.Counts)
	}
	owed, err := l.OwedMakeUps(NewDate(2026, 1, 1), NewDate(2026, 12, 31))
	if err != nil {
		t.Fatal(err)
	}
	if a.Owed != len(owed) || a.Owed == 0 {
		t.Errorf("owed: got %d, want %d (OwedMakeUps, not zero)", a.Owed, len(owed))
	}
	ys, err := l.YearStats(2026)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(a.Compliance, ys.Compliance) {
		t.Errorf("compliance differs from YearStats:\ngot  %+v\nwant %+v", a.Compliance, ys.Compliance)
	}
	found := false
	for _, c := range a.Compliance {
		if c.Kind == CommitteeMeeting && c.Period == Monthly {
			found = reflect.DeepEqual(c.Missing, []string{"2026-08"})
			if len(c.Pending) != 0 {
				t.Errorf("committee pending: got %v, want none (held on 2026-11-05)", c.Pending)
			}
		}
	}
	if !found {
		t.Errorf("committee meeting rule: want 2026-08 missing in %+v", a.Compliance)
	}
}

func TestAgendaOwedDropsRecordedMakeUp(t *testing.T) {
	l := newDemoLedger(t)
	before, err := l.Agenda(3)
	if err != nil {
		t.Fatal(err)
	}
	owed, err := l.OwedMakeUps(NewDate(2026, 1, 1), l.Today())
	if err != nil || len(owed) == 0 {
		t.Fatalf("owed: %v (%d)", err, len(owed))
	}
	o := owed[0]
	if err := l.SaveMakeUp(&MakeUp{SessionID: o.Session.ID, MemberID: o.Member.ID, Date: l.Today(), Method: TalkWithSec}); err != nil {
		t.Fatal(err)
	}
	after, err := l.Agenda(3)
	if err != nil {
		t.Fatal(err)
	}
	if after.Owed != before.Owed-1 {
		t.Errorf("owed after a make-up: got %d, want %d", after.Owed, before.Owed-1)
	}
}

func TestAgendaEmptyLedger(t *testing.T) {
	l := newTestLedger(t)
	a, err := l.Agenda(5)
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Next) != 0 || a.Last != nil || a.Owed != 0 {
		t.Errorf("empty ledger: got next %d last %v owed %d, want nothing", len(a.Next), a.Last, a.Owed)
	}
	ys, err := l.YearStats(2026)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(a.Compliance, ys.Compliance) {
		t.Errorf("compliance differs from YearStats:\ngot  %+v\nwant %+v", a.Compliance, ys.Compliance)
	}
}

func sessionsOn(dates ...string) []Session {
	var ss []Session
	for _, d := range dates {
		s := Session{ID: uuid.New(), Kind: NoonClassroom}
		if d[0] == 'x' { // cancelled
			s.Cancelled, d = true, d[1:]
		}
		s.Date, _ = ParseDate(d)
		ss = append(ss, s)
	}
	return ss
}

func TestCheckinSession(t *testing.T) {
	today := NewDate(2026, 11, 27)
	for _, tc := range []struct {
		name  string
		dates []string
		want  int
	}{
		{"today's session", []string{"2026-11-20", "2026-11-27", "2026-12-04"}, 1},
		{"next one", []string{"2026-11-20", "2026-12-04"}, 1},
		{"today's cancelled, next", []string{"2026-11-20", "x2026-11-27", "2026-12-04"}, 2},
		{"only past ones", []string{"2026-11-13", "2026-11-20", "x2026-11-26"}, 1},
		{"all cancelled", []string{"x2026-11-20"}, -1},
		{"none", nil, -1},
	} {
		if got := CheckinSession(sessionsOn(tc.dates...), today); got != tc.want {
			t.Errorf("%s: got %d, want %d", tc.name, got, tc.want)
		}
	}
}

func TestLastHeldAndNext(t *testing.T) {
	today := NewDate(2026, 11, 27)
	ss := sessionsOn("2026-11-13", "x2026-11-20", "2026-11-27", "2026-12-04", "x2026-12-11", "2026-12-18")
	marked := map[uuid.UUID]bool{ss[2].ID: true}
	for _, tc := range []struct {
		name   string
		marked map[uuid.UUID]bool
		want   int
	}{
		{"today's session already marked", marked, 2},
		{"today's not yet marked: the one before, skipping the cancelled", nil, 0},
	} {
		if got := LastHeld(ss, today, func(id uuid.UUID) bool { return tc.marked[id] }); got != tc.want {
			t.Errorf("%s: got %d, want %d", tc.name, got, tc.want)
		}
	}
	next := NextSessions(ss, today, 5)
	var got []string
	for _, s := range next {
		got = append(got, s.Date.String())
	}
	if want := []string{"2026-11-27", "2026-12-04", "2026-12-18"}; !reflect.DeepEqual(got, want) {
		t.Errorf("next: got %v, want %v", got, want)
	}
	if got := NextSessions(ss, today, 1); len(got) != 1 {
		t.Errorf("next with n=1: got %d sessions, want 1", len(got))
	}
}

func TestSessionsWithCounts(t *testing.T) {
	l := newDemoLedger(t)
	rows, err := l.SessionsWithCounts(NewDate(2026, 11, 1), NewDate(2026, 12, 31))
	if err != nil {
		t.Fatal(err)
	}
	ss, err := l.Sessions(NewDate(2026, 11, 1), NewDate(2026, 12, 31))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(ss) {
		t.Fatalf("got %d rows, want %d sessions", len(rows), len(ss))
	}
	for i, r := range rows {
		sc, err := l.SessionCounts(r.Session.ID)
		if err != nil {
			t.Fatal(err)
		}
		if r.Session.ID != ss[i].ID || r.Counts != sc.Counts {
			t.Errorf("row %d (%s %s): got %+v, want %+v", i, r.Session.Date, r.Session.Kind, r.Counts, sc.Counts)
		}
		if r.Session.Date > l.Today() && r.Unmarked != r.Expected {
			t.Errorf("planned %s: got %d unmarked of %d, want all", r.Session.Date, r.Unmarked, r.Expected)
		}
		if r.Session.Kind == GroupMeeting && r.Expected != 7 {
			t.Errorf("group meeting %s: got %d expected, want 7 (one group)", r.Session.Date, r.Expected)
		}
	}
	years, err := l.SessionYears()
	if err != nil {
		t.Fatal(err)
	}
	if want := []int{2025, 2026}; !reflect.DeepEqual(years, want) { // 2025: last year's 组织生活会 (data/demo/duties.go)
		t.Errorf("years: got %v, want %v", years, want)
	}
}

func TestRoll(t *testing.T) {
	l := newDemoLedger(t)
	ss, err := l.Sessions(NewDate(2026, 11, 12), NewDate(2026, 11, 12)) // first group's meeting
	if err != nil || len(ss) != 1 {
		t.Fatalf("sessions: %v (%d)", err, len(ss))
	}
	r, err := l.Roll(ss[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	ms, err := l.Members()
	if err != nil {
		t.Fatal(err)
	}
	want := ExpectedMembers(&ss[0], ms)
	if len(r.Members) != len(want) || len(want) != 7 {
		t.Fatalf("got %d expected members, want %d (7)", len(r.Members), len(want))
	}
	marks, err := l.Marks(ss[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(r.Marks, marks) {
		t.Errorf("marks: got %v, want %v", r.Marks, marks)
	}
	sc, err := l.SessionCounts(ss[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if r.Stat.Counts != sc.Counts {
		t.Errorf("counts: got %+v, want %+v", r.Stat.Counts, sc.Counts)
	}
	if _, err := l.Roll(uuid.New()); err == nil {
		t.Error("roll of an unknown session: got no error")
	}
}

// The overview's load on the large ledger (5,000 members, 1,000 sessions,
// 1,000,000 marks), the session list's year and a check-in sheet, each
// against the floor of reading the ledger file's bytes once, measured
// interleaved in the same run ("x-floor"). Goal: overview ≤ 50 ms.

func agendaLarge(b *testing.B) *Ledger {
	b.Helper()
	path := filepath.Join(b.TempDir(), "large.ledger")
	if err := writeLargeDemo(path, testOptions()); err != nil {
		b.Fatal(err)
	}
	opt := testOptions()
	opt.ReadOnly = true
	l, err := Open(path, opt)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = l.Close() })
	return l
}

// agendaRatio runs op b.N times, each after one floor read of the ledger
// file, and reports ms/op and the ratio to the floor.
func agendaRatio(b *testing.B, l *Ledger, op func() error) {
	b.Helper()
	var tOp, tFloor time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t0 := time.Now()
		if _, err := os.ReadFile(l.Path()); err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		if err := op(); err != nil {
			b.Fatal(err)
		}
		tFloor += t1.Sub(t0)
		tOp += time.Since(t1)
	}
	b.StopTimer()
	n := float64(b.N)
	b.ReportMetric(tOp.Seconds()*1000/n, "ms/op")
	b.ReportMetric(tFloor.Seconds()*1000/n, "floor-ms/op")
	if tFloor > 0 {
		b.ReportMetric(float64(tOp)/float64(tFloor), "x-floor")
	}
}

// BenchmarkOverviewLoad is the overview page's one query (Agenda).
func BenchmarkOverviewLoad(b *testing.B) {
	l := agendaLarge(b)
	agendaRatio(b, l, func() error {
		a, err := l.Agenda(5)
		if err == nil && a.Last == nil {
			b.Fatal("no last session on the large ledger")
		}
		return err
	})
}

// BenchmarkSessionList is the session list's year: every session with
// its counts.
func BenchmarkSessionList(b *testing.B) {
	l := agendaLarge(b)
	y := l.Today().Year()
	agendaRatio(b, l, func() error {
		rows, err := l.SessionsWithCounts(NewDate(y, 1, 1), NewDate(y, 12, 31))
		if err == nil && len(rows) != largeSessions {
			b.Fatalf("got %d rows, want %d", len(rows), largeSessions)
		}
		return err
	})
}

// BenchmarkRoll is the check-in sheet of one session that expects every
// member of the large ledger.
func BenchmarkRoll(b *testing.B) {
	l := agendaLarge(b)
	ss, err := l.Sessions(0, l.Today())
	if err != nil || len(ss) == 0 {
		b.Fatalf("sessions: %v (%d)", err, len(ss))
	}
	id := ss[len(ss)-1].ID
	agendaRatio(b, l, func() error {
		r, err := l.Roll(id)
		if err == nil && len(r.Members) == 0 {
			b.Fatal("empty roll")
		}
		return err
	})
}

// BenchmarkStatsLoad is what the statistics screen reads: the years to
// choose from and the year's statistics.
func BenchmarkStatsLoad(b *testing.B) {
	l := agendaLarge(b)
	y := l.Today().Year()
	agendaRatio(b, l, func() error {
		if _, err := l.SessionYears(); err != nil {
			return err
		}
		ys, err := l.YearStats(y)
		if err == nil && len(ys.Held) != largeSessions {
			b.Fatalf("got %d held sessions, want %d", len(ys.Held), largeSessions)
		}
		return err
	})
}

// BenchmarkMakeUpList is the make-up tab's load: every study still owed
// for the year's sessions (about 100,000 on the large ledger).
func BenchmarkMakeUpList(b *testing.B) {
	l := agendaLarge(b)
	y := l.Today().Year()
	agendaRatio(b, l, func() error {
		owed, err := l.OwedMakeUps(NewDate(y, 1, 1), NewDate(y, 12, 31))
		if err == nil && len(owed) == 0 {
			b.Fatal("nothing owed on the large ledger")
		}
		return err
	})
}
