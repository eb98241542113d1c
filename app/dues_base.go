package app

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"branchledger/data"
	"branchledger/data/dues"
)

// categorySelect offers the four dues categories.
func categorySelect(cur dues.Category) *widget.Select {
	opts := make([]string, len(dues.Categories()))
	for i, c := range dues.Categories() {
		opts[i] = lang.L("dues.category." + string(c))
	}
	s := widget.NewSelect(opts, nil)
	s.SetSelectedIndex(0)
	for i, c := range dues.Categories() {
		if c == cur {
			s.SetSelectedIndex(i)
		}
	}
	return s
}

// amountOrZero parses an amount field; empty is zero.
func amountOrZero(s string) (int64, error) {
	if strings.TrimSpace(s) == "" {
		return 0, nil
	}
	return dues.ParseYuan(s)
}

// onBase enters the selected member's category and base for the year, with
// who entered it. The rate and the monthly amount are shown as derived,
// never typed.
func (p *duesScreen) onBase() {
	r := p.selectedRow()
	if r == nil {
		return
	}
	a, id, year := r.Account, r.Member.ID, p.year
	cat := categorySelect(a.Category)
	base := newFormEntry()
	base.SetPlaceHolder(lang.L("dues.base_placeholder"))
	farmer := newFormEntry()
	farmer.SetPlaceHolder("0.2 – 1")
	if a.HasBase() {
		base.SetText(dues.FormatYuan(a.Base))
		if a.FarmerAmount > 0 {
			farmer.SetText(dues.FormatYuan(a.FarmerAmount))
		}
	}
	// Who enters it now: the secretary by default, not whoever entered
	// the base before (that would credit them with this change).
	by := newFormEntry()
	by.SetText(p.branch.Secretary)
	derived := widget.NewLabel("")
	problem := problemLabel()
	read := func() (data.DuesBase, error) {
		c := dues.Categories()[max(cat.SelectedIndex(), 0)]
		b, err := amountOrZero(base.Text)
		if err != nil {
			return data.DuesBase{}, err
		}
		f, err := amountOrZero(farmer.Text)
		if err != nil {
			return data.DuesBase{}, err
		}
		db := data.DuesBase{Category: c, Base: b, FarmerAmount: f}
		_, err = dues.MonthlyDue(c, b, f)
		return db, err
	}
	update := func() {
		db, err := read()
		if err != nil {
			derived.SetText("")
			showProblem(problem, errorText(err))
			return
		}
		problem.Hide()
		due, _ := dues.MonthlyDue(db.Category, db.Base, db.FarmerAmount)
		rate := lang.L("dues.rate.fixed")
		if pm, ok := dues.Rate(db.Category, db.Base); ok {
			rate = duesRateText(pm)
		}
		derived.SetText(lang.L("dues.derived", map[string]any{"Rate": rate, "Due": dues.FormatYuan(due)}))
	}
	base.OnChanged = func(string) { update() }
	farmer.OnChanged = func(string) { update() }
	cat.OnChanged = func(string) { update() }
	update()
	items := []*widget.FormItem{
		widget.NewFormItem(lang.L("dues.col.category"), cat),
		widget.NewFormItem(lang.L("dues.col.base"), base),
		widget.NewFormItem(lang.L("dues.farmer_amount"), farmer),
		widget.NewFormItem("", derived),
		widget.NewFormItem(lang.L("dues.entered_by"), by),
		widget.NewFormItem("", problem),
	}
	var d *dialog.FormDialog
	d = dialog.NewForm(lang.L("dues.base_title", map[string]any{"Name": r.Member.Name, "Year": year}),
		lang.L("button.save"), lang.L("button.cancel"), items, func(ok bool) {
			if !ok {
				return
			}
			db, err := read()
			if err != nil {
				showProblem(problem, errorText(err))
				d.Show()
				return
			}
			l, who := p.ledger, strings.TrimSpace(by.Text)
			save(p.run, func() (struct{}, error) { return struct{}{}, l.SetDuesBase(id, year, db, who) },
				nil, func(struct{}) { p.reload() })
		}, p.win)
	d.Resize(fyne.NewSize(560, 400))
	d.Show()
}

// onReduction records or withdraws a 少交/免交 decision with the approving
// committee and date.
func (p *duesScreen) onReduction() {
	r := p.selectedRow()
	if r == nil {
		return
	}
	id, year := r.Member.ID, p.year
	kinds := []string{lang.L("dues.reduction.reduced"), lang.L("dues.reduction.exempt"), lang.L("dues.reduction.none")}
	kind := widget.NewRadioGroup(kinds, nil)
	kind.Horizontal = true
	kind.Required = true
	amount := newFormEntry()
	by := newFormEntry()
	on := newDateEntry(p.ledger.Today)
	reason := newFormEntry()
	if red := r.Account.Reduction; red != nil {
		kind.SetSelected(kinds[map[data.ReductionKind]int{data.DuesReduced: 0, data.DuesExempt: 1}[red.Kind]])
		amount.SetText(dues.FormatYuan(red.MonthlyDue))
		by.SetText(red.ApprovedBy)
		on.setDate(red.ApprovedOn)
		reason.SetText(red.Reason)
	} else {
		kind.SetSelected(kinds[0])
		by.SetText(p.branch.Committee)
	}
	problem := problemLabel()
	items := []*widget.FormItem{
		widget.NewFormItem(lang.L("dues.reduction"), kind),
		widget.NewFormItem(lang.L("dues.reduced_amount"), amount),
		widget.NewFormItem(lang.L("dues.approved_by"), by),
		widget.NewFormItem(lang.L("dues.approved_on"), on.root),
		widget.NewFormItem(lang.L("dues.reason"), reason),
		widget.NewFormItem("", problem),
	}
	var d *dialog.FormDialog
	d = dialog.NewForm(lang.L("dues.reduction_title", map[string]any{"Name": r.Member.Name, "Year": year}),
		lang.L("button.save"), lang.L("button.cancel"), items, func(ok bool) {
			if !ok {
				return
			}
			var red *data.DuesReduction
			switch kind.Selected {
			case kinds[0], kinds[1]:
				date, err := on.date()
				if err != nil {
					showProblem(problem, lang.L(data.ProblemBadDate))
					d.Show()
					return
				}
				red = &data.DuesReduction{Kind: data.DuesExempt, ApprovedBy: strings.TrimSpace(by.Text), ApprovedOn: date, Reason: strings.TrimSpace(reason.Text)}
				if kind.Selected == kinds[0] {
					red.Kind = data.DuesReduced
					if red.MonthlyDue, err = dues.ParseYuan(amount.Text); err != nil {
						showProblem(problem, errorText(err))
						d.Show()
						return
					}
				}
			}
			l := p.ledger
			save(p.run, func() (struct{}, error) { return struct{}{}, l.SetDuesReduction(id, year, red) },
				nil, func(struct{}) { p.reload() })
		}, p.win)
	d.Resize(fyne.NewSize(560, 420))
	d.Show()
}
