package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"branchledger/data"
)

func TestTalkLogAdds(t *testing.T) {
	s, _ := quietShell(t)
	l := s.ledger
	ms, err := l.Members()
	if err != nil {
		t.Fatal(err)
	}
	ts, err := l.Talks()
	if err != nil {
		t.Fatal(err)
	}
	changed := false
	tl := newTalkLog(s.env(), ms, ts, func() { changed = true })
	_ = tl.content()
	before := len(tl.talks)
	if tl.count.Text != "2026 年已登记 3 次谈心谈话" {
		t.Errorf("count %q", tl.count.Text)
	}
	tl.a.SetText(ms[0].Name)
	tl.b.SetText(ms[0].Name)
	test.Tap(findTalkAdd(t, tl))
	settle(t, s, "the refusal", func() bool { return tl.problem.Visible() })
	if tl.problem.Text != "谈话对象：谈话双方不能是同一人" {
		t.Errorf("talk with oneself: %q", tl.problem.Text)
	}
	tl.b.SetText(ms[2].Name)
	tl.topic.SetText("年度工作交流")
	test.Tap(findTalkAdd(t, tl))
	settle(t, s, "the talk added", func() bool { return changed })
	if len(tl.talks) != before+1 || tl.talks[0].Topic != "年度工作交流" || tl.problem.Visible() {
		t.Errorf("after adding: %d talks (want %d), first %+v", len(tl.talks), before+1, tl.talks[0])
	}
	stored, err := l.Talks()
	if err != nil || len(stored) != len(ts)+1 {
		t.Fatalf("stored %d talks (%v), want %d", len(stored), err, len(ts)+1)
	}
	got := stored[len(stored)-1]
	if got.A != ms[0].ID || got.B != ms[2].ID || got.Date != 20261129 {
		t.Errorf("stored %+v", got)
	}
}

// findTalkAdd returns the log's 添加 button.
func findTalkAdd(t *testing.T, tl *talkLog) *widget.Button {
	t.Helper()
	var b *widget.Button
	eachObject(tl.content(), func(o fyne.CanvasObject) {
		if x, ok := o.(*widget.Button); ok && strings.HasPrefix(x.Text, "添加") && b == nil {
			b = x
		}
	})
	if b == nil {
		t.Fatal("no 添加 button")
	}
	return b
}

func TestTermCardSaves(t *testing.T) {
	s, w := quietShell(t)
	tc := newTermCard(s.env())
	tc.reload()
	settle(t, s, "the branch read", func() bool { return tc.end.Text != "" })
	if tc.end.Text != "本届任期至 2027-01-15" || tc.typ.Selected != "机关、企事业单位等（任期 3 年）" {
		t.Errorf("demo term: %q, %q", tc.end.Text, tc.typ.Selected)
	}
	tc.typ.SetSelected("社区（任期 5 年）")
	if tc.end.Text != "本届任期至 2029-01-15" {
		t.Errorf("a community branch: %q", tc.end.Text)
	}
	tc.onSave()
	settle(t, s, "已保存 said", func() bool { return hasText(w, "已保存") })
	b, err := s.ledger.Branch()
	if err != nil || b.Type != data.BranchCommunity || b.CommitteeElected != 20240115 {
		t.Errorf("branch after saving: %s %v (%v)", b.Type, b.CommitteeElected, err)
	}
}

func TestEventTextConfirmation(t *testing.T) {
	for what, want := range map[string]string{
		"confirmation:on_time":   "2026-12-15 按期转正",
		"confirmation:extended":  "2026-12-15 延长预备期",
		"confirmation:cancelled": "2026-12-15 取消预备党员资格",
	} {
		if got := eventText(data.MemberEvent{What: what, Date: 20261215}); got != want {
			t.Errorf("%s: got %q, want %q", what, got, want)
		}
	}
}
