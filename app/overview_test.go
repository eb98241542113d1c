package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/google/uuid"

	"branchledger/data"
)

// quietShell is newTestShell once the overview it opens on has loaded.
func quietShell(t *testing.T) (*shell, fyne.Window) {
	t.Helper()
	s, w := newTestShell(t)
	s.run.Wait()
	return s, w
}

// openOverview shows the overview and waits for its numbers.
func openOverview(t *testing.T, s *shell) *overviewScreen {
	t.Helper()
	s.show(pageOverview)
	p := s.screens.overview
	settle(t, s, "the overview's numbers", func() bool { return len(p.compliance.Objects) > 0 })
	return p
}

// complianceRows returns, for each rule on the overview, its name and its
// status lines with their importance.
func complianceRows(p *overviewScreen) map[string][]*widget.Label {
	out := map[string][]*widget.Label{}
	objs := p.compliance.Objects
	for i := 0; i+1 < len(objs); i += 2 {
		name := objs[i].(*widget.Label).Text
		for _, o := range objs[i+1].(*fyne.Container).Objects {
			out[name] = append(out[name], o.(*widget.Label))
		}
	}
	return out
}

func TestOverviewShowsMissingMonth(t *testing.T) {
	s, w := quietShell(t)
	l := s.ledger
	p := openOverview(t, s)
	rows := complianceRows(p)
	for _, tc := range []struct {
		rule, text string
		imp        widget.Importance
	}{
		{"支部委员会（每月）", "未开展：2026-08", widget.DangerImportance},
		{"党小组会（每月，第一党小组）", "已落实", widget.SuccessImportance},
		{"支部党员大会（每季度）", "已落实", widget.SuccessImportance},
		{"组织生活会（每年）", "本期待开展：2026年", widget.WarningImportance},
	} {
		lines := rows[tc.rule]
		if len(lines) == 0 {
			t.Errorf("%s: not on the overview (rules %v)", tc.rule, rows)
			continue
		}
		if got := lines[0]; got.Text != tc.text || got.Importance != tc.imp {
			t.Errorf("%s: got %q (importance %v), want %q (importance %v)", tc.rule, got.Text, got.Importance, tc.text, tc.imp)
		}
	}
	owed, err := l.OwedMakeUps(data.NewDate(2026, 1, 1), data.NewDate(2026, 12, 31))
	if err != nil {
		t.Fatal(err)
	}
	if len(owed) != 33 {
		t.Fatalf("the example branch owes %d make-ups in 2026, want 33", len(owed))
	}
	if got, want := p.owed.Text, "2026 年还有 33 人次待补学"; got != want {
		t.Errorf("owed: got %q, want %q", got, want)
	}
	if !hasText(w, "2026-12-04 周五 · 12:00–13:00 · 正午课堂") {
		t.Errorf("next sessions: want 2026-12-04's Noon Classroom first; window shows %q", windowTexts(w))
	}
	// The last session, 2026-11-27: the example marks 13 of its 14
	// present and one on leave; leave is out of the rate, so 13 ÷ 13.
	if want := "应到 14 · 实到 13 · 请假 1 · 缺席 0 · 出勤率 100.0%"; !hasText(w, want) {
		t.Errorf("last session: want %q on the overview; window shows %q", want, windowTexts(w))
	}

	// The make-up link opens the 补学 tab of 签到.
	test.Tap(findButton(w, "去登记补学"))
	c := s.screens.checkin
	if c == nil || s.current != pageCheckin || c.tabs.SelectedIndex() != 1 {
		t.Fatalf("去登记补学: got page %d, want the 补学 tab of 签到", s.current)
	}
	s.run.Wait()
	if got := len(c.makeups.owed.rows); got != len(owed) {
		t.Errorf("owed list: got %d rows, want %d", got, len(owed))
	}
}

func TestOverviewFlagsMeetingWithoutQuorum(t *testing.T) {
	s, _ := quietShell(t)
	l := s.ledger
	gm := &data.Session{Kind: data.GeneralMeeting, Theme: "支部党员大会：增补支委", Date: data.NewDate(2026, 11, 25)}
	if err := l.SaveSession(gm); err != nil {
		t.Fatal(err)
	}
	ms, err := l.Members()
	if err != nil {
		t.Fatal(err)
	}
	marks := map[uuid.UUID]data.Mark{}
	for i, m := range ms {
		st := data.Absent
		if i < 4 {
			st = data.Present
		}
		marks[m.ID] = data.Mark{Status: st}
	}
	if err := l.SetMarks(gm.ID, marks, false); err != nil {
		t.Fatal(err)
	}
	p := openOverview(t, s)
	lines := complianceRows(p)["支部党员大会 法定人数"]
	found := false
	for _, lb := range lines {
		if strings.Contains(lb.Text, "未达到法定人数：2026-11-25") && lb.Importance == widget.DangerImportance {
			found = true
		}
	}
	if !found {
		var got []string
		for _, lb := range lines {
			got = append(got, lb.Text)
		}
		t.Errorf("general meeting quorum: got %q, want a red 未达到法定人数：2026-11-25", got)
	}
}

// A late arrival counts as attended and is named on the last session's
// line: a line that dropped the late count would read like the one above.
func TestOverviewLastSessionShowsLate(t *testing.T) {
	s, w := quietShell(t)
	l := s.ledger
	ss, err := l.Sessions(data.NewDate(2026, 11, 27), data.NewDate(2026, 11, 27))
	if err != nil || len(ss) != 1 {
		t.Fatalf("the example's 2026-11-27 session: %v, %d sessions", err, len(ss))
	}
	r, err := l.Roll(ss[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	var present uuid.UUID
	for id, m := range r.Marks {
		if m.Status == data.Present {
			present = id
			break
		}
	}
	if present == uuid.Nil {
		t.Fatal("nobody present on 2026-11-27")
	}
	if err := l.SetMark(ss[0].ID, present, data.Mark{Status: data.Late}, true); err != nil {
		t.Fatal(err)
	}
	openOverview(t, s)
	if want := "应到 14 · 实到 13（迟到 1） · 请假 1 · 缺席 0 · 出勤率 100.0%"; !hasText(w, want) {
		t.Errorf("last session with one late: want %q on the overview; window shows %q", want, windowTexts(w))
	}
}
