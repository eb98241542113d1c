package report

import (
	"fmt"

	"github.com/xuri/excelize/v2"

	"branchledger/data"
)

// The attendance matrix's split into sheets, and its last sheet: the
// year's totals per member.

// autoQuarter is the number of held sessions in a year above which an
// unspecified split (Options.MatrixBy empty) is by quarter. Each month of
// such a year is wider than four printed pages anyway, and excelize keeps
// every streamed sheet's buffer (32 MiB once a sheet passes 16 MiB) until
// the workbook is written: twelve month sheets of the large example hold
// about 400 MiB, four quarter sheets about 160 MiB.
const autoQuarter = 300

// matrixBy is the split asked for, or, when none is, by month up to
// autoQuarter sessions a year and by quarter above.
func matrixBy(asked string, held int) string {
	switch {
	case asked != "":
		return asked
	case held > autoQuarter:
		return ByQuarter
	}
	return ByMonth
}

// matrixParts splits the held sessions (in date order) by month or
// quarter; a period without sessions has no sheet.
func matrixParts(held []data.SessionStat, by string) []matrixPart {
	quarters := [...]string{"", "第一季度", "第二季度", "第三季度", "第四季度"}
	var out []matrixPart
	key := func(d data.Date) int {
		if by == ByQuarter {
			return d.Quarter()
		}
		return int(d.Month())
	}
	for j := 0; j < len(held); {
		k := key(held[j].Session.Date)
		e := j
		for e < len(held) && key(held[e].Session.Date) == k {
			e++
		}
		p := matrixPart{from: j, to: e, title: fmt.Sprintf("%d月", k)}
		if by == ByQuarter {
			p.title = quarters[k]
		}
		p.name = sheetName(Matrix) + "（" + p.title + "）"
		out = append(out, p)
		j = e
	}
	return out
}

// writeYear writes the year's totals per member: counts, rate and
// make-up studies over every month's sheet.
func (s *matrixSheet) writeYear(b *book) error {
	st := b.st
	nm := len(s.members)
	ncols := fixedCols + len(matrixTotals)
	hdr := formRows
	name := sheetName(Matrix)
	if len(s.parts) > 0 {
		name += "（全年）"
	}
	w, err := b.newSheet(name, page{cols: ncols, rows: hdr + nm + 1 + footRows}, true)
	if err != nil {
		return err
	}
	w.rowStyle = st.plain
	if err := w.widths(s.widths(b, 0)); err != nil {
		return err
	}
	if err := w.freeze(fixedCols, hdr); err != nil {
		return err
	}
	title := fmt.Sprintf("%s %d 年考勤汇总（全年合计）", b.ys.Branch.Name, b.opt.Year)
	note := fmt.Sprintf("%s　共 %d 次活动，逐次考勤见各月（季度）表　统计截至 %s", rateRule(b.ys.LeaveCounts), len(s.held), b.asOf())
	if err := w.formHead(b, ncols, title, note); err != nil {
		return err
	}
	if err := w.row(hdr, headerCells(st, append([]string{"序号", "姓名", "党小组"}, matrixTotals[:]...)), 30); err != nil {
		return err
	}
	row := make([]excelize.Cell, ncols)
	done, owed := 0, 0
	for i := range s.members {
		m := &s.members[i]
		row[0] = excelize.Cell{StyleID: st.num, Value: i + 1}
		row[1] = excelize.Cell{StyleID: st.textC, Value: m.Member.Name}
		row[2] = excelize.Cell{StyleID: st.textC, Value: m.Member.Group}
		totalCells(b, row[fixedCols:], m.Counts, s.done[i], s.owed[i], false)
		done, owed = done+s.done[i], owed+s.owed[i]
		if err := w.row(hdr+1+i, row, 0); err != nil {
			return err
		}
		b.prog.add(1)
	}
	r := hdr + 1 + nm
	if err := w.merge(1, r, fixedCols, r); err != nil {
		return err
	}
	for c := range row {
		row[c] = excelize.Cell{StyleID: st.textB}
	}
	row[0].Value = "全年合计"
	totalCells(b, row[fixedCols:], b.ys.Total, done, owed, true)
	if err := w.row(r, row, 0); err != nil {
		return err
	}
	last, err := w.formFoot(b, r+1, ncols)
	if err != nil {
		return err
	}
	if err := w.finish(); err != nil {
		return err
	}
	return w.print(hdr, hdr, ncols, last)
}
