package app

import (
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"branchledger/data"
)

// dateEntry is a text entry for a yyyy-mm-dd date with a calendar button.
// Fyne's DateEntry formats dates in the locale's d/m/y order, and its
// calendar titles months in English; this one always writes 2026-11-29
// and labels its calendar from the translation files. Other screens may
// use it too (newDateEntry).
type dateEntry struct {
	entry  *escEntry
	button *widget.Button
	root   fyne.CanvasObject
	popup  *widget.PopUp
	today  func() data.Date
}

// newDateEntry returns a date field; today picks the calendar's starting
// month when the field is empty.
func newDateEntry(today func() data.Date) *dateEntry {
	d := &dateEntry{entry: newFormEntry(), today: today}
	d.entry.SetPlaceHolder(lang.L("members.date_placeholder"))
	d.button = widget.NewButtonWithIcon("", theme.CalendarIcon(), d.onCalendar)
	d.root = container.NewBorder(nil, nil, nil, d.button, d.entry)
	return d
}

// text returns what is typed, with the separators people also use
// ("2026.11.29", "2026/11/29") read as dashes.
func (d *dateEntry) text() string {
	return normaliseDateText(d.entry.Text)
}

// date parses the field; an empty field is the zero Date.
func (d *dateEntry) date() (data.Date, error) { return data.ParseDate(d.text()) }

// setDate shows d, or clears the field for the zero Date.
func (d *dateEntry) setDate(v data.Date) {
	if v == 0 {
		d.entry.SetText("")
		return
	}
	d.entry.SetText(v.String())
}

func normaliseDateText(s string) string {
	s = strings.TrimSpace(s)
	s = strings.NewReplacer(".", "-", "/", "-", "年", "-", "月", "-", "日", "").Replace(s)
	// 2026-1-5 → 2026-01-05
	parts := strings.Split(s, "-")
	if len(parts) == 3 && len(parts[0]) == 4 {
		for i := 1; i < 3; i++ {
			if len(parts[i]) == 1 {
				parts[i] = "0" + parts[i]
			}
		}
		s = strings.Join(parts, "-")
	}
	return s
}

func (d *dateEntry) onCalendar() {
	c := fyne.CurrentApp().Driver().CanvasForObject(d.entry)
	if c == nil {
		return
	}
	start, err := d.date()
	if err != nil || start == 0 {
		start = d.today()
	}
	cal := newMonthCalendar(start, func(v data.Date) {
		d.entry.SetText(v.String())
		if d.popup != nil {
			d.popup.Hide()
		}
	})
	d.popup = widget.NewPopUp(cal.root, c)
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(d.entry)
	d.popup.ShowAtPosition(pos.Add(fyne.NewPos(0, d.entry.Size().Height)))
}

// monthCalendar is the calendar of the date pop-up: a "2026年11月" title
// with previous/next buttons and a grid of days, weeks starting on Monday
// as Chinese calendars do.
type monthCalendar struct {
	year   int
	month  time.Month
	picked data.Date
	title  *widget.Label
	days   *fyne.Container
	root   fyne.CanvasObject
	pick   func(data.Date)
}

func newMonthCalendar(start data.Date, pick func(data.Date)) *monthCalendar {
	c := &monthCalendar{year: start.Year(), month: start.Month(), picked: start, pick: pick}
	c.title = widget.NewLabel("")
	c.title.Alignment = fyne.TextAlignCenter
	c.title.TextStyle.Bold = true
	prevYear := widget.NewButtonWithIcon("", theme.MediaFastRewindIcon(), func() { c.move(-12) })
	prev := widget.NewButtonWithIcon("", theme.NavigateBackIcon(), func() { c.move(-1) })
	next := widget.NewButtonWithIcon("", theme.NavigateNextIcon(), func() { c.move(1) })
	nextYear := widget.NewButtonWithIcon("", theme.MediaFastForwardIcon(), func() { c.move(12) })
	c.days = container.NewGridWithColumns(7)
	head := container.NewBorder(nil, nil, container.NewHBox(prevYear, prev), container.NewHBox(next, nextYear), c.title)
	c.root = container.NewBorder(head, nil, nil, nil, c.days)
	c.fill()
	return c
}

func (c *monthCalendar) move(months int) {
	t := time.Date(c.year, c.month+time.Month(months), 1, 0, 0, 0, 0, time.Local)
	c.year, c.month = t.Year(), t.Month()
	c.fill()
}

func (c *monthCalendar) fill() {
	c.title.SetText(lang.L("members.calendar_month", map[string]any{"Year": c.year, "Month": int(c.month)}))
	objs := make([]fyne.CanvasObject, 0, 49)
	for _, k := range []string{"mon", "tue", "wed", "thu", "fri", "sat", "sun"} {
		l := widget.NewLabel(lang.L("members.weekday_" + k))
		l.Alignment = fyne.TextAlignCenter
		objs = append(objs, l)
	}
	first := time.Date(c.year, c.month, 1, 0, 0, 0, 0, time.Local)
	lead := (int(first.Weekday()) + 6) % 7 // Monday first
	for i := 0; i < lead; i++ {
		objs = append(objs, widget.NewLabel(""))
	}
	days := first.AddDate(0, 1, -1).Day()
	for day := 1; day <= days; day++ {
		v := data.NewDate(c.year, c.month, day)
		b := widget.NewButton(strconv.Itoa(day), func() { c.pick(v) })
		if v == c.picked {
			b.Importance = widget.HighImportance
		} else {
			b.Importance = widget.LowImportance
		}
		objs = append(objs, b)
	}
	c.days.Objects = objs
	c.days.Refresh()
}
