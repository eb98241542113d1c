package app

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"branchledger/data"
)

// openSessions shows 组织生活 and waits for its list.
func openSessions(t *testing.T, s *shell) *sessionsScreen {
	t.Helper()
	s.show(pageSessions)
	p := s.screens.sessions
	settle(t, s, "the session list", func() bool { return len(p.rows) > 0 })
	return p
}

// setText replaces an entry's text as a user would: clear, then type.
func setText(e interface {
	fyne.Focusable
	SetText(string)
}, s string) {
	e.SetText("")
	test.Type(e, s)
}

func TestSessionListByMonthAndKind(t *testing.T) {
	s, w := quietShell(t)
	p := openSessions(t, s)
	if r := p.rows[0]; r.month != "2026-01" || r.stat != nil {
		t.Errorf("first row: got %+v, want the 2026-01 heading", r)
	}
	first := p.rows[1].stat
	if first == nil || first.Session.Date.String() != "2026-01-02" {
		t.Fatalf("second row: got %+v, want the 2026-01-02 Noon Classroom", p.rows[1])
	}
	// The list opens on this month.
	var nov *data.SessionStat
	for _, r := range p.rows {
		if r.stat != nil && r.stat.Session.Date == data.NewDate(2026, 11, 27) {
			nov = r.stat
		}
	}
	if nov == nil {
		t.Fatal("no 2026-11-27 session in the list")
	}
	// 2026-11-27: 13 of 14 present, one on leave (out of the rate).
	for _, want := range []string{"2026年11月", "2026-11-27 周五", "正午课堂", "应到 14 · 实到 13", "100.0%"} {
		if !hasText(w, want) {
			t.Errorf("session list: want %q on screen", want)
		}
	}
	p.kindSel.SetSelected("支部委员会")
	var months []string
	n := 0
	for _, r := range p.rows {
		if r.stat == nil {
			months = append(months, r.month)
			continue
		}
		n++
		if r.stat.Session.Kind != data.CommitteeMeeting {
			t.Errorf("committee filter shows a %s", r.stat.Session.Kind)
		}
	}
	if n != 11 || len(months) != 11 || strings.Contains(strings.Join(months, ","), "2026-08") {
		t.Errorf("committee meetings: got %d in months %v, want 11 with no 2026-08", n, months)
	}
	if got, want := p.summary.Text, "共 11 次活动"; got != want {
		t.Errorf("summary: got %q, want %q", got, want)
	}
	// A planned session shows only 应到 (the committee: 3).
	row := newSessionRowObject()
	p.updateRow(len(p.rows)-1, row)
	texts := strings.Join(visibleTexts(row), "|")
	if want := "2026-12-07 周一|支部委员会|应到 3|"; !strings.Contains(texts, want) || strings.Contains(texts, "%") {
		t.Errorf("planned committee meeting row: got %q, want %q and no rate", texts, want)
	}
}

func TestSessionFormValidatesAndSaves(t *testing.T) {
	s, w := quietShell(t)
	l := s.ledger
	p := openSessions(t, s)
	test.Tap(findButton(w, "新建活动"))
	settle(t, s, "the session form", func() bool { return p.form != nil })
	f := p.form
	setText(f.theme, "")
	setText(f.date.entry, "02/12/2026")
	setText(f.start, "13:00")
	setText(f.end, "12:00")
	test.Tap(findButton(w, "保存"))
	for _, tc := range []struct{ field, want string }{
		{data.FieldTheme, "必须填写"},
		{data.FieldDate, "日期无法识别，请写成 2026-11-29"},
		{data.FieldEnd, "结束时间应晚于开始时间"},
	} {
		if lb := f.problems[tc.field]; !lb.Visible() || lb.Text != tc.want {
			t.Errorf("%s: got %q (shown %v), want %q at the field", tc.field, lb.Text, lb.Visible(), tc.want)
		}
	}

	f.kind.SetSelected("党课")
	if !f.rows["speaker"][0].Visible() {
		t.Error("a party lecture's form hides 讲课人")
	}
	setText(f.theme, "党课：学习《市场主体登记管理条例》")
	setText(f.date.entry, "2026-12-02")
	setText(f.start, "14:00")
	setText(f.end, "15:30")
	setText(f.place, "三楼会议室")
	f.host.SetText("王晓明")
	f.speak.SetText("区局党委书记")
	setText(f.minutes, "逐条学习条例")
	setText(f.outcomes, "形成窗口问答 12 条")
	if got, want := f.expected.Text, "14 人（按活动日期和类型自动计算）"; got != want {
		t.Errorf("应到: got %q, want %q", got, want)
	}
	test.Tap(findButton(w, "保存"))
	var got []data.Session
	settle(t, s, "the saved session", func() bool {
		var err error
		got, err = l.Sessions(data.NewDate(2026, 12, 2), data.NewDate(2026, 12, 2))
		return err == nil && len(got) == 1
	})
	want := data.Session{Kind: data.PartyLecture, Theme: "党课：学习《市场主体登记管理条例》", Date: data.NewDate(2026, 12, 2),
		Start: "14:00", End: "15:30", Place: "三楼会议室", Host: "王晓明", Speaker: "区局党委书记",
		Minutes: "逐条学习条例", Outcomes: "形成窗口问答 12 条"}
	g := got[0]
	g.ID, g.Created, g.Updated = want.ID, want.Created, want.Updated
	if g.Kind != want.Kind || g.Theme != want.Theme || g.Date != want.Date || g.Start != want.Start || g.End != want.End ||
		g.Place != want.Place || g.Host != want.Host || g.Speaker != want.Speaker || g.Minutes != want.Minutes || g.Outcomes != want.Outcomes {
		t.Errorf("saved: got %+v, want %+v", g, want)
	}
}

func TestSessionFormGroupMeetingExpectsItsGroup(t *testing.T) {
	s, w := quietShell(t)
	p := openSessions(t, s)
	test.Tap(findButton(w, "新建活动"))
	settle(t, s, "the session form", func() bool { return p.form != nil })
	f := p.form
	f.kind.SetSelected("党小组会")
	shown := func(field string) bool { return f.rows[field][0].Visible() && f.rows[field][1].Visible() }
	if !shown("group") || !shown("credits") || shown("speaker") || shown("guests") {
		t.Errorf("group meeting: 党小组 %v, 同时计入 %v, 讲课人 %v, 列席 %v; want the group picker and the credits",
			shown("group"), shown("credits"), shown("speaker"), shown("guests"))
	}
	f.group.SetSelected("第一党小组")
	if got, want := f.expected.Text, "7 人（按活动日期和类型自动计算）"; got != want {
		t.Errorf("应到: got %q, want %q", got, want)
	}
	f.kind.SetSelected("联建活动")
	if !shown("guests") || shown("group") {
		t.Errorf("joint activity: 列席 shown %v, 党小组 shown %v; want the guests only", shown("guests"), shown("group"))
	}
	setText(f.theme, "联建共建：航空企业开办服务")
	test.Tap(findButton(w, "添加列席人员"))
	if len(f.guests) != 1 {
		t.Fatalf("got %d guest rows, want 1", len(f.guests))
	}
	setText(f.guests[0].name, "周海峰")
	setText(f.guests[0].unit, "申江航空产业联盟")
	sess, ps := f.collect()
	if len(ps) != 0 || len(sess.Guests) != 1 || sess.Guests[0] != (data.Guest{Name: "周海峰", Unit: "申江航空产业联盟"}) || sess.Group != "" {
		t.Errorf("joint activity: got guests %+v group %q problems %v", sess.Guests, sess.Group, ps)
	}
}

func TestSeriesDialogCreatesFridays(t *testing.T) {
	s, w := quietShell(t)
	l := s.ledger
	p := openSessions(t, s)
	test.Tap(findButton(w, "新建系列"))
	settle(t, s, "the series dialog", func() bool { return p.series != nil })
	d := p.series
	if got := d.weekday.Selected; got != "每周五" {
		t.Errorf("weekday: got %q, want 每周五", got)
	}
	setText(d.theme, "正午课堂（试点）")
	setText(d.place, "窗口会议室")
	for _, tc := range []struct{ from, to, holidays, want string }{
		{"2026-12-01", "2026-12-31", "", "将创建 4 次活动：2026-12-04 至 2026-12-25"},
		{"2026-12-01", "2027-01-31", "2027-01-01", "将创建 8 次活动：2026-12-04 至 2027-01-29"},
		{"2026-12-05", "2026-12-10", "", "这段时间里没有符合条件的日期"},
		{"2026-12-01", "2026-12-31", "2026-12-25", "将创建 3 次活动：2026-12-04 至 2026-12-18"},
	} {
		setText(d.from.entry, tc.from)
		setText(d.to.entry, tc.to)
		setText(d.holidays, tc.holidays)
		if got := d.preview.Text; got != tc.want {
			t.Errorf("%s–%s skipping %q: got %q, want %q", tc.from, tc.to, tc.holidays, got, tc.want)
		}
	}
	if !d.conflicts.Visible() {
		t.Error("the example's Noon Classroom of 2026-12-04 is not named as a duplicate")
	}
	d.onConflict.SetSelected("仍然创建") // a pilot run beside the regular one
	test.Tap(findButton(w, "保存"))
	var made []data.Session
	settle(t, s, "the series' sessions", func() bool {
		ss, err := l.Sessions(data.NewDate(2026, 12, 1), data.NewDate(2026, 12, 31))
		if err != nil {
			return false
		}
		made = made[:0]
		for _, x := range ss {
			if x.Theme == "正午课堂（试点）" {
				made = append(made, x)
			}
		}
		return len(made) == 3
	})
	var dates []string
	for _, x := range made {
		dates = append(dates, x.Date.String())
		if x.Date.Weekday() != time.Friday || x.SeriesID != made[0].SeriesID || x.SeriesID == [16]byte{} ||
			x.Start != "12:00" || x.End != "13:00" || x.Place != "窗口会议室" || x.Kind != data.NoonClassroom {
			t.Errorf("series session %+v: want a Friday 12:00–13:00 Noon Classroom of one series", x)
		}
	}
	if got, want := strings.Join(dates, " "), "2026-12-04 2026-12-11 2026-12-18"; got != want {
		t.Errorf("series dates: got %s, want %s", got, want)
	}
	if !hasText(w, "已创建 3 次活动。") {
		t.Error("no 已创建 3 次活动 message")
	}

	// Move the first, cancel the second; the third is untouched.
	rowOf := func(id [16]byte) int {
		for i, r := range p.rows {
			if r.stat != nil && r.stat.Session.ID == id {
				return i
			}
		}
		t.Fatalf("session %x not in the list", id)
		return -1
	}
	settle(t, s, "the list with the series", func() bool { return len(p.rows) > 0 })
	p.form = nil
	p.list.Select(rowOf(made[0].ID))
	settle(t, s, "the form of the first", func() bool { return p.form != nil })
	if !hasText(w, "本次活动属于一个系列") {
		t.Error("a series session's form does not say it belongs to a series")
	}
	setText(p.form.date.entry, "2026-12-03")
	test.Tap(findButton(w, "保存"))
	settle(t, s, "the move", func() bool {
		x, err := l.Session(made[0].ID)
		return err == nil && x.Date == data.NewDate(2026, 12, 3)
	})
	p.form = nil
	p.list.Select(rowOf(made[1].ID))
	settle(t, s, "the form of the second", func() bool { return p.form != nil })
	test.Tap(findButton(w, "取消本次"))
	test.Tap(findButton(w, "确认取消本次"))
	settle(t, s, "the cancellation", func() bool {
		x, err := l.Session(made[1].ID)
		return err == nil && x.Cancelled
	})
	third, err := l.Session(made[2].ID)
	if err != nil || third.Cancelled || third.Date != made[2].Date || third.Updated != made[2].Updated {
		t.Errorf("third session changed: %+v (%v)", third, err)
	}
	if !hasText(w, "【已取消】 正午课堂（试点）") {
		t.Error("the cancelled session is not marked 【已取消】 in the list")
	}
}
