package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// membersScreen is a placeholder until its issue builds the page.
type membersScreen struct {
	root fyne.CanvasObject
}

func newMembersScreen(s *shell) screen {
	return &membersScreen{root: widget.NewLabel(lang.L("nav.members"))}
}

func (p *membersScreen) content() fyne.CanvasObject { return p.root }

func (p *membersScreen) shown() {}
