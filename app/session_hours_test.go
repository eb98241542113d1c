package app

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"branchledger/data"
)

func TestSessionFormStudyHours(t *testing.T) {
	s, w := quietShell(t)
	l := s.ledger
	p := openSessions(t, s)
	test.Tap(findButton(w, "新建活动"))
	settle(t, s, "the session form", func() bool { return p.form != nil })
	f := p.form
	f.kind.SetSelected("党课")
	setText(f.theme, "党课：学时")
	setText(f.date.entry, "2026-12-03")
	setText(f.start, "14:00")
	setText(f.end, "15:30")
	setText(f.hours, "两小时")
	test.Tap(findButton(w, "保存"))
	if lb := f.problems[fieldStudyHours]; !lb.Visible() || lb.Text != "学时须为 0 到 24 之间的数字，如 1 或 2.5" {
		t.Errorf("学时 两小时: got %q (shown %v)", lb.Text, lb.Visible())
	}
	setText(f.hours, "2.5")
	test.Tap(findButton(w, "保存"))
	var got []data.Session
	settle(t, s, "the saved session", func() bool {
		var err error
		got, err = l.Sessions(20261203, 20261203)
		return err == nil && len(got) == 1
	})
	if got[0].StudyHours != 2.5 || got[0].Hours() != 2.5 {
		t.Errorf("saved study hours %v (Hours %v), want 2.5", got[0].StudyHours, got[0].Hours())
	}
}

func TestParseHours(t *testing.T) {
	tests := []struct {
		in   string
		want float64
		ok   bool
	}{
		{"", 0, true}, {" 1 ", 1, true}, {"2.5", 2.5, true}, {"24", 24, true},
		{"25", 0, false}, {"-1", 0, false}, {"NaN", 0, false}, {"Inf", 0, false}, {"两", 0, false}, {"1,5", 0, false},
	}
	for _, tc := range tests {
		if got, ok := parseHours(tc.in); got != tc.want || ok != tc.ok {
			t.Errorf("parseHours(%q) = %v, %v; want %v, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

// FuzzParseHours checks that whatever is typed, an accepted value is a
// number from 0 to 24 that reads back the same when shown.
func FuzzParseHours(f *testing.F) {
	for _, s := range []string{"", "1", "2.5", "24", "25", "-1", "NaN", "Inf", "1e1", "0x10"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		h, ok := parseHours(s)
		if !ok {
			if h != 0 {
				t.Errorf("parseHours(%q) refused but returned %v", s, h)
			}
			return
		}
		if !(h >= 0 && h <= 24) {
			t.Errorf("parseHours(%q) = %v, outside 0–24", s, h)
		}
		if back, ok := parseHours(hoursText(h)); !ok || back != h {
			t.Errorf("parseHours(%q) = %v does not read back from %q", s, h, hoursText(h))
		}
	})
}
