package demo_test

import (
	"fmt"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"branchledger/data"
	"branchledger/data/demo"
	"github.com/google/uuid"
)

// testNow is the tests' clock: Sunday 2026-11-29, the day of the reference
// branch's screenshot.
var testNow = time.Date(2026, 11, 29, 10, 0, 0, 0, time.Local)

func testOptions() data.Options {
	return data.Options{Now: func() time.Time { return testNow }, NoBackup: true}
}

// openExample writes the example ledger with write and opens it.
func openExample(t *testing.T, write func(string, data.Options) error) *data.Ledger {
	t.Helper()
	path := filepath.Join(t.TempDir(), "demo.ledger")
	if err := write(path, testOptions()); err != nil {
		t.Fatal(err)
	}
	l, err := data.Open(path, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = l.Close() })
	return l
}

// TestWrite checks the example ledger against the calendar of 2026, worked
// out by hand: 2026 has 52 Fridays (1 January is a Thursday), 48 of them
// up to 27 November; four are holidays (1-30, 2-20, 5-1, 10-2). So the
// year holds 48 Noon Classrooms, 11 committee meetings (none in August),
// 24 group meetings, 4 general meetings, 4 Party lectures, the 组织生活会
// on 12-18 and the joint activity on 6-16: 93 sessions; up to today 44 +
// 10 + 22 + 4 + 4 + 1 = 85. Marks: everyone expected at each past session,
// 14 members at the 44 + 4 + 4 + 1 branch-wide sessions, the 3 committee
// members at the 10 committee meetings and 7 at each of the 22 group
// meetings: 53·14 + 10·3 + 22·7 = 926.
func TestWrite(t *testing.T) {
	l := openExample(t, demo.Write)
	if ps, err := l.Check(); err != nil || len(ps) != 0 {
		t.Fatalf("Check: got %v, %v; want no problems", ps, err)
	}
	b, err := l.Branch()
	if err != nil {
		t.Fatal(err)
	}
	if b.Name != "申江区市场监管局注册登记窗口党支部" || !slices.Equal(b.Groups, []string{"第一党小组", "第二党小组"}) ||
		b.RecordsFrom != data.NewDate(2026, 1, 1) {
		t.Errorf("branch %q groups %q records from %v; want the window branch, two groups, 2026-01-01", b.Name, b.Groups, b.RecordsFrom)
	}
	ms, err := l.Members()
	if err != nil {
		t.Fatal(err)
	}
	perGroup := map[string]int{}
	var roles, probationary []string
	secretary := ""
	for _, m := range ms {
		perGroup[m.Group]++
		if m.CommitteeRole != "" {
			roles = append(roles, m.CommitteeRole)
		}
		if m.CommitteeRole == "书记" {
			secretary = m.Name
		}
		if m.Category == data.Probationary {
			probationary = append(probationary, m.Joined.String())
		}
	}
	slices.Sort(roles)
	slices.Sort(probationary)
	if len(ms) != 14 || perGroup["第一党小组"] != 7 || perGroup["第二党小组"] != 7 {
		t.Errorf("got %d members %v, want 14, 7 in each group", len(ms), perGroup)
	}
	if !slices.Equal(roles, []string{"书记", "宣传委员", "组织委员"}) || secretary == "" || b.Secretary != secretary {
		t.Errorf("committee %q, secretary %q (branch says %q); want 书记, 组织委员, 宣传委员", roles, secretary, b.Secretary)
	}
	if !slices.Equal(probationary, []string{"2025-12-13", "2025-12-14"}) {
		t.Errorf("probationary members joined %q, want 2025-12-13 and 2025-12-14", probationary)
	}

	ss, err := l.Sessions(data.NewDate(2026, 1, 1), data.NewDate(2026, 12, 31))
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[data.Kind]int{}
	past, closed, themed, marks := 0, 0, 0, 0
	for _, s := range ss {
		kinds[s.Kind]++
		if s.ThemedDay {
			themed++
		}
		if s.Closed {
			closed++
		}
		got, err := l.Marks(s.ID)
		if err != nil {
			t.Fatal(err)
		}
		marks += len(got)
		if s.Date <= data.NewDate(2026, 11, 29) {
			past++
		} else if len(got) != 0 {
			t.Errorf("%v %s: %d marks before it is held", s.Date, s.Kind, len(got))
		}
	}
	want := map[data.Kind]int{data.NoonClassroom: 48, data.CommitteeMeeting: 11, data.GroupMeeting: 24,
		data.GeneralMeeting: 4, data.PartyLecture: 4, data.OrgLifeMeeting: 1, data.JointActivity: 1}
	if len(ss) != 93 || past != 85 || closed != 85 || themed != 12 || marks != 926 {
		t.Errorf("2026: %d sessions, %d past, %d closed, %d themed days, %d marks; want 93, 85, 85, 12, 926",
			len(ss), past, closed, themed, marks)
	}
	for k, n := range want {
		if kinds[k] != n {
			t.Errorf("%s: got %d sessions, want %d", k, kinds[k], n)
		}
	}
	last, err := l.Sessions(data.NewDate(2025, 1, 1), data.NewDate(2025, 12, 31))
	if err != nil || len(last) != 1 || last[0].Kind != data.OrgLifeMeeting || last[0].Date != data.NewDate(2025, 12, 19) {
		t.Errorf("2025: got %+v, %v; want last year's 组织生活会 on 2025-12-19", last, err)
	}
}

// TestWriteSameDaySameLedger writes the example twice on the same clock:
// the members, their ID numbers and every mark are the same.
func TestWriteSameDaySameLedger(t *testing.T) {
	a, b := openExample(t, demo.Write), openExample(t, demo.Write)
	summary := func(l *data.Ledger) []string {
		ms, err := l.Members()
		if err != nil {
			t.Fatal(err)
		}
		byID := map[uuid.UUID]string{}
		var out []string
		for _, m := range ms {
			byID[m.ID] = m.IDNumber
			out = append(out, m.Name+" "+m.IDNumber+" "+m.Phone)
		}
		ss, err := l.Sessions(data.NewDate(2026, 1, 1), data.NewDate(2026, 12, 31))
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range ss {
			marks, err := l.Marks(s.ID)
			if err != nil {
				t.Fatal(err)
			}
			for id, m := range marks {
				out = append(out, fmt.Sprintf("%v %s %s %d %d", s.Date, s.Theme, byID[id], m.Status, m.Reason))
			}
		}
		slices.Sort(out)
		return out
	}
	if sa, sb := summary(a), summary(b); !slices.Equal(sa, sb) {
		t.Errorf("two writes on the same day differ: %d and %d lines", len(sa), len(sb))
	}
}

// TestWriteDues checks the example ledger's year of dues on the test clock
// (2026-11-29): two members in arrears, one 少交 decision, a voluntary
// payment to the centre.
func TestWriteDues(t *testing.T) {
	l := openExample(t, demo.Write)
	y, err := l.DuesYear(2026)
	if err != nil {
		t.Fatal(err)
	}
	if len(y.Rows) != 14 {
		t.Fatalf("%d rows, want 14", len(y.Rows))
	}
	var warned []int
	reduced := 0
	for _, r := range y.Rows {
		if !r.DueKnown {
			t.Errorf("%s has no base", r.Member.Name)
		}
		if r.Warning > 0 {
			warned = append(warned, r.Unpaid)
		}
		if r.Account.Reduction != nil {
			reduced++
			if r.Due != 1000 || r.Account.Reduction.ApprovedBy != "申江区市场监督管理局机关党委" {
				t.Errorf("少交: due %d approved by %q", r.Due, r.Account.Reduction.ApprovedBy)
			}
		}
	}
	slices.Sort(warned)
	if !slices.Equal(warned, []int{3, 5}) || reduced != 1 {
		t.Errorf("warned members' unpaid months %v, %d reductions; want [3 5] and 1", warned, reduced)
	}
	if len(y.Voluntary) != 1 || !y.Voluntary[0].ToCentre() {
		t.Errorf("voluntary %+v, want one payment to the centre", y.Voluntary)
	}
}
