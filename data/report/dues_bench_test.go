package report

import (
	"fmt"
	"io"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/xuri/excelize/v2"

	"branchledger/data"
)

// newDuesLedger builds a ledger of 5,000 members with their 2026 bases
// and January to October paid (November owed by all).
func newDuesLedger(tb testing.TB) *data.Ledger {
	tb.Helper()
	l := newTestLedger(tb, data.Branch{Name: "申江区产业党委"})
	ms := make([]*data.Member, 5000)
	for i := range ms {
		ms[i] = member(i, fmt.Sprintf("党员%05d", i), "第一党小组")
	}
	if err := l.SaveMembers(ms); err != nil {
		tb.Fatal(err)
	}
	ids := make([]uuid.UUID, len(ms))
	bases := map[uuid.UUID]int64{}
	for i, m := range ms {
		ids[i], bases[m.ID] = m.ID, int64(250000+i*300)
	}
	if err := l.SetDuesBases(2026, bases, "基准测试"); err != nil {
		tb.Fatal(err)
	}
	for _, months := range [][]data.YearMonth{{202601, 202602, 202603, 202604, 202605, 202606}, {202607, 202608, 202609, 202610}} {
		if _, err := l.PayDuesMany(ids, data.DuesPay{Months: months, Paid: data.NewDate(2026, 11, 2), Method: data.PayTransfer}); err != nil {
			tb.Fatal(err)
		}
	}
	return l
}

// bareDues is the floor of the dues report: the same number of rows and
// cells (the summary's 23 columns, then eleven months of 11 columns),
// values made ahead, written by bare StreamWriters with one style.
func bareDues(w io.Writer, members, months int) error {
	f := excelize.NewFile()
	defer f.Close()
	style, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Family: fontBody, Size: 11}, Border: border()})
	if err != nil {
		return err
	}
	summary := make([]any, 23)
	ledger := make([]any, 11)
	for i := range summary {
		summary[i] = excelize.Cell{StyleID: style, Value: 75.0}
	}
	summary[1] = excelize.Cell{StyleID: style, Value: "党员00001"}
	for i := range ledger {
		ledger[i] = excelize.Cell{StyleID: style, Value: 75.0}
	}
	ledger[1] = excelize.Cell{StyleID: style, Value: "党员00001"}
	if _, err := f.NewSheet("b"); err != nil {
		return err
	}
	for _, sh := range []struct {
		name string
		rows int
		row  []any
	}{{"Sheet1", members, summary}, {"b", members * months, ledger}} {
		sw, err := f.NewStreamWriter(sh.name)
		if err != nil {
			return err
		}
		for r := 1; r <= sh.rows; r++ {
			if err := sw.SetRow(cell(1, r), sh.row); err != nil {
				return err
			}
		}
		if err := sw.Flush(); err != nil {
			return err
		}
	}
	return f.Write(w)
}

// BenchmarkDuesReport writes the 党费年度汇总 and 党费收缴台账 of 5,000
// members (eleven months) against the bare StreamWriter floor.
func BenchmarkDuesReport(b *testing.B) {
	l := newDuesLedger(b)
	var op, floor []time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		t := time.Now()
		if err := bareDues(io.Discard, 5000, 11); err != nil {
			b.Fatal(err)
		}
		floor = append(floor, time.Since(t))
		b.StartTimer()
		t = time.Now()
		if err := Write(l, io.Discard, Options{Year: 2026, Reports: []string{Dues}}); err != nil {
			b.Fatal(err)
		}
		op = append(op, time.Since(t))
	}
	b.StopTimer()
	mo, mf := medianDur(op), medianDur(floor)
	b.ReportMetric(mo.Seconds()*1000, "med-ms")
	b.ReportMetric(mf.Seconds()*1000, "floor-med-ms")
	b.ReportMetric(float64(mo)/float64(mf), "x-floor")
}

func medianDur(ds []time.Duration) time.Duration {
	s := append([]time.Duration(nil), ds...)
	for i := range s { // insertion sort: a handful of samples
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
	return s[len(s)/2]
}
