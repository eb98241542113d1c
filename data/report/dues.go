package report

import (
	"fmt"
	"time"

	"github.com/xuri/excelize/v2"

	"branchledger/data"
	"branchledger/data/dues"
)

// Dues is the report name of the dues workbook sheets: the 党费年度汇总 and
// the 党费收缴台账 (one section per month). It is written only when named,
// not as part of "all": dues go to the committee's finance, not with the
// organisational-life reports.
const Dues = "dues"

// OptInReports returns the reports written only when named, in workbook
// order after AllReports: the dues and the minutes of one session.
func OptInReports() []string { return []string{Dues, Minutes} }

// Sheet names of the dues report.
const (
	duesLedgerSheet  = "党费收缴台账"
	duesSummarySheet = "党费年度汇总"
)

// Amounts are written as numbers of 元 with two decimals, so that Excel
// sums them; the fen integers become 元 only here.
const fmtYuan = "0.00"

// duesStyles are the money cells of the dues sheets, made in addition to
// the shared styles.
type duesStyles struct {
	money, moneyB int
}

func newDuesStyles(f *excelize.File) (*duesStyles, error) {
	yuan := fmtYuan
	centre := &excelize.Alignment{Horizontal: "center", Vertical: "center"}
	var ds duesStyles
	for _, d := range []struct {
		id   *int
		bold bool
	}{{&ds.money, false}, {&ds.moneyB, true}} {
		id, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Family: fontBody, Size: 11, Bold: d.bold},
			Alignment: centre, Border: border(), CustomNumFmt: &yuan})
		if err != nil {
			return nil, err
		}
		*d.id = id
	}
	return &ds, nil
}

// duesSheets writes both dues sheets from one read of the year's grid.
type duesSheets struct {
	y  *data.DuesYear
	ds *duesStyles
	// months are the months the ledger covers: January to the reference
	// month, and any later month already paid ahead.
	months []int
}

func newDuesSheets(b *book) (*duesSheets, error) {
	y, err := b.l.DuesYear(b.opt.Year)
	if err != nil {
		return nil, err
	}
	ds, err := newDuesStyles(b.f)
	if err != nil {
		return nil, err
	}
	s := &duesSheets{y: y, ds: ds}
	for i := range 12 {
		ym := data.NewYearMonth(y.Year, time.Month(i+1))
		if ym <= y.AsOf || y.MonthPaid[i] > 0 {
			s.months = append(s.months, i)
		}
	}
	return s, nil
}

func (s *duesSheets) rows() int {
	n := len(s.y.Rows) + len(s.y.Voluntary)
	for _, mi := range s.months {
		n += s.dueCount(mi)
	}
	return n
}

func (s *duesSheets) dueCount(mi int) int {
	n := 0
	for i := range s.y.Rows {
		if s.y.Rows[i].Cells[mi].State != data.DuesNotDue {
			n++
		}
	}
	return n
}

func (s *duesSheets) write(b *book) error {
	if err := s.writeSummary(b); err != nil {
		return err
	}
	return s.writeLedger(b)
}

func yuanCell(style int, fen int64) excelize.Cell {
	return excelize.Cell{StyleID: style, Value: float64(fen) / 100}
}

func duesCategoryName(c dues.Category) string {
	return label("dues.category."+string(c), string(c))
}

func duesMethodName(m data.DuesMethod) string { return label("dues.method."+string(m), string(m)) }

// rateCells are the base and rate of a row: a percentage for the employed
// and retired, "定额" for the fixed amounts, blank without a base.
func rateCells(b *book, ds *duesStyles, r *data.DuesRow) (base, rate excelize.Cell) {
	base = excelize.Cell{StyleID: b.st.textC}
	rate = excelize.Cell{StyleID: b.st.textC}
	if !r.Account.HasBase() {
		base.Value = "未定"
		return base, rate
	}
	if pm, ok := r.Account.Rate(); ok {
		return yuanCell(ds.money, r.Account.Base), excelize.Cell{StyleID: b.st.rate, Value: float64(pm) / 1000}
	}
	rate.Value = "定额"
	return base, rate
}

// reductionNote says a 少交/免交 decision and who approved it when.
func reductionNote(r *data.DuesReduction) string {
	if r == nil {
		return ""
	}
	return fmt.Sprintf("%s（%s %s 批准）", label("dues.reduction."+string(r.Kind), string(r.Kind)), r.ApprovedBy, r.ApprovedOn)
}

// warningNote says how many months in a row are unpaid, at the warning
// levels.
func warningNote(r *data.DuesRow) string {
	switch {
	case r.Warning >= 6:
		return fmt.Sprintf("连续 %d 个月未交纳党费（党章：满六个月视为自行脱党）", r.Unpaid)
	case r.Warning > 0:
		return fmt.Sprintf("连续 %d 个月未交纳党费", r.Unpaid)
	}
	return ""
}

func joinNotes(parts ...string) string {
	out := ""
	for _, p := range parts {
		if p == "" {
			continue
		}
		if out != "" {
			out += "；"
		}
		out += p
	}
	return out
}
