package app

import (
	"math"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"branchledger/data"
)

// statsScreen is 统计: a year's attendance per member, per session and per
// month, with a bar chart of the monthly rate, from data.YearStats (the
// numbers of `branchledger stats`). The switch for whether leave counts
// against the rate is the branch's setting, saved in the ledger.
type statsScreen struct {
	env
	root fyne.CanvasObject

	yearSel  *widget.Select
	leaveChk *widget.Check
	rule     *widget.Label
	total    *widget.Label
	members  *widget.Table
	sessions *widget.Table
	months   *widget.Table
	chart    *barChart

	year int
	ys   *data.YearStats
}

// statsTable is one table's columns: header keys, widths and cell text.
type statsTable struct {
	headers []string
	widths  []float32
	rows    func() int
	cell    func(row, col int) string
}

func newStatsScreen(e env) *statsScreen {
	p := &statsScreen{env: e, year: e.ledger.Today().Year()}
	p.yearSel = widget.NewSelect(nil, p.onYearChanged)
	p.leaveChk = widget.NewCheck(lang.L("stats.leave_counts"), p.onLeaveChanged)
	p.rule = widget.NewLabel("")
	p.rule.Wrapping = fyne.TextWrapWord
	p.total = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.members = p.newTable(statsTable{
		headers: []string{"field.name", "field.group", "stats.expected", "mark.present", "mark.late", "mark.leave", "mark.absent", "mark.unmarked", "stats.rate"},
		widths:  []float32{110, 120, 70, 70, 70, 70, 70, 70, 170},
		rows: func() int {
			if p.ys == nil {
				return 0
			}
			return len(p.ys.Members)
		},
		cell: func(r, c int) string {
			m := &p.ys.Members[r]
			switch c {
			case 0:
				return m.Member.Name
			case 1:
				return m.Member.Group
			}
			return p.countCell(m.Counts, c-2)
		},
	})
	p.sessions = p.newTable(statsTable{
		headers: []string{"field.date", "field.kind", "field.theme", "stats.expected", "stats.attended", "mark.leave", "mark.absent", "stats.rate", "stats.quorum"},
		widths:  []float32{130, 110, 240, 70, 70, 70, 70, 170, 90},
		rows: func() int {
			if p.ys == nil {
				return 0
			}
			return len(p.ys.Held)
		},
		cell: func(r, c int) string {
			st := &p.ys.Held[r]
			switch c {
			case 0:
				return dateWithWeekday(st.Session.Date)
			case 1:
				return kindName(st.Session.Kind)
			case 2:
				return st.Session.Theme
			case 3:
				return thousands(st.Expected)
			case 4:
				return thousands(st.Attended())
			case 5:
				return thousands(st.Leave)
			case 6:
				return thousands(st.Absent)
			case 7:
				return rateText(st.Counts, p.ys.LeaveCounts)
			}
			switch {
			case !st.NeedsQuorum():
				return ""
			case st.Quorate():
				return lang.L("stats.quorate")
			}
			return lang.L("stats.not_quorate")
		},
	})
	p.months = p.newTable(statsTable{
		headers: []string{"stats.month", "stats.sessions", "stats.expected", "stats.attended", "mark.leave", "mark.absent", "stats.rate"},
		widths:  []float32{100, 80, 80, 80, 80, 80, 170},
		rows: func() int {
			if p.ys == nil {
				return 0
			}
			return len(p.ys.Months)
		},
		cell: func(r, c int) string {
			mo := &p.ys.Months[r]
			switch c {
			case 0:
				return mo.Month
			case 1:
				return thousands(mo.Sessions)
			case 2:
				return thousands(mo.Expected)
			case 3:
				return thousands(mo.Attended())
			case 4:
				return thousands(mo.Leave)
			case 5:
				return thousands(mo.Absent)
			}
			return rateText(mo.Counts, p.ys.LeaveCounts)
		},
	})
	labels := make([]string, 12)
	for i := range labels {
		labels[i] = lang.L("stats.month_short", map[string]any{"Month": i + 1})
	}
	p.chart = newBarChart(labels)
	chartBox := container.NewBorder(widget.NewLabelWithStyle(lang.L("stats.chart_title"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), nil, nil, nil, p.chart)
	monthSplit := container.NewVSplit(chartBox, p.months)
	monthSplit.SetOffset(0.45)
	tabs := container.NewAppTabs(
		container.NewTabItem(lang.L("stats.by_member"), p.members),
		container.NewTabItem(lang.L("stats.by_session"), p.sessions),
		container.NewTabItem(lang.L("stats.by_month"), monthSplit))
	unmarked := widget.NewLabel(lang.L("rate.rule_unmarked"))
	unmarked.Wrapping = fyne.TextWrapWord
	unmarked.Importance = widget.LowImportance
	top := container.NewVBox(
		container.NewHBox(widget.NewLabel(lang.L("sessions.year")), p.yearSel, p.leaveChk),
		p.rule, unmarked, p.total)
	p.root = container.NewBorder(top, nil, nil, nil, tabs)
	return p
}

func (p *statsScreen) content() fyne.CanvasObject { return p.root }

func (p *statsScreen) shown() { p.reload() }

// countCell is one of 应到, 出席, 迟到, 请假, 缺席, 未登记, rate.
func (p *statsScreen) countCell(c data.Counts, i int) string {
	switch i {
	case 0:
		return thousands(c.Expected)
	case 1:
		return thousands(c.Present)
	case 2:
		return thousands(c.Late)
	case 3:
		return thousands(c.Leave)
	case 4:
		return thousands(c.Absent)
	case 5:
		return thousands(c.Unmarked)
	}
	return rateText(c, p.ys.LeaveCounts)
}

func (p *statsScreen) newTable(def statsTable) *widget.Table {
	t := widget.NewTable(
		func() (int, int) { return def.rows(), len(def.headers) },
		func() fyne.CanvasObject {
			lb := widget.NewLabel("")
			lb.Truncation = fyne.TextTruncateClip
			return lb
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			if p.ys == nil || id.Row >= def.rows() {
				return
			}
			o.(*widget.Label).SetText(def.cell(id.Row, id.Col))
		})
	t.ShowHeaderRow = true
	t.CreateHeader = func() fyne.CanvasObject {
		return widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Row < 0 && id.Col >= 0 && id.Col < len(def.headers) {
			o.(*widget.Label).SetText(lang.L(def.headers[id.Col]))
		}
	}
	for i, w := range def.widths {
		t.SetColumnWidth(i, w)
	}
	return t
}

// reload computes the selected year's statistics.
func (p *statsScreen) reload() {
	l, year := p.ledger, p.year
	if l == nil {
		return // the ledger was closed meanwhile
	}
	type result struct {
		years []int
		ys    *data.YearStats
	}
	load(p.run, purpose("stats"), func() (result, error) {
		years, err := l.SessionYears()
		if err != nil {
			return result{}, err
		}
		ys, err := l.YearStats(year)
		return result{years, ys}, err
	}, func(r result) {
		setYears(p.yearSel, r.years, p.year, p.onYearChanged)
		p.show(r.ys)
	})
}

func (p *statsScreen) show(ys *data.YearStats) {
	p.ys = ys
	p.leaveChk.OnChanged = nil
	p.leaveChk.SetChecked(ys.LeaveCounts)
	p.leaveChk.OnChanged = p.onLeaveChanged
	p.rule.SetText(lang.L(rateRuleKey(ys.LeaveCounts)))
	t := ys.Total
	p.total.SetText(lang.L("stats.total", map[string]any{"Year": ys.Year, "Sessions": thousands(len(ys.Held)),
		"Expected": thousands(t.Expected), "Present": thousands(t.Present), "Late": thousands(t.Late), "Leave": thousands(t.Leave),
		"Absent": thousands(t.Absent), "Rate": rateText(t, ys.LeaveCounts)}))
	vals := make([]float64, len(ys.Months))
	for i, mo := range ys.Months {
		vals[i] = math.NaN()
		if den := mo.Expected - mo.Leave; mo.Sessions > 0 && (den > 0 || (ys.LeaveCounts && mo.Expected > 0)) {
			vals[i] = ys.Rate(mo.Counts)
		}
	}
	p.chart.SetValues(vals)
	for _, tb := range []*widget.Table{p.members, p.sessions, p.months} {
		tb.Refresh()
	}
}

func (p *statsScreen) onYearChanged(v string) {
	if y, err := strconv.Atoi(v); err == nil && y != p.year {
		p.year = y
		p.reload()
	}
}

// onLeaveChanged saves the branch's rate rule; every number is then
// computed again.
func (p *statsScreen) onLeaveChanged(on bool) {
	l := p.ledger
	if l == nil {
		return // the ledger was closed meanwhile
	}
	run(p.run, func() (struct{}, error) {
		return struct{}{}, l.UpdateBranch(func(b *data.Branch) error {
			b.LeaveCountsAgainst = on
			return nil
		})
	}, func(_ struct{}, err error) {
		if err != nil {
			showError(err, p.win)
		}
		p.reload()
	})
}
