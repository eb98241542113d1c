package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"branchledger/data"
)

// termCard is the settings' 支部委员会换届 card: the day the committee was
// elected and the branch type, from which the end of its term is worked
// out (3 years, 5 for 村 and 社区 branches).
type termCard struct {
	env
	card    *widget.Card
	elected *dateEntry
	typ     *widget.Select
	end     *widget.Label
	problem *widget.Label
}

func newTermCard(e env) *termCard {
	t := &termCard{env: e}
	t.elected = newDateInput(e.ledger, 0, t.onChanged)
	names := make([]string, len(data.BranchTypes()))
	for i, bt := range data.BranchTypes() {
		names[i] = branchTypeName(bt)
	}
	t.typ = widget.NewSelect(names, func(string) { t.onChanged() })
	t.end = widget.NewLabel("")
	t.problem = widget.NewLabel("")
	t.problem.Importance = widget.DangerImportance
	t.problem.Hide()
	hint := widget.NewLabel(lang.L("duties.term_hint") + " — " + lang.L("duties.source.election"))
	hint.Wrapping = fyne.TextWrapWord
	save := widget.NewButtonWithIcon(lang.L("button.save"), theme.DocumentSaveIcon(), t.onSave)
	bold := fyne.TextStyle{Bold: true}
	form := container.New(layout.NewFormLayout(),
		widget.NewLabelWithStyle(lang.L("field.committee_elected"), fyne.TextAlignTrailing, bold), t.elected.root,
		widget.NewLabelWithStyle(lang.L("field.branch_type"), fyne.TextAlignTrailing, bold), t.typ)
	t.card = widget.NewCard(lang.L("duties.term_card"), "", container.NewVBox(form, t.end, t.problem, hint, container.NewHBox(save)))
	return t
}

func branchTypeName(bt data.BranchType) string {
	if bt == data.BranchOrdinary {
		return lang.L("duties.branch_type.ordinary")
	}
	return lang.L("duties.branch_type." + string(bt))
}

// reload shows the branch's election date and type.
func (t *termCard) reload() {
	l := t.ledger
	if l == nil {
		return
	}
	load(t.run, purpose("settings.term"), l.Branch, func(b data.Branch) {
		t.elected.setDate(b.CommitteeElected)
		t.typ.SetSelected(branchTypeName(b.Type))
		t.onChanged()
	})
}

func (t *termCard) values() (data.Date, data.BranchType, bool) {
	d, bad := dateValue(t.elected)
	bt := data.BranchOrdinary
	if i := t.typ.SelectedIndex(); i >= 0 {
		bt = data.BranchTypes()[i]
	}
	return d, bt, bad
}

// onChanged shows when the term ends.
func (t *termCard) onChanged() {
	if t.end == nil {
		return
	}
	d, bt, bad := t.values()
	if bad || d == 0 {
		t.end.SetText("")
		return
	}
	t.end.SetText(lang.L("duties.term_end", map[string]any{"End": data.TermEnd(d, bt).String()}))
}

func (t *termCard) onSave() {
	d, bt, bad := t.values()
	if bad {
		t.problem.SetText(problemText(data.Problem{Field: "committee_elected", Code: data.ProblemBadDate}))
		t.problem.Show()
		return
	}
	l := t.ledger
	if l == nil {
		return
	}
	save(t.run, func() (struct{}, error) { return struct{}{}, l.SetCommitteeTerm(d, bt) },
		func(ps []data.Problem) {
			t.problem.SetText(problemText(ps[0]))
			t.problem.Show()
		},
		func(struct{}) {
			t.problem.Hide()
			showMessage(lang.L("duties.term_card"), lang.L("common.saved"), t.win)
		})
}
