package roster

import (
	"bytes"
	"fmt"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// roster5000 writes a 5,000-member roster the way the official form looks:
// a title row, the DOMAIN.md header, text ID numbers, real Excel dates for
// birth and join dates and typed text for confirmation dates.
func roster5000(tb testing.TB) []byte {
	tb.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		tb.Fatal(err)
	}
	must := func(err error) {
		if err != nil {
			tb.Fatal(err)
		}
	}
	must(sw.SetRow("A1", []any{"某区市场监督管理局党支部党员花名册"}))
	head := make([]any, len(templateColumns))
	for i, c := range templateColumns {
		head[i] = c.Header
	}
	must(sw.SetRow("A2", head))
	groups := []string{"第一党小组", "第二党小组", "第三党小组"}
	for i := 0; i < 5000; i++ {
		birth := time.Date(1960+i%40, time.Month(1+i%12), 1+i%28, 0, 0, 0, 0, time.UTC)
		id := validID(fmt.Sprintf("310105%s%03d", birth.Format("20060102"), i%1000))
		gender := "女"
		if (id[16]-'0')%2 == 1 {
			gender = "男"
		}
		joined := birth.AddDate(25, 0, 0)
		row := []any{fmt.Sprintf("党员%04d", i), gender, "汉族", birth, id, "大学本科",
			fmt.Sprintf("137%08d", i), "注册许可窗口 科员", groups[i%3], "正式党员", joined,
			joined.AddDate(1, 0, 0).Format("2006.01.02"), "正常", nil, ""}
		ref, err := excelize.CoordinatesToCellName(1, i+3)
		must(err)
		must(sw.SetRow(ref, row))
	}
	must(sw.Flush())
	var b bytes.Buffer
	must(f.Write(&b))
	return b.Bytes()
}

// rowsLoop is the baseline: excelize's own row iteration reading every
// cell of every sheet, from the same bytes.
func rowsLoop(tb testing.TB, b []byte) int {
	f, err := excelize.OpenReader(bytes.NewReader(b), excelize.Options{RawCellValue: true})
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	n := 0
	for _, sheet := range f.GetSheetList() {
		rows, err := f.Rows(sheet)
		if err != nil {
			tb.Fatal(err)
		}
		for rows.Next() {
			cells, err := rows.Columns(excelize.Options{RawCellValue: true})
			if err != nil {
				tb.Fatal(err)
			}
			for _, c := range cells {
				n += len(c)
			}
		}
		if err := rows.Close(); err != nil {
			tb.Fatal(err)
		}
	}
	return n
}

// BenchmarkImport5000 reads and plans a 5,000-row roster (the worksheet
// checked to its end, cell types and formats, every row validated) and
// reports the time as a ratio to excelize's row iteration of the same
// file, measured in the same loop (goal ≤ 1.5×).
func BenchmarkImport5000(b *testing.B) {
	data := roster5000(b)
	var base, imp, baseCPU, impCPU time.Duration
	floor := func() {
		t0, c0 := time.Now(), cpuTime()
		rowsLoop(b, data)
		base += time.Since(t0)
		baseCPU += cpuTime() - c0
	}
	read := func() {
		t0, c0 := time.Now(), cpuTime()
		p, err := Read(bytes.NewReader(data), Options{Today: testToday})
		imp += time.Since(t0)
		impCPU += cpuTime() - c0
		if err != nil {
			b.Fatal(err)
		}
		if len(p.Add) != 5000 {
			b.Fatalf("rows to add: got %d, want 5000 (refused %d: %+v)", len(p.Add), len(p.Refused), p.Problems()[:min(3, len(p.Problems()))])
		}
	}
	// The order alternates, so that neither side always runs on a warm
	// heap or cache.
	i := 0
	for b.Loop() {
		if i%2 == 0 {
			floor()
			read()
		} else {
			read()
			floor()
		}
		i++
	}
	b.ReportMetric(float64(imp)/float64(base), "x-rows-loop")
	if baseCPU > 0 {
		// The same ratio in CPU time, which the machine's other work does
		// not inflate.
		b.ReportMetric(float64(impCPU)/float64(baseCPU), "x-rows-loop-cpu")
	}
	b.ReportMetric(float64(imp.Milliseconds())/float64(b.N), "import-ms/op")
	b.ReportMetric(float64(base.Milliseconds())/float64(b.N), "rows-loop-ms/op")
}

// BenchmarkApply5000 saves a planned 5,000-row roster into an empty ledger
// in one transaction.
func BenchmarkApply5000(b *testing.B) {
	data := roster5000(b)
	p, err := Read(bytes.NewReader(data), Options{Today: testToday})
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		b.StopTimer()
		l := newTestLedger(b)
		b.StartTimer()
		if err := p.Apply(l); err != nil {
			b.Fatal(err)
		}
	}
}
