package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"branchledger/data"
)

// noonDates returns the dates of the stored Noon Classrooms of December
// 2026, in order.
func noonDates(t *testing.T, l *data.Ledger) []string {
	t.Helper()
	ss, err := l.Sessions(data.NewDate(2026, 12, 1), data.NewDate(2026, 12, 31))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, s := range ss {
		if s.Kind == data.NoonClassroom {
			out = append(out, s.Date.String())
		}
	}
	return out
}

func TestSeriesDialogShowsDuplicates(t *testing.T) {
	for _, tc := range []struct {
		choice, created string
		want            []string
	}{
		{"", "已创建 3 次活动。已跳过 1 个已有同类活动的日期。", // the default: skip
			[]string{"2026-12-04", "2026-12-11", "2026-12-18", "2026-12-25"}},
		{"仍然创建", "已创建 4 次活动。",
			[]string{"2026-12-04", "2026-12-04", "2026-12-11", "2026-12-18", "2026-12-25"}},
	} {
		s, w := newSmallBranch(t).open(t)
		p := openSessions(t, s)
		test.Tap(findButton(w, "新建系列"))
		settle(t, s, "the series dialog", func() bool { return p.series != nil })
		d := p.series
		setText(d.from.entry, "2026-12-01")
		setText(d.to.entry, "2026-12-31")
		if got, want := d.preview.Text, "将创建 4 次活动：2026-12-04 至 2026-12-25"; got != want {
			t.Errorf("preview: got %q, want %q", got, want)
		}
		if got, want := d.conflicts.Text, "其中 1 个日期已有同类型、时间重叠的活动：2026-12-04 12:00–13:00 正午课堂 · 经营范围变更"; got != want || !d.conflicts.Visible() {
			t.Errorf("duplicates: got %q (shown %v), want %q", got, d.conflicts.Visible(), want)
		}
		if got := d.onConflict.Selected; got != "跳过这些日期（推荐）" {
			t.Errorf("default choice: got %q, want 跳过这些日期（推荐）", got)
		}
		// An hour later there is no overlap: nothing to warn about.
		setText(d.start, "13:00")
		setText(d.end, "14:00")
		if d.conflicts.Visible() || d.onConflict.Visible() {
			t.Errorf("13:00–14:00 still warns: %q", d.conflicts.Text)
		}
		setText(d.start, "12:30")
		setText(d.end, "13:30")
		if !d.conflicts.Visible() {
			t.Error("12:30–13:30 overlaps 12:00–13:00 but is not shown")
		}
		if tc.choice != "" {
			d.onConflict.SetSelected(tc.choice)
		}
		test.Tap(findButton(w, "保存"))
		s.run.Wait()
		if !hasText(w, tc.created) {
			t.Errorf("%q: no message %q; the window shows %q", tc.choice, tc.created, windowTexts(w))
		}
		if got := noonDates(t, s.ledger); !equalStrings(got, tc.want) {
			t.Errorf("%q: stored %q, want %q", tc.choice, got, tc.want)
		}
	}
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestSingleSessionDuplicateAsks(t *testing.T) {
	s, w := newSmallBranch(t).open(t)
	p := openSessions(t, s)
	test.Tap(findButton(w, "新建活动"))
	settle(t, s, "the session form", func() bool { return p.form != nil })
	f := p.form
	f.kind.SetSelected("正午课堂")
	setText(f.theme, "正午课堂：注销登记")
	setText(f.date.entry, "2026-12-04")
	setText(f.start, "12:30")
	setText(f.end, "13:30")
	question := "2026-12-04 已有同类型、时间重叠的活动：12:00–13:00 正午课堂 · 经营范围变更。仍然保存这次活动吗？"
	asked := func() bool {
		return findObject(w, func(l *widget.Label) bool { return l.Text == question }) != nil
	}
	test.Tap(findButton(w, "保存"))
	s.run.Wait()
	if !asked() {
		t.Fatalf("no question before saving a duplicate; the window shows %q", windowTexts(w))
	}
	press(w, fyne.KeyEscape) // 取消: nothing saved, the form stays
	s.run.Wait()
	if got := noonDates(t, s.ledger); !equalStrings(got, []string{"2026-12-04"}) {
		t.Fatalf("after 取消: stored %q, want the one 2026-12-04 only", got)
	}
	test.Tap(findButton(w, "保存"))
	s.run.Wait()
	if !asked() {
		t.Fatal("no question the second time")
	}
	press(w, fyne.KeyReturn) // 仍然保存
	s.run.Wait()
	if got := noonDates(t, s.ledger); !equalStrings(got, []string{"2026-12-04", "2026-12-04"}) {
		t.Errorf("after 仍然保存: stored %q, want two on 2026-12-04", got)
	}
}
