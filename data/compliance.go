package data

import (
	"fmt"
	"time"
)

func timeMonth(m int) time.Month { return time.Month(m) }

// Period is how often a rule of the branch work regulations requires a
// session.
type Period string

// Periods of the rules.
const (
	Monthly   Period = "monthly"
	Quarterly Period = "quarterly"
	Yearly    Period = "yearly"
)

// Rule is one frequency rule of the branch work regulations (DOMAIN.md).
type Rule struct {
	Kind   Kind
	Period Period
}

// Rules returns the frequency rules checked every year, in display order.
func Rules() []Rule {
	return []Rule{
		{GeneralMeeting, Quarterly},
		{CommitteeMeeting, Monthly},
		{GroupMeeting, Monthly},
		{PartyLecture, Quarterly},
		{ThemedPartyDay, Monthly},
		{OrgLifeMeeting, Yearly},
	}
}

// Compliance is the outcome of one rule for one year. Missing lists the
// periods that ended without the required session ("2026-03", "2026-Q2",
// "2026"); Pending the current period while it still lacks one; NoQuorum the
// dates of meetings held without quorum.
type Compliance struct {
	Rule     string   `json:"rule"`
	Kind     Kind     `json:"kind"`
	Period   Period   `json:"period,omitempty"`
	Group    string   `json:"group,omitempty"`
	Missing  []string `json:"missing"`
	Pending  []string `json:"pending,omitempty"`
	NoQuorum []string `json:"no_quorum,omitempty"`
}

// OK reports whether nothing is missing and every meeting had quorum.
func (c *Compliance) OK() bool { return len(c.Missing) == 0 && len(c.NoQuorum) == 0 }

type period struct {
	key        string
	start, end Date
}

func periodsOf(year int, p Period) []period {
	var out []period
	switch p {
	case Monthly:
		for m := 1; m <= 12; m++ {
			s := NewDate(year, timeMonth(m), 1)
			out = append(out, period{s.MonthKey(), s, NewDate(year, timeMonth(m+1), 1).AddDays(-1)})
		}
	case Quarterly:
		for q := 1; q <= 4; q++ {
			s := NewDate(year, timeMonth(3*q-2), 1)
			out = append(out, period{fmt.Sprintf("%04d-Q%d", year, q), s, NewDate(year, timeMonth(3*q+1), 1).AddDays(-1)})
		}
	default:
		out = append(out, period{fmt.Sprintf("%04d", year), NewDate(year, 1, 1), NewDate(year, 12, 31)})
	}
	return out
}

// satisfies reports whether a held session s meets rule r (for group, when
// the rule is per party group).
func satisfies(s *Session, r Rule, group string) bool {
	switch r.Kind {
	case ThemedPartyDay:
		return s.CountsAsThemedDay()
	case GroupMeeting:
		// group is "" when the branch lists no party groups: then any
		// group meeting counts.
		return s.Kind == GroupMeeting && (group == "" || s.Group == "" || s.Group == group)
	}
	return s.Kind == r.Kind
}

// periodIndex returns the index in periodsOf(d.Year(), p) of the period
// holding d.
func periodIndex(d Date, p Period) int {
	switch p {
	case Monthly:
		return int(d.Month()) - 1
	case Quarterly:
		return d.Quarter() - 1
	}
	return 0
}

// checkCompliance applies Rules to a year's sessions. Sessions after today
// or cancelled are not held; periods after today are not judged; the
// period containing today is pending until its session is held. Group
// meetings are judged per party group of the branch (all together when it
// has none). held are the year's held sessions with their counts, for the
// quorum.
func checkCompliance(year int, today Date, groups []string, ss []Session, held []SessionStat) []Compliance {
	var out []Compliance
	for _, r := range Rules() {
		targets := []string{""}
		if r.Kind == GroupMeeting && len(groups) > 0 {
			targets = groups
		}
		ps := periodsOf(year, r.Period)
		for _, g := range targets {
			done := make([]bool, len(ps))
			for i := range ss {
				s := &ss[i]
				if !s.Cancelled && s.Date <= today && s.Date.Year() == year && satisfies(s, r, g) {
					done[periodIndex(s.Date, r.Period)] = true
				}
			}
			c := Compliance{Rule: string(r.Kind) + "_" + string(r.Period), Kind: r.Kind, Period: r.Period, Group: g, Missing: []string{}}
			for i, p := range ps {
				switch {
				case p.start > today || done[i]:
				case p.end < today:
					c.Missing = append(c.Missing, p.key)
				default:
					c.Pending = append(c.Pending, p.key)
				}
			}
			out = append(out, c)
		}
	}
	for _, k := range []Kind{GeneralMeeting, CommitteeMeeting} {
		c := Compliance{Rule: string(k) + "_quorum", Kind: k, Missing: []string{}}
		for i := range held {
			if held[i].Session.Kind == k && !held[i].Quorate() {
				c.NoQuorum = append(c.NoQuorum, held[i].Session.Date.String())
			}
		}
		out = append(out, c)
	}
	return out
}
