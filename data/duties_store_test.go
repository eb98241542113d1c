package data

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/google/uuid"
)

// problemCode returns the first problem code of a *ValidationError, or the
// error text.
func problemCode(err error) string {
	var ve *ValidationError
	if errors.As(err, &ve) {
		return ve.Problems[0].Code
	}
	if err == nil {
		return ""
	}
	return err.Error()
}

func reopen(t *testing.T, l *Ledger) *Ledger {
	t.Helper()
	path := l.Path()
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	l2, err := Open(path, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = l2.Close() })
	return l2
}

func saveSession(t *testing.T, l *Ledger, k Kind, d Date) Session {
	t.Helper()
	s := Session{Kind: k, Theme: string(k), Date: d}
	if err := l.SaveSession(&s); err != nil {
		t.Fatal(err)
	}
	return s
}

func TestRecordConfirmation(t *testing.T) {
	l := newTestLedger(t)
	a, b := makeMember("周预备", 1), makeMember("吴预备", 2)
	a.Category, a.Joined = Probationary, 20251120
	b.Category, b.Joined = Probationary, 20251120
	if err := l.SaveMembers([]*Member{&a, &b}); err != nil {
		t.Fatal(err)
	}
	early := saveSession(t, l, GeneralMeeting, 20261119)
	lecture := saveSession(t, l, PartyLecture, 20261125)
	meet := saveSession(t, l, GeneralMeeting, 20261125)
	later := saveSession(t, l, GeneralMeeting, 20270521)

	steps := []struct {
		name string
		c    Confirmation
		want string
	}{
		{"before the year is up", Confirmation{MemberID: a.ID, SessionID: early.ID, Result: ConfirmOnTime}, ProblemConfirmationEarly},
		{"not a general meeting", Confirmation{MemberID: a.ID, SessionID: lecture.ID, Result: ConfirmOnTime}, ProblemNotGeneralMeeting},
		{"extension one day short of 6 months", Confirmation{MemberID: a.ID, SessionID: meet.ID, Result: ConfirmExtend, ExtendedUntil: 20270519}, ProblemExtensionLength},
		{"extension beyond a year", Confirmation{MemberID: a.ID, SessionID: meet.ID, Result: ConfirmExtend, ExtendedUntil: 20271121}, ProblemExtensionLength},
		{"extension of 6 months", Confirmation{MemberID: a.ID, SessionID: meet.ID, Result: ConfirmExtend, ExtendedUntil: 20270520}, ""},
		{"a second extension", Confirmation{MemberID: a.ID, SessionID: later.ID, Result: ConfirmExtend, ExtendedUntil: 20271120}, ProblemExtendedTwice},
		{"confirmed before the extension ends", Confirmation{MemberID: a.ID, SessionID: meet.ID, Result: ConfirmOnTime}, ProblemConfirmationEarly},
		{"confirmed after the extension", Confirmation{MemberID: a.ID, SessionID: later.ID, Result: ConfirmOnTime}, ""},
		{"decided twice", Confirmation{MemberID: a.ID, SessionID: later.ID, Result: ConfirmOnTime}, ProblemNotProbationary},
		{"cancelled", Confirmation{MemberID: b.ID, SessionID: meet.ID, Result: ConfirmCancel}, ""},
		{"unknown result", Confirmation{MemberID: b.ID, SessionID: meet.ID, Result: "maybe"}, ProblemBadChoice},
	}
	for _, st := range steps {
		c := st.c
		if got := problemCode(l.RecordConfirmation(&c)); got != st.want {
			t.Errorf("%s: got %q, want %q", st.name, got, st.want)
		}
	}

	l = reopen(t, l)
	ga, err := l.Member(a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if ga.Category != Full || ga.Confirmed != 20270520 {
		t.Errorf("after 转正: category %s, confirmed %v; want full, 2027-05-20", ga.Category, ga.Confirmed)
	}
	gb, err := l.Member(b.ID)
	if err != nil {
		t.Fatal(err)
	}
	if gb.Left == nil || gb.Left.Reason != Removed || gb.Left.Date != 20261125 || gb.Status != StatusRemoved {
		t.Errorf("after 取消预备党员资格: left %+v, status %s; want removed on 2026-11-25", gb.Left, gb.Status)
	}
	recs, err := l.Confirmations(a.ID)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range recs {
		got = append(got, fmt.Sprintf("%v %s end %v until %v", r.Meeting, r.Result, r.ProbationEnd, r.ExtendedUntil))
	}
	want := []string{"2026-11-25 extended end 2026-11-20 until 2027-05-20", "2027-05-21 on_time end 2027-05-20 until "}
	if !slices.Equal(got, want) {
		t.Errorf("records:\n got %q\nwant %q", got, want)
	}
}

func TestSaveReviewOneThird(t *testing.T) {
	l := newTestLedger(t)
	var ptrs []*Member
	for i := 0; i < 15; i++ {
		m := makeMember(fmt.Sprintf("党员%02d", i), i)
		ptrs = append(ptrs, &m)
	}
	ptrs[14].Category, ptrs[14].Joined = Probationary, 20260301
	if err := l.SaveMembers(ptrs); err != nil {
		t.Fatal(err)
	}
	olm := saveSession(t, l, OrgLifeMeeting, 20261120)
	lastYear := saveSession(t, l, OrgLifeMeeting, 20251120)
	lecture := saveSession(t, l, PartyLecture, 20261120)
	grades := func(excellent int) map[uuid.UUID]Grade {
		g := map[uuid.UUID]Grade{}
		for i, m := range ptrs[:14] {
			g[m.ID] = GradeQualified
			if i < excellent {
				g[m.ID] = GradeExcellent
			}
		}
		return g
	}
	steps := []struct {
		name string
		r    Review
		want string
	}{
		{"five of fourteen 优秀", Review{Year: 2026, SessionID: olm.ID, Grades: grades(5)}, ProblemExcellentCap},
		{"a probationary member graded", Review{Year: 2026, SessionID: olm.ID, Grades: map[uuid.UUID]Grade{ptrs[14].ID: GradeQualified}}, ProblemProbationaryGrade},
		{"a party lecture", Review{Year: 2026, SessionID: lecture.ID, Grades: grades(1)}, ProblemReviewSession},
		{"last year's session", Review{Year: 2026, SessionID: lastYear.ID, Grades: grades(1)}, ProblemReviewSession},
		{"four of fourteen 优秀", Review{Year: 2026, SessionID: olm.ID, Grades: grades(4), Ungraded: []uuid.UUID{ptrs[14].ID}}, ""},
		{"2025's appraisal at a meeting of 2025", Review{Year: 2025, SessionID: lastYear.ID, Grades: grades(1)}, ""},
		{"2024's appraisal at a meeting of November 2025", Review{Year: 2024, SessionID: lastYear.ID, Grades: grades(1)}, ProblemReviewSession},
	}
	for _, st := range steps {
		r := st.r
		if got := problemCode(l.SaveReview(&r)); got != st.want {
			t.Errorf("%s: got %q, want %q", st.name, got, st.want)
		}
	}
	l = reopen(t, l)
	r, err := l.Review(2026)
	if err != nil || r == nil {
		t.Fatalf("Review(2026) = %v, %v", r, err)
	}
	if r.Date != 20261120 || len(r.Grades) != 14 || r.Grades[ptrs[0].ID] != GradeExcellent || r.Grades[ptrs[4].ID] != GradeQualified || len(r.Ungraded) != 1 {
		t.Errorf("read back: date %v, %d grades, first %s, fifth %s, %d ungraded", r.Date, len(r.Grades), r.Grades[ptrs[0].ID], r.Grades[ptrs[4].ID], len(r.Ungraded))
	}
	if r, err := l.Review(2024); r != nil || err != nil {
		t.Errorf("Review(2024) = %v, %v; want none", r, err)
	}
}

func TestCheckGradesThree(t *testing.T) {
	ids := []uuid.UUID{uuid.New(), uuid.New(), uuid.New()}
	one := map[uuid.UUID]Grade{ids[0]: GradeExcellent, ids[1]: GradeBasic, ids[2]: GradeUnqualified}
	if p := CheckGrades(one); p != nil {
		t.Errorf("one 优秀 of three: got %+v, want accepted", p)
	}
	two := map[uuid.UUID]Grade{ids[0]: GradeExcellent, ids[1]: GradeExcellent, ids[2]: GradeQualified}
	if p := CheckGrades(two); p == nil || p.Code != ProblemExcellentCap || p.Args["Max"] != 1 {
		t.Errorf("two 优秀 of three: got %+v, want the cap of 1", p)
	}
}

// dutyLine renders a duty for comparison.
func dutyLine(d Duty) string {
	s := fmt.Sprintf("%s %s %v %s", d.Kind, d.Subject, d.Due, d.Rule)
	if d.Overdue {
		s += " overdue"
	}
	if d.Count > 0 {
		s += fmt.Sprintf(" %d:%s", d.Count, strings.Join(d.Names, ","))
	}
	return s
}

func TestDuties(t *testing.T) {
	l := newTestLedger(t) // today is 2026-11-29
	names := []string{"书记甲", "委员乙", "委员丙", "党员丁", "预备戊", "预备己"}
	var ptrs []*Member
	for i, n := range names {
		m := makeMember(n, i)
		ptrs = append(ptrs, &m)
	}
	ptrs[0].CommitteeRole, ptrs[1].CommitteeRole, ptrs[2].CommitteeRole = "书记", "组织委员", "宣传委员"
	ptrs[4].Category, ptrs[4].Joined = Probationary, 20251213 // due 2026-12-13: within a month
	ptrs[5].Category, ptrs[5].Joined = Probationary, 20260601 // due 2027-06-01: not yet shown
	if err := l.SaveMembers(ptrs); err != nil {
		t.Fatal(err)
	}
	b, err := l.Branch()
	if err != nil {
		t.Fatal(err)
	}
	b.CommitteeElected = 20240110 // term ends 2027-01-10; reminded from 2026-07-10
	if err := l.SaveBranch(b); err != nil {
		t.Fatal(err)
	}
	// One 4-hour session everybody attended.
	s := Session{Kind: PartyLecture, Theme: "党课", Date: 20260305, Start: "08:00", End: "12:00"}
	if err := l.SaveSession(&s); err != nil {
		t.Fatal(err)
	}
	marks := map[uuid.UUID]Mark{}
	for _, m := range ptrs {
		marks[m.ID] = Mark{Status: Present}
	}
	if err := l.SetMarks(s.ID, marks, false); err != nil {
		t.Fatal(err)
	}
	if err := l.SaveTalk(&Talk{Date: 20260310, A: ptrs[0].ID, B: ptrs[1].ID, Topic: "工作分工"}); err != nil {
		t.Fatal(err)
	}
	if err := l.SaveTalk(&Talk{Date: 20260311, A: ptrs[3].ID, B: ptrs[2].ID}); err != nil {
		t.Fatal(err)
	}
	if err := l.SaveTalk(&Talk{Date: 20251231, A: ptrs[0].ID, B: ptrs[2].ID}); err != nil { // last year's does not count
		t.Fatal(err)
	}
	got, err := l.Duties(60)
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, d := range got {
		lines = append(lines, dutyLine(d))
	}
	want := []string{
		"confirmation 预备戊 2026-12-13 confirmation",
		"org_life_meeting 测试支部 2026-12-31 org_life_meeting",
		"review 测试支部 2026-12-31 review",
		"study_hours 测试支部 2026-12-31 study_hours 6:书记甲,委员乙,委员丙,党员丁,预备戊",
		"talk 书记甲、委员丙 2026-12-31 talk_committee",
		"talk 委员乙、委员丙 2026-12-31 talk_committee",
		"talk 测试支部 2026-12-31 talk_members 2:预备戊,预备己",
		"election 测试支部 2027-01-10 election",
	}
	if !slices.Equal(lines, want) {
		t.Errorf("Duties(60):\n got %q\nwant %q", lines, want)
	}
	// Overdue: no election date at all, and a probation already past.
	b.CommitteeElected = 0
	if err := l.SaveBranch(b); err != nil {
		t.Fatal(err)
	}
	got, err = l.Duties(0)
	if err != nil {
		t.Fatal(err)
	}
	if d := got[0]; dutyLine(d) != "election 测试支部 2026-11-29 election_missing" {
		t.Errorf("first duty without an election date: got %q", dutyLine(d))
	}
}

func TestSaveTalkRefuses(t *testing.T) {
	l := newTestLedger(t)
	m := makeMember("王晓明", 0)
	if err := l.SaveMember(&m); err != nil {
		t.Fatal(err)
	}
	if got := problemCode(l.SaveTalk(&Talk{Date: 20260101, A: m.ID, B: m.ID})); got != ProblemSamePerson {
		t.Errorf("talk with oneself: got %q", got)
	}
	if err := l.SaveTalk(&Talk{Date: 20260101, A: m.ID, B: uuid.New()}); !errors.Is(err, ErrNotFound) {
		t.Errorf("talk with a stranger: got %v, want ErrNotFound", err)
	}
	if got := problemCode(l.SaveTalk(&Talk{A: m.ID, B: uuid.New()})); got != ProblemBadDate {
		t.Errorf("talk without a date: got %q", got)
	}
}

func TestDemoDuties(t *testing.T) {
	l := newDemoLedger(t) // today is 2026-11-29
	ds, err := l.Duties(60)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range ds {
		if d.Kind == DutyConfirmation || d.Kind == DutyElection || d.Kind == DutyReview {
			got = append(got, fmt.Sprintf("%s %v", d.Kind, d.Due))
		}
	}
	want := []string{"confirmation 2026-12-13", "confirmation 2026-12-14", "review 2026-12-31", "election 2027-01-15"}
	if !slices.Equal(got, want) {
		t.Errorf("demo duties: got %q, want %q", got, want)
	}
	r, err := l.Review(2025)
	if err != nil || r == nil {
		t.Fatalf("last year's review: %v, %v", r, err)
	}
	excellent := 0
	for _, g := range r.Grades {
		if g == GradeExcellent {
			excellent++
		}
	}
	if r.Date != 20251219 || len(r.Grades) != 12 || len(r.Ungraded) != 2 || excellent != 3 {
		t.Errorf("last year's review: %v, %d graded, %d ungraded, %d excellent; want 2025-12-19, 12, 2, 3", r.Date, len(r.Grades), len(r.Ungraded), excellent)
	}
}

func TestSetCommitteeTerm(t *testing.T) {
	l := newTestLedger(t)
	if err := l.SetCommitteeTerm(20240110, BranchCommunity); err != nil {
		t.Fatal(err)
	}
	if got := problemCode(l.SetCommitteeTerm(20261130, BranchCommunity)); got != ProblemFuture {
		t.Errorf("an election tomorrow: got %q", got)
	}
	if got := problemCode(l.SetCommitteeTerm(20240110, "town")); got != ProblemBadChoice {
		t.Errorf("an unknown branch type: got %q", got)
	}
	l = reopen(t, l)
	b, err := l.Branch()
	if err != nil {
		t.Fatal(err)
	}
	if b.CommitteeElected != 20240110 || b.Type != BranchCommunity || b.Name != "测试支部" || len(b.Groups) != 2 {
		t.Errorf("branch after SetCommitteeTerm: %+v", b)
	}
	ds, err := l.Duties(0)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range ds {
		if d.Kind == DutyElection {
			t.Errorf("a community committee elected 2024-01-10 (term to 2029-01-10) is reminded now: %+v", d)
		}
	}
}
