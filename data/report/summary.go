package report

import (
	"fmt"
	"slices"
	"strings"
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
	ws := widths{18, 24, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 8, 30}
	if err := w.widths(ws); err != nil {
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

// missingMonths returns, for a kind, the months (1–12) that ended without
// the session a monthly or quarterly rule requires.
func missingMonths(ys *data.YearStats, k data.Kind) map[int]bool {
	out := map[int]bool{}
	for _, c := range ys.Compliance {
		if c.Kind != k {
			continue
		}
		for _, p := range c.Missing {
			switch c.Period {
			case data.Monthly:
				var m int
				if _, err := fmt.Sscanf(p[5:], "%d", &m); err == nil {
					out[m] = true
				}
			case data.Quarterly:
				var q int
				if _, err := fmt.Sscanf(p[6:], "%d", &q); err == nil {
					out[3*q-2], out[3*q-1], out[3*q] = true, true, true
				}
			}
		}
	}
	return out
}

// monthCell is a count for month index m (0–11), blank before the month
// has begun.
func monthCell(b *book, m, style, n int) excelize.Cell {
	if !started(b, m+1) {
		return excelize.Cell{StyleID: style}
	}
	return excelize.Cell{StyleID: style, Value: n}
}

// verdict sums up the rules of one kind for the sessions table.
func verdict(ys *data.YearStats, k data.Kind) string {
	var gaps, pending []string
	ruled := false
	for _, c := range ys.Compliance {
		if c.Kind != k || c.Period == "" {
			continue
		}
		ruled = true
		who := ""
		if c.Group != "" {
			who = c.Group
		}
		if len(c.Missing) > 0 {
			gaps = append(gaps, who+periodsText(c.Missing))
		}
		if len(c.Pending) > 0 {
			pending = append(pending, who+periodsText(c.Pending))
		}
	}
	switch {
	case k == data.NoonClassroom:
		n := 0
		for i := range ys.Held {
			if ys.Held[i].Session.Kind == k && ys.Held[i].Session.CountsAsThemedDay() {
				n++
			}
		}
		if n > 0 {
			return fmt.Sprintf("其中 %d 次计为主题党日", n)
		}
		return ""
	case !ruled:
		return ""
	case len(gaps) > 0 && len(pending) > 0:
		return "未落实：" + strings.Join(gaps, "；") + "。待开：" + strings.Join(pending, "；")
	case len(gaps) > 0:
		return "未落实：" + strings.Join(gaps, "；")
	case len(pending) > 0:
		return "待开：" + strings.Join(pending, "；")
	}
	return "已落实"
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
	for _, k := range data.Kinds {
		perKind[k] = &[13]int{}
	}
	for i := range ys.Held {
		ses := &ys.Held[i].Session
		if c := perKind[ses.Kind]; c != nil {
			c[ses.Date.Month()]++
		}
	}
	r += 2
	for _, k := range data.Kinds {
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
		if err := w.row(r, row, 0); err != nil {
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

// compliance writes one row per rule (and party group): the periods that
// ended without the required session, the period still open, and the
// meetings held without quorum.
func (s *summarySheet) compliance(b *book, w *sheetWriter, r int) (int, error) {
	st, ys := b.st, b.ys
	if err := section(b, w, r, "二、“三会一课”等制度落实情况"); err != nil {
		return 0, err
	}
	spans := [][2]int{{3, 8}, {9, 11}, {12, 15}}
	head := []string{"类型", "规定", "未落实（期间已过、未开展）", "", "", "", "", "", "本期待开", "", "", "未达到法定人数的会议", "", "", "", "结论"}
	row := make([]excelize.Cell, sumCols)
	for i, h := range head {
		row[i] = excelize.Cell{StyleID: st.header, Value: h}
		if h == "" {
			row[i].Value = nil
		}
	}
	write := func(r int, row []excelize.Cell, height float64) error {
		for _, sp := range spans {
			if err := w.merge(sp[0], r, sp[1], r); err != nil {
				return err
			}
		}
		return w.row(r, row, height)
	}
	if err := write(r+1, row, 20); err != nil {
		return 0, err
	}
	r += 2
	for _, c := range ys.Compliance {
		name := kindName(c.Kind)
		if c.Group != "" {
			name += "（" + c.Group + "）"
		}
		rule := ruleText(c.Kind)
		missing, pending, quorum := "无", "", ""
		result := "已落实"
		if c.Period == "" { // a quorum rule
			rule = "应到会有表决权的党员过半数"
			if c.Kind == data.CommitteeMeeting {
				rule = "应到会委员过半数"
			}
			missing = ""
		} else {
			if len(c.Missing) > 0 {
				missing, result = periodsText(c.Missing), "未落实"
			}
			pending = periodsText(c.Pending)
			if result == "已落实" && len(c.Pending) > 0 {
				result = "进行中"
			}
		}
		if len(c.NoQuorum) > 0 {
			quorum, result = strings.Join(c.NoQuorum, "、"), "未达到法定人数"
		} else if c.Period == "" {
			quorum, result = "无", "符合"
		}
		for i := range row {
			row[i] = excelize.Cell{StyleID: st.textWrap}
		}
		row[0] = excelize.Cell{StyleID: st.textC, Value: name}
		row[1].Value = rule
		row[2].Value, row[8].Value, row[11].Value = missing, pending, quorum
		row[15] = excelize.Cell{StyleID: st.textB, Value: result}
		if !c.OK() {
			row[15].StyleID = st.missing
		}
		if err := write(r, row, 0); err != nil {
			return 0, err
		}
		r++
	}
	return r - 1, nil
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
		{"出勤率", nil, rateRule(ys.LeaveCounts)},
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
		if err := w.row(r, row, 0); err != nil {
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
		Title:        excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: fmt.Sprintf("%d 年各月出勤率", b.opt.Year)}}},
		Legend:       excelize.ChartLegend{Position: "none"},
		YAxis:        excelize.ChartAxis{Minimum: &zero, Maximum: &one, MajorGridLines: true, NumFmt: excelize.ChartNumFmt{CustomNumFmt: "0%"}},
		Dimension:    excelize.ChartDimension{Width: chartWidth, Height: chartHeight},
		ShowBlanksAs: "gap",
	})
	return r + chartRows, err
}
