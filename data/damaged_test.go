package data

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	bolt "go.etcd.io/bbolt"
)

const damagedFixtures = "../testdata/damaged-ledgers"

// TestDamagedFixturesRefused opens the damaged example ledgers in every
// mode: each is refused with ErrDamaged (never a panic or a fault), Verify
// reports it, and nothing is written or backed up.
func TestDamagedFixturesRefused(t *testing.T) {
	for _, name := range []string{"flip-a", "flip-b", "hole-64k"} {
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

// TestBackupRotationClock opens a ledger on many days with a clock that
// runs, jumps to 2099, jumps back to last year and comes back: the newest
// copies made are kept, whatever dates their names carry, and the one just
// made is never the one removed.
func TestBackupRotationClock(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "支部.ledger")
	l, err := Create(path, Branch{Name: "测试支部"}, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	days := []time.Time{
		time.Date(2026, 11, 1, 9, 0, 0, 0, time.Local),
		time.Date(2026, 11, 2, 9, 0, 0, 0, time.Local),
		time.Date(2099, 1, 1, 9, 0, 0, 0, time.Local), // the clock runs far ahead
		time.Date(2099, 1, 2, 9, 0, 0, 0, time.Local),
		time.Date(2025, 11, 3, 9, 0, 0, 0, time.Local), // then back to last year
	}
	for d := 4; d <= 12; d++ { // then right again
		days = append(days, time.Date(2026, 11, d, 9, 0, 0, 0, time.Local))
	}
	var names [][]string
	for _, at := range days {
		openClose(t, path, Options{Now: func() time.Time { return at }})
		names = append(names, backupNames(t, path))
	}
	// After the 2099 days, the day from last year is still made and kept.
	if want := []string{"支部-g000005-20251103-090000.ledger", "支部-g000004-20990102-090000.ledger",
		"支部-g000003-20990101-090000.ledger", "支部-g000002-20261102-090000.ledger",
		"支部-g000001-20261101-090000.ledger"}; !reflect.DeepEqual(names[4], want) {
		t.Errorf("after the clock jumped: got %v, want %v", names[4], want)
	}
	// Fourteen made, ten kept: the four made first are gone, the 2099
	// ones among them; the last one made is first.
	want := []string{}
	for d := 12; d >= 4; d-- {
		want = append(want, fmt.Sprintf("支部-g%06d-202611%02d-090000.ledger", d+2, d))
	}
	want = append(want, "支部-g000005-20251103-090000.ledger")
	if got := names[len(names)-1]; !reflect.DeepEqual(got, want) {
		t.Errorf("after 14 days: got %v, want %v", got, want)
	}
}

// TestLeftoversRemovedAfterKilledChild kills a child process in the middle
// of writing a backup, a restore copy and a report beside the ledger (the
// temporary files exist, not yet renamed); the next open removes exactly
// those and leaves everything else.
func TestLeftoversRemovedAfterKilledChild(t *testing.T) {
	dir := t.TempDir()
	path := demoFile(t, dir)
	l, err := Open(path, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	report := filepath.Join(t.TempDir(), "花名册.xlsx")
	if err := l.RecordExport(&ExportRecord{Reports: []string{"roster"}, Year: 2026, File: report}); err != nil {
		t.Fatal(err)
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	c := startChild(t, "midwrite", path, "BRANCHLEDGER_TEST_REPORT="+report)
	if err := c.cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	<-c.done
	_ = c.cmd.Wait()
	left := func() []string {
		var out []string
		for _, d := range []string{dir, BackupDir(path), filepath.Dir(report)} {
			ents, _ := os.ReadDir(d)
			for _, e := range ents {
				if strings.HasSuffix(e.Name(), ".tmp") || strings.HasSuffix(e.Name(), ".restore") {
					out = append(out, e.Name())
				}
			}
		}
		slices.Sort(out)
		return out
	}
	if got := left(); len(got) != 3 {
		t.Fatalf("the child left %v, want its three temporary files", got)
	}
	keep := []string{filepath.Join(dir, ".other.ledger.123.tmp"), filepath.Join(dir, "demo.ledger.tmp"),
		filepath.Join(filepath.Dir(report), ".别的报表.xlsx.456.tmp")}
	for _, k := range keep {
		putFile(t, k, []byte("not ours"))
	}
	// A read-only open leaves them: another process may be writing.
	l, err = Open(path, Options{Now: testOptions().Now, ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	_ = l.Close()
	if got := left(); len(got) != 6 {
		t.Errorf("after a read-only open: %v, want all six left", got)
	}
	openClose(t, path, Options{Now: testOptions().Now, NoBackup: true})
	if got, want := left(), []string{".other.ledger.123.tmp", ".别的报表.xlsx.456.tmp", "demo.ledger.tmp"}; !reflect.DeepEqual(got, want) {
		t.Errorf("after opening: left %v, want %v", got, want)
	}
}

// helperMidWrite starts a backup, a restore copy and a report the way the
// program does (their temporary files exist), says "ready" and waits to be
// killed.
func helperMidWrite(path string) error {
	if err := os.MkdirAll(BackupDir(path), 0o700); err != nil {
		return err
	}
	backup, err := CreateAtomic(filepath.Join(BackupDir(path), backupPrefix(path)+"g000009-20261129-100000.ledger"))
	if err != nil {
		return err
	}
	report, err := CreateAtomic(os.Getenv("BRANCHLEDGER_TEST_REPORT"))
	if err != nil {
		return err
	}
	restore, err := os.CreateTemp(filepath.Dir(path), tempPrefix(filepath.Base(path))+"*.restore")
	if err != nil {
		return err
	}
	for _, f := range []*os.File{backup.File, report.File, restore} {
		if _, err := f.WriteString("half"); err != nil {
			return err
		}
	}
	if _, err := os.Stdout.WriteString("ready\n"); err != nil {
		return err
	}
	select {} // until killed
}

// TestLongNames: a 78-character Chinese ledger name and an 80-character
// Chinese report name are legal (234 and 245 bytes); the temporary,
// backup and kept-before-restore names made from them stay within 255
// bytes, and every write through them works.
func TestLongNames(t *testing.T) {
	dir := t.TempDir()
	stem := strings.Repeat("党", 78)
	path := filepath.Join(dir, stem+".ledger")
	l, err := Create(path, Branch{Name: "测试支部"}, testOptions())
	if err != nil {
		t.Fatalf("a 78-character name: %v", err)
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	openClose(t, path, Options{Now: testOptions().Now})
	bs := backupNames(t, path)
	if len(bs) != 1 {
		t.Fatalf("backups %v, want one", bs)
	}
	if n := len(bs[0]); n > 255-20 {
		t.Errorf("backup name of %d bytes leaves no room for its temporary name", n)
	}
	if err := Restore(filepath.Join(BackupDir(path), bs[0]), path, testOptions()); err != nil {
		t.Errorf("restore of a long name: %v", err)
	}
	report := filepath.Join(dir, strings.Repeat("报", 80)+".xlsx")
	if err := WriteFileAtomic(report, func(f *os.File) error { _, err := f.WriteString("x"); return err }); err != nil {
		t.Errorf("atomic write of an 80-character name: %v", err)
	}
	if got := tempPrefix(strings.Repeat("报", 80) + ".xlsx"); len(got)+10+len(".restore") > 255 {
		t.Errorf("temporary prefix %d bytes: too long", len(got))
	}
	// Cut at a character boundary.
	if got := fitName("党支部", 7); got != "党支" {
		t.Errorf("fitName: got %q, want 党支", got)
	}
}

// TestReadOnlyFileOpensReadOnly: a ledger whose file cannot be written
// opens read-only, says why, refuses writes with ErrReadOnly and still
// reads. The file is made read-only with its mode; root writes whatever the
// mode says, so as root it is made immutable (chattr +i, which root must
// obey) instead.
func TestReadOnlyFileOpensReadOnly(t *testing.T) {
	path := demoFile(t, t.TempDir())
	if err := os.Chmod(path, 0o400); err != nil {
		t.Fatal(err)
	}
	if os.Geteuid() == 0 {
		if out, err := exec.Command("chattr", "+i", path).CombinedOutput(); err != nil {
			t.Fatalf("chattr +i (needed as root): %v %s", err, out)
		}
		t.Cleanup(func() { _ = exec.Command("chattr", "-i", path).Run() })
	}
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

// TestFlipCampaignData flips one byte at a time at positions spread over
// the example ledger and reads everything the reports read. Each copy
// either is refused (Open or the read gives ErrDamaged) or gives exactly
// the undamaged ledger's content and statistics; nothing panics.
// BRANCHLEDGER_SOAK=N runs N positions.
func TestFlipCampaignData(t *testing.T) {
	n := 40
	if s := os.Getenv("BRANCHLEDGER_SOAK"); s != "" {
		var err error
		if n, err = strconv.Atoi(s); err != nil {
			t.Fatal(err)
		}
	}
	good := demoFile(t, t.TempDir())
	orig, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	want, wantStats := readAll(good)
	if want == nil {
		t.Fatal("the undamaged ledger does not read")
	}
	rng := rand.New(rand.NewPCG(14, 2026))
	var refused, same int
	for range n {
		pos, mask := rng.IntN(len(orig)), byte(1+rng.IntN(255))
		path := filepath.Join(t.TempDir(), "x.ledger")
		b := bytes.Clone(orig)
		b[pos] ^= mask
		putFile(t, path, b)
		got, gotStats := readAll(path)
		switch {
		case got == nil:
			refused++
		case reflect.DeepEqual(got, want) && reflect.DeepEqual(gotStats, wantStats):
			same++
		default:
			t.Errorf("byte %d ^ %#02x: read with no error, but different", pos, mask)
		}
	}
	t.Logf("%d positions: %d refused, %d identical", n, refused, same)
}

// readAll opens path read-only and reads the content and the year's
// statistics; nil when anything is refused.
func readAll(path string) (*ledgerContent, *YearStats) {
	l, err := Open(path, Options{Now: testOptions().Now, ReadOnly: true, NoBackup: true})
	if err != nil {
		return nil, nil
	}
	defer l.Close()
	var c ledgerContent
	c.Marks = map[uuid.UUID]map[uuid.UUID]Mark{}
	if c.Branch, err = l.Branch(); err != nil {
		return nil, nil
	}
	if c.Members, err = l.Members(); err != nil {
		return nil, nil
	}
	if c.Sessions, err = l.Sessions(0, 0); err != nil {
		return nil, nil
	}
	for _, s := range c.Sessions {
		if c.Marks[s.ID], err = l.Marks(s.ID); err != nil {
			return nil, nil
		}
	}
	if c.MakeUps, err = l.MakeUps(); err != nil {
		return nil, nil
	}
	ys, err := l.YearStats(2026)
	if err != nil {
		return nil, nil
	}
	if ps, err := l.Check(); err != nil || len(ps) > 0 {
		return nil, nil
	}
	return &c, ys
}

// TestNewestGoodBackup makes three daily backups of a small ledger (the
// third after adding a session), damages the newest, and requires the
// second: its date and counts written literally. A ledger without backups
// gives ErrNotFound.
func TestNewestGoodBackup(t *testing.T) {
	path := filepath.Join(t.TempDir(), "支部.ledger")
	l, err := Create(path, Branch{Name: "测试支部"}, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	for i, name := range []string{"王晓明", "李丽华"} {
		m := makeMember(name, i)
		if err := l.SaveMember(&m); err != nil {
			t.Fatal(err)
		}
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := NewestGoodBackup(path); !errors.Is(err, ErrNotFound) {
		t.Errorf("no backups: got %v, want ErrNotFound", err)
	}
	openClose(t, path, Options{Now: dayClock(1, 9, 0)})
	openClose(t, path, Options{Now: dayClock(2, 9, 0)})
	l, err = Open(path, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	s := Session{Kind: NoonClassroom, Theme: "正午课堂", Date: NewDate(2026, 11, 27), Start: "12:00", End: "13:00"}
	if err := l.SaveSession(&s); err != nil {
		t.Fatal(err)
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	openClose(t, path, Options{Now: dayClock(3, 9, 0)})
	bs := backupNames(t, path)
	if len(bs) != 3 {
		t.Fatalf("backups %v, want three", bs)
	}
	newest := filepath.Join(BackupDir(path), bs[0])
	got, err := NewestGoodBackup(path)
	if err != nil || got.Path != newest || got.Members != 2 || got.Sessions != 1 {
		t.Errorf("all sound: got %+v, %v; want %s with 2 members, 1 session", got, err, bs[0])
	}
	updateRaw(t, newest, func(tx *bolt.Tx) error {
		k, v := firstKV(tx, bMembers)
		v[len(v)-1] ^= 0x10 // the checksum itself
		return tx.Bucket(bMembers).Put(k, v)
	})
	got, err = NewestGoodBackup(path)
	want := BackupInfo{Path: filepath.Join(BackupDir(path), "支部-g000002-20261102-090000.ledger"),
		Made: time.Date(2026, 11, 2, 9, 0, 0, 0, time.Local), Members: 2, Sessions: 0}
	if err != nil || got != want {
		t.Errorf("newest damaged: got %+v, %v; want %+v", got, err, want)
	}
}
