package data

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/google/uuid"
)

// addMark counts one expected pair with mark m.
func addMark(c *Counts, m MarkStatus) {
	c.Expected++
	switch m {
	case Present:
		c.Present++
	case Late:
		c.Late++
	case OnLeave:
		c.Leave++
	case Absent:
		c.Absent++
	default:
		c.Unmarked++
	}
}

// referenceSession counts one session the slow, obvious way: every member
// asked with Session.Expects and Member.VotingOn. per, when not nil,
// accumulates each member's counts.
func referenceSession(s *Session, ms []Member, marks map[uint32]MarkStatus, per []Counts) SessionStat {
	st := SessionStat{Session: *s}
	for i := range ms {
		m := &ms[i]
		if !s.Expects(m) {
			continue
		}
		mk := marks[m.Seq]
		addMark(&st.Counts, mk)
		if per != nil {
			addMark(&per[i], mk)
		}
		if m.VotingOn(s.Date) {
			st.Voting++
			if mk == Present || mk == Late {
				st.VotingAttended++
			}
		}
	}
	return st
}

// referenceYear counts the held sessions of a year with referenceSession.
func referenceYear(today Date, ms []Member, ss []Session, marks map[uuid.UUID]map[uint32]MarkStatus) ([]SessionStat, []Counts) {
	per := make([]Counts, len(ms))
	var held []SessionStat
	for i := range ss {
		if s := &ss[i]; !s.Cancelled && s.Date <= today {
			held = append(held, referenceSession(s, ms, marks[s.ID], per))
		}
	}
	return held, per
}

// TestYearStatsMatchesReference compares the statistics engine with the
// obvious count on random rosters, sessions and marks.
func TestYearStatsMatchesReference(t *testing.T) {
	for seed := uint64(1); seed <= 30; seed++ {
		rng := rand.New(rand.NewPCG(seed, 2026))
		today := NewDate(2026, 1, 1).AddDays(rng.IntN(365))
		randDate := func() Date { return NewDate(2025, 10, 1).AddDays(rng.IntN(500)) }
		pick := func(n int) int { return rng.IntN(n) }
		groups := []string{"", group1, group2, "第三党小组"}
		ms := make([]Member, 20+pick(40))
		for i := range ms {
			m := &ms[i]
			m.Seq = uint32(2*i + 1 + pick(2)) // unique, with gaps
			m.Category = []Category{Full, Full, Full, Probationary, Activist, Candidate}[pick(6)]
			m.Status = []PartyStatus{StatusNormal, StatusNormal, StatusNormal, StatusSuspended, StatusRemoved}[pick(5)]
			m.Group = groups[pick(len(groups))]
			if pick(4) == 0 {
				m.CommitteeRole = "委员"
			}
			if pick(3) > 0 {
				m.Joined = randDate()
			}
			if pick(4) == 0 {
				m.TransferredIn = randDate()
			}
			if pick(3) == 0 {
				m.Confirmed = randDate()
			}
			if pick(3) == 0 {
				m.Left = &Departure{Reason: TransferOut, Date: randDate()}
			}
		}
		ss := make([]Session, 30+pick(60))
		for i := range ss {
			s := &ss[i]
			s.ID = uuid.New()
			s.Kind = Kinds()[pick(len(Kinds()))]
			s.Date = NewDate(2026, 1, 1).AddDays(pick(365))
			s.Cancelled = pick(10) == 0
			if s.Kind == GroupMeeting {
				s.Group = groups[pick(len(groups))]
			}
		}
		SortSessions(ss)
		marks := map[uuid.UUID]map[uint32]MarkStatus{}
		raw := map[uuid.UUID][]piece{}
		for _, s := range ss {
			var es []markEntry
			marks[s.ID] = map[uint32]MarkStatus{}
			for i := range ms {
				if pick(3) > 0 { // some marked, some not; expected or not
					mk := Mark{Status: MarkStatuses()[pick(len(MarkStatuses()))]}
					es, _ = setMarkEntry(es, ms[i].Seq, mk)
					marks[s.ID][ms[i].Seq] = mk.Status
				}
			}
			if len(es) > 0 {
				raw[s.ID] = piecesOf(s.ID, es)
			}
		}
		ys, err := computeYear(2026, today, Branch{}, ms, ss, sourceOf(raw))
		if err != nil {
			t.Fatal(err)
		}
		wantHeld, wantPer := referenceYear(today, ms, ss, marks)
		if len(ys.Held) != len(wantHeld) {
			t.Fatalf("seed %d: %d held, want %d", seed, len(ys.Held), len(wantHeld))
		}
		for i := range wantHeld {
			g, w := ys.Held[i], wantHeld[i]
			if g.Session.ID != w.Session.ID || g.Counts != w.Counts || g.Voting != w.Voting || g.VotingAttended != w.VotingAttended {
				t.Errorf("seed %d session %d (%s %s %q): got %+v %d/%d, want %+v %d/%d", seed, i, w.Session.Date, w.Session.Kind, w.Session.Group,
					g.Counts, g.VotingAttended, g.Voting, w.Counts, w.VotingAttended, w.Voting)
			}
		}
		// sessionStats counts every session, planned and cancelled ones
		// too.
		all, err := sessionStats(ms, ss, sourceOf(raw))
		if err != nil {
			t.Fatal(err)
		}
		for i := range ss {
			want := referenceSession(&ss[i], ms, marks[ss[i].ID], nil)
			if g := all[i]; g.Session.ID != ss[i].ID || g.Counts != want.Counts || g.Voting != want.Voting || g.VotingAttended != want.VotingAttended {
				t.Errorf("seed %d: sessionStats %d = %+v, want %+v", seed, i, g, want)
			}
		}
		var got []Counts
		for _, m := range ys.Members {
			got = append(got, m.Counts)
		}
		var want []Counts
		for i := range wantPer {
			if wantPer[i].Expected > 0 {
				want = append(want, wantPer[i])
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("seed %d: members\n got %v\nwant %v", seed, got, want)
		}
	}
}

func TestYearStatsRefusesBadMarks(t *testing.T) {
	ms := []Member{{Seq: 1, Category: Full, Status: StatusNormal}}
	ss := []Session{{ID: uuid.New(), Kind: NoonClassroom, Date: NewDate(2026, 3, 6)}}
	sid := ss[0].ID
	one := func(k, v []byte) markSource { return sourceOf(map[uuid.UUID][]piece{sid: {{k, v}}}) }
	for _, raw := range [][]byte{{2, 0, 0, 0, 1, 1, 0}, {1, 0, 0, 0, 1, 1}} {
		if _, err := computeYear(2026, testToday, Branch{}, ms, ss, one(sid[:], raw)); err == nil {
			t.Errorf("marks %v: no error", raw)
		}
	}
	// A summed block with a byte changed is refused.
	p := piecesOf(sid, []markEntry{{1, Mark{Status: Present}}})[0]
	p.v[len(p.v)-6] = byte(Absent)
	if _, err := computeYear(2026, testToday, Branch{}, ms, ss, one(p.k, p.v)); err == nil {
		t.Errorf("marks %v failing their checksum: no error", p.v)
	}
	// Entries out of order (a damaged schema 2 value, which carries no
	// checksum) count once.
	raw := []byte{1, 0, 0, 0, 1, byte(Present), 0, 0, 0, 0, 1, byte(Present), 0}
	ys, err := computeYear(2026, testToday, Branch{}, ms, ss, one(sid[:], raw))
	if err != nil {
		t.Fatal(err)
	}
	if want := (Counts{Expected: 1, Present: 1}); ys.Total != want {
		t.Errorf("duplicate entry: total %+v, want %+v", ys.Total, want)
	}
	// A damaged seq far beyond the roster neither allocates its size nor
	// stops the statistics: that member's marks are not read.
	ms = append(ms, Member{Seq: 1<<32 - 2, Category: Full, Status: StatusNormal})
	far := sourceOf(map[uuid.UUID][]piece{sid: piecesOf(sid, []markEntry{{1, Mark{Status: Present}}, {1<<32 - 2, Mark{Status: Present}}})})
	ys, err = computeYear(2026, testToday, Branch{}, ms, ss, far)
	if err != nil {
		t.Fatal(err)
	}
	if want := (Counts{Expected: 2, Present: 1, Unmarked: 1}); ys.Total != want {
		t.Errorf("damaged seq: total %+v, want %+v", ys.Total, want)
	}
}

func TestYearStatsDemo(t *testing.T) {
	l := newDemoLedger(t)
	ys, err := l.YearStats(2026)
	if err != nil {
		t.Fatal(err)
	}
	if len(ys.Members) != 14 {
		t.Errorf("got %d members, want 14", len(ys.Members))
	}
	sum := Counts{}
	for _, m := range ys.Members {
		sum = sumCounts(sum, m.Counts)
		if m.Unmarked != 0 {
			t.Errorf("%s has %d unmarked: the demo marks everyone expected", m.Member.Name, m.Unmarked)
		}
	}
	if sum != ys.Total {
		t.Errorf("members add up to %+v, total is %+v", sum, ys.Total)
	}
	months := Counts{}
	for _, m := range ys.Months {
		months = sumCounts(months, m.Counts)
	}
	if months != ys.Total {
		t.Errorf("months add up to %+v, total is %+v", months, ys.Total)
	}
	if r := ys.Rate(ys.Total); r < 0.8 || r > 1 {
		t.Errorf("demo rate %v, want between 0.8 and 1 (84%% present, 6%% late, 7%% leave)", r)
	}
}
