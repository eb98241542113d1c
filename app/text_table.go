package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// textColumn is one column of a textTable: the translation key of its
// header and its width.
type textColumn struct {
	key   string
	width float32
}

// newTextTable is a read-only table of text with a bold header row: the
// import preview's people and problems. rows is read at each refresh, so
// the caller replaces the rows and calls Refresh.
func newTextTable[R ~[4]string](rows func() []R, cols []textColumn) *widget.Table {
	t := widget.NewTable(
		func() (int, int) { return len(rows()), len(cols) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.TableCellID, o fyne.CanvasObject) {
			if rs := rows(); id.Row < len(rs) && id.Col < len(rs[id.Row]) {
				o.(*widget.Label).SetText(rs[id.Row][id.Col])
			}
		})
	t.ShowHeaderRow = true
	t.CreateHeader = func() fyne.CanvasObject {
		return widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 && id.Col < len(cols) {
			o.(*widget.Label).SetText(lang.L(cols[id.Col].key))
		}
	}
	for i, c := range cols {
		t.SetColumnWidth(i, c.width)
	}
	return t
}
