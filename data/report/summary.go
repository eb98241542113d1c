package report

import (
	"fmt"
	"slices"
	"time"

	"github.com/xuri/excelize/v2"

	"branchledger/data"
)

// summarySheet is the yearly summary: sessions held per kind and month
// against the rules, what the rules still lack, attendance by month (with
// a native chart of its rate) and members by category. Small; normal mode.
type summarySheet struct {
	// monthRow and rateRow are the attendance table's month header and
	// rate rows, which the chart draws from.
	monthRow, rateRow int
	ws                widths
}

func newSummarySheet(*book) *summarySheet { return &summarySheet{} }

func (s *summarySheet) rows() int { return 40 }

// Columns: A label, B rule, C–N the months, O the year, P remarks.
const (
	sumMonth0 = 3  // C: January
	sumYear   = 15 // O
	sumNote   = 16 // P
	sumCols   = 16
)

func (s *summarySheet) write(b *book) error {
	st := b.st
	ys := b.ys
	w, err := b.newSheet(Summary, page{landscape: true}, false)
	if err != nil {
		return err
	}
	s.ws = widths{18, 34, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 8, 30}
	for _, c := range ys.Compliance {
		s.ws[0] = max(s.ws[0], fitWidth(18, 30, complianceName(&c)))
	}
	if err := w.widths(s.ws); err != nil {
		return err
	}
	if err := w.freeze(0, 2); err != nil {
		return err
	}
	title := fmt.Sprintf("%s %d 年度统计", ys.Branch.Name, b.opt.Year)
	note := fmt.Sprintf("统计截至 %s　%s", b.asOf(), rateRule(ys.LeaveCounts))
	if err := w.titleRows(st, sumCols, title, note); err != nil {
		return err
	}
	r := 3
	for _, part := range []func(*book, *sheetWriter, int) (int, error){s.sessions, s.compliance, s.attendance, s.categories} {
		if r, err = part(b, w, r); err != nil {
			return err
		}
		r += 2 // a blank row between tables
	}
	last, err := s.chart(b, w, r)
	if err != nil {
		return err
	}
	b.prog.add(s.rows())
	if err := w.finish(); err != nil {
		return err
	}
	return w.print(1, 2, sumCols, last)
}

// section writes a table's heading at row r.
func section(b *book, w *sheetWriter, r int, text string) error {
	if err := w.merge(1, r, sumCols, r); err != nil {
		return err
	}
	return w.row(r, []excelize.Cell{{StyleID: b.st.section, Value: text}}, 24)
}

func monthHeader(b *book, first, second, last, note string) []excelize.Cell {
	row := []excelize.Cell{{StyleID: b.st.header, Value: first}, {StyleID: b.st.header, Value: second}}
	for m := 1; m <= 12; m++ {
		row = append(row, excelize.Cell{StyleID: b.st.header, Value: fmt.Sprintf("%d月", m)})
	}
	return append(row, excelize.Cell{StyleID: b.st.header, Value: last}, excelize.Cell{StyleID: b.st.header, Value: note})
}

// started reports whether month m (1–12) of the report's year has begun
// by the report date; later months are left blank, not shown as 0.
func started(b *book, m int) bool {
	return data.NewDate(b.opt.Year, time.Month(m), 1) <= b.asOf()
}

// sessions writes sessions held per kind and month; a month that ended
// without a required session is coloured.
func (s *summarySheet) sessions(b *book, w *sheetWriter, r int) (int, error) {
	st, ys := b.st, b.ys
	if err := section(b, w, r, "一、组织生活开展情况（单位：次）"); err != nil {
		return 0, err
	}
	if err := w.row(r+1, monthHeader(b, "类型", "规定", "全年", "落实情况"), 20); err != nil {
		return 0, err
	}
	var perKind = map[data.Kind]*[13]int{}
	for _, k := range data.Kinds() {
		perKind[k] = &[13]int{}
	}
	for i := range ys.Held {
		ses := &ys.Held[i].Session
		if c := perKind[ses.Kind]; c != nil {
			c[ses.Date.Month()]++
		}
	}
	r += 2
	for _, k := range data.Kinds() {
		miss := missingMonths(ys, k)
		row := []excelize.Cell{{StyleID: st.textC, Value: kindName(k)}, {StyleID: st.textWrap, Value: ruleText(k)}}
		for m := 1; m <= 12; m++ {
			c := excelize.Cell{StyleID: st.num, Value: perKind[k][m]}
			if miss[m] {
				c.StyleID = st.missing
			}
			if !started(b, m) {
				c.Value = nil
			}
			row = append(row, c)
		}
		row = append(row, excelize.Cell{StyleID: st.numB, Value: ys.Sessions[k]},
			excelize.Cell{StyleID: st.textWrap, Value: verdict(ys, k)})
		if err := w.row(r, row, fitHeight(row, s.ws)); err != nil {
			return 0, err
		}
		r++
	}
	row := []excelize.Cell{{StyleID: st.textB, Value: "合计"}, {StyleID: st.textB}}
	for m := range ys.Months {
		row = append(row, monthCell(b, m, st.numB, ys.Months[m].Sessions))
	}
	row = append(row, excelize.Cell{StyleID: st.numB, Value: len(ys.Held)}, excelize.Cell{StyleID: st.textB})
	if err := w.merge(1, r, 2, r); err != nil {
		return 0, err
	}
	return r, w.row(r, row, 0)
}

// attendance writes the monthly attendance table; its rate row feeds the
// chart.
func (s *summarySheet) attendance(b *book, w *sheetWriter, r int) (int, error) {
	st, ys := b.st, b.ys
	if err := section(b, w, r, "三、出勤情况（按月，单位：人次）"); err != nil {
		return 0, err
	}
	if err := w.merge(1, r+1, 2, r+1); err != nil {
		return 0, err
	}
	if err := w.row(r+1, monthHeader(b, "项目", "", "全年", "说明"), 20); err != nil {
		return 0, err
	}
	s.monthRow = r + 1
	lines := []struct {
		label string
		value func(c data.Counts) int
		note  string
	}{
		{"应到", func(c data.Counts) int { return c.Expected }, ""},
		{"出席", func(c data.Counts) int { return c.Present }, ""},
		{"迟到", func(c data.Counts) int { return c.Late }, ""},
		{"请假", func(c data.Counts) int { return c.Leave }, ""},
		{"缺席", func(c data.Counts) int { return c.Absent }, ""},
		{"未登记", func(c data.Counts) int { return c.Unmarked }, "未登记不计为缺席"},
		{"出勤率", nil, leaveNote(ys.LeaveCounts)},
	}
	r += 2
	sessions := []excelize.Cell{{StyleID: st.textC, Value: "活动次数"}, {StyleID: st.textC}}
	for m := range ys.Months {
		sessions = append(sessions, monthCell(b, m, st.num, ys.Months[m].Sessions))
	}
	sessions = append(sessions, excelize.Cell{StyleID: st.numB, Value: len(ys.Held)}, excelize.Cell{StyleID: st.textWrap})
	if err := w.merge(1, r, 2, r); err != nil {
		return 0, err
	}
	if err := w.row(r, sessions, 0); err != nil {
		return 0, err
	}
	for _, ln := range lines {
		r++
		row := []excelize.Cell{{StyleID: st.textC, Value: ln.label}, {StyleID: st.textC}}
		for m := range ys.Months {
			c := ys.Months[m].Counts
			if ln.value != nil {
				row = append(row, monthCell(b, m, st.num, ln.value(c)))
				continue
			}
			cell := rateCell(b, c, st.rate)
			if cell.StyleID != st.rate {
				cell = excelize.Cell{StyleID: st.rate} // blank, so the chart leaves a gap
			}
			row = append(row, cell)
		}
		if ln.value != nil {
			row = append(row, excelize.Cell{StyleID: st.numB, Value: ln.value(ys.Total)})
		} else {
			row = append(row, rateCell(b, ys.Total, st.rateB))
		}
		row = append(row, excelize.Cell{StyleID: st.textWrap, Value: ln.note})
		if err := w.merge(1, r, 2, r); err != nil {
			return 0, err
		}
		if err := w.row(r, row, fitHeight(row, s.ws)); err != nil {
			return 0, err
		}
	}
	s.rateRow = r
	return r, nil
}

// categories writes the members by category, counted at the report date.
func (s *summarySheet) categories(b *book, w *sheetWriter, r int) (int, error) {
	st, ys := b.st, b.ys
	if err := section(b, w, r, fmt.Sprintf("四、党员构成（截至 %s，单位：人）", b.asOf())); err != nil {
		return 0, err
	}
	r++
	if err := w.merge(1, r, 2, r); err != nil {
		return 0, err
	}
	if err := w.row(r, []excelize.Cell{{StyleID: st.header, Value: "党员类别"}, {StyleID: st.header}, {StyleID: st.header, Value: "人数"}}, 20); err != nil {
		return 0, err
	}
	total := 0
	cats := categories()
	for _, c := range cats {
		total += ys.ByCategory[c]
	}
	for c, n := range ys.ByCategory { // a category this build does not name still counts
		if !slices.Contains(cats, c) {
			total += n
		}
	}
	for i, c := range append(cats, "") {
		r++
		label, n, style := categoryName(c), ys.ByCategory[c], st.num
		if i == len(cats) {
			label, n, style = "合计", total, st.numB
		}
		if err := w.merge(1, r, 2, r); err != nil {
			return 0, err
		}
		if err := w.row(r, []excelize.Cell{{StyleID: st.textC, Value: label}, {StyleID: st.textC}, {StyleID: style, Value: n}}, 0); err != nil {
			return 0, err
		}
	}
	return r, nil
}

// chartRows is how many rows the chart covers at the default row height
// (20 px a row).
const (
	chartWidth  = 900
	chartHeight = 320
	chartRows   = chartHeight/20 + 1
)

// chart adds a native line chart of the monthly attendance rate at row r,
// drawn from the rate row of the attendance table; it returns the last
// row the chart covers.
func (s *summarySheet) chart(b *book, w *sheetWriter, r int) (int, error) {
	hdr, rate := s.monthRow, s.rateRow
	q := quoteSheet(w.name)
	zero, one := 0.0, 1.0
	err := b.f.AddChart(w.name, cell(1, r), &excelize.Chart{
		Type: excelize.Line,
		Series: []excelize.ChartSeries{{
			Name:       q + "!$A$" + fmt.Sprint(rate),
			Categories: fmt.Sprintf("%s!$C$%d:$N$%d", q, hdr, hdr),
			Values:     fmt.Sprintf("%s!$C$%d:$N$%d", q, rate, rate),
			Marker:     excelize.ChartMarker{Symbol: "circle", Size: 6},
		}},
		Title:  excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: fmt.Sprintf("%d 年各月出勤率", b.opt.Year)}}},
		Legend: excelize.ChartLegend{Position: "none"},
		XAxis:  excelize.ChartAxis{Font: excelize.Font{Color: "000000"}},
		YAxis: excelize.ChartAxis{Minimum: &zero, Maximum: &one, MajorGridLines: true, Font: excelize.Font{Color: "000000"},
			NumFmt: excelize.ChartNumFmt{CustomNumFmt: "0%"}},
		Dimension:    excelize.ChartDimension{Width: chartWidth, Height: chartHeight},
		ShowBlanksAs: "gap",
	})
	return r + chartRows, err
}

// merged returns the column widths of a row whose cells are merged over
// spans: a span's first cell gets the span's width, the others none.
func (s *summarySheet) merged(spans [][2]int) []float64 {
	out := slices.Clone(s.ws)
	for _, sp := range spans {
		for c := sp[0]; c < sp[1]; c++ {
			out[sp[0]-1] += out[c]
			out[c] = 0
		}
	}
	return out
}
