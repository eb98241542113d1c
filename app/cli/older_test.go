package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"branchledger/data"
)

// schema3Demo is the example ledger written by the last version of schema
// 3 (commit ca981a1's parent, `branchledger demo`): a real file of the
// older layout, not one converted by this version.
const schema3Demo = "../../testdata/ledgers/schema3-demo.ledger"

// schema3Line is what that version printed for 2026 (`stats --year 2026`).
const schema3Line = "应到 926 人次，出席 780，迟到 50，请假 73，缺席 23，出勤率 97.3%"

// TestOlderLedgerReadAsItIs: the verbs that only read (stats, check,
// backup) read a schema 3 ledger as it is, printing what the version that
// wrote it printed, and leave the file alone; opened for writing once it
// is migrated (a schema 3 copy kept) and prints the same numbers.
func TestOlderLedgerReadAsItIs(t *testing.T) {
	r := newCLI(t, "zh-Hans")
	dir := t.TempDir()
	path := filepath.Join(dir, "旧台账.ledger")
	copyFile(t, schema3Demo, path)
	before := sum(t, path)
	if out, _ := r.want(ExitOK, "stats", path, "--year", "2026"); !strings.Contains(out, schema3Line) {
		t.Errorf("stats of schema 3: got %q, want the line %q", out, schema3Line)
	}
	if out, _ := r.want(ExitOK, "check", path); !strings.Contains(out, r.words.T("cli.check_ok", nil)) {
		t.Errorf("check of schema 3: got %q", out)
	}
	r.want(ExitOK, "backup", path, filepath.Join(dir, "副本.ledger"))
	if sum(t, path) != before {
		t.Error("a read-only verb changed the schema 3 ledger")
	}
	if out, _ := r.want(ExitOK, "stats", filepath.Join(dir, "副本.ledger"), "--year", "2026"); !strings.Contains(out, schema3Line) {
		t.Errorf("stats of the backup: got %q, want the line %q", out, schema3Line)
	}

	l, err := data.Open(path, data.Options{Now: func() time.Time { return cliNow }})
	if err != nil {
		t.Fatal(err)
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	if sum(t, path) == before {
		t.Error("opened for writing, the schema 3 ledger was not migrated")
	}
	bs, err := data.Backups(path)
	if err != nil || len(bs) != 1 {
		t.Fatalf("backups after migrating: %v (%v), want the copy made before", bs, err)
	}
	if out, _ := r.want(ExitOK, "stats", bs[0], "--year", "2026"); !strings.Contains(out, schema3Line) {
		t.Errorf("stats of the copy made before migrating: got %q, want the line %q", out, schema3Line)
	}
	if out, _ := r.want(ExitOK, "stats", path, "--year", "2026"); !strings.Contains(out, schema3Line) {
		t.Errorf("stats after migrating: got %q, want the line %q", out, schema3Line)
	}
}

// TestOlderLedgerWithoutBackupNotUpgraded: where the upgrade's backup
// cannot be made (a file named "backups" where the folder goes), `import`
// says why on stderr, in Chinese, refuses to write, and leaves the schema
// 3 ledger as it was.
func TestOlderLedgerWithoutBackupNotUpgraded(t *testing.T) {
	r := newCLI(t, "zh-Hans")
	dir := t.TempDir()
	path := filepath.Join(dir, "旧台账.ledger")
	copyFile(t, schema3Demo, path)
	if err := os.WriteFile(data.BackupDir(path), []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	before := sum(t, path)
	_, stderr := r.want(ExitRefused, "import", path, filepath.Join(rosterFixtures, "roster-clean.xlsx"))
	for _, key := range []string{"read_only.upgrade", "error.read_only"} {
		if want := r.words.T(key, nil); !strings.Contains(stderr, want) {
			t.Errorf("import: stderr %q, want %q", stderr, want)
		}
	}
	if sum(t, path) != before {
		t.Error("the schema 3 ledger changed without its backup")
	}
}
