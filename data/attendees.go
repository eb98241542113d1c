package data

import (
	"encoding/binary"
	"fmt"
	"slices"
	"sort"
)

// The statistics engine's view of who is expected when. Asking every
// member about every session costs members × sessions (5,000 × 1,000 on
// the large ledger); instead each member's expected days are worked out
// once per call, a session's expected count comes from two binary
// searches, and each stored mark is looked at once. Session.Expects and
// Member.VotingOn remain the definition; stats_test.go checks this engine
// against them.

// span is the half-open run of days from <= d < until; the zero span holds
// no day.
type span struct{ from, until Date }

func (s span) holds(d Date) bool { return s.from <= d && d < s.until }

// population counts the spans holding a day: those begun by d less those
// ended by d, each found by binary search in its own sorted list.
type population struct{ froms, untils []Date }

func (p *population) add(s span) {
	if s.from < s.until {
		p.froms = append(p.froms, s.from)
		p.untils = append(p.untils, s.until)
	}
}

func (p *population) sort() {
	slices.Sort(p.froms)
	slices.Sort(p.untils)
}

// at returns how many spans of p hold d.
func (p *population) at(d Date) int { return countUpTo(p.froms, d) - countUpTo(p.untils, d) }

// countUpTo returns how many of the sorted dates are on or before d.
func countUpTo(ds []Date, d Date) int {
	return sort.Search(len(ds), func(i int) bool { return ds[i] > d })
}

// countBefore returns how many of the sorted dates are before d.
func countBefore(ds []Date, d Date) int {
	n, _ := slices.BinarySearch(ds, d)
	return n
}

// crowd is the members one kind of session expects, and the voting ones
// among them.
type crowd struct{ expected, voting population }

func (c *crowd) add(expected, voting span) {
	c.expected.add(expected)
	c.voting.add(voting)
}

// attendees holds, by member index in the roster slice, when each member
// is expected and when they vote, and the crowds of the session kinds.
type attendees struct {
	spans []span  // expected: Member.InBranchOn
	votes []span  // voting: Member.VotingOn
	bySeq []int32 // member index by seq, -1 for none
	// all is expected at every session but committee meetings and group
	// meetings of one group.
	all, committee crowd
	groups         map[string]*crowd
}

func newAttendees(ms []Member) *attendees {
	a := &attendees{spans: make([]span, len(ms)), votes: make([]span, len(ms)), groups: map[string]*crowd{}}
	// Seqs run from 1 without gaps (members are never deleted); a seq far
	// beyond the roster's size is damage (Check reports it), and must not
	// make this table gigabytes long: such a member's marks are not read.
	limit := uint32(2*len(ms) + 1024)
	maxSeq := uint32(0)
	for i := range ms {
		if ms[i].Seq <= limit {
			maxSeq = max(maxSeq, ms[i].Seq)
		}
	}
	a.bySeq = make([]int32, maxSeq+1)
	for i := range a.bySeq {
		a.bySeq[i] = -1
	}
	for i := range ms {
		m := &ms[i]
		if m.Seq <= maxSeq {
			a.bySeq[m.Seq] = int32(i)
		}
		from, until := m.expectedSpan()
		if from >= until {
			continue
		}
		a.spans[i] = span{from, until}
		if m.Category == Full && max(from, m.Confirmed) < until {
			a.votes[i] = span{max(from, m.Confirmed), until}
		}
		a.all.add(a.spans[i], a.votes[i])
		if m.CommitteeRole != "" {
			a.committee.add(a.spans[i], a.votes[i])
		}
		if m.Group != "" {
			g := a.groups[m.Group]
			if g == nil {
				g = &crowd{}
				a.groups[m.Group] = g
			}
			g.add(a.spans[i], a.votes[i])
		}
	}
	for _, c := range append([]*crowd{&a.all, &a.committee}, mapValues(a.groups)...) {
		c.expected.sort()
		c.voting.sort()
	}
	return a
}

func mapValues(m map[string]*crowd) []*crowd {
	out := make([]*crowd, 0, len(m))
	for _, c := range m {
		out = append(out, c)
	}
	return out
}

// crowdOf returns the members session s expects (nil for a group meeting
// of a group nobody is in), as Session.Expects decides.
func (a *attendees) crowdOf(s *Session) *crowd {
	switch s.audience() {
	case committeeOnly:
		return &a.committee
	case groupOnly:
		return a.groups[s.Group]
	}
	return &a.all
}

// expects is Session.Expects for the member at index i.
func (a *attendees) expects(i int, m *Member, s *Session) bool {
	return a.spans[i].holds(s.Date) && s.admits(m)
}

// statusCounts are counts indexed by MarkStatus.
type statusCounts [Absent + 1]int32

// count tallies one session into st (whose Session is set) and, when per
// is not nil, each expected member's entry, from the session's stored
// marks. Marks of members the session does not expect are left out, as
// are entries out of seq order (Check reports those).
func (a *attendees) count(st *SessionStat, ms []Member, marks markSource, per []statusCounts) error {
	s := &st.Session
	if c := a.crowdOf(s); c != nil {
		st.Expected, st.Voting = c.expected.at(s.Date), c.voting.at(s.Date)
	}
	var sc statusCounts
	prev := -1
	err := marks(s.ID, func(raw []byte) {
		for i := 0; i+markEntrySize <= len(raw); i += markEntrySize {
			seq, mk := int(binary.BigEndian.Uint32(raw[i:])), MarkStatus(raw[i+4])
			if seq <= prev {
				continue
			}
			prev = seq
			if mk == Unmarked || mk > Absent || seq >= len(a.bySeq) || a.bySeq[seq] < 0 {
				continue
			}
			mi := int(a.bySeq[seq])
			if !a.expects(mi, &ms[mi], s) {
				continue
			}
			sc[mk]++
			if per != nil {
				per[mi][mk]++
			}
			if (mk == Present || mk == Late) && a.votes[mi].holds(s.Date) {
				st.VotingAttended++
			}
		}
	})
	if err != nil {
		return err
	}
	st.Counts = countsOf(st.Expected, sc)
	return nil
}

// sessionStats counts every session of ss, held or planned (a planned
// one has everyone unmarked), in one pass over each session's marks: the
// session list, the overview, the check-in sheet and SessionCounts all
// count with it.
func sessionStats(ms []Member, ss []Session, marks markSource) ([]SessionStat, error) {
	a := newAttendees(ms)
	out := make([]SessionStat, len(ss))
	for i := range ss {
		out[i].Session = ss[i]
		if err := a.count(&out[i], ms, marks, nil); err != nil {
			return nil, fmt.Errorf("marks of session %s: %w", ss[i].ID, err)
		}
	}
	return out, nil
}

// countsOf turns status counts over expected pairs into Counts; the pairs
// without a mark are the unmarked.
func countsOf(expected int, sc statusCounts) Counts {
	c := Counts{Expected: expected, Present: int(sc[Present]), Late: int(sc[Late]), Leave: int(sc[OnLeave]), Absent: int(sc[Absent])}
	c.Unmarked = expected - c.Present - c.Late - c.Leave - c.Absent
	return c
}

// heldDates are the dates of the held sessions, sorted, by the crowd they
// expect: a member's expected count is then a few binary searches.
type heldDates struct {
	all, committee []Date
	groups         map[string][]Date
}

func (h *heldDates) add(s *Session) {
	switch s.audience() {
	case committeeOnly:
		h.committee = append(h.committee, s.Date)
	case groupOnly:
		if h.groups == nil {
			h.groups = map[string][]Date{}
		}
		h.groups[s.Group] = append(h.groups[s.Group], s.Date)
	default:
		h.all = append(h.all, s.Date)
	}
}

func (h *heldDates) sort() {
	slices.Sort(h.all)
	slices.Sort(h.committee)
	for _, ds := range h.groups {
		slices.Sort(ds)
	}
}

// expected returns how many of the held sessions expect m, whose expected
// days are sp.
func (h *heldDates) expected(m *Member, sp span) int {
	if sp.from >= sp.until {
		return 0
	}
	in := func(ds []Date) int { return countBefore(ds, sp.until) - countBefore(ds, sp.from) }
	n := in(h.all)
	if m.CommitteeRole != "" {
		n += in(h.committee)
	}
	if m.Group != "" {
		n += in(h.groups[m.Group])
	}
	return n
}
