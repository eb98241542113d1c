package roster

import (
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"branchledger/data"
)

// Words renders a translation key with its arguments in the user's
// language: lang.L in the windows, the msg catalog on the command line.
type Words func(key string, args map[string]any) string

// Message returns the words of a problem alone: "公民身份号码校验位不对…".
func Message(p Problem, words Words) string {
	return words(p.Code, p.Args)
}

// Where returns the place of a problem: "Sheet1 第 3 行 E 列（公民身份号码）".
func Where(p Problem, words Words) string {
	head := p.Header
	if head == "" {
		head = words("field."+p.Field, nil)
	}
	args := map[string]any{"Sheet": p.Sheet, "Row": p.Row, "Column": p.Column, "Header": head}
	if p.Column == "" {
		return words("roster.where_no_column", args)
	}
	return words("roster.where", args)
}

// Describe returns a problem as one line: "Sheet1 第 3 行 E 列（公民身份号码）：…".
func Describe(p Problem, words Words) string {
	return Where(p, words) + words("roster.colon", nil) + Message(p, words)
}

// WriteRefused writes the plan's refused rows as a workbook to fix and
// import again: a sheet per source sheet, with the original header and
// cells (written back as text, so an ID number keeps its digits and
// nothing becomes a formula) and a last column saying what is wrong.
func WriteRefused(w io.Writer, p *Plan, words Words) error {
	f := excelize.NewFile()
	defer f.Close()
	text, err := f.NewStyle(&excelize.Style{NumFmt: 49})
	if err != nil {
		return err
	}
	red, err := f.NewStyle(&excelize.Style{NumFmt: 49, Font: &excelize.Font{Color: "C00000"}})
	if err != nil {
		return err
	}
	first := true
	for _, sh := range p.Sheets {
		var rows []*Row
		for _, r := range p.Refused {
			if r.Sheet == sh.Name {
				rows = append(rows, r)
			}
		}
		if len(rows) == 0 {
			continue
		}
		if first {
			if err := f.SetSheetName("Sheet1", sh.Name); err != nil {
				return err
			}
			first = false
		} else if _, err := f.NewSheet(sh.Name); err != nil {
			return err
		}
		width := len(sh.Header)
		for _, r := range rows {
			width = max(width, len(r.Cells))
		}
		head := append(append([]string(nil), sh.Header...), make([]string, width-len(sh.Header))...)
		head = append(head, words("roster.refused_column", nil))
		if err := writeTextRow(f, sh.Name, 1, head, text); err != nil {
			return err
		}
		dates := dateColumns(sh.Header)
		for i, r := range rows {
			cells := append(append([]string(nil), r.Cells...), make([]string, width-len(r.Cells))...)
			for c := range cells {
				// A real Excel date comes back as its serial number; write
				// it as 2001-07-01 text, which reads back the same.
				if d, ok := parseDate(cells[c]); dates[c] && ok && d != 0 {
					cells[c] = d.String()
				}
			}
			var why []string
			for _, pr := range r.Problems {
				why = append(why, Describe(pr, words))
			}
			cells = append(cells, strings.Join(why, "\n"))
			if err := writeTextRow(f, sh.Name, i+2, cells, text); err != nil {
				return err
			}
			ref := fmt.Sprintf("%s%d", columnLetter(width), i+2)
			if err := f.SetCellStyle(sh.Name, ref, ref, red); err != nil {
				return err
			}
		}
		col := columnLetter(width)
		if err := f.SetColWidth(sh.Name, col, col, 60); err != nil {
			return err
		}
	}
	return f.Write(w)
}

// dateColumns marks the columns of a header that hold dates.
func dateColumns(header []string) map[int]bool {
	out := map[int]bool{}
	for c, h := range header {
		switch MatchHeader(h) {
		case data.FieldBirth, data.FieldJoined, data.FieldConfirmed, data.FieldTransferredIn:
			out[c] = true
		}
	}
	return out
}

// writeTextRow writes cells as text strings in row n.
func writeTextRow(f *excelize.File, sheet string, n int, cells []string, style int) error {
	for c, v := range cells {
		ref := fmt.Sprintf("%s%d", columnLetter(c), n)
		if err := f.SetCellStr(sheet, ref, v); err != nil {
			return err
		}
		if err := f.SetCellStyle(sheet, ref, ref, style); err != nil {
			return err
		}
	}
	return nil
}
