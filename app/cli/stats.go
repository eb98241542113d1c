package cli

import (
	"encoding/json"
	"flag"
	"fmt"
	"strings"

	"branchledger/data"
)

// statsJSON is the stable JSON form of `branchledger stats --json`.
type statsJSON struct {
	Year       int                   `json:"year"`
	Branch     string                `json:"branch"`
	RateRule   string                `json:"rate_rule"` // "leave_excluded" or "leave_counts"
	Sessions   map[data.Kind]int     `json:"sessions"`
	Total      memberJSON            `json:"total"`
	Members    []memberJSON          `json:"members"`
	Months     []data.MonthStat      `json:"months"`
	Compliance []data.Compliance     `json:"compliance"`
	Categories map[data.Category]int `json:"categories"`
}

type memberJSON struct {
	ID       string `json:"id,omitempty"`
	Name     string `json:"name,omitempty"`
	Expected int    `json:"expected"`
	Present  int    `json:"present"`
	Late     int    `json:"late"`
	Leave    int    `json:"leave"`
	Absent   int    `json:"absent"`
	Unmarked int    `json:"unmarked"`
	// Rate is the rate of the marked; Pending says some expected are
	// still unmarked, and the screens then show no percentage.
	Rate    float64 `json:"rate"`
	Pending bool    `json:"pending,omitempty"`
}

func countsJSON(c data.Counts, rate float64) memberJSON {
	return memberJSON{Expected: c.Expected, Present: c.Present, Late: c.Late, Leave: c.Leave,
		Absent: c.Absent, Unmarked: c.Unmarked, Rate: roundRate(rate), Pending: c.Pending()}
}

func roundRate(r float64) float64 { return float64(int(r*10000+0.5)) / 10000 }

// RateRule names the attendance-rate rule a summary used.
func RateRule(leaveCounts bool) string {
	if leaveCounts {
		return "leave_counts"
	}
	return "leave_excluded"
}

func runStats(e *Env, args []string) int {
	fs := flag.NewFlagSet("stats", flag.ContinueOnError)
	year := fs.Int("year", e.Now().Year(), "cli.flag.year")
	asJSON := fs.Bool("json", false, "cli.flag.json")
	pos, code := e.parse(fs, "stats", args, 1)
	if code >= 0 {
		return code
	}
	l, err := e.openToRead(pos[0])
	if err != nil {
		return e.fail(err)
	}
	defer l.Close()
	ys, err := l.YearStats(*year)
	if err != nil {
		return e.fail(err)
	}
	out := statsJSON{Year: ys.Year, Branch: ys.Branch.Name, RateRule: RateRule(ys.LeaveCounts), Sessions: ys.Sessions,
		Total: countsJSON(ys.Total, ys.Rate(ys.Total)), Members: []memberJSON{}, Months: ys.Months[:],
		Compliance: ys.Compliance, Categories: ys.ByCategory}
	for _, m := range ys.Members {
		j := countsJSON(m.Counts, ys.Rate(m.Counts))
		j.ID, j.Name = m.Member.ID.String(), m.Member.Name
		out.Members = append(out.Members, j)
	}
	if *asJSON {
		enc := json.NewEncoder(e.Out)
		enc.SetIndent("", "  ")
		if err := enc.Encode(out); err != nil {
			return e.fail(err)
		}
		return ExitOK
	}
	w := e.Words
	fmt.Fprintln(e.Out, w.T("cli.stats.title", map[string]any{"Branch": ys.Branch.Name, "Year": ys.Year}))
	fmt.Fprintln(e.Out, w.T("cli.stats.rule."+out.RateRule, nil))
	for _, k := range data.Kinds() {
		fmt.Fprintf(e.Out, "  %s\t%d\n", w.T("kind."+string(k), nil), ys.Sessions[k])
	}
	t := out.Total
	// As on the screens: no percentage while some are unmarked, which
	// would be the rate of the marked only.
	rate := fmt.Sprintf("%.1f%%", ys.Rate(ys.Total)*100)
	if ys.Total.Pending() {
		rate = w.T("rate.pending", map[string]any{"Count": t.Unmarked})
	}
	fmt.Fprintln(e.Out, w.T("cli.stats.total", map[string]any{"Expected": t.Expected, "Present": t.Present, "Late": t.Late,
		"Leave": t.Leave, "Absent": t.Absent, "Rate": rate}))
	for _, c := range ys.Compliance {
		var gaps []string
		gaps = append(gaps, c.Missing...)
		if len(c.NoQuorum) > 0 {
			gaps = append(gaps, w.T("cli.stats.no_quorum", map[string]any{"Dates": strings.Join(c.NoQuorum, "、")}))
		}
		if len(gaps) == 0 {
			continue
		}
		name := w.T("kind."+string(c.Kind), nil)
		if c.Group != "" {
			name += "（" + c.Group + "）"
		}
		fmt.Fprintln(e.Out, w.T("cli.stats.gap", map[string]any{"Kind": name, "Missing": strings.Join(gaps, "、")}))
	}
	return ExitOK
}
