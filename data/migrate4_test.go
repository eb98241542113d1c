package data

import (
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
		bySession := map[uuid.UUID][]markEntry{}
		var keys [][]byte
		if err := b.ForEach(func(k, v []byte) error {
			sid, _, es := decodePiece(t, k, v)
			bySession[sid] = append(bySession[sid], es...)
			keys = append(keys, append([]byte(nil), k...))
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
		return tx.Bucket(bMeta).Put(kSchema, seqKey(3))
	})
}

// TestMigrateSchema3 opens a ledger of schema 3 (one marks value per
// session): read-only it is refused, except as an older backup to look
// at; opened for writing it is backed up, then its marks move into
// blocks with every mark kept.
func TestMigrateSchema3(t *testing.T) {
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

	if _, err := Open(path, Options{Now: testOptions().Now, ReadOnly: true}); !errors.Is(err, ErrOlderVersion) {
		t.Errorf("read-only Open of schema 3: got %v, want ErrOlderVersion", err)
	}
	old, err := Open(path, Options{Now: testOptions().Now, ReadOnly: true, readOlder: true})
	if err != nil {
		t.Fatal(err)
	}
	if got := marksOf(old, f.openID); !maps.Equal(got, wantOpen) {
		t.Errorf("schema 3 read as an older backup: got %v, want %v", got, wantOpen)
	}
	if err := old.Close(); err != nil {
		t.Fatal(err)
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
	keys := 0
	if err := l.view(func(tx *bolt.Tx) error {
		return tx.Bucket(bMarks).ForEach(func(k, v []byte) error {
			decodePiece(t, k, v) // a block, or the test fails
			keys++
			return nil
		})
	}); err != nil {
		t.Fatal(err)
	}
	if keys != 2 {
		t.Errorf("marks values after migration: %d, want 2 (one block per session)", keys)
	}
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
