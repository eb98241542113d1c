package app

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2/test"

	"branchledger/data"
)

// TestSessionFormCredits: a Noon Classroom credited as the month's themed
// Party day and the quarter's party lecture is saved so; the box of the
// session's own kind is hidden.
func TestSessionFormCredits(t *testing.T) {
	s, w := quietShell(t)
	p := openSessions(t, s)
	test.Tap(findButton(w, "新建活动"))
	settle(t, s, "the session form", func() bool { return p.form != nil })
	f := p.form
	f.kind.SetSelected("正午课堂")
	if !f.rows["credits"][1].Visible() {
		t.Fatal("the credits row is hidden")
	}
	for k, ch := range f.credits.checks {
		if !ch.Visible() {
			t.Errorf("%s: hidden for a Noon Classroom", k)
		}
	}
	f.credits.checks[data.ThemedPartyDay].SetChecked(true)
	f.credits.checks[data.PartyLecture].SetChecked(true)
	setText(f.theme, "正午课堂：经营范围变更")
	sess, ps := f.collect()
	if len(ps) != 0 || !sess.ThemedDay || !slices.Equal(sess.Credits, []data.Kind{data.PartyLecture}) {
		t.Errorf("got themed day %v credits %v problems %v; want themed day and [party_lecture]", sess.ThemedDay, sess.Credits, ps)
	}
	f.kind.SetSelected("党课")
	if f.credits.checks[data.PartyLecture].Visible() {
		t.Error("a party lecture offers to count as a party lecture")
	}
	sess, _ = f.collect()
	if !sess.ThemedDay || len(sess.Credits) != 0 {
		t.Errorf("party lecture: got themed day %v credits %v; want the themed day only", sess.ThemedDay, sess.Credits)
	}
}
