package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"branchledger/data"
)

// dutyHeads returns the bold first lines of the 待办 card's rows.
func dutyHeads(c *dutiesCard) []string {
	var out []string
	eachObject(c.list, func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok && l.TextStyle.Bold {
			out = append(out, l.Text)
		}
	})
	return out
}

func TestOverviewDutiesCard(t *testing.T) {
	s, w := quietShell(t)
	p := openOverview(t, s)
	settle(t, s, "the duties", func() bool { return len(dutyHeads(p.duties)) > 0 })
	heads := dutyHeads(p.duties)
	if len(heads) < 5 || !strings.HasPrefix(heads[0], "2026-12-13 预备党员转正 · ") || !strings.HasPrefix(heads[1], "2026-12-14 预备党员转正 · ") ||
		heads[len(heads)-1] != "2027-01-15 支部委员会换届 · 申江区市场监管局注册登记窗口党支部" {
		t.Errorf("待办 rows: %q", heads)
	}
	var rule string
	eachObject(p.duties.list, func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok && rule == "" && strings.HasPrefix(l.Text, "预备期一年") {
			rule = l.Text
		}
	})
	if rule != "预备期一年，2026-12-13 期满；转正须经支部党员大会讨论，会议不得早于期满之日 — 《中国共产党发展党员工作细则》第三十二条" {
		t.Errorf("the first duty's rule and source: got %q", rule)
	}

	// The first duty's button opens the 转正 form for that member; a
	// meeting before the end of the probation is not offered.
	var do *widget.Button
	eachObject(p.duties.list, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && do == nil && b.Text == "去办理" {
			do = b
		}
	})
	if do == nil {
		t.Fatal("no 去办理 button")
	}
	test.Tap(do)
	var info *widget.Label
	settle(t, s, "the 转正 form", func() bool {
		for _, o := range w.Canvas().Overlays().List() {
			eachObject(o, func(o fyne.CanvasObject) {
				if l, ok := o.(*widget.Label); ok && strings.Contains(l.Text, "预备期满 2026-12-13") {
					info = l
				}
			})
		}
		return info != nil
	})
	if !hasText(w, "还没有在预备期满之后召开的支部党员大会") {
		t.Error("the form does not say that no general meeting was held after the probation ended")
	}
}

func TestConfirmationFormExtends(t *testing.T) {
	s, _ := quietShell(t)
	l := s.ledger
	ms, err := l.Members()
	if err != nil {
		t.Fatal(err)
	}
	var prob []data.Member
	var ends []data.Date
	for _, m := range ms {
		if m.Category == data.Probationary {
			prob, ends = append(prob, m), append(ends, data.ProbationEnd(m.Joined))
		}
	}
	meet := data.Session{Kind: data.GeneralMeeting, Theme: "讨论预备党员转正", Date: 20261215}
	if err := l.SaveSession(&meet); err != nil {
		t.Fatal(err)
	}
	ss, err := l.Sessions(0, 0)
	if err != nil {
		t.Fatal(err)
	}
	f := newConfirmationForm(s.env(), prob, ends, ss)
	saved := false
	f.saved = func() { saved = true }
	if f.meeting.Selected != "2026-12-15 · 讨论预备党员转正" || f.untilRow.Visible() {
		t.Fatalf("meeting %q, extension date visible %v", f.meeting.Selected, f.untilRow.Visible())
	}
	f.result.SetSelected("延长预备期")
	if !f.untilRow.Visible() {
		t.Fatal("the extension date is hidden for 延长预备期")
	}
	f.until.entry.SetText("2027-06-12") // one day short of six months after 2026-12-13
	test.Tap(f.save)
	settle(t, s, "the refusal", func() bool { return f.problem.Visible() })
	if f.problem.Text != "延长至：延长预备期不少于半年、不超过一年：延长至 2027-06-13 至 2027-12-13 之间" {
		t.Errorf("problem %q", f.problem.Text)
	}
	f.until.entry.SetText("2027-06-13")
	test.Tap(f.save)
	settle(t, s, "the save", func() bool { return saved })
	recs, err := l.Confirmations(prob[0].ID)
	if err != nil || len(recs) != 1 || recs[0].ExtendedUntil != 20270613 || recs[0].Meeting != 20261215 {
		t.Fatalf("records %+v, %v", recs, err)
	}
	m, err := l.Member(prob[0].ID)
	if err != nil || m.Category != data.Probationary || m.Confirmed != 0 {
		t.Errorf("after an extension: %s confirmed %v (%v); want still probationary", m.Category, m.Confirmed, err)
	}
}

func TestCalendarMonth(t *testing.T) {
	s, w := quietShell(t)
	s.show(pageCalendar)
	c := s.screens.calendar
	settle(t, s, "the month", func() bool { return len(c.grid.Objects) > 7 })
	if c.title.Text != "2026年11月" {
		t.Errorf("title %q, want 2026年11月", c.title.Text)
	}
	// 7 weekday names, 6 blanks (1 November 2026 is a Sunday), 30 days.
	if n := len(c.grid.Objects); n != 7+6+30 {
		t.Errorf("grid holds %d cells, want 43", n)
	}
	c.onMonth(1)
	settle(t, s, "December", func() bool { return c.title.Text == "2026年12月" })
	var day13 []string
	eachObject(c.grid.Objects[7+1+12], func(o fyne.CanvasObject) { // 1 December is a Tuesday: one blank
		if l, ok := o.(*widget.Label); ok {
			day13 = append(day13, l.Text)
		}
	})
	if len(day13) < 2 || day13[0] != "13" || day13[len(day13)-1] != "预备党员转正" {
		t.Errorf("13 December shows %q, want the day and 预备党员转正", day13)
	}
	if !hasText(w, "本月及逾期待办") {
		t.Error("no list of the month's duties")
	}
}

func TestDutiesICSFile(t *testing.T) {
	s, _ := quietShell(t)
	path := filepath.Join(t.TempDir(), "待办.ics")
	if err := writeDutiesICS(s.ledger, path); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	text := strings.ReplaceAll(string(b), "\r\n ", "") // unfold
	ds, err := s.ledger.Duties(366)
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(text, "BEGIN:VEVENT\r\n"); n != len(ds) || n < 8 {
		t.Errorf("%d events for %d duties", n, len(ds))
	}
	for _, want := range []string{
		"X-WR-CALNAME:申江区市场监管局注册登记窗口党支部 待办\r\n",
		"DTSTART;VALUE=DATE:20261213\r\n",
		"SUMMARY:预备党员转正：",
		`DESCRIPTION:预备期一年，2026-12-13 期满；转正须经支部党员大会讨论，会议不得早于期满之日\n《中国共产党发展党员工作细则》第三十二条` + "\r\n",
		"TRIGGER;VALUE=DATE-TIME:20261113T010000Z\r\n",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the file lacks %q", want)
		}
	}
}

// The 去办理 of the committee's election goes to 设置, where the term is
// kept, through the navigator.
func TestDutyElectionGoesToSettings(t *testing.T) {
	s, _ := quietShell(t)
	p := openOverview(t, s)
	var do *widget.Button
	for _, row := range p.duties.list.Objects {
		var head string
		var b *widget.Button
		eachObject(row, func(o fyne.CanvasObject) {
			switch x := o.(type) {
			case *widget.Label:
				if x.TextStyle.Bold {
					head = x.Text
				}
			case *widget.Button:
				b = x
			}
		})
		if head == "2027-01-15 支部委员会换届 · 申江区市场监管局注册登记窗口党支部" {
			do = b
		}
	}
	if do == nil || do.Text != "去办理" {
		t.Fatalf("no 去办理 button on the election's row (got %v)", do)
	}
	test.Tap(do)
	settle(t, s, "the settings page", func() bool { return s.current == pageSettings })
	if got := s.screens.settings.term.end.Text; got != "本届任期至 2027-01-15" {
		t.Errorf("settings show the term ending %q, want 本届任期至 2027-01-15", got)
	}
}
