package app

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/google/uuid"

	"branchledger/data"
)

// confirmationForm records the decision of a 支部党员大会 on a probationary
// member: the meeting (a general meeting held once the probation ended),
// the result and, for an extension, its end. The ledger sets 转正日期 and
// the category from it; nothing is set from the calendar alone.
type confirmationForm struct {
	env
	members  []data.Member
	ends     []data.Date // each member's current probation end
	member   *widget.Select
	info     *widget.Label
	meetings []data.Session
	meeting  *widget.Select
	result   *widget.RadioGroup
	until    *dateEntry
	untilRow fyne.CanvasObject
	note     *escEntry
	problem  *widget.Label
	save     *widget.Button
	root     fyne.CanvasObject
	saved    func()
}

// openConfirmationForm shows the form for the probationary member id (or
// a choice of every probationary member when id is uuid.Nil).
func openConfirmationForm(e env, id uuid.UUID, saved func()) {
	l := e.ledger
	if l == nil {
		return
	}
	type loaded struct {
		ms   []data.Member
		ends []data.Date
		ss   []data.Session
	}
	load(e.run, "", func() (loaded, error) {
		all, err := l.Members()
		if err != nil {
			return loaded{}, err
		}
		var ld loaded
		for _, m := range all {
			if m.Category != data.Probationary || !m.Active() || m.Joined == 0 || (id != uuid.Nil && m.ID != id) {
				continue
			}
			recs, err := l.Confirmations(m.ID)
			if err != nil {
				return loaded{}, err
			}
			end := data.ProbationEnd(m.Joined)
			for _, r := range recs {
				if r.Result == data.ConfirmExtend {
					end = r.ExtendedUntil
				}
			}
			ld.ms, ld.ends = append(ld.ms, m), append(ld.ends, end)
		}
		ld.ss, err = l.Sessions(0, 0)
		return ld, err
	}, func(ld loaded) {
		if len(ld.ms) == 0 {
			showMessage(lang.L("duties.confirm_title"), lang.L("duties.confirm_none"), e.win)
			return
		}
		f := newConfirmationForm(e, ld.ms, ld.ends, ld.ss)
		d := dialog.NewCustomWithoutButtons(lang.L("duties.confirm_title"), f.root, e.win)
		f.saved = func() {
			d.Hide()
			if saved != nil {
				saved()
			}
		}
		d.SetButtons([]fyne.CanvasObject{widget.NewButton(lang.L("button.cancel"), d.Hide), f.save})
		d.Resize(fyne.NewSize(640, 460))
		d.Show()
	})
}

func newConfirmationForm(e env, ms []data.Member, ends []data.Date, ss []data.Session) *confirmationForm {
	f := &confirmationForm{env: e, members: ms, ends: ends}
	names := make([]string, len(ms))
	for i, m := range ms {
		names[i] = m.Name
	}
	f.info = widget.NewLabel("")
	f.info.Wrapping = fyne.TextWrapWord
	f.meeting = widget.NewSelect(nil, nil)
	for _, s := range ss {
		if s.Kind == data.GeneralMeeting && !s.Cancelled {
			f.meetings = append(f.meetings, s)
		}
	}
	f.member = widget.NewSelect(names, func(string) { f.onMemberChanged() })
	results := make([]string, len(data.ConfirmationResults()))
	for i, r := range data.ConfirmationResults() {
		results[i] = lang.L("duties.confirm_result." + string(r))
	}
	f.until = newDateInput(e.ledger, 0, nil)
	f.result = widget.NewRadioGroup(results, func(string) { f.onResultChanged() })
	f.result.Required = true
	f.note = newFormEntry()
	f.problem = widget.NewLabel("")
	f.problem.Importance = widget.DangerImportance
	f.problem.Wrapping = fyne.TextWrapWord
	f.problem.Hide()
	rule := widget.NewLabel(lang.L("duties.confirm_rule"))
	rule.Wrapping = fyne.TextWrapWord
	bold := fyne.TextStyle{Bold: true}
	label := func(key string) fyne.CanvasObject {
		return widget.NewLabelWithStyle(lang.L(key), fyne.TextAlignTrailing, bold)
	}
	f.untilRow = f.until.root
	form := container.New(layout.NewFormLayout(),
		label("field.member"), f.member,
		widget.NewLabel(""), f.info,
		label("field.session"), f.meeting,
		label("field.result"), f.result,
		label("field.extended_until"), f.untilRow,
		label("field.notes"), f.note)
	f.save = widget.NewButtonWithIcon(lang.L("button.save"), theme.DocumentSaveIcon(), f.onSave)
	f.save.Importance = widget.HighImportance
	f.root = container.NewVBox(form, f.problem, rule)
	f.result.SetSelected(results[0])
	f.member.SetSelectedIndex(0)
	return f
}

// onMemberChanged shows the member's dates and offers the general
// meetings held on or after their probation's end.
func (f *confirmationForm) onMemberChanged() {
	i := f.member.SelectedIndex()
	if i < 0 {
		return
	}
	m, end := f.members[i], f.ends[i]
	text := lang.L("duties.confirm_member_info", map[string]any{"Name": m.Name, "Joined": m.Joined.String(), "End": data.ProbationEnd(m.Joined).String()})
	if end != data.ProbationEnd(m.Joined) {
		text += lang.L("duties.confirm_extended_info", map[string]any{"Until": end.String()})
	}
	f.info.SetText(text)
	var opts []string
	for _, s := range f.meetings {
		if s.Date >= end {
			opts = append(opts, s.Date.String()+" · "+s.Theme)
		}
	}
	f.meeting.SetOptions(opts)
	f.meeting.ClearSelected()
	if len(opts) > 0 {
		f.meeting.SetSelectedIndex(0)
		f.problem.Hide()
	} else {
		f.problem.SetText(lang.L("duties.confirm_no_meeting"))
		f.problem.Show()
	}
}

func (f *confirmationForm) selectedResult() data.ConfirmationResult {
	for i, r := range data.ConfirmationResults() {
		if f.result.Selected == lang.L("duties.confirm_result."+string(r)) {
			return data.ConfirmationResults()[i]
		}
	}
	return ""
}

func (f *confirmationForm) onResultChanged() {
	if f.untilRow == nil {
		return
	}
	if f.selectedResult() == data.ConfirmExtend {
		f.untilRow.Show()
	} else {
		f.untilRow.Hide()
	}
}

// onSave sends the decision to the ledger, which checks the rules again.
func (f *confirmationForm) onSave() {
	i := f.member.SelectedIndex()
	if i < 0 {
		return
	}
	var meeting data.Session
	found := false
	for _, s := range f.meetings {
		if s.Date.String()+" · "+s.Theme == f.meeting.Selected && s.Date >= f.ends[i] {
			meeting, found = s, true
			break
		}
	}
	if !found {
		f.problem.SetText(lang.L("duties.confirm_no_meeting"))
		f.problem.Show()
		return
	}
	c := &data.Confirmation{MemberID: f.members[i].ID, SessionID: meeting.ID, Result: f.selectedResult(), Note: strings.TrimSpace(f.note.Text)}
	if c.Result == data.ConfirmExtend {
		d, bad := dateValue(f.until)
		if bad || !d.Valid() {
			f.problem.SetText(problemText(data.Problem{Field: "extended_until", Code: dateProblem(bad)}))
			f.problem.Show()
			return
		}
		c.ExtendedUntil = d
	}
	l := f.ledger
	if l == nil {
		return
	}
	save(f.run, func() (struct{}, error) { return struct{}{}, l.RecordConfirmation(c) },
		func(ps []data.Problem) {
			f.problem.SetText(problemText(ps[0]))
			f.problem.Show()
		},
		func(struct{}) {
			if f.saved != nil {
				f.saved()
			}
		})
}
