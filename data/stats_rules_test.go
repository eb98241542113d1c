package data

// The attendance rules by themselves: who a session expects, who votes,
// rates and quorum.

import (
	"math"
	"testing"
)

func TestExpects(t *testing.T) {
	d := NewDate
	left := func(reason DepartureReason, on Date) *Departure { return &Departure{Reason: reason, Date: on} }
	members := map[string]Member{
		"full":             {Category: Full, Status: StatusNormal, Joined: d(2000, 7, 1), Group: group1},
		"no joined date":   {Category: Full, Status: StatusNormal, Group: group1},
		"probationary":     {Category: Probationary, Status: StatusNormal, Joined: d(2026, 3, 1), Group: group1},
		"activist":         {Category: Activist, Status: StatusNormal, Group: group1},
		"candidate":        {Category: Candidate, Status: StatusNormal, Group: group1},
		"suspended":        {Category: Full, Status: StatusSuspended, Joined: d(2000, 7, 1), Group: group1},
		"joined mid-year":  {Category: Probationary, Status: StatusNormal, Joined: d(2026, 6, 15), Group: group1},
		"transferred in":   {Category: Full, Status: StatusNormal, Joined: d(2001, 7, 1), TransferredIn: d(2026, 6, 15), Group: group1},
		"transferred out":  {Category: Full, Status: StatusNormal, Joined: d(2001, 7, 1), Left: left(TransferOut, d(2026, 6, 15)), Group: group1},
		"deceased":         {Category: Full, Status: StatusNormal, Joined: d(2001, 7, 1), Left: left(Deceased, d(2026, 6, 15)), Group: group1},
		"removed on a day": {Category: Full, Status: StatusRemoved, Joined: d(2001, 7, 1), Left: left(Removed, d(2026, 6, 15)), Group: group1},
		"removed, no day":  {Category: Full, Status: StatusRemoved, Joined: d(2001, 7, 1), Group: group1},
		"committee":        {Category: Full, Status: StatusNormal, Joined: d(2000, 7, 1), Group: group2, CommitteeRole: "书记"},
		"no group":         {Category: Full, Status: StatusNormal, Joined: d(2000, 7, 1)},
	}
	noon := func(on Date) Session { return Session{Kind: NoonClassroom, Date: on} }
	tests := []struct {
		member  string
		session Session
		want    bool
	}{
		{"full", noon(d(2026, 1, 9)), true},
		{"no joined date", noon(d(2026, 1, 9)), true},
		{"probationary", noon(d(2026, 3, 1)), true},
		{"probationary", noon(d(2026, 2, 27)), false},
		{"activist", noon(d(2026, 6, 19)), false},
		{"candidate", noon(d(2026, 6, 19)), false},
		{"suspended", noon(d(2026, 6, 19)), false},
		{"joined mid-year", noon(d(2026, 6, 12)), false},
		{"joined mid-year", noon(d(2026, 6, 15)), true},
		{"transferred in", noon(d(2026, 6, 14)), false},
		{"transferred in", noon(d(2026, 6, 15)), true},
		{"transferred out", noon(d(2026, 6, 14)), true},
		{"transferred out", noon(d(2026, 6, 15)), false}, // not from the day of the departure
		{"transferred out", noon(d(2026, 7, 3)), false},
		{"deceased", noon(d(2026, 6, 12)), true},
		{"deceased", noon(d(2026, 6, 19)), false},
		{"removed on a day", noon(d(2026, 6, 12)), true}, // history stays
		{"removed on a day", noon(d(2026, 6, 19)), false},
		{"removed, no day", noon(d(2026, 6, 12)), false},
		{"full", Session{Kind: GroupMeeting, Group: group1, Date: d(2026, 5, 12)}, true},
		{"full", Session{Kind: GroupMeeting, Group: group2, Date: d(2026, 5, 12)}, false},
		{"full", Session{Kind: GroupMeeting, Date: d(2026, 5, 12)}, true}, // a group meeting of no group is everyone's
		{"no group", Session{Kind: GroupMeeting, Group: group1, Date: d(2026, 5, 12)}, false},
		{"committee", Session{Kind: GroupMeeting, Group: group2, Date: d(2026, 5, 12)}, true},
		{"committee", Session{Kind: CommitteeMeeting, Date: d(2026, 5, 5)}, true},
		{"full", Session{Kind: CommitteeMeeting, Date: d(2026, 5, 5)}, false},
		{"full", Session{Kind: GeneralMeeting, Date: d(2026, 5, 5)}, true},
		{"full", Session{Kind: JointActivity, Date: d(2026, 5, 5)}, true},
	}
	for _, tt := range tests {
		m := members[tt.member]
		if got := tt.session.Expects(&m); got != tt.want {
			t.Errorf("%s at %s on %s: got %v, want %v", tt.member, tt.session.Kind, tt.session.Date, got, tt.want)
		}
	}
}

func TestVotingOn(t *testing.T) {
	d := NewDate
	tests := []struct {
		m    Member
		on   Date
		want bool
	}{
		{Member{Category: Full, Status: StatusNormal, Joined: d(2000, 7, 1)}, d(2026, 3, 31), true},
		{Member{Category: Full, Status: StatusNormal, Joined: d(2025, 6, 1), Confirmed: d(2026, 6, 1)}, d(2026, 5, 31), false},
		{Member{Category: Full, Status: StatusNormal, Joined: d(2025, 6, 1), Confirmed: d(2026, 6, 1)}, d(2026, 6, 1), true},
		{Member{Category: Probationary, Status: StatusNormal, Joined: d(2026, 1, 1)}, d(2026, 3, 31), false},
		{Member{Category: Full, Status: StatusSuspended, Joined: d(2000, 7, 1)}, d(2026, 3, 31), false},
		{Member{Category: Full, Status: StatusNormal, Joined: d(2000, 7, 1), Left: &Departure{Reason: TransferOut, Date: d(2026, 3, 1)}}, d(2026, 3, 31), false},
	}
	for i, tt := range tests {
		if got := tt.m.VotingOn(tt.on); got != tt.want {
			t.Errorf("case %d: VotingOn(%s) = %v, want %v", i, tt.on, got, tt.want)
		}
	}
}

func TestCountsRate(t *testing.T) {
	tests := []struct {
		c                 Counts
		byDefault, strict float64
	}{
		{Counts{Expected: 14, Present: 12, Leave: 1, Absent: 1}, 12.0 / 13, 12.0 / 14},
		{Counts{Expected: 14, Present: 10, Late: 2, Leave: 1, Absent: 1}, 12.0 / 13, 12.0 / 14},
		{Counts{Expected: 10, Present: 5, Leave: 2, Absent: 1, Unmarked: 2}, 5.0 / 6, 5.0 / 8}, // unmarked is not absent
		{Counts{Expected: 14, Unmarked: 14}, 0, 0},                                             // nobody registered yet
		{Counts{Expected: 3, Leave: 3}, 0, 0},                                                  // everyone on leave
		{Counts{Expected: 2, Present: 2}, 1, 1},
		{Counts{}, 0, 0},
	}
	for _, tt := range tests {
		if got := tt.c.Rate(false); math.Abs(got-tt.byDefault) > 1e-12 {
			t.Errorf("%+v Rate(false) = %v, want %v", tt.c, got, tt.byDefault)
		}
		if got := tt.c.Rate(true); math.Abs(got-tt.strict) > 1e-12 {
			t.Errorf("%+v Rate(true) = %v, want %v", tt.c, got, tt.strict)
		}
	}
	ys := &YearStats{LeaveCounts: true}
	if got, want := ys.Rate(Counts{Expected: 4, Present: 2, Leave: 2}), 0.5; got != want {
		t.Errorf("YearStats.Rate with leave counting = %v, want %v", got, want)
	}
}

func TestQuorate(t *testing.T) {
	tests := []struct {
		kind                   Kind
		expected, attended     int
		voting, votingAttended int
		want                   bool
	}{
		{GeneralMeeting, 14, 8, 12, 7, true},
		{GeneralMeeting, 14, 8, 12, 6, false},  // exactly half of the voting members is not quorate
		{GeneralMeeting, 14, 13, 12, 6, false}, // probationary members present do not make it quorate
		{GeneralMeeting, 13, 7, 13, 7, true},
		{GeneralMeeting, 13, 6, 13, 6, false},
		{GeneralMeeting, 0, 0, 0, 0, false},
		{CommitteeMeeting, 3, 2, 3, 2, true},
		{CommitteeMeeting, 4, 2, 4, 2, false}, // half the committee
		{CommitteeMeeting, 5, 3, 0, 0, true},  // the committee's count, not the voting one
		{CommitteeMeeting, 1, 1, 1, 1, true},
	}
	for _, tt := range tests {
		st := SessionStat{Session: Session{Kind: tt.kind}, Counts: Counts{Expected: tt.expected, Present: tt.attended - tt.attended/3, Late: tt.attended / 3},
			Voting: tt.voting, VotingAttended: tt.votingAttended}
		if got := st.Quorate(); got != tt.want {
			t.Errorf("%s %d/%d, voting %d/%d: Quorate() = %v, want %v", tt.kind, tt.attended, tt.expected, tt.votingAttended, tt.voting, got, tt.want)
		}
		if !st.NeedsQuorum() {
			t.Errorf("%s does not need quorum", tt.kind)
		}
	}
	if (&SessionStat{Session: Session{Kind: NoonClassroom}}).NeedsQuorum() {
		t.Error("a Noon Classroom needs quorum")
	}
}

// handLedger is the ledger of TestYearStatsByHand; its numbers are worked
// out by hand in the test's comments. Today is 2026-11-29.
type handLedger struct {
	l        *Ledger
	m        map[string]*Member
	s        map[string]*Session
	sessions []*Session
}
