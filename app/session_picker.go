package app

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/google/uuid"

	"branchledger/data"
)

// sessionPicker chooses one session: a button showing the chosen one
// that opens a searchable list, newest first, the same order everywhere
// (data.SortSessionsNewestFirst). The search matches the date
// (2026-12-04), the weekday, the kind's name and the theme; several words
// must all match. Check-in and the 签到表 export use it.
type sessionPicker struct {
	win      fyne.Window
	button   *widget.Button
	empty    string         // the button's text with nothing chosen
	sessions []data.Session // newest first
	labels   []string       // pickerLabel of each, for the list
	haystack []string       // what the search looks in, lower case
	current  int            // index into sessions, −1 for none
	onPicked func(data.Session)

	// The open list, nil while closed.
	dlg    *dialog.CustomDialog
	search *escEntry
	list   *widget.List
	rows   []int // indices into sessions matching the search
}

// newSessionPicker returns a picker whose button says placeholder until a
// session is chosen; onPicked runs when the user chooses one (not when
// setSessions selects one).
func newSessionPicker(w fyne.Window, placeholder string, onPicked func(data.Session)) *sessionPicker {
	p := &sessionPicker{win: w, empty: placeholder, current: -1, onPicked: onPicked}
	p.button = widget.NewButtonWithIcon(placeholder, theme.SearchIcon(), p.open)
	p.button.Alignment = widget.ButtonAlignLeading
	return p
}

// setSessions offers ss (in any order; the picker keeps a sorted copy)
// and shows selected as chosen (uuid.Nil: none), without calling onPicked.
func (p *sessionPicker) setSessions(ss []data.Session, selected uuid.UUID) {
	p.sessions = append([]data.Session(nil), ss...)
	data.SortSessionsNewestFirst(p.sessions)
	p.labels = make([]string, len(p.sessions))
	p.haystack = make([]string, len(p.sessions))
	p.current = -1
	for i := range p.sessions {
		s := &p.sessions[i]
		p.labels[i] = pickerLabel(s)
		p.haystack[i] = strings.ToLower(strings.Join([]string{s.Date.String(), weekdayName(s.Date),
			kindName(s.Kind), string(s.Kind), s.Theme, s.Place}, " "))
		if selected != uuid.Nil && s.ID == selected {
			p.current = i
		}
	}
	p.showCurrent()
}

// selected returns the chosen session.
func (p *sessionPicker) selected() (data.Session, bool) {
	if p.current < 0 || p.current >= len(p.sessions) {
		return data.Session{}, false
	}
	return p.sessions[p.current], true
}

// pick chooses the i-th session (newest first) and calls onPicked.
func (p *sessionPicker) pick(i int) {
	if i < 0 || i >= len(p.sessions) {
		return
	}
	p.current = i
	p.showCurrent()
	if p.onPicked != nil {
		p.onPicked(p.sessions[i])
	}
}

// step moves the choice by d (+1 older, −1 newer).
func (p *sessionPicker) step(d int) { p.pick(p.current + d) }

func (p *sessionPicker) showCurrent() {
	if p.current < 0 {
		p.button.SetText(p.empty)
		return
	}
	p.button.SetText(p.labels[p.current])
}

// open shows the searchable list in a dialog; Enter in the search picks
// the first match, Escape closes it.
func (p *sessionPicker) open() {
	p.search = newEscEntry(func() {
		if p.dlg != nil {
			p.dlg.Hide()
		}
	})
	p.search.SetPlaceHolder(lang.L("picker.search"))
	p.search.OnChanged = p.filter
	p.search.OnSubmitted = func(string) {
		if len(p.rows) > 0 {
			p.choose(p.rows[0])
		}
	}
	p.list = widget.NewList(func() int { return len(p.rows) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("2026-12-04 周五 正午课堂 · 股权转让备案")
			l.Truncation = fyne.TextTruncateClip
			return l
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id < len(p.rows) {
				o.(*widget.Label).SetText(p.labels[p.rows[id]])
			}
		})
	p.list.OnSelected = func(id widget.ListItemID) {
		if id < len(p.rows) {
			p.choose(p.rows[id])
		}
	}
	p.filter("")
	content := container.NewBorder(p.search, nil, nil, nil, p.list)
	p.dlg = dialog.NewCustom(lang.L("checkin.pick"), lang.L("button.cancel"), content, p.win)
	p.dlg.SetOnClosed(func() { p.dlg, p.list, p.search = nil, nil, nil })
	size := p.win.Canvas().Size()
	p.dlg.Resize(fyne.NewSize(min(640, size.Width*0.95), min(520, size.Height*0.9)))
	p.dlg.Show()
	p.win.Canvas().Focus(p.search)
}

// choose picks session i and closes the list.
func (p *sessionPicker) choose(i int) {
	if p.dlg != nil {
		p.dlg.Hide()
	}
	p.pick(i)
}

// filter keeps the sessions whose date, weekday, kind or theme contain
// every word of text.
func (p *sessionPicker) filter(text string) {
	words := strings.Fields(strings.ToLower(text))
	p.rows = p.rows[:0]
	for i, h := range p.haystack {
		ok := true
		for _, w := range words {
			if !strings.Contains(h, w) {
				ok = false
				break
			}
		}
		if ok {
			p.rows = append(p.rows, i)
		}
	}
	if p.list != nil {
		p.list.UnselectAll()
		p.list.Refresh()
	}
}

// matches returns the labels the open list shows, in order (for tests and
// for the count line).
func (p *sessionPicker) matches() []string {
	out := make([]string, len(p.rows))
	for i, r := range p.rows {
		out[i] = p.labels[r]
	}
	return out
}

// pickerLabel is "2026-12-04 周五 正午课堂 · 正午课堂：股权转让…".
func pickerLabel(s *data.Session) string {
	t := []rune(s.Theme)
	if len(t) > 24 {
		t = append(t[:23], '…')
	}
	label := dateWithWeekday(s.Date) + " " + kindName(s.Kind) + " · " + string(t)
	if s.Cancelled {
		label = lang.L("sessions.cancelled_mark") + " " + label
	}
	return label
}
