package app

import (
	"fmt"
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"branchledger/data"
)

// newTestRunnerWindow is a test app, a window and a test runner on it.
func newTestRunnerWindow(t *testing.T) (*runner, fyne.Window) {
	t.Helper()
	test.NewTempApp(t)
	w := test.NewWindow(nil)
	w.Resize(fyne.NewSize(800, 600))
	t.Cleanup(w.Close)
	r := newTestRunner(w)
	t.Cleanup(r.Wait)
	return r, w
}

func TestRunnerShowsOnlyTheNewestLoadOfAPurpose(t *testing.T) {
	r, _ := newTestRunnerWindow(t)
	var shown []string
	show := func(v string) { shown = append(shown, v) }
	release := make(chan struct{})
	// The first load finishes last; however the two finish, only the
	// second may show.
	load(r, purpose("list"), func() (string, error) { <-release; return "first", nil }, show)
	load(r, purpose("list"), func() (string, error) { return "second", nil }, show)
	load(r, purpose("other"), func() (string, error) { return "other", nil }, show)
	close(release)
	r.Wait()
	slices.Sort(shown)
	if want := []string{"other", "second"}; !slices.Equal(shown, want) {
		t.Errorf("shown %q, want %q (the first list load dropped)", shown, want)
	}
}

func TestRunnerWaitRunsWorkStartedByResults(t *testing.T) {
	r, _ := newTestRunnerWindow(t)
	var steps []int
	run(r, func() (int, error) { return 1, nil }, func(v int, _ error) {
		steps = append(steps, v)
		run(r, func() (int, error) { return 2, nil }, func(v int, _ error) { steps = append(steps, v) })
	})
	r.Wait()
	if want := []int{1, 2}; !slices.Equal(steps, want) {
		t.Errorf("after Wait: steps %v, want %v", steps, want)
	}
}

func TestLoadShowsErrorsInTheWindow(t *testing.T) {
	r, w := newTestRunnerWindow(t)
	shown := false
	load(r, "", func() (int, error) { return 0, data.ErrLocked }, func(int) { shown = true })
	r.Wait()
	if shown {
		t.Error("a failed load was shown")
	}
	if !hasText(w, "已在另一个窗口") {
		t.Errorf("window texts %q, want the locked message", windowTexts(w))
	}
}

func TestSaveSendsProblemsToTheForm(t *testing.T) {
	r, w := newTestRunnerWindow(t)
	var got []data.Problem
	saved := false
	verr := &data.ValidationError{Problems: []data.Problem{{Field: data.FieldIDNumber, Code: data.ProblemDuplicateID}}}
	save(r, func() (int, error) { return 0, verr }, func(ps []data.Problem) { got = ps }, func(int) { saved = true })
	r.Wait()
	if saved || len(got) != 1 || got[0].Field != data.FieldIDNumber || got[0].Code != data.ProblemDuplicateID {
		t.Errorf("saved %v, problems %+v; want not saved and the one duplicate-ID problem", saved, got)
	}
	if n := len(w.Canvas().Overlays().List()); n != 0 {
		t.Errorf("%d dialogs open, want none: the form shows the problem", n)
	}
	// Any other error, wrapped or not, is the window's to show.
	save(r, func() (int, error) { return 0, fmt.Errorf("saving: %w", data.ErrLocked) }, func([]data.Problem) {}, func(int) { saved = true })
	r.Wait()
	if saved || !hasText(w, "已在另一个窗口") {
		t.Errorf("saved %v, window texts %q; want not saved and the locked message", saved, windowTexts(w))
	}
}

func TestRunnerPostsArriveBeforeTheResult(t *testing.T) {
	r, _ := newTestRunnerWindow(t)
	var seen []int
	run(r, func() (int, error) {
		r.post(func() { seen = append(seen, 1) })
		r.post(func() { seen = append(seen, 2) })
		return 3, nil
	}, func(v int, _ error) { seen = append(seen, v) })
	r.Wait()
	if want := []int{1, 2, 3}; !slices.Equal(seen, want) {
		t.Errorf("seen %v, want %v", seen, want)
	}
}
