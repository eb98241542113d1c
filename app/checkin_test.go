package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"branchledger/data"
	"branchledger/data/search"
)

// eachObject calls fn for every visible object under o, depth first,
// through containers and widget renderers (list rows included).
func eachObject(o fyne.CanvasObject, fn func(fyne.CanvasObject)) {
	if o == nil || !o.Visible() {
		return
	}
	fn(o)
	switch x := o.(type) {
	case *fyne.Container:
		for _, c := range x.Objects {
			eachObject(c, fn)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(x).Objects() {
			eachObject(c, fn)
		}
	}
}

// rollRow returns the status buttons and reason picker of the check-in
// row whose name label starts with name, waiting for it to be on screen.
func rollRow(t *testing.T, c *checkinScreen, name string) (map[string]*tapChip, *widget.Select) {
	t.Helper()
	var btns map[string]*tapChip
	var reason *widget.Select
	c.run.Wait()
	if btns, reason = findRollRow(c, name); btns == nil {
		t.Fatalf("no check-in row of %s", name)
	}
	return btns, reason
}

func findRollRow(c *checkinScreen, name string) (btns map[string]*tapChip, reason *widget.Select) {
	eachObject(c.list, func(o fyne.CanvasObject) {
		row, ok := o.(*fyne.Container)
		if !ok || btns != nil || len(row.Objects) != 2 {
			return
		}
		left, ok := row.Objects[1].(*fyne.Container)
		if !ok || len(left.Objects) != 1 {
			return
		}
		if lb, ok := left.Objects[0].(*widget.Label); !ok || !strings.HasPrefix(lb.Text, name+" ") {
			return
		}
		btns = map[string]*tapChip{}
		eachObject(row.Objects[0], func(o fyne.CanvasObject) {
			switch x := o.(type) {
			case *tapChip:
				btns[x.Text] = x
			case *widget.Select:
				reason = x
			}
		})
	})
	return btns, reason
}

// openCheckin shows the check-in screen and waits for its sheet.
func openCheckin(t *testing.T, s *shell) *checkinScreen {
	t.Helper()
	s.show(pageCheckin)
	c := s.screens.checkin
	settle(t, s, "the check-in sheet", func() bool { return c.roll != nil })
	return c
}

func TestCheckinByTapping(t *testing.T) {
	s, w := quietShell(t)
	w.Resize(fyne.NewSize(1100, 1000))
	l := s.ledger
	c := openCheckin(t, s)
	if got, want := c.roll.Session.Date.String(), "2026-12-04"; got != want {
		t.Fatalf("opens on %s, want the next session %s (today is Sunday 2026-11-29)", got, want)
	}
	id := c.roll.Session.ID
	if got, want := c.counts.Text, "应到 14 · 实到 0 · 请假 0 · 缺席 0 · 未登记 14 · 出勤率 待登记"; got != want {
		t.Errorf("counts before: got %q, want %q", got, want)
	}
	test.Tap(findButton(w, "全部出席"))
	// The session is next Friday's: marking it now asks, once.
	if findObject(w, func(l *widget.Label) bool {
		return l.Text == "这次活动（2026-12-04 周五）还没有举行。现在就登记考勤吗？"
	}) == nil {
		t.Fatalf("no question before marking a session to come; the window shows %q", windowTexts(w))
	}
	press(w, fyne.KeyReturn) // 登记
	settle(t, s, "counts after 全部出席", func() bool {
		return c.counts.Text == "应到 14 · 实到 14 · 请假 0 · 缺席 0 · 出勤率 100.0%"
	})
	marks, err := l.Marks(id)
	if err != nil {
		t.Fatal(err)
	}
	if len(marks) != 14 {
		t.Fatalf("after 全部出席: got %d marks, want 14", len(marks))
	}

	// Two exceptions, found by name and by pinyin initials.
	a, b := c.roll.Members[2], c.roll.Members[9]
	test.Type(c.search, a.Name)
	settle(t, s, "the search by name", func() bool { return len(c.rows) >= 1 && len(c.rows) < 14 })
	btns, _ := rollRow(t, c, a.Name)
	test.Tap(btns["请假"])
	var reason *widget.Select
	settle(t, s, "the leave reason picker", func() bool {
		_, reason = findRollRow(c, a.Name)
		return reason != nil
	})
	reason.SetSelected("因病")

	c.search.SetText("")
	test.Type(c.search, search.NewIndex([]string{b.Name}).Initials(0))
	settle(t, s, "the search by initials", func() bool { return len(c.rows) >= 1 && len(c.rows) < 14 })
	btns, _ = rollRow(t, c, b.Name)
	test.Tap(btns["请假"])
	reason = nil
	settle(t, s, "the leave reason picker", func() bool {
		_, reason = findRollRow(c, b.Name)
		return reason != nil
	})
	reason.SetSelected("因公")

	settle(t, s, "counts after the exceptions", func() bool {
		return c.counts.Text == "应到 14 · 实到 12 · 请假 2 · 缺席 0 · 出勤率 100.0%"
	})
	settle(t, s, "the reasons saved", func() bool {
		marks, err = l.Marks(id)
		return err == nil && marks[b.ID].Reason == data.OnDuty
	})
	for _, tc := range []struct {
		who  data.Member
		want data.Mark
	}{
		{a, data.Mark{Status: data.OnLeave, Reason: data.Sick}},
		{b, data.Mark{Status: data.OnLeave, Reason: data.OnDuty}},
		{c.roll.Members[0], data.Mark{Status: data.Present}},
	} {
		if got := marks[tc.who.ID]; got != tc.want {
			t.Errorf("%s: got %+v, want %+v", tc.who.Name, got, tc.want)
		}
	}
	present := 0
	for _, m := range marks {
		if m.Status == data.Present {
			present++
		}
	}
	if present != 12 {
		t.Errorf("got %d present, want 12", present)
	}
}

func TestCheckinClosedSessionAsksAndKeepsHistory(t *testing.T) {
	s, w := quietShell(t)
	w.Resize(fyne.NewSize(1100, 1000))
	l := s.ledger
	ss, err := l.Sessions(data.NewDate(2026, 11, 27), data.NewDate(2026, 11, 27))
	if err != nil || len(ss) != 1 || !ss[0].Closed {
		t.Fatalf("the demo's 2026-11-27 session: %v %+v", err, ss)
	}
	c := openCheckin(t, s)
	c.openSession(ss[0].ID)
	settle(t, s, "the closed session", func() bool { return c.roll != nil && c.roll.Session.ID == ss[0].ID })
	if !hasText(w, "已结束登记") {
		t.Error("the closed session is not shown as 已结束登记")
	}
	m := c.roll.Members[0]
	old := c.roll.Marks[m.ID]
	to := "缺席"
	if old.Status == data.Absent {
		to = "出席"
	}
	btns, _ := rollRow(t, c, m.Name)
	test.Tap(btns[to])
	confirm := findButton(w, "确认修改")
	if confirm == nil {
		t.Fatalf("no confirmation asked; window shows %q", windowTexts(w))
	}
	if got, _ := l.Marks(ss[0].ID); got[m.ID] != old {
		t.Fatalf("mark changed before confirming: got %+v, want %+v", got[m.ID], old)
	}
	test.Tap(confirm)
	var hs []data.MarkChange
	settle(t, s, "the change in the history", func() bool {
		hs, err = l.MarkHistory(ss[0].ID)
		return err == nil && len(hs) == 1
	})
	if hs[0].MemberID != m.ID || hs[0].Old != old || hs[0].New.Status.Code() == old.Status.Code() {
		t.Errorf("history: got %+v, want %s's old %+v kept", hs[0], m.Name, old)
	}
	test.Tap(findButton(w, "修改记录"))
	settle(t, s, "the history dialog", func() bool { return hasText(w, m.Name+"："+markText(old)) })
}

func TestCheckinGeneralMeetingWithoutQuorum(t *testing.T) {
	s, w := quietShell(t)
	w.Resize(fyne.NewSize(defaultWinWidth, defaultWinHeight)) // the first size
	l := s.ledger
	gm := &data.Session{Kind: data.GeneralMeeting, Theme: "支部党员大会：选举", Date: data.NewDate(2026, 11, 29), Start: "14:00", End: "15:00"}
	if err := l.SaveSession(gm); err != nil {
		t.Fatal(err)
	}
	c := openCheckin(t, s)
	if c.roll.Session.ID != gm.ID {
		t.Fatalf("opens on %s %s, want today's general meeting", c.roll.Session.Date, c.roll.Session.Theme)
	}
	if c.quorum.Visible() {
		t.Errorf("quorum flag shown before any mark: %q", c.quorum.Text)
	}
	// Keyboard only: the first nine members absent, one key each.
	w.Canvas().Focus(c.list)
	c.list.Select(0)
	test.Type(c.list, "444444444")
	settle(t, s, "nine absent", func() bool { return strings.Contains(c.counts.Text, "缺席 9") })
	test.Tap(findButton(w, "全部出席"))
	settle(t, s, "the rest present", func() bool { return strings.Contains(c.counts.Text, "实到 5 ") })
	if !c.quorum.Visible() || !strings.HasPrefix(c.quorum.Text, "未达到法定人数：需超过半数有表决权的党员") {
		t.Errorf("quorum flag: got %q (visible %v), want the red 未达到法定人数 line", c.quorum.Text, c.quorum.Visible())
	}
	if c.quorum.Importance != widget.DangerImportance {
		t.Errorf("quorum flag importance %v, want danger (red)", c.quorum.Importance)
	}
	rollBelowHeader(t, c, "with the quorum flag")
	st, err := l.SessionCounts(gm.ID)
	if err != nil {
		t.Fatal(err)
	}
	if st.Quorate() || st.Absent != 9 {
		t.Errorf("ledger: got quorate %v with %d absent, want no quorum with 9 absent", st.Quorate(), st.Absent)
	}
	// Four of the absent (all full members) come late after all: 7 of
	// the 12 voting members attend, quorum reached.
	c.list.Select(0)
	test.Type(c.list, "2222")
	settle(t, s, "quorum reached", func() bool { return strings.Contains(c.counts.Text, "实到 9") && !c.quorum.Visible() })
	rollBelowHeader(t, c, "once the flag is gone")
}

// rollBelowHeader fails unless the session text and the counts have their
// height, the quorum flag (when shown) its height above the search row,
// and the list of members starts below the search row: a flag shown or
// hidden, a line wrapped, must move the list, not be drawn over it.
func rollBelowHeader(t *testing.T, c *checkinScreen, when string) {
	t.Helper()
	d := fyne.CurrentApp().Driver()
	searchTop := d.AbsolutePositionForObject(c.search).Y
	for _, l := range []*widget.Label{c.info, c.counts} {
		if l.Size().Height < l.MinSize().Height {
			t.Errorf("%s: %q is %.0f high, needs %.0f", when, l.Text, l.Size().Height, l.MinSize().Height)
		}
	}
	if c.quorum.Visible() {
		top, size := d.AbsolutePositionForObject(c.quorum).Y, c.quorum.Size()
		if size.Height < c.quorum.MinSize().Height || top+size.Height > searchTop {
			t.Errorf("%s: the quorum flag is %.0f high at y=%.0f (needs %.0f), the search row at y=%.0f", when, size.Height, top, c.quorum.MinSize().Height, searchTop)
		}
	}
	if bottom, list := searchTop+c.search.Size().Height, d.AbsolutePositionForObject(c.list).Y; list < bottom {
		t.Errorf("%s: the list starts at y=%.0f, above the search row's bottom %.0f", when, list, bottom)
	}
}
