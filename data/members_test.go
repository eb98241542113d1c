package data

import (
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/uuid"
)

// makeMember returns a full member who passes ValidateMember; serial
// makes the ID number unique (0–899).
func makeMember(name string, serial int) Member {
	g := Male
	if serial%2 == 1 {
		g = Female
	}
	birth := NewDate(1980+serial%20, time.Month(1+serial%12), 1+serial%28)
	return Member{Name: name, Gender: g, Birth: birth, IDNumber: fakeIDNumber(birth, 100+serial, g),
		Group: "第一党小组", Category: Full, Joined: NewDate(birth.Year()+22+serial%5, 7, 1), Status: StatusNormal}
}

func TestSaveMemberAssigns(t *testing.T) {
	l := newTestLedger(t)
	var saved []Member
	for i, name := range []string{"王晓明", "李丽华", "张建国"} {
		m := makeMember(name, i)
		if err := l.SaveMember(&m); err != nil {
			t.Fatalf("SaveMember(%s): %v", name, err)
		}
		if m.ID == uuid.Nil || m.ID.Version() != 7 {
			t.Errorf("%s: got ID %s (version %d), want a v7 UUID", name, m.ID, m.ID.Version())
		}
		if want := uint32(i + 1); m.Seq != want {
			t.Errorf("%s: got seq %d, want %d", name, m.Seq, want)
		}
		if !m.Created.Equal(testNow) || !m.Updated.Equal(testNow) {
			t.Errorf("%s: got created %v updated %v, want both %v", name, m.Created, m.Updated, testNow)
		}
		saved = append(saved, m)
	}
	got, err := l.Member(saved[1].ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Name != "李丽华" || got.Seq != 2 || got.IDNumber != saved[1].IDNumber {
		t.Errorf("Member: got %+v, want %+v", got, saved[1])
	}
	ms, err := l.Members()
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) != 3 || ms[0].Name != "王晓明" || ms[2].Name != "张建国" {
		t.Errorf("Members: got %d in order %v, want the three in the order added", len(ms), memberNames(ms))
	}

	// An update keeps ID, seq and created time, and moves the ID-number index.
	later := testNow.Add(48 * time.Hour)
	l.opt.Now = func() time.Time { return later }
	upd := saved[0]
	upd.Seq, upd.Created = 99, time.Time{} // the caller cannot change them
	other := makeMember("王晓明", 50)
	upd.IDNumber, upd.Birth, upd.Gender, upd.Joined = other.IDNumber, other.Birth, other.Gender, other.Joined
	if err := l.SaveMember(&upd); err != nil {
		t.Fatal(err)
	}
	if upd.ID != saved[0].ID || upd.Seq != 1 || !upd.Created.Equal(testNow) || !upd.Updated.Equal(later) {
		t.Errorf("update: got ID %s seq %d created %v updated %v, want %s 1 %v %v",
			upd.ID, upd.Seq, upd.Created, upd.Updated, saved[0].ID, testNow, later)
	}
	if _, err := l.MemberByIDNumber(saved[0].IDNumber); !errors.Is(err, ErrNotFound) {
		t.Errorf("old ID number after the change: got %v, want ErrNotFound", err)
	}
	if m, err := l.MemberByIDNumber(other.IDNumber); err != nil || m.ID != saved[0].ID {
		t.Errorf("new ID number: got %s (%v), want %s", m.ID, err, saved[0].ID)
	}
	requireClean(t, l)
}

func memberNames(ms []Member) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.Name)
	}
	return out
}

// requireClean fails the test when Check finds anything.
func requireClean(t *testing.T, l *Ledger) {
	t.Helper()
	ps, err := l.Check()
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) > 0 {
		t.Errorf("Check: got %+v, want no problems", ps)
	}
}

func TestDuplicateIDNumber(t *testing.T) {
	l := newTestLedger(t)
	a := makeMember("王晓明", 1)
	if err := l.SaveMember(&a); err != nil {
		t.Fatal(err)
	}
	b := makeMember("王小明", 1) // the same person typed twice
	if err := l.SaveMember(&b); !errors.Is(err, ErrDuplicateID) {
		t.Errorf("second member with the same ID number: got %v, want ErrDuplicateID", err)
	}
	if b.ID != uuid.Nil {
		t.Errorf("refused member got ID %s, want none", b.ID)
	}
	// Another member may not take a stored number by an update either.
	c := makeMember("张建国", 2)
	if err := l.SaveMember(&c); err != nil {
		t.Fatal(err)
	}
	c2 := c
	c2.IDNumber, c2.Birth, c2.Gender = a.IDNumber, a.Birth, a.Gender
	if err := l.SaveMember(&c2); !errors.Is(err, ErrDuplicateID) {
		t.Errorf("update to another member's ID number: got %v, want ErrDuplicateID", err)
	}
	if m, err := l.MemberByIDNumber(c.IDNumber); err != nil || m.ID != c.ID {
		t.Errorf("after the refused update, %s's own number: got %s (%v), want %s", c.Name, m.ID, err, c.ID)
	}
	ms, err := l.Members()
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) != 2 {
		t.Errorf("members: got %d, want 2", len(ms))
	}
	requireClean(t, l)
}

// TestSaveMembersAllOrNothing: one bad member in a batch stores nothing of
// the batch, whether validation or the store refuses it.
func TestSaveMembersAllOrNothing(t *testing.T) {
	l := newTestLedger(t)
	first := makeMember("王晓明", 1)
	if err := l.SaveMember(&first); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		bad  func(m *Member)
		want func(error) bool
	}{
		{"invalid ID checksum", func(m *Member) { m.IDNumber = m.IDNumber[:17] + string("0123456789"[(int(m.IDNumber[17])+1)%10]) },
			func(err error) bool { var ve *ValidationError; return errors.As(err, &ve) }},
		{"no name", func(m *Member) { m.Name = " " },
			func(err error) bool { var ve *ValidationError; return errors.As(err, &ve) }},
		{"ID number already stored", func(m *Member) { *m = makeMember("王小明", 1) },
			func(err error) bool { return errors.Is(err, ErrDuplicateID) }},
		{"unknown member ID", func(m *Member) { m.ID = newID() },
			func(err error) bool { return errors.Is(err, ErrNotFound) }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			batch := []Member{makeMember("李丽华", 2), makeMember("张建国", 3), makeMember("刘海燕", 4)}
			tc.bad(&batch[2])
			ptrs := []*Member{&batch[0], &batch[1], &batch[2]}
			err := l.SaveMembers(ptrs)
			if !tc.want(err) {
				t.Fatalf("got %v, want the %s error", err, tc.name)
			}
			ms, err := l.Members()
			if err != nil {
				t.Fatal(err)
			}
			if len(ms) != 1 {
				t.Errorf("members after a refused batch: got %v, want only %s", memberNames(ms), first.Name)
			}
			for _, m := range batch[:2] {
				if m.ID != uuid.Nil {
					t.Errorf("%s: got ID %s after a refused batch, want none", m.Name, m.ID)
				}
				if _, err := l.MemberByIDNumber(m.IDNumber); !errors.Is(err, ErrNotFound) {
					t.Errorf("%s's ID number after a refused batch: got %v, want ErrNotFound", m.Name, err)
				}
			}
		})
	}
	// The sequence did not move either: the next member is seq 2.
	m := makeMember("陈志强", 5)
	if err := l.SaveMember(&m); err != nil {
		t.Fatal(err)
	}
	if m.Seq != 2 {
		t.Errorf("seq after refused batches: got %d, want 2", m.Seq)
	}
	requireClean(t, l)
}

// TestDepartureAndRestore: a member who leaves stays in the ledger and in
// the counts of earlier sessions; restoring keeps the history.
func TestDepartureAndRestore(t *testing.T) {
	l := newTestLedger(t)
	var ms []Member
	for i, name := range []string{"王晓明", "李丽华", "张建国"} {
		m := makeMember(name, i)
		if err := l.SaveMember(&m); err != nil {
			t.Fatal(err)
		}
		ms = append(ms, m)
	}
	before := Session{Kind: NoonClassroom, Theme: "正午课堂", Date: NewDate(2026, 6, 5)}
	after := Session{Kind: NoonClassroom, Theme: "正午课堂", Date: NewDate(2026, 9, 4)}
	if err := l.SaveSessions([]*Session{&before, &after}); err != nil {
		t.Fatal(err)
	}
	for _, s := range []Session{before, after} {
		if err := l.SetMarks(s.ID, map[uuid.UUID]Mark{ms[0].ID: {Status: Present}, ms[1].ID: {Status: Present}}, false); err != nil {
			t.Fatal(err)
		}
	}
	leaving := ms[1]
	dep := Departure{Reason: TransferOut, Date: NewDate(2026, 7, 1), Destination: "区税务局第一党支部"}
	if err := l.SetDeparture(leaving.ID, dep); err != nil {
		t.Fatal(err)
	}
	got, err := l.Member(leaving.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Active() || got.Left == nil || *got.Left != dep {
		t.Errorf("after SetDeparture: got active %v left %+v, want inactive, left %+v", got.Active(), got.Left, dep)
	}
	if len(got.Events) != 1 || got.Events[0].What != "left:transfer_out" || got.Events[0].Date != dep.Date {
		t.Errorf("events after SetDeparture: got %+v, want one left:transfer_out on %s", got.Events, dep.Date)
	}
	all, err := l.Members()
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 3 {
		t.Errorf("Members after a departure: got %d, want 3 (members are never deleted)", len(all))
	}
	for _, tc := range []struct {
		s             Session
		expected, pre int
	}{{before, 3, 2}, {after, 2, 1}} {
		st, err := l.SessionCounts(tc.s.ID)
		if err != nil {
			t.Fatal(err)
		}
		if st.Expected != tc.expected || st.Present != tc.pre {
			t.Errorf("session %s: got expected %d present %d, want %d and %d", tc.s.Date, st.Expected, st.Present, tc.expected, tc.pre)
		}
	}

	if err := l.RestoreMember(leaving.ID); err != nil {
		t.Fatal(err)
	}
	got, err = l.Member(leaving.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !got.Active() || got.Left != nil {
		t.Errorf("after RestoreMember: got active %v left %+v, want active", got.Active(), got.Left)
	}
	if len(got.Events) != 2 || got.Events[0].What != "left:transfer_out" || got.Events[0].Note != dep.Destination || got.Events[1].What != "restored" {
		t.Errorf("events after RestoreMember: got %+v, want the departure then restored", got.Events)
	}
	if st, err := l.SessionCounts(after.ID); err != nil || st.Expected != 3 {
		t.Errorf("session after the departure, member restored: got expected %d (%v), want 3", st.Expected, err)
	}

	// 出党 changes the party status, and restoring undoes it.
	if err := l.SetDeparture(ms[2].ID, Departure{Reason: Removed, Date: NewDate(2026, 8, 1)}); err != nil {
		t.Fatal(err)
	}
	if m, _ := l.Member(ms[2].ID); m.Status != StatusRemoved || m.Active() {
		t.Errorf("after 出党: got status %s active %v, want removed and inactive", m.Status, m.Active())
	}
	if err := l.RestoreMember(ms[2].ID); err != nil {
		t.Fatal(err)
	}
	if m, _ := l.Member(ms[2].ID); m.Status != StatusNormal || !m.Active() {
		t.Errorf("after restoring: got status %s active %v, want normal and active", m.Status, m.Active())
	}

	var ve *ValidationError
	for _, d := range []Departure{{Reason: TransferOut}, {Reason: "moved", Date: NewDate(2026, 8, 1)}} {
		if err := l.SetDeparture(ms[0].ID, d); !errors.As(err, &ve) {
			t.Errorf("SetDeparture(%+v): got %v, want a ValidationError", d, err)
		}
	}
	if err := l.SetDeparture(newID(), dep); !errors.Is(err, ErrNotFound) {
		t.Errorf("SetDeparture of an unknown member: got %v, want ErrNotFound", err)
	}
	requireClean(t, l)
}

func TestMaskEdges(t *testing.T) {
	for _, tc := range []struct{ fn, in, want string }{
		{"id", "310105199001011234", "310105********1234"},
		{"id", "31010519900101123X", "310105********123X"},
		{"id", "12345", "12345"},
		{"phone", "13800138000", "138****8000"},
		{"phone", "021-12345678", "021*****5678"},
		{"phone", "110", "110"},
	} {
		got := MaskIDNumber(tc.in)
		if tc.fn == "phone" {
			got = MaskPhone(tc.in)
		}
		if got != tc.want {
			t.Errorf("%s mask of %q: got %q, want %q", tc.fn, tc.in, got, tc.want)
		}
	}
}

// TestSaveMemberRefusesStaleCopy: a member form left open while the member
// is transferred out elsewhere must not undo the departure when saved.
func TestSaveMemberRefusesStaleCopy(t *testing.T) {
	tick := testNow
	clock := func() time.Time { tick = tick.Add(time.Second); return tick }
	l, err := Create(filepath.Join(t.TempDir(), "stale.ledger"), Branch{Name: "测试支部"}, Options{Now: clock, NoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	m := Member{Name: "张三", IDNumber: "310105196401173912", Category: Full, Joined: NewDate(1994, 9, 29), Confirmed: NewDate(1995, 9, 29)}
	if err := l.SaveMember(&m); err != nil {
		t.Fatal(err)
	}
	form := m // what an open form holds
	if err := l.SetDeparture(m.ID, Departure{Reason: TransferOut, Date: NewDate(2026, 11, 1), Destination: "区税务局党支部"}); err != nil {
		t.Fatal(err)
	}
	form.Phone = "13800138000"
	if err := l.SaveMember(&form); !errors.Is(err, ErrStale) {
		t.Fatalf("saving a stale copy: got %v, want ErrStale", err)
	}
	got, err := l.Member(m.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Left == nil || got.Phone != "" {
		t.Errorf("after the refused save: got left %+v phone %q, want the departure kept and no new phone", got.Left, got.Phone)
	}
	// A fresh copy saves.
	got.Phone = "13800138000"
	if err := l.SaveMember(&got); err != nil {
		t.Fatalf("saving a fresh copy: %v", err)
	}
	if again, _ := l.Member(m.ID); again.Phone != "13800138000" || again.Left == nil {
		t.Errorf("after the fresh save: got phone %q left %+v", again.Phone, again.Left)
	}
}
