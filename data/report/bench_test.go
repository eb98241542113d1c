package report

import (
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"runtime"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/xuri/excelize/v2"

	"branchledger/data"
	"branchledger/data/demo"
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

// bareSheet is one sheet of the baseline: its name and its cells, as the
// report wrote them (read back from the report's own workbook, so the
// baseline writes exactly the same cells), numbers as numbers. A blank
// cell inside a row (nil) is written as a styled empty cell, as the
// report writes its blank bordered cells.
type bareSheet struct {
	name string
	rows [][]any
}

// newBare reads back every sheet of the workbook produce writes: the
// cells a bare StreamWriter has to write to match the report.
func newBare(tb testing.TB, produce func(io.Writer) error) []bareSheet {
	tb.Helper()
	var buf bytes.Buffer
	if err := produce(&buf); err != nil {
		tb.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	intern := map[string]any{}
	var out []bareSheet
	for _, name := range f.GetSheetList() {
		rows, err := f.Rows(name)
		if err != nil {
			tb.Fatal(err)
		}
		bs := bareSheet{name: name}
		for rows.Next() {
			cols, err := rows.Columns(excelize.Options{RawCellValue: true})
			if err != nil {
				tb.Fatal(err)
			}
			row := make([]any, len(cols))
			for c, v := range cols {
				switch n, err := strconv.ParseFloat(v, 64); {
				case v == "":
				case err == nil && n == float64(int(n)):
					row[c] = int(n)
				case err == nil:
					row[c] = n
				default:
					if _, ok := intern[v]; !ok {
						intern[v] = v
					}
					row[c] = intern[v]
				}
			}
			bs.rows = append(bs.rows, row)
		}
		if err := rows.Close(); err != nil {
			tb.Fatal(err)
		}
		out = append(out, bs)
	}
	return out
}

func cellCount(sheets []bareSheet) int {
	n := 0
	for _, s := range sheets {
		for _, r := range s.rows {
			for _, v := range r {
				if v != nil {
					n++
				}
			}
		}
	}
	return n
}

// writeBare is the baseline: one style, a StreamWriter per sheet, the
// rows, the save; nothing read or decided.
func writeBare(sheets []bareSheet, w io.Writer) error {
	f := excelize.NewFile()
	defer f.Close()
	style, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Family: fontBody, Size: 10}, Border: border(),
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}})
	if err != nil {
		return err
	}
	var cells []excelize.Cell
	var row []any
	for i, s := range sheets {
		if i == 0 {
			err = f.SetSheetName("Sheet1", s.name)
		} else {
			_, err = f.NewSheet(s.name)
		}
		if err != nil {
			return err
		}
		sw, err := f.NewStreamWriter(s.name)
		if err != nil {
			return err
		}
		for r, vals := range s.rows {
			cells, row = cells[:0], row[:0]
			for _, v := range vals {
				cells = append(cells, excelize.Cell{StyleID: style, Value: v}) // nil: a styled blank
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

// benchAgainstBare times report and the bare StreamWriter writing the
// same cells, alternating which goes first from one iteration to the next
// (the second of a pair runs on a heap and caches the first left behind).
// It reports the ratio of the fastest runs (x-bare), of the summed wall
// times (x-bare-mean) and of the processor times (x-bare-cpu), and the
// peak heap of each, sampled on separate runs before the timed ones.
func benchAgainstBare(b *testing.B, opt Options, l *data.Ledger) {
	report := func(w io.Writer) error { return Write(l, w, opt) }
	// Memory is sampled on a run of each apart from the timed ones
	// (sampling stops the world every millisecond), the report's before
	// the baseline's cells exist, so that neither counts the other's.
	peakReport, err := peakHeap(func() error { return report(io.Discard) })
	if err != nil {
		b.Fatal(err)
	}
	bare := newBare(b, report)
	peakBare, err := peakHeap(func() error { return writeBare(bare, io.Discard) })
	if err != nil {
		b.Fatal(err)
	}
	var tReport, tBare, cpuReport, cpuBare time.Duration
	minReport, minBare := time.Duration(1<<62), time.Duration(1<<62)
	timeIt := func(fn func() error) (time.Duration, time.Duration) {
		t0, c0 := time.Now(), cpuTime()
		if err := fn(); err != nil {
			b.Fatal(err)
		}
		return time.Since(t0), cpuTime() - c0
	}
	runReport := func() {
		d, c := timeIt(func() error { return report(io.Discard) })
		tReport, cpuReport, minReport = tReport+d, cpuReport+c, min(minReport, d)
	}
	runBare := func() {
		d, c := timeIt(func() error { return writeBare(bare, io.Discard) })
		tBare, cpuBare, minBare = tBare+d, cpuBare+c, min(minBare, d)
	}
	i := 0
	b.ResetTimer()
	for b.Loop() {
		if i%2 == 0 {
			runReport()
			runBare()
		} else {
			runBare()
			runReport()
		}
		i++
	}
	b.ReportMetric(float64(minReport)/float64(minBare), "x-bare")
	b.ReportMetric(float64(tReport)/float64(tBare), "x-bare-mean")
	if cpuBare > 0 {
		b.ReportMetric(float64(cpuReport)/float64(cpuBare), "x-bare-cpu")
	}
	b.ReportMetric(float64(minReport.Milliseconds()), "report-min-ms")
	b.ReportMetric(float64(minBare.Milliseconds()), "bare-min-ms")
	b.ReportMetric(float64(peakReport)/(1<<20), "report-peak-MiB")
	b.ReportMetric(float64(peakBare)/(1<<20), "bare-peak-MiB")
	b.ReportMetric(float64(cellCount(bare)), "cells")
}

// BenchmarkMatrix5000x60 writes the attendance matrix of 5,000 members by
// 60 sessions (reading the ledger included) against a bare StreamWriter
// writing the same cells (goal ≤ 1.3×).
func BenchmarkMatrix5000x60(b *testing.B) {
	l := newMatrixLedger(b, 5000, 60)
	benchAgainstBare(b, Options{Year: 2026, Reports: []string{Matrix}}, l)
}

// newLargeLedger writes the large example (demo.WriteLarge: 5,000
// members, 1,000 sessions of this year) and opens it.
func newLargeLedger(b *testing.B) *data.Ledger {
	path := filepath.Join(b.TempDir(), "large.ledger")
	if err := demo.WriteLarge(path, testOptions()); err != nil {
		b.Fatal(err)
	}
	l, err := data.Open(path, testOptions())
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = l.Close() })
	return l
}

// BenchmarkMatrixLarge writes the attendance matrix of the large example,
// by month and by quarter (goal ≤ 1.3× the bare StreamWriter at any number
// of columns).
func BenchmarkMatrixLarge(b *testing.B) {
	l := newLargeLedger(b)
	for _, by := range []string{ByMonth, ByQuarter} {
		b.Run(by, func(b *testing.B) {
			benchAgainstBare(b, Options{Year: 2026, Reports: []string{Matrix}, MatrixBy: by}, l)
		})
	}
}

// BenchmarkExportAllLarge writes every report of the large example, what
// `branchledger export --report all` does (goal < 3× the bare
// StreamWriter writing the same cells, peak heap < 200 MiB).
func BenchmarkExportAllLarge(b *testing.B) {
	l := newLargeLedger(b)
	benchAgainstBare(b, Options{Year: 2026}, l)
}
