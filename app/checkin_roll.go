package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
	"github.com/google/uuid"

	"branchledger/data"
)

// The check-in list and what a tap, a key, 全部出席 and 结束登记 do.

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
// buttons (chips, not Tab stops), and the leave reason picker shown for
// 请假.
func newRollRowObject() fyne.CanvasObject {
	name := widget.NewLabel("王晓明 · 第一党小组")
	name.Truncation = fyne.TextTruncateClip
	btns := container.NewHBox()
	for _, st := range data.MarkStatuses() {
		b := newTapChip(lang.L("mark."+st.Code()), nil)
		btns.Add(container.NewGridWrap(fyne.NewSize(84, 36), b))
	}
	reasons := make([]string, len(data.LeaveReasons()))
	for i, r := range data.LeaveReasons() {
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
	for j, st := range data.MarkStatuses() {
		b := btns.Objects[j].(*fyne.Container).Objects[0].(*tapChip)
		imp := widget.MediumImportance
		if marked && mk.Status == st {
			imp = statusImportance(st)
		}
		b.Importance = imp
		b.OnTapped = func() { c.setMark(m, data.Mark{Status: st, Reason: c.roll.Marks[m.ID].Reason}) }
		b.Refresh()
	}
	reason := btns.Objects[len(data.MarkStatuses())].(*fyne.Container).Objects[0].(*widget.Select)
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
			c.setMark(m, data.Mark{Status: data.OnLeave, Reason: data.LeaveReasons()[i]})
		}
	}
	reason.Show()
}

// onKey handles the shortcuts of the focused row: 1–4 set the status,
// 7–9 the leave reason.
func (c *checkinScreen) onKey(row int, r rune) {
	if c.roll == nil || row < 0 || row >= len(c.rows) {
		return
	}
	m := &c.roll.Members[c.rows[row]]
	switch {
	case r >= '1' && r <= '4':
		st := data.MarkStatuses()[r-'1']
		c.setMark(m, data.Mark{Status: st, Reason: c.roll.Marks[m.ID].Reason})
		if st != data.OnLeave {
			c.list.Select(row + 1)
		}
	case r >= '7' && r <= '9':
		c.setMark(m, data.Mark{Status: data.OnLeave, Reason: data.LeaveReasons()[r-'7']})
		c.list.Select(row + 1)
	}
}

// setMark records one member's mark.
func (c *checkinScreen) setMark(m *data.Member, mk data.Mark) {
	if mk.Status != data.OnLeave {
		mk.Reason = data.NoReason
	}
	if old, ok := c.roll.Marks[m.ID]; ok && old == mk {
		return
	}
	c.save(map[uuid.UUID]data.Mark{m.ID: mk})
}

// onAllPresent marks every member not yet marked as present, in one
// transaction; the exceptions are tapped afterwards.
func (c *checkinScreen) onAllPresent() {
	if c.roll == nil {
		return
	}
	marks := map[uuid.UUID]data.Mark{}
	for i := range c.roll.Members {
		if _, ok := c.roll.Marks[c.roll.Members[i].ID]; !ok {
			marks[c.roll.Members[i].ID] = data.Mark{Status: data.Present}
		}
	}
	if len(marks) > 0 {
		c.save(marks)
	}
}

// save applies marks on screen at once and writes them in the background,
// one transaction, after any save still in flight. A closed session, and a
// session that has not happened yet, ask first, once per session shown.
func (c *checkinScreen) save(marks map[uuid.UUID]data.Mark) {
	s := c.roll.Session
	if s.Closed && c.unlocked != s.ID {
		d := dialog.NewConfirm(lang.L("checkin.closed_title"), lang.L("checkin.closed_confirm"), func(ok bool) {
			if ok && c.roll != nil && c.roll.Session.ID == s.ID {
				c.unlocked = s.ID
				c.save(marks)
			}
		}, c.win)
		d.SetConfirmText(lang.L("checkin.change"))
		d.SetDismissText(lang.L("button.cancel"))
		d.Show()
		return
	}
	if l := c.ledger; l != nil && s.Date > l.Today() && c.early != s.ID {
		// Marking a session that has not happened yet is usually a slip
		// of the picker: ask once per session.
		d := dialog.NewConfirm(lang.L("checkin.future_title"), lang.L("checkin.future_confirm",
			map[string]any{"Date": dateWithWeekday(s.Date)}), func(ok bool) {
			if ok && c.roll != nil && c.roll.Session.ID == s.ID {
				c.early = s.ID
				c.save(marks)
			}
		}, c.win)
		d.SetConfirmText(lang.L("checkin.future_ok"))
		d.SetDismissText(lang.L("button.cancel"))
		d.Show()
		return
	}
	for id, m := range marks {
		c.roll.Marks[id] = m
	}
	c.list.Refresh()
	l, confirmed := c.ledger, s.Closed
	if l == nil {
		return // the ledger was closed meanwhile
	}
	c.queue = append(c.queue, func() {
		run(c.run, func() (data.SessionStat, error) {
			if err := l.SetMarks(s.ID, marks, confirmed); err != nil {
				return data.SessionStat{}, err
			}
			return l.SessionCounts(s.ID)
		}, func(st data.SessionStat, err error) {
			c.saving = false
			if err != nil {
				c.queue = nil
				showError(err, c.win)
				c.loadRoll(s.ID) // show what the ledger holds
				return
			}
			if c.roll != nil && c.roll.Session.ID == s.ID {
				c.roll.Stat = st
				c.refreshHeader()
			}
			c.runQueue()
		})
	})
	c.runQueue()
}

func (c *checkinScreen) runQueue() {
	if c.saving || len(c.queue) == 0 {
		return
	}
	next := c.queue[0]
	c.queue = c.queue[1:]
	c.saving = true
	next()
}

// onClose ends registration (结束登记): later changes need confirming and
// are kept in the history.
func (c *checkinScreen) onClose() {
	if c.roll == nil || c.roll.Session.Closed {
		return
	}
	id := c.roll.Session.ID
	msg := lang.L("checkin.close_confirm")
	if n := c.roll.Stat.Unmarked; n > 0 {
		msg = lang.L("checkin.close_confirm_unmarked", map[string]any{"Count": thousands(n)}) + "\n" + msg
	}
	d := dialog.NewConfirm(lang.L("checkin.close"), msg, func(ok bool) {
		if !ok {
			return
		}
		l := c.ledger
		if l == nil {
			return // the ledger was closed meanwhile
		}
		save(c.run, func() (struct{}, error) { return struct{}{}, l.CloseSession(id, true) }, nil, func(struct{}) {
			c.loadRoll(id)
		})
	}, c.win)
	d.SetConfirmText(lang.L("checkin.close"))
	d.SetDismissText(lang.L("button.cancel"))
	d.Show()
}

// onHistory lists the changes made after the session was closed.
func (c *checkinScreen) onHistory() {
	if c.roll == nil {
		return
	}
	id := c.roll.Session.ID
	names := map[uuid.UUID]string{}
	for i := range c.roll.Members {
		names[c.roll.Members[i].ID] = c.roll.Members[i].Name
	}
	l := c.ledger
	if l == nil {
		return // the ledger was closed meanwhile
	}
	load(c.run, "", func() ([]data.MarkChange, error) { return l.MarkHistory(id) }, func(hs []data.MarkChange) {
		var lines []string
		for _, h := range hs {
			lines = append(lines, lang.L("checkin.history_line", map[string]any{
				"At": data.DateOf(h.At).String() + " " + h.At.Format("15:04"), "Name": names[h.MemberID],
				"Old": markText(h.Old), "New": markText(h.New)}))
		}
		// A list, not one label: after a 全部出席 on a closed session of
		// 5,000 the history has 5,000 lines, too many to wrap on the UI
		// goroutine.
		var body fyne.CanvasObject = widget.NewLabel(lang.L("checkin.history_none"))
		if len(lines) > 0 {
			body = widget.NewList(func() int { return len(lines) },
				func() fyne.CanvasObject {
					lb := widget.NewLabel("2026-11-29 10:00 王晓明：缺席 → 出席")
					lb.Truncation = fyne.TextTruncateClip
					return lb
				},
				func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(lines[i]) })
		}
		d := dialog.NewCustom(lang.L("checkin.history"), lang.L("button.close"), body, c.win)
		size := c.win.Canvas().Size()
		d.Resize(fyne.NewSize(min(560, size.Width*0.95), min(400, size.Height*0.9)))
		d.Show()
	})
}

// markText is 出席, or 请假（因病）.
func markText(m data.Mark) string {
	t := lang.L("mark." + m.Status.Code())
	if m.Status == data.OnLeave && m.Reason != data.NoReason {
		t = lang.L("checkin.mark_reason", map[string]any{"Mark": t, "Reason": lang.L("reason." + m.Reason.Code())})
	}
	return t
}
