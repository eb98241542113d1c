package app

import (
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"branchledger/data"
)

// seriesDialog plans a recurring session, such as "每周五 12:00–13:00 正午
// 课堂，窗口会议室": it creates one ordinary session per week in the chosen
// period, skipping the holidays listed, so that each can later be moved or
// cancelled on its own.
type seriesDialog struct {
	env
	onSaved func()
	dlg     *dialog.CustomDialog

	kind       *widget.Select
	theme      *escEntry
	weekday    *widget.Select
	start, end *escEntry
	place      *escEntry
	host       *escSelectEntry
	from, to   *dateEntry
	themed     *widget.Check
	holidays   *escEntry
	preview    *widget.Label
	conflicts  *widget.Label
	onConflict *widget.RadioGroup // 跳过这些日期 (default) or 仍然创建
	problems   map[string]*widget.Label

	stored []data.Session // the ledger's sessions, to find duplicates
}

// seriesWeekdays is the weekday picker's order, Monday first.
var seriesWeekdays = [...]time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday,
	time.Friday, time.Saturday, time.Sunday}

// openSeriesDialog loads the roster (for the host picker) and shows the
// series dialog; onSaved runs after the sessions are created, opened (when
// not nil) once the dialog is on screen.
func openSeriesDialog(e env, onSaved func(), opened func(*seriesDialog)) {
	l := e.ledger
	if l == nil {
		return // the ledger was closed meanwhile
	}
	type roster struct {
		ms []data.Member
		ss []data.Session
	}
	run(e.run, func() (roster, error) {
		ms, err := l.Members()
		if err != nil {
			return roster{}, err
		}
		ss, err := l.Sessions(l.Today().AddDays(-7), 0)
		return roster{ms, ss}, err
	}, func(r roster, err error) {
		if err != nil {
			showError(err, e.win)
			return
		}
		d := newSeriesDialog(e, r.ms, onSaved)
		d.stored = r.ss
		d.updatePreview()
		d.dlg.Show()
		if opened != nil {
			opened(d)
		}
	})
}

func newSeriesDialog(e env, ms []data.Member, onSaved func()) *seriesDialog {
	today := e.ledger.Today()
	d := &seriesDialog{env: e, onSaved: onSaved, problems: map[string]*widget.Label{}}
	var names []string
	for i := range ms {
		if ms[i].Active() {
			names = append(names, ms[i].Name)
		}
	}
	changed := func(string) { d.updatePreview() }
	kinds := make([]string, len(data.Kinds()))
	for i, k := range data.Kinds() {
		kinds[i] = kindName(k)
	}
	d.kind = widget.NewSelect(kinds, changed)
	d.theme = newFormEntry()
	d.theme.SetText(kindName(data.NoonClassroom))
	days := make([]string, len(seriesWeekdays))
	for i, w := range seriesWeekdays {
		days[i] = lang.L("sessions.every_weekday", map[string]any{"Day": lang.L(weekdayKey(w))})
	}
	d.weekday = widget.NewSelect(days, changed)
	d.start, d.end = timeEntry("12:00"), timeEntry("13:00")
	d.start.OnChanged, d.end.OnChanged = changed, changed
	d.place = newFormEntry()
	d.place.SetPlaceHolder(lang.L("sessions.series.place_hint"))
	d.host = personEntry(names, "")
	d.from = newDateInput(e.ledger, today, d.updatePreview)
	d.to = newDateInput(e.ledger, data.NewDate(today.Year(), 12, 31), d.updatePreview)
	d.themed = widget.NewCheck(lang.L("sessions.series.themed_day"), nil)
	d.holidays = newFormMultiLineEntry()
	d.holidays.SetPlaceHolder(lang.L("sessions.series.holidays_hint"))
	d.holidays.SetMinRowsVisible(3)
	d.holidays.OnChanged = changed
	d.preview = widget.NewLabel("")
	d.preview.Wrapping = fyne.TextWrapWord
	d.conflicts = widget.NewLabel("")
	d.conflicts.Wrapping = fyne.TextWrapWord
	d.conflicts.Importance = widget.WarningImportance
	d.onConflict = widget.NewRadioGroup([]string{lang.L("series.skip_conflicts"), lang.L("series.create_anyway")}, nil)
	d.onConflict.SetSelected(lang.L("series.skip_conflicts"))
	d.onConflict.Required = true

	form := container.New(layout.NewFormLayout())
	add := func(field, label string, w fyne.CanvasObject) {
		prob := widget.NewLabel("")
		prob.Importance = widget.DangerImportance
		prob.Hide()
		d.problems[field] = prob
		form.Add(widget.NewLabelWithStyle(lang.L(label), fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}))
		form.Add(container.NewVBox(w, prob))
	}
	add(data.FieldKind, "field.kind", d.kind)
	add(data.FieldTheme, "field.theme", d.theme)
	add("weekday", "sessions.series.weekday", d.weekday)
	add(data.FieldStart, "sessions.form.time", timeRow(d.start, d.end))
	add("place", "field.place", d.place)
	add("host", "field.host", d.host)
	add("from", "sessions.series.from", d.from.root)
	add("to", "sessions.series.to", d.to.root)
	add("themed", "sessions.form.themed_label", d.themed)
	add("holidays", "sessions.series.holidays", d.holidays)
	add("preview", "sessions.series.preview", container.NewVBox(d.preview, d.conflicts, d.onConflict))
	d.problems[data.FieldEnd] = d.problems[data.FieldStart]

	d.kind.SetSelectedIndex(kindIndex(data.NoonClassroom))
	d.weekday.SetSelectedIndex(4) // Friday: the Noon Classroom's day

	d.dlg = dialog.NewCustomWithoutButtons(lang.L("sessions.series.title"), container.NewVScroll(form), e.win)
	save := widget.NewButtonWithIcon(lang.L("button.save"), theme.DocumentSaveIcon(), d.onSave)
	save.Importance = widget.HighImportance
	d.dlg.SetButtons([]fyne.CanvasObject{widget.NewButton(lang.L("button.cancel"), d.dlg.Hide), save})
	armEntries(form, d.onSave)
	size := e.win.Canvas().Size()
	d.dlg.Resize(fyne.NewSize(min(760, size.Width*0.95), min(680, size.Height*0.95)))
	d.updatePreview()
	return d
}

// weekdayKey is the translation key of a weekday's short name (周五).
func weekdayKey(w time.Weekday) string {
	return "sessions.weekday." + string(rune('0'+int(w)))
}

// plan reads the fields into a series and its holidays, with the problems
// found at each field.
func (d *seriesDialog) plan() (*data.Series, map[data.Date]bool, []data.Problem) {
	sr := &data.Series{Theme: strings.TrimSpace(d.theme.Text),
		Start: strings.TrimSpace(d.start.Text), End: strings.TrimSpace(d.end.Text),
		Place: strings.TrimSpace(d.place.Text), Host: strings.TrimSpace(d.host.Text), ThemedDay: d.themed.Checked}
	if i := d.kind.SelectedIndex(); i >= 0 {
		sr.Kind = data.Kinds()[i]
	}
	if i := d.weekday.SelectedIndex(); i >= 0 {
		sr.Weekday = seriesWeekdays[i]
	}
	var ps []data.Problem
	var bad bool
	if sr.From, bad = dateValue(d.from); bad || sr.From == 0 {
		ps = append(ps, data.Problem{Field: "from", Code: dateProblem(bad)})
	}
	if sr.To, bad = dateValue(d.to); bad || sr.To == 0 {
		ps = append(ps, data.Problem{Field: "to", Code: dateProblem(bad)})
	} else if sr.From != 0 && sr.To < sr.From {
		ps = append(ps, data.Problem{Field: "to", Code: "sessions.series.to_before_from"})
	}
	holidays := map[data.Date]bool{}
	for _, w := range strings.FieldsFunc(d.holidays.Text, func(r rune) bool {
		return r == ',' || r == '，' || r == '、' || r == ';' || r == '；' || r == ' ' || r == '\n' || r == '\t' || r == '\r'
	}) {
		h, err := data.ParseDate(w)
		if err != nil {
			ps = append(ps, data.Problem{Field: "holidays", Code: "sessions.series.bad_holiday", Args: map[string]any{"Text": w}})
			continue
		}
		holidays[h] = true
	}
	proto := data.Session{Kind: sr.Kind, Theme: sr.Theme, Date: data.NewDate(2000, 1, 1), Start: sr.Start, End: sr.End}
	ps = append(ps, data.ValidateSession(&proto)...)
	return sr, holidays, ps
}

func dateProblem(bad bool) string {
	if bad {
		return data.ProblemBadDate
	}
	return data.ProblemRequired
}

// updatePreview says how many sessions the series will create, and when,
// and names the dates that already hold a session of the same kind at an
// overlapping time (at most listCap of them), with the choice to skip
// those dates (the default) or create them anyway.
func (d *seriesDialog) updatePreview() {
	if d.preview == nil || d.to == nil || d.holidays == nil || d.onConflict == nil {
		return
	}
	d.conflicts.Hide()
	d.onConflict.Hide()
	sr, holidays, ps := d.plan()
	for _, p := range ps {
		if p.Field == "from" || p.Field == "to" {
			d.preview.SetText("")
			return
		}
	}
	gen := data.GenerateSeries(sr, holidays)
	if len(gen) == 0 {
		d.preview.SetText(lang.L("sessions.series.none"))
		return
	}
	d.preview.SetText(lang.L("sessions.series.will_create", map[string]any{"Count": thousands(len(gen)),
		"First": gen[0].Date.String(), "Last": gen[len(gen)-1].Date.String()}))
	cs := data.FindConflicts(d.stored, gen)
	if len(cs) == 0 {
		return
	}
	items := make([]string, len(cs))
	for i := range cs {
		e := &cs[i].Existing
		items[i] = lang.L("series.conflict_item", map[string]any{"Date": e.Date.String(),
			"Time": timeRange(e), "Kind": kindName(e.Kind), "Theme": e.Theme})
	}
	d.conflicts.SetText(lang.L("series.conflicts", map[string]any{"Count": thousands(len(cs)),
		"List": capJoin(items, listCap, "；")}))
	d.conflicts.Show()
	d.onConflict.Show()
}

// skipConflicts reports whether the user keeps the default: skip the
// dates that already hold such a session.
func (d *seriesDialog) skipConflicts() bool {
	return d.onConflict.Selected != lang.L("series.create_anyway")
}

func (d *seriesDialog) showProblems(ps []data.Problem) {
	for _, lb := range d.problems {
		lb.SetText("")
		lb.Hide()
	}
	for _, p := range ps {
		if lb := d.problems[p.Field]; lb != nil {
			lb.SetText(lang.L(p.Code, p.Args))
			lb.Show()
		}
	}
}

func (d *seriesDialog) onSave() {
	sr, holidays, ps := d.plan()
	if len(ps) == 0 && len(data.GenerateSeries(sr, holidays)) == 0 {
		ps = append(ps, data.Problem{Field: "preview", Code: "sessions.series.none"})
	}
	d.showProblems(ps)
	if len(ps) > 0 {
		return
	}
	l := d.ledger
	if l == nil {
		return // the ledger was closed meanwhile
	}
	skip := d.skipConflicts()
	planned := len(data.GenerateSeries(sr, holidays))
	save(d.run, func() ([]data.Session, error) { return l.SaveSeries(sr, holidays, skip) }, d.showProblems, func(gen []data.Session) {
		d.dlg.Hide()
		if d.onSaved != nil {
			d.onSaved()
		}
		text := lang.L("sessions.series.created", map[string]any{"Count": thousands(len(gen))})
		if n := planned - len(gen); n > 0 {
			text += lang.L("series.skipped", map[string]any{"Count": thousands(n)})
		}
		dialog.ShowInformation(lang.L("sessions.series.title"), text, d.win)
	})
}
