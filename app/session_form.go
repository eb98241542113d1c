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

	"branchledger/data"
)

// sessionForm edits one session with every field of DOMAIN.md. Problems
// from data.ValidateSession are shown in red under their fields; 应到 is
// derived from the roster and shown, never typed.
type sessionForm struct {
	duplicateOK bool // the user chose to save despite a session of the same kind and time
	env
	orig    data.Session
	members []data.Member
	onSaved func()
	dlg     *dialog.CustomDialog

	kind                  *widget.Select
	theme                 *escEntry
	date                  *dateEntry
	start, end            *escEntry
	place                 *escEntry
	host, recorder, speak *escSelectEntry
	group                 *widget.Select
	credits               *creditChecks
	minutes, outcomes     *escEntry
	expected              *widget.Label

	attachments []string
	attachBox   *fyne.Container
	guestBox    *fyne.Container
	guests      []guestRow

	problems map[string]*widget.Label
	rows     map[string][2]fyne.CanvasObject // label and field, to hide by kind

	hours *escEntry // 学时 (session_hours.go)
}

type guestRow struct{ name, unit *escEntry }

// openSessionForm loads the roster and shows the form for s (a new
// session when s.ID is zero); onSaved runs after a save, opened (when not
// nil) once the form is on screen.
func openSessionForm(e env, s data.Session, onSaved func(), opened func(*sessionForm)) {
	l := e.ledger
	if l == nil {
		return // the ledger was closed meanwhile
	}
	type roster struct {
		ms     []data.Member
		groups []string
	}
	load(e.run, "", func() (roster, error) {
		ms, err := l.Members()
		if err != nil {
			return roster{}, err
		}
		b, err := l.Branch()
		return roster{ms, b.Groups}, err
	}, func(r roster) {
		f := newSessionForm(e, s, r.ms, r.groups, onSaved)
		f.dlg.Show()
		if opened != nil {
			opened(f)
		}
	})
}

func newSessionForm(e env, s data.Session, ms []data.Member, groups []string, onSaved func()) *sessionForm {
	f := &sessionForm{env: e, orig: s, members: ms, onSaved: onSaved,
		problems: map[string]*widget.Label{}, rows: map[string][2]fyne.CanvasObject{},
		attachments: append([]string(nil), s.Attachments...)}
	var names []string
	for i := range ms {
		if ms[i].Active() {
			names = append(names, ms[i].Name)
		}
	}
	kinds := make([]string, len(data.Kinds()))
	for i, k := range data.Kinds() {
		kinds[i] = kindName(k)
	}
	f.kind = widget.NewSelect(kinds, func(string) { f.onKindChanged() })
	f.theme = newFormEntry()
	f.theme.SetText(s.Theme)
	f.date = newDateInput(e.ledger, s.Date, f.updateExpected)
	f.start, f.end = timeEntry(s.Start), timeEntry(s.End)
	f.end.SetPlaceHolder("13:00")
	f.place = newFormEntry()
	f.place.SetText(s.Place)
	f.host, f.recorder, f.speak = personEntry(names, s.Host), personEntry(names, s.Recorder), personEntry(names, s.Speaker)
	f.group = widget.NewSelect(groups, func(string) { f.updateExpected() })
	f.group.SetSelected(s.Group)
	f.credits = newCreditChecks(s)
	f.minutes, f.outcomes = multiLine(s.Minutes), multiLine(s.Outcomes)
	f.expected = widget.NewLabel("")
	f.attachBox = container.NewVBox()
	f.guestBox = container.NewVBox()
	for _, g := range s.Guests {
		f.addGuest(g)
	}
	f.refreshAttachments()

	form := container.New(layout.NewFormLayout())
	add := func(field, label string, w fyne.CanvasObject) {
		prob := widget.NewLabel("")
		prob.Importance = widget.DangerImportance
		prob.Wrapping = fyne.TextWrapWord
		prob.Hide()
		f.problems[field] = prob
		lb := widget.NewLabelWithStyle(lang.L(label), fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
		box := container.NewVBox(w, prob)
		f.rows[field] = [2]fyne.CanvasObject{lb, box}
		form.Add(lb)
		form.Add(box)
	}
	times := timeRow(f.start, f.end)
	add(data.FieldKind, "field.kind", f.kind)
	add(data.FieldTheme, "field.theme", f.theme)
	add(data.FieldDate, "field.date", f.date.root)
	add(data.FieldStart, "sessions.form.time", container.NewVBox(times, f.problemsFor(data.FieldEnd)))
	add("place", "field.place", f.place)
	add("host", "field.host", f.host)
	add("recorder", "field.recorder", f.recorder)
	add("speaker", "field.speaker", f.speak)
	add("group", "field.group", f.group)
	add("credits", "reports.form.credits", f.credits.box)
	add("expected", "sessions.form.expected", f.expected)
	add(fieldStudyHours, "field.study_hours", f.newHoursEntry(s))
	add("minutes", "field.minutes", f.minutes)
	add("outcomes", "field.outcomes", f.outcomes)
	add("attachments", "field.attachments", container.NewVBox(f.attachBox,
		widget.NewButtonWithIcon(lang.L("sessions.form.add_attachment"), theme.FileIcon(), f.onAddAttachment)))
	add("guests", "field.guests", container.NewVBox(f.guestBox,
		widget.NewButtonWithIcon(lang.L("sessions.form.add_guest"), theme.ContentAddIcon(), func() { f.addGuest(data.Guest{}) })))

	f.kind.SetSelectedIndex(kindIndex(s.Kind)) // after the rows exist: shows the kind's fields

	title := lang.L("sessions.form.new_title")
	if s.ID != [16]byte{} {
		title = lang.L("sessions.form.edit_title", map[string]any{"Date": s.Date.String()})
	}
	var top fyne.CanvasObject
	if s.SeriesID != [16]byte{} {
		top = widget.NewLabel(lang.L("sessions.form.in_series"))
	}
	f.dlg = dialog.NewCustomWithoutButtons(title, container.NewBorder(top, nil, nil, nil, container.NewVScroll(form)), e.win)
	save := widget.NewButtonWithIcon(lang.L("button.save"), theme.DocumentSaveIcon(), f.onSave)
	save.Importance = widget.HighImportance
	buttons := []fyne.CanvasObject{widget.NewButton(lang.L("button.cancel"), f.dlg.Hide), save}
	armEntries(form, f.onSave) // Enter in a field saves (keys.go)
	if s.ID != [16]byte{} {
		label := "sessions.form.cancel_once"
		if s.Cancelled {
			label = "sessions.form.restore_once"
		}
		extra := []fyne.CanvasObject{widget.NewButton(lang.L(label), f.onCancelOnce)}
		if !s.Cancelled {
			extra = append(extra, widget.NewButtonWithIcon(lang.L("sessions.form.to_checkin"), theme.ConfirmIcon(), f.onCheckin),
				widget.NewButtonWithIcon(lang.L("reports.form.minutes"), theme.DocumentIcon(), f.onExportMinutes))
		}
		buttons = append(extra, buttons...)
	}
	f.dlg.SetButtons(buttons)
	size := e.win.Canvas().Size()
	f.dlg.Resize(fyne.NewSize(min(900, size.Width*0.95), min(720, size.Height*0.95)))
	return f
}

// problemsFor gives the end time its own red line under the time row.
func (f *sessionForm) problemsFor(field string) *widget.Label {
	prob := widget.NewLabel("")
	prob.Importance = widget.DangerImportance
	prob.Hide()
	f.problems[field] = prob
	return prob
}

func kindIndex(k data.Kind) int {
	for i, x := range data.Kinds() {
		if x == k {
			return i
		}
	}
	return 0
}

func timeEntry(v string) *escEntry {
	e := newFormEntry()
	e.SetPlaceHolder("12:00")
	e.SetText(v)
	return e
}

// timeRow is "[12:00] – [13:00]" with entries wide enough for hh:mm.
func timeRow(start, end *escEntry) fyne.CanvasObject {
	size := fyne.NewSize(110, start.MinSize().Height)
	return container.NewHBox(container.NewGridWrap(size, start), widget.NewLabel("–"), container.NewGridWrap(size, end))
}

func personEntry(names []string, v string) *escSelectEntry {
	e := newFormSelectEntry(pinyinOrder(names)) // folders.go
	e.SetText(v)
	return e
}

func multiLine(v string) *escEntry {
	e := newFormMultiLineEntry()
	e.Wrapping = fyne.TextWrapWord
	e.SetMinRowsVisible(3)
	e.SetText(v)
	return e
}

func (f *sessionForm) selectedKind() data.Kind {
	if i := f.kind.SelectedIndex(); i >= 0 {
		return data.Kinds()[i]
	}
	return ""
}

// onKindChanged shows the fields that belong to the kind: the speaker of
// a party lecture, the party group of a group meeting, the rules it may
// also count toward (all but its own), the guests of a joint activity.
func (f *sessionForm) onKindChanged() {
	k := f.selectedKind()
	f.showRow("speaker", k == data.PartyLecture || f.speak.Text != "")
	f.showRow("group", k == data.GroupMeeting)
	f.credits.onKind(k)
	f.showRow("guests", k == data.JointActivity || len(f.guests) > 0)
	f.updateExpected()
}

func (f *sessionForm) showRow(field string, on bool) {
	for _, o := range f.rows[field] {
		if on {
			o.Show()
		} else {
			o.Hide()
		}
	}
}

// collect builds the session from the fields; a date that does not parse
// comes back as a problem of its own.
func (f *sessionForm) collect() (data.Session, []data.Problem) {
	s := f.orig
	s.Kind = f.selectedKind()
	s.Theme = strings.TrimSpace(f.theme.Text)
	s.Start, s.End = strings.TrimSpace(f.start.Text), strings.TrimSpace(f.end.Text)
	s.Place = strings.TrimSpace(f.place.Text)
	s.Host, s.Recorder = strings.TrimSpace(f.host.Text), strings.TrimSpace(f.recorder.Text)
	s.Speaker = strings.TrimSpace(f.speak.Text)
	s.Group = ""
	if s.Kind == data.GroupMeeting {
		s.Group = f.group.Selected
	}
	f.credits.apply(&s)
	s.Minutes, s.Outcomes = f.minutes.Text, f.outcomes.Text
	s.Attachments = append([]string(nil), f.attachments...)
	s.Guests = nil
	for _, g := range f.guests {
		if n := strings.TrimSpace(g.name.Text); n != "" {
			s.Guests = append(s.Guests, data.Guest{Name: n, Unit: strings.TrimSpace(g.unit.Text)})
		}
	}
	d, bad := dateValue(f.date)
	s.Date = d
	ps := data.ValidateSession(&s)
	s.StudyHours, ps = f.studyHours(ps)
	if bad {
		kept := ps[:0]
		for _, p := range ps {
			if p.Field != data.FieldDate {
				kept = append(kept, p)
			}
		}
		ps = append(kept, data.Problem{Field: data.FieldDate, Code: data.ProblemBadDate})
	}
	return s, ps
}

// showProblems puts each problem under its field and clears the others.
func (f *sessionForm) showProblems(ps []data.Problem) {
	for _, lb := range f.problems {
		lb.SetText("")
		lb.Hide()
	}
	for _, p := range ps {
		lb := f.problems[p.Field]
		if lb == nil {
			continue
		}
		if lb.Text != "" {
			lb.SetText(lang.L("sessions.form.problems", map[string]any{"First": lb.Text, "Next": lang.L(p.Code, p.Args)}))
		} else {
			lb.SetText(lang.L(p.Code, p.Args))
		}
		lb.Show()
	}
}

func (f *sessionForm) onSave() {
	s, ps := f.collect()
	f.showProblems(ps)
	if len(ps) > 0 {
		return
	}
	l := f.ledger
	if l == nil {
		return // the ledger was closed meanwhile
	}
	if !f.duplicateOK {
		// No silent duplicates (series_conflict.go): ask first.
		load(f.run, "", func() ([]data.Conflict, error) { return l.Conflicts([]data.Session{s}) }, func(cs []data.Conflict) {
			if confirmDuplicate(f.win, cs, func() { f.duplicateOK = true; f.onSave() }) {
				return
			}
			f.duplicateOK = true
			f.onSave()
			f.duplicateOK = false
		})
		return
	}
	save(f.run, func() (struct{}, error) { return struct{}{}, l.SaveSession(&s) }, f.showProblems, func(struct{}) {
		f.dlg.Hide()
		if f.onSaved != nil {
			f.onSaved()
		}
	})
}

// onCancelOnce cancels (取消本次) or restores this one session; the rest of
// its series is untouched.
func (f *sessionForm) onCancelOnce() {
	s := f.orig
	s.Cancelled = !s.Cancelled
	l := f.ledger
	if l == nil {
		return // the ledger was closed meanwhile
	}
	do := func() {
		save(f.run, func() (struct{}, error) { return struct{}{}, l.SaveSession(&s) }, nil, func(struct{}) {
			f.dlg.Hide()
			if f.onSaved != nil {
				f.onSaved()
			}
		})
	}
	if !s.Cancelled {
		do()
		return
	}
	c := dialog.NewConfirm(lang.L("sessions.form.cancel_once"),
		lang.L("sessions.form.cancel_confirm", map[string]any{"Date": s.Date.String(), "Theme": s.Theme}),
		func(ok bool) {
			if ok {
				do()
			}
		}, f.win)
	c.SetConfirmText(lang.L("sessions.form.cancel_yes"))
	c.SetDismissText(lang.L("sessions.form.keep"))
	c.Show()
}

func (f *sessionForm) onCheckin() {
	f.dlg.Hide()
	f.nav.OpenCheckin(f.orig.ID)
}

// updateExpected shows 应到 for the kind, date and group as they stand.
func (f *sessionForm) updateExpected() {
	if f.expected == nil || f.date == nil {
		return
	}
	d, bad := dateValue(f.date)
	if bad || !d.Valid() {
		f.expected.SetText(lang.L("sessions.form.expected_unknown"))
		return
	}
	s := data.Session{Kind: f.selectedKind(), Date: d, Group: f.group.Selected}
	f.expected.SetText(lang.L("sessions.form.expected_n", map[string]any{"Count": thousands(len(data.ExpectedMembers(&s, f.members)))}))
}
