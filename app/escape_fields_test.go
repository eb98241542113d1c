package app

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"branchledger/data"
)

// escapeIn puts the keyboard focus in field and presses Escape, as the
// driver does: the key goes to the focused widget only.
func escapeIn(w fyne.Window, field fyne.Focusable) {
	w.Canvas().Focus(field)
	w.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
}

// dialogOpen reports whether a dialog or pop-up is showing.
func dialogOpen(w fyne.Window) bool {
	top := w.Canvas().Overlays().Top()
	return top != nil && top.Visible()
}

// Escape with the cursor in a field of the member form closes the form:
// in 姓名, in a date field, in the masked ID number, in the notes and in
// 民族 (a field with suggestions).
func TestEscapeInMemberFormFieldsCloses(t *testing.T) {
	s, w := newSmallBranch(t).open(t)
	p := openMembers(t, s)
	for _, field := range []struct {
		name  string
		entry func(f *memberForm) fyne.Focusable
	}{
		{"姓名", func(f *memberForm) fyne.Focusable { return f.name }},
		{"出生日期", func(f *memberForm) fyne.Focusable { return f.birth.entry }},
		{"身份证号", func(f *memberForm) fyne.Focusable { return f.id.entry }},
		{"备注", func(f *memberForm) fyne.Focusable { return f.notes }},
		{"民族", func(f *memberForm) fyne.Focusable { return f.ethnicity }},
	} {
		f := p.openForm(nil)
		if !dialogOpen(w) || !hasText(w, "姓名") {
			t.Fatalf("%s: the member form did not open; texts %q", field.name, windowTexts(w))
		}
		test.Type(f.name, "赵")
		escapeIn(w, field.entry(f))
		if dialogOpen(w) {
			t.Errorf("Escape in %s: the member form stayed open", field.name)
		}
	}
	if ms, err := s.ledger.Members(); err != nil || len(ms) != 3 {
		t.Errorf("members after Escape: %d (%v), want the 3 there were", len(ms), err)
	}
}

// Escape in the session form's 主题, or in 主持人 (a field with
// suggestions), closes it; nothing is saved.
func TestEscapeInSessionFormThemeCloses(t *testing.T) {
	s, w := newSmallBranch(t).open(t)
	p := openSessions(t, s)
	p.onNew()
	settle(t, s, "the session form", func() bool { return p.form != nil && dialogOpen(w) })
	test.Type(p.form.theme, "学习")
	escapeIn(w, p.form.theme)
	if dialogOpen(w) {
		t.Error("Escape in 主题: the session form stayed open")
	}
	p.onNew()
	settle(t, s, "the session form again", func() bool { return dialogOpen(w) })
	escapeIn(w, p.form.host)
	if dialogOpen(w) {
		t.Error("Escape in 主持人: the session form stayed open")
	}
	ss, err := s.ledger.Sessions(data.NewDate(2000, 1, 1), data.NewDate(2100, 1, 1))
	if err != nil || len(ss) != 3 {
		t.Errorf("sessions after Escape: %d (%v), want the 3 there were", len(ss), err)
	}
}

// Escape in the make-up form's date field closes it; nothing is recorded.
func TestEscapeInMakeUpFormCloses(t *testing.T) {
	s, w, p := openMakeUps(t)
	tapMakeupButton(t, p, "李丽华", "登记补学")
	date := formDate(w)
	if date == nil || !dialogOpen(w) {
		t.Fatal("the make-up form did not open")
	}
	date.SetText("2026-11-21")
	escapeIn(w, findObject(w, func(e *escEntry) bool { return e.PlaceHolder == "如 2026-11-29" }))
	if dialogOpen(w) {
		t.Error("Escape in 补学日期: the make-up form stayed open")
	}
	s.run.Wait()
	want := []string{
		"李丽华 | 2026-11-20 周五 · 正午课堂 · 股权转让备案 · 请假（因病）",
		"张建国 | 2026-11-20 周五 · 正午课堂 · 股权转让备案 · 缺席",
	}
	if got := makeupLines(p); !slices.Equal(got, want) {
		t.Errorf("owed after Escape: got %q, want both still owed %q", got, want)
	}
}
