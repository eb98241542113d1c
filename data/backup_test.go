package data

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
)

// dayClock returns a clock on day n of November 2026 at hh:mm.
func dayClock(n, hh, mm int) func() time.Time {
	at := time.Date(2026, 11, n, hh, mm, 0, 0, time.Local)
	return func() time.Time { return at }
}

func openClose(t *testing.T, path string, opt Options) {
	t.Helper()
	l, err := Open(path, opt)
	if err != nil {
		t.Fatal(err)
	}
	if err := l.BackupProblem(); err != nil {
		t.Errorf("BackupProblem: %v", err)
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
}

func backupNames(t *testing.T, path string) []string {
	t.Helper()
	bs, err := Backups(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, b := range bs {
		if filepath.Dir(b) != filepath.Join(filepath.Dir(path), "backups") {
			t.Errorf("backup %s is not in the backups folder beside the ledger", b)
		}
		out = append(out, filepath.Base(b))
	}
	return out
}

// TestAutoBackup: opening a ledger backs it up at most once a day, keeps
// the newest ten, and leaves other files in the folder alone.
func TestAutoBackup(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "窗口支部.ledger")
	l, err := Create(path, Branch{Name: "测试支部"}, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	if got := backupNames(t, path); len(got) != 0 {
		t.Fatalf("after Create: got backups %v, want none", got)
	}

	openClose(t, path, Options{Now: dayClock(1, 9, 0)})
	openClose(t, path, Options{Now: dayClock(1, 17, 30)})
	if got, want := backupNames(t, path), []string{"窗口支部-g000001-20261101-090000.ledger"}; !reflect.DeepEqual(got, want) {
		t.Errorf("two opens on day 1: got %v, want %v", got, want)
	}
	// Read-only and NoBackup opens make none.
	openClose(t, path, Options{Now: dayClock(2, 8, 0), ReadOnly: true})
	openClose(t, path, Options{Now: dayClock(2, 8, 0), NoBackup: true})
	if got := backupNames(t, path); len(got) != 1 {
		t.Errorf("after read-only and NoBackup opens: got %v, want one backup", got)
	}
	openClose(t, path, Options{Now: dayClock(2, 9, 5)})
	if got := backupNames(t, path); len(got) != 2 || got[0] != "窗口支部-g000002-20261102-090500.ledger" {
		t.Errorf("day 2: got %v, want day 2's then day 1's", got)
	}

	// Files that are not this ledger's automatic backups are never rotated away.
	others := []string{"before-restore-20261101-080000-窗口支部.ledger", "窗口支部-旧.ledger", "notes.txt", "其他-20261101-090000.ledger"}
	for _, n := range others {
		putFile(t, filepath.Join(dir, "backups", n), []byte("x"))
	}
	for day := 3; day <= 12; day++ {
		openClose(t, path, Options{Now: dayClock(day, 9, 0)})
	}
	got := backupNames(t, path)
	var want []string
	for day := 12; day >= 3; day-- {
		want = append(want, fmt.Sprintf("窗口支部-g%06d-202611%02d-090000.ledger", day, day))
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("after 12 days: got %v, want the newest ten %v", got, want)
	}
	named := regexp.MustCompile(`^窗口支部-g\d{6}-\d{8}-\d{6}\.ledger$`)
	for _, n := range got {
		if !named.MatchString(n) {
			t.Errorf("backup name %q does not match <stem>-gNNNNNN-YYYYMMDD-HHMMSS.ledger", n)
		}
		p := filepath.Join(dir, "backups", n)
		if st, err := os.Stat(p); err != nil {
			t.Fatal(err)
		} else if runtime.GOOS != "windows" && st.Mode().Perm() != 0o600 {
			t.Errorf("%s: mode %v, want 0600", n, st.Mode().Perm())
		}
		if ps, err := Verify(p, testOptions()); err != nil || len(ps) > 0 {
			t.Errorf("%s: Verify got %v, %v; want a sound ledger", n, ps, err)
		}
	}
	for _, n := range others {
		if _, err := os.Stat(filepath.Join(dir, "backups", n)); err != nil {
			t.Errorf("rotation removed %s: %v", n, err)
		}
	}
	ents, err := os.ReadDir(filepath.Join(dir, "backups"))
	if err != nil {
		t.Fatal(err)
	}
	if len(ents) != len(want)+len(others) {
		t.Errorf("backups folder: got %d entries, want %d (no temporary files left)", len(ents), len(want)+len(others))
	}
}

// TestBackupBeforeMigration: opening an older ledger backs it up in its
// old layout first, even when today already has a backup.
func TestBackupBeforeMigration(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "old.ledger")
	newSchema1().write(t, path)
	// Today's backup already exists (from another, empty ledger).
	if err := os.Mkdir(filepath.Join(dir, "backups"), 0o700); err != nil {
		t.Fatal(err)
	}
	l, err := Create(filepath.Join(dir, "backups", "old-20261129-080000.ledger"), Branch{Name: "别的"}, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	openClose(t, path, Options{Now: testOptions().Now})
	bs, err := Backups(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(bs) != 2 {
		t.Fatalf("backups: got %v, want today's and the pre-migration copy", bs)
	}
	if got := rawSchema(t, bs[0]); got != 1 {
		t.Errorf("newest backup: got schema %d, want 1 (taken before migrating)", got)
	}
	if got := rawSchema(t, path); got != SchemaVersion {
		t.Errorf("ledger: got schema %d, want %d", got, SchemaVersion)
	}
}

// ledgerContent is every record of a ledger, for record-by-record
// comparison.
type ledgerContent struct {
	Branch   Branch
	Members  []Member
	Sessions []Session
	Marks    map[uuid.UUID]map[uuid.UUID]Mark
	History  map[uuid.UUID][]MarkChange
	MakeUps  []MakeUp
	Exports  []ExportRecord
}

func contentOf(t *testing.T, path string) ledgerContent {
	t.Helper()
	l, err := Open(path, Options{Now: testOptions().Now, NoBackup: true, ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	c := ledgerContent{Marks: map[uuid.UUID]map[uuid.UUID]Mark{}, History: map[uuid.UUID][]MarkChange{}}
	if c.Branch, err = l.Branch(); err != nil {
		t.Fatal(err)
	}
	if c.Members, err = l.Members(); err != nil {
		t.Fatal(err)
	}
	if c.Sessions, err = l.Sessions(0, 0); err != nil {
		t.Fatal(err)
	}
	for _, s := range c.Sessions {
		if c.Marks[s.ID], err = l.Marks(s.ID); err != nil {
			t.Fatal(err)
		}
		if c.History[s.ID], err = l.MarkHistory(s.ID); err != nil {
			t.Fatal(err)
		}
	}
	if c.MakeUps, err = l.MakeUps(); err != nil {
		t.Fatal(err)
	}
	if c.Exports, err = l.Exports(); err != nil {
		t.Fatal(err)
	}
	return c
}

func compareContent(t *testing.T, what string, got, want ledgerContent) {
	t.Helper()
	if reflect.DeepEqual(got, want) {
		return
	}
	switch {
	case !reflect.DeepEqual(got.Branch, want.Branch):
		t.Errorf("%s: branch got %+v, want %+v", what, got.Branch, want.Branch)
	case !reflect.DeepEqual(got.Members, want.Members):
		t.Errorf("%s: %d members differ from %d", what, len(got.Members), len(want.Members))
	case !reflect.DeepEqual(got.Sessions, want.Sessions):
		t.Errorf("%s: %d sessions differ from %d", what, len(got.Sessions), len(want.Sessions))
	case !reflect.DeepEqual(got.Marks, want.Marks):
		t.Errorf("%s: marks differ", what)
	default:
		t.Errorf("%s: history, make-ups or exports differ", what)
	}
}

// changeLedger makes a few edits of every kind, so that two states of one
// ledger differ in every part that is compared.
func changeLedger(t *testing.T, path, name string, serial int) {
	t.Helper()
	l, err := Open(path, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	b, err := l.Branch()
	if err != nil {
		t.Fatal(err)
	}
	b.LeaveCountsAgainst = !b.LeaveCountsAgainst
	if err := l.SaveBranch(b); err != nil {
		t.Fatal(err)
	}
	m := makeMember(name, serial)
	if err := l.SaveMember(&m); err != nil {
		t.Fatal(err)
	}
	ss, err := l.Sessions(0, DateOf(testNow).AddDays(-1)) // closed ones: the change goes to the history
	if err != nil {
		t.Fatal(err)
	}
	if err := l.SetMark(ss[0].ID, m.ID, Mark{Status: OnLeave, Reason: Sick}, true); err != nil {
		t.Fatal(err)
	}
	if err := l.RecordExport(&ExportRecord{Reports: []string{"roster"}, File: name + ".xlsx"}); err != nil {
		t.Fatal(err)
	}
}

// TestBackupRestoreRoundTrip: a hot backup restored over another state of
// the ledger gives back the original record for record, and the state it
// replaced is kept in backups/.
func TestBackupRestoreRoundTrip(t *testing.T) {
	dir := t.TempDir()
	path := demoFile(t, dir)
	changeLedger(t, path, "备份前", 700) // history, an export and a flipped rule, beyond the demo
	want := contentOf(t, path)
	if len(want.Members) < 14 || len(want.Sessions) < 50 || len(want.MakeUps) == 0 || len(want.Exports) == 0 {
		t.Fatalf("the demo is too small to prove anything: %d members, %d sessions, %d make-ups",
			len(want.Members), len(want.Sessions), len(want.MakeUps))
	}

	// A hot copy, taken while the ledger is open.
	l, err := Open(path, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	backup := filepath.Join(t.TempDir(), "copy.ledger")
	if err := l.Backup(backup); err != nil {
		t.Fatal(err)
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Stat(backup); err != nil {
		t.Fatal(err)
	} else if runtime.GOOS != "windows" && st.Mode().Perm() != 0o600 {
		t.Errorf("backup mode: got %v, want 0600", st.Mode().Perm())
	}
	compareContent(t, "backup", contentOf(t, backup), want)

	// Restored to a new file.
	fresh := filepath.Join(t.TempDir(), "restored.ledger")
	if err := Restore(backup, fresh, testOptions()); err != nil {
		t.Fatal(err)
	}
	compareContent(t, "restored to a new file", contentOf(t, fresh), want)

	// Restored over a ledger that has changed since: twice, in one second.
	changeLedger(t, path, "备份后", 701)
	changed := contentOf(t, path)
	if reflect.DeepEqual(changed, want) {
		t.Fatal("changeLedger changed nothing")
	}
	backupState := stateOf(t, backup)
	for i := range 2 {
		if err := Restore(backup, path, testOptions()); err != nil {
			t.Fatal(err)
		}
		compareContent(t, fmt.Sprintf("restore %d over the changed ledger", i+1), contentOf(t, path), want)
	}
	if after := stateOf(t, backup); after.hash != backupState.hash || after.size != backupState.size || after.mtime != backupState.mtime {
		t.Errorf("Restore changed the backup it read")
	}
	kept, err := filepath.Glob(filepath.Join(dir, "backups", "before-restore-*"))
	if err != nil {
		t.Fatal(err)
	}
	if len(kept) != 2 {
		t.Fatalf("kept copies: got %v, want two before-restore files", kept)
	}
	for _, k := range kept {
		if !strings.HasSuffix(k, "-demo.ledger") || !strings.Contains(k, "20261129-100000") {
			t.Errorf("kept copy %s: want before-restore-20261129-100000[-N]-demo.ledger", k)
		}
	}
	// The first restore kept the changed ledger; the second kept the restored one.
	first, second := kept[0], kept[1]
	if strings.Contains(first, "-2-") {
		first, second = second, first
	}
	compareContent(t, "the state the first restore replaced", contentOf(t, first), changed)
	compareContent(t, "the state the second restore replaced", contentOf(t, second), want)
	if got := strings.Join(leftovers(t, dir), ", "); got != "" {
		t.Errorf("temporary files left beside the ledger: %s", got)
	}
}

// leftovers lists hidden temporary files in dir.
func leftovers(t *testing.T, dir string) []string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range ents {
		if strings.HasPrefix(e.Name(), ".") {
			out = append(out, e.Name())
		}
	}
	return out
}
