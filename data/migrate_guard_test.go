package data

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	bolt "go.etcd.io/bbolt"
)

// readBytes returns the contents of the file at path.
func readBytes(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// makeReadOnly makes the file at path unwritable the way a write-protected
// medium is: by its mode, and as root (who writes whatever the mode says)
// immutable with chattr +i, which root must obey.
func makeReadOnly(t *testing.T, path string) {
	t.Helper()
	if err := os.Chmod(path, 0o400); err != nil {
		t.Fatal(err)
	}
	if os.Geteuid() == 0 {
		if out, err := exec.Command("chattr", "+i", path).CombinedOutput(); err != nil {
			t.Fatalf("chattr +i (needed as root): %v %s", err, out)
		}
		t.Cleanup(func() { _ = exec.Command("chattr", "-i", path).Run() })
	}
}

// rekey moves the only record of bucket name whose key has length n to
// the key edit makes of it, as a flipped bit in a page's key would.
func rekey(t *testing.T, path string, name []byte, n int, edit func(k []byte)) {
	t.Helper()
	updateRaw(t, path, func(tx *bolt.Tx) error {
		b := tx.Bucket(name)
		var k, v []byte
		if err := b.ForEach(func(kk, vv []byte) error {
			if len(kk) == n {
				if k != nil {
					t.Fatalf("bucket %s has two keys of %d bytes", name, n)
				}
				k, v = bytes.Clone(kk), bytes.Clone(vv)
			}
			return nil
		}); err != nil {
			return err
		}
		if k == nil {
			t.Fatalf("bucket %s has no key of %d bytes", name, n)
		}
		if err := b.Delete(k); err != nil {
			return err
		}
		edit(k)
		return b.Put(k, v)
	})
}

// TestMigrationRefusesALyingHistoryKey: schema 3 summed a mark history
// record's value but not its key (session ID, time, write order, member
// seq). A key flipped so that it no longer names the change it files is
// damage: the ledger is refused at open and never migrated (the tester's
// repros A and A2: before, the migration built the new key from the old
// one and the migrated ledger then failed its own check on every open).
func TestMigrationRefusesALyingHistoryKey(t *testing.T) {
	for _, tc := range []struct {
		name string
		edit func(k []byte) // on the 36-byte key: ID 0–15, time 16–23, order 24–31, seq 32–35
	}{
		{"member seq 5 read as 4, another member", func(k []byte) { k[35] ^= 0x01 }},
		{"member seq of no member", func(k []byte) { k[32] ^= 0x40 }},
		{"time 4 seconds off", func(k []byte) { k[20] ^= 0x01 }},
		{"write order past the bucket's sequence", func(k []byte) { k[31] ^= 0x40 }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, path := schema3Fixture(t)
			rekey(t, path, bMarkHist, 36, tc.edit)
			before := readBytes(t, path)
			if _, err := Open(path, Options{Now: testOptions().Now}); !errors.Is(err, ErrDamaged) {
				t.Fatalf("Open: got %v, want ErrDamaged", err)
			}
			if !bytes.Equal(readBytes(t, path), before) {
				t.Error("the damaged ledger was written to")
			}
			if bs, _ := Backups(path); len(bs) != 0 {
				t.Errorf("backups of the damaged ledger: %v", bs)
			}
			l, err := Open(path, Options{Now: testOptions().Now, ReadOnly: true, Salvage: true})
			if err != nil {
				t.Fatal(err)
			}
			ps, err := l.Check()
			if err != nil || len(ps) != 1 || ps[0].Code != CheckBadRecord || !strings.HasPrefix(ps[0].Field, "mark history ") {
				t.Errorf("Check: %v %+v, want one bad mark history record", err, ps)
			}
			if err := l.Close(); err != nil {
				t.Fatal(err)
			}
			// The migration itself refuses it too, not only the open.
			db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if err := db.Update(migrate3to4); !errors.Is(err, ErrDamaged) {
				t.Errorf("migrate3to4: got %v, want ErrDamaged", err)
			}
		})
	}
}

// TestHistoryKeyMustNameItsChange: in schema 4 too, a history key whose
// member seq was flipped to another member's in the same block (the block
// and time still right) is damage.
func TestHistoryKeyMustNameItsChange(t *testing.T) {
	f := newMarkFixture(t)
	if err := f.l.SetMark(f.closID, f.ms[4].ID, Mark{Status: Absent}, true); err != nil {
		t.Fatal(err)
	}
	path := f.l.Path()
	if err := f.l.Close(); err != nil {
		t.Fatal(err)
	}
	rekey(t, path, bMarks, histKeySize, func(k []byte) { k[histKeySize-1] ^= 0x01 })
	if _, err := Open(path, Options{Now: testOptions().Now}); !errors.Is(err, ErrDamaged) {
		t.Fatalf("Open: got %v, want ErrDamaged", err)
	}
}

// TestMigrationCheckedBeforeCommit: a migration whose result fails the
// checks every open makes is not committed, whatever the fault (here a
// step that files block 0's marks as block 1); the ledger stays schema 3,
// byte for byte.
func TestMigrationCheckedBeforeCommit(t *testing.T) {
	_, path := schema3Fixture(t)
	step := migrations[3]
	t.Cleanup(func() { migrations[3] = step })
	migrations[3] = func(tx *bolt.Tx) error {
		if err := step(tx); err != nil {
			return err
		}
		b := tx.Bucket(bMarks)
		var sid uuid.UUID
		var v []byte
		if err := b.ForEach(func(k, vv []byte) error {
			if len(k) == blockKeySize && v == nil {
				sid, v = uuid.UUID(k[:16]), bytes.Clone(vv)
			}
			return nil
		}); err != nil {
			return err
		}
		if err := b.Delete(blockKey(sid, 0)); err != nil {
			return err
		}
		return b.Put(blockKey(sid, 1), v)
	}
	before := readBytes(t, path)
	if _, err := Open(path, Options{Now: testOptions().Now, NoBackup: true}); !errors.Is(err, ErrDamaged) {
		t.Fatalf("Open: got %v, want ErrDamaged", err)
	}
	if !bytes.Equal(readBytes(t, path), before) {
		t.Error("the failed migration changed the ledger")
	}
}

// TestUpgradeNeedsBackup: a ledger of schema 3 whose backup cannot be
// made (a file named "backups" where the folder goes) is not migrated,
// NoBackup or not: it opens read-only as it is, saying why, and refuses
// writes; once the backup can be made it is migrated, with the copy.
func TestUpgradeNeedsBackup(t *testing.T) {
	f, path := schema3Fixture(t)
	if err := os.WriteFile(BackupDir(path), []byte("not a folder"), 0o600); err != nil {
		t.Fatal(err)
	}
	before := readBytes(t, path)
	for _, opt := range []Options{{Now: testOptions().Now}, {Now: testOptions().Now, NoBackup: true}} {
		l, err := Open(path, opt)
		if err != nil {
			t.Fatalf("Open (NoBackup %v): %v", opt.NoBackup, err)
		}
		if !l.ReadOnly() || !errors.Is(l.ReadOnlyProblem(), ErrUpgradeNeedsBackup) {
			t.Errorf("Open (NoBackup %v): read-only %v, problem %v; want read-only, ErrUpgradeNeedsBackup", opt.NoBackup, l.ReadOnly(), l.ReadOnlyProblem())
		}
		if m, err := l.Marks(f.openID); err != nil || len(m) != 2 {
			t.Errorf("marks read as they are: %v %v, want 2", m, err)
		}
		if err := l.SetMark(f.openID, f.ms[2].ID, Mark{Status: Present}, false); !errors.Is(err, ErrReadOnly) {
			t.Errorf("a mark without the upgrade: got %v, want ErrReadOnly", err)
		}
		if err := l.Close(); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(readBytes(t, path), before) {
		t.Error("the ledger changed without its backup")
	}
	if err := os.Remove(BackupDir(path)); err != nil {
		t.Fatal(err)
	}
	l, err := Open(path, Options{Now: testOptions().Now, NoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if l.ReadOnly() {
		t.Errorf("read-only once the backup can be made: %v", l.ReadOnlyProblem())
	}
	if got := rawSchema2(t, l); got != 4 {
		t.Errorf("schema after opening: got %d, want 4", got)
	}
	bs, err := Backups(path)
	if err != nil || len(bs) != 1 || rawSchema(t, bs[0]) != 3 {
		t.Errorf("backups: %v (%v), want one copy of schema 3", bs, err)
	}
}

// TestOlderLedgerOnReadOnlyMedia: a ledger of schema 3 that cannot be
// written opens read-only for looking, read as it is (not migrated, no
// backup), its marks and history all there.
func TestOlderLedgerOnReadOnlyMedia(t *testing.T) {
	f, path := schema3Fixture(t)
	makeReadOnly(t, path)
	l, err := Open(path, Options{Now: testOptions().Now})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if !l.ReadOnly() || !errors.Is(l.ReadOnlyProblem(), os.ErrPermission) {
		t.Errorf("ReadOnly %v, problem %v; want read-only because of permission", l.ReadOnly(), l.ReadOnlyProblem())
	}
	if got := rawSchema2(t, l); got != 3 {
		t.Errorf("schema: got %d, want 3 (not migrated)", got)
	}
	m, err := l.Marks(f.closID)
	if err != nil || len(m) != 1 || m[f.ms[4].ID] != (Mark{Status: Absent}) {
		t.Errorf("closed session's marks: %v %v, want %s absent", m, err, f.ms[4].ID)
	}
	if h, err := l.MarkHistory(f.closID); err != nil || len(h) != 1 || h[0].MemberID != f.ms[4].ID {
		t.Errorf("history: %+v %v, want the one change of %s", h, err, f.ms[4].ID)
	}
	if _, err := os.Stat(BackupDir(path)); err == nil {
		t.Error("a backup was attempted of a ledger opened read-only")
	}
}

// TestLyingHistoryKeyFixtures: the tester's schema 3 ledgers whose one
// mark history key had its member seq or its time flipped are refused for
// writing and reading, never migrated or backed up; salvaged read-only,
// Check names the one record.
func TestLyingHistoryKeyFixtures(t *testing.T) {
	for _, name := range []string{"histkey-seq", "histkey-time"} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), name+".ledger")
			b := readBytes(t, filepath.Join(damagedFixtures, name+".ledger"))
			putFile(t, path, b)
			for _, opt := range []Options{{Now: testOptions().Now}, {Now: testOptions().Now, ReadOnly: true}} {
				if l, err := Open(path, opt); !errors.Is(err, ErrDamaged) {
					if err == nil {
						_ = l.Close()
					}
					t.Errorf("Open(%+v): got %v, want ErrDamaged", opt, err)
				}
			}
			if !bytes.Equal(readBytes(t, path), b) {
				t.Error("the damaged file changed")
			}
			if _, err := os.Stat(BackupDir(path)); err == nil {
				t.Error("a backup folder was made for a damaged file")
			}
			l, err := Open(path, Options{Now: testOptions().Now, ReadOnly: true, Salvage: true})
			if err != nil {
				t.Fatal(err)
			}
			defer l.Close()
			ps, err := l.Check()
			if err != nil || len(ps) != 1 || ps[0].Code != CheckBadRecord || !strings.HasPrefix(ps[0].Field, "mark history ") {
				t.Errorf("Check: %v %+v, want one bad mark history record", err, ps)
			}
		})
	}
}

// TestSchema1WithoutBackupRefused: schema 1 (one key per mark) cannot be
// read as it is, so without its upgrade's backup it is refused, saying
// why, and left as it was.
func TestSchema1WithoutBackupRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.ledger")
	newSchema1().write(t, path)
	if err := os.WriteFile(BackupDir(path), []byte("not a folder"), 0o600); err != nil {
		t.Fatal(err)
	}
	before := readBytes(t, path)
	if l, err := Open(path, Options{Now: testOptions().Now}); !errors.Is(err, ErrUpgradeNeedsBackup) {
		if err == nil {
			_ = l.Close()
		}
		t.Fatalf("Open: got %v, want ErrUpgradeNeedsBackup", err)
	}
	if !bytes.Equal(readBytes(t, path), before) {
		t.Error("the schema 1 ledger changed without its backup")
	}
}

// TestRestoreSchema3LeavesNoStrayBackup: restoring a schema 3 backup to a
// new place migrates the restored copy without backing up the temporary
// copy (the backup restored from stays where it was); before, each such
// restore left a hidden backup of the temporary file that was never listed
// or rotated.
func TestRestoreSchema3LeavesNoStrayBackup(t *testing.T) {
	f, src := schema3Fixture(t)
	target := filepath.Join(t.TempDir(), "T.ledger")
	if err := Restore(src, target, Options{Now: testOptions().Now}); err != nil {
		t.Fatal(err)
	}
	if es, err := os.ReadDir(BackupDir(target)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("backups beside the restored ledger: %v (%v), want no folder", es, err)
	}
	l, err := Open(target, Options{Now: testOptions().Now, NoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if got := rawSchema2(t, l); got != 4 {
		t.Errorf("restored schema: %d, want 4", got)
	}
	if m, err := l.Marks(f.closID); err != nil || m[f.ms[4].ID] != (Mark{Status: Absent}) {
		t.Errorf("restored closed session's marks: %v %v", m, err)
	}
}

// TestEmptySchema3MarksRefused: no version ever stored a session's marks
// as an empty value (the key was deleted), so one found in a schema 3
// ledger, written consistently into its page, is damage, not a session
// without marks: refused, never migrated.
func TestEmptySchema3MarksRefused(t *testing.T) {
	f, path := schema3Fixture(t)
	updateRaw(t, path, func(tx *bolt.Tx) error { return tx.Bucket(bMarks).Put(f.openID[:], []byte{}) })
	before := readBytes(t, path)
	if _, err := Open(path, Options{Now: testOptions().Now}); !errors.Is(err, ErrDamaged) {
		t.Fatalf("Open: got %v, want ErrDamaged", err)
	}
	if !bytes.Equal(readBytes(t, path), before) {
		t.Error("the damaged ledger was written to")
	}
}
