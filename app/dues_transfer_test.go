package app

import (
	"testing"

	"fyne.io/fyne/v2/widget"

	"branchledger/data"
)

// memberNamed returns the member called name in s's ledger.
func memberNamed(t *testing.T, s *shell, name string) data.Member {
	t.Helper()
	ms, err := s.ledger.Members()
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		if m.Name == name {
			return m
		}
	}
	t.Fatalf("no member %s", name)
	return data.Member{}
}

// On the example ledger 程秀英 has paid nothing since 2026-09 (her
// arrears run from two months before November): the 转出 dialog shows
// 党费交至：2026年8月 for the transfer letter, and so does her record once
// she has transferred out. Another reason hides it.
func TestTransferShowsDuesPaidThrough(t *testing.T) {
	s, w := newTestShell(t)
	p := openMembers(t, s)
	m := memberNamed(t, s, "程秀英")
	f := p.openForm(&m)
	f.onDepart()
	s.run.Wait()
	if !hasText(w, "党费交至：2026年8月") {
		t.Fatalf("转出 dialog: no 党费交至：2026年8月 in %q", windowTexts(w))
	}
	reason := findObject(w, func(sel *widget.Select) bool { return sel.Selected == "转出" })
	if reason == nil {
		t.Fatal("no 转出 reason in the dialog")
	}
	reason.SetSelectedIndex(2) // 去世
	if hasText(w, "党费交至：2026年8月") {
		t.Error("党费交至 still shown for 去世")
	}
	w.Canvas().Overlays().Top().Hide()

	f.depart(data.Departure{Reason: data.TransferOut, Date: data.NewDate(2026, 11, 28), Destination: "市税务局机关党委"})
	s.run.Wait()
	closeOverlays(w)
	left := memberNamed(t, s, "程秀英")
	p.openForm(&left)
	s.run.Wait()
	for _, want := range []string{"2026-11-28 转出：市税务局机关党委", "党费交至：2026年8月"} {
		if !hasText(w, want) {
			t.Errorf("the record of 程秀英 after 转出: no %q in %q", want, windowTexts(w))
		}
	}
}

// A member with no dues paid: 党费交至：无党费记录.
func TestTransferWithoutDuesSaysSo(t *testing.T) {
	b := newSmallBranch(t)
	s, w := b.open(t)
	p := openMembers(t, s)
	m := b.members["王晓明"]
	p.openForm(&m).onDepart()
	s.run.Wait()
	if !hasText(w, "党费交至：无党费记录") {
		t.Errorf("转出 dialog: no 党费交至：无党费记录 in %q", windowTexts(w))
	}
}
