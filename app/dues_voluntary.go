package app

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
	"github.com/google/uuid"

	"branchledger/data"
	"branchledger/data/dues"
)

// newVoluntaryList lists the year's voluntary payments (自愿交纳), those
// of 1,000 元 and more marked as going to the Central Committee.
func (p *duesScreen) newVoluntaryList() *widget.List {
	return widget.NewList(
		func() int {
			if p.y == nil {
				return 0
			}
			return len(p.y.Voluntary)
		},
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			lb := o.(*widget.Label)
			if p.y == nil || i >= len(p.y.Voluntary) {
				lb.SetText("")
				return
			}
			v := &p.y.Voluntary[i]
			where := lang.L("dues.voluntary_kept")
			lb.Importance = widget.MediumImportance
			if v.ToCentre() {
				where = lang.L("dues.to_centre")
				lb.Importance = widget.WarningImportance
			}
			lb.SetText(lang.L("dues.voluntary_line", map[string]any{"Date": v.Paid.String(), "Name": p.memberName(v.MemberID),
				"Amount": dues.FormatYuan(v.Amount), "Method": lang.L("dues.method." + string(v.Method)), "Where": where, "Note": v.Note}))
		})
}

// memberName returns the name of a member of the grid, or "" for one
// who has no row this year.
func (p *duesScreen) memberName(id uuid.UUID) string {
	for i := range p.y.Rows {
		if p.y.Rows[i].Member.ID == id {
			return p.y.Rows[i].Member.Name
		}
	}
	return ""
}

// onVoluntary records a one-off voluntary payment by the selected member;
// 1,000 元 and more is flagged as going to the Central Committee.
func (p *duesScreen) onVoluntary() {
	r := p.selectedRow()
	if r == nil {
		return
	}
	id := r.Member.ID
	amount := newFormEntry()
	flag := widget.NewLabel("")
	flag.Importance = widget.WarningImportance
	amount.OnChanged = func(s string) {
		if v, err := dues.ParseYuan(s); err == nil && v >= dues.VoluntaryToCentre {
			flag.SetText(lang.L("dues.to_centre"))
		} else {
			flag.SetText("")
		}
	}
	date := newDateEntry(p.ledger.Today)
	date.setDate(p.ledger.Today())
	method := methodSelect()
	note := newFormEntry()
	problem := problemLabel()
	items := []*widget.FormItem{
		widget.NewFormItem(lang.L("dues.amount"), amount),
		widget.NewFormItem("", flag),
		widget.NewFormItem(lang.L("dues.paid_on"), date.root),
		widget.NewFormItem(lang.L("dues.method"), method),
		widget.NewFormItem(lang.L("field.notes"), note),
		widget.NewFormItem("", problem),
	}
	var d *dialog.FormDialog
	d = dialog.NewForm(lang.L("dues.voluntary_title", map[string]any{"Name": r.Member.Name}),
		lang.L("button.save"), lang.L("button.cancel"), items, func(ok bool) {
			if !ok {
				return
			}
			v, err := dues.ParseYuan(amount.Text)
			if err != nil {
				showProblem(problem, errorText(err))
				d.Show()
				return
			}
			paid, err := date.date()
			if err != nil || paid == 0 {
				showProblem(problem, lang.L(data.ProblemBadDate))
				d.Show()
				return
			}
			vd := data.VoluntaryDues{MemberID: id, Amount: v, Paid: paid, Method: chosenMethod(method), Note: strings.TrimSpace(note.Text)}
			l := p.ledger
			save(p.run, func() (struct{}, error) { return struct{}{}, l.RecordVoluntaryDues(&vd) },
				nil, func(struct{}) { p.reload() })
		}, p.win)
	d.Resize(fyne.NewSize(560, 380))
	d.Show()
}
