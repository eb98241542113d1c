package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"branchledger/app/msg"
	"branchledger/data"
)

// background runs work off the UI goroutine and hands its result to done on
// the UI goroutine (through fyne.Do). Every store call from a screen goes
// through here, so the window never freezes on a large ledger.
func background[T any](work func() (T, error), done func(T, error)) {
	go func() {
		v, err := work()
		fyne.Do(func() { done(v, err) })
	}()
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
