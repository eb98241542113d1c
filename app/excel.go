package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// excelScreen is a placeholder until its issue builds the page.
type excelScreen struct {
	root fyne.CanvasObject
}

func newExcelScreen(s *shell) screen {
	return &excelScreen{root: widget.NewLabel(lang.L("nav.excel"))}
}

func (p *excelScreen) content() fyne.CanvasObject { return p.root }

func (p *excelScreen) shown() {}
