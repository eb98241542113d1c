package app

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"branchledger/data"
)

func pickerSessions() []data.Session {
	return []data.Session{
		{Kind: data.NoonClassroom, Theme: "股权转让备案", Date: data.NewDate(2026, 11, 6), Start: "12:00"},
		{Kind: data.PartyLecture, Theme: "学习党章", Date: data.NewDate(2026, 11, 20), Start: "15:00"},
		{Kind: data.NoonClassroom, Theme: "经营范围变更", Date: data.NewDate(2026, 11, 27), Start: "12:00"},
		{Kind: data.GeneralMeeting, Theme: "预备党员转正", Date: data.NewDate(2026, 10, 20), Start: "09:00"},
		{Kind: data.NoonClassroom, Theme: "注销登记", Date: data.NewDate(2026, 11, 20), Start: "12:00"},
	}
}

func TestSessionPickerSearchNewestFirst(t *testing.T) {
	test.NewTempApp(t)
	w := test.NewWindow(widget.NewLabel(""))
	w.Resize(fyne.NewSize(1024, 600))
	defer w.Close()
	var picked []string
	p := newSessionPicker(w, "选择活动", func(s data.Session) { picked = append(picked, s.Theme) })
	w.SetContent(p.button)
	p.setSessions(pickerSessions(), [16]byte{})
	if p.button.Text != "选择活动" {
		t.Errorf("nothing chosen: button says %q", p.button.Text)
	}
	test.Tap(p.button)
	all := []string{
		"2026-11-27 周五 正午课堂 · 经营范围变更",
		"2026-11-20 周五 党课 · 学习党章", // 15:00, after the 12:00 Noon Classroom
		"2026-11-20 周五 正午课堂 · 注销登记",
		"2026-11-06 周五 正午课堂 · 股权转让备案",
		"2026-10-20 周二 支部党员大会 · 预备党员转正",
	}
	if got := p.matches(); !slices.Equal(got, all) {
		t.Fatalf("newest first: got %q, want %q", got, all)
	}
	for _, tc := range []struct {
		search string
		want   []string
	}{
		{"党课", []string{"2026-11-20 周五 党课 · 学习党章"}},
		{"2026-11-2", all[:3]},
		{"正午 变更", all[:1]},
		{"周二", all[4:]},
		{"转正", all[4:]},
		{"换届", []string{}},
	} {
		test.Type(p.search, "")
		p.search.SetText("")
		test.Type(p.search, tc.search)
		if got := p.matches(); !slices.Equal(got, tc.want) {
			t.Errorf("search %q: got %q, want %q", tc.search, got, tc.want)
		}
	}
	p.search.SetText("注销")
	p.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if !slices.Equal(picked, []string{"注销登记"}) || p.button.Text != "2026-11-20 周五 正午课堂 · 注销登记" {
		t.Fatalf("Enter in the search: picked %q, button %q", picked, p.button.Text)
	}
	if w.Canvas().Overlays().Top() != nil {
		t.Error("the list stayed open after picking")
	}
	test.Tap(p.button)
	p.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape}) // typed into the focused search
	if w.Canvas().Overlays().Top() != nil {
		t.Error("Escape in the search left the list open")
	}
	p.step(1) // older
	if p.button.Text != "2026-11-06 周五 正午课堂 · 股权转让备案" {
		t.Errorf("one older: button %q", p.button.Text)
	}
	test.Tap(p.button)
	p.search.SetText("2026-10")
	p.list.Select(0)
	if got, ok := p.selected(); !ok || got.Theme != "预备党员转正" || p.button.Text != "2026-10-20 周二 支部党员大会 · 预备党员转正" {
		t.Errorf("tapped a row: selected %q, button %q", got.Theme, p.button.Text)
	}
}
