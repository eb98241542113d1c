package report

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"branchledger/data"
)

// TestWriteFileHonoursLocks: a workbook that Excel or WPS ("~$NAME") or
// LibreOffice (".~lock.NAME#") holds open is refused with ErrTargetBusy
// before anything is written; the lock of another file is no obstacle.
func TestWriteFileHonoursLocks(t *testing.T) {
	l := newDemoLedger(t)
	for _, lock := range []string{"~$花名册.xlsx", ".~lock.花名册.xlsx#"} {
		dir := t.TempDir()
		path := filepath.Join(dir, "花名册.xlsx")
		if err := os.WriteFile(filepath.Join(dir, lock), []byte("owner"), 0o600); err != nil {
			t.Fatal(err)
		}
		err := WriteFile(l, path, Options{Year: 2026, Reports: []string{Roster}})
		if !errors.Is(err, ErrTargetBusy) {
			t.Errorf("%s: got %v, want ErrTargetBusy", lock, err)
		}
		if ents, _ := os.ReadDir(dir); len(ents) != 1 {
			t.Errorf("%s: folder holds %d files, want only the lock", lock, len(ents))
		}
		other := filepath.Join(dir, "年度统计.xlsx")
		if err := WriteFile(l, other, Options{Year: 2026, Reports: []string{Roster}}); err != nil {
			t.Errorf("%s beside another workbook: %v", lock, err)
		}
	}
}

// TestWriteFileLongChineseName writes a report named with 80 Chinese
// characters (245 bytes, a legal name): its temporary name must not be too
// long.
func TestWriteFileLongChineseName(t *testing.T) {
	l := newDemoLedger(t)
	path := filepath.Join(t.TempDir(), strings.Repeat("报", 80)+".xlsx")
	if err := WriteFile(l, path, Options{Year: 2026, Reports: []string{Roster}}); err != nil {
		t.Fatalf("80-character name: %v", err)
	}
	if _, err := os.Stat(path); err != nil {
		t.Error(err)
	}
}

// TestWriteFileReadOnlyLedger exports from a ledger open read-only: the
// workbook is written and no export record is (none can be).
func TestWriteFileReadOnlyLedger(t *testing.T) {
	src := newDemoLedger(t)
	path := src.Path()
	if err := src.Close(); err != nil {
		t.Fatal(err)
	}
	opt := testOptions()
	opt.ReadOnly = true
	l, err := data.Open(path, opt)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	out := filepath.Join(t.TempDir(), "花名册.xlsx")
	if err := WriteFile(l, out, Options{Year: 2026, Reports: []string{Roster}}); err != nil {
		t.Fatalf("export from a read-only ledger: %v", err)
	}
	if exps, err := l.Exports(); err != nil || len(exps) != 0 {
		t.Errorf("exports %v (%v), want none recorded", exps, err)
	}
}
