package app

import (
	"fmt"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// barChart draws the monthly attendance rate as bars with canvas
// primitives: one bar per month with its percentage above and 1月…12月
// below. A month without sessions has no bar and a dash.
type barChart struct {
	widget.BaseWidget
	labels []string
	values []float64 // 0…1; NaN for no value
}

func newBarChart(labels []string) *barChart {
	c := &barChart{labels: labels, values: make([]float64, len(labels))}
	for i := range c.values {
		c.values[i] = math.NaN()
	}
	c.ExtendBaseWidget(c)
	return c
}

// SetValues replaces the bars' values (NaN for none) and redraws.
func (c *barChart) SetValues(v []float64) {
	c.values = append(c.values[:0], v...)
	c.Refresh()
}

// CreateRenderer builds the bars and texts.
func (c *barChart) CreateRenderer() fyne.WidgetRenderer {
	r := &barChartRenderer{chart: c, axis: canvas.NewLine(theme.Color(theme.ColorNameForeground)),
		half: canvas.NewLine(theme.Color(theme.ColorNameSeparator)), full: canvas.NewLine(theme.Color(theme.ColorNameSeparator))}
	for _, l := range c.labels {
		r.bars = append(r.bars, canvas.NewRectangle(theme.Color(theme.ColorNamePrimary)))
		v := canvas.NewText("", theme.Color(theme.ColorNameForeground))
		v.Alignment = fyne.TextAlignCenter
		v.TextSize = theme.CaptionTextSize()
		r.values = append(r.values, v)
		t := canvas.NewText(l, theme.Color(theme.ColorNameForeground))
		t.Alignment = fyne.TextAlignCenter
		r.labels = append(r.labels, t)
	}
	r.Refresh()
	return r
}

type barChartRenderer struct {
	chart            *barChart
	bars             []*canvas.Rectangle
	values, labels   []*canvas.Text
	axis, half, full *canvas.Line
}

func (r *barChartRenderer) Destroy() {}

func (r *barChartRenderer) MinSize() fyne.Size {
	return fyne.NewSize(float32(len(r.bars))*40, 180)
}

func (r *barChartRenderer) Objects() []fyne.CanvasObject {
	out := []fyne.CanvasObject{r.half, r.full, r.axis}
	for i := range r.bars {
		out = append(out, r.bars[i], r.values[i], r.labels[i])
	}
	return out
}

func (r *barChartRenderer) Layout(size fyne.Size) {
	n := len(r.bars)
	if n == 0 {
		return
	}
	pad := theme.Padding()
	labelH := fyne.MeasureText("12月", theme.TextSize(), fyne.TextStyle{}).Height
	valueH := fyne.MeasureText("100%", theme.CaptionTextSize(), fyne.TextStyle{}).Height
	base := size.Height - labelH - pad
	plot := base - valueH - pad
	if plot < 1 {
		plot = 1
	}
	slot := size.Width / float32(n)
	barW := slot * 0.6
	r.axis.Position1, r.axis.Position2 = fyne.NewPos(0, base), fyne.NewPos(size.Width, base)
	r.full.Position1, r.full.Position2 = fyne.NewPos(0, base-plot), fyne.NewPos(size.Width, base-plot)
	r.half.Position1, r.half.Position2 = fyne.NewPos(0, base-plot/2), fyne.NewPos(size.Width, base-plot/2)
	for i := range r.bars {
		x := slot*float32(i) + (slot-barW)/2
		h := float32(0)
		if v := r.chart.values[i]; !math.IsNaN(v) {
			h = float32(math.Max(0, math.Min(1, v))) * plot
		}
		r.bars[i].Move(fyne.NewPos(x, base-h))
		r.bars[i].Resize(fyne.NewSize(barW, h))
		r.values[i].Move(fyne.NewPos(slot*float32(i), base-h-valueH-pad/2))
		r.values[i].Resize(fyne.NewSize(slot, valueH))
		r.labels[i].Move(fyne.NewPos(slot*float32(i), base+pad/2))
		r.labels[i].Resize(fyne.NewSize(slot, labelH))
	}
}

func (r *barChartRenderer) Refresh() {
	fg, primary := theme.Color(theme.ColorNameForeground), theme.Color(theme.ColorNamePrimary)
	r.axis.StrokeColor, r.axis.StrokeWidth = fg, 1
	r.half.StrokeColor, r.full.StrokeColor = theme.Color(theme.ColorNameSeparator), theme.Color(theme.ColorNameSeparator)
	r.half.StrokeWidth, r.full.StrokeWidth = 1, 1
	for i := range r.bars {
		v := r.chart.values[i]
		r.bars[i].FillColor = primary
		r.values[i].Color, r.labels[i].Color = fg, fg
		if math.IsNaN(v) {
			r.values[i].Text = "—"
		} else {
			r.values[i].Text = fmt.Sprintf("%.1f%%", v*100)
		}
	}
	r.Layout(r.chart.Size())
	for _, o := range r.Objects() {
		o.Refresh()
	}
}
