package app

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/google/uuid"

	"branchledger/data"
	"branchledger/data/search"
)

// checkinScreen is 签到: one session's expected members with a one-tap
// status each, the live counts, and the make-up study tab. Every tap is
// saved at once, one transaction each, in the order tapped.
type checkinScreen struct {
	env
	root    fyne.CanvasObject
	tabs    *container.AppTabs
	makeups *makeupPanel

	picker     *sessionPicker
	info       *widget.Label
	counts     *widget.Label
	quorum     *widget.Label
	search     *escEntry
	allPresent *widget.Button
	closeBtn   *widget.Button
	historyBtn *widget.Button
	list       *rollList
	rollBox    *fyne.Container // the header, the list and the keys hint

	roll        *data.Roll
	index       *search.Index
	rows        []int // indices into roll.Members that match the search
	leaveCounts bool
	want        uuid.UUID // session to show once the picker is loaded
	unlocked    uuid.UUID // closed session whose marks the user agreed to change
	early       uuid.UUID // session to come that the user agreed to mark already

	queue  []func() // saves waiting for the one in flight
	saving bool
}

func newCheckinScreen(e env) *checkinScreen {
	c := &checkinScreen{env: e}
	c.picker = newSessionPicker(e.win, lang.L("checkin.pick"), func(x data.Session) { c.loadRoll(x.ID) })
	prev := widget.NewButtonWithIcon("", theme.NavigateBackIcon(), func() { c.step(1) })
	next := widget.NewButtonWithIcon("", theme.NavigateNextIcon(), func() { c.step(-1) })
	c.info = widget.NewLabel("")
	c.info.Wrapping = fyne.TextWrapWord
	c.counts = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	c.counts.SizeName = theme.SizeNameSubHeadingText
	c.counts.Wrapping = fyne.TextWrapWord
	c.quorum = widget.NewLabel("")
	c.quorum.Wrapping = fyne.TextWrapWord
	c.quorum.Importance = widget.DangerImportance
	c.quorum.TextStyle = fyne.TextStyle{Bold: true}
	c.quorum.Hide()
	c.search = newFormEntry()
	c.search.SetPlaceHolder(lang.L("checkin.search"))
	c.search.OnChanged = func(string) { c.applySearch() }
	c.search.OnSubmitted = func(string) { c.focusList() }
	c.allPresent = widget.NewButtonWithIcon(lang.L("checkin.all_present"), theme.ConfirmIcon(), c.onAllPresent)
	c.allPresent.Importance = widget.HighImportance
	c.closeBtn = widget.NewButtonWithIcon(lang.L("checkin.close"), theme.CheckButtonCheckedIcon(), c.onClose)
	c.historyBtn = widget.NewButtonWithIcon(lang.L("checkin.history"), theme.HistoryIcon(), c.onHistory)
	c.list = newRollList(func() int { return len(c.rows) }, newRollRowObject, c.updateRow, c.onKey)
	hint := widget.NewLabel(lang.L("checkin.keys_hint"))
	hint.Importance = widget.LowImportance
	hint.Wrapping = fyne.TextWrapWord

	pick := container.NewBorder(nil, nil, nil, container.NewHBox(prev, next), c.picker.button)
	tools := container.NewBorder(nil, nil, nil, container.NewHBox(c.allPresent, c.closeBtn, c.historyBtn), c.search)
	rule := newRateRuleButton(e.win, func() bool { return c.leaveCounts })
	countsRow := container.NewBorder(nil, nil, nil, rule, c.counts)
	top := container.NewVBox(pick, c.info, countsRow, c.quorum, tools)
	// Built with the list after the tools (NewBorder would put it first):
	// Tab goes search → 全部出席 → 结束登记 → 修改记录 → the list.
	roll := container.New(layout.NewBorderLayout(top, hint, nil, nil), top, c.list, hint)
	c.rollBox = roll
	c.makeups = newMakeupPanel(c.env)
	c.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon(lang.L("checkin.tab_roll"), theme.ConfirmIcon(), roll),
		container.NewTabItemWithIcon(lang.L("makeup.tab"), theme.DocumentCreateIcon(), c.makeups.root))
	c.tabs.OnSelected = func(t *container.TabItem) {
		if t.Content == c.makeups.root {
			c.makeups.reload()
		}
	}
	c.root = c.tabs
	return c
}

func (c *checkinScreen) content() fyne.CanvasObject { return c.root }

func (c *checkinScreen) shown() {
	c.loadSessions()
	if c.tabs.SelectedIndex() == 1 {
		c.makeups.reload()
	}
}

// openSession shows the check-in of session id.
func (c *checkinScreen) openSession(id uuid.UUID) {
	c.tabs.SelectIndex(0)
	c.want = id
	c.loadSessions()
}

// showMakeUps switches to the make-up study tab.
func (c *checkinScreen) showMakeUps() {
	c.tabs.SelectIndex(1)
	c.makeups.reload()
}

// loadSessions fills the picker, newest first, and opens the wanted
// session: the one asked for, else the one shown, else today's or the
// next one.
func (c *checkinScreen) loadSessions() {
	l := c.ledger
	if l == nil {
		return // the ledger was closed meanwhile
	}
	type result struct {
		ss    []data.Session
		leave bool
	}
	load(c.run, purpose("checkin.sessions"), func() (result, error) {
		ss, err := l.Sessions(0, 0)
		if err != nil {
			return result{}, err
		}
		b, err := l.Branch()
		return result{ss, b.LeaveCountsAgainst}, err
	}, func(r result) {
		c.leaveCounts = r.leave
		want := c.want
		if want == uuid.Nil && c.roll != nil {
			want = c.roll.Session.ID
		}
		if want == uuid.Nil {
			if i := data.CheckinSession(r.ss, l.Today()); i >= 0 {
				want = r.ss[i].ID
			}
		}
		c.want = uuid.Nil
		var offer []data.Session
		for i := range r.ss {
			if !r.ss[i].Cancelled || r.ss[i].ID == want {
				offer = append(offer, r.ss[i])
			}
		}
		c.picker.setSessions(offer, want)
		if x, ok := c.picker.selected(); ok {
			c.loadRoll(x.ID)
		} else {
			c.showRoll(nil, nil)
		}
	})
}

// step moves the picker by d (+1 older, −1 newer).
func (c *checkinScreen) step(d int) { c.picker.step(d) }

func (c *checkinScreen) loadRoll(id uuid.UUID) {
	l := c.ledger
	if l == nil {
		return // the ledger was closed meanwhile
	}
	type sheet struct {
		r  *data.Roll
		ix *search.Index
	}
	load(c.run, purpose("checkin.roll"), func() (sheet, error) {
		r, err := l.Roll(id)
		if err != nil {
			return sheet{}, err
		}
		// The pinyin index of 5,000 names takes tens of milliseconds:
		// built here, not on the UI goroutine.
		names := make([]string, len(r.Members))
		for i := range r.Members {
			names[i] = r.Members[i].Name
		}
		return sheet{r, search.NewIndex(names)}, nil
	}, func(sh sheet) {
		c.showRoll(sh.r, sh.ix)
	})
}

// showRoll shows a freshly read check-in sheet and its search index (nil:
// no session).
func (c *checkinScreen) showRoll(r *data.Roll, ix *search.Index) {
	if r == nil || c.roll == nil || r.Session.ID != c.roll.Session.ID {
		c.search.SetText("")
		c.list.UnselectAll()
		c.list.cur = -1
	}
	c.roll, c.index = r, ix
	c.refreshHeader()
	c.applySearch()
}

// refreshHeader updates the session line, the counts and the quorum flag.
func (c *checkinScreen) refreshHeader() {
	defer c.fitHeader()
	for _, b := range []*widget.Button{c.allPresent, c.closeBtn, c.historyBtn} {
		if c.roll == nil {
			b.Disable()
		} else {
			b.Enable()
		}
	}
	if c.roll == nil {
		c.info.SetText(lang.L("checkin.no_session"))
		c.counts.SetText("")
		c.quorum.Hide()
		return
	}
	s := &c.roll.Session
	parts := []string{dateWithWeekday(s.Date)}
	for _, p := range []string{timeRange(s), s.Place} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	if s.Host != "" {
		parts = append(parts, lang.L("field.host")+" "+s.Host)
	}
	info := kindName(s.Kind) + " · " + s.Theme + "\n" + strings.Join(parts, " · ")
	if s.Closed {
		info += " · " + lang.L("checkin.closed_mark")
		c.closeBtn.Disable()
	}
	c.info.SetText(info)
	c.counts.SetText(countsText(c.roll.Stat.Counts, c.leaveCounts))
	if q := quorumText(&c.roll.Stat); q != "" {
		c.quorum.SetText(q)
		c.quorum.Show()
	} else {
		c.quorum.Hide()
	}
}

// fitHeader lays the header and the list out again: Fyne does not move a
// container's other children when one is shown, hidden or wraps onto
// another line, so without it the quorum flag or a second line of session
// text would be drawn under the list.
func (c *checkinScreen) fitHeader() { c.rollBox.Refresh() }

// applySearch narrows the rows to the names matching the search (by
// characters, pinyin or initials).
func (c *checkinScreen) applySearch() {
	c.rows = c.rows[:0]
	if c.index != nil {
		c.rows = c.index.Filter(c.search.Text, nil, c.rows)
	}
	c.list.UnselectAll()
	c.list.cur = -1
	c.list.Refresh()
}

// focusSearch shows the check-in tab and puts the cursor in its search
// (Ctrl+F on the check-in screen).
func (c *checkinScreen) focusSearch() {
	c.tabs.SelectIndex(0)
	c.win.Canvas().Focus(c.search)
}

func (c *checkinScreen) focusList() {
	if len(c.rows) == 0 {
		return
	}
	c.win.Canvas().Focus(c.list)
	c.list.Select(0)
}
