package report

import (
	"fmt"

	"github.com/google/uuid"
	"github.com/xuri/excelize/v2"

	"branchledger/data"
	"branchledger/data/dues"
)

// duesSummaryHead are the columns before the twelve months; duesSummaryTail
// those after.
var (
	duesSummaryHead = [...]string{"序号", "姓名", "类别", "缴费基数（元）", "比例", "月应交（元）"}
	duesSummaryTail = [...]string{"全年应交", "全年实交", "欠交月数", "党费交至", "备注"}
)

const duesMonthCol = len(duesSummaryHead) // index of January's column

// voluntaryNoteCol is the index of the 说明 column of the voluntary
// payments (G), merged to the summary's last column.
const voluntaryNoteCol = 6

// writeSummary writes the 党费年度汇总: a row per member with what was paid
// each month, the year's due and paid, the months owed, the 党费交至 month
// and warnings; totals per month; then the voluntary payments, those of
// 1,000 元 and more marked as going to the Central Committee.
func (s *duesSheets) writeSummary(b *book) error {
	st, ds, y := b.st, s.ds, s.y
	ncols := duesMonthCol + 12 + len(duesSummaryTail)
	stream := len(y.Rows) > streamRows
	w, err := b.newSheet(duesSummarySheet, page{landscape: true, cols: ncols,
		rows: duesSummaryRows(len(y.Rows), len(y.Voluntary))}, stream)
	if err != nil {
		return err
	}
	ws := make(widths, ncols)
	// Column C holds the 交纳日期 of the voluntary payments too.
	copy(ws, []float64{6, 10, dateWidth, 12, 7, 10})
	for i := range 12 {
		ws[duesMonthCol+i] = 8
	}
	copy(ws[duesMonthCol+12:], []float64{10, 10, 7, 10, 30})
	for i := range y.Rows {
		ws[1] = max(ws[1], fitWidth(10, 20, y.Rows[i].Member.Name))
	}
	if err := w.widths(ws); err != nil {
		return err
	}
	if err := w.freeze(2, formRows); err != nil {
		return err
	}
	title := fmt.Sprintf("%s %d 年党费年度汇总", b.ys.Branch.Name, y.Year)
	note := fmt.Sprintf("金额单位：元　统计截至 %s　连续 3 个月、5 个月未交提醒；连续 6 个月未交，按党章视为自行脱党", y.AsOf)
	if err := w.formHead(b, ncols, title, note); err != nil {
		return err
	}
	header := make([]string, 0, ncols)
	header = append(header, duesSummaryHead[:]...)
	for m := 1; m <= 12; m++ {
		header = append(header, fmt.Sprintf("%d月", m))
	}
	header = append(header, duesSummaryTail[:]...)
	if err := w.row(formRows, headerCells(st, header), 30); err != nil {
		return err
	}
	row := make([]excelize.Cell, ncols)
	for i := range y.Rows {
		r := &y.Rows[i]
		base, rate := rateCells(b, ds, r)
		row[0] = excelize.Cell{StyleID: st.num, Value: i + 1}
		row[1] = excelize.Cell{StyleID: st.textC, Value: r.Member.Name}
		row[2] = excelize.Cell{StyleID: st.textC, Value: duesCategoryName(r.Account.Category)}
		row[3], row[4] = base, rate
		row[5] = yuanCell(ds.money, r.Due)
		if !r.DueKnown {
			row[5] = excelize.Cell{StyleID: st.textC, Value: "未定"}
		}
		for m, c := range r.Cells {
			row[duesMonthCol+m] = monthSummaryCell(b, ds, c)
		}
		t := duesMonthCol + 12
		row[t] = yuanCell(ds.money, r.DueTotal)
		row[t+1] = yuanCell(ds.money, r.PaidTotal)
		row[t+2] = excelize.Cell{StyleID: st.num, Value: len(r.Owed)}
		row[t+3] = excelize.Cell{StyleID: st.textC, Value: r.PaidThrough.String()}
		row[t+4] = excelize.Cell{StyleID: st.textWrap, Value: joinNotes(warningNote(r), reductionNote(r.Account.Reduction), assumedNote(r))}
		if err := w.row(formRows+1+i, row, max(20, fitHeight(row, ws))); err != nil {
			return err
		}
		b.prog.add(1)
	}
	tr := formRows + 1 + len(y.Rows)
	if err := w.merge(1, tr, duesMonthCol, tr); err != nil {
		return err
	}
	total := make([]excelize.Cell, ncols)
	for i := range total {
		total[i] = excelize.Cell{StyleID: st.textB}
	}
	total[0].Value = fmt.Sprintf("合计（%d 人）实交", len(y.Rows))
	for m := range 12 {
		total[duesMonthCol+m] = yuanCell(ds.moneyB, y.MonthPaid[m])
	}
	t := duesMonthCol + 12
	total[t], total[t+1] = yuanCell(ds.moneyB, y.DueTotal), yuanCell(ds.moneyB, y.PaidTotal)
	total[t+4].Value = "欠交 " + dues.FormatYuan(y.OwedTotal)
	if err := w.row(tr, total, 24); err != nil {
		return err
	}
	last, err := s.writeVoluntary(b, w, tr+2, ws)
	if err != nil {
		return err
	}
	if last, err = w.formFoot(b, last+1, ncols); err != nil {
		return err
	}
	if err := w.finish(); err != nil {
		return err
	}
	return w.print(formRows, formRows, ncols, last)
}

// duesSummaryRows is the last row of the 党费年度汇总 of members rows and
// voluntary payments: the form's head and the table's header, the
// members, the total, a gap, the voluntary payments' heading, header and
// rows, then a blank row and the signatures.
func duesSummaryRows(members, voluntary int) int {
	return formRows + members + 1 + 1 + 2 + voluntary + footRows
}

// monthSummaryCell is one month of the summary: the amount paid, "免" when
// exempt, "欠" when owed and unpaid, blank when not due or not begun.
func monthSummaryCell(b *book, ds *duesStyles, c data.DuesCell) excelize.Cell {
	switch {
	case c.Paid > 0:
		return yuanCell(ds.money, c.Paid)
	case c.State == data.DuesOwed:
		return excelize.Cell{StyleID: b.st.missing, Value: "欠"}
	case c.State == data.DuesWaived:
		return excelize.Cell{StyleID: b.st.textC, Value: "免"}
	}
	return excelize.Cell{StyleID: b.st.textC}
}

func assumedNote(r *data.DuesRow) string {
	if !r.Kept {
		return "未建立本年党费记录（未录入缴费基数）"
	}
	if r.Account.CategoryAssumed {
		return "类别按在职推定（导入）"
	}
	return ""
}

// writeVoluntary writes the voluntary payments from row r, in the
// summary's columns ws, and returns the last row written. The 说明 is
// merged from column G to the last, so that it wraps in the width of
// the months rather than in January's.
func (s *duesSheets) writeVoluntary(b *book, w *sheetWriter, r int, ws widths) (int, error) {
	st, ds := b.st, s.ds
	ncols := len(ws)
	if err := section(b, w, r, "自愿交纳党费（一次性交纳 1000 元以上的全额上缴中央）"); err != nil {
		return 0, err
	}
	header := headerCells(st, []string{"序号", "姓名", "交纳日期", "金额（元）", "方式", "去向", "说明"})
	for len(header) < ncols {
		header = append(header, excelize.Cell{StyleID: st.header})
	}
	if err := w.merge(voluntaryNoteCol+1, r+1, ncols, r+1); err != nil {
		return 0, err
	}
	if err := w.row(r+1, header, 24); err != nil {
		return 0, err
	}
	// The widths the row's texts wrap in: the 说明 in the merged columns.
	fit := make([]float64, voluntaryNoteCol+1)
	copy(fit, ws)
	fit[voluntaryNoteCol] = 0
	for _, x := range ws[voluntaryNoteCol:] {
		fit[voluntaryNoteCol] += x
	}
	names := map[uuid.UUID]string{}
	for i := range s.y.Rows {
		names[s.y.Rows[i].Member.ID] = s.y.Rows[i].Member.Name
	}
	names = s.fillNames(b, names)
	r += 2
	for i := range s.y.Voluntary {
		v := &s.y.Voluntary[i]
		where := "由支部按规定使用"
		if v.ToCentre() {
			where = "全额上缴中央"
		}
		row := []excelize.Cell{{StyleID: st.num, Value: i + 1}, {StyleID: st.textC, Value: names[v.MemberID]}, dateCell(st, v.Paid),
			yuanCell(ds.money, v.Amount), {StyleID: st.textC, Value: duesMethodName(v.Method)}, {StyleID: st.textC, Value: where},
			{StyleID: st.textWrap, Value: v.Note}}
		for len(row) < ncols {
			row = append(row, excelize.Cell{StyleID: st.textWrap})
		}
		if err := w.merge(voluntaryNoteCol+1, r, ncols, r); err != nil {
			return 0, err
		}
		if err := w.row(r, row, max(20, fitHeight(row, fit))); err != nil {
			return 0, err
		}
		r++
		b.prog.add(1)
	}
	return r - 1, nil
}

// fillNames adds the names of members who paid voluntarily but have no
// row this year (left before it); a member who cannot be read keeps a
// blank name rather than stopping the report.
func (s *duesSheets) fillNames(b *book, names map[uuid.UUID]string) map[uuid.UUID]string {
	for _, v := range s.y.Voluntary {
		if _, ok := names[v.MemberID]; !ok {
			if m, err := b.l.Member(v.MemberID); err == nil {
				names[v.MemberID] = m.Name
			}
		}
	}
	return names
}
