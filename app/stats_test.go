package app

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/widget"

	"branchledger/app/cli"
	"branchledger/app/msg"
)

// openStats shows 统计 and waits for the year's numbers.
func openStats(t *testing.T, s *shell) *statsScreen {
	t.Helper()
	s.show(pageStats)
	p := s.screens.stats
	settle(t, s, "the statistics", func() bool { return p.ys != nil })
	return p
}

// cellText is what a table shows in one cell.
func cellText(tb *widget.Table, row, col int) string {
	lb := widget.NewLabel("")
	tb.UpdateCell(widget.TableCellID{Row: row, Col: col}, lb)
	return lb.Text
}

// cliStats runs `branchledger stats --json` on a copy of the ledger (the
// window holds the file's lock).
func cliStats(t *testing.T, s *shell) map[string]any {
	t.Helper()
	b, err := os.ReadFile(s.ledger.Path())
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "copy.ledger")
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	words, err := msg.Load("zh-Hans")
	if err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	e := &cli.Env{Out: &out, Err: &errOut, Words: words, Now: testNow}
	if code := e.Run([]string{"stats", path, "--year", "2026", "--json"}); code != 0 {
		t.Fatalf("branchledger stats: exit %d: %s", code, errOut.String())
	}
	var v map[string]any
	if err := json.Unmarshal(out.Bytes(), &v); err != nil {
		t.Fatal(err)
	}
	return v
}

func pct(r float64) string { return fmt.Sprintf("%.1f%%", r*100) }

func TestStatsMatchTheCommandLine(t *testing.T) {
	s, _ := quietShell(t)
	p := openStats(t, s)
	for _, leave := range []bool{false, true} {
		if leave {
			p.leaveChk.SetChecked(true) // saved in the ledger, then everything recomputes
			settle(t, s, "the statistics with leave counted", func() bool { return p.ys.LeaveCounts })
			b, err := s.ledger.Branch()
			if err != nil || !b.LeaveCountsAgainst {
				t.Fatalf("branch setting: got %v (%v), want leave counted", b.LeaveCountsAgainst, err)
			}
			if got, want := p.rule.Text, "出勤率 =（出席+迟到）÷ 应到，请假计入缺勤"; got != want {
				t.Errorf("rule: got %q, want %q", got, want)
			}
		}
		v := cliStats(t, s)
		if got, want := v["rate_rule"], map[bool]string{false: "leave_excluded", true: "leave_counts"}[leave]; got != want {
			t.Fatalf("command line rule: got %v, want %s", got, want)
		}
		total := v["total"].(map[string]any)
		if want := fmt.Sprintf("应到 %v 人次，出席 %v，迟到 %v，请假 %v，缺席 %v，出勤率 %s", total["expected"], total["present"],
			total["late"], total["leave"], total["absent"], pct(p.ys.Rate(p.ys.Total))); !strings.Contains(p.total.Text, want) {
			t.Errorf("leave %v: total %q, want it to contain %q (the command line's)", leave, p.total.Text, want)
		}
		if got, want := total["rate"].(float64), p.ys.Rate(p.ys.Total); math.Abs(got-want) > 0.00005 {
			t.Errorf("total rate: command line %v, screen %v", got, want)
		}
		members := v["members"].([]any)
		if len(members) != len(p.ys.Members) || len(members) != 14 {
			t.Fatalf("members: got %d on screen, %d from the command line, want 14", len(p.ys.Members), len(members))
		}
		for i, m := range members {
			m := m.(map[string]any)
			for col, key := range map[int]string{0: "name", 2: "expected", 6: "absent"} {
				if got, want := cellText(p.members, i, col), fmt.Sprint(m[key]); got != want {
					t.Errorf("member %d %s: got %q, want %q", i, key, got, want)
				}
			}
			// The command line rounds rates to four decimals; the screen
			// shows one, from the same unrounded rate.
			rate := p.ys.Rate(p.ys.Members[i].Counts)
			if got := m["rate"].(float64); math.Abs(got-rate) > 0.00005 {
				t.Errorf("member %v rate (leave %v): screen %v, command line %v", m["name"], leave, rate, got)
			}
			if got, want := cellText(p.members, i, 8), pct(rate); got != want {
				t.Errorf("member %v rate cell (leave %v): got %q, want %q", m["name"], leave, got, want)
			}
		}
		for i, mo := range v["months"].([]any) {
			mo := mo.(map[string]any)
			if got, want := cellText(p.months, i, 0), mo["month"]; got != want {
				t.Errorf("month %d: got %q, want %v", i, got, want)
			}
			want := math.NaN()
			if mo["sessions"].(float64) > 0 {
				want = p.ys.Rate(p.ys.Months[i].Counts)
			}
			if got := p.chart.values[i]; !(got == want || math.IsNaN(got) && math.IsNaN(want)) {
				t.Errorf("chart bar %d: got %v, want %v", i+1, got, want)
			}
		}
	}
	texts := strings.Join(visibleTexts(p.chart), "|")
	for _, want := range []string{"1月", "12月", pct(p.ys.Rate(p.ys.Months[0].Counts)), "—"} {
		if !strings.Contains(texts, want) {
			t.Errorf("chart texts %q: want %q", texts, want)
		}
	}
}

// The example branch's 2026, written out: 780 + 50 + 73 + 23 = 926 marks
// for 926 expected; with leave out of the rate (780+50) ÷ (926−73) =
// 97.3%, with leave counted (780+50) ÷ 926 = 89.6%. (The statistics engine
// itself is checked against a plain count in data/stats_reference_test.go.)
func TestStatsTotalsOfTheExample(t *testing.T) {
	s, _ := quietShell(t)
	p := openStats(t, s)
	if got, want := p.total.Text, "2026 年共开展 85 次活动：应到 926 人次，出席 780，迟到 50，请假 73，缺席 23，出勤率 97.3%"; got != want {
		t.Errorf("total, leave excluded: got %q, want %q", got, want)
	}
	p.leaveChk.SetChecked(true)
	s.run.Wait()
	if got, want := p.total.Text, "2026 年共开展 85 次活动：应到 926 人次，出席 780，迟到 50，请假 73，缺席 23，出勤率 89.6%"; got != want {
		t.Errorf("total, leave counted: got %q, want %q", got, want)
	}
	// The first row, 李建国: 74 expected, 2 absent, 67 attended: 67 ÷ 74.
	for col, want := range map[int]string{0: "李建国", 2: "74", 6: "2", 8: "90.5%"} {
		if got := cellText(p.members, 0, col); got != want {
			t.Errorf("first member, column %d: got %q, want %q", col, got, want)
		}
	}
}
