package data

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"

	bolt "go.etcd.io/bbolt"
)

const damagedFixtures = "../testdata/damaged-ledgers"

// TestDamagedFixturesRefused opens the damaged example ledgers in every
// mode (branchkey: a schema 3 ledger with a branch page's key lowered,
// still in order; and the ledgers a tester damaged on 2026-12-01, see the
// README there: element counts lowered, a value length zeroed, the newest
// meta page's header zeroed, a page write lost): each is refused with ErrDamaged (never a panic or a fault), Verify
// reports it, and nothing is written or backed up.
func TestDamagedFixturesRefused(t *testing.T) {
	for _, name := range []string{"flip-a", "flip-b", "hole-64k", "branchkey",
		"count-branch", "count-leaf", "count-leaf-dues", "empty-marks", "meta-header", "lost-write"} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, name+".ledger")
			b, err := os.ReadFile(filepath.Join(damagedFixtures, name+".ledger"))
			if err != nil {
				t.Fatal(err)
			}
			putFile(t, path, b)
			for _, opt := range []Options{
				{Now: testOptions().Now},
				{Now: testOptions().Now, ReadOnly: true},
				{Now: testOptions().Now, ReadOnly: true, Salvage: true},
			} {
				if l, err := Open(path, opt); !errors.Is(err, ErrDamaged) {
					if err == nil {
						_ = l.Close()
					}
					t.Errorf("Open(%+v): got %v, want ErrDamaged", opt, err)
				}
			}
			ps, err := Verify(path, testOptions())
			if err != nil || len(ps) != 1 || ps[0].Code != CheckDamagedFile {
				t.Errorf("Verify: got %v, %v; want one %s", ps, err, CheckDamagedFile)
			}
			if got, _ := os.ReadFile(path); !bytes.Equal(got, b) {
				t.Errorf("the damaged file changed")
			}
			if _, err := os.Stat(BackupDir(path)); err == nil {
				t.Errorf("a backup folder was made for a damaged file")
			}
		})
	}
}

// TestDamagedRecordSalvage flips one bit in one member record (its
// checksum then fails): Open refuses the file for writing and read-only,
// Salvage opens it read-only with Damage set, every write is refused, a
// backup is refused, and reading the members reports the damage instead
// of giving a wrong member.
func TestDamagedRecordSalvage(t *testing.T) {
	path := demoFile(t, t.TempDir())
	updateRaw(t, path, func(tx *bolt.Tx) error {
		k, v := firstKV(tx, bMembers)
		v[20] ^= 0x04 // inside the record, before its checksum
		return tx.Bucket(bMembers).Put(k, v)
	})
	ageFile(t, path)
	before := stateOf(t, path)
	for _, opt := range []Options{{Now: testOptions().Now}, {Now: testOptions().Now, ReadOnly: true}} {
		if l, err := Open(path, opt); !errors.Is(err, ErrDamaged) {
			if err == nil {
				_ = l.Close()
			}
			t.Errorf("Open(ReadOnly %v): got %v, want ErrDamaged", opt.ReadOnly, err)
		}
	}
	l, err := Open(path, Options{Now: testOptions().Now, ReadOnly: true, Salvage: true})
	if err != nil {
		t.Fatalf("salvage: %v", err)
	}
	defer l.Close()
	if !errors.Is(l.Damage(), ErrDamaged) {
		t.Errorf("Damage: got %v, want ErrDamaged", l.Damage())
	}
	if _, err := l.Members(); !errors.Is(err, ErrDamaged) {
		t.Errorf("Members: got %v, want ErrDamaged", err)
	}
	if _, err := l.YearStats(2026); !errors.Is(err, ErrDamaged) {
		t.Errorf("YearStats: got %v, want ErrDamaged", err)
	}
	if b, err := l.Branch(); err != nil || b.Name == "" {
		t.Errorf("Branch of the salvaged ledger: got %+v, %v; want the undamaged record", b, err)
	}
	if err := l.SaveBranch(Branch{Name: "改名"}); !errors.Is(err, ErrDamaged) {
		t.Errorf("SaveBranch: got %v, want ErrDamaged", err)
	}
	if err := l.RecordExport(&ExportRecord{Reports: []string{"roster"}}); !errors.Is(err, ErrDamaged) {
		t.Errorf("RecordExport: got %v, want ErrDamaged", err)
	}
	if err := l.Backup(filepath.Join(t.TempDir(), "copy.ledger")); !errors.Is(err, ErrDamaged) {
		t.Errorf("Backup: got %v, want ErrDamaged", err)
	}
	ps, err := l.Check()
	if err != nil || len(ps) == 0 || ps[0].Code != CheckBadRecord {
		t.Errorf("Check: got %v, %v; want check.bad_record first", ps, err)
	}
	if after := stateOf(t, path); after != before {
		t.Errorf("the damaged ledger changed: %+v, want %+v", after, before)
	}
}

// TestRestoreOverDamagedKeepsIt restores a good backup over a damaged
// ledger: the ledger is the backup's again, and the damaged bytes are
// kept in the backups folder as damaged-STAMP-NAME, unchanged.
func TestRestoreOverDamagedKeepsIt(t *testing.T) {
	dir := t.TempDir()
	good := demoFile(t, t.TempDir())
	target := filepath.Join(dir, "支部.ledger")
	b, err := os.ReadFile(filepath.Join(damagedFixtures, "flip-a.ledger"))
	if err != nil {
		t.Fatal(err)
	}
	putFile(t, target, b)
	if err := Restore(good, target, testOptions()); err != nil {
		t.Fatalf("Restore over a damaged ledger: %v", err)
	}
	compareContent(t, "restored", contentOf(t, target), contentOf(t, good))
	kept, err := os.ReadFile(filepath.Join(BackupDir(target), "damaged-20261129-100000-支部.ledger"))
	if err != nil {
		t.Fatalf("the damaged file was not kept: %v", err)
	}
	if !bytes.Equal(kept, b) {
		t.Errorf("the kept copy differs from the damaged file")
	}
}

// TestReadOnlyFileOpensReadOnly: a ledger whose file cannot be written
// opens read-only, says why, refuses writes with ErrReadOnly and still
// reads. The file is made read-only as makeReadOnly does.
func TestReadOnlyFileOpensReadOnly(t *testing.T) {
	path := demoFile(t, t.TempDir())
	makeReadOnly(t, path)
	l, err := Open(path, Options{Now: testOptions().Now})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if !l.ReadOnly() || !errors.Is(l.ReadOnlyProblem(), os.ErrPermission) {
		t.Errorf("ReadOnly %v, problem %v; want read-only because of permission", l.ReadOnly(), l.ReadOnlyProblem())
	}
	if err := l.SaveBranch(Branch{Name: "改名"}); !errors.Is(err, ErrReadOnly) {
		t.Errorf("SaveBranch: got %v, want ErrReadOnly", err)
	}
	if ys, err := l.YearStats(2026); err != nil || len(ys.Members) != 14 {
		t.Errorf("YearStats on a read-only ledger: %d members, %v; want 14", len(ys.Members), err)
	}
	if _, err := os.Stat(BackupDir(path)); err == nil {
		t.Errorf("a backup was attempted of a ledger opened read-only")
	}
}
