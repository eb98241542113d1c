package app

import (
	"path/filepath"
	"testing"
	"time"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"branchledger/data"
	"branchledger/data/demo"
)

// The window on the large example ledger (5,000 members, 1,000 sessions,
// a million marks): the first screen answers while loads still run, and
// no screen puts an unbounded text or an unbounded number of rows into
// widgets built on the UI goroutine.

// Limits of what one widget built on the UI goroutine may hold: a label
// of more than maxLabelRunes, or a container of more than maxChildren
// objects, grows with the ledger (virtualised lists and tables do not).
const (
	maxLabelRunes = 400
	maxChildren   = 200
)

// largeLedger writes the large example ledger in a temporary folder.
func largeLedger(tb testing.TB) string {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "大台账.ledger")
	if err := demo.WriteLarge(path, testOptions()); err != nil {
		tb.Fatal(err)
	}
	return path
}

// unbounded returns, for every label or container under o that holds more
// than the limits, a line saying what and how much.
func unbounded(o fyne.CanvasObject) []string {
	var out []string
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if o == nil {
			return
		}
		switch x := o.(type) {
		case *widget.Label:
			if n := utf8.RuneCountInString(x.Text); n > maxLabelRunes {
				out = append(out, "label of "+itoa(n)+" characters: "+string([]rune(x.Text)[:40])+"…")
			}
		case *fyne.Container:
			if len(x.Objects) > maxChildren {
				out = append(out, "container of "+itoa(len(x.Objects))+" objects")
			}
			for _, c := range x.Objects {
				walk(c)
			}
			return
		case *widget.List, *widget.Table:
			return // virtualised: only the rows on screen exist
		}
		if w, ok := o.(fyne.Widget); ok {
			for _, c := range test.WidgetRenderer(w).Objects() {
				walk(c)
			}
		}
	}
	walk(o)
	return out
}

func itoa(n int) string { return thousands(n) }

func TestLargeLedgerFirstScreenAnswersWhileLoading(t *testing.T) {
	path := largeLedger(t)
	s, w := newTestShellOn(t, path)
	// The overview's load was started by opening the ledger; its worker
	// is blocked handing the result back until the test runner's Wait.
	if s.current != pageOverview || s.run.pending.Load() == 0 {
		t.Fatalf("on opening: page %d, %d loads in flight; want the overview with its load running", s.current, s.run.pending.Load())
	}
	if !hasText(w, "正在处理") && !hasText(w, "近期活动") {
		t.Errorf("the overview is not on screen while it loads: %q", windowTexts(w))
	}
	// A tap on 党员 is handled at once: the members screen shows, with its
	// search usable, while the overview's load is still running.
	s.nav.Select(int(pageMembers))
	if s.current != pageMembers || s.run.pending.Load() == 0 {
		t.Fatalf("after the tap: page %d, %d loads in flight; want 党员 with loads still running", s.current, s.run.pending.Load())
	}
	search := findEntryWithPlaceHolder(w, "查找：姓名、拼音或首字母（如 zs）")
	if search == nil || search.Disabled() {
		t.Fatalf("the members' search is not usable while loading: %q", windowTexts(w))
	}
	s.run.Wait()
	if !hasText(w, "5,000") {
		t.Errorf("the members screen after loading does not count 5,000: %q", windowTexts(w))
	}
	// Every screen, once loaded, holds bounded widgets.
	for _, id := range []pageID{pageOverview, pageMembers, pageSessions, pageCheckin, pageStats, pageSettings} {
		s.show(id)
		s.run.Wait()
		if bad := unbounded(w.Content()); len(bad) > 0 {
			t.Errorf("%s: %q", s.pages[id].key, bad)
		}
	}
}

// BenchmarkScreensLargeLedger times the UI goroutine's share of opening
// each screen on the large ledger: building it, and each result callback
// with the layout it causes (MinSize of the whole window). max-ui-ms is
// the longest single stretch after the window opened; small-max-ui-ms the
// same on the reference branch (14 members), measured in the same run as
// the floor; first-ui-ms is the longest stretch while the window opened
// (its first layout and the overview's first result: the text shaper
// loads its fonts then, on any ledger).
func BenchmarkScreensLargeLedger(b *testing.B) {
	large, small := largeLedger(b), filepath.Join(b.TempDir(), "示例台账.ledger")
	if err := demo.Write(small, testOptions()); err != nil {
		b.Fatal(err)
	}
	var worstLarge, worstSmall, firstLarge time.Duration
	runLarge := func() {
		first, rest := screensStall(b, large)
		worstLarge, firstLarge = max(worstLarge, rest), max(firstLarge, first)
	}
	runSmall := func() {
		_, rest := screensStall(b, small)
		worstSmall = max(worstSmall, rest)
	}
	for i := 0; i < b.N; i++ {
		// Alternate the order, so neither run always goes first.
		if i%2 == 0 {
			runLarge()
			runSmall()
		} else {
			runSmall()
			runLarge()
		}
	}
	b.ReportMetric(float64(worstLarge.Microseconds())/1000, "max-ui-ms")
	b.ReportMetric(float64(worstSmall.Microseconds())/1000, "small-max-ui-ms")
	b.ReportMetric(float64(firstLarge.Microseconds())/1000, "first-ui-ms")
}

// screensStall opens the ledger at path in a test window and visits every
// screen, returning the longest time the UI goroutine spent in one go
// while the window opened, and afterwards.
func screensStall(b *testing.B, path string) (first, worst time.Duration) {
	b.Helper()
	a := test.NewTempApp(b)
	w := test.NewWindow(nil)
	defer w.Close()
	w.Resize(fyne.NewSize(1024, 600))
	l, err := data.Open(path, testOptions())
	if err != nil {
		b.Fatal(err)
	}
	r := newTestRunner(w)
	opening := true // the window's first layout and the overview's first result
	timed := func(f func()) {
		t0 := time.Now()
		f()
		w.Content().MinSize()
		if d := time.Since(t0); opening {
			first = max(first, d)
		} else {
			worst = max(worst, d)
		}
	}
	deliver := r.deliver
	r.deliver = func(f func()) { deliver(func() { timed(f) }) }
	s := newShell(a, w, r)
	defer s.closeLedger()
	defer r.Wait()
	timed(func() { s.setLedger(l) })
	r.Wait()
	opening = false
	for _, id := range []pageID{pageMembers, pageSessions, pageCheckin, pageStats, pageExcel, pageSettings, pageOverview} {
		timed(func() { s.show(id) })
		r.Wait()
	}
	return first, worst
}
