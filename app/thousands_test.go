package app

import (
	"testing"

	"branchledger/data"
)

// On the large example (5,000 members, every one expected at every
// session) the session form's 应到 count has its thousands separator.
func TestSessionFormExpectedHasThousandsSeparator(t *testing.T) {
	s, w := newTestShellOn(t, largeLedger(t))
	s.run.Wait()
	var f *sessionForm
	openSessionForm(s.env(), data.Session{Kind: data.NoonClassroom, Date: data.NewDate(2026, 11, 27)}, func() {},
		func(x *sessionForm) { f = x })
	settle(t, s, "the session form", func() bool { return f != nil })
	if got, want := f.expected.Text, "5,000 人（按活动日期和类型自动计算）"; got != want {
		t.Errorf("应到: got %q, want %q", got, want)
	}
	if !hasText(w, "5,000 人（按活动日期和类型自动计算）") {
		t.Errorf("the form does not show 5,000; texts %q", windowTexts(w))
	}
}

// A message part left out when the count is none stays out.
func TestCountOrNone(t *testing.T) {
	if got := countOrNone(0); got != nil {
		t.Errorf("countOrNone(0): got %v, want nil", got)
	}
	if got := countOrNone(12345); got != "12,345" {
		t.Errorf("countOrNone(12345): got %v, want 12,345", got)
	}
}
