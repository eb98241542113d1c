package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// tapChip is a small tappable button that is not a keyboard stop. The
// check-in rows use it for 出席/迟到/请假/缺席: with widget.Button, Tab
// walked through four buttons on every row of a 5,000-member list before
// reaching anything else; the rows are marked from the keyboard with the
// arrow keys and 1–4 instead.
type tapChip struct {
	widget.BaseWidget
	Text       string
	Importance widget.Importance // Medium, High, Success, Warning or Danger
	OnTapped   func()
}

func newTapChip(text string, tapped func()) *tapChip {
	c := &tapChip{Text: text, Importance: widget.MediumImportance, OnTapped: tapped}
	c.ExtendBaseWidget(c)
	return c
}

// Tapped runs OnTapped.
func (c *tapChip) Tapped(*fyne.PointEvent) {
	if c.OnTapped != nil {
		c.OnTapped()
	}
}

// Cursor is the pointing hand, as over a button.
func (c *tapChip) Cursor() desktop.Cursor { return desktop.PointerCursor }

// CreateRenderer draws a rounded rectangle with the text centred.
func (c *tapChip) CreateRenderer() fyne.WidgetRenderer {
	bg := canvas.NewRectangle(color.Transparent)
	txt := canvas.NewText(c.Text, color.Black)
	txt.Alignment = fyne.TextAlignCenter
	r := &chipRenderer{chip: c, bg: bg, txt: txt}
	r.Refresh()
	return r
}

type chipRenderer struct {
	chip *tapChip
	bg   *canvas.Rectangle
	txt  *canvas.Text
}

func (r *chipRenderer) Destroy() {}

func (r *chipRenderer) Layout(size fyne.Size) {
	r.bg.Resize(size)
	ts := r.txt.MinSize()
	r.txt.Resize(fyne.NewSize(size.Width, ts.Height))
	r.txt.Move(fyne.NewPos(0, (size.Height-ts.Height)/2))
}

func (r *chipRenderer) MinSize() fyne.Size {
	p := theme.InnerPadding()
	return r.txt.MinSize().Add(fyne.NewSize(2*p, p))
}

func (r *chipRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.bg, r.txt} }

// Refresh colours the chip as a button of its importance.
func (r *chipRenderer) Refresh() {
	th := r.chip.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	bgName, fgName := theme.ColorNameButton, theme.ColorNameForeground
	switch r.chip.Importance {
	case widget.HighImportance:
		bgName, fgName = theme.ColorNamePrimary, theme.ColorNameForegroundOnPrimary
	case widget.SuccessImportance:
		bgName, fgName = theme.ColorNameSuccess, theme.ColorNameForegroundOnSuccess
	case widget.WarningImportance:
		bgName, fgName = theme.ColorNameWarning, theme.ColorNameForegroundOnWarning
	case widget.DangerImportance:
		bgName, fgName = theme.ColorNameError, theme.ColorNameForegroundOnError
	}
	r.bg.FillColor = th.Color(bgName, v)
	r.bg.CornerRadius = th.Size(theme.SizeNameInputRadius)
	r.txt.Text = r.chip.Text
	r.txt.Color = th.Color(fgName, v)
	r.txt.TextSize = th.Size(theme.SizeNameText)
	r.bg.Refresh()
	r.txt.Refresh()
}
