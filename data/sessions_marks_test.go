package data

import (
	"errors"
	"testing"

	"github.com/google/uuid"
)

// TestSaveSessionsWithMarks records past sessions with their marks in one
// transaction: a closed session takes them without a history entry, and a
// refusal saves nothing.
func TestSaveSessionsWithMarks(t *testing.T) {
	f := newMarkFixture(t)
	a, b, c := f.ms[0].ID, f.ms[1].ID, f.ms[2].ID
	past := &Session{Kind: NoonClassroom, Theme: "纸质签到补录", Date: NewDate(2026, 3, 6), Closed: true}
	empty := &Session{Kind: CommitteeMeeting, Theme: "支委会", Date: NewDate(2026, 3, 9), Closed: true}
	err := f.l.SaveSessionsWithMarks([]*Session{past, empty}, []map[uuid.UUID]Mark{
		{a: {Status: Present}, b: {Status: OnLeave, Reason: Sick}, c: {Status: Late, Reason: Personal}},
		nil,
	})
	if err != nil {
		t.Fatal(err)
	}
	if past.ID == uuid.Nil || !past.Created.Equal(testNow) {
		t.Fatalf("session not filled in: %+v", past)
	}
	got := f.marks(t, past.ID)
	want := map[uuid.UUID]Mark{a: {Status: Present}, b: {Status: OnLeave, Reason: Sick}, c: {Status: Late}}
	if len(got) != 3 || got[a] != want[a] || got[b] != want[b] || got[c] != want[c] {
		t.Errorf("marks: got %v, want %v (a late mark keeps no reason)", got, want)
	}
	if h, err := f.l.MarkHistory(past.ID); err != nil || len(h) != 0 {
		t.Errorf("history: got %v (%v), want none", h, err)
	}
	if m := f.marks(t, empty.ID); len(m) != 0 {
		t.Errorf("session saved without marks has %v", m)
	}

	stranger := &Session{Kind: NoonClassroom, Theme: "外来人员", Date: NewDate(2026, 3, 13)}
	err = f.l.SaveSessionsWithMarks([]*Session{stranger}, []map[uuid.UUID]Mark{{uuid.New(): {Status: Present}}})
	if !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown member: got %v, want ErrNotFound", err)
	}
	bad := &Session{Kind: NoonClassroom, Theme: "错误状态", Date: NewDate(2026, 3, 20)}
	err = f.l.SaveSessionsWithMarks([]*Session{bad}, []map[uuid.UUID]Mark{{a: {Status: Absent + 1}}})
	var ve *ValidationError
	if !errors.As(err, &ve) {
		t.Errorf("bad mark: got %v, want a ValidationError", err)
	}
	if err := f.l.SaveSessionsWithMarks([]*Session{bad}, nil); err == nil {
		t.Error("one session with no list of marks was accepted")
	}
	ss, err := f.l.Sessions(NewDate(2026, 3, 1), NewDate(2026, 3, 31))
	if err != nil || len(ss) != 2 {
		t.Errorf("sessions in March: got %d (%v), want 2 (the refused ones not saved)", len(ss), err)
	}
}
