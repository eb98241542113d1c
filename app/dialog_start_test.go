package app

import (
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// lastFolder makes a folder with a name no other folder has and remembers
// it as the last one used, as picking a file in it would.
func lastFolder(t *testing.T, prefs fyne.Preferences, name string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), name)
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	rememberFolder(prefs, filepath.Join(dir, "花名册.xlsx"), false)
	return dir
}

// closeOverlays hides the dialogs left open.
func closeOverlays(w fyne.Window) {
	for _, o := range w.Canvas().Overlays().List() {
		w.Canvas().Overlays().Remove(o)
	}
}

// The import file dialog, the welcome screen's folder dialog and 打开台账
// with no ledger open start in the folder last used: its name is in the
// dialog's path bar.
func TestDialogsStartInTheLastFolder(t *testing.T) {
	s, w, p := newExcelTest(t)
	lastFolder(t, p.prefs, "上次的文件夹甲")
	test.Tap(p.pick)
	if !hasText(w, "上次的文件夹甲") {
		t.Errorf("import dialog: no 上次的文件夹甲 in %q", windowTexts(w))
	}
	closeOverlays(w)
	s.run.Wait()

	withDataHome(t)
	e, ew := newEmptyTestShell(t)
	lastFolder(t, e.app.Preferences(), "上次的文件夹乙")
	e.onOpenLedger()
	if !hasText(ew, "上次的文件夹乙") {
		t.Errorf("打开台账 with no ledger: no 上次的文件夹乙 in %q", windowTexts(ew))
	}
	closeOverlays(ew)
	e.showWelcome()
	lastFolder(t, e.app.Preferences(), "上次的文件夹丙")
	e.welcome.onChoosePath()
	if !hasText(ew, "上次的文件夹丙") {
		t.Errorf("welcome folder dialog: no 上次的文件夹丙 in %q", windowTexts(ew))
	}
}

// 打开台账 with a ledger open starts in that ledger's folder, whatever the
// last folder.
func TestOpenLedgerStartsInTheLedgersFolder(t *testing.T) {
	b := newSmallBranch(t)
	s, w := b.open(t)
	lastFolder(t, s.app.Preferences(), "上次的文件夹丁")
	s.onOpenLedger()
	if hasText(w, "上次的文件夹丁") {
		t.Error("打开台账 started in the last folder, not the open ledger's")
	}
	if !hasText(w, filepath.Base(filepath.Dir(b.path))) {
		t.Errorf("打开台账: no %s in %q", filepath.Base(filepath.Dir(b.path)), windowTexts(w))
	}
}
