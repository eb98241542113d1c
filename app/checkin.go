package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// checkinScreen is a placeholder until its issue builds the page.
type checkinScreen struct {
	root fyne.CanvasObject
}

func newCheckinScreen(s *shell) screen {
	return &checkinScreen{root: widget.NewLabel(lang.L("nav.checkin"))}
}

func (p *checkinScreen) content() fyne.CanvasObject { return p.root }

func (p *checkinScreen) shown() {}
