package data

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/google/uuid"
)

func TestOverlaps(t *testing.T) {
	noon := Session{Kind: NoonClassroom, Date: NewDate(2026, 12, 4), Start: "12:00", End: "13:00"}
	with := func(f func(*Session)) Session { s := noon; f(&s); return s }
	tests := []struct {
		name string
		b    Session
		want bool
	}{
		{"same time", noon, true},
		{"starts inside", with(func(s *Session) { s.Start, s.End = "12:30", "14:00" }), true},
		{"contains it", with(func(s *Session) { s.Start, s.End = "11:00", "14:00" }), true},
		{"starts at its end", with(func(s *Session) { s.Start, s.End = "13:00", "14:00" }), false},
		{"ends at its start", with(func(s *Session) { s.Start, s.End = "10:00", "12:00" }), false},
		{"no times at all", with(func(s *Session) { s.Start, s.End = "", "" }), true},
		{"start only, inside", with(func(s *Session) { s.Start, s.End = "12:59", "" }), true},
		{"other kind", with(func(s *Session) { s.Kind = PartyLecture }), false},
		{"other date", with(func(s *Session) { s.Date = NewDate(2026, 12, 11) }), false},
		{"cancelled", with(func(s *Session) { s.Cancelled = true }), false},
	}
	for _, tt := range tests {
		if got := Overlaps(&noon, &tt.b); got != tt.want {
			t.Errorf("%s: Overlaps got %v, want %v", tt.name, got, tt.want)
		}
		if got := Overlaps(&tt.b, &noon); got != tt.want {
			t.Errorf("%s (swapped): Overlaps got %v, want %v", tt.name, got, tt.want)
		}
	}
	self := noon
	self.ID = uuid.New()
	if Overlaps(&self, &self) {
		t.Error("a stored session overlaps itself")
	}
}

// seriesWithDuplicates stores a Noon Classroom on 2026-12-11 12:00–13:00,
// a party lecture on 2026-12-18 at the same time, and returns a Friday
// series for December 2026 (4, 11, 18, 25).
func seriesWithDuplicates(t *testing.T) (*Ledger, *Series) {
	t.Helper()
	l := newTestLedger(t)
	dup := Session{Kind: NoonClassroom, Theme: "股权转让备案", Date: NewDate(2026, 12, 11), Start: "12:00", End: "13:00"}
	other := Session{Kind: PartyLecture, Theme: "党课", Date: NewDate(2026, 12, 18), Start: "12:00", End: "13:00"}
	if err := l.SaveSessions([]*Session{&dup, &other}); err != nil {
		t.Fatal(err)
	}
	return l, &Series{Kind: NoonClassroom, Theme: "正午课堂", Weekday: time.Friday, Start: "12:30", End: "13:30",
		From: NewDate(2026, 12, 1), To: NewDate(2026, 12, 31)}
}

func TestConflictsOfASeries(t *testing.T) {
	l, sr := seriesWithDuplicates(t)
	cs, err := l.Conflicts(GenerateSeries(sr, nil))
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != 1 || cs[0].New.Date.String() != "2026-12-11" || cs[0].Existing.Theme != "股权转让备案" {
		t.Fatalf("got %+v, want the 2026-12-11 Noon Classroom 股权转让备案 only", cs)
	}
	if cs, err := l.Conflicts(nil); err != nil || len(cs) != 0 {
		t.Errorf("no plan: got %v, %v", cs, err)
	}
}

func TestSaveSeriesSkipsConflicts(t *testing.T) {
	for _, tc := range []struct {
		skip    bool
		created int
		want    []string // all Noon Classroom dates stored afterwards
	}{
		{true, 3, []string{"2026-12-04", "2026-12-11", "2026-12-18", "2026-12-25"}},
		{false, 4, []string{"2026-12-04", "2026-12-11", "2026-12-11", "2026-12-18", "2026-12-25"}},
	} {
		l, sr := seriesWithDuplicates(t)
		gen, err := l.SaveSeries(sr, nil, tc.skip)
		if err != nil {
			t.Fatal(err)
		}
		if len(gen) != tc.created {
			t.Errorf("skip=%v: created %d, want %d", tc.skip, len(gen), tc.created)
		}
		ss, err := l.Sessions(0, 0)
		if err != nil {
			t.Fatal(err)
		}
		ss = slices.DeleteFunc(ss, func(s Session) bool { return s.Kind != NoonClassroom })
		if !slices.Equal(dates(ss), tc.want) {
			t.Errorf("skip=%v: stored %v, want %v", tc.skip, dates(ss), tc.want)
		}
	}
}

func TestMakeUpCorrectRemoveAndList(t *testing.T) {
	f := newMarkFixture(t) // the closed session is dated 2026-10-20
	marks := map[uuid.UUID]Mark{f.ms[1].ID: {Status: OnLeave, Reason: Sick}, f.ms[2].ID: {Status: Absent}}
	if err := f.l.SetMarks(f.closID, marks, true); err != nil {
		t.Fatal(err)
	}
	before := MakeUp{SessionID: f.closID, MemberID: f.ms[1].ID, Date: NewDate(2026, 10, 19), Method: SelfStudy}
	var ve *ValidationError
	if err := f.l.SaveMakeUp(&before); !errors.As(err, &ve) || ve.Problems[0].Code != "problem.makeup_before_session" ||
		ve.Problems[0].Args["Date"] != "2026-10-20" {
		t.Fatalf("a make-up the day before: got %v, want problem.makeup_before_session naming 2026-10-20", err)
	}
	sameDay := MakeUp{SessionID: f.closID, MemberID: f.ms[1].ID, Date: NewDate(2026, 10, 20), Method: SelfStudy}
	later := MakeUp{SessionID: f.closID, MemberID: f.ms[2].ID, Date: NewDate(2026, 10, 30), Method: TalkWithSec}
	for _, mu := range []*MakeUp{&sameDay, &later} {
		if err := f.l.SaveMakeUp(mu); err != nil {
			t.Fatal(err)
		}
	}
	done, err := f.l.DoneMakeUps()
	if err != nil {
		t.Fatal(err)
	}
	if len(done) != 2 || done[0].Member.Name != "张建国" || done[0].MakeUp.Date.String() != "2026-10-30" ||
		done[1].Member.Name != "李丽华" || done[1].Session.Theme != "支部党员大会" {
		t.Fatalf("done: got %+v, want 张建国 (2026-10-30) then 李丽华 (2026-10-20)", done)
	}
	// Correct 李丽华's date: the same record, moved to the top.
	sameDay.Date, sameDay.Note = NewDate(2026, 11, 2), "改正日期"
	if err := f.l.SaveMakeUp(&sameDay); err != nil {
		t.Fatal(err)
	}
	done, _ = f.l.DoneMakeUps()
	if len(done) != 2 || done[0].Member.Name != "李丽华" || done[0].MakeUp.Date.String() != "2026-11-02" || done[0].MakeUp.Note != "改正日期" {
		t.Fatalf("after correcting: got %+v, want 李丽华 on 2026-11-02 first", done)
	}
	// Remove 张建国's: owed again.
	if err := f.l.DeleteMakeUp(f.closID, f.ms[2].ID); err != nil {
		t.Fatal(err)
	}
	if err := f.l.DeleteMakeUp(f.closID, f.ms[2].ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("removing twice: got %v, want ErrNotFound", err)
	}
	owed, err := f.l.OwedMakeUps(0, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(owed) != 1 || owed[0].Member.Name != "张建国" {
		t.Errorf("owed after removing: got %+v, want 张建国", owed)
	}
	requireClean(t, f.l)
}

func TestCountsPending(t *testing.T) {
	if (Counts{Expected: 5000, Present: 975, Late: 0, Leave: 0, Absent: 25, Unmarked: 4000}).Pending() != true {
		t.Error("4,000 unmarked: not pending")
	}
	if (Counts{Expected: 14, Present: 12, Leave: 1, Absent: 1}).Pending() {
		t.Error("all marked: pending")
	}
}
