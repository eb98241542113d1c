package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// settingsScreen is a placeholder until its issue builds the page.
type settingsScreen struct {
	root fyne.CanvasObject
}

func newSettingsScreen(s *shell) screen {
	return &settingsScreen{root: widget.NewLabel(lang.L("nav.settings"))}
}

func (p *settingsScreen) content() fyne.CanvasObject { return p.root }

func (p *settingsScreen) shown() {}
