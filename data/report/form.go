package report

import (
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"
)

// The furniture of a submitted form: the title, the line naming who files
// it (填报单位 / 填报人 / 联系电话 / 填报日期, from the branch profile), a
// note, then the table's header at formRows; under the table a blank row
// and the signature line (支部书记（签字）, 党组织（盖章）).
const (
	formRows = 4 // the header row of a form's table
	footRows = 2 // rows under the table: a blank one and the signatures
)

// dateWidth fits yyyy-mm-dd in any CJK body font, with a margin.
const dateWidth = 12.5

// formLine is the 填报 line under a report's title.
func (b *book) formLine() string {
	br := &b.ys.Branch
	blank := "　　　　　　"
	or := func(s string) string {
		if strings.TrimSpace(s) == "" {
			return blank
		}
		return s
	}
	return fmt.Sprintf("填报单位：%s　　填报人：%s　　联系电话：%s　　填报日期：%s",
		br.Name, or(br.Reporter), or(br.ReporterPhone), b.today)
}

// formHead writes the merged title row, the 填报 line and the note line
// across ncols columns; the table's header goes at row formRows. A sheet
// printed across several pages (spread) merges them over the columns of
// its first page only, so that they are printed whole.
func (w *sheetWriter) formHead(b *book, ncols int, title, note string) error {
	st := b.st
	if w.firstPageCols > 0 {
		ncols = min(ncols, w.firstPageCols)
	}
	for r := 1; r <= 3; r++ {
		if err := w.merge(1, r, ncols, r); err != nil {
			return err
		}
	}
	row := make([]excelize.Cell, ncols)
	row[0] = excelize.Cell{StyleID: st.title, Value: title}
	for i := 1; i < ncols; i++ {
		row[i].StyleID = st.title
	}
	if err := w.row(1, row, 36); err != nil {
		return err
	}
	if err := w.row(2, []excelize.Cell{{StyleID: st.note, Value: b.formLine()}}, 20); err != nil {
		return err
	}
	// The note wraps within the width of the merged columns.
	h := 20.0
	if w.headWidth > 0 {
		h = max(h, fitHeight([]excelize.Cell{{Value: note}}, []float64{w.headWidth}))
	}
	return w.row(3, []excelize.Cell{{StyleID: st.noteWrap, Value: note}}, h)
}

// pageUnits is how many units of column width an A4 landscape page holds
// at 90% between the margins (measured on LibreOffice's rendering of
// 宋体 11 pt, which Excel and WPS match within a few units).
const pageUnits = 125.0

// layout decides how a sheet of column widths ws is printed: on one page
// wide when it is at most 15% wider than pageUnits (so printed at about
// 78% or more), else spread over pages at 90% (spread true). It records the width the title rows wrap in and, for
// a spread sheet, how many columns the first page holds.
func (w *sheetWriter) layout(ws []float64) (spread bool) {
	total := 0.0
	for _, x := range ws {
		total += x
	}
	w.headWidth = min(total, pageUnits)
	if total <= 1.15*pageUnits {
		w.headWidth = total
		return false
	}
	sum := 0.0
	for i, x := range ws {
		if sum+x > pageUnits {
			w.firstPageCols = max(1, i)
			break
		}
		sum += x
	}
	return true
}

// formFoot writes the signature line at row r+1 (row r stays blank) and
// returns it as the sheet's last row.
func (w *sheetWriter) formFoot(b *book, r, ncols int) (int, error) {
	r++
	half := max(1, ncols/2)
	if err := w.merge(1, r, half, r); err != nil {
		return 0, err
	}
	if ncols > half+1 {
		if err := w.merge(half+1, r, ncols, r); err != nil {
			return 0, err
		}
	}
	row := make([]excelize.Cell, half+1)
	row[0] = excelize.Cell{StyleID: b.st.sign, Value: "支部书记（签字）："}
	row[half] = excelize.Cell{StyleID: b.st.sign, Value: "党组织（盖章）："}
	if ncols == 1 {
		row = []excelize.Cell{{StyleID: b.st.sign, Value: "支部书记（签字）：　　　　　　　党组织（盖章）："}}
	}
	return r, w.row(r, row, 40)
}

// pageHeader names the branch and the report at the top of every printed
// page, so a loose page identifies itself ("&" doubled for Excel).
func pageHeader(branch, report string) string {
	esc := func(s string) string { return strings.ReplaceAll(s, "&", "&&") }
	return "&L" + esc(branch) + "&R" + esc(report)
}
