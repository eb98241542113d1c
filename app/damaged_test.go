package app

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"branchledger/data"
	"branchledger/data/demo"
)

const damagedFixtures = "../testdata/damaged-ledgers"

func copyTo(t *testing.T, src, dst string) []byte {
	t.Helper()
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dst, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return b
}

// saysText reports whether the window's text, read across the lines a
// wrapped label is cut into, contains want (spaces ignored).
func saysText(w fyne.Window, want string) bool {
	strip := func(s string) string { return strings.ReplaceAll(s, " ", "") }
	return strings.Contains(strip(strings.Join(windowTexts(w), "")), strip(want))
}

// TestDamagedLedgerPageRestores opens a ledger damaged by a flipped byte
// (as the window does at start for the last ledger): instead of crashing,
// the window shows the damaged-ledger page with the newest good backup,
// its date and counts; restoring it opens the ledger and keeps the damaged
// file, unchanged, in the backups folder.
func TestDamagedLedgerPageRestores(t *testing.T) {
	withDataHome(t)
	path := filepath.Join(t.TempDir(), "支部.ledger")
	damaged := copyTo(t, filepath.Join(damagedFixtures, "flip-a.ledger"), path)
	good := filepath.Join(t.TempDir(), "good.ledger")
	if err := demo.Write(good, testOptions()); err != nil {
		t.Fatal(err)
	}
	copyTo(t, good, filepath.Join(data.BackupDir(path), "支部-g000001-20261128-090000.ledger"))

	s, w := newEmptyTestShell(t)
	s.showWelcome()
	s.openLedger(path)
	settle(t, s, "the damaged page", func() bool { return hasText(w, "台账文件已损坏") })
	settle(t, s, "the good backup", func() bool { return saysText(w, "最近一份完好的备份：2026-11-28 09:00，党员 14 人") })
	if s.ledger != nil {
		t.Fatal("a damaged ledger was opened for writing")
	}
	test.Tap(findButton(w, "用这份备份恢复"))
	settle(t, s, "the confirmation", func() bool { return hasText(w, "损坏的文件会保留在备份文件夹中") })
	test.Tap(findButton(w, "用这份备份恢复")) // the dialog's button: dialogs are searched first
	settle(t, s, "the restored ledger", func() bool { return saysText(w, "已用 2026-11-28 09:00 的备份恢复") })
	if s.ledger == nil || s.ledger.ReadOnly() {
		t.Fatal("the restored ledger is not open for writing")
	}
	ms, err := s.ledger.Members()
	if err != nil || len(ms) != 14 {
		t.Errorf("restored ledger: %d members (%v), want 14", len(ms), err)
	}
	kept, _ := filepath.Glob(filepath.Join(data.BackupDir(path), "damaged-*-支部.ledger"))
	if len(kept) != 1 {
		t.Fatalf("kept damaged copies %v, want one", kept)
	}
	if b, err := os.ReadFile(kept[0]); err != nil || !bytes.Equal(b, damaged) {
		t.Errorf("the kept copy differs from the damaged file (%v)", err)
	}
}

// TestDamagedLedgerReadOnly: a ledger whose pages are sound but one
// member record fails its checksum opens read-only from the damaged page
// (the title says so); one whose pages are damaged is refused even
// read-only, with words saying to restore.
func TestDamagedLedgerReadOnly(t *testing.T) {
	withDataHome(t)
	path := filepath.Join(t.TempDir(), "支部.ledger")
	if err := demo.Write(path, testOptions()); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// One byte of the branch name, inside its record: the pages stay sound.
	i := bytes.Index(b, []byte("申江区市场监管局注册登记窗口党支部"))
	if i < 0 {
		t.Fatal("the example ledger does not name its branch")
	}
	b[i+1] ^= 0x01
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	s, w := newEmptyTestShell(t)
	s.showWelcome()
	s.openLedger(path)
	settle(t, s, "the damaged page", func() bool { return hasText(w, "台账文件已损坏") })
	settle(t, s, "no good backup", func() bool { return hasText(w, "没有找到完好的备份") })
	test.Tap(findButton(w, "以只读方式打开"))
	settle(t, s, "the read-only ledger", func() bool { return s.ledger != nil })
	if !s.ledger.ReadOnly() || !strings.HasPrefix(w.Title(), "只读") {
		t.Errorf("read-only %v, title %q; want read-only and a title saying so", s.ledger.ReadOnly(), w.Title())
	}
	if after, err := os.ReadFile(path); err != nil || !bytes.Equal(after, b) {
		t.Errorf("the damaged ledger was written to (%v)", err)
	}

	other := filepath.Join(t.TempDir(), "另一个.ledger")
	copyTo(t, filepath.Join(damagedFixtures, "hole-64k.ledger"), other)
	s.openLedger(other)
	settle(t, s, "the damaged page", func() bool { return s.ledger == nil && hasText(w, "台账文件已损坏") })
	test.Tap(findButton(w, "以只读方式打开"))
	settle(t, s, "the refusal", func() bool { return hasText(w, "文件损坏得太严重") })
}
