package app

import (
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// showWelcome shows the first-run choices (built out by the desktop app issue).
func (s *shell) showWelcome() {
	s.win.SetContent(container.NewCenter(widget.NewLabel(lang.L("app.name"))))
}
