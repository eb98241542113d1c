package app

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"fyne.io/fyne/v2/test"
)

func TestPinyinOrder(t *testing.T) {
	got := pinyinOrder([]string{"王晓明", "张建国", "李丽华", "陈志强", "刘海燕"})
	want := []string{"陈志强", "李丽华", "刘海燕", "王晓明", "张建国"} // chen, li, liu, wang, zhang
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestDialogsStartInDocumentsOrLastFolder(t *testing.T) {
	home := t.TempDir()
	docs := filepath.Join(home, "文档")
	if err := os.MkdirAll(filepath.Join(home, ".config"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(docs, 0o700); err != nil {
		t.Fatal(err)
	}
	conf := "# written by xdg-user-dirs-update\nXDG_DESKTOP_DIR=\"$HOME/桌面\"\nXDG_DOCUMENTS_DIR=\"$HOME/文档\"\n"
	if err := os.WriteFile(filepath.Join(home, ".config", "user-dirs.dirs"), []byte(conf), 0o600); err != nil {
		t.Fatal(err)
	}

	a := test.NewTempApp(t)
	last := filepath.Join(home, "报表")
	if err := os.Mkdir(last, 0o700); err != nil {
		t.Fatal(err)
	}
	rememberFolder(a.Preferences(), filepath.Join(last, "签到表.xlsx"), false)
	if got := startFolder(a.Preferences()); got == nil || got.Path() != last {
		t.Errorf("after saving into 报表: starts in %v, want %s", got, last)
	}
	if err := os.Remove(last); err != nil {
		t.Fatal(err)
	}
	t.Setenv("HOME", home)
	t.Setenv("USERPROFILE", home)
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(home, ".config"))
	got := startFolder(a.Preferences())
	if got == nil || got.Path() != docs {
		t.Errorf("last folder gone: starts in %v, want the Documents folder %s", got, docs)
	}
}
