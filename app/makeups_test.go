package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/google/uuid"

	"branchledger/data"
)

func TestMakeUpLeavesOwedList(t *testing.T) {
	s, w := quietShell(t)
	w.Resize(fyne.NewSize(1100, 1000))
	l := s.ledger
	c := openCheckin(t, s)
	c.showMakeUps()
	p := c.makeups
	settle(t, s, "the owed list", func() bool { return len(p.owed) > 0 })
	n := len(p.owed)
	want := p.owed[0]
	if !strings.Contains(p.summary.Text, "待补学") {
		t.Errorf("summary %q, want 待补学 N 人次", p.summary.Text)
	}
	var btn *widget.Button
	settle(t, s, "the first owed row on screen", func() bool {
		eachObject(p.list, func(o fyne.CanvasObject) {
			row, ok := o.(*fyne.Container)
			if !ok || btn != nil || len(row.Objects) != 3 {
				return
			}
			what, ok := row.Objects[0].(*widget.Label)
			if ok && strings.HasPrefix(what.Text, want.Session.Date.String()) && strings.Contains(what.Text, want.Session.Theme) {
				if name, ok := row.Objects[1].(*fyne.Container).Objects[0].(*widget.Label); ok && name.Text == want.Member.Name {
					btn = row.Objects[2].(*widget.Button)
				}
			}
		})
		return btn != nil
	})
	test.Tap(btn)
	var how *widget.RadioGroup
	for _, o := range w.Canvas().Overlays().List() {
		eachObject(o, func(o fyne.CanvasObject) {
			if r, ok := o.(*widget.RadioGroup); ok {
				how = r
			}
		})
	}
	if how == nil {
		t.Fatal("no make-up form")
	}
	how.SetSelected("与书记谈话")
	test.Tap(findButton(w, "保存"))
	settle(t, s, "the list without it", func() bool { return len(p.owed) == n-1 })
	for _, o := range p.owed {
		if o.Session.ID == want.Session.ID && o.Member.ID == want.Member.ID {
			t.Errorf("%s %s still owed after recording", o.Member.Name, o.Session.Date)
		}
	}
	mus, err := l.MakeUps()
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, mu := range mus {
		if mu.SessionID == want.Session.ID && mu.MemberID == want.Member.ID {
			found = mu.Method == data.TalkWithSec && mu.Date == l.Today()
		}
	}
	if !found {
		t.Errorf("make-up of %s not in the ledger as 与书记谈话 on %s", want.Member.Name, l.Today())
	}
	if c.roll == nil || c.roll.Session.ID == uuid.Nil {
		t.Error("check-in sheet lost")
	}
}
