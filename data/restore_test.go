package data

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// TestRestoreRefuses: Restore refuses a bad backup or a target that is not
// a ledger, and then changes nothing on disk.
func TestRestoreRefuses(t *testing.T) {
	good := demoFile(t, t.TempDir())
	tests := []struct {
		name   string
		backup func(t *testing.T, dir string) string
		target func(t *testing.T, dir string) string
		want   error
	}{
		{"target is a text file", func(*testing.T, string) string { return good },
			func(t *testing.T, dir string) string {
				p := filepath.Join(dir, "notes.ledger")
				putFile(t, p, []byte("这不是台账"))
				return p
			}, ErrNotLedger},
		{"target is a newer ledger", func(*testing.T, string) string { return good },
			func(t *testing.T, dir string) string {
				p := filepath.Join(dir, "newer.ledger")
				copyTestFile(t, good, p)
				setSchema(t, p, SchemaVersion+1)
				return p
			}, ErrNewerVersion},
		{"backup is a text file", func(t *testing.T, dir string) string {
			p := filepath.Join(dir, "b.ledger")
			putFile(t, p, []byte("hello"))
			return p
		}, targetLedger, ErrNotLedger},
		{"backup is truncated", func(t *testing.T, dir string) string {
			p := filepath.Join(dir, "b.ledger")
			truncateCopy(t, good, p, func(n int64) int64 { return n / 2 })
			return p
		}, targetLedger, ErrDamaged},
		{"backup is from a newer version", func(t *testing.T, dir string) string {
			p := filepath.Join(dir, "b.ledger")
			copyTestFile(t, good, p)
			setSchema(t, p, SchemaVersion+1)
			return p
		}, targetLedger, ErrNewerVersion},
		{"backup fails its check", func(t *testing.T, dir string) string {
			p := filepath.Join(dir, "b.ledger")
			copyTestFile(t, good, p)
			updateRawMarks(t, p)
			return p
		}, targetLedger, ErrDamaged},
		{"backup is missing", func(t *testing.T, dir string) string { return filepath.Join(dir, "none.ledger") },
			targetLedger, ErrNotFound},
		{"backup is a folder", func(t *testing.T, dir string) string { return dir },
			targetLedger, ErrNotLedger},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			bdir, tdir := t.TempDir(), t.TempDir()
			backup, target := tc.backup(t, bdir), tc.target(t, tdir)
			ageFile(t, target)
			before := stateOf(t, target)
			var bbefore fileState
			if st, err := os.Stat(backup); err == nil && !st.IsDir() {
				bbefore = stateOf(t, backup)
			}
			err := Restore(backup, target, testOptions())
			if !errors.Is(err, tc.want) {
				t.Errorf("got %v, want %v", err, tc.want)
			}
			if after := stateOf(t, target); after != before {
				t.Errorf("target changed:\n got %+v\nwant %+v", after, before)
			}
			if bbefore.size > 0 {
				if after := stateOf(t, backup); after.hash != bbefore.hash || after.mtime != bbefore.mtime {
					t.Errorf("backup changed")
				}
			}
		})
	}
}

func setSchema(t *testing.T, path string, v uint32) {
	t.Helper()
	updateRaw(t, path, func(tx *bolt.Tx) error { return tx.Bucket(bMeta).Put(kSchema, seqKey(v)) })
}

// updateRawMarks gives a ledger marks of a session that does not exist.
func updateRawMarks(t *testing.T, path string) {
	t.Helper()
	updateRaw(t, path, func(tx *bolt.Tx) error {
		id := newID()
		return tx.Bucket(bMarks).Put(blockKey(id, 0), encodeBlock(id, 0, []markEntry{{1, Mark{Status: Present}}}))
	})
}

func targetLedger(t *testing.T, dir string) string {
	t.Helper()
	p := filepath.Join(dir, "target.ledger")
	l, err := Create(p, Branch{Name: "目标支部"}, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestRestoreOlderBackup: a backup made by the previous schema is restored
// and comes back in the current layout, with everything in it.
func TestRestoreOlderBackup(t *testing.T) {
	v := newSchema1()
	backup := filepath.Join(t.TempDir(), "old-backup.ledger")
	v.write(t, backup)
	target := targetLedger(t, t.TempDir())
	if err := Restore(backup, target, testOptions()); err != nil {
		t.Fatal(err)
	}
	if got := rawSchema(t, backup); got != 1 {
		t.Errorf("the backup itself: got schema %d, want 1 (only read)", got)
	}
	if got := rawSchema(t, target); got != SchemaVersion {
		t.Errorf("restored ledger: got schema %d, want %d", got, SchemaVersion)
	}
	l, err := Open(target, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	checkSchema1Content(t, l, v)
}
