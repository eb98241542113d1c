package app

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"branchledger/data"
)

// reportProfile is the settings card of what the reports print under
// their titles (填报人, 联系电话) and the day the ledger's records begin,
// before which no rule is judged.
type reportProfile struct {
	env
	from     *dateEntry
	reporter *escEntry
	phone    *escEntry
	problem  *widget.Label
	save     *widget.Button
	card     fyne.CanvasObject
}

func newReportProfile(e env) *reportProfile {
	p := &reportProfile{env: e, from: newDateEntry(e.ledger.Today), reporter: newFormEntry(), phone: newFormEntry()}
	p.problem = widget.NewLabel("")
	p.problem.Importance = widget.DangerImportance
	p.problem.Hide()
	hint := widget.NewLabel(lang.L("reports.settings.records_from_hint"))
	hint.Wrapping = fyne.TextWrapWord
	p.save = widget.NewButtonWithIcon(lang.L("button.save"), theme.DocumentSaveIcon(), p.onSave)
	p.card = widget.NewCard(lang.L("reports.settings.title"), "", container.NewVBox(
		widget.NewForm(
			widget.NewFormItem(lang.L("reports.settings.records_from"), container.NewVBox(p.from.root, p.problem)),
			widget.NewFormItem(lang.L("reports.settings.reporter"), p.reporter),
			widget.NewFormItem(lang.L("reports.settings.phone"), p.phone),
		),
		hint, container.NewHBox(p.save)))
	return p
}

// fill shows the branch's values; the start of the records shows the
// day it is taken to be (the creation day when none was set).
func (p *reportProfile) fill(b data.Branch) {
	p.from.setDate(b.RecordsStart())
	p.reporter.SetText(b.Reporter)
	p.phone.SetText(b.ReporterPhone)
	p.problem.Hide()
}

// onSave stores the three fields in one read-modify-write of the branch.
func (p *reportProfile) onSave() {
	l := p.ledger
	if l == nil {
		return
	}
	from, err := p.from.date()
	if err != nil || !from.Valid() {
		p.problem.SetText(lang.L("reports.settings.bad_date"))
		p.problem.Show()
		return
	}
	p.problem.Hide()
	reporter, phone := strings.TrimSpace(p.reporter.Text), strings.TrimSpace(p.phone.Text)
	p.save.Disable()
	run(p.run, func() (struct{}, error) {
		return struct{}{}, l.UpdateBranch(func(b *data.Branch) error {
			b.RecordsFrom, b.Reporter, b.ReporterPhone = from, reporter, phone
			return nil
		})
	}, func(_ struct{}, err error) {
		p.save.Enable()
		if err != nil {
			showError(err, p.win)
			return
		}
		showMessage(lang.L("reports.settings.title"), lang.L("common.saved"), p.win)
	})
}
