package app

import (
	"fmt"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"branchledger/data"
	"branchledger/data/dues"
)

// duesInfo tells the user something in a dialog with a 确定 button.
func duesInfo(text string, w fyne.Window) {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom(lang.L("dues.title"), lang.L("button.ok"), l, w)
	d.Resize(fyne.NewSize(460, 220))
	d.Show()
}

// methodSelect offers 现金 / 转账 / 线上, cash chosen.
func methodSelect() *widget.RadioGroup {
	opts := make([]string, len(data.DuesMethods()))
	for i, m := range data.DuesMethods() {
		opts[i] = lang.L("dues.method." + string(m))
	}
	r := widget.NewRadioGroup(opts, nil)
	r.Horizontal = true
	r.Required = true
	r.SetSelected(opts[0])
	return r
}

func chosenMethod(r *widget.RadioGroup) data.DuesMethod {
	for _, m := range data.DuesMethods() {
		if lang.L("dues.method."+string(m)) == r.Selected {
			return m
		}
	}
	return ""
}

// problemLabel is the red line under a form that says what is wrong.
func problemLabel() *widget.Label {
	l := widget.NewLabel("")
	l.Importance = widget.DangerImportance
	l.Wrapping = fyne.TextWrapWord
	l.Hide()
	return l
}

func showProblem(l *widget.Label, text string) {
	l.SetText(text)
	l.Show()
}

// onPay records a payment by the selected member: the months to pay (those
// owed first, and months ahead; at most six), the date and the method. The
// amount is derived from the months chosen.
func (p *duesScreen) onPay() {
	r := p.selectedRow()
	if r == nil {
		return
	}
	id, name := r.Member.ID, r.Member.Name
	var opts []string
	months := map[string]data.YearMonth{}
	for i, ym := range p.yearMonths() {
		c := r.Cells[i]
		if c.State == data.DuesOwed || c.State == data.DuesUpcoming {
			label := lang.L("stats.month_short", map[string]any{"Month": i + 1})
			if r.DueKnown {
				label += " " + dues.FormatYuan(c.Due-c.Paid)
			}
			opts = append(opts, label)
			months[label] = ym
		}
	}
	if len(opts) == 0 {
		duesInfo(lang.L("dues.nothing_to_pay", map[string]any{"Name": name}), p.win)
		return
	}
	check := widget.NewCheckGroup(opts, nil)
	check.Horizontal = true
	total := widget.NewLabel("")
	check.OnChanged = func(sel []string) {
		var sum int64
		for _, s := range sel {
			sum += r.Cells[months[s].Month()-1].Due - r.Cells[months[s].Month()-1].Paid
		}
		total.SetText(lang.L("dues.pay_total", map[string]any{"Count": len(sel), "Amount": dues.FormatYuan(sum)}))
	}
	if r.Cells[0].State == data.DuesOwed || len(r.Owed) > 0 {
		var first []string
		for _, o := range opts {
			if ym := months[o]; len(first) < data.MaxDuesMonths && r.Cells[ym.Month()-1].State == data.DuesOwed {
				first = append(first, o)
			}
		}
		check.SetSelected(first)
	}
	date := newDateEntry(p.ledger.Today)
	date.setDate(p.ledger.Today())
	method := methodSelect()
	problem := problemLabel()
	items := []*widget.FormItem{
		widget.NewFormItem(lang.L("dues.months"), check),
		widget.NewFormItem("", total),
		widget.NewFormItem(lang.L("dues.paid_on"), date.root),
		widget.NewFormItem(lang.L("dues.method"), method),
		widget.NewFormItem("", problem),
	}
	var d *dialog.FormDialog
	d = dialog.NewForm(lang.L("dues.pay_title", map[string]any{"Name": name}), lang.L("button.save"), lang.L("button.cancel"), items, func(ok bool) {
		if !ok {
			return
		}
		v, err := date.date()
		if err != nil || v == 0 {
			showProblem(problem, lang.L(data.ProblemBadDate))
			d.Show()
			return
		}
		pay := data.DuesPay{Paid: v, Method: chosenMethod(method)}
		for _, s := range check.Selected {
			pay.Months = append(pay.Months, months[s])
		}
		sort.Slice(pay.Months, func(i, j int) bool { return pay.Months[i] < pay.Months[j] })
		l := p.ledger
		save(p.run, func() (int64, error) { return l.PayDues(id, pay) },
			nil, func(int64) { p.reload() })
	}, p.win)
	d.Resize(fyne.NewSize(640, 360))
	d.Show()
}

// onCollect records one month's dues for everyone present (or late) at a
// session, in one step: the usual way dues are collected, at the monthly
// themed Party day.
func (p *duesScreen) onCollect() {
	l, year := p.ledger, p.year
	today := l.Today()
	load(p.run, "", func() ([]data.Session, error) {
		ss, err := l.Sessions(data.NewDate(year, 1, 1), min(today, data.NewDate(year, 12, 31)))
		held := ss[:0]
		for _, s := range ss {
			if !s.Cancelled {
				held = append(held, s)
			}
		}
		return held, err
	}, func(ss []data.Session) {
		if len(ss) == 0 {
			duesInfo(lang.L("dues.no_sessions"), p.win)
			return
		}
		p.collectDialog(ss)
	})
}

func (p *duesScreen) collectDialog(ss []data.Session) {
	labels := make([]string, len(ss))
	for i := range ss {
		s := &ss[len(ss)-1-i] // newest first
		labels[i] = fmt.Sprintf("%s %s %s", s.Date, kindName(s.Kind), s.Theme)
	}
	sessSel := widget.NewSelect(labels, nil)
	sessSel.SetSelectedIndex(0)
	monthOpts := make([]string, 12)
	for i := range monthOpts {
		monthOpts[i] = lang.L("stats.month_short", map[string]any{"Month": i + 1})
	}
	monthSel := widget.NewSelect(monthOpts, nil)
	sessSel.OnChanged = func(string) {
		monthSel.SetSelectedIndex(int(ss[len(ss)-1-sessSel.SelectedIndex()].Date.Month()) - 1)
	}
	sessSel.OnChanged("")
	method := methodSelect()
	note := widget.NewLabel(lang.L("dues.collect_note"))
	note.Wrapping = fyne.TextWrapWord
	items := []*widget.FormItem{
		widget.NewFormItem(lang.L("dues.session"), sessSel),
		widget.NewFormItem(lang.L("dues.month"), monthSel),
		widget.NewFormItem(lang.L("dues.method"), method),
		widget.NewFormItem("", note),
	}
	d := dialog.NewForm(lang.L("dues.collect"), lang.L("button.save"), lang.L("button.cancel"), items, func(ok bool) {
		if !ok || sessSel.SelectedIndex() < 0 || monthSel.SelectedIndex() < 0 {
			return
		}
		s := ss[len(ss)-1-sessSel.SelectedIndex()]
		ym := p.yearMonths()[monthSel.SelectedIndex()]
		l, m := p.ledger, chosenMethod(method)
		save(p.run, func() (data.DuesCollection, error) {
			return l.PayDuesAtSession(s.ID, ym, s.Date, m)
		}, nil, func(c data.DuesCollection) {
			p.reload()
			duesInfo(p.collectionText(c), p.win)
		})
	}, p.win)
	d.Resize(fyne.NewSize(640, 340))
	d.Show()
}

// collectionText says what a collection recorded and whom it skipped, and
// why.
func (p *duesScreen) collectionText(c data.DuesCollection) string {
	names := map[[16]byte]string{}
	if p.y != nil {
		for i := range p.y.Rows {
			names[p.y.Rows[i].Member.ID] = p.y.Rows[i].Member.Name
		}
	}
	var b strings.Builder
	b.WriteString(lang.L("dues.collected", map[string]any{"Count": thousands(len(c.Paid)), "Amount": dues.FormatYuan(c.Total)}))
	lines := make([]string, 0, len(c.Skipped))
	for id, err := range c.Skipped {
		lines = append(lines, names[id]+"："+errorText(err))
	}
	sort.Strings(lines)
	for _, s := range lines {
		b.WriteString("\n" + s)
	}
	return b.String()
}
