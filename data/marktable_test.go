package data

import (
	"testing"

	"github.com/google/uuid"
)

// TestMarkTable checks the grid against Marks, session by session, with
// the members in an order of their own and an unknown session (no marks).
func TestMarkTable(t *testing.T) {
	l := newDemoLedger(t)
	ms, err := l.Members()
	if err != nil {
		t.Fatal(err)
	}
	for i, j := 0, len(ms)-1; i < j; i, j = i+1, j-1 {
		ms[i], ms[j] = ms[j], ms[i]
	}
	ss, err := l.Sessions(0, 0)
	if err != nil {
		t.Fatal(err)
	}
	ids := []uuid.UUID{uuid.New()}
	for _, s := range ss {
		ids = append(ids, s.ID)
	}
	table, err := l.MarkTable(ids, ms)
	if err != nil {
		t.Fatal(err)
	}
	if len(table) != len(ids) {
		t.Fatalf("got %d columns, want %d", len(table), len(ids))
	}
	marked := 0
	for j, id := range ids {
		marks, err := l.Marks(id)
		if err != nil {
			t.Fatal(err)
		}
		for i, m := range ms {
			if got, want := table[j][i], marks[m.ID].Status; got != want {
				t.Errorf("session %d, member %s: got %v, want %v", j, m.Name, got, want)
			}
			if table[j][i] != Unmarked {
				marked++
			}
		}
	}
	if marked == 0 {
		t.Error("no marks in the demo's table")
	}
}
