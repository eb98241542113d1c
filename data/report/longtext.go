package report

import (
	"fmt"
	"math"

	"github.com/xuri/excelize/v2"
)

// Excel refuses a row taller than 409 points, so a cell shows at most
// maxLines wrapped lines. A longer text is clipped in its cell, with a
// pointer to the detail sheet (长文本明细), which carries it in full over
// as many rows as it needs: nothing is lost and no row is too tall.
const (
	maxRowHeight = 409
	maxLines     = 27 // ⌊(maxRowHeight − rowPadding) ÷ lineHeight⌋
	// detailSheet is the tab that receives the clipped texts in full.
	detailSheet = "长文本明细"
	// detailWidth is the width of the detail sheet's text column.
	detailWidth = 90.0
)

// longText is one text clipped in a report cell.
type longText struct {
	sheet string // the report's sheet name
	row   int    // the row of the clipped cell
	field string // its column heading
	text  string
}

// linesOf is how many lines s takes wrapped in a column w wide.
func linesOf(s string, w float64) int {
	return int(math.Ceil(textWidth(s) / max(1, w-1.5)))
}

// clip returns s when it fits in a cell w wide; otherwise the head of s
// that fits, followed by a note saying where the full text is, and the
// full text is kept for the detail sheet.
func (b *book) clip(sheet string, row int, field, s string, w float64) string {
	if linesOf(s, w) <= maxLines {
		return s
	}
	b.long = append(b.long, longText{sheet: sheet, row: row, field: field, text: s})
	note := fmt.Sprintf("……（共 %d 字，全文见“%s”表）", len([]rune(s)), detailSheet)
	room := float64(maxLines-1)*max(1, w-1.5) - textWidth(note)
	head, used := []rune{}, 0.0
	for _, r := range s {
		rw := textWidth(string(r))
		if used+rw > room {
			break
		}
		head, used = append(head, r), used+rw
	}
	return string(head) + note
}

// chunks splits s into pieces that each fit maxLines lines of a column w
// wide.
func chunks(s string, w float64) []string {
	room := float64(maxLines-1) * max(1, w-1.5)
	var out []string
	var cur []rune
	used := 0.0
	for _, r := range s {
		rw := textWidth(string(r))
		if used+rw > room {
			out, cur, used = append(out, string(cur)), nil, 0
		}
		cur, used = append(cur, r), used+rw
	}
	return append(out, string(cur))
}

// detailSheetWriter writes the texts clipped by the reports, in full.
type detailSheetWriter struct{ texts []longText }

func (s *detailSheetWriter) rows() int { return len(s.texts) }

func (s *detailSheetWriter) write(b *book) error {
	st := b.st
	head := []string{"报表", "行", "项目", "全文（续行接上行）"}
	ncols := len(head)
	w, err := b.newSheet(detailSheet, page{}, false)
	if err != nil {
		return err
	}
	ws := widths{14, 6, 12, detailWidth}
	if err := w.widths(ws); err != nil {
		return err
	}
	if err := w.freeze(0, 3); err != nil {
		return err
	}
	if err := w.titleRows(st, ncols, b.ys.Branch.Name+" 报表长文本明细",
		"表中因超出单元格容量而截短的文字，全文依次列于此"); err != nil {
		return err
	}
	if err := w.row(3, headerCells(st, head), 20); err != nil {
		return err
	}
	r := 4
	for _, t := range s.texts {
		for k, part := range chunks(t.text, detailWidth) {
			row := []excelize.Cell{{StyleID: st.textC}, {StyleID: st.num}, {StyleID: st.textC}, {StyleID: st.textWrap, Value: part}}
			if k == 0 {
				row[0].Value, row[1].Value, row[2].Value = t.sheet, t.row, t.field
			}
			if err := w.row(r, row, fitHeight(row, ws)); err != nil {
				return err
			}
			r++
		}
	}
	if err := w.finish(); err != nil {
		return err
	}
	return w.print(3, 3, ncols, r-1)
}
