package app

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"branchledger/data"
	"branchledger/data/demo"
)

// withDataHome points the data folder (DataDir) at a temporary folder.
func withDataHome(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	t.Setenv("XDG_DATA_HOME", dir)
	t.Setenv("HOME", dir)
	return dir
}

func TestWelcomeCreateWritesLedger(t *testing.T) {
	withDataHome(t)
	s, w := newEmptyTestShell(t)
	s.showWelcome()
	if !hasText(w, "新建台账") || !hasText(w, "打开示例台账") || !hasText(w, "打开已有台账") {
		t.Fatalf("welcome screen texts %q, want the three choices", windowTexts(w))
	}
	test.Tap(s.welcome.create)
	if !hasText(w, "支部名称：必须填写") {
		t.Errorf("create without a name: texts %q, want 支部名称：必须填写", windowTexts(w))
	}
	test.Type(s.welcome.name, "测试街道第三党支部")
	test.Type(s.welcome.committee, "测试街道党工委")
	test.Type(s.welcome.secretary, "李书记")
	s.welcome.groups.SetText("第一党小组\n第二党小组、第二党小组")
	test.Tap(s.welcome.create)
	settle(t, s, "the new ledger to open", func() bool { return strings.HasPrefix(w.Title(), "测试街道第三党支部") })

	want, err := DefaultLedgerPath()
	if err != nil {
		t.Fatal(err)
	}
	if got := s.ledger.Path(); got != want {
		t.Errorf("created at %s, want %s", got, want)
	}
	b, err := s.ledger.Branch()
	if err != nil {
		t.Fatal(err)
	}
	if b.Name != "测试街道第三党支部" || b.Committee != "测试街道党工委" || b.Secretary != "李书记" ||
		!slices.Equal(b.Groups, []string{"第一党小组", "第二党小组"}) {
		t.Errorf("branch %+v, want the typed profile with groups [第一党小组 第二党小组]", b)
	}
	if got := w.Title(); !strings.HasPrefix(got, "测试街道第三党支部") {
		t.Errorf("title %q, want the branch name first", got)
	}
	if got := s.app.Preferences().String(prefLastLedger); got != want {
		t.Errorf("remembered ledger %q, want %q", got, want)
	}
}

func TestWelcomeCreateRefusesExisting(t *testing.T) {
	withDataHome(t)
	path, err := DefaultLedgerPath()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := demo.Write(path, testOptions()); err != nil {
		t.Fatal(err)
	}
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s, w := newEmptyTestShell(t)
	s.showWelcome()
	test.Type(s.welcome.name, "另一个支部")
	test.Tap(s.welcome.create)
	settle(t, s, "the refusal", func() bool { return hasText(w, "文件已存在") })
	after, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(before, after) || s.ledger != nil {
		t.Error("creating over an existing ledger changed or opened it")
	}
}

func TestOpenNotALedgerLeavesItAlone(t *testing.T) {
	withDataHome(t)
	path := filepath.Join(t.TempDir(), "花名册.ledger")
	content := []byte("姓名,性别\n张三,男\n")
	if err := os.WriteFile(path, content, 0o600); err != nil {
		t.Fatal(err)
	}
	s, w := newEmptyTestShell(t)
	s.showWelcome()
	s.openLedger(path)
	settle(t, s, "the not-a-ledger message", func() bool { return hasText(w, "不是支部台账文件") })
	if got, err := os.ReadFile(path); err != nil || !bytes.Equal(got, content) {
		t.Errorf("file after the attempt %q (%v), want it unchanged", got, err)
	}
	if s.ledger != nil || s.welcome == nil {
		t.Error("the welcome screen should stay after a refused file")
	}
	if findButton(w, "确定") == nil {
		t.Errorf("the error dialog has no 确定 button: %q", windowTexts(w))
	}
}

func TestOpenLockedLedgerSaysSo(t *testing.T) {
	withDataHome(t)
	path := filepath.Join(t.TempDir(), "支部台账.ledger")
	held, err := data.Create(path, data.Branch{Name: "另一窗口的支部"}, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	defer held.Close()
	s, w := newEmptyTestShell(t)
	s.showWelcome()
	s.openLedger(path)
	settle(t, s, "the locked message", func() bool { return hasText(w, "已在另一个窗口") })
	if s.ledger != nil {
		t.Error("a locked ledger was opened")
	}
}

func TestWelcomeOpenDemo(t *testing.T) {
	withDataHome(t)
	s, w := newEmptyTestShell(t)
	s.showWelcome()
	test.Tap(s.welcome.openSample)
	settle(t, s, "the example ledger to open", func() bool { return strings.Contains(w.Title(), "注册登记窗口党支部") })
	dir, err := DataDir()
	if err != nil {
		t.Fatal(err)
	}
	if got, want := s.ledger.Path(), filepath.Join(dir, demoLedgerName); got != want {
		t.Errorf("example opened from %s, want %s", got, want)
	}
	if got := w.Title(); !strings.Contains(got, "申江区市场监管局注册登记窗口党支部") {
		t.Errorf("title %q, want the example branch", got)
	}
}

// menuItem finds a main-menu item by its label.
func menuItem(t *testing.T, m *fyne.MainMenu, label string) *fyne.MenuItem {
	t.Helper()
	for _, menu := range m.Items {
		for _, it := range menu.Items {
			if it.Label == label {
				return it
			}
		}
	}
	t.Fatalf("no menu item %q", label)
	return nil
}

func TestMenuShortcuts(t *testing.T) {
	s, w := newTestShell(t)
	m := w.MainMenu()
	if m == nil {
		t.Fatal("no main menu")
	}
	for _, c := range []struct {
		label string
		key   fyne.KeyName
	}{{"新建党员", fyne.KeyN}, {"查找党员", fyne.KeyF}, {"打开台账…", fyne.KeyO}} {
		it := menuItem(t, m, c.label)
		sc, ok := it.Shortcut.(fyne.KeyboardShortcut)
		if !ok || sc.Key() != c.key || sc.Mod() != fyne.KeyModifierShortcutDefault {
			t.Errorf("%s: shortcut %v, want %s with the platform's default modifier", c.label, it.Shortcut, c.key)
		}
	}
	if !menuItem(t, m, "退出").IsQuit {
		t.Error("退出 is not the quit item")
	}

	menuItem(t, m, "查找党员").Action()
	p := s.screens.members
	if p == nil || s.current != pageMembers {
		t.Fatalf("查找 did not go to the members screen (current %d)", s.current)
	}
	if got := w.Canvas().Focused(); got != p.search {
		t.Errorf("查找 focused %T, want the search entry", got)
	}
	menuItem(t, m, "新建党员").Action()
	if p.form == nil || findButton(w, "保存") == nil {
		t.Errorf("新建党员 did not open the member form: %q", windowTexts(w))
	}
}

func TestBackupNowAndRestore(t *testing.T) {
	s, w := newTestShell(t)
	menuItem(t, w.MainMenu(), "立即备份").Action()
	settle(t, s, "the backup confirmation", func() bool { return hasText(w, "台账已备份到") })
	bs, err := data.Backups(s.ledger.Path())
	if err != nil || len(bs) != 1 {
		t.Fatalf("backups %v (%v), want one", bs, err)
	}

	// Rename the branch in settings, then restore the backup: the old
	// name comes back.
	s.show(pageSettings)
	p := s.screens.settings
	settle(t, s, "the settings to load", func() bool { return p.name.Text != "" && len(p.backups) == 1 })
	p.name.SetText("改过名字的支部")
	test.Tap(p.save)
	settle(t, s, "the profile to be saved", func() bool {
		b, err := s.ledger.Branch()
		return err == nil && b.Name == "改过名字的支部"
	})
	if !strings.HasPrefix(w.Title(), "改过名字的支部") {
		t.Errorf("title %q after renaming", w.Title())
	}
	s.restoreBackup(bs[0])
	settle(t, s, "the restore", func() bool { return hasText(w, "已恢复") })
	b, err := s.ledger.Branch()
	if err != nil {
		t.Fatal(err)
	}
	if b.Name != "申江区市场监管局注册登记窗口党支部" {
		t.Errorf("branch after restore %q, want the backed-up name", b.Name)
	}
	if s.current != pageSettings {
		t.Errorf("after restore the window shows page %d, want the settings", s.current)
	}
}
