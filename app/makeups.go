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

// makeupPanel is 补学, a tab of the check-in screen: who still owes a
// make-up study for a session they missed (请假 or 缺席), and a quick form
// to record one done. A recorded study drops off the list.
type makeupPanel struct {
	env
	root    fyne.CanvasObject
	yearSel *widget.Select
	summary *widget.Label
	list    *widget.List

	year int
	owed []data.Owed
}

func newMakeupPanel(e env) *makeupPanel {
	p := &makeupPanel{env: e, year: e.ledger.Today().Year()}
	p.yearSel = widget.NewSelect(nil, p.onYearChanged)
	p.summary = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.list = widget.NewList(func() int { return len(p.owed) }, newOwedRowObject, p.updateRow)
	hint := widget.NewLabel(lang.L("makeup.hint"))
	hint.Importance = widget.LowImportance
	top := container.NewVBox(container.NewHBox(widget.NewLabel(lang.L("sessions.year")), p.yearSel, p.summary), hint)
	p.root = container.NewBorder(top, nil, nil, nil, p.list)
	return p
}

// reload reads what is still owed for the year's sessions.
func (p *makeupPanel) reload() {
	l, year := p.ledger, p.year
	if l == nil {
		return // the ledger was closed meanwhile
	}
	type result struct {
		years []int
		owed  []data.Owed
	}
	load(p.run, purpose("makeups"), func() (result, error) {
		ys, err := l.SessionYears()
		if err != nil {
			return result{}, err
		}
		owed, err := l.OwedMakeUps(data.NewDate(year, 1, 1), data.NewDate(year, 12, 31))
		return result{ys, owed}, err
	}, func(r result) {
		setYears(p.yearSel, r.years, p.year, p.onYearChanged)
		p.owed = r.owed
		p.summary.SetText(lang.L("makeup.summary", map[string]any{"Count": len(r.owed)}))
		p.list.Refresh()
	})
}

func (p *makeupPanel) onYearChanged(v string) {
	if y, err := strconv.Atoi(v); err == nil && y != p.year {
		p.year = y
		p.reload()
	}
}

func newOwedRowObject() fyne.CanvasObject {
	name := widget.NewLabelWithStyle("王晓明", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	what := widget.NewLabel("")
	what.Truncation = fyne.TextTruncateEllipsis
	btn := widget.NewButtonWithIcon(lang.L("makeup.record"), theme.DocumentCreateIcon(), nil)
	return container.NewBorder(nil, nil, container.NewGridWrap(fyne.NewSize(120, 36), name), btn, what)
}

func (p *makeupPanel) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	if id >= len(p.owed) {
		return
	}
	row := o.(*fyne.Container)
	what := row.Objects[0].(*widget.Label)
	name := row.Objects[1].(*fyne.Container).Objects[0].(*widget.Label)
	btn := row.Objects[2].(*widget.Button)
	ow := p.owed[id]
	name.SetText(ow.Member.Name)
	what.SetText(strings.Join([]string{dateWithWeekday(ow.Session.Date), kindName(ow.Session.Kind),
		ow.Session.Theme, markText(ow.Mark)}, " · "))
	btn.OnTapped = func() { p.openRecord(ow) }
}

// openRecord shows the quick form for one owed study: date, how, note.
func (p *makeupPanel) openRecord(ow data.Owed) {
	date := newDateInput(p.ledger, p.ledger.Today(), nil)
	methods := []data.MakeUpMethod{data.SelfStudy, data.TalkWithSec, data.OtherSession}
	names := make([]string, len(methods))
	for i, m := range methods {
		names[i] = lang.L("makeup." + string(m))
	}
	how := widget.NewRadioGroup(names, nil)
	how.Horizontal = true
	how.Required = true
	how.SetSelected(names[0])
	note := widget.NewEntry()
	note.SetPlaceHolder(lang.L("makeup.note_hint"))
	hours := makeUpHoursEntry() // session_hours.go
	prob := widget.NewLabel("")
	prob.Importance = widget.DangerImportance
	prob.Hide()
	what := widget.NewLabel(ow.Member.Name + " · " + ow.Session.Date.String() + " " + kindName(ow.Session.Kind) +
		" · " + ow.Session.Theme + " · " + markText(ow.Mark))
	what.Wrapping = fyne.TextWrapWord
	form := container.New(layout.NewFormLayout(),
		widget.NewLabelWithStyle(lang.L("field.date"), fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}), container.NewVBox(date.root, prob),
		widget.NewLabelWithStyle(lang.L("field.method"), fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}), how,
		widget.NewLabelWithStyle(lang.L("field.study_hours"), fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}), hours,
		widget.NewLabelWithStyle(lang.L("field.notes"), fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}), note)
	d := dialog.NewCustomWithoutButtons(lang.L("makeup.record_title"), container.NewVBox(what, form), p.win)
	save := widget.NewButtonWithIcon(lang.L("button.save"), theme.DocumentSaveIcon(), func() {
		day, bad := dateValue(date)
		if bad || !day.Valid() {
			prob.SetText(lang.L(dateProblem(bad)))
			prob.Show()
			return
		}
		method := methods[0]
		for i, n := range names {
			if how.Selected == n {
				method = methods[i]
			}
		}
		h, ok := parseHours(hours.Text)
		if !ok {
			prob.SetText(lang.L("problem.bad_hours"))
			prob.Show()
			return
		}
		mu := &data.MakeUp{SessionID: ow.Session.ID, MemberID: ow.Member.ID, Date: day,
			Method: method, Note: strings.TrimSpace(note.Text), Hours: h}
		l := p.ledger
		if l == nil {
			return // the ledger was closed meanwhile
		}
		save(p.run, func() (struct{}, error) { return struct{}{}, l.SaveMakeUp(mu) }, func(ps []data.Problem) {
			prob.SetText(problemText(ps[0]))
			prob.Show()
		}, func(struct{}) {
			d.Hide()
			p.reload()
		})
	})
	save.Importance = widget.HighImportance
	d.SetButtons([]fyne.CanvasObject{widget.NewButton(lang.L("button.cancel"), d.Hide), save})
	d.Resize(fyne.NewSize(620, 320))
	d.Show()
}
