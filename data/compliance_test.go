package data

import (
	"fmt"
	"slices"
	"testing"
)

// ruleOf returns the compliance entry of rule for group.
func ruleOf(t *testing.T, cs []Compliance, rule, group string) Compliance {
	t.Helper()
	for _, c := range cs {
		if c.Rule == rule && c.Group == group {
			return c
		}
	}
	t.Fatalf("no compliance entry %s %q in %v", rule, group, cs)
	return Compliance{}
}

// months returns "2026-01"… for the given month numbers.
func months(year int, ms ...int) []string {
	out := []string{}
	for _, m := range ms {
		out = append(out, fmt.Sprintf("%04d-%02d", year, m))
	}
	return out
}

func span1(from, to int) []int {
	var out []int
	for i := from; i <= to; i++ {
		out = append(out, i)
	}
	return out
}

func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func TestComplianceBoundaries(t *testing.T) {
	d := NewDate
	gm := func(on Date) Session { return Session{Kind: GeneralMeeting, Date: on} }
	tests := []struct {
		name        string
		today       Date
		year        int
		sessions    []Session
		rule        string
		group       string
		groups      []string
		wantMissing []string
		wantPending []string
	}{
		{"31 March is the first quarter", d(2026, 11, 29), 2026, []Session{gm(d(2026, 3, 31))}, "general_meeting_quarterly", "", nil,
			[]string{"2026-Q2", "2026-Q3"}, []string{"2026-Q4"}},
		{"1 April is the second", d(2026, 11, 29), 2026, []Session{gm(d(2026, 4, 1))}, "general_meeting_quarterly", "", nil,
			[]string{"2026-Q1", "2026-Q3"}, []string{"2026-Q4"}},
		{"on the quarter's last day it is still pending", d(2026, 3, 31), 2026, nil, "general_meeting_quarterly", "", nil,
			[]string{}, []string{"2026-Q1"}},
		{"the day after, it is missing; later quarters are not judged", d(2026, 4, 1), 2026, nil, "general_meeting_quarterly", "", nil,
			[]string{"2026-Q1"}, []string{"2026-Q2"}},
		{"held today counts", d(2026, 4, 1), 2026, []Session{gm(d(2026, 4, 1)), gm(d(2026, 2, 1))}, "general_meeting_quarterly", "", nil,
			[]string{}, nil},
		{"planned is not held", d(2026, 3, 15), 2026, []Session{gm(d(2026, 3, 20))}, "general_meeting_quarterly", "", nil,
			[]string{}, []string{"2026-Q1"}},
		{"cancelled does not count", d(2026, 11, 29), 2026, []Session{{Kind: GeneralMeeting, Date: d(2026, 5, 1), Cancelled: true}, gm(d(2026, 2, 1)), gm(d(2026, 8, 1)), gm(d(2026, 10, 1))},
			"general_meeting_quarterly", "", nil, []string{"2026-Q2"}, nil},
		{"last year's December is not this January", d(2026, 11, 29), 2026, []Session{{Kind: CommitteeMeeting, Date: d(2025, 12, 31)}},
			"committee_meeting_monthly", "", nil, months(2026, span1(1, 10)...), []string{"2026-11"}},
		{"a past year is judged whole", d(2026, 11, 29), 2025, []Session{{Kind: CommitteeMeeting, Date: d(2025, 12, 31)}},
			"committee_meeting_monthly", "", nil, months(2025, span1(1, 11)...), nil},
		{"a coming year is not judged", d(2026, 11, 29), 2027, nil, "committee_meeting_monthly", "", nil, []string{}, nil},
		{"the first of January is pending", d(2027, 1, 1), 2027, nil, "org_life_meeting_yearly", "", nil, []string{}, []string{"2027"}},
		{"the year ends on 31 December", d(2027, 1, 1), 2026, nil, "org_life_meeting_yearly", "", nil, []string{"2026"}, nil},
		{"a Noon Classroom marked themed day", d(2026, 3, 1), 2026, []Session{{Kind: NoonClassroom, Date: d(2026, 1, 9), ThemedDay: true}, {Kind: NoonClassroom, Date: d(2026, 2, 6)}},
			"themed_party_day_monthly", "", nil, []string{"2026-02"}, []string{"2026-03"}},
		{"a themed Party day", d(2026, 3, 1), 2026, []Session{{Kind: ThemedPartyDay, Date: d(2026, 2, 27)}},
			"themed_party_day_monthly", "", nil, []string{"2026-01"}, []string{"2026-03"}},
		{"a lecture held as the themed day", d(2026, 2, 1), 2026, []Session{{Kind: PartyLecture, Date: d(2026, 1, 23), ThemedDay: true}},
			"themed_party_day_monthly", "", nil, []string{}, []string{"2026-02"}},
		{"a lecture is not a themed day unless marked", d(2026, 2, 1), 2026, []Session{{Kind: PartyLecture, Date: d(2026, 1, 23)}},
			"themed_party_day_monthly", "", nil, []string{"2026-01"}, []string{"2026-02"}},
		{"group meetings per party group", d(2026, 3, 1), 2026, []Session{{Kind: GroupMeeting, Group: group1, Date: d(2026, 1, 12)}, {Kind: GroupMeeting, Group: group2, Date: d(2026, 2, 13)}},
			"group_meeting_monthly", group1, []string{group1, group2}, []string{"2026-02"}, []string{"2026-03"}},
		{"the other group", d(2026, 3, 1), 2026, []Session{{Kind: GroupMeeting, Group: group1, Date: d(2026, 1, 12)}, {Kind: GroupMeeting, Group: group2, Date: d(2026, 2, 13)}},
			"group_meeting_monthly", group2, []string{group1, group2}, []string{"2026-01"}, []string{"2026-03"}},
		{"a branch without groups", d(2026, 3, 1), 2026, []Session{{Kind: GroupMeeting, Group: group1, Date: d(2026, 1, 12)}},
			"group_meeting_monthly", "", nil, []string{"2026-02"}, []string{"2026-03"}},
		{"a lecture a quarter", d(2026, 7, 1), 2026, []Session{{Kind: PartyLecture, Date: d(2026, 6, 30)}},
			"party_lecture_quarterly", "", nil, []string{"2026-Q1"}, []string{"2026-Q3"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := ruleOf(t, checkCompliance(tt.year, tt.today, 0, tt.groups, tt.sessions, nil), tt.rule, tt.group)
			if !slices.Equal(c.Missing, tt.wantMissing) {
				t.Errorf("Missing = %v, want %v", c.Missing, tt.wantMissing)
			}
			if !slices.Equal(orEmpty(c.Pending), orEmpty(tt.wantPending)) {
				t.Errorf("Pending = %v, want %v", c.Pending, tt.wantPending)
			}
		})
	}
}

func TestComplianceQuorum(t *testing.T) {
	held := []SessionStat{
		{Session: Session{Kind: GeneralMeeting, Date: NewDate(2026, 3, 20)}, Voting: 12, VotingAttended: 7},
		{Session: Session{Kind: GeneralMeeting, Date: NewDate(2026, 6, 20)}, Voting: 12, VotingAttended: 6},
		{Session: Session{Kind: CommitteeMeeting, Date: NewDate(2026, 6, 5)}, Counts: Counts{Expected: 3, Present: 1, Late: 1}},
		{Session: Session{Kind: CommitteeMeeting, Date: NewDate(2026, 7, 5)}, Counts: Counts{Expected: 3, Present: 1, Unmarked: 2}},
		{Session: Session{Kind: NoonClassroom, Date: NewDate(2026, 7, 10)}, Counts: Counts{Expected: 3, Unmarked: 3}},
	}
	cs := checkCompliance(2026, testToday, 0, nil, nil, held)
	if got, want := ruleOf(t, cs, "general_meeting_quorum", "").NoQuorum, []string{"2026-06-20"}; !slices.Equal(got, want) {
		t.Errorf("general meetings without quorum %v, want %v", got, want)
	}
	if got, want := ruleOf(t, cs, "committee_meeting_quorum", "").NoQuorum, []string{"2026-07-05"}; !slices.Equal(got, want) {
		t.Errorf("committee meetings without quorum %v, want %v", got, want)
	}
	c := ruleOf(t, cs, "general_meeting_quorum", "")
	if c.OK() {
		t.Error("a meeting without quorum is OK")
	}
}

func TestComplianceRulesListed(t *testing.T) {
	cs := checkCompliance(2026, testToday, 0, []string{group1, group2}, nil, nil)
	var got []string
	for _, c := range cs {
		got = append(got, c.Rule+"/"+c.Group)
	}
	want := []string{"general_meeting_quarterly/", "committee_meeting_monthly/", "group_meeting_monthly/" + group1,
		"group_meeting_monthly/" + group2, "party_lecture_quarterly/", "themed_party_day_monthly/", "org_life_meeting_yearly/",
		"general_meeting_quorum/", "committee_meeting_quorum/"}
	if !slices.Equal(got, want) {
		t.Errorf("rules %v, want %v", got, want)
	}
	for _, c := range cs {
		if c.Missing == nil {
			t.Errorf("%s: Missing is nil; the JSON must show []", c.Rule)
		}
	}
}

// TestYearStatsCompliance reads the compliance of the hand-made ledger of
// TestYearStatsByHand through YearStats.
func TestYearStatsCompliance(t *testing.T) {
	h := newHandLedger(t)
	ys, err := h.l.YearStats(2026)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		rule, group string
		missing     []string
		pending     []string
		noQuorum    []string
	}{
		// S2 on 03-31 is Q1, S5 on 09-01 is Q3; Q4 is under way.
		{"general_meeting_quarterly", "", []string{"2026-Q2"}, []string{"2026-Q4"}, nil},
		// S3 on 04-01 is April's.
		{"committee_meeting_monthly", "", months(2026, 1, 2, 3, 5, 6, 7, 8, 9, 10), []string{"2026-11"}, nil},
		{"group_meeting_monthly", group1, months(2026, span1(1, 10)...), []string{"2026-11"}, nil},
		{"group_meeting_monthly", group2, months(2026, 1, 2, 3, 4, 5, 7, 8, 9, 10), []string{"2026-11"}, nil},
		// S6 was cancelled.
		{"party_lecture_quarterly", "", []string{"2026-Q1", "2026-Q2", "2026-Q3"}, []string{"2026-Q4"}, nil},
		// S1 and S8 are themed days; November is done.
		{"themed_party_day_monthly", "", months(2026, span1(2, 10)...), nil, nil},
		{"org_life_meeting_yearly", "", []string{}, []string{"2026"}, nil},
		// S5: 2 of 4 voting members, exactly half.
		{"general_meeting_quorum", "", []string{}, nil, []string{"2026-09-01"}},
		{"committee_meeting_quorum", "", []string{}, nil, nil},
	}
	for _, tt := range tests {
		c := ruleOf(t, ys.Compliance, tt.rule, tt.group)
		if !slices.Equal(c.Missing, tt.missing) || !slices.Equal(orEmpty(c.Pending), orEmpty(tt.pending)) ||
			!slices.Equal(orEmpty(c.NoQuorum), orEmpty(tt.noQuorum)) {
			t.Errorf("%s %s: got missing %v pending %v no quorum %v; want %v %v %v", tt.rule, tt.group,
				c.Missing, c.Pending, c.NoQuorum, tt.missing, tt.pending, tt.noQuorum)
		}
	}
}

// TestComplianceFromRecordsStart: a ledger whose records begin on
// 2026-11-10 judges nothing before November; November is open on
// 2026-11-29 and December has not begun.
func TestComplianceFromRecordsStart(t *testing.T) {
	d := NewDate
	tests := []struct {
		name        string
		from, today Date
		rule        string
		wantMissing []string
		wantPending []string
	}{
		{"months before the start are not missing", d(2026, 11, 10), d(2026, 11, 29), "committee_meeting_monthly", []string{}, []string{"2026-11"}},
		{"the quarter holding the start is judged", d(2026, 11, 10), d(2026, 11, 29), "general_meeting_quarterly", []string{}, []string{"2026-Q4"}},
		{"a start in May leaves April out, keeps May", d(2026, 5, 20), d(2026, 8, 3), "committee_meeting_monthly", []string{"2026-05", "2026-06", "2026-07"}, []string{"2026-08"}},
		{"a start in May judges Q2", d(2026, 5, 20), d(2026, 8, 3), "party_lecture_quarterly", []string{"2026-Q2"}, []string{"2026-Q3"}},
		{"a start next year judges nothing this year", d(2027, 1, 1), d(2027, 2, 3), "org_life_meeting_yearly", []string{}, nil},
		{"the start's own year is judged", d(2026, 12, 1), d(2027, 2, 3), "org_life_meeting_yearly", []string{"2026"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := ruleOf(t, checkCompliance(2026, tt.today, tt.from, nil, nil, nil), tt.rule, "")
			if !slices.Equal(c.Missing, tt.wantMissing) {
				t.Errorf("Missing = %v, want %v", c.Missing, tt.wantMissing)
			}
			if !slices.Equal(orEmpty(c.Pending), orEmpty(tt.wantPending)) {
				t.Errorf("Pending = %v, want %v", c.Pending, tt.wantPending)
			}
		})
	}
}

// TestComplianceCredits: one Noon Classroom credited as themed Party day
// and party lecture fills both rules, and nothing else.
func TestComplianceCredits(t *testing.T) {
	d := NewDate
	noon := Session{Kind: NoonClassroom, Date: d(2026, 2, 6), Credits: []Kind{ThemedPartyDay, PartyLecture}}
	cs := checkCompliance(2026, d(2026, 4, 1), 0, nil, []Session{noon}, nil)
	for _, tt := range []struct {
		rule    string
		missing []string
	}{
		{"themed_party_day_monthly", []string{"2026-01", "2026-03"}},
		{"party_lecture_quarterly", []string{}},
		{"general_meeting_quarterly", []string{"2026-Q1"}},
		{"committee_meeting_monthly", []string{"2026-01", "2026-02", "2026-03"}},
	} {
		if got := ruleOf(t, cs, tt.rule, "").Missing; !slices.Equal(got, tt.missing) {
			t.Errorf("%s: missing %v, want %v", tt.rule, got, tt.missing)
		}
	}
	if !noon.Credited(PartyLecture) || noon.Credited(NoonClassroom) || !noon.CountsAs(NoonClassroom) {
		t.Error("Credited/CountsAs disagree with the session's kind and credits")
	}
}

// TestRecordsStart: the start of the records defaults to the day the
// ledger was created.
func TestRecordsStart(t *testing.T) {
	l := newTestLedger(t)
	b, err := l.Branch()
	if err != nil {
		t.Fatal(err)
	}
	if got, want := b.RecordsStart(), l.Today(); got != want {
		t.Errorf("RecordsStart = %s, want the creation day %s", got, want)
	}
	b.RecordsFrom = NewDate(2026, 3, 1)
	if got := b.RecordsStart(); got != NewDate(2026, 3, 1) {
		t.Errorf("RecordsStart = %s, want 2026-03-01", got)
	}
}

// TestAgendaFromRecordsStart: the overview's compliance (on screen) leaves
// the months before the start of the records alone: a new ledger with no
// session misses nothing before the day it was created, and the same
// ledger, said to begin in January, misses January to October.
func TestAgendaFromRecordsStart(t *testing.T) {
	l := newTestLedger(t)
	a, err := l.Agenda(3)
	if err != nil {
		t.Fatal(err)
	}
	if got := ruleOf(t, a.Compliance, "committee_meeting_monthly", "").Missing; len(got) != 0 {
		t.Errorf("new ledger: missing %v, want none before its creation on %s", got, l.Today())
	}
	b, err := l.Branch()
	if err != nil {
		t.Fatal(err)
	}
	b.RecordsFrom = NewDate(2026, 1, 1)
	if err := l.SaveBranch(b); err != nil {
		t.Fatal(err)
	}
	if a, err = l.Agenda(3); err != nil {
		t.Fatal(err)
	}
	if got, want := ruleOf(t, a.Compliance, "committee_meeting_monthly", "").Missing, months(2026, span1(1, 10)...); !slices.Equal(got, want) {
		t.Errorf("records from January: missing %v, want %v", got, want)
	}
}
