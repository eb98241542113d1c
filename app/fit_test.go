package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"branchledger/data"
)

// TestScreensFitSmallScreen checks that every screen fits the window's
// first size (1000×540, for a 1024×600 screen with its task bar): a
// screen whose minimum is larger would push the window off the screen or
// its buttons out of reach.
func TestScreensFitSmallScreen(t *testing.T) {
	s, w := newSmallBranch(t).open(t)
	w.Resize(fyne.NewSize(defaultWinWidth, defaultWinHeight))
	for id := range s.pages {
		s.show(pageID(id))
		s.run.Wait()
		if min := w.Content().MinSize(); min.Width > defaultWinWidth || min.Height > defaultWinHeight {
			t.Errorf("%s needs %.0f×%.0f, more than %d×%d", s.pages[id].key, min.Width, min.Height, defaultWinWidth, defaultWinHeight)
		}
	}
}

func TestEmptyMemberTableSaysHowToAdd(t *testing.T) {
	path := t.TempDir() + "/空台账.ledger"
	l, err := data.Create(path, data.Branch{Name: "新支部"}, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	s, w := newTestShellOn(t, path)
	s.show(pageMembers)
	s.run.Wait()
	hint := "还没有党员。点右上角“新建党员”逐个添加，或到“导入导出”导入花名册 Excel（可先点“保存导入模板”照着填写）。"
	if findObject(w, func(l *widget.Label) bool { return l.Text == hint }) == nil {
		t.Fatalf("no hint on the empty table; the window shows %q", windowTexts(w))
	}
	m := data.Member{Name: "王晓明", Gender: data.Male, Birth: data.NewDate(1980, 1, 1), IDNumber: validID(t, "31010519800101001"),
		Category: data.Full, Status: data.StatusNormal, Joined: data.NewDate(2015, 7, 1)}
	addMember(t, s.screens.members, m)
	if findObject(w, func(l *widget.Label) bool { return l.Text == hint }) != nil {
		t.Error("the hint stays once there is a member")
	}
}
