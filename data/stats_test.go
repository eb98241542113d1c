package data

import (
	"fmt"
	"math"
	"testing"

	"github.com/google/uuid"
)

// person returns a valid member for the tests' ledgers; n makes the ID
// number unique.
func person(name string, n int, cat Category, joined Date, group string) *Member {
	birth := NewDate(1980, 1, 1+n)
	first := fmt.Sprintf("310105%08d%03d", int(birth), 101+2*n)
	return &Member{Name: name, Gender: Male, Birth: birth, IDNumber: first + string(IDCheckChar(first)),
		Category: cat, Joined: joined, Status: StatusNormal, Group: group}
}

const (
	group1 = "第一党小组"
	group2 = "第二党小组"
)

func newHandLedger(t *testing.T) *handLedger {
	t.Helper()
	h := &handLedger{l: newTestLedger(t), m: map[string]*Member{}, s: map[string]*Session{}}
	br, err := h.l.Branch()
	if err != nil {
		t.Fatal(err)
	}
	br.RecordsFrom = NewDate(2026, 1, 1) // the ledger was created on testToday, but its records cover the year
	if err := h.l.SaveBranch(br); err != nil {
		t.Fatal(err)
	}
	d := NewDate
	add := func(key string, m *Member) { h.m[key] = m }
	add("A", person("甲", 1, Full, d(2000, 7, 1), group1))
	h.m["A"].CommitteeRole = "书记"
	add("B", person("乙", 2, Full, d(2005, 7, 1), group1))
	add("C", person("丙", 3, Probationary, d(2026, 3, 1), group2)) // joined mid-year
	add("D", person("丁", 4, Full, d(2001, 7, 1), group2))         // transferred in mid-year
	h.m["D"].TransferredIn = d(2026, 6, 15)
	add("E", person("戊", 5, Full, d(2002, 7, 1), group2)) // transfers out on 2026-09-01
	add("F", person("己", 6, Activist, 0, group1))         // never expected
	add("G", person("庚", 7, Full, d(2003, 7, 1), group1)) // suspended: never expected
	h.m["G"].Status = StatusSuspended
	add("H", person("辛", 8, Full, d(2004, 7, 1), group2)) // removed on 2026-05-01
	add("I", person("壬", 9, Full, d(2025, 6, 1), group1)) // confirmed 2026-06-01: votes from then
	h.m["I"].Confirmed = d(2026, 6, 1)
	var ms []*Member
	for _, k := range []string{"A", "B", "C", "D", "E", "F", "G", "H", "I"} {
		ms = append(ms, h.m[k])
	}
	if err := h.l.SaveMembers(ms); err != nil {
		t.Fatal(err)
	}
	if err := h.l.SetDeparture(h.m["E"].ID, Departure{Reason: TransferOut, Date: d(2026, 9, 1), Destination: "区税务局党支部"}); err != nil {
		t.Fatal(err)
	}
	if err := h.l.SetDeparture(h.m["H"].ID, Departure{Reason: Removed, Date: d(2026, 5, 1)}); err != nil {
		t.Fatal(err)
	}
	addS := func(key string, s Session) {
		s.Theme = key
		h.s[key] = &s
		h.sessions = append(h.sessions, &s)
	}
	addS("S1", Session{Kind: NoonClassroom, Date: d(2026, 1, 9), ThemedDay: true})
	addS("S2", Session{Kind: GeneralMeeting, Date: d(2026, 3, 31)})
	addS("S3", Session{Kind: CommitteeMeeting, Date: d(2026, 4, 1)})
	addS("S4", Session{Kind: GroupMeeting, Group: group2, Date: d(2026, 6, 15)})
	addS("S5", Session{Kind: GeneralMeeting, Date: d(2026, 9, 1)})
	addS("S6", Session{Kind: PartyLecture, Date: d(2026, 10, 16), Cancelled: true})
	addS("S7", Session{Kind: NoonClassroom, Date: d(2026, 12, 4)}) // planned, not held
	addS("S8", Session{Kind: NoonClassroom, Date: d(2026, 11, 27), ThemedDay: true})
	addS("S0", Session{Kind: GeneralMeeting, Date: d(2025, 12, 31)}) // last year's
	if err := h.l.SaveSessions(h.sessions); err != nil {
		t.Fatal(err)
	}
	P, L, A := Mark{Status: Present}, Mark{Status: Late}, Mark{Status: Absent}
	Lv := Mark{Status: OnLeave, Reason: Sick}
	h.mark(t, "S0", map[string]Mark{"A": P, "B": P, "E": P, "H": P, "I": P})
	h.mark(t, "S1", map[string]Mark{"A": P, "B": L, "E": Lv, "H": A, "I": P})
	h.mark(t, "S2", map[string]Mark{"A": P, "B": P, "C": Lv, "E": A, "H": P, "I": L})
	h.mark(t, "S3", map[string]Mark{"A": P})
	h.mark(t, "S4", map[string]Mark{"C": P, "D": A, "B": P}) // B is in the other group: not counted
	h.mark(t, "S5", map[string]Mark{"A": P, "B": P, "C": P, "D": Lv, "I": A})
	h.mark(t, "S8", map[string]Mark{"A": P, "B": P})
	return h
}

func (h *handLedger) mark(t *testing.T, session string, marks map[string]Mark) {
	t.Helper()
	byID := map[uuid.UUID]Mark{}
	for k, m := range marks {
		byID[h.m[k].ID] = m
	}
	if err := h.l.SetMarks(h.s[session].ID, byID, true); err != nil {
		t.Fatal(err)
	}
}

func TestYearStatsByHand(t *testing.T) {
	h := newHandLedger(t)
	ys, err := h.l.YearStats(2026)
	if err != nil {
		t.Fatal(err)
	}
	if ys.Year != 2026 || ys.Today != NewDate(2026, 11, 29) || ys.LeaveCounts {
		t.Errorf("header: year %d today %s leave counts %v", ys.Year, ys.Today, ys.LeaveCounts)
	}
	wantKinds := map[Kind]int{NoonClassroom: 2, GeneralMeeting: 2, CommitteeMeeting: 1, GroupMeeting: 1}
	if fmt.Sprint(ys.Sessions) != fmt.Sprint(wantKinds) {
		t.Errorf("Sessions = %v, want %v", ys.Sessions, wantKinds)
	}
	// Per member: E P L Lv A U.
	wantMembers := []struct {
		key string
		c   Counts
	}{
		{"A", Counts{5, 5, 0, 0, 0, 0}}, // S1 S2 S3 S5 S8; not S4 (group 2)
		{"B", Counts{4, 3, 1, 0, 0, 0}}, // S1 S2 S5 S8; S4's mark left out
		{"C", Counts{4, 2, 0, 1, 0, 1}}, // from 03-01: S2 S4 S5 S8
		{"D", Counts{3, 0, 0, 1, 1, 1}}, // from 06-15: S4 S5 S8
		{"E", Counts{3, 0, 0, 1, 1, 1}}, // until 09-01: S1 S2 S4
		{"H", Counts{2, 1, 0, 0, 1, 0}}, // until 05-01: S1 S2
		{"I", Counts{4, 1, 1, 0, 1, 1}}, // S1 S2 S5 S8
	}
	if len(ys.Members) != len(wantMembers) {
		t.Fatalf("got %d members, want %d (F and G are never expected)", len(ys.Members), len(wantMembers))
	}
	for i, w := range wantMembers {
		got := ys.Members[i]
		if got.Member.ID != h.m[w.key].ID {
			t.Errorf("member %d is %s, want %s", i, got.Member.Name, h.m[w.key].Name)
		}
		if got.Counts != w.c {
			t.Errorf("member %s: got %+v, want %+v", w.key, got.Counts, w.c)
		}
	}
	// Per session, in date order: counts, voting, voting attended, quorate.
	wantHeld := []struct {
		key       string
		c         Counts
		voting    int
		votingAtt int
		quorate   bool
	}{
		{"S1", Counts{5, 2, 1, 1, 1, 0}, 4, 2, false}, // A B E H I; voting A B E H: 2 of 4
		{"S2", Counts{6, 3, 1, 1, 1, 0}, 4, 3, true},  // + C; I not yet confirmed
		{"S3", Counts{1, 1, 0, 0, 0, 0}, 1, 1, true},  // the committee: A
		{"S4", Counts{3, 1, 0, 0, 1, 1}, 2, 0, false}, // group 2: C D E
		{"S5", Counts{5, 3, 0, 1, 1, 0}, 4, 2, false}, // A B C D I; E left that day; exactly half
		{"S8", Counts{5, 2, 0, 0, 0, 3}, 4, 2, false},
	}
	if len(ys.Held) != len(wantHeld) {
		t.Fatalf("got %d held sessions, want %d", len(ys.Held), len(wantHeld))
	}
	for i, w := range wantHeld {
		got := ys.Held[i]
		if got.Session.ID != h.s[w.key].ID {
			t.Errorf("held %d is %s, want %s", i, got.Session.Theme, w.key)
			continue
		}
		if got.Counts != w.c || got.Voting != w.voting || got.VotingAttended != w.votingAtt {
			t.Errorf("%s: got %+v voting %d/%d, want %+v voting %d/%d", w.key, got.Counts, got.VotingAttended, got.Voting, w.c, w.votingAtt, w.voting)
		}
		if got.Quorate() != w.quorate {
			t.Errorf("%s: Quorate() = %v, want %v", w.key, got.Quorate(), w.quorate)
		}
	}
	wantMonths := map[int]Counts{1: {5, 2, 1, 1, 1, 0}, 3: {6, 3, 1, 1, 1, 0}, 4: {1, 1, 0, 0, 0, 0},
		6: {3, 1, 0, 0, 1, 1}, 9: {5, 3, 0, 1, 1, 0}, 11: {5, 2, 0, 0, 0, 3}}
	for m := 1; m <= 12; m++ {
		got := ys.Months[m-1]
		sessions := 0
		if _, ok := wantMonths[m]; ok {
			sessions = 1
		}
		if got.Month != fmt.Sprintf("2026-%02d", m) || got.Sessions != sessions || got.Counts != wantMonths[m] {
			t.Errorf("month %d: got %s %d %+v, want %d %+v", m, got.Month, got.Sessions, got.Counts, sessions, wantMonths[m])
		}
	}
	if want := (Counts{25, 12, 2, 3, 4, 4}); ys.Total != want {
		t.Errorf("Total = %+v, want %+v", ys.Total, want)
	}
	if got, want := ys.Rate(ys.Total), 14.0/18; math.Abs(got-want) > 1e-12 {
		t.Errorf("total rate = %v, want %v", got, want)
	}
	if got, want := ys.Total.Rate(true), 14.0/21; math.Abs(got-want) > 1e-12 {
		t.Errorf("total rate with leave counting = %v, want %v", got, want)
	}
	wantCat := map[Category]int{Full: 5, Probationary: 1, Activist: 1} // A B D G I; C; F. E and H left.
	if fmt.Sprint(ys.ByCategory) != fmt.Sprint(wantCat) {
		t.Errorf("ByCategory = %v, want %v", ys.ByCategory, wantCat)
	}

	// The per-session numbers are those of SessionCounts.
	for _, w := range wantHeld {
		st, err := h.l.SessionCounts(h.s[w.key].ID)
		if err != nil {
			t.Fatal(err)
		}
		if st.Counts != w.c || st.Voting != w.voting || st.VotingAttended != w.votingAtt {
			t.Errorf("SessionCounts(%s) = %+v voting %d/%d, want %+v voting %d/%d", w.key, st.Counts, st.VotingAttended, st.Voting, w.c, w.votingAtt, w.voting)
		}
	}
	// A planned session expects its members, all unmarked.
	st, err := h.l.SessionCounts(h.s["S7"].ID)
	if err != nil {
		t.Fatal(err)
	}
	if want := (Counts{Expected: 5, Unmarked: 5}); st.Counts != want {
		t.Errorf("SessionCounts(S7) = %+v, want %+v", st.Counts, want)
	}
}

func TestYearStatsLeaveSettingAndOtherYears(t *testing.T) {
	h := newHandLedger(t)
	b, err := h.l.Branch()
	if err != nil {
		t.Fatal(err)
	}
	b.LeaveCountsAgainst = true
	if err := h.l.SaveBranch(b); err != nil {
		t.Fatal(err)
	}
	ys, err := h.l.YearStats(2026)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := ys.Rate(ys.Total), 14.0/21; !ys.LeaveCounts || math.Abs(got-want) > 1e-12 {
		t.Errorf("leave counting %v, rate %v; want true, %v", ys.LeaveCounts, got, want)
	}
	// 2025 holds only S0: A B E H I expected and present; the year is over.
	ys, err = h.l.YearStats(2025)
	if err != nil {
		t.Fatal(err)
	}
	if want := (Counts{Expected: 5, Present: 5}); ys.Total != want || len(ys.Held) != 1 || len(ys.Members) != 5 {
		t.Errorf("2025: total %+v, %d held, %d members; want %+v, 1, 5", ys.Total, len(ys.Held), len(ys.Members), want)
	}
	// On 2025-12-31 C had not joined and D not arrived; E and H had not left.
	if want := (map[Category]int{Full: 6, Activist: 1}); fmt.Sprint(ys.ByCategory) != fmt.Sprint(want) {
		t.Errorf("2025 ByCategory = %v, want %v", ys.ByCategory, want)
	}
	// 2027 has nothing held yet: nothing judged, nothing counted.
	ys, err = h.l.YearStats(2027)
	if err != nil {
		t.Fatal(err)
	}
	if ys.Total != (Counts{}) || len(ys.Held) != 0 || len(ys.Members) != 0 {
		t.Errorf("2027: total %+v, %d held, %d members", ys.Total, len(ys.Held), len(ys.Members))
	}
	for _, c := range ys.Compliance {
		if len(c.Missing)+len(c.Pending)+len(c.NoQuorum) > 0 {
			t.Errorf("2027 %s judged: %+v", c.Rule, c)
		}
	}
}
