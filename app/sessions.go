package app

import (
	"fmt"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"branchledger/data"
)

// sessionsScreen is 组织生活: the year's sessions grouped by month, with
// filters by kind and year, the session form and the series dialog.
type sessionsScreen struct {
	env
	root fyne.CanvasObject

	yearSel *widget.Select
	kindSel *widget.Select
	summary *widget.Label
	list    *widget.List

	year        int
	kind        data.Kind // "" for every kind
	stats       []data.SessionStat
	rows        []sessionRow
	leaveCounts bool
	scrolled    bool // scrolled to this month once

	form   *sessionForm  // the form last opened
	series *seriesDialog // the series dialog last opened
}

// sessionRow is one line of the list: a month heading or a session.
type sessionRow struct {
	month string // "2026-11" for a heading
	stat  *data.SessionStat
}

func newSessionsScreen(e env) *sessionsScreen {
	p := &sessionsScreen{env: e, year: e.ledger.Today().Year()}
	p.yearSel = widget.NewSelect(nil, p.onYearChanged)
	kinds := []string{lang.L("common.all")}
	for _, k := range data.Kinds() {
		kinds = append(kinds, kindName(k))
	}
	p.summary = widget.NewLabel("")
	p.list = widget.NewList(func() int { return len(p.rows) }, newSessionRowObject, p.updateRow)
	p.kindSel = widget.NewSelect(kinds, nil)
	p.kindSel.SetSelectedIndex(0)
	p.kindSel.OnChanged = p.onKindChanged
	p.list.OnSelected = p.onRowSelected
	newBtn := widget.NewButtonWithIcon(lang.L("sessions.new"), theme.ContentAddIcon(), p.onNew)
	newBtn.Importance = widget.HighImportance
	seriesBtn := widget.NewButtonWithIcon(lang.L("sessions.new_series"), theme.ViewRefreshIcon(), p.onNewSeries)
	rule := newRateRuleButton(e.win, func() bool { return p.leaveCounts })
	bar := container.NewHBox(widget.NewLabel(lang.L("sessions.year")), p.yearSel,
		widget.NewLabel(lang.L("field.kind")), p.kindSel, p.summary, rule)
	// The bar scrolls sideways rather than push the buttons off a narrow
	// window (1024×600, English labels).
	top := container.NewBorder(nil, nil, nil, container.NewHBox(seriesBtn, newBtn), container.NewHScroll(bar))
	p.root = container.NewBorder(top, nil, nil, nil, p.list)
	return p
}

func (p *sessionsScreen) content() fyne.CanvasObject { return p.root }

func (p *sessionsScreen) shown() { p.reload() }

// reload reads the selected year's sessions with their counts.
func (p *sessionsScreen) reload() {
	l, year := p.ledger, p.year
	if l == nil {
		return // the ledger was closed meanwhile
	}
	type result struct {
		years []int
		stats []data.SessionStat
		leave bool
	}
	load(p.run, purpose("sessions.list"), func() (result, error) {
		var r result
		var err error
		if r.years, err = l.SessionYears(); err != nil {
			return r, err
		}
		b, err := l.Branch()
		if err != nil {
			return r, err
		}
		r.leave = b.LeaveCountsAgainst
		r.stats, err = l.SessionsWithCounts(data.NewDate(year, 1, 1), data.NewDate(year, 12, 31))
		return r, err
	}, func(r result) {
		setYears(p.yearSel, r.years, p.year, p.onYearChanged)
		p.stats, p.leaveCounts = r.stats, r.leave
		p.rebuildRows()
		p.scrollToToday()
	})
}

// rebuildRows applies the kind filter and inserts a heading before each
// month.
func (p *sessionsScreen) rebuildRows() {
	p.rows = p.rows[:0]
	month, n := "", 0
	for i := range p.stats {
		st := &p.stats[i]
		if p.kind != "" && st.Session.Kind != p.kind {
			continue
		}
		if mk := st.Session.Date.MonthKey(); mk != month {
			month = mk
			p.rows = append(p.rows, sessionRow{month: mk})
		}
		p.rows = append(p.rows, sessionRow{stat: st})
		n++
	}
	p.summary.SetText(lang.L("sessions.summary", map[string]any{"Count": thousands(n)}))
	p.list.UnselectAll()
	p.list.Refresh()
}

// scrollToToday brings this month's sessions into view, once: the
// secretary mostly works on the coming weeks, not on January.
func (p *sessionsScreen) scrollToToday() {
	today := p.ledger.Today()
	if p.scrolled || p.year != today.Year() {
		return
	}
	p.scrolled = true
	mk := today.MonthKey()
	for i, r := range p.rows {
		if r.month == mk {
			p.list.ScrollToBottom() // then back up: the month's heading lands on top
			p.list.ScrollTo(i)
			return
		}
	}
}

func (p *sessionsScreen) onYearChanged(v string) {
	y, err := strconv.Atoi(v)
	if err != nil || y == p.year {
		return
	}
	p.year = y
	p.reload()
}

func (p *sessionsScreen) onKindChanged(string) {
	p.kind = ""
	if i := p.kindSel.SelectedIndex(); i > 0 {
		p.kind = data.Kinds()[i-1]
	}
	p.rebuildRows()
}

func (p *sessionsScreen) onRowSelected(id widget.ListItemID) {
	p.list.Unselect(id)
	if id < 0 || id >= len(p.rows) || p.rows[id].stat == nil {
		return
	}
	openSessionForm(p.env, p.rows[id].stat.Session, p.reload, p.formOpened)
}

func (p *sessionsScreen) onNew() {
	today := p.ledger.Today()
	d := today
	if p.year != today.Year() {
		d = data.NewDate(p.year, 1, 1)
	}
	k := p.kind
	if k == "" {
		k = data.NoonClassroom
	}
	openSessionForm(p.env, data.Session{Kind: k, Date: d}, p.reload, p.formOpened)
}

func (p *sessionsScreen) formOpened(f *sessionForm) { p.form = f }

func (p *sessionsScreen) onNewSeries() {
	openSeriesDialog(p.env, p.reload, func(d *seriesDialog) { p.series = d })
}

// newSessionRowObject is the template of a list line: date, kind, theme,
// counts and rate.
func newSessionRowObject() fyne.CanvasObject {
	date := widget.NewLabel("2026-11-29 周五")
	kind := widget.NewLabel("支部党员大会")
	theme := widget.NewLabel("")
	theme.Truncation = fyne.TextTruncateClip
	counts := widget.NewLabel("应到 14 · 实到 14")
	counts.Alignment = fyne.TextAlignTrailing
	counts.Truncation = fyne.TextTruncateClip
	rate := widget.NewLabel("100.0%")
	rate.Alignment = fyne.TextAlignTrailing
	rate.Truncation = fyne.TextTruncateClip
	h := date.MinSize().Height
	cell := func(w float32, o fyne.CanvasObject) fyne.CanvasObject {
		return container.NewGridWrap(fyne.NewSize(w, h), o)
	}
	return container.NewBorder(nil, nil, container.NewHBox(cell(140, date), cell(120, kind)),
		container.NewHBox(cell(170, counts), cell(180, rate)), theme)
}

func (p *sessionsScreen) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	c := o.(*fyne.Container)
	theme := c.Objects[0].(*widget.Label)
	left := c.Objects[1].(*fyne.Container)
	right := c.Objects[2].(*fyne.Container)
	cell := func(c *fyne.Container, i int) *widget.Label {
		return c.Objects[i].(*fyne.Container).Objects[0].(*widget.Label)
	}
	date, kind := cell(left, 0), cell(left, 1)
	counts, rate := cell(right, 0), cell(right, 1)
	if id >= len(p.rows) {
		return
	}
	r := p.rows[id]
	if r.stat == nil {
		d, _ := data.ParseDate(r.month + "-01")
		date.TextStyle = fyne.TextStyle{Bold: true}
		date.SetText(lang.L("sessions.month", map[string]any{"Year": d.Year(), "Month": int(d.Month())}))
		for _, lb := range []*widget.Label{kind, theme, counts, rate} {
			lb.SetText("")
		}
		return
	}
	s := &r.stat.Session
	date.TextStyle = fyne.TextStyle{}
	date.SetText(dateWithWeekday(s.Date))
	kind.SetText(kindName(s.Kind))
	t := s.Theme
	imp := widget.MediumImportance
	if s.Cancelled {
		t = lang.L("sessions.cancelled_mark") + " " + t
		imp = widget.LowImportance
	}
	theme.Importance = imp
	theme.SetText(clipRunes(t, 40))
	planned := s.Date > p.ledger.Today() && r.stat.Unmarked == r.stat.Expected
	switch {
	case s.Cancelled:
		counts.SetText("")
		rate.SetText("")
	case planned:
		counts.SetText(lang.L("sessions.expected_only", map[string]any{"Expected": thousands(r.stat.Expected)}))
		rate.SetText("")
	default:
		counts.SetText(lang.L("sessions.row_counts", map[string]any{"Expected": thousands(r.stat.Expected), "Attended": thousands(r.stat.Attended())}))
		rate.SetText(rateText(r.stat.Counts, p.leaveCounts))
	}
}

// kindName is the Chinese (or English) name of a session kind.
func kindName(k data.Kind) string { return lang.L("kind." + string(k)) }

// weekdayName is 周一…周日.
func weekdayName(d data.Date) string {
	return lang.L(fmt.Sprintf("sessions.weekday.%d", int(d.Weekday())))
}

// dateWithWeekday is "2026-11-27 周五": dates are always yyyy-mm-dd.
func dateWithWeekday(d data.Date) string { return d.String() + " " + weekdayName(d) }

// timeRange is "12:00–13:00", or one end, or "".
func timeRange(s *data.Session) string {
	switch {
	case s.Start != "" && s.End != "":
		return s.Start + "–" + s.End
	default:
		return s.Start + s.End
	}
}

// quorumText is the red flag of a meeting held without quorum, or "" when
// the session has no quorum rule, has quorum, or has no mark yet.
func quorumText(st *data.SessionStat) string {
	if !st.NeedsQuorum() || st.Quorate() || st.Expected == st.Unmarked {
		return ""
	}
	if st.Session.Kind == data.CommitteeMeeting {
		return lang.L("sessions.no_quorum_committee", map[string]any{"Attended": st.Attended(), "Expected": st.Expected})
	}
	return lang.L("sessions.no_quorum", map[string]any{"Attended": st.VotingAttended, "Voting": st.Voting})
}

// setYears offers years in a year selector and selects year, without
// firing onChanged for it: the caller is already showing that year.
func setYears(sel *widget.Select, years []int, year int, onChanged func(string)) {
	opts := make([]string, len(years))
	for i, y := range years {
		opts[i] = strconv.Itoa(y)
	}
	sel.OnChanged = nil
	sel.SetOptions(opts)
	sel.SetSelected(strconv.Itoa(year))
	sel.OnChanged = onChanged
}
