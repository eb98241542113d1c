package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"branchledger/data"
)

// sessionLine returns the texts of the session list's row for date, as
// drawn: date, kind, theme, counts, rate.
func sessionLine(p *sessionsScreen, date string) []string {
	for i, r := range p.rows {
		if r.stat == nil || r.stat.Session.Date.String() != date {
			continue
		}
		o := p.list.CreateItem()
		p.updateRow(i, o)
		c := o.(*fyne.Container)
		cell := func(c *fyne.Container, i int) string {
			return c.Objects[i].(*fyne.Container).Objects[0].(*widget.Label).Text
		}
		left, right := c.Objects[1].(*fyne.Container), c.Objects[2].(*fyne.Container)
		return []string{cell(left, 0), cell(left, 1), c.Objects[0].(*widget.Label).Text, cell(right, 0), cell(right, 1)}
	}
	return nil
}

func TestRatesPendingWhileUnmarked(t *testing.T) {
	b := newSmallBranch(t)
	s, w := b.open(t)
	p := openSessions(t, s)
	for _, tc := range []struct {
		date string
		want []string
	}{
		// Nobody marked at the party lecture: pending, with the count.
		{"2026-11-13", []string{"2026-11-13 周五", "党课", "学习党章", "应到 3 · 实到 0", "待登记（未登记 3 人）"}},
		// All three marked: 1 present of 3 − 1 on leave = 50.0%.
		{"2026-11-20", []string{"2026-11-20 周五", "正午课堂", "股权转让备案", "应到 3 · 实到 1", "50.0%"}},
	} {
		if got := sessionLine(p, tc.date); !equalStrings(got, tc.want) {
			t.Errorf("%s: got %q, want %q", tc.date, got, tc.want)
		}
	}
	// The rule is one click away.
	test.Tap(findButton(w, "出勤率口径"))
	if findObject(w, func(l *widget.Label) bool {
		return l.Text == "出勤率 =（出席+迟到）÷（应到−请假），请假不计入缺勤\n"+
			"活动尚未全部登记时，出勤率显示为“待登记”，并注明未登记人数；全部登记后才计算百分比。"
	}) == nil {
		t.Errorf("the rule dialog: window shows %q", windowTexts(w))
	}
	press(w, fyne.KeyEscape)
	if w.Canvas().Overlays().Top() != nil {
		t.Error("Escape left the rule dialog open")
	}

	// Half-marked check-in: the live line says pending, not 100%.
	s.OpenCheckin(b.unmarked.ID)
	s.run.Wait()
	c := s.screens.checkin
	row, _ := rollRow(t, c, "王晓明")
	test.Tap(row["出席"])
	s.run.Wait()
	if got, want := c.counts.Text, "应到 3 · 实到 1 · 请假 0 · 缺席 0 · 未登记 2 · 出勤率 待登记"; got != want {
		t.Errorf("check-in with 2 unmarked: got %q, want %q", got, want)
	}
}

func TestRateTextAndThousands(t *testing.T) {
	test.NewTempApp(t)
	for _, tc := range []struct {
		c     data.Counts
		leave bool
		want  string
	}{
		{data.Counts{Expected: 5000, Present: 975, Absent: 25, Unmarked: 4000}, false, "待登记（未登记 4,000 人）"},
		{data.Counts{Expected: 14, Present: 12, Leave: 1, Absent: 1}, false, "92.3%"},      // 12 / 13
		{data.Counts{Expected: 14, Present: 12, Leave: 1, Absent: 1}, true, "85.7%"},       // 12 / 14
		{data.Counts{Expected: 2, Leave: 2}, false, "—"},                                   // nobody counts
		{data.Counts{Expected: 1256, Present: 1000, Late: 6, Leave: 250}, false, "100.0%"}, // 1006 / 1006
	} {
		if got := rateText(tc.c, tc.leave); got != tc.want {
			t.Errorf("rateText(%+v, %v): got %q, want %q", tc.c, tc.leave, got, tc.want)
		}
	}
	for _, tc := range []struct {
		s    string
		n    int
		want string
	}{{"股权转让备案", 6, "股权转让备案"}, {"股权转让备案实务", 6, "股权转让备…"}, {"abc", 0, "abc"}} {
		if got := clipRunes(tc.s, tc.n); got != tc.want {
			t.Errorf("clipRunes(%q, %d): got %q, want %q", tc.s, tc.n, got, tc.want)
		}
	}
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 5000: "5,000", 1234567: "1,234,567", -2286: "-2,286"} {
		if got := thousands(n); got != want {
			t.Errorf("thousands(%d): got %q, want %q", n, got, want)
		}
	}
}
