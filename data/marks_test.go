package data

import (
	"errors"
	"maps"
	"testing"
	"time"

	"github.com/google/uuid"
	bolt "go.etcd.io/bbolt"
)

// markFixture is a small ledger with members and one open and one closed
// session.
type markFixture struct {
	l              *Ledger
	ms             []Member
	open, closed   Session
	openID, closID uuid.UUID
}

func newMarkFixture(t *testing.T) *markFixture {
	t.Helper()
	f := &markFixture{l: newTestLedger(t)}
	var ptrs []*Member
	for i, name := range []string{"王晓明", "李丽华", "张建国", "刘海燕", "陈志强"} {
		m := makeMember(name, i)
		ptrs = append(ptrs, &m)
	}
	if err := f.l.SaveMembers(ptrs); err != nil {
		t.Fatal(err)
	}
	for _, p := range ptrs {
		f.ms = append(f.ms, *p)
	}
	f.open = Session{Kind: NoonClassroom, Theme: "正午课堂", Date: NewDate(2026, 11, 27)}
	f.closed = Session{Kind: GeneralMeeting, Theme: "支部党员大会", Date: NewDate(2026, 10, 20), Closed: true}
	if err := f.l.SaveSessions([]*Session{&f.open, &f.closed}); err != nil {
		t.Fatal(err)
	}
	f.openID, f.closID = f.open.ID, f.closed.ID
	return f
}

func (f *markFixture) marks(t *testing.T, s uuid.UUID) map[uuid.UUID]Mark {
	t.Helper()
	m, err := f.l.Marks(s)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// txID returns the id of the ledger's last committed write transaction.
func txID(t *testing.T, l *Ledger) int {
	t.Helper()
	var id int
	if err := l.db.View(func(tx *bolt.Tx) error { id = tx.ID(); return nil }); err != nil {
		t.Fatal(err)
	}
	return id
}

// TestOneTransactionPerAction counts bbolt commits: marking a whole
// session, saving a batch of members and generating a series are one
// write transaction each.
func TestOneTransactionPerAction(t *testing.T) {
	f := newMarkFixture(t)
	l := f.l
	all := map[uuid.UUID]Mark{}
	for _, m := range f.ms {
		all[m.ID] = Mark{Status: Present}
	}
	var batch []*Member
	for i := range 4 {
		m := makeMember("新党员", 10+i)
		batch = append(batch, &m)
	}
	sr := &Series{Kind: NoonClassroom, Theme: "正午课堂", Weekday: time.Friday, From: NewDate(2026, 12, 1), To: NewDate(2026, 12, 31)}
	for _, tc := range []struct {
		name string
		do   func() error
	}{
		{"SetMarks for every member", func() error { return l.SetMarks(f.openID, all, false) }},
		{"SaveMembers of four", func() error { return l.SaveMembers(batch) }},
		{"SaveSeries of a month", func() error { _, err := l.SaveSeries(sr, nil, false); return err }},
		{"SetMark on a closed session", func() error { return l.SetMark(f.closID, f.ms[0].ID, Mark{Status: Late}, true) }},
	} {
		before := txID(t, l)
		if err := tc.do(); err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if got := txID(t, l) - before; got != 1 {
			t.Errorf("%s: got %d write transactions, want 1", tc.name, got)
		}
	}
	if got := f.marks(t, f.openID); len(got) != len(f.ms) {
		t.Errorf("marks after marking everyone: got %d, want %d", len(got), len(f.ms))
	}
}

// TestSetMarksAllOrNothing: a batch with one bad entry stores nothing.
func TestSetMarksAllOrNothing(t *testing.T) {
	f := newMarkFixture(t)
	start := map[uuid.UUID]Mark{f.ms[0].ID: {Status: Late}, f.ms[1].ID: {Status: OnLeave, Reason: Sick}}
	if err := f.l.SetMarks(f.openID, start, false); err != nil {
		t.Fatal(err)
	}
	var ve *ValidationError
	tests := []struct {
		name    string
		session uuid.UUID
		bad     func(marks map[uuid.UUID]Mark)
		want    func(error) bool
	}{
		{"unknown member", f.openID, func(m map[uuid.UUID]Mark) { m[newID()] = Mark{Status: Present} },
			func(err error) bool { return errors.Is(err, ErrNotFound) }},
		{"status out of range", f.openID, func(m map[uuid.UUID]Mark) { m[f.ms[4].ID] = Mark{Status: Absent + 1} },
			func(err error) bool { return errors.As(err, &ve) }},
		{"reason out of range", f.openID, func(m map[uuid.UUID]Mark) { m[f.ms[4].ID] = Mark{Status: OnLeave, Reason: Personal + 1} },
			func(err error) bool { return errors.As(err, &ve) }},
		{"unknown session", newID(), func(map[uuid.UUID]Mark) {},
			func(err error) bool { return errors.Is(err, ErrNotFound) }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			marks := map[uuid.UUID]Mark{}
			for _, m := range f.ms[:4] { // a change for every member, including the two marked
				marks[m.ID] = Mark{Status: Absent}
			}
			tc.bad(marks)
			if err := f.l.SetMarks(tc.session, marks, false); !tc.want(err) {
				t.Fatalf("got %v, want the %s error", err, tc.name)
			}
			if got := f.marks(t, f.openID); !maps.Equal(got, start) {
				t.Errorf("marks after a refused batch: got %v, want %v", got, start)
			}
		})
	}
	requireClean(t, f.l)
}

func TestSetMarkValues(t *testing.T) {
	f := newMarkFixture(t)
	id := f.ms[2].ID
	for _, tc := range []struct {
		set  Mark
		want Mark
		has  bool
	}{
		{Mark{Status: Present}, Mark{Status: Present}, true},
		{Mark{Status: OnLeave, Reason: OnDuty}, Mark{Status: OnLeave, Reason: OnDuty}, true},
		{Mark{Status: Late, Reason: Sick}, Mark{Status: Late}, true}, // only leave has a reason
		{Mark{Status: Unmarked}, Mark{}, false},                      // clears: 未登记
		{Mark{Status: Unmarked}, Mark{}, false},                      // clearing twice is fine
		{Mark{Status: Absent}, Mark{Status: Absent}, true},
	} {
		if err := f.l.SetMark(f.openID, id, tc.set, false); err != nil {
			t.Fatalf("SetMark(%+v): %v", tc.set, err)
		}
		got, ok := f.marks(t, f.openID)[id]
		if ok != tc.has || got != tc.want {
			t.Errorf("after SetMark(%+v): got %+v (present %v), want %+v (present %v)", tc.set, got, ok, tc.want, tc.has)
		}
	}
	// Marks of other members and sessions are untouched.
	if got := f.marks(t, f.openID); len(got) != 1 {
		t.Errorf("open session: got %d marks, want 1", len(got))
	}
	if got := f.marks(t, f.closID); len(got) != 0 {
		t.Errorf("closed session: got %d marks, want 0", len(got))
	}
	requireClean(t, f.l)
}

// TestClosedSession: changing a closed session's marks needs confirmation,
// and each confirmed change is kept in its history, even when the clock
// does not move between two changes.
func TestClosedSession(t *testing.T) {
	f := newMarkFixture(t)
	id := f.ms[1].ID
	// The demo and the importer fill closed sessions through confirmed writes.
	if err := f.l.SetMark(f.closID, id, Mark{Status: Present}, true); err != nil {
		t.Fatal(err)
	}
	hist0, err := f.l.MarkHistory(f.closID)
	if err != nil {
		t.Fatal(err)
	}

	if err := f.l.SetMark(f.closID, id, Mark{Status: Absent}, false); !errors.Is(err, ErrSessionClosed) {
		t.Errorf("unconfirmed SetMark on a closed session: got %v, want ErrSessionClosed", err)
	}
	if err := f.l.SetMarks(f.closID, map[uuid.UUID]Mark{f.ms[0].ID: {Status: Present}}, false); !errors.Is(err, ErrSessionClosed) {
		t.Errorf("unconfirmed SetMarks on a closed session: got %v, want ErrSessionClosed", err)
	}
	if got := f.marks(t, f.closID); len(got) != 1 || got[id] != (Mark{Status: Present}) {
		t.Errorf("after refused changes: got %v, want only %s present", got, id)
	}
	if h, _ := f.l.MarkHistory(f.closID); len(h) != len(hist0) {
		t.Errorf("refused changes wrote history: got %d entries, want %d", len(h), len(hist0))
	}

	changes := []Mark{{Status: OnLeave, Reason: Personal}, {Status: Late}, {Status: Late}}
	for _, m := range changes {
		if err := f.l.SetMark(f.closID, id, m, true); err != nil {
			t.Fatalf("confirmed SetMark(%+v): %v", m, err)
		}
	}
	if got := f.marks(t, f.closID)[id]; got != (Mark{Status: Late}) {
		t.Errorf("after confirmed changes: got %+v, want late", got)
	}
	h, err := f.l.MarkHistory(f.closID)
	if err != nil {
		t.Fatal(err)
	}
	h = h[len(hist0):]
	// Setting the same value again is no change and leaves no entry.
	want := []MarkChange{
		{SessionID: f.closID, MemberID: id, At: testNow, Old: Mark{Status: Present}, New: Mark{Status: OnLeave, Reason: Personal}},
		{SessionID: f.closID, MemberID: id, At: testNow, Old: Mark{Status: OnLeave, Reason: Personal}, New: Mark{Status: Late}},
	}
	if len(h) != len(want) {
		t.Fatalf("history: got %d entries %+v, want %d", len(h), h, len(want))
	}
	for i := range want {
		if h[i].SessionID != want[i].SessionID || h[i].MemberID != want[i].MemberID || !h[i].At.Equal(want[i].At) ||
			h[i].Old != want[i].Old || h[i].New != want[i].New {
			t.Errorf("history %d: got %+v, want %+v", i, h[i], want[i])
		}
	}
	if other, _ := f.l.MarkHistory(f.openID); len(other) != 0 {
		t.Errorf("history of the open session: got %d entries, want 0", len(other))
	}

	// Reopened, it takes changes without confirmation and keeps no history.
	if err := f.l.CloseSession(f.closID, false); err != nil {
		t.Fatal(err)
	}
	if err := f.l.SetMark(f.closID, id, Mark{Status: Present}, false); err != nil {
		t.Errorf("SetMark on a reopened session: %v", err)
	}
	if h2, _ := f.l.MarkHistory(f.closID); len(h2) != len(hist0)+len(want) {
		t.Errorf("history after a change while open: got %d entries, want %d", len(h2), len(hist0)+len(want))
	}
	if err := f.l.CloseSession(newID(), true); !errors.Is(err, ErrNotFound) {
		t.Errorf("CloseSession of an unknown session: got %v, want ErrNotFound", err)
	}
	requireClean(t, f.l)
}

func TestMakeUps(t *testing.T) {
	f := newMarkFixture(t)
	marks := map[uuid.UUID]Mark{
		f.ms[0].ID: {Status: Present},
		f.ms[1].ID: {Status: OnLeave, Reason: Sick},
		f.ms[2].ID: {Status: Absent},
	}
	if err := f.l.SetMarks(f.closID, marks, true); err != nil {
		t.Fatal(err)
	}
	owed, err := f.l.OwedMakeUps(0, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(owed) != 2 || owed[0].Member.ID != f.ms[1].ID || owed[1].Member.ID != f.ms[2].ID {
		t.Fatalf("owed: got %+v, want %s and %s", owed, f.ms[1].Name, f.ms[2].Name)
	}
	mu := MakeUp{SessionID: f.closID, MemberID: f.ms[1].ID, Date: NewDate(2026, 10, 23), Method: SelfStudy, Note: "学习会议材料"}
	if err := f.l.SaveMakeUp(&mu); err != nil {
		t.Fatal(err)
	}
	var ve *ValidationError
	for _, tc := range []struct {
		name string
		mu   MakeUp
		want func(error) bool
	}{
		{"present member owes nothing", MakeUp{SessionID: f.closID, MemberID: f.ms[0].ID, Date: NewDate(2026, 10, 23), Method: TalkWithSec},
			func(err error) bool { return errors.Is(err, ErrNotFound) }},
		{"unknown member", MakeUp{SessionID: f.closID, MemberID: newID(), Date: NewDate(2026, 10, 23), Method: TalkWithSec},
			func(err error) bool { return errors.Is(err, ErrNotFound) }},
		{"no date", MakeUp{SessionID: f.closID, MemberID: f.ms[2].ID, Method: TalkWithSec},
			func(err error) bool { return errors.As(err, &ve) }},
		{"unknown method", MakeUp{SessionID: f.closID, MemberID: f.ms[2].ID, Date: NewDate(2026, 10, 23), Method: "dream"},
			func(err error) bool { return errors.As(err, &ve) }},
	} {
		if err := f.l.SaveMakeUp(&tc.mu); !tc.want(err) {
			t.Errorf("SaveMakeUp %s: got %v", tc.name, err)
		}
	}
	mus, err := f.l.MakeUps()
	if err != nil {
		t.Fatal(err)
	}
	if len(mus) != 1 || mus[0].MemberID != f.ms[1].ID || mus[0].Note != "学习会议材料" || !mus[0].Created.Equal(testNow) {
		t.Errorf("make-ups: got %+v, want the one saved", mus)
	}
	owed, err = f.l.OwedMakeUps(0, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(owed) != 1 || owed[0].Member.ID != f.ms[2].ID || owed[0].Mark.Status != Absent {
		t.Errorf("owed after one make-up: got %+v, want only %s", owed, f.ms[2].Name)
	}
	if owed, _ := f.l.OwedMakeUps(NewDate(2026, 11, 1), 0); len(owed) != 0 {
		t.Errorf("owed from November: got %d, want 0", len(owed))
	}
	requireClean(t, f.l)
}
