package app

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"branchledger/data"
	"branchledger/data/search"
)

// makeupPanel is 补学, a tab of the check-in screen: who still owes a
// make-up study for a session they missed (请假 or 缺席), with a quick form
// to record one done, and the make-ups already recorded, newest first,
// each of which can be corrected or removed. Both lists are searchable by
// name (characters or pinyin), date, kind and theme.
type makeupPanel struct {
	env
	root    fyne.CanvasObject
	yearSel *widget.Select
	mode    *widget.RadioGroup // 待补学 or 已补学
	search  *escEntry
	summary *widget.Label
	list    *widget.List

	year       int
	owed, done makeupList
	cur        *makeupList // the list of the mode shown
	shown      []int       // indices into rows matching the search
	rows       []makeupRow // the rows shown is of: cur's, or the last list searched
	// inline is the most rows searched on the UI goroutine, as the user
	// types; a longer list (a 5,000-member branch owes about 100,000
	// make-ups a year, some 10 ms a keystroke) is searched by the runner.
	inline int
}

// makeupSearchInline is how many rows are searched at once, on the UI
// goroutine.
const makeupSearchInline = 5000

// makeupRow is one line of either list.
type makeupRow struct {
	session *data.Session
	member  *data.Member
	mark    string       // 请假（因病）, for the owed list
	done    *data.MakeUp // nil for an owed one
}

func newMakeupPanel(e env) *makeupPanel {
	p := &makeupPanel{env: e, year: e.ledger.Today().Year(), inline: makeupSearchInline}
	p.cur = &p.owed
	p.yearSel = widget.NewSelect(nil, p.onYearChanged)
	p.mode = widget.NewRadioGroup([]string{lang.L("makeup.mode_owed"), lang.L("makeup.mode_done")}, nil)
	p.mode.Horizontal = true
	p.mode.Required = true
	p.mode.SetSelected(lang.L("makeup.mode_owed"))
	p.mode.OnChanged = func(string) { p.showMode() }
	p.search = newFormEntry()
	p.search.SetPlaceHolder(lang.L("makeup.search"))
	p.search.OnChanged = func(string) { p.applySearch() }
	p.summary = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.list = widget.NewList(func() int { return len(p.shown) }, newMakeupRowObject, p.updateRow)
	hint := widget.NewLabel(lang.L("makeup.hint"))
	hint.Importance = widget.LowImportance
	hint.Wrapping = fyne.TextWrapWord
	bar := container.NewHBox(widget.NewLabel(lang.L("sessions.year")), p.yearSel, p.mode, p.summary)
	top := container.NewVBox(container.NewHScroll(bar), p.search, hint)
	p.root = container.NewBorder(top, nil, nil, nil, p.list)
	return p
}

// doneMode reports whether the list of recorded make-ups is shown.
func (p *makeupPanel) doneMode() bool { return p.mode.Selected == lang.L("makeup.mode_done") }

// reload reads what is still owed for the year's sessions and what was
// recorded for them.
func (p *makeupPanel) reload() {
	l, year := p.ledger, p.year
	if l == nil {
		return // the ledger was closed meanwhile
	}
	type result struct {
		years      []int
		owed, done makeupList
	}
	load(p.run, purpose("makeups"), func() (result, error) {
		ys, err := l.SessionYears()
		if err != nil {
			return result{}, err
		}
		owed, err := l.OwedMakeUps(data.NewDate(year, 1, 1), data.NewDate(year, 12, 31))
		if err != nil {
			return result{}, err
		}
		all, err := l.DoneMakeUps()
		if err != nil {
			return result{}, err
		}
		var r result
		r.years = ys
		for _, ow := range owed {
			r.owed.rows = append(r.owed.rows, makeupRow{session: ow.Session, member: ow.Member, mark: markText(ow.Mark)})
		}
		for i := range all {
			if d := &all[i]; d.Session.Date.Year() == year {
				r.done.rows = append(r.done.rows, makeupRow{session: d.Session, member: d.Member, done: &d.MakeUp})
			}
		}
		r.owed.index()
		r.done.index()
		return r, nil
	}, func(r result) {
		setYears(p.yearSel, r.years, p.year, p.onYearChanged)
		p.owed, p.done = r.owed, r.done
		p.showMode()
	})
}

// makeupList is the rows of one list (owed or done) with what the search
// looks in, built off the UI goroutine: a year of a 5,000-member branch
// owes about 100,000 make-ups, but of only 5,000 people at some hundred
// sessions, so each name and each session's text is indexed once.
type makeupList struct {
	rows  []makeupRow
	names *search.Index // the pinyin index of the members' names
	who   []int32       // who[i]: rows[i]'s member in names
	hays  []string      // each session's date, kind and theme, lower case
	where []int32       // where[i]: rows[i]'s session in hays
}

// index fills what the search looks in.
func (m *makeupList) index() {
	var names []string
	member, session := map[*data.Member]int32{}, map[*data.Session]int32{}
	m.who, m.where, m.hays = make([]int32, len(m.rows)), make([]int32, len(m.rows)), nil
	for i := range m.rows {
		r := &m.rows[i]
		j, ok := member[r.member]
		if !ok {
			j = int32(len(names))
			member[r.member] = j
			names = append(names, r.member.Name)
		}
		k, ok := session[r.session]
		if !ok {
			k = int32(len(m.hays))
			session[r.session] = k
			m.hays = append(m.hays, strings.ToLower(strings.Join([]string{r.session.Date.String(), kindName(r.session.Kind), r.session.Theme}, " ")))
		}
		m.who[i], m.where[i] = j, k
	}
	m.names = search.NewIndex(names)
}

// showMode shows the list chosen (owed or done), searched.
func (p *makeupPanel) showMode() {
	if p.doneMode() {
		p.cur = &p.done
		p.summary.SetText(lang.L("makeup.summary_done", map[string]any{"Count": thousands(len(p.done.rows))}))
	} else {
		p.cur = &p.owed
		p.summary.SetText(lang.L("makeup.summary", map[string]any{"Count": thousands(len(p.owed.rows))}))
	}
	p.applySearch()
}

// applySearch shows the rows whose name matches the search (characters,
// pinyin, initials) or whose session's date, kind or theme contains it: at
// once for a short list, through the runner for a long one, where only the
// result of the newest search is shown.
func (p *makeupPanel) applySearch() {
	const what = purpose("makeups.search")
	q, list := p.search.Text, *p.cur
	if len(list.rows) <= p.inline {
		p.run.drop(what) // a long search still running is stale now
		p.showRows(list.rows, list.filter(q))
		return
	}
	load(p.run, what, func() ([]int, error) { return list.filter(q), nil }, func(shown []int) { p.showRows(list.rows, shown) })
}

// showRows shows rows[i] for each i of shown.
func (p *makeupPanel) showRows(rows []makeupRow, shown []int) {
	p.rows, p.shown = rows, shown
	p.list.UnselectAll()
	p.list.Refresh()
}

// filter returns the indices of the rows that match the search q (see
// applySearch), in order. It only reads m, so it may run off the UI
// goroutine.
func (m makeupList) filter(q string) []int {
	q = strings.TrimSpace(q)
	lq := strings.ToLower(q)
	if len(m.rows) == 0 {
		return nil
	}
	out := make([]int, 0, len(m.rows))
	named := make([]bool, m.names.Len())
	for _, j := range m.names.Filter(q, nil, nil) {
		named[j] = true
	}
	said := make([]bool, len(m.hays))
	for k, h := range m.hays {
		said[k] = strings.Contains(h, lq)
	}
	for i := range m.rows {
		if named[m.who[i]] || said[m.where[i]] {
			out = append(out, i)
		}
	}
	return out
}

func (p *makeupPanel) onYearChanged(v string) {
	if y, err := strconv.Atoi(v); err == nil && y != p.year {
		p.year = y
		p.reload()
	}
}

// newMakeupRowObject is one line: name, what, and the buttons (登记补学,
// or 更正 and 删除 for a recorded one).
func newMakeupRowObject() fyne.CanvasObject {
	name := widget.NewLabelWithStyle("王晓明", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	what := widget.NewLabel("")
	what.Truncation = fyne.TextTruncateClip
	act := widget.NewButtonWithIcon(lang.L("makeup.record"), theme.DocumentCreateIcon(), nil)
	del := widget.NewButtonWithIcon(lang.L("makeup.remove"), theme.DeleteIcon(), nil)
	return container.NewBorder(nil, nil, container.NewGridWrap(fyne.NewSize(120, 36), name), container.NewHBox(act, del), what)
}

func (p *makeupPanel) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	if id >= len(p.shown) {
		return
	}
	row := o.(*fyne.Container)
	what := row.Objects[0].(*widget.Label)
	name := row.Objects[1].(*fyne.Container).Objects[0].(*widget.Label)
	btns := row.Objects[2].(*fyne.Container)
	act, del := btns.Objects[0].(*widget.Button), btns.Objects[1].(*widget.Button)
	r := p.rows[p.shown[id]]
	name.SetText(r.member.Name)
	parts := []string{dateWithWeekday(r.session.Date), kindName(r.session.Kind), r.session.Theme}
	if r.done == nil {
		what.SetText(clipRunes(strings.Join(append(parts, r.mark), " · "), 80))
		act.SetText(lang.L("makeup.record"))
		act.OnTapped = func() { p.openRecord(r) }
		del.Hide()
		return
	}
	what.SetText(lang.L("makeup.done_line", map[string]any{"Date": r.done.Date.String(),
		"Method": lang.L("makeup." + string(r.done.Method)), "Session": strings.Join(parts, " · ")}))
	act.SetText(lang.L("makeup.correct"))
	act.OnTapped = func() { p.openRecord(r) }
	del.OnTapped = func() { p.onRemove(r) }
	del.Show()
}

// onRemove asks, then removes a recorded make-up: the member owes it again.
func (p *makeupPanel) onRemove(r makeupRow) {
	msg := lang.L("makeup.remove_confirm", map[string]any{"Name": r.member.Name,
		"Session": r.session.Date.String() + " " + kindName(r.session.Kind) + " · " + r.session.Theme})
	d := dialog.NewConfirm(lang.L("makeup.remove"), msg, func(ok bool) {
		l := p.ledger
		if !ok || l == nil {
			return
		}
		sid, mid := r.session.ID, r.member.ID
		save(p.run, func() (struct{}, error) { return struct{}{}, l.DeleteMakeUp(sid, mid) }, nil, func(struct{}) {
			p.reload()
		})
	}, p.win)
	d.SetConfirmText(lang.L("makeup.remove"))
	d.SetConfirmImportance(widget.DangerImportance)
	d.SetDismissText(lang.L("button.cancel"))
	d.Show()
}
