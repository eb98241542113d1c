package report

import (
	"fmt"
	"io"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/xuri/excelize/v2"

	"branchledger/data"
)

// newMatrixLedger builds, through the data API, a ledger of members
// members in 50 party groups and sessions sessions of 2026 that expect
// everyone, each with a mark for every member.
func newMatrixLedger(tb testing.TB, members, sessions int) *data.Ledger {
	tb.Helper()
	var groups []string
	for g := 1; g <= 50; g++ {
		groups = append(groups, fmt.Sprintf("第%d党小组", g))
	}
	l := newTestLedger(tb, data.Branch{Name: "申江区产业党委", Groups: groups})
	ms := make([]*data.Member, members)
	for i := range ms {
		ms[i] = member(i, fmt.Sprintf("党员%05d", i), groups[i%len(groups)])
	}
	if err := l.SaveMembers(ms); err != nil {
		tb.Fatal(err)
	}
	ss := make([]*data.Session, sessions)
	for j := range ss {
		kind := data.NoonClassroom
		if j%10 == 0 {
			kind = data.GeneralMeeting
		}
		ss[j] = &data.Session{Kind: kind, Theme: fmt.Sprintf("第 %d 次学习", j+1), Date: data.NewDate(2026, 1, 2).AddDays(5 * j),
			Start: "12:00", End: "13:00", Place: "会议室"}
	}
	if err := l.SaveSessions(ss); err != nil {
		tb.Fatal(err)
	}
	for j, s := range ss {
		marks := make(map[uuid.UUID]data.Mark, members)
		for i, m := range ms {
			switch h := (i*31 + j*17) % 100; {
			case h < 84:
				marks[m.ID] = data.Mark{Status: data.Present}
			case h < 90:
				marks[m.ID] = data.Mark{Status: data.Late}
			case h < 96:
				marks[m.ID] = data.Mark{Status: data.OnLeave, Reason: data.Sick}
			case h < 99:
				marks[m.ID] = data.Mark{Status: data.Absent}
			} // 1% stay unmarked
		}
		if err := l.SetMarks(s.ID, marks, false); err != nil {
			tb.Fatal(err)
		}
	}
	return l
}

// bareCells are the matrix's cells computed ahead, for the baseline: what
// a bare StreamWriter writes when nothing has to be read or decided.
type bareCells struct {
	rows [][]any // values: string or int
}

func newBareCells(tb testing.TB, l *data.Ledger) *bareCells {
	ys, err := l.YearStats(2026)
	if err != nil {
		tb.Fatal(err)
	}
	bc := &bareCells{}
	ns := len(ys.Held)
	head := []any{"序号", "姓名", "党小组"}
	kinds := []any{"", "", ""}
	for _, h := range ys.Held {
		head = append(head, h.Session.Date.String())
		kinds = append(kinds, kindName(h.Session.Kind))
	}
	for _, t := range matrixTotals {
		head, kinds = append(head, t), append(kinds, "")
	}
	bc.rows = append(bc.rows, []any{"title"}, []any{"note"}, head, kinds)
	marks := make([]map[uuid.UUID]data.Mark, ns)
	for j, h := range ys.Held {
		if marks[j], err = l.Marks(h.Session.ID); err != nil {
			tb.Fatal(err)
		}
	}
	for i, m := range ys.Members {
		row := []any{i + 1, m.Member.Name, m.Member.Group}
		for j := range ys.Held {
			row = append(row, markChar(marks[j][m.Member.ID].Status))
		}
		row = append(row, m.Expected, m.Present, m.Late, m.Leave, m.Absent, m.Unmarked, fmt.Sprintf("%.1f%%", ys.Rate(m.Counts)*100))
		bc.rows = append(bc.rows, row)
	}
	for k := 0; k < 7; k++ {
		row := []any{"合计", "", ""}
		for _, h := range ys.Held {
			row = append(row, h.Expected)
		}
		bc.rows = append(bc.rows, row)
	}
	return bc
}

// write is the baseline: one style, one StreamWriter, the rows, the save.
func (bc *bareCells) write(w io.Writer) error {
	f := excelize.NewFile()
	defer f.Close()
	style, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Family: fontBody, Size: 10}, Border: border(),
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}})
	if err != nil {
		return err
	}
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		return err
	}
	var cells []excelize.Cell
	var row []any
	for r, vals := range bc.rows {
		cells, row = cells[:0], row[:0]
		for _, v := range vals {
			cells = append(cells, excelize.Cell{StyleID: style, Value: v})
		}
		for i := range cells {
			row = append(row, &cells[i])
		}
		if err := sw.SetRow(cell(1, r+1), row); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return f.Write(w)
}

// peakHeap runs fn while sampling runtime.MemStats.HeapInuse every
// millisecond, and returns the highest value seen.
func peakHeap(fn func() error) (uint64, error) {
	runtime.GC()
	var peak uint64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		var ms runtime.MemStats
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapInuse)
			select {
			case <-stop:
				return
			case <-tick.C:
			}
		}
	})
	err := fn()
	close(stop)
	wg.Wait()
	return peak, err
}

// BenchmarkMatrix5000x60 writes the attendance matrix of 5,000 members by
// 60 sessions (reading the ledger included) and, in the same iteration, a
// bare StreamWriter writing the same cells from memory. It reports the
// time ratio (goal ≤ 1.3) and the peak heap in use of each (goal ≤ 150
// MiB), sampled every millisecond on a separate run.
func BenchmarkMatrix5000x60(b *testing.B) {
	l := newMatrixLedger(b, 5000, 60)
	// Memory is sampled on a run of each apart from the timed ones
	// (sampling stops the world every millisecond), the report's before
	// the baseline's cells exist, so that neither counts the other's.
	peakReport, err := peakHeap(func() error { return Write(l, io.Discard, Options{Year: 2026, Reports: []string{Matrix}}) })
	if err != nil {
		b.Fatal(err)
	}
	bc := newBareCells(b, l)
	peakBare, err := peakHeap(func() error { return bc.write(io.Discard) })
	if err != nil {
		b.Fatal(err)
	}
	if got := len(bc.rows); got != 4+5000+7 {
		b.Fatalf("baseline has %d rows, want %d", got, 4+5000+7)
	}
	// Each iteration times both; the ratio of the fastest runs is the
	// figure least disturbed by other work on the machine, the ratio of
	// the sums is reported beside it.
	// Processor time is measured too: on a shared machine it moves far
	// less than wall time.
	var report, bare, cpuReport, cpuBare time.Duration
	minReport, minBare := time.Duration(1<<62), time.Duration(1<<62)
	b.ResetTimer()
	for b.Loop() {
		t0, c0 := time.Now(), cpuTime()
		if err := Write(l, io.Discard, Options{Year: 2026, Reports: []string{Matrix}}); err != nil {
			b.Fatal(err)
		}
		t1, c1 := time.Now(), cpuTime()
		if err := bc.write(io.Discard); err != nil {
			b.Fatal(err)
		}
		t2, c2 := time.Now(), cpuTime()
		report, bare = report+t1.Sub(t0), bare+t2.Sub(t1)
		cpuReport, cpuBare = cpuReport+c1-c0, cpuBare+c2-c1
		minReport, minBare = min(minReport, t1.Sub(t0)), min(minBare, t2.Sub(t1))
	}
	b.ReportMetric(float64(minReport)/float64(minBare), "x-bare")
	b.ReportMetric(float64(report)/float64(bare), "x-bare-mean")
	if cpuBare > 0 {
		b.ReportMetric(float64(cpuReport)/float64(cpuBare), "x-bare-cpu")
	}
	b.ReportMetric(float64(minReport.Milliseconds()), "report-min-ms")
	b.ReportMetric(float64(minBare.Milliseconds()), "bare-min-ms")
	b.ReportMetric(float64(peakReport)/(1<<20), "report-peak-MiB")
	b.ReportMetric(float64(peakBare)/(1<<20), "bare-peak-MiB")
}
