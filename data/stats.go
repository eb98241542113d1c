package data

import (
	"fmt"
	"time"

	"github.com/google/uuid"
	bolt "go.etcd.io/bbolt"
)

// Counts are attendance numbers over some set of (session, member) pairs.
// Expected = Present + Late + Leave + Absent + Unmarked.
type Counts struct {
	Expected int `json:"expected"`
	Present  int `json:"present"`
	Late     int `json:"late"`
	Leave    int `json:"leave"`
	Absent   int `json:"absent"`
	Unmarked int `json:"unmarked"`
}

// Attended returns present plus late (实到).
func (c Counts) Attended() int { return c.Present + c.Late }

// Pending reports whether some expected pairs are still unmarked (未登记):
// the registration is not finished, so a screen shows the rate as pending
// with the unmarked count rather than a percentage of the marked.
func (c Counts) Pending() bool { return c.Unmarked > 0 }

// Rate returns the attendance rate in [0, 1]. By default leave does not
// count against it: (present+late)/(expected−leave); with leaveCounts it
// is (present+late)/expected. Unmarked pairs (未登记) are not absent: they
// stay out of the rate until someone marks them, so a session nobody has
// registered yet does not show 0%. Nothing to count gives 0.
func (c Counts) Rate(leaveCounts bool) float64 {
	den := c.Expected - c.Unmarked
	if !leaveCounts {
		den -= c.Leave
	}
	if den <= 0 {
		return 0
	}
	return float64(c.Attended()) / float64(den)
}

// MemberStat is one member's attendance over a year.
type MemberStat struct {
	Member Member
	Counts
}

// SessionStat is one session's attendance, with its quorum.
type SessionStat struct {
	Session Session
	Counts
	// Voting and VotingAttended count the voting (full) members expected
	// and attending; a general meeting needs more than half of them.
	Voting, VotingAttended int
}

// Quorate reports whether more than half of the voting members attended
// (for a committee meeting: more than half of the committee).
func (s *SessionStat) Quorate() bool {
	if s.Session.Kind == CommitteeMeeting {
		return 2*s.Attended() > s.Expected
	}
	return 2*s.VotingAttended > s.Voting
}

// NeedsQuorum reports whether the session's kind has a quorum rule.
func (s *SessionStat) NeedsQuorum() bool {
	return s.Session.Kind == GeneralMeeting || s.Session.Kind == CommitteeMeeting
}

// MonthStat is the attendance of one month's sessions.
type MonthStat struct {
	Month    string `json:"month"` // "2026-03"
	Sessions int    `json:"sessions"`
	Counts
}

// YearStats is a year's attendance and compliance summary: the numbers
// the statistics screen, the stats command and the reports all show.
type YearStats struct {
	Year int
	// Today bounds the year: sessions after it are planned, not held.
	Today       Date
	LeaveCounts bool
	Branch      Branch
	// Sessions held per kind (cancelled and future sessions excluded).
	Sessions map[Kind]int
	Members  []MemberStat // every member expected at least once, in ledger order
	Held     []SessionStat
	Months   [12]MonthStat
	Total    Counts
	// Compliance lists, for every rule, the periods that lack the required
	// session and the meetings without quorum.
	Compliance []Compliance
	// ByCategory counts active members by category at Today (or year end).
	ByCategory map[Category]int
}

// Rate returns c's rate under the stats' rule.
func (y *YearStats) Rate(c Counts) float64 { return c.Rate(y.LeaveCounts) }

// YearStats computes the statistics of year in one read transaction.
// Only sessions dated up to today are held; cancelled ones are skipped.
func (l *Ledger) YearStats(year int) (*YearStats, error) {
	var ys *YearStats
	err := l.view(func(tx *bolt.Tx) error {
		var b Branch
		if err := decode(tx.Bucket(bMeta).Get(kBranch), &b); err != nil {
			return err
		}
		ms, err := readMembers(tx)
		if err != nil {
			return err
		}
		ss, err := readSessions(tx, NewDate(year, 1, 1), NewDate(year, 12, 31))
		if err != nil {
			return err
		}
		ys, err = computeYear(year, l.Today(), b, ms, ss, marksIn(tx.Bucket(bMarks)))
		return err
	})
	return ys, err
}

// computeYear is the statistics engine. marks reads a session's stored
// marks; they are only read inside the transaction. ss is the year's
// sessions; those cancelled or after today are not held.
func computeYear(year int, today Date, b Branch, ms []Member, ss []Session, marks markSource) (*YearStats, error) {
	ys := &YearStats{Year: year, Today: today, LeaveCounts: b.LeaveCountsAgainst, Branch: b,
		Sessions: map[Kind]int{}, ByCategory: map[Category]int{}}
	for m := range ys.Months {
		ys.Months[m].Month = NewDate(year, time.Month(m+1), 1).MonthKey()
	}
	a := newAttendees(ms)
	per := make([]statusCounts, len(ms))
	// Sized up front: MemberStat and SessionStat are large, and growing
	// the slices by appending copied them several times over.
	ys.Held = make([]SessionStat, 0, len(ss))
	ys.Members = make([]MemberStat, 0, len(ms))
	var held heldDates
	for si := range ss {
		s := &ss[si]
		if s.Cancelled || s.Date > today {
			continue
		}
		ys.Sessions[s.Kind]++
		ys.Held = append(ys.Held, SessionStat{Session: *s})
		st := &ys.Held[len(ys.Held)-1]
		if err := a.count(st, ms, marks, per); err != nil {
			return nil, fmt.Errorf("marks of session %s: %w", s.ID, err)
		}
		held.add(s)
		if s.Date.Year() == year {
			mo := &ys.Months[s.Date.Month()-1]
			mo.Sessions++
			mo.Counts = sumCounts(mo.Counts, st.Counts)
		}
		ys.Total = sumCounts(ys.Total, st.Counts)
	}
	held.sort()
	for i := range ms {
		if n := held.expected(&ms[i], a.spans[i]); n > 0 {
			ys.Members = append(ys.Members, MemberStat{Member: ms[i], Counts: countsOf(n, per[i])})
		}
	}
	at := min(today, NewDate(year, 12, 31))
	for i := range ms {
		if ms[i].onRosterOn(at) {
			ys.ByCategory[ms[i].Category]++
		}
	}
	ys.Compliance = checkCompliance(year, today, b.RecordsStart(), b.Groups, ss, ys.Held)
	return ys, nil
}

func sumCounts(a, b Counts) Counts {
	return Counts{a.Expected + b.Expected, a.Present + b.Present, a.Late + b.Late,
		a.Leave + b.Leave, a.Absent + b.Absent, a.Unmarked + b.Unmarked}
}

// SessionCounts returns the attendance counts of one session, for the
// check-in screen's live line and the session list.
func (l *Ledger) SessionCounts(id uuid.UUID) (SessionStat, error) {
	var st SessionStat
	err := l.view(func(tx *bolt.Tx) error {
		var s Session
		if err := getSession(tx, id, &s); err != nil {
			return err
		}
		ms, err := readMembers(tx)
		if err != nil {
			return err
		}
		stats, err := sessionStats(ms, []Session{s}, marksIn(tx.Bucket(bMarks)))
		if err != nil {
			return err
		}
		st = stats[0]
		return nil
	})
	return st, err
}

// ExpectedMembers returns the members expected at a session (应到), in
// ledger order.
func ExpectedMembers(s *Session, ms []Member) []Member {
	var out []Member
	for i := range ms {
		if s.Expects(&ms[i]) {
			out = append(out, ms[i])
		}
	}
	return out
}
