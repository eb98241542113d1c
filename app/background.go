package app

import (
	"errors"
	"sync/atomic"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"branchledger/app/msg"
	"branchledger/data"
)

// purpose names what a piece of background work is for ("the members
// screen's roster", "the check-in sheet"). Of the results of work with the
// same purpose only the newest is shown: two reloads may finish in either
// order. The empty purpose never goes stale.
type purpose string

// runner is the shell's one way to run work off the UI goroutine: work runs
// on its own goroutine and its result comes back to the UI goroutine, where
// a stale result is dropped and an error is shown the same way everywhere.
// Every store call from a screen goes through it, so the window never
// freezes on a large ledger.
//
// A runner is used from the UI goroutine only (callbacks of widgets and of
// earlier results); only work runs elsewhere.
type runner struct {
	win fyne.Window
	// deliver brings a finished result's callback back to the UI
	// goroutine: fyne.Do in the program; in tests a queue that Wait
	// drains on the test goroutine.
	deliver func(func())
	results chan func() // the test runner's queue; nil in the program
	pending atomic.Int32
	gens    map[purpose]uint64 // newest generation per purpose; UI goroutine only
}

// newRunner returns the program's runner, which shows errors in win.
func newRunner(win fyne.Window) *runner {
	return &runner{win: win, deliver: fyne.Do, gens: map[purpose]uint64{}}
}

// newTestRunner returns a runner for tests: work runs on its own goroutine
// as in the program, but results wait until the test calls Wait, which
// brings them back on the test goroutine (Fyne's test driver would run
// fyne.Do on the worker's goroutine, racing with the test).
func newTestRunner(win fyne.Window) *runner {
	r := &runner{win: win, results: make(chan func()), gens: map[purpose]uint64{}}
	r.deliver = func(f func()) { r.results <- f }
	return r
}

// Wait runs, on the calling goroutine, the results of all work started so
// far and of the work those results start, until none is left. It is for
// tests (newTestRunner); on the program's runner it returns at once.
func (r *runner) Wait() {
	if r.results == nil {
		return
	}
	for r.pending.Load() > 0 {
		(<-r.results)()
	}
}

// start runs work off the UI goroutine, then done on it, unless work of
// the same (non-empty) purpose was started meanwhile.
func (r *runner) start(p purpose, work func(), done func()) {
	var gen uint64
	if p != "" {
		r.gens[p]++
		gen = r.gens[p]
	}
	r.pending.Add(1)
	go func() {
		work()
		r.deliver(func() {
			defer r.pending.Add(-1)
			if p != "" && r.gens[p] != gen {
				return
			}
			done()
		})
	}()
}

// post runs f on the UI goroutine. It is for work that reports while it
// runs (a progress bar): call it from inside work; what it posts arrives
// before work's own result.
func (r *runner) post(f func()) { r.deliver(f) }

// run runs work off the UI goroutine and hands its result, error included,
// to done on the UI goroutine. Use it where an error needs more than
// showing (opening a ledger); load and save show errors themselves.
func run[T any](r *runner, work func() (T, error), done func(T, error)) {
	var v T
	var err error
	r.start("", func() { v, err = work() }, func() { done(v, err) })
}

// load is how a screen reads: work runs off the UI goroutine; its result
// is dropped when newer work of the same purpose has started meanwhile, an
// error is shown to the user, and otherwise show puts the result on screen.
func load[T any](r *runner, p purpose, work func() (T, error), show func(T)) {
	var v T
	var err error
	r.start(p, func() { v, err = work() }, func() {
		if err != nil {
			showError(err, r.win)
			return
		}
		show(v)
	})
}

// save is how a form writes: work runs off the UI goroutine; validation
// problems from data/ go back to the form's fields through problems (nil:
// shown like other errors), other errors to the user, and saved runs on
// success.
func save[T any](r *runner, work func() (T, error), problems func([]data.Problem), saved func(T)) {
	var v T
	var err error
	r.start("", func() { v, err = work() }, func() {
		var ve *data.ValidationError
		if problems != nil && errors.As(err, &ve) {
			problems(ve.Problems)
			return
		}
		if err != nil {
			showError(err, r.win)
			return
		}
		saved(v)
	})
}

// errorText returns the words for an error from data/, in the user's
// language.
func errorText(err error) string {
	t := msg.ForError(err)
	if p, ok := t.Args["First"].(data.Problem); ok {
		t.Args["First"] = problemText(p)
	}
	return lang.L(t.Key, t.Args)
}

// problemText returns "公民身份号码：校验位不对…" for a field problem.
func problemText(p data.Problem) string {
	return lang.L("field."+p.Field) + "：" + lang.L(p.Code, p.Args)
}

// showError tells the user about an error in a dialog, in words of the
// translation files, with a 确定 button (Fyne's own says 好).
func showError(err error, w fyne.Window) {
	l := widget.NewLabel(errorText(err))
	l.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom(lang.L("common.error"), lang.L("button.ok"), l, w)
	d.Resize(fyne.NewSize(460, 220))
	d.Show()
}
