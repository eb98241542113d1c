package app

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"branchledger/data"
	"branchledger/data/demo"
)

// TestMain makes Chinese the language of every screen test, whatever the
// machine's locale: the assertions are on the words a Chinese user reads.
func TestMain(m *testing.M) {
	if err := os.Setenv("LANG", "zh_CN.UTF-8"); err != nil {
		fmt.Fprintln(os.Stderr, "setting LANG:", err)
		os.Exit(2)
	}
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANGUAGE"} {
		if err := os.Unsetenv(v); err != nil {
			fmt.Fprintln(os.Stderr, "unsetting", v+":", err)
			os.Exit(2)
		}
	}
	if err := loadTranslations(); err != nil {
		fmt.Fprintln(os.Stderr, "loading translations:", err)
		os.Exit(2)
	}
	if args, ok := childRunArgs(); ok {
		os.Exit(Run(args)) // the program itself, for start_test.go
	}
	os.Exit(m.Run())
}

// testNow is the fixed clock of the screen tests: the day of the reference
// branch's screenshot, 2026-11-29.
func testNow() time.Time { return time.Date(2026, 11, 29, 10, 0, 0, 0, time.Local) }

// testOptions opens ledgers on the fixed clock, without the daily backup.
func testOptions() data.Options { return data.Options{Now: testNow, NoBackup: true} }

// newTestShell starts a test app and window showing the main layout on a
// real ledger in t.TempDir() holding the example branch (14 members, a year
// of sessions up to 2026-11-29). The ledger is closed when the test ends.
func newTestShell(t testing.TB) (*shell, fyne.Window) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "示例台账.ledger")
	if err := demo.Write(path, testOptions()); err != nil {
		t.Fatal(err)
	}
	return newTestShellOn(t, path)
}

// newTestShellOn is newTestShell on the ledger file at path.
func newTestShellOn(t testing.TB, path string) (*shell, fyne.Window) {
	t.Helper()
	a := test.NewTempApp(t)
	w := test.NewWindow(nil)
	w.Resize(fyne.NewSize(1100, 720))
	t.Cleanup(w.Close)
	l, err := data.Open(path, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	s := newShell(a, w, newTestRunner(w))
	t.Cleanup(s.closeLedger)
	t.Cleanup(s.run.Wait) // first: no work left running on a closed ledger
	s.setLedger(l)
	return s, w
}

// newEmptyTestShell starts a test app and window with no ledger open, as on
// first start.
func newEmptyTestShell(t testing.TB) (*shell, fyne.Window) {
	t.Helper()
	a := test.NewTempApp(t)
	w := test.NewWindow(nil)
	w.Resize(fyne.NewSize(1100, 720))
	t.Cleanup(w.Close)
	s := newShell(a, w, newTestRunner(w))
	t.Cleanup(s.closeLedger)
	t.Cleanup(s.run.Wait) // first: no work left running on a closed ledger
	return s, w
}

// settle runs the results of the work the screens have started, and of
// the work those results start, on the test goroutine (the test runner's
// Wait), then fails the test unless cond holds: tests wait on the work,
// not on the clock.
func settle(t testing.TB, s *shell, what string, cond func() bool) {
	t.Helper()
	s.run.Wait()
	if !cond() {
		t.Fatalf("after the background work, no %s", what)
	}
}

// visibleTexts returns every piece of text drawn under o (labels, buttons,
// entries, table cells that are on screen), depth first.
func visibleTexts(o fyne.CanvasObject) []string {
	var out []string
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if o == nil || !o.Visible() {
			return
		}
		switch x := o.(type) {
		case *canvas.Text:
			out = append(out, x.Text)
			return
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
			return
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(x).Objects() {
				walk(c)
			}
		}
	}
	walk(o)
	return out
}

// windowTexts is visibleTexts of the window content and its overlays
// (dialogs and pop-ups).
func windowTexts(w fyne.Window) []string {
	out := visibleTexts(w.Content())
	for _, o := range w.Canvas().Overlays().List() {
		out = append(out, visibleTexts(o)...)
	}
	return out
}

// hasText reports whether some text drawn in the window contains want.
func hasText(w fyne.Window, want string) bool {
	for _, s := range windowTexts(w) {
		if strings.Contains(s, want) {
			return true
		}
	}
	return false
}

// findObject returns the first visible object of type T that match
// accepts, looking in the top-most dialog first, then the window; the zero
// T when there is none.
func findObject[T fyne.CanvasObject](w fyne.Window, match func(T) bool) T {
	var found T
	done := false
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if done || o == nil || !o.Visible() {
			return
		}
		if x, ok := o.(T); ok && match(x) {
			found, done = x, true
			return
		}
		if e, ok := o.(*escEntry); ok { // a form field: the Entry inside
			if x, ok := fyne.CanvasObject(&e.Entry).(T); ok && match(x) {
				found, done = x, true
				return
			}
		}
		switch x := o.(type) {
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(x).Objects() {
				walk(c)
			}
		}
	}
	ovs := w.Canvas().Overlays().List()
	for i := len(ovs) - 1; i >= 0; i-- { // the top-most dialog first
		walk(ovs[i])
	}
	walk(w.Content())
	return found
}

// findButton returns the first visible, enabled-or-not button whose text
// is label, or nil.
func findButton(w fyne.Window, label string) *widget.Button {
	return findObject(w, func(b *widget.Button) bool { return b.Text == label })
}

func TestTestShellIsChinese(t *testing.T) {
	s, w := newTestShell(t)
	if s.ledger == nil {
		t.Fatal("no ledger open")
	}
	if got, want := w.Title(), "申江区市场监管局注册登记窗口党支部"; !strings.Contains(got, want) {
		t.Errorf("title %q, want it to contain %q", got, want)
	}
	if !hasText(w, "党员") {
		t.Errorf("navigation texts %q, want 党员 among them", windowTexts(w))
	}
}
