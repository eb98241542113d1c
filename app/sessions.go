package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// sessionsScreen is a placeholder until its issue builds the page.
type sessionsScreen struct {
	root fyne.CanvasObject
}

func newSessionsScreen(s *shell) screen {
	return &sessionsScreen{root: widget.NewLabel(lang.L("nav.sessions"))}
}

func (p *sessionsScreen) content() fyne.CanvasObject { return p.root }

func (p *sessionsScreen) shown() {}
