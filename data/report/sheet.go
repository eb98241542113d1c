package report

import (
	"fmt"
	"slices"

	"github.com/xuri/excelize/v2"
)

// sheetWriter writes one report sheet either in excelize's normal mode or
// with its StreamWriter, behind one set of calls, so a report can stream
// when it is large and keep normal mode when it is small.
//
// The StreamWriter serialises parts of the worksheet at fixed moments
// (excelize v2.11.1 stream.go): sheetPr (fit to page) when it is created,
// panes and column widths at the first row, and page setup, conditional
// formats, auto filter and data validation at Flush. So the page is set up
// before the stream writer exists, panes and widths come before any row,
// and everything else before finish; settings made after Flush are lost.
type sheetWriter struct {
	f    *excelize.File
	name string
	sw   *excelize.StreamWriter
	buf  []any
	// rowStyle, when set, is given to every streamed row: a row style
	// spares excelize its search of the column styles for every cell
	// (prepareCellStyle), which otherwise dominates a wide sheet.
	rowStyle int
	// spread is page.spread: no fit to page at finish.
	spread bool
	// titleCols, when set, are the columns repeated at the left of every
	// printed page (A to titleCols).
	titleCols int
	// headWidth is the width the note under the title wraps in;
	// firstPageCols, when set, the columns of a spread sheet's first page.
	headWidth     float64
	firstPageCols int
}

// page is a sheet's print setup (A4, one page wide) and, when known
// before writing, the extent of its cells (the dimension, which some
// readers trust for the sheet's size; a streamed sheet writes it first).
type page struct {
	landscape  bool
	cols, rows int
	// spread prints at full size across as many pages as the columns
	// need (the matrix: about 22 session columns a page), instead of
	// shrinking the sheet to one page wide.
	spread bool
}

// newSheet adds the sheet of a report and sets up its printed page.
func (b *book) newSheet(report string, pg page, stream bool) (*sheetWriter, error) {
	name := sheetName(report)
	f := b.f
	if b.first {
		if err := f.SetSheetName(f.GetSheetName(0), name); err != nil {
			return nil, err
		}
		b.first = false
	} else if _, err := f.NewSheet(name); err != nil {
		return nil, err
	}
	a4, fitW, fitH := 9, 1, 0 // fitToHeight 0: as many pages down as needed
	orient := "portrait"
	if pg.landscape {
		orient = "landscape"
	}
	layout := &excelize.PageLayoutOptions{Size: &a4, Orientation: &orient, FitToWidth: &fitW, FitToHeight: &fitH}
	if pg.spread {
		scale := uint(90)
		layout = &excelize.PageLayoutOptions{Size: &a4, Orientation: &orient, AdjustTo: &scale}
	}
	if err := f.SetPageLayout(name, layout); err != nil {
		return nil, err
	}
	w := &sheetWriter{f: f, name: name, spread: pg.spread}
	if !pg.spread {
		if err := w.fitToPage(); err != nil {
			return nil, err
		}
	}
	lr, tb, hf, centre := 0.4, 0.6, 0.3, true
	if err := f.SetPageMargins(name, &excelize.PageLayoutMarginsOptions{Left: &lr, Right: &lr, Top: &tb, Bottom: &tb,
		Header: &hf, Footer: &hf, Horizontally: &centre}); err != nil {
		return nil, err
	}
	if err := f.SetHeaderFooter(name, &excelize.HeaderFooterOptions{OddHeader: pageHeader(b.ys.Branch.Name, name),
		OddFooter: "&C第 &P 页 共 &N 页"}); err != nil {
		return nil, err
	}
	if pg.cols > 0 && pg.rows > 0 {
		if err := f.SetSheetDimension(name, "A1:"+cell(pg.cols, pg.rows)); err != nil {
			return nil, err
		}
	}
	if stream {
		sw, err := f.NewStreamWriter(name)
		if err != nil {
			return nil, err
		}
		w.sw = sw
	}
	return w, nil
}

// fitToPage turns on "fit to" printing, without which Excel ignores
// fitToWidth.
func (w *sheetWriter) fitToPage() error {
	on := true
	return w.f.SetSheetProps(w.name, &excelize.SheetPropsOptions{FitToPage: &on})
}

// widths sets the column widths, from column A, one range per run of
// equal widths. Stream mode: before rows.
//
// Excel wants the column entries in ascending order. In normal mode
// excelize keeps them so; its StreamWriter, from the second SetColWidth
// on, flattens the entries to one a column and puts the new ones first
// (excelize v2.11.1 col.go flatCols). So the stream is given the runs
// from the last to the first, which leaves them ascending. The flattened
// entries would cost a scan per cell in prepareCellStyle, which the
// streamed sheets avoid with a row style (sheetWriter.rowStyle).
func (w *sheetWriter) widths(ws []float64) error {
	if w.headWidth == 0 {
		for _, x := range ws {
			w.headWidth += x
		}
	}
	var runs [][2]int
	for i := 0; i < len(ws); {
		j := i
		for j+1 < len(ws) && ws[j+1] == ws[i] {
			j++
		}
		runs = append(runs, [2]int{i, j})
		i = j + 1
	}
	if w.sw != nil {
		slices.Reverse(runs)
	}
	for _, r := range runs {
		var err error
		if w.sw != nil {
			err = w.sw.SetColWidth(r[0]+1, r[1]+1, ws[r[0]])
		} else {
			from, _ := excelize.ColumnNumberToName(r[0] + 1)
			to, _ := excelize.ColumnNumberToName(r[1] + 1)
			err = w.f.SetColWidth(w.name, from, to, ws[r[0]])
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// freeze keeps the first cols columns and rows rows in view. Stream mode:
// before rows.
func (w *sheetWriter) freeze(cols, rows int) error {
	tl := cell(cols+1, rows+1)
	pane := "bottomRight"
	if cols == 0 {
		pane = "bottomLeft"
	}
	p := &excelize.Panes{Freeze: true, XSplit: cols, YSplit: rows, TopLeftCell: tl, ActivePane: pane,
		Selection: []excelize.Selection{{SQRef: tl, ActiveCell: tl, Pane: pane}}}
	if w.sw != nil {
		return w.sw.SetPanes(p)
	}
	return w.f.SetPanes(w.name, p)
}

// merge merges the cells from (c1, r1) to (c2, r2).
func (w *sheetWriter) merge(c1, r1, c2, r2 int) error {
	if w.sw != nil {
		return w.sw.MergeCell(cell(c1, r1), cell(c2, r2))
	}
	return w.f.MergeCell(w.name, cell(c1, r1), cell(c2, r2))
}

// row writes row r from column A; height 0 keeps the default. A cell's
// Value is a string (always written as text, never as a formula), an int,
// a float64, or nil for a cell that only carries its style.
func (w *sheetWriter) row(r int, cells []excelize.Cell, height float64) error {
	if w.sw != nil {
		w.buf = w.buf[:0]
		for i := range cells {
			w.buf = append(w.buf, &cells[i]) // pointers: no copy boxed per cell
		}
		return w.sw.SetRow(cell(1, r), w.buf, excelize.RowOpts{Height: height, StyleID: w.rowStyle})
	}
	for i, c := range cells {
		ref := cell(i+1, r)
		var err error
		switch v := c.Value.(type) {
		case nil:
		case string:
			err = w.f.SetCellStr(w.name, ref, v)
		case int:
			err = w.f.SetCellInt(w.name, ref, int64(v))
		case float64:
			err = w.f.SetCellFloat(w.name, ref, v, -1, 64)
		default:
			err = fmt.Errorf("cell %s: unexpected %T", ref, v)
		}
		if err == nil && c.StyleID != 0 {
			err = w.f.SetCellStyle(w.name, ref, ref, c.StyleID)
		}
		if err != nil {
			return err
		}
	}
	if height > 0 {
		return w.f.SetRowHeight(w.name, r, height)
	}
	return nil
}

// print sets the rows repeated at the top of every printed page and the
// print area (A1 to lastCol, lastRow).
func (w *sheetWriter) print(titleFrom, titleTo, lastCol, lastRow int) error {
	if w.sw == nil {
		if err := w.f.SetSheetDimension(w.name, "A1:"+cell(lastCol, lastRow)); err != nil {
			return err
		}
	}
	q := quoteSheet(w.name)
	titles := fmt.Sprintf("%s!$%d:$%d", q, titleFrom, titleTo)
	if w.titleCols > 0 {
		last, err := excelize.ColumnNumberToName(w.titleCols)
		if err != nil {
			return err
		}
		titles = fmt.Sprintf("%s!$A:$%s,%s", q, last, titles)
	}
	if err := w.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: w.name,
		RefersTo: titles}); err != nil {
		return err
	}
	col, err := excelize.ColumnNumberToName(lastCol)
	if err != nil {
		return err
	}
	return w.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Area", Scope: w.name,
		RefersTo: fmt.Sprintf("%s!$A$1:$%s$%d", q, col, lastRow)})
}

// finish ends the sheet: the stream is flushed; in normal mode fit to
// page is set again, since an auto filter replaces the sheet properties.
func (w *sheetWriter) finish() error {
	if w.sw != nil {
		return w.sw.Flush()
	}
	if w.spread {
		return nil
	}
	return w.fitToPage()
}

// titleRows writes the merged title row and the note line under it across
// ncols columns.
func (w *sheetWriter) titleRows(st *styles, ncols int, title, note string) error {
	if err := w.merge(1, 1, ncols, 1); err != nil {
		return err
	}
	if err := w.merge(1, 2, ncols, 2); err != nil {
		return err
	}
	row := make([]excelize.Cell, ncols)
	row[0] = excelize.Cell{StyleID: st.title, Value: title}
	for i := 1; i < ncols; i++ {
		row[i].StyleID = st.title
	}
	if err := w.row(1, row, 36); err != nil {
		return err
	}
	row = make([]excelize.Cell, 1)
	row[0] = excelize.Cell{StyleID: st.note, Value: note}
	return w.row(2, row, 20)
}

func cell(col, row int) string {
	ref, _ := excelize.CoordinatesToCellName(col, row)
	return ref
}

// quoteSheet quotes a sheet name for a reference ('党员花名册'!$A$1).
func quoteSheet(name string) string {
	return "'" + name + "'"
}

// dateSerial is an Excel date serial number (days since 1899-12-30, valid
// for dates after 1900-02-28), so a date is written as a real date cell.
func dateSerial(y, m, d int) int {
	// Days from civil, after Howard Hinnant; 25569 is 1970-01-01.
	if m <= 2 {
		y--
	}
	era := y / 400
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468 + 25569
}
