package report

import (
	"os"
	"path/filepath"
	"testing"
)

func TestInstalledTitleFont(t *testing.T) {
	touch := func(path string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	none, maker, named, deep := t.TempDir(), t.TempDir(), t.TempDir(), t.TempDir()
	touch(filepath.Join(none, "simhei.ttf"))
	touch(filepath.Join(maker, "truetype", "FZXBSJW.TTF"))
	touch(filepath.Join(named, "方正小标宋简体.ttf"))
	touch(filepath.Join(deep, "a", "b", "c", "FZXBSJW.TTF")) // deeper than font folders go
	for _, tc := range []struct {
		dirs []string
		want string
	}{
		{[]string{none}, ""},
		{[]string{none, maker}, FontXiaoBiaoSong},
		{[]string{named}, FontXiaoBiaoSong},
		{[]string{deep}, ""},
		{[]string{"", filepath.Join(none, "missing")}, ""},
	} {
		if got := InstalledTitleFont(tc.dirs); got != tc.want {
			t.Errorf("InstalledTitleFont(%v) = %q, want %q", tc.dirs, got, tc.want)
		}
	}
}

// TestTitleFontOption: a title font passed in is the titles' font; the
// body keeps 宋体.
func TestTitleFontOption(t *testing.T) {
	l := newDemoLedger(t)
	f := export(t, l, Options{Year: 2026, Reports: []string{Summary}, TitleFont: FontXiaoBiaoSong})
	id, _ := f.GetCellStyle("年度统计", "A1")
	st, _ := f.GetStyle(id)
	if st.Font == nil || st.Font.Family != "方正小标宋简体" {
		t.Errorf("title font %+v, want 方正小标宋简体", st.Font)
	}
	id, _ = f.GetCellStyle("年度统计", "A6")
	if st, _ = f.GetStyle(id); st.Font == nil || st.Font.Family != "宋体" {
		t.Errorf("body font %+v, want 宋体", st.Font)
	}
}
