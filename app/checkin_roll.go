package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"branchledger/data"
)

// rollList is the check-in list with keyboard operation: ↑/↓ move the
// selected row, and the typed keys go to the check-in screen for that row
// (1–4 status, 7–9 leave reason). Tab reaches it like any other control.
type rollList struct {
	widget.List
	cur    int // the selected row, −1 for none
	onRune func(row int, r rune)
}

func newRollList(length func() int, create func() fyne.CanvasObject,
	update func(widget.ListItemID, fyne.CanvasObject), onRune func(int, rune)) *rollList {
	l := &rollList{cur: -1, onRune: onRune}
	l.Length, l.CreateItem, l.UpdateItem = length, create, update
	l.OnSelected = func(id widget.ListItemID) { l.cur = id }
	l.ExtendBaseWidget(l)
	return l
}

// TypedKey moves the selection with the arrow keys.
func (l *rollList) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyUp:
		if l.cur > 0 {
			l.Select(l.cur - 1)
		}
	case fyne.KeyDown:
		l.Select(l.cur + 1) // ignored past the end
	default:
		l.List.TypedKey(ev)
	}
}

// TypedRune hands a typed key to the screen for the selected row.
func (l *rollList) TypedRune(r rune) {
	if l.onRune != nil {
		l.onRune(l.cur, r)
	}
}

// statusImportance colours the current status's button.
func statusImportance(st data.MarkStatus) widget.Importance {
	switch st {
	case data.Present:
		return widget.SuccessImportance
	case data.Late:
		return widget.WarningImportance
	case data.Absent:
		return widget.DangerImportance
	}
	return widget.HighImportance
}

// newRollRowObject is one member's line: name and group, the four status
// buttons, and the leave reason picker shown for 请假.
func newRollRowObject() fyne.CanvasObject {
	name := widget.NewLabel("王晓明 · 第一党小组")
	name.Truncation = fyne.TextTruncateEllipsis
	btns := container.NewHBox()
	for _, st := range data.MarkStatuses {
		b := widget.NewButton(lang.L("mark."+st.Code()), nil)
		btns.Add(container.NewGridWrap(fyne.NewSize(84, 40), b))
	}
	reasons := make([]string, len(data.LeaveReasons))
	for i, r := range data.LeaveReasons {
		reasons[i] = lang.L("reason." + r.Code())
	}
	reason := widget.NewSelect(reasons, nil)
	reason.PlaceHolder = lang.L("checkin.reason")
	btns.Add(container.NewGridWrap(fyne.NewSize(130, 40), reason))
	return container.NewBorder(nil, nil, container.NewGridWrap(fyne.NewSize(230, 40), name), nil, btns)
}

func (c *checkinScreen) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	if c.roll == nil || id >= len(c.rows) {
		return
	}
	row := o.(*fyne.Container)
	btns := row.Objects[0].(*fyne.Container)
	name := row.Objects[1].(*fyne.Container).Objects[0].(*widget.Label)
	m := &c.roll.Members[c.rows[id]]
	mk, marked := c.roll.Marks[m.ID]
	label := m.Name
	if m.Group != "" {
		label += " · " + m.Group
	}
	if !marked {
		label += " · " + lang.L("mark.unmarked")
	}
	name.SetText(label)
	for j, st := range data.MarkStatuses {
		b := btns.Objects[j].(*fyne.Container).Objects[0].(*widget.Button)
		imp := widget.MediumImportance
		if marked && mk.Status == st {
			imp = statusImportance(st)
		}
		b.Importance = imp
		b.OnTapped = func() { c.setMark(m, data.Mark{Status: st, Reason: c.roll.Marks[m.ID].Reason}) }
		b.Refresh()
	}
	reason := btns.Objects[len(data.MarkStatuses)].(*fyne.Container).Objects[0].(*widget.Select)
	reason.OnChanged = nil
	if !marked || mk.Status != data.OnLeave {
		reason.Hide()
		return
	}
	if mk.Reason == data.NoReason {
		reason.ClearSelected()
	} else {
		reason.SetSelectedIndex(int(mk.Reason) - 1)
	}
	reason.OnChanged = func(string) {
		if i := reason.SelectedIndex(); i >= 0 {
			c.setMark(m, data.Mark{Status: data.OnLeave, Reason: data.LeaveReasons[i]})
		}
	}
	reason.Show()
}
