package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// statsScreen is a placeholder until its issue builds the page.
type statsScreen struct {
	root fyne.CanvasObject
}

func newStatsScreen(s *shell) screen {
	return &statsScreen{root: widget.NewLabel(lang.L("nav.stats"))}
}

func (p *statsScreen) content() fyne.CanvasObject { return p.root }

func (p *statsScreen) shown() {}
