package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// keyWindow is a test window with Enter and Escape installed.
func keyWindow(t *testing.T) fyne.Window {
	t.Helper()
	test.NewTempApp(t)
	w := test.NewWindow(widget.NewLabel("首页"))
	w.Resize(fyne.NewSize(1024, 600))
	t.Cleanup(w.Close)
	installKeys(w)
	return w
}

// press sends key to the window's canvas, as the driver does when no
// widget has the focus.
func press(w fyne.Window, key fyne.KeyName) {
	w.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: key})
}

func TestEscapeAndEnterInConfirmDialog(t *testing.T) {
	for _, tc := range []struct {
		key  fyne.KeyName
		want string
	}{
		{fyne.KeyEscape, "取消"},
		{fyne.KeyReturn, "结束登记"},
		{fyne.KeyEnter, "结束登记"},
	} {
		w := keyWindow(t)
		got := "没有关闭"
		d := dialog.NewConfirm("结束登记", "结束后修改需确认。", func(ok bool) {
			got = map[bool]string{true: "结束登记", false: "取消"}[ok]
		}, w)
		d.SetConfirmText("结束登记")
		d.SetDismissText("取消")
		d.Show()
		press(w, tc.key)
		if got != tc.want {
			t.Errorf("%s: got %q, want %q", tc.key, got, tc.want)
		}
		if w.Canvas().Overlays().Top() != nil {
			t.Errorf("%s: the dialog is still shown", tc.key)
		}
	}
}

func TestEscapeAndEnterInCustomForm(t *testing.T) {
	w := keyWindow(t)
	var said []string
	name := widget.NewEntry()
	note := widget.NewMultiLineEntry()
	content := widget.NewForm(widget.NewFormItem("姓名", name), widget.NewFormItem("备注", note))
	d := dialog.NewCustomWithoutButtons("登记补学", content, w)
	save := widget.NewButton("保存", func() { said = append(said, "保存 "+name.Text); d.Hide() })
	save.Importance = widget.HighImportance
	d.SetButtons([]fyne.CanvasObject{widget.NewButton("取消", func() { said = append(said, "取消"); d.Hide() }), save})
	armEntries(content, save.OnTapped)

	d.Show()
	press(w, fyne.KeyEscape)
	d.Show()
	press(w, fyne.KeyReturn)
	d.Show()
	test.Type(name, "李丽华")
	name.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) // Enter typed into the focused field
	note.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) // a new line, not a save
	want := []string{"取消", "保存 ", "保存 李丽华"}
	if len(said) != len(want) {
		t.Fatalf("got %q, want %q", said, want)
	}
	for i := range want {
		if said[i] != want[i] {
			t.Errorf("step %d: got %q, want %q", i, said[i], want[i])
		}
	}
}

func TestEscapeClosesInformationAndPopUp(t *testing.T) {
	w := keyWindow(t)
	dialog.ShowInformation("已创建", "已创建 4 次活动。", w)
	press(w, fyne.KeyEscape)
	if w.Canvas().Overlays().Top() != nil {
		t.Fatal("the information dialog stayed after Escape")
	}
	pop := widget.NewPopUp(widget.NewLabel("2026年11月"), w.Canvas())
	pop.Show()
	press(w, fyne.KeyEscape)
	if pop.Visible() {
		t.Error("the calendar pop-up stayed after Escape")
	}
	other := ""
	installKeys(w) // a second install keeps the first
	w.Canvas().SetOnTypedKey(func(ev *fyne.KeyEvent) { other = string(ev.Name) })
	installKeys(w)
	press(w, fyne.KeyDown)
	if other != string(fyne.KeyDown) {
		t.Errorf("other keys: got %q, want them passed on", other)
	}
}

func TestEnterInMemberFormSaves(t *testing.T) {
	s, _ := newSmallBranch(t).open(t)
	p := openMembers(t, s)
	f := p.openForm(nil)
	test.Type(f.name, "赵")
	f.name.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) // as 保存: the missing ID number is shown
	if l := f.errs["id_number"]; !l.Visible() || l.Text != "必须填写" {
		t.Errorf("Enter in 姓名: ID number problem %q (shown %v), want 必须填写", l.Text, l.Visible())
	}
}
