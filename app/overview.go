package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// overviewScreen is a placeholder until its issue builds the page.
type overviewScreen struct {
	root fyne.CanvasObject
}

func newOverviewScreen(s *shell) screen {
	return &overviewScreen{root: widget.NewLabel(lang.L("nav.overview"))}
}

func (p *overviewScreen) content() fyne.CanvasObject { return p.root }

func (p *overviewScreen) shown() {}
