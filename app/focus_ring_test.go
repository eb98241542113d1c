package app

import (
	"image/color"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// The app's theme draws focus in a strong blue, opaque enough to see
// (Fyne's own focus colour is a faint tint), and a focused button is drawn
// differently from an unfocused one.
func TestFocusRingIsVisible(t *testing.T) {
	ft := newFocusTheme()
	for v, want := range map[fyne.ThemeVariant]color.NRGBA{
		theme.VariantLight: {R: 0x00, G: 0x5c, B: 0xd6, A: 0x80},
		theme.VariantDark:  {R: 0x66, G: 0xb2, B: 0xff, A: 0x99},
	} {
		got := ft.Color(theme.ColorNameFocus, v)
		if got != want {
			t.Errorf("focus colour, variant %d: got %v, want %v", v, got, want)
		}
		_, _, _, a := got.RGBA()
		_, _, _, def := theme.DefaultTheme().Color(theme.ColorNameFocus, v).RGBA()
		if a <= def {
			t.Errorf("variant %d: focus alpha %d not stronger than Fyne's %d", v, a>>8, def>>8)
		}
	}
	if got, want := ft.Color(theme.ColorNameForeground, theme.VariantLight), theme.DefaultTheme().Color(theme.ColorNameForeground, theme.VariantLight); got != want {
		t.Errorf("foreground: got %v, want the default theme's %v", got, want)
	}

	a := test.NewTempApp(t)
	a.Settings().SetTheme(ft)
	b := widget.NewButton("保存", func() {})
	w := test.NewWindow(b)
	t.Cleanup(w.Close)
	background := func() color.Color {
		for _, o := range test.WidgetRenderer(b).Objects() {
			if r, ok := o.(*canvas.Rectangle); ok {
				return r.FillColor
			}
		}
		t.Fatal("the button draws no background")
		return nil
	}
	before := background()
	w.Canvas().Focus(b)
	if after := background(); after == before {
		t.Errorf("focused button background %v, same as unfocused", after)
	}
}
