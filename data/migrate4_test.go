package data

import (
	"bytes"
	"encoding/binary"
	"errors"
	"maps"
	"testing"

	"github.com/google/uuid"
	bolt "go.etcd.io/bbolt"
)

// toSchema3 rewrites a ledger's marks in schema 3's layout (one summed
// value per session under the session ID) and marks it schema 3, as a
// ledger written by the previous version is.
func toSchema3(t *testing.T, path string) {
	t.Helper()
	updateRaw(t, path, func(tx *bolt.Tx) error {
		b := tx.Bucket(bMarks)
		hist, err := tx.CreateBucket(bMarkHist)
		if err != nil {
			return err
		}
		if err := hist.SetSequence(b.Sequence()); err != nil {
			return err
		}
		bySession := map[uuid.UUID][]markEntry{}
		var keys [][]byte
		if err := b.ForEach(func(k, v []byte) error {
			keys = append(keys, append([]byte(nil), k...))
			if len(k) == 40 { // session, block, ^time, ^order, seq → session, time, order, seq
				old := append([]byte(nil), k[:16]...)
				old = binary.BigEndian.AppendUint64(old, ^binary.BigEndian.Uint64(k[20:]))
				old = binary.BigEndian.AppendUint64(old, ^binary.BigEndian.Uint64(k[28:]))
				old = append(old, k[36:]...)
				return hist.Put(old, append([]byte(nil), v...))
			}
			sid, _, es := decodePiece(t, k, v)
			bySession[sid] = append(bySession[sid], es...)
			return nil
		}); err != nil {
			return err
		}
		for _, k := range keys {
			if err := b.Delete(k); err != nil {
				return err
			}
		}
		for sid, es := range bySession {
			if err := b.Put(sid[:], encodeMarks(sid, es)); err != nil {
				return err
			}
		}
		if err := b.SetSequence(0); err != nil { // schema 3 numbered changes in their own bucket
			return err
		}
		return tx.Bucket(bMeta).Put(kSchema, seqKey(3))
	})
}

// schema3Fixture is a closed mark fixture in schema 3's layout: in the
// open session ms[0] present and ms[1] on sick leave; in the closed one
// ms[4] (seq 5) absent, marked after closing, so one mark history record.
func schema3Fixture(t *testing.T) (*markFixture, string) {
	t.Helper()
	f := newMarkFixture(t)
	a, b, c := f.ms[0].ID, f.ms[1].ID, f.ms[4].ID
	if err := f.l.SetMarks(f.openID, map[uuid.UUID]Mark{a: {Status: Present}, b: {Status: OnLeave, Reason: Sick}}, false); err != nil {
		t.Fatal(err)
	}
	if err := f.l.SetMarks(f.closID, map[uuid.UUID]Mark{c: {Status: Absent}}, true); err != nil {
		t.Fatal(err)
	}
	path := f.l.Path()
	if err := f.l.Close(); err != nil {
		t.Fatal(err)
	}
	toSchema3(t, path)
	return f, path
}

// TestMigrateSchema3 opens a ledger of schema 3 (one marks value per
// session): read-only it is read as it is, the file untouched; opened for
// writing it is backed up, then its marks move into blocks with every
// mark kept.
func TestMigrateSchema3(t *testing.T) {
	f, path := schema3Fixture(t)
	a, b, c := f.ms[0].ID, f.ms[1].ID, f.ms[4].ID
	change := MarkChange{SessionID: f.closID, MemberID: c, At: testNow, New: Mark{Status: Absent}}
	history := func(l *Ledger, want ...MarkChange) {
		t.Helper()
		got, err := l.MarkHistory(f.closID)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(want) {
			t.Fatalf("history: got %+v, want %+v", got, want)
		}
		for i := range want {
			if g, w := got[i], want[i]; g.SessionID != w.SessionID || g.MemberID != w.MemberID || !g.At.Equal(w.At) || g.Old != w.Old || g.New != w.New {
				t.Errorf("history[%d]: got %+v, want %+v", i, g, w)
			}
		}
	}
	wantOpen := map[uuid.UUID]Mark{a: {Status: Present}, b: {Status: OnLeave, Reason: Sick}}
	wantClosed := map[uuid.UUID]Mark{c: {Status: Absent}}
	marksOf := func(l *Ledger, sid uuid.UUID) map[uuid.UUID]Mark {
		t.Helper()
		m, err := l.Marks(sid)
		if err != nil {
			t.Fatal(err)
		}
		return m
	}

	before := readBytes(t, path)
	old, err := Open(path, Options{Now: testOptions().Now, ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if got := marksOf(old, f.openID); !maps.Equal(got, wantOpen) {
		t.Errorf("schema 3 read as it is: got %v, want %v", got, wantOpen)
	}
	history(old, change)
	if err := old.SetMark(f.openID, a, Mark{Status: Late}, false); !errors.Is(err, ErrReadOnly) {
		t.Errorf("a mark in schema 3 opened read-only: got %v, want ErrReadOnly", err)
	}
	if err := old.Close(); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(readBytes(t, path), before) {
		t.Error("opening schema 3 read-only changed the file")
	}

	l, err := Open(path, Options{Now: testOptions().Now})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if got := rawSchema2(t, l); got != 4 {
		t.Errorf("schema after opening: got %d, want 4", got)
	}
	if got := marksOf(l, f.openID); !maps.Equal(got, wantOpen) {
		t.Errorf("open session after migration: got %v, want %v", got, wantOpen)
	}
	if got := marksOf(l, f.closID); !maps.Equal(got, wantClosed) {
		t.Errorf("closed session after migration: got %v, want %v", got, wantClosed)
	}
	history(l, change)
	blocks, changes := 0, 0
	if err := l.view(func(tx *bolt.Tx) error {
		if tx.Bucket(bMarkHist) != nil {
			t.Error("the old mark history bucket is still there")
		}
		return tx.Bucket(bMarks).ForEach(func(k, v []byte) error {
			if len(k) == 40 {
				changes++
				return nil
			}
			decodePiece(t, k, v) // a block, or the test fails
			blocks++
			return nil
		})
	}); err != nil {
		t.Fatal(err)
	}
	if blocks != 2 || changes != 1 {
		t.Errorf("marks bucket after migration: %d blocks and %d changes, want 2 (one per session) and 1", blocks, changes)
	}
	// A change made after the migration follows the one made before, even
	// at the same instant (the write order carries on).
	if err := l.SetMark(f.closID, c, Mark{Status: Late}, true); err != nil {
		t.Fatal(err)
	}
	history(l, change, MarkChange{SessionID: f.closID, MemberID: c, At: testNow, Old: Mark{Status: Absent}, New: Mark{Status: Late}})
	if ps, err := l.Check(); err != nil || len(ps) > 0 {
		t.Errorf("Check after migration: %v %+v", err, ps)
	}
	bs, err := Backups(path)
	if err != nil || len(bs) != 1 {
		t.Fatalf("backups: %v (%v), want the copy made before migrating", bs, err)
	}
	if got := rawSchema(t, bs[0]); got != 3 {
		t.Errorf("backup: schema %d, want 3", got)
	}
}

// rawSchema2 reads the schema number of an open ledger.
func rawSchema2(t *testing.T, l *Ledger) uint32 {
	t.Helper()
	var s uint32
	if err := l.view(func(tx *bolt.Tx) error {
		var err error
		s, err = readSchema(tx)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	return s
}
