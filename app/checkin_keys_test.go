package app

import (
	"fmt"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"branchledger/data"
)

// focusName says what has the keyboard focus, in the user's words.
func focusName(c *checkinScreen, f fyne.Focusable) string {
	switch x := f.(type) {
	case *widget.Entry:
		return "搜索 " + x.PlaceHolder
	case *escEntry:
		return "搜索 " + x.PlaceHolder
	case *widget.Button:
		return "按钮 " + x.Text
	case *rollList:
		if x == c.list {
			return "名单"
		}
	case *widget.Select:
		return "下拉 " + x.PlaceHolder
	}
	return fmt.Sprintf("其他 %T", f)
}

func TestCheckinWithoutMouse(t *testing.T) {
	b := newSmallBranch(t)
	s, w := b.open(t)
	s.show(pageCheckin)
	c := s.screens.checkin
	s.run.Wait()

	// The picker: search by kind and date, Enter opens the first match.
	test.Tap(c.picker.button)
	test.Type(c.picker.search, "正午 11-20")
	c.picker.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	s.run.Wait()
	if got, want := c.picker.button.Text, "2026-11-20 周五 正午课堂 · 股权转让备案"; got != want {
		t.Fatalf("picked %q, want %q", got, want)
	}

	// Ctrl+F on check-in searches check-in, not the members screen.
	s.onFind()
	if got := focusName(c, w.Canvas().Focused()); got != "搜索 搜索姓名或拼音首字母，如 wxm" {
		t.Fatalf("Ctrl+F: focus on %q, want the check-in search", got)
	}
	// Tab reaches 全部出席, 结束登记 and the list, not the rows' buttons.
	var order []string
	for range 4 {
		w.Canvas().FocusNext()
		order = append(order, focusName(c, w.Canvas().Focused()))
	}
	want := []string{"按钮 全部出席", "按钮 结束登记", "按钮 修改记录", "名单"}
	if !equalStrings(order, want) {
		t.Errorf("Tab order: got %q, want %q", order, want)
	}

	// Search, Enter to the list, ↓ to the next name, 1 marks present.
	w.Canvas().Focus(c.search)
	test.Type(c.search, "l")
	if len(c.rows) != 1 {
		t.Fatalf("search l: %d rows, want 李丽华 only", len(c.rows))
	}
	c.search.SetText("")
	c.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if got := focusName(c, w.Canvas().Focused()); got != "名单" || c.list.cur != 0 {
		t.Fatalf("Enter in the search: focus %q, row %d; want the list's first row", got, c.list.cur)
	}
	order = order[:0]
	for _, k := range []fyne.KeyName{fyne.KeyDown, fyne.KeyDown, fyne.KeyUp} {
		c.list.TypedKey(&fyne.KeyEvent{Name: k})
		order = append(order, c.roll.Members[c.rows[c.list.cur]].Name)
	}
	if want := []string{"李丽华", "张建国", "李丽华"}; !equalStrings(order, want) {
		// The sheet lists members in roster order: 王, 李, 张.
		t.Errorf("arrows: got %q, want %q", order, want)
	}
	c.list.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	c.list.TypedRune('2') // 张建国: 迟到
	s.run.Wait()
	marks, err := s.ledger.Marks(b.held.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got := marks[b.members["张建国"].ID]; got.Status != data.Late {
		t.Errorf("张建国 after the key 2: %v, want 迟到", got)
	}
	if got, want := c.counts.Text, "应到 3 · 实到 2（迟到 1） · 请假 1 · 缺席 0 · 出勤率 100.0%"; got != want {
		t.Errorf("counts: got %q, want %q", got, want)
	}
}
