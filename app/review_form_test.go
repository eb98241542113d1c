package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/google/uuid"

	"branchledger/data"
)

// newDemoReviewForm builds the 2026 review form on the example ledger: 12
// full members graded (at most 4 优秀), two probationary members ungraded.
func newDemoReviewForm(t *testing.T) (*shell, *reviewForm, *bool) {
	t.Helper()
	s, _ := quietShell(t) // no work running: the test looks for work the form starts
	l := s.ledger
	ss, err := l.Sessions(data.NewDate(2026, 1, 1), data.NewDate(2026, 12, 31))
	if err != nil {
		t.Fatal(err)
	}
	ms, err := l.Members()
	if err != nil {
		t.Fatal(err)
	}
	saved := false
	f := newReviewForm(s.env(), 2026, ss, ms, nil, func() { saved = true })
	return s, f, &saved
}

func TestReviewFormRefusesMoreThanAThird(t *testing.T) {
	s, f, saved := newDemoReviewForm(t)
	if len(f.graded) != 12 || len(f.ungraded) != 2 {
		t.Fatalf("got %d graded and %d ungraded, want 12 and 2", len(f.graded), len(f.ungraded))
	}
	if got := f.session.Selected; !strings.Contains(got, "2026-12-18 组织生活会") {
		t.Errorf("session chosen %q, want the year's 组织生活会", got)
	}
	for _, r := range f.graded[:5] {
		r.grade.SetSelected("优秀")
	}
	if !f.problem.Visible() || f.problem.Text != "评议等次：评为优秀的 5 人超过参评人数（12 人）的三分之一，最多 4 人" {
		t.Errorf("with 5 优秀 of 12 the form says %q (visible %v)", f.problem.Text, f.problem.Visible())
	}
	test.Tap(f.save)
	if s.run.pending.Load() != 0 || *saved {
		t.Fatal("the form began saving 5 优秀 of 12")
	}
	if r, err := s.ledger.Review(2026); err != nil || r != nil {
		t.Fatalf("after the refusal the ledger holds %v, %v; want no review", r, err)
	}

	f.graded[4].grade.SetSelected("合格")
	if f.problem.Visible() {
		t.Errorf("with 4 优秀 of 12 the form still warns %q", f.problem.Text)
	}
	if f.count.Text != "参加评议 14 人，评定等次 12 人，优秀 4 人（最多 4 人，不超过三分之一）" {
		t.Errorf("count line %q", f.count.Text)
	}
	test.Tap(f.save)
	settle(t, s, "the review saved", func() bool { return *saved })
	r, err := s.ledger.Review(2026)
	if err != nil || r == nil {
		t.Fatalf("Review(2026) = %v, %v", r, err)
	}
	excellent := 0
	for _, g := range r.Grades {
		if g == data.GradeExcellent {
			excellent++
		}
	}
	if excellent != 4 || len(r.Grades) != 12 || len(r.Ungraded) != 2 || r.Date != 20261218 {
		t.Errorf("stored %d 优秀 of %d graded, %d ungraded, on %v; want 4 of 12, 2, 2026-12-18", excellent, len(r.Grades), len(r.Ungraded), r.Date)
	}
}

func TestReviewFormThreeGraded(t *testing.T) {
	s, _ := newEmptyTestShell(t)
	ms := []data.Member{
		{ID: uuid.New(), Name: "甲", Category: data.Full, Status: data.StatusNormal, Joined: 20100701},
		{ID: uuid.New(), Name: "乙", Category: data.Full, Status: data.StatusNormal, Joined: 20100701},
		{ID: uuid.New(), Name: "丙", Category: data.Full, Status: data.StatusNormal, Joined: 20100701},
	}
	ss := []data.Session{{ID: uuid.New(), Kind: data.OrgLifeMeeting, Theme: "组织生活会", Date: 20261218}}
	f := newReviewForm(s.env(), 2026, ss, ms, nil, nil)
	f.graded[0].grade.SetSelected("优秀")
	if f.problem.Visible() {
		t.Errorf("one 优秀 of three is allowed, the form says %q", f.problem.Text)
	}
	f.graded[1].grade.SetSelected("优秀")
	test.Tap(f.save)
	if !f.problem.Visible() || !strings.Contains(f.problem.Text, "最多 1 人") || s.run.pending.Load() != 0 {
		t.Errorf("two 优秀 of three: the form says %q (visible %v), saving %v", f.problem.Text, f.problem.Visible(), s.run.pending.Load() != 0)
	}
}
