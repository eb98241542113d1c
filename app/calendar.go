package app

import (
	"fmt"
	"os"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"branchledger/app/msg"
	"branchledger/data"
	"branchledger/data/report"
)

// calendarScreen is 日历与待办: a month with its sessions and duties, the
// duties of the month and the overdue ones with the rule behind each, and
// the places where duties are done (转正, 民主评议, 谈心谈话, 学时) and
// exported (.ics, 民主评议结果汇总).
type calendarScreen struct {
	env
	month  data.Date // the first day of the month shown
	title  *widget.Label
	grid   *fyne.Container
	duties *fyne.Container
	root   fyne.CanvasObject
}

func newCalendarScreen(e env) *calendarScreen {
	c := &calendarScreen{env: e}
	c.title = widget.NewLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	c.grid = container.NewGridWithColumns(7)
	c.duties = container.NewVBox()
	prev := widget.NewButtonWithIcon("", theme.NavigateBackIcon(), func() { c.onMonth(-1) })
	next := widget.NewButtonWithIcon("", theme.NavigateNextIcon(), func() { c.onMonth(1) })
	nav := container.NewBorder(nil, nil, prev, next, c.title)
	actions := container.NewGridWithColumns(3,
		widget.NewButtonWithIcon(lang.L("duties.record_confirmation"), theme.AccountIcon(), func() { openConfirmationForm(e, [16]byte{}, c.reload) }),
		widget.NewButtonWithIcon(lang.L("duties.record_review"), theme.DocumentCreateIcon(), func() { openReviewForm(e, c.month.Year(), c.reload) }),
		widget.NewButtonWithIcon(lang.L("duties.talks"), theme.MailComposeIcon(), func() { openTalkLog(e, c.reload) }),
		widget.NewButtonWithIcon(lang.L("duties.hours"), theme.GridIcon(), func() { openStudyHours(e, c.month.Year()) }),
		widget.NewButtonWithIcon(lang.L("duties.export_ics"), theme.DownloadIcon(), c.onExportICS),
		widget.NewButtonWithIcon(lang.L("duties.review_export"), theme.DocumentSaveIcon(), c.onExportReview))
	body := container.NewVBox(nav, c.grid, widget.NewCard(lang.L("duties.month_duties"), "", c.duties))
	c.root = container.NewBorder(actions, nil, nil, nil, container.NewVScroll(body))
	return c
}

func (c *calendarScreen) content() fyne.CanvasObject { return c.root }

func (c *calendarScreen) shown() {
	if c.month == 0 && c.ledger != nil {
		t := c.ledger.Today()
		c.month = data.NewDate(t.Year(), t.Month(), 1)
	}
	c.reload()
}

func (c *calendarScreen) onMonth(n int) {
	c.month = c.month.AddMonths(n)
	c.reload()
}

type calendarMonth struct {
	b        data.Branch
	today    data.Date
	sessions []data.Session
	duties   []data.Duty
}

func (c *calendarScreen) reload() {
	l := c.ledger
	if l == nil || c.month == 0 {
		return
	}
	from := c.month
	to := from.AddMonths(1).AddDays(-1)
	load(c.run, purpose("calendar.month"), func() (calendarMonth, error) {
		var m calendarMonth
		var err error
		if m.b, err = l.Branch(); err != nil {
			return m, err
		}
		m.today = l.Today()
		if m.sessions, err = l.Sessions(from, to); err != nil {
			return m, err
		}
		days := int(to.Time().Sub(m.today.Time()).Hours() / 24)
		m.duties, err = l.Duties(max(days, 0))
		return m, err
	}, c.show)
}

func (c *calendarScreen) show(m calendarMonth) {
	from := c.month
	to := from.AddMonths(1).AddDays(-1)
	c.title.SetText(lang.L("members.calendar_month", map[string]any{"Year": from.Year(), "Month": int(from.Month())}))
	var cells []fyne.CanvasObject
	for i := 1; i <= 7; i++ {
		cells = append(cells, widget.NewLabelWithStyle(lang.L(fmt.Sprintf("sessions.weekday.%d", i%7)), fyne.TextAlignCenter, fyne.TextStyle{Bold: true}))
	}
	lead := (int(from.Weekday()) + 6) % 7 // Monday first
	for i := 0; i < lead; i++ {
		cells = append(cells, widget.NewLabel(""))
	}
	for d := from; d <= to; d = d.AddDays(1) {
		var ses, dus []string
		overdue := false
		for _, s := range m.sessions {
			if s.Date == d && !s.Cancelled {
				ses = append(ses, kindName(s.Kind))
			}
		}
		for _, du := range m.duties {
			if k := lang.L("duties.kind." + string(du.Kind)); du.Due == d && !slices.Contains(dus, k) {
				dus = append(dus, k)
				overdue = overdue || du.Overdue
			}
		}
		day := widget.NewLabelWithStyle(fmt.Sprint(d.Day()), fyne.TextAlignLeading, fyne.TextStyle{Bold: d == m.today})
		box := container.NewVBox(day)
		// One small label for the sessions and one for the duties, a line
		// each: a label per item would make every week as tall as its
		// busiest day.
		if len(ses) > 0 {
			box.Add(calendarLines(ses, widget.MediumImportance))
		}
		if len(dus) > 0 {
			imp := widget.WarningImportance
			if overdue {
				imp = widget.DangerImportance
			}
			box.Add(calendarLines(dus, imp))
		}
		cells = append(cells, box)
	}
	c.grid.Objects = cells
	c.grid.Refresh()
	var rows []fyne.CanvasObject
	for _, du := range m.duties {
		if du.Overdue || (du.Due >= from && du.Due <= to) {
			rows = append(rows, dutyRow(c.env, du, &m.b, c.reload))
		}
	}
	if len(rows) == 0 {
		rows = append(rows, widget.NewLabel(lang.L("duties.none")))
	}
	c.duties.Objects = rows
	// The grid and the list changed size: lay the page out again, or they
	// keep their old heights and overlap.
	c.root.Refresh()
}

// calendarLines is a small label with one line per item.
func calendarLines(items []string, imp widget.Importance) *widget.Label {
	lb := widget.NewLabel(strings.Join(items, "\n"))
	lb.SizeName = theme.SizeNameCaptionText
	lb.Truncation = fyne.TextTruncateEllipsis
	lb.Importance = imp
	return lb
}

// onExportICS writes every duty of the coming year (and the overdue ones)
// as an .ics file.
func (c *calendarScreen) onExportICS() {
	l := c.ledger
	if l == nil {
		return
	}
	openSaveTo(c.env, lang.L("duties.export_ics"), "待办.ics", func(path string) error { return writeDutiesICS(l, path) })
}

// writeDutiesICS writes the duties due within a year, and the overdue
// ones, to path as an iCalendar file, atomically.
func writeDutiesICS(l *data.Ledger, path string) error {
	b, err := l.Branch()
	if err != nil {
		return err
	}
	ds, err := l.Duties(366)
	if err != nil {
		return err
	}
	evs := make([]data.ICSEvent, len(ds))
	for i := range ds {
		d := &ds[i]
		evs[i] = data.ICSEvent{UID: data.DutyUID(d), Date: d.Due, Alarms: data.DutyAlarms(d),
			Summary:     lang.L("duties.kind."+string(d.Kind)) + "：" + d.Subject,
			Description: lang.L("duties.rule."+d.Rule, msg.DutyArgs(d, &b)) + "\n" + lang.L(msg.DutySourceKey(d))}
	}
	name := lang.L("duties.ics_name", map[string]any{"Branch": b.Name})
	now := l.Now()
	return data.WriteFileAtomic(path, func(f *os.File) error { return data.WriteICS(f, name, evs, now) })
}

// onExportReview writes the 民主评议结果汇总 of the latest year up to the
// one shown that has an appraisal recorded.
func (c *calendarScreen) onExportReview() {
	l := c.ledger
	if l == nil {
		return
	}
	shown := c.month.Year()
	load(c.run, "", func() (int, error) {
		for _, y := range []int{shown, shown - 1} {
			r, err := l.Review(y)
			if err != nil || r != nil {
				return y, err
			}
		}
		return shown, nil
	}, func(year int) {
		openSaveTo(c.env, lang.L("duties.review_export"), fmt.Sprintf("%d年民主评议结果汇总.xlsx", year), func(path string) error {
			return report.WriteReviewFile(l, path, year)
		})
	})
}
