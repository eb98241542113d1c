package data

import (
	"fmt"
	"slices"
	"testing"
	"time"
)

func TestProbationEnd(t *testing.T) {
	tests := []struct {
		joined, want Date
	}{
		{20251213, 20261213},
		{20240229, 20250228}, // no 29 February next year: the month's last day
		{20230228, 20240228}, // into a leap year: the same day, not the 29th
		{20231231, 20241231},
		{20240101, 20250101},
	}
	for _, tc := range tests {
		if got := ProbationEnd(tc.joined); got != tc.want {
			t.Errorf("ProbationEnd(%v) = %v, want %v", tc.joined, got, tc.want)
		}
	}
}

func TestAddMonths(t *testing.T) {
	tests := []struct {
		d    Date
		n    int
		want Date
	}{
		{20240131, 1, 20240229},
		{20230131, 1, 20230228},
		{20240831, -6, 20240229},
		{20261213, -1, 20261113},
		{20260115, -1, 20251215},
		{20261231, 6, 20270630},
		{20240229, 48, 20280229},
		{20240229, 12, 20250228},
		{20260331, -13, 20250228},
	}
	for _, tc := range tests {
		if got := tc.d.AddMonths(tc.n); got != tc.want {
			t.Errorf("%v.AddMonths(%d) = %v, want %v", tc.d, tc.n, got, tc.want)
		}
	}
}

func TestValidExtension(t *testing.T) {
	tests := []struct {
		end, until Date
		want       bool
	}{
		{20261213, 20270613, true},  // exactly 6 months
		{20261213, 20270612, false}, // one day short of 6 months
		{20261213, 20271213, true},  // exactly 12 months
		{20261213, 20271214, false}, // one day beyond a year
		{20250228, 20250831, true},
		{20250831, 20260228, true},  // 6 months from 31 August is 28 February
		{20250831, 20260227, false}, // one day short
		{20261213, 20261213, false}, // no extension at all
	}
	for _, tc := range tests {
		if got := ValidExtension(tc.end, tc.until); got != tc.want {
			t.Errorf("ValidExtension(%v, %v) = %v, want %v", tc.end, tc.until, got, tc.want)
		}
	}
}

func TestTermEnd(t *testing.T) {
	tests := []struct {
		elected Date
		typ     BranchType
		want    Date
	}{
		{20240110, BranchOrdinary, 20270110},
		{20240110, BranchVillage, 20290110},
		{20240110, BranchCommunity, 20290110},
		{20240229, BranchOrdinary, 20270228},
		{20240229, BranchVillage, 20290228},
	}
	for _, tc := range tests {
		if got := TermEnd(tc.elected, tc.typ); got != tc.want {
			t.Errorf("TermEnd(%v, %q) = %v, want %v", tc.elected, tc.typ, got, tc.want)
		}
	}
}

func TestElectionReminders(t *testing.T) {
	got := ElectionReminders(20270110, 20270415)
	want := []Date{20260710, 20261010, 20270110, 20270210, 20270310, 20270410}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("reminder %d = %v, want %v", i, got[i], want[i])
		}
	}
	if got := ElectionReminders(20270110, 20260709); len(got) != 0 {
		t.Errorf("before the 6-month mark got %v, want none", got)
	}
}

func TestMaxExcellent(t *testing.T) {
	tests := []struct{ graded, want int }{
		{14, 4}, {3, 1}, {2, 0}, {12, 4}, {13, 4}, {15, 5}, {0, 0}, {1, 0},
	}
	for _, tc := range tests {
		if got := MaxExcellent(tc.graded); got != tc.want {
			t.Errorf("MaxExcellent(%d) = %d, want %d", tc.graded, got, tc.want)
		}
	}
}

func TestSessionHours(t *testing.T) {
	tests := []struct {
		start, end string
		set        float64
		want       float64
	}{
		{"12:00", "13:00", 0, 1},
		{"14:00", "16:45", 0, 2.5},
		{"14:00", "14:29", 0, 0},
		{"09:00", "12:00", 4, 4}, // set by hand
		{"", "", 0, 0},
		{"13:00", "12:00", 0, 0},
	}
	for _, tc := range tests {
		s := Session{Start: tc.start, End: tc.end, StudyHours: tc.set}
		if got := s.Hours(); got != tc.want {
			t.Errorf("Hours(%s–%s, %v) = %v, want %v", tc.start, tc.end, tc.set, got, tc.want)
		}
	}
}

func TestYearlyDutiesAcrossNewYear(t *testing.T) {
	june := time.Date(2025, 6, 1, 9, 0, 0, 0, time.UTC)
	olm := func(d Date) Session { return Session{Kind: OrgLifeMeeting, Date: d} }
	tests := []struct {
		name     string
		today    Date
		created  time.Time
		sessions []Session
		want     []string
	}{
		{"last year's missed, kept since June", 20260110, june, nil, []string{
			"org_life_meeting 2025-12-31 overdue", "review 2025-12-31 overdue"}},
		{"ledger begun in November: last year not judged", 20260110, time.Date(2025, 11, 1, 9, 0, 0, 0, time.UTC), nil, nil},
		{"31 March: last year's still shown", 20260331, june, nil, []string{
			"org_life_meeting 2025-12-31 overdue", "review 2025-12-31 overdue"}},
		{"1 April: last year's no longer shown", 20260401, june, nil, nil},
		{"30 September: this year's not yet reminded", 20260930, june, nil, []string{"election 2027-01-10"}},
		{"1 October: this year's reminded", 20261001, june, nil, []string{
			"election 2027-01-10", "org_life_meeting 2026-12-31", "review 2026-12-31"}},
		{"February meeting held for last year", 20260301, june, []Session{olm(20260220)}, []string{
			"review 2025-12-31 overdue"}},
		{"the February catch-up does not count for this year", 20261001, june, []Session{olm(20260220)}, []string{
			"election 2027-01-10", "org_life_meeting 2026-12-31", "review 2026-12-31"}},
		{"last year held in December: February counts for this year", 20261001, june, []Session{olm(20251210), olm(20260220)}, []string{
			"election 2027-01-10", "review 2026-12-31"}},
		{"a meeting planned for December is not held yet", 20261129, june, []Session{olm(20251210), olm(20261218)}, []string{
			"election 2027-01-10", "org_life_meeting 2026-12-31", "review 2026-12-31"}},
	}
	for _, tc := range tests {
		in := dutyInput{today: tc.today, branch: Branch{Name: "支部", CommitteeElected: 20240110, Created: tc.created},
			reviews: map[int]bool{}, sessions: tc.sessions}
		var got []string
		for _, d := range dueWithin(computeDuties(&in), tc.today, 0) {
			s := fmt.Sprintf("%s %v", d.Kind, d.Due)
			if d.Overdue {
				s += " overdue"
			}
			got = append(got, s)
		}
		slices.Sort(got)
		want := slices.Clone(tc.want)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("%s: got %q, want %q", tc.name, got, want)
		}
	}
}
