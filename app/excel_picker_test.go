package app

import (
	"path/filepath"
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/xuri/excelize/v2"
)

// The 签到表's session is chosen in the searchable picker, newest first
// as in check-in; the sheet exported is the chosen session's.
func TestExportSignInPickerSearchesNewestFirst(t *testing.T) {
	b := newSmallBranch(t)
	s, w := b.open(t)
	s.show(pageExcel)
	p := s.screens.excel
	s.run.Wait()
	p.tabs.SelectIndex(1)
	x := p.exp
	if got, want := x.session.button.Text, "今天或下一次活动"; got != want {
		t.Errorf("picker before a choice: got %q, want %q", got, want)
	}
	test.Tap(x.session.button)
	if x.session.search == nil {
		t.Fatal("the picker's list did not open")
	}
	want := []string{
		"2026-12-04 周五 正午课堂 · 经营范围变更",
		"2026-11-20 周五 正午课堂 · 股权转让备案",
		"2026-11-13 周五 党课 · 学习党章",
	}
	if got := x.session.matches(); !slices.Equal(got, want) {
		t.Errorf("picker list: got %q, want newest first %q", got, want)
	}
	if !hasText(w, "2026-11-13 周五 党课 · 学习党章") {
		t.Errorf("the open list does not show the lecture; texts %q", windowTexts(w))
	}
	test.Type(x.session.search, "党课")
	if got := x.session.matches(); !slices.Equal(got, want[2:]) {
		t.Errorf("search 党课: got %q, want %q", got, want[2:])
	}
	x.session.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if got := x.session.button.Text; got != want[2] {
		t.Errorf("picker after Enter: got %q, want %q", got, want[2])
	}
	if x.session.search != nil {
		t.Error("the list stayed open after the choice")
	}

	path := filepath.Join(t.TempDir(), "签到.xlsx")
	x.exportTo(path)
	s.run.Wait()
	if got, want := x.done.Text, "已导出："+path; got != want {
		t.Fatalf("after exporting: got %q, want %q", got, want)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for cell, want := range map[string]string{"A1": "测试党支部\n党课签到表", "B2": "学习党章"} {
		if got, err := f.GetCellValue("签到表", cell); err != nil || got != want {
			t.Errorf("签到表 %s: got %q (%v), want %q", cell, got, err, want)
		}
	}

	// Unticking the 签到表 disables the picker.
	x.checks["signin"].SetChecked(false)
	if !x.session.button.Disabled() {
		t.Error("picker enabled with the 签到表 unticked")
	}
}
