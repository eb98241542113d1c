package app

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// makeupLines returns the make-up rows on screen as "name | what", in order.
func makeupLines(p *makeupPanel) []string {
	var out []string
	for i := range p.shown {
		o := p.list.CreateItem()
		p.updateRow(i, o)
		row := o.(*fyne.Container)
		out = append(out, row.Objects[1].(*fyne.Container).Objects[0].(*widget.Label).Text+" | "+row.Objects[0].(*widget.Label).Text)
	}
	return out
}

// makeupButton taps the button labelled label of the row of name.
func tapMakeupButton(t *testing.T, p *makeupPanel, name, label string) {
	t.Helper()
	for i := range p.shown {
		o := p.list.CreateItem()
		p.updateRow(i, o)
		row := o.(*fyne.Container)
		if row.Objects[1].(*fyne.Container).Objects[0].(*widget.Label).Text != name {
			continue
		}
		for _, b := range row.Objects[2].(*fyne.Container).Objects {
			if b := b.(*widget.Button); b.Visible() && b.Text == label {
				test.Tap(b)
				return
			}
		}
	}
	t.Fatalf("no %s button on the row of %s", label, name)
}

// openMakeUps shows the 补学 tab of the small branch.
func openMakeUps(t *testing.T) (*shell, fyne.Window, *makeupPanel) {
	t.Helper()
	b := newSmallBranch(t)
	s, w := b.open(t)
	s.show(pageCheckin)
	c := s.screens.checkin
	c.showMakeUps()
	s.run.Wait()
	return s, w, c.makeups
}

// formDate is the date field of the make-up form on top.
func formDate(w fyne.Window) *widget.Entry {
	return findObject(w, func(e *widget.Entry) bool { return e.PlaceHolder == "如 2026-11-29" })
}

func TestMakeUpRefusesDateBeforeSession(t *testing.T) {
	s, w, p := openMakeUps(t)
	want := []string{
		"李丽华 | 2026-11-20 周五 · 正午课堂 · 股权转让备案 · 请假（因病）",
		"张建国 | 2026-11-20 周五 · 正午课堂 · 股权转让备案 · 缺席",
	}
	if got := makeupLines(p); !slices.Equal(got, want) {
		t.Fatalf("owed: got %q, want %q", got, want)
	}
	tapMakeupButton(t, p, "李丽华", "登记补学")
	date := formDate(w)
	if date == nil || date.Text != "2026-11-29" {
		t.Fatalf("the form's date field: %v, want it showing today 2026-11-29", date)
	}
	date.SetText("2026-11-19")
	test.Tap(findButton(w, "保存"))
	s.run.Wait()
	if !hasText(w, "补学日期不能早于活动日期 2026-11-20") {
		t.Fatalf("no refusal at the field; the window shows %q", windowTexts(w))
	}
	if got := makeupLines(p); !slices.Equal(got, want) {
		t.Errorf("after the refusal: got %q, want %q", got, want)
	}
}

func TestMakeUpDoneListCorrectAndRemove(t *testing.T) {
	s, w, p := openMakeUps(t)
	record := func(name, date, how string) {
		t.Helper()
		p.mode.SetSelected("待补学")
		tapMakeupButton(t, p, name, "登记补学")
		formDate(w).SetText(date)
		findObject(w, func(r *widget.RadioGroup) bool { return slices.Contains(r.Options, how) }).SetSelected(how)
		test.Tap(findButton(w, "保存"))
		s.run.Wait()
	}
	record("李丽华", "2026-11-21", "自学材料")
	record("张建国", "2026-11-25", "与书记谈话")
	if got := makeupLines(p); len(got) != 0 || p.summary.Text != "待补学 0 人次" {
		t.Errorf("owed after recording both: %q, %q", got, p.summary.Text)
	}
	p.mode.SetSelected("已补学")
	want := []string{
		"张建国 | 2026-11-25 与书记谈话 · 补 2026-11-20 周五 · 正午课堂 · 股权转让备案",
		"李丽华 | 2026-11-21 自学材料 · 补 2026-11-20 周五 · 正午课堂 · 股权转让备案",
	}
	if got := makeupLines(p); !slices.Equal(got, want) || p.summary.Text != "已补学 2 人次" {
		t.Fatalf("done, newest first: got %q (%q), want %q", got, p.summary.Text, want)
	}
	for _, tc := range []struct{ search, want string }{
		{"lilh", want[1]}, {"zjg", want[0]}, {"张", want[0]}, {"股权", want[0] + want[1]}, {"党课", ""},
	} {
		p.search.SetText(tc.search)
		if got := strings.Join(makeupLines(p), ""); got != tc.want {
			t.Errorf("search %q: got %q, want %q", tc.search, got, tc.want)
		}
	}
	p.search.SetText("")

	// Correct 李丽华's: the later date moves it to the top.
	tapMakeupButton(t, p, "李丽华", "更正")
	if d := formDate(w); d == nil || d.Text != "2026-11-21" {
		t.Fatalf("the correction form does not show the recorded date: %v", d)
	}
	formDate(w).SetText("2026-11-27")
	test.Tap(findButton(w, "保存"))
	s.run.Wait()
	if got := makeupLines(p); len(got) != 2 || got[0] != "李丽华 | 2026-11-27 自学材料 · 补 2026-11-20 周五 · 正午课堂 · 股权转让备案" {
		t.Fatalf("after correcting: got %q", got)
	}

	// Remove 张建国's: asked first, then owed again.
	tapMakeupButton(t, p, "张建国", "删除")
	if findObject(w, func(l *widget.Label) bool {
		return l.Text == "删除 张建国 对“2026-11-20 正午课堂 · 股权转让备案”的补学记录？删除后将重新列为待补学。"
	}) == nil {
		t.Fatalf("no question before removing; the window shows %q", windowTexts(w))
	}
	press(w, fyne.KeyReturn) // the confirmation's main button: 删除
	s.run.Wait()
	if got := makeupLines(p); len(got) != 1 || !strings.HasPrefix(got[0], "李丽华") {
		t.Errorf("done after removing: got %q", got)
	}
	p.mode.SetSelected("待补学")
	if got := makeupLines(p); !slices.Equal(got, []string{"张建国 | 2026-11-20 周五 · 正午课堂 · 股权转让备案 · 缺席"}) {
		t.Errorf("owed after removing: got %q", got)
	}
}

// TestMakeUpSearchInBackground: a list too long to search as the user
// types is searched by the runner; of searches typed in quick succession
// only the newest is shown, and clearing the search shows every row at
// once, whatever a search still running finds.
func TestMakeUpSearchInBackground(t *testing.T) {
	s, _, p := openMakeUps(t)
	p.inline = 0 // every search through the runner
	all := []string{
		"李丽华 | 2026-11-20 周五 · 正午课堂 · 股权转让备案 · 请假（因病）",
		"张建国 | 2026-11-20 周五 · 正午课堂 · 股权转让备案 · 缺席",
	}
	for _, q := range []string{"z", "zj", "zjg"} {
		p.search.SetText(q)
	}
	if got := makeupLines(p); !slices.Equal(got, all) {
		t.Errorf("before the searches finish: got %q, want the list unchanged %q", got, all)
	}
	s.run.Wait()
	if got := makeupLines(p); !slices.Equal(got, all[1:]) {
		t.Errorf("after typing zjg: got %q, want %q", got, all[1:])
	}
	p.search.SetText("lilh")
	p.inline = makeupSearchInline
	p.search.SetText("") // at once; the search for lilh is now stale
	s.run.Wait()
	if got := makeupLines(p); !slices.Equal(got, all) {
		t.Errorf("after clearing the search: got %q, want %q", got, all)
	}
	p.inline = 0
	p.search.SetText("股权")
	s.run.Wait()
	if got := makeupLines(p); !slices.Equal(got, all) {
		t.Errorf("search 股权 (the theme): got %q, want %q", got, all)
	}
}
