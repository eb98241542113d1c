package data

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

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
