package app

import (
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"branchledger/data"
)

// memberForm adds or edits one member. Every field of the roster is
// there; each shows the problems data.ValidateMember finds in it, under
// the field, as the user types. ID number and phone of a stored member
// are masked until the eye button reveals them.
type memberForm struct {
	p    *membersScreen
	orig data.Member // the stored member; zero ID for a new one
	dlg  dialog.Dialog

	name, post, notes                     *escEntry
	ethnicity, education, committee       *escSelectEntry
	gender, group, category, status       *widget.Select
	birth, joined, confirmed, transferred *dateEntry
	id, phone                             *maskedEntry

	errs      map[string]*widget.Label // field → the message under it
	touched   map[string]bool          // fields the user has changed
	submitted bool                     // 保存 was pressed: show every problem
	saving    bool
	building  bool // setting initial values: not the user's changes
}

// openForm opens the form for m, or for a new member when m is nil.
func (p *membersScreen) openForm(m *data.Member) *memberForm {
	if p.ledger == nil {
		return nil
	}
	f := &memberForm{p: p, errs: map[string]*widget.Label{}, touched: map[string]bool{}}
	if m != nil {
		f.orig = *m
	} else {
		f.orig = data.Member{Category: data.Full, Status: data.StatusNormal}
	}
	f.build()
	p.form = f
	return f
}

func (f *memberForm) isNew() bool { return f.orig.ID == [16]byte{} }

func (f *memberForm) today() data.Date { return f.p.ledger.Today() }

func (f *memberForm) build() {
	m := &f.orig
	f.building = true
	f.name = f.entry(data.FieldName, m.Name)
	f.post = f.entry(data.FieldPost, m.Post)
	f.notes = newFormMultiLineEntry()
	f.notes.SetText(m.Notes)
	f.notes.SetMinRowsVisible(2)
	f.notes.OnChanged = func(string) { f.changed(data.FieldNotes) }

	f.ethnicity = f.selectEntry(data.FieldEthnicity, m.Ethnicity, "members.suggest_ethnicity")
	f.education = f.selectEntry(data.FieldEducation, m.Education, "members.suggest_education")
	f.committee = f.selectEntry("committee_role", m.CommitteeRole, "members.suggest_committee")

	f.gender = f.choice(data.FieldGender, []string{"", string(data.Male), string(data.Female)}, "gender.", string(m.Gender))
	groups := f.groupOptions(m.Group)
	f.group = widget.NewSelect(groups, func(string) { f.changed(data.FieldGroup) })
	f.group.PlaceHolder = lang.L("members.select_placeholder")
	f.group.SetSelected(m.Group)
	cats := make([]string, 0, 4)
	for _, c := range memberCategories() {
		cats = append(cats, string(c))
	}
	f.category = f.choice(data.FieldCategory, cats, "category.", string(m.Category))
	f.status = f.choice(data.FieldStatus, []string{string(data.StatusNormal), string(data.StatusSuspended), string(data.StatusRemoved)}, "status.", string(m.Status))

	f.birth = f.date(data.FieldBirth, m.Birth)
	f.joined = f.date(data.FieldJoined, m.Joined)
	f.confirmed = f.date(data.FieldConfirmed, m.Confirmed)
	f.transferred = f.date(data.FieldTransferredIn, m.TransferredIn)

	f.id = newMaskedEntry(m.IDNumber, data.MaskIDNumber, !f.isNew(), func() { f.onIDChanged() })
	f.phone = newMaskedEntry(m.Phone, data.MaskPhone, !f.isNew(), func() { f.changed(data.FieldPhone) })

	// One grid per row: a grid layout gives all its cells one height, so a
	// problem line under one field would otherwise open gaps in every row.
	pair := func(a, b fyne.CanvasObject) fyne.CanvasObject { return container.NewGridWithColumns(2, a, b) }
	grid := container.NewVBox(
		pair(f.field(data.FieldName, f.name), f.field(data.FieldIDNumber, f.id.root)),
		pair(f.field(data.FieldGender, f.gender), f.field(data.FieldBirth, f.birth.root)),
		pair(f.field(data.FieldEthnicity, f.ethnicity), f.field(data.FieldEducation, f.education)),
		pair(f.field(data.FieldPhone, f.phone.root), f.field(data.FieldPost, f.post)),
		pair(f.field(data.FieldGroup, f.group), f.field(data.FieldCategory, f.category)),
		pair(f.field(data.FieldJoined, f.joined.root), f.field(data.FieldConfirmed, f.confirmed.root)),
		pair(f.field(data.FieldStatus, f.status), f.field(data.FieldTransferredIn, f.transferred.root)),
		pair(f.field("committee_role", f.committee), widget.NewLabel("")),
	)
	body := container.NewVBox(grid, f.field(data.FieldNotes, f.notes))
	if !f.isNew() && len(f.orig.Events) > 0 {
		body.Add(f.history())
	}

	cancel := widget.NewButton(lang.L("button.cancel"), func() { f.dlg.Hide() })
	save := widget.NewButtonWithIcon(lang.L("button.save"), theme.DocumentSaveIcon(), f.onSave)
	save.Importance = widget.HighImportance
	left := container.NewHBox()
	if !f.isNew() {
		if f.orig.Active() {
			left.Add(widget.NewButton(lang.L("members.depart"), f.onDepart))
		} else {
			left.Add(widget.NewButton(lang.L("members.restore"), f.onRestore))
		}
	}
	buttons := container.NewBorder(nil, nil, left, container.NewHBox(cancel, save))

	title := lang.L("members.new")
	if !f.isNew() {
		title = lang.L("members.edit", map[string]any{"Name": f.orig.Name})
	}
	content := container.NewBorder(nil, buttons, nil, nil, container.NewVScroll(body))
	f.dlg = dialog.NewCustomWithoutButtons(title, content, f.p.win)
	size := f.p.win.Canvas().Size() // fit a 1024×600 screen
	f.dlg.Resize(fyne.NewSize(min(880, size.Width*0.95), min(660, size.Height*0.95)))
	armEntries(body, f.onSave) // Enter in a field saves (keys.go)
	f.building = false
	f.dlg.Show()
	f.validate()
	f.p.win.Canvas().Focus(f.name)
}

// field is one labelled input with its problem line under it.
func (f *memberForm) field(name string, input fyne.CanvasObject) fyne.CanvasObject {
	l := widget.NewLabel(lang.L("field." + name))
	l.TextStyle.Bold = true
	e := widget.NewLabel("")
	e.Importance = widget.DangerImportance
	e.Wrapping = fyne.TextWrapWord
	e.Hide()
	f.errs[name] = e
	return container.NewVBox(l, input, e)
}

func (f *memberForm) entry(field, text string) *escEntry {
	e := newFormEntry()
	e.SetText(text)
	e.OnChanged = func(string) { f.changed(field) }
	return e
}

func (f *memberForm) selectEntry(field, text, suggestKey string) *escSelectEntry {
	e := newFormSelectEntry(strings.Split(lang.L(suggestKey), ","))
	e.SetText(text)
	e.OnChanged = func(string) { f.changed(field) }
	return e
}

// choice is a drop-down of fixed values shown by their translations
// (prefix+value); "" is shown as （无）.
func (f *memberForm) choice(field string, values []string, prefix, cur string) *widget.Select {
	labels := make([]string, len(values))
	for i, v := range values {
		labels[i] = lang.L("common.none")
		if v != "" {
			labels[i] = lang.L(prefix + v)
		}
	}
	s := widget.NewSelect(labels, nil)
	s.PlaceHolder = lang.L("members.select_placeholder")
	for i, v := range values {
		if v == cur {
			s.SetSelectedIndex(i)
		}
	}
	s.OnChanged = func(string) { f.changed(field) }
	return s
}

func (f *memberForm) date(field string, d data.Date) *dateEntry {
	e := newDateEntry(f.today)
	e.setDate(d)
	e.entry.OnChanged = func(string) { f.changed(field) }
	return e
}

func (f *memberForm) groupOptions(cur string) []string {
	gs := append([]string{}, f.p.r.groups...)
	if cur != "" && !containsString(gs, cur) {
		gs = append(gs, cur)
	}
	return append(gs, "")
}

func containsString(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

func (f *memberForm) changed(field string) {
	if f.building {
		return
	}
	f.touched[field] = true
	f.validate()
}

// onIDChanged fills birth date and gender from a valid ID number when they
// are still empty, then validates.
func (f *memberForm) onIDChanged() {
	if f.building {
		return
	}
	id := data.NormaliseIDNumber(f.id.value())
	if data.CheckIDNumber(id) == "" {
		if strings.TrimSpace(f.birth.entry.Text) == "" {
			f.birth.setDate(data.IDBirth(id))
		}
		if f.gender.SelectedIndex() <= 0 {
			f.gender.SetSelectedIndex(map[data.Gender]int{data.Male: 1, data.Female: 2}[data.IDGender(id)])
		}
	}
	f.changed(data.FieldIDNumber)
}

// member reads the form into a Member, with the problems of dates that
// cannot be read.
func (f *memberForm) member() (data.Member, []data.Problem) {
	m := f.orig
	var ps []data.Problem
	m.Name = strings.TrimSpace(f.name.Text)
	m.Post = strings.TrimSpace(f.post.Text)
	m.Notes = strings.TrimSpace(f.notes.Text)
	m.Ethnicity = strings.TrimSpace(f.ethnicity.Text)
	m.Education = strings.TrimSpace(f.education.Text)
	m.CommitteeRole = strings.TrimSpace(f.committee.Text)
	m.Gender = []data.Gender{"", data.Male, data.Female}[max(f.gender.SelectedIndex(), 0)]
	m.Group = f.group.Selected
	if i := f.category.SelectedIndex(); i >= 0 {
		m.Category = memberCategories()[i]
	}
	if i := f.status.SelectedIndex(); i >= 0 {
		m.Status = []data.PartyStatus{data.StatusNormal, data.StatusSuspended, data.StatusRemoved}[i]
	}
	m.IDNumber = data.NormaliseIDNumber(f.id.value())
	m.Phone = strings.TrimSpace(f.phone.value())
	for _, d := range []struct {
		field string
		e     *dateEntry
		dst   *data.Date
	}{{data.FieldBirth, f.birth, &m.Birth}, {data.FieldJoined, f.joined, &m.Joined},
		{data.FieldConfirmed, f.confirmed, &m.Confirmed}, {data.FieldTransferredIn, f.transferred, &m.TransferredIn}} {
		v, err := d.e.date()
		if err != nil {
			ps = append(ps, data.Problem{Field: d.field, Code: data.ProblemBadDate})
			v = 0
		}
		*d.dst = v
	}
	return m, ps
}

// validate shows, under each field, the first problem found in it: for
// fields the user has touched, for birth date ↔ ID number mismatches
// always, and for every field once 保存 was pressed. It returns every
// problem.
func (f *memberForm) validate() []data.Problem {
	m, ps := f.member()
	bad := map[string]bool{}
	for _, p := range ps {
		bad[p.Field] = true
	}
	for _, p := range data.ValidateMember(&m, f.today()) {
		if !bad[p.Field] { // an unreadable date already says so
			ps = append(ps, p)
		}
	}
	first := map[string]data.Problem{}
	for _, p := range ps {
		if _, ok := first[p.Field]; !ok {
			first[p.Field] = p
		}
	}
	for field, l := range f.errs {
		p, ok := first[field]
		show := ok && (f.submitted || f.touched[field] ||
			p.Code == data.ProblemBirthMismatch || p.Code == data.ProblemGenderMismatch)
		if !show {
			l.Hide()
			continue
		}
		l.SetText(lang.L(p.Code, p.Args))
		l.Show()
	}
	return ps
}

func (f *memberForm) onSave() {
	if f.saving {
		return
	}
	f.submitted = true
	if ps := f.validate(); len(ps) > 0 {
		return
	}
	m, _ := f.member()
	l := f.p.ledger
	f.saving = true
	run(f.p.run, func() (data.Member, error) {
		err := l.SaveMember(&m)
		return m, err
	}, func(saved data.Member, err error) {
		f.saving = false
		if errors.Is(err, data.ErrDuplicateID) {
			f.showProblem(data.Problem{Field: data.FieldIDNumber, Code: data.ProblemDuplicateID})
			return
		}
		if err != nil {
			showError(err, f.p.win)
			return
		}
		f.dlg.Hide()
		f.p.reload(nil)
	})
}

// showProblem puts a problem the store found under its field.
func (f *memberForm) showProblem(p data.Problem) {
	if l, ok := f.errs[p.Field]; ok {
		l.SetText(lang.L(p.Code, p.Args))
		l.Show()
	}
}

// history lists the member's departures and restorations.
func (f *memberForm) history() fyne.CanvasObject {
	box := container.NewVBox(widget.NewLabelWithStyle(lang.L("members.history"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	for _, e := range f.orig.Events {
		box.Add(widget.NewLabel(eventText(e)))
	}
	if f.orig.Left != nil && f.orig.Left.Reason == data.TransferOut {
		box.Add(newDuesPaidThroughLabel(f.p.env, f.orig.ID)) // dues_transfer.go
	}
	return box
}

// eventText is one history line: "2026-03-01 转出：市税务局机关党委".
func eventText(e data.MemberEvent) string {
	what := e.What
	switch {
	case strings.HasPrefix(what, "left:"):
		what = lang.L("departure." + strings.TrimPrefix(what, "left:"))
	case strings.HasPrefix(what, "confirmation:"): // 转正 decisions (confirmation_form.go)
		what = lang.L("duties.confirm_result." + strings.TrimPrefix(what, "confirmation:"))
	case what == "restored":
		what = lang.L("members.event_restored")
	case what == "imported":
		what = lang.L("members.event_imported")
	}
	s := e.Date.String() + " " + what
	if e.Date == 0 {
		s = e.At.Format("2006-01-02") + " " + what
	}
	if e.Note != "" {
		s += "：" + e.Note
	}
	return s
}
