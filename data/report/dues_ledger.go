package report

import (
	"fmt"
	"time"

	"github.com/xuri/excelize/v2"

	"branchledger/data"
	"branchledger/data/dues"
)

var duesLedgerHeader = [...]string{"序号", "姓名", "类别", "缴费基数（元）", "比例", "应交（元）", "实交（元）", "交纳日期", "方式", "本人签字", "备注"}

// lastPayment returns the last payment recorded for month ym, or nil.
func lastPayment(a *data.DuesAccount, ym data.YearMonth) *data.DuesPayment {
	var p *data.DuesPayment
	for i := range a.Payments {
		if a.Payments[i].Month == ym {
			p = &a.Payments[i]
		}
	}
	return p
}

// writeLedger writes the 党费收缴台账: for each month, the members who owe
// dues that month with base, rate, due, paid, date and method, a blank
// column for the member's signature, and the month's totals. In normal
// mode each month starts on a new printed page.
func (s *duesSheets) writeLedger(b *book) error {
	st, ds := b.st, s.ds
	ncols := len(duesLedgerHeader)
	stream := s.rows() > streamRows
	// The months start at row formRows, under the form's head; each adds
	// a heading, a header, its members, a total and a gap. The last gap is
	// the blank row above the signatures, which come at the row after it.
	lastRow := formRows
	for _, mi := range s.months {
		lastRow += s.dueCount(mi) + 4
	}
	if len(s.months) == 0 {
		lastRow += footRows - 1 // a blank row, then the signatures
	}
	w, err := b.newSheet(duesLedgerSheet, page{landscape: true, cols: ncols, rows: lastRow}, stream)
	if err != nil {
		return err
	}
	ws := widths{6, 10, 12, 14, 8, 11, 11, 12, 8, 14, 30}
	for i := range s.y.Rows {
		ws[1] = max(ws[1], fitWidth(10, 20, s.y.Rows[i].Member.Name))
	}
	if err := w.widths(ws); err != nil {
		return err
	}
	if err := w.freeze(0, formRows-1); err != nil {
		return err
	}
	title := fmt.Sprintf("%s %d 年党费收缴台账", b.ys.Branch.Name, s.y.Year)
	note := fmt.Sprintf("金额单位：元　应交 = 缴费基数 × 比例，四舍五入到分（中组部 2008 年党费规定）　统计截至 %s", s.y.AsOf)
	if err := w.formHead(b, ncols, title, note); err != nil {
		return err
	}
	r := formRows
	var breaks []int
	row := make([]excelize.Cell, ncols)
	for k, mi := range s.months {
		ym := data.NewYearMonth(s.y.Year, time.Month(mi+1))
		if k > 0 {
			breaks = append(breaks, r)
		}
		if err := w.merge(1, r, ncols, r); err != nil {
			return err
		}
		head := fmt.Sprintf("%d 年 %d 月", s.y.Year, mi+1)
		if err := w.row(r, []excelize.Cell{{StyleID: st.section, Value: head}}, 24); err != nil {
			return err
		}
		if err := w.row(r+1, headerCells(st, duesLedgerHeader[:]), 24); err != nil {
			return err
		}
		r += 2
		n := 0
		var due, paid, owedSum int64
		for i := range s.y.Rows {
			dr := &s.y.Rows[i]
			c := dr.Cells[mi]
			if c.State == data.DuesNotDue {
				continue
			}
			n++
			due += c.Due
			paid += c.Paid
			owedSum += c.Owed()
			base, rate := rateCells(b, ds, dr)
			row[0] = excelize.Cell{StyleID: st.num, Value: n}
			row[1] = excelize.Cell{StyleID: st.textC, Value: dr.Member.Name}
			row[2] = excelize.Cell{StyleID: st.textC, Value: duesCategoryName(dr.Account.Category)}
			row[3], row[4] = base, rate
			row[5] = yuanCell(ds.money, c.Due)
			if !dr.DueKnown {
				row[5] = excelize.Cell{StyleID: st.textC, Value: "未定"}
			}
			row[6] = yuanCell(ds.money, c.Paid)
			row[7], row[8] = dateCell(st, 0), excelize.Cell{StyleID: st.textC}
			if p := lastPayment(&dr.Account, ym); p != nil {
				row[7], row[8].Value = dateCell(st, p.Paid), duesMethodName(p.Method)
			}
			row[9] = excelize.Cell{StyleID: st.signature}
			owed := ""
			switch c.State {
			case data.DuesOwed:
				owed = "欠交 " + dues.FormatYuan(c.Due-c.Paid)
				if !dr.DueKnown {
					owed = "未交（缴费基数未定）"
				}
			case data.DuesWaived:
				owed = "免交"
			case data.DuesNotKept:
				owed = "未建立本年党费记录（未录入缴费基数）"
			}
			row[10] = excelize.Cell{StyleID: st.textWrap, Value: joinNotes(owed, reductionNote(dr.Account.Reduction))}
			if err := w.row(r, row, max(24, fitHeight(row, ws))); err != nil {
				return err
			}
			r++
			b.prog.add(1)
		}
		if err := w.merge(1, r, 5, r); err != nil {
			return err
		}
		total := []excelize.Cell{{StyleID: st.textB, Value: fmt.Sprintf("合计（%d 人）", n)}, {StyleID: st.textB}, {StyleID: st.textB},
			{StyleID: st.textB}, {StyleID: st.textB}, yuanCell(ds.moneyB, due), yuanCell(ds.moneyB, paid),
			{StyleID: st.textB}, {StyleID: st.textB}, {StyleID: st.textB}, {StyleID: st.textB, Value: "欠交 " + dues.FormatYuan(owedSum)}}
		if err := w.row(r, total, 24); err != nil {
			return err
		}
		r += 2
	}
	// r-1 is the gap after the last month's total: the blank row above
	// the signatures.
	last, err := w.formFoot(b, max(r-1, formRows), ncols)
	if err != nil {
		return err
	}
	if err := w.finish(); err != nil {
		return err
	}
	if !stream {
		for _, br := range breaks {
			if err := b.f.InsertPageBreak(w.name, cell(1, br)); err != nil {
				return err
			}
		}
	}
	return w.print(1, formRows-1, ncols, last)
}
