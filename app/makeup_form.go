package app

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"branchledger/data"
)

// makeupMethods is the order of the 补学 methods in the form.
var makeupMethods = [...]data.MakeUpMethod{data.SelfStudy, data.TalkWithSec, data.OtherSession}

// openRecord shows the quick form for one make-up study: date, how, 学时,
// note.
// For an owed one it records it (dated today); for a recorded one it
// corrects it. A date before the session is refused at the date field.
func (p *makeupPanel) openRecord(r makeupRow) {
	day := max(p.ledger.Today(), r.session.Date)
	title, method, noteText := lang.L("makeup.record_title"), data.SelfStudy, ""
	if r.done != nil {
		title, day, method, noteText = lang.L("makeup.correct_title"), r.done.Date, r.done.Method, r.done.Note
	}
	date := newDateInput(p.ledger, day, nil)
	names := make([]string, len(makeupMethods))
	for i, m := range makeupMethods {
		names[i] = lang.L("makeup." + string(m))
	}
	how := widget.NewRadioGroup(names, nil)
	how.Horizontal = true
	how.Required = true
	how.SetSelected(lang.L("makeup." + string(method)))
	note := newFormEntry()
	note.SetPlaceHolder(lang.L("makeup.note_hint"))
	note.SetText(noteText)
	hours := makeUpHoursEntry() // session_hours.go
	if r.done != nil && r.done.Hours > 0 {
		hours.SetText(strconv.FormatFloat(r.done.Hours, 'f', -1, 64))
	}
	prob := widget.NewLabel("")
	prob.Importance = widget.DangerImportance
	prob.Hide()
	mark := r.mark
	if r.done != nil {
		mark = lang.L("makeup.mode_done")
	}
	what := widget.NewLabel(r.member.Name + " · " + r.session.Date.String() + " " + kindName(r.session.Kind) +
		" · " + r.session.Theme + " · " + mark)
	what.Wrapping = fyne.TextWrapWord
	form := container.New(layout.NewFormLayout(),
		widget.NewLabelWithStyle(lang.L("field.date"), fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}), container.NewVBox(date.root, prob),
		widget.NewLabelWithStyle(lang.L("field.method"), fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}), how,
		widget.NewLabelWithStyle(lang.L("field.study_hours"), fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}), hours,
		widget.NewLabelWithStyle(lang.L("field.notes"), fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}), note)
	d := dialog.NewCustomWithoutButtons(title, container.NewVBox(what, form), p.win)
	onSave := func() {
		v, bad := dateValue(date)
		if bad || !v.Valid() {
			prob.SetText(lang.L(dateProblem(bad)))
			prob.Show()
			return
		}
		m := makeupMethods[0]
		for i, n := range names {
			if how.Selected == n {
				m = makeupMethods[i]
			}
		}
		h, ok := parseHours(hours.Text)
		if !ok {
			prob.SetText(lang.L("problem.bad_hours"))
			prob.Show()
			return
		}
		mu := &data.MakeUp{SessionID: r.session.ID, MemberID: r.member.ID, Date: v,
			Method: m, Note: strings.TrimSpace(note.Text), Hours: h}
		l := p.ledger
		if l == nil {
			return // the ledger was closed meanwhile
		}
		save(p.run, func() (struct{}, error) { return struct{}{}, l.SaveMakeUp(mu) }, func(ps []data.Problem) {
			prob.SetText(lang.L(ps[0].Code, ps[0].Args))
			prob.Show()
		}, func(struct{}) {
			d.Hide()
			p.reload()
		})
	}
	save := widget.NewButtonWithIcon(lang.L("button.save"), theme.DocumentSaveIcon(), onSave)
	save.Importance = widget.HighImportance
	d.SetButtons([]fyne.CanvasObject{widget.NewButton(lang.L("button.cancel"), d.Hide), save})
	armEntries(form, onSave)
	size := p.win.Canvas().Size()
	d.Resize(fyne.NewSize(min(620, size.Width*0.95), min(390, size.Height*0.95)))
	d.Show()
}
