package app

import (
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"branchledger/data"
	"branchledger/data/dues"
)

// duesScreen is 党费: the year's grid (members down, months across) with
// what each month is due, paid or owed, the 3/5/6-month warnings and the
// totals per month and year; from it a payment is recorded for one member
// or for everyone present at a session, and bases, 少交/免交 decisions and
// voluntary payments are entered. The grid is a widget.Table, so a ledger
// of 5,000 members draws only the rows in view.
type duesScreen struct {
	env
	root fyne.CanvasObject

	yearSel   *widget.Select
	summary   *widget.Label
	grid      *widget.Table
	voluntary *widget.List

	year     int
	y        *data.DuesYear
	branch   data.Branch // for the secretary and committee the forms offer
	selected int         // row of the grid, -1 when none
}

// Grid columns: name, category, base, rate, monthly due, twelve months,
// paid this year, months owed, paid through, warning.
const (
	duesColMonth0  = 5
	duesColPaid    = duesColMonth0 + 12
	duesColOwed    = duesColPaid + 1
	duesColThrough = duesColOwed + 1
	duesColWarning = duesColThrough + 1
	duesCols       = duesColWarning + 1
)

func newDuesScreen(e env) *duesScreen {
	p := &duesScreen{env: e, year: e.ledger.Today().Year(), selected: -1}
	p.yearSel = widget.NewSelect(nil, p.onYearChanged)
	p.summary = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.summary.Wrapping = fyne.TextWrapWord
	p.grid = widget.NewTable(p.size, newDuesCell, p.updateCell)
	p.grid.ShowHeaderRow = true
	p.grid.CreateHeader = func() fyne.CanvasObject {
		return widget.NewLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	}
	p.grid.UpdateHeader = p.updateHeader
	p.grid.OnSelected = p.onSelected
	p.grid.StickyColumnCount = 1
	for c, w := range map[int]float32{0: 100, 1: 90, 2: 95, 3: 60, 4: 120, duesColPaid: 90, duesColOwed: 70, duesColThrough: 85, duesColWarning: 260} {
		p.grid.SetColumnWidth(c, w)
	}
	for m := range 12 {
		p.grid.SetColumnWidth(duesColMonth0+m, 78)
	}
	buttons := container.NewHBox(
		widget.NewButton(lang.L("dues.pay"), p.onPay),
		widget.NewButton(lang.L("dues.collect"), p.onCollect),
		widget.NewButton(lang.L("dues.base"), p.onBase),
		widget.NewButton(lang.L("dues.reduction"), p.onReduction),
		widget.NewButton(lang.L("dues.voluntary"), p.onVoluntary),
		widget.NewButton(lang.L("dues.export"), p.onExport))
	top := container.NewVBox(
		container.NewHBox(widget.NewLabel(lang.L("sessions.year")), p.yearSel, buttons),
		p.summary,
		widget.NewLabel(lang.L("dues.legend")))
	p.voluntary = p.newVoluntaryList()
	tabs := container.NewAppTabs(
		container.NewTabItem(lang.L("dues.tab.grid"), p.grid),
		container.NewTabItem(lang.L("dues.tab.voluntary"), p.voluntary))
	p.root = container.NewBorder(top, nil, nil, nil, tabs)
	return p
}

func (p *duesScreen) content() fyne.CanvasObject { return p.root }

func (p *duesScreen) shown() { p.reload() }

func newDuesCell() fyne.CanvasObject {
	lb := widget.NewLabel("")
	lb.Truncation = fyne.TextTruncateEllipsis
	return lb
}

// size is the grid's extent: a row per member and the totals row.
func (p *duesScreen) size() (int, int) {
	if p.y == nil {
		return 0, duesCols
	}
	return len(p.y.Rows) + 1, duesCols
}

func (p *duesScreen) updateHeader(id widget.TableCellID, o fyne.CanvasObject) {
	lb := o.(*widget.Label)
	switch {
	case id.Row >= 0 || id.Col < 0:
		lb.SetText("")
	case id.Col >= duesColMonth0 && id.Col < duesColPaid:
		lb.SetText(lang.L("stats.month_short", map[string]any{"Month": id.Col - duesColMonth0 + 1}))
	default:
		keys := map[int]string{0: "dues.col.name", 1: "dues.col.category", 2: "dues.col.base", 3: "dues.col.rate", 4: "dues.col.due",
			duesColPaid: "dues.col.paid_year", duesColOwed: "dues.col.owed", duesColThrough: "dues.col.paid_through", duesColWarning: "dues.col.warning"}
		lb.SetText(lang.L(keys[id.Col]))
	}
}

func (p *duesScreen) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	lb := o.(*widget.Label)
	lb.Importance = widget.MediumImportance
	if p.y == nil || id.Row > len(p.y.Rows) {
		lb.SetText("")
		return
	}
	if id.Row == len(p.y.Rows) {
		lb.TextStyle.Bold = true
		lb.SetText(p.totalCell(id.Col))
		return
	}
	lb.TextStyle.Bold = false
	text, imp := duesCellText(&p.y.Rows[id.Row], id.Col)
	lb.Importance = imp
	lb.SetText(text)
}

// duesCellText is what one cell of a member's row says, and how loudly.
func duesCellText(r *data.DuesRow, col int) (string, widget.Importance) {
	a := &r.Account
	switch col {
	case 0:
		if r.Warning >= 6 {
			return r.Member.Name, widget.DangerImportance
		}
		return r.Member.Name, widget.MediumImportance
	case 1:
		if !a.Category.Valid() {
			return "", widget.MediumImportance
		}
		c := lang.L("dues.category." + string(a.Category))
		if a.CategoryAssumed {
			c = lang.L("dues.assumed", map[string]any{"Category": c})
		}
		return c, widget.MediumImportance
	case 2:
		if !a.HasBase() {
			return lang.L("dues.no_base"), widget.WarningImportance
		}
		return dues.FormatYuan(a.Base), widget.MediumImportance
	case 3:
		if !a.HasBase() {
			return "", widget.MediumImportance
		}
		if pm, ok := a.Rate(); ok {
			return duesRateText(pm), widget.MediumImportance
		}
		return lang.L("dues.rate.fixed"), widget.MediumImportance
	case 4:
		if !r.DueKnown {
			return "", widget.MediumImportance
		}
		s := dues.FormatYuan(r.Due)
		if a.Reduction != nil {
			s += " " + lang.L("dues.reduction."+string(a.Reduction.Kind))
		}
		return s, widget.MediumImportance
	case duesColPaid:
		return dues.FormatYuan(r.PaidTotal), widget.MediumImportance
	case duesColOwed:
		if len(r.Owed) == 0 {
			return "", widget.MediumImportance
		}
		return strconv.Itoa(len(r.Owed)), widget.WarningImportance
	case duesColThrough:
		return r.PaidThrough.String(), widget.MediumImportance
	case duesColWarning:
		return duesWarning(r)
	}
	return monthText(r.Cells[col-duesColMonth0], r.DueKnown)
}

// duesRateText writes a permille rate as a percentage: 15 → "1.5%".
func duesRateText(pm int) string { return strconv.FormatFloat(float64(pm)/10, 'f', -1, 64) + "%" }

// monthText is one month of a member: the amount paid, what is owed,
// 免 when exempt, — when not due, blank when not begun.
func monthText(c data.DuesCell, known bool) (string, widget.Importance) {
	switch c.State {
	case data.DuesSettled:
		return "✓" + dues.FormatYuan(c.Paid), widget.SuccessImportance
	case data.DuesOwed:
		if !known {
			return lang.L("dues.owed_unknown"), widget.DangerImportance
		}
		return lang.L("dues.owed", map[string]any{"Amount": dues.FormatYuan(c.Due - c.Paid)}), widget.DangerImportance
	case data.DuesWaived:
		return lang.L("dues.waived"), widget.MediumImportance
	case data.DuesNotDue:
		return "—", widget.LowImportance
	case data.DuesNotKept:
		return lang.L("dues.not_kept"), widget.LowImportance
	}
	return "", widget.MediumImportance
}

// duesWarning words the 3/5/6-month warnings.
func duesWarning(r *data.DuesRow) (string, widget.Importance) {
	switch r.Warning {
	case 0:
		return "", widget.MediumImportance
	case 6:
		return lang.L("dues.warning.six", map[string]any{"Months": r.Unpaid}), widget.DangerImportance
	}
	return lang.L("dues.warning.months", map[string]any{"Months": r.Unpaid}), widget.WarningImportance
}

// totalCell is the totals row: paid per month and for the year.
func (p *duesScreen) totalCell(col int) string {
	switch {
	case col == 0:
		return lang.L("dues.total_row")
	case col >= duesColMonth0 && col < duesColPaid:
		return dues.FormatYuan(p.y.MonthPaid[col-duesColMonth0])
	case col == duesColPaid:
		return dues.FormatYuan(p.y.PaidTotal)
	}
	return ""
}

func (p *duesScreen) onSelected(id widget.TableCellID) {
	if p.y != nil && id.Row >= 0 && id.Row < len(p.y.Rows) {
		p.selected = id.Row
	}
}

// selectedRow returns the selected member's row, or tells the user to
// choose one.
func (p *duesScreen) selectedRow() *data.DuesRow {
	if p.y == nil || p.selected < 0 || p.selected >= len(p.y.Rows) {
		duesInfo(lang.L("dues.select_member"), p.win)
		return nil
	}
	return &p.y.Rows[p.selected]
}

// reload reads the year's grid in the background.
func (p *duesScreen) reload() {
	l, year := p.ledger, p.year
	if l == nil {
		return // the ledger was closed meanwhile
	}
	type result struct {
		y *data.DuesYear
		b data.Branch
	}
	load(p.run, purpose("dues.year"), func() (result, error) {
		b, err := l.Branch()
		if err != nil {
			return result{}, err
		}
		y, err := l.DuesYear(year)
		return result{y, b}, err
	}, func(r result) {
		p.branch = r.b
		p.show(r.y)
	})
}

func (p *duesScreen) show(y *data.DuesYear) {
	p.y = y
	today := p.ledger.Today().Year()
	years := []int{today + 1, today, today - 1, today - 2}
	setYears(p.yearSel, years, p.year, p.onYearChanged)
	warned := 0
	for i := range y.Rows {
		if y.Rows[i].Warning > 0 {
			warned++
		}
	}
	p.summary.SetText(lang.L("dues.summary", map[string]any{"Year": y.Year, "AsOf": y.AsOf.String(), "Members": len(y.Rows),
		"Due": dues.FormatYuan(y.DueTotal), "Paid": dues.FormatYuan(y.PaidTotal), "Owed": dues.FormatYuan(y.OwedTotal),
		"Warned": warned, "Voluntary": len(y.Voluntary)}))
	if p.selected >= len(y.Rows) {
		p.selected = -1
	}
	p.grid.Refresh()
	p.voluntary.Refresh()
}

func (p *duesScreen) onYearChanged(v string) {
	if y, err := strconv.Atoi(v); err == nil && y != p.year {
		p.year = y
		p.selected = -1
		p.reload()
	}
}

// yearMonths returns the months of the screen's year, January first.
func (p *duesScreen) yearMonths() []data.YearMonth {
	out := make([]data.YearMonth, 12)
	for i := range out {
		out[i] = data.NewYearMonth(p.year, time.Month(i+1))
	}
	return out
}
