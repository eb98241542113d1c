package report

import (
	"fmt"
	"slices"

	"github.com/google/uuid"
	"github.com/xuri/excelize/v2"

	"branchledger/data"
)

var matrixTotals = [...]string{"应到", "出席", "迟到", "请假", "缺席", "未登记", "出勤率"}

// matrixSheet is the attendance matrix: members down, held sessions
// across, one mark a cell. It is always streamed: at 5,000 members by 60
// sessions it is the largest sheet the program writes.
type matrixSheet struct {
	members []data.MemberStat
	held    []data.SessionStat
	// marks[j][i] is member i's mark at session j.
	marks [][]data.MarkStatus
}

const fixedCols = 3 // 序号, 姓名, 党小组

func newMatrixSheet(b *book) (*matrixSheet, error) {
	// Sorted through an index: a MemberStat is a few hundred bytes.
	order := groupOrder(b.ys.Branch.Groups)
	ms := b.ys.Members
	perm := make([]int, len(ms))
	for i := range perm {
		perm[i] = i
	}
	slices.SortStableFunc(perm, func(a, c int) int { return order(ms[a].Member.Group, ms[c].Member.Group) })
	s := &matrixSheet{members: make([]data.MemberStat, len(ms)), held: b.ys.Held}
	for i, p := range perm {
		s.members[i] = ms[p]
	}
	ids := make([]uuid.UUID, len(s.held))
	members := make([]data.Member, len(s.members))
	for j := range s.held {
		ids[j] = s.held[j].Session.ID
	}
	for i := range s.members {
		members[i] = s.members[i].Member
	}
	var err error
	s.marks, err = b.l.MarkTable(ids, members)
	return s, err
}

func (s *matrixSheet) rows() int { return len(s.members) }

func (s *matrixSheet) write(b *book) error {
	st := b.st
	nm, ns := len(s.members), len(s.held)
	firstTotal := fixedCols + ns + 1
	ncols := fixedCols + ns + len(matrixTotals)
	w, err := b.newSheet(Matrix, page{landscape: true, cols: ncols, rows: 4 + nm + 7}, true)
	if err != nil {
		return err
	}
	ws := make(widths, ncols)
	ws[0], ws[1], ws[2] = 6, fitWidth(8, 14, "姓名"), fitWidth(8, 16, "党小组")
	for i := range s.members {
		ws[1] = max(ws[1], fitWidth(8, 14, s.members[i].Member.Name))
		ws[2] = max(ws[2], fitWidth(8, 16, s.members[i].Member.Group))
	}
	for j := range ns {
		ws[fixedCols+j] = 4
	}
	for k := range matrixTotals {
		ws[fixedCols+ns+k] = 6.5
	}
	ws[ncols-1] = 8
	if err := w.widths(ws); err != nil {
		return err
	}
	if err := w.freeze(fixedCols, 4); err != nil {
		return err
	}
	title := fmt.Sprintf("%s %d 年考勤汇总", b.ys.Branch.Name, b.opt.Year)
	note := fmt.Sprintf("%s　出＝出席　迟＝迟到　假＝请假　缺＝缺席　空白＝未登记　—＝不在应到范围　统计截至 %s",
		rateRule(b.ys.LeaveCounts), b.asOf())
	if err := w.titleRows(st, ncols, title, note); err != nil {
		return err
	}
	if err := s.header(w, st, ncols, firstTotal); err != nil {
		return err
	}
	// The marks as interface values made once: boxing a string per cell
	// would allocate 300,000 times on a large matrix.
	var marks [data.Absent + 1]any
	for k := range marks {
		marks[k] = markChar(data.MarkStatus(k))
	}
	var notExpected any = markNotExpected
	row := make([]excelize.Cell, ncols)
	for j := range s.held {
		row[fixedCols+j].StyleID = st.mark
	}
	for i := range s.members {
		m := &s.members[i]
		row[0] = excelize.Cell{StyleID: st.num, Value: i + 1}
		row[1] = excelize.Cell{StyleID: st.textC, Value: m.Member.Name}
		row[2] = excelize.Cell{StyleID: st.textC, Value: m.Member.Group}
		for j := range s.held {
			if s.held[j].Session.Expects(&m.Member) {
				row[fixedCols+j].Value = marks[s.marks[j][i]]
			} else {
				row[fixedCols+j].Value = notExpected
			}
		}
		totalCells(b, row[firstTotal-1:], m.Counts, false)
		if err := w.row(5+i, row, 0); err != nil {
			return err
		}
		b.prog.add(1)
	}
	last, err := s.footer(b, w, row, 5+nm, firstTotal)
	if err != nil {
		return err
	}
	if nm > 0 && ns > 0 {
		// One rule over the whole mark range colours every 缺席.
		ref := cell(fixedCols+1, 5) + ":" + cell(fixedCols+ns, 4+nm)
		if err := b.f.SetConditionalFormat(w.name, ref, []excelize.ConditionalFormatOptions{{
			Type: "cell", Criteria: "==", Value: `"` + markAbsent + `"`, Format: &st.absentCF}}); err != nil {
			return err
		}
	}
	if err := w.finish(); err != nil {
		return err
	}
	return w.print(3, 4, ncols, last)
}

// header writes the two header rows: session dates (real dates, turned on
// their side to keep the columns narrow) over their kinds.
func (s *matrixSheet) header(w *sheetWriter, st *styles, ncols, firstTotal int) error {
	top := make([]excelize.Cell, ncols)
	bottom := make([]excelize.Cell, ncols)
	fixed := []string{"序号", "姓名", "党小组"}
	for c, h := range fixed {
		top[c] = excelize.Cell{StyleID: st.header, Value: h}
		bottom[c] = excelize.Cell{StyleID: st.header}
	}
	for j := range s.held {
		ses := &s.held[j].Session
		top[fixedCols+j] = dateCell(st, ses.Date)
		top[fixedCols+j].StyleID = st.headerDate
		bottom[fixedCols+j] = excelize.Cell{StyleID: st.headerV, Value: kindName(ses.Kind)}
	}
	for k, h := range matrixTotals {
		top[firstTotal-1+k] = excelize.Cell{StyleID: st.header, Value: h}
		bottom[firstTotal-1+k] = excelize.Cell{StyleID: st.header}
	}
	for c := 1; c <= ncols; c++ {
		if c <= fixedCols || c >= firstTotal {
			if err := w.merge(c, 3, c, 4); err != nil {
				return err
			}
		}
	}
	if err := w.row(3, top, 62); err != nil {
		return err
	}
	return w.row(4, bottom, 86) // room for 支部党员大会 set vertically
}

// totalCells fills a member's (or the year's) counts and rate.
func totalCells(b *book, row []excelize.Cell, c data.Counts, bold bool) {
	num, rate := b.st.num, b.st.rate
	if bold {
		num, rate = b.st.numB, b.st.rateB
	}
	for k, v := range []int{c.Expected, c.Present, c.Late, c.Leave, c.Absent, c.Unmarked} {
		row[k] = excelize.Cell{StyleID: num, Value: v}
	}
	row[len(matrixTotals)-1] = rateCell(b, c, rate)
}

// footer writes the per-session totals under the marks and the year's
// total under the members' totals; it returns the last row.
func (s *matrixSheet) footer(b *book, w *sheetWriter, row []excelize.Cell, r, firstTotal int) (int, error) {
	st := b.st
	lines := []struct {
		label string
		value func(c data.Counts) int
	}{
		{"应到", func(c data.Counts) int { return c.Expected }},
		{"实到", data.Counts.Attended},
		{"请假", func(c data.Counts) int { return c.Leave }},
		{"缺席", func(c data.Counts) int { return c.Absent }},
		{"未登记", func(c data.Counts) int { return c.Unmarked }},
		{"出勤率", nil},
		{"全年合计", nil},
	}
	for k, ln := range lines {
		for c := range row {
			row[c] = excelize.Cell{StyleID: st.textB}
		}
		row[0].Value = ln.label
		for j := range s.held {
			c := s.held[j].Counts
			switch {
			case ln.value != nil:
				row[fixedCols+j] = excelize.Cell{StyleID: st.numB, Value: ln.value(c)}
			case ln.label == "出勤率":
				row[fixedCols+j] = rateCell(b, c, st.rateB)
				row[fixedCols+j].StyleID = rateStyleVertical(b, row[fixedCols+j].StyleID)
			}
		}
		if ln.label == "全年合计" {
			totalCells(b, row[firstTotal-1:], b.ys.Total, true)
		}
		if err := w.merge(1, r+k, fixedCols, r+k); err != nil {
			return 0, err
		}
		height := 0.0
		if ln.label == "出勤率" {
			height = 40
		}
		if err := w.row(r+k, row, height); err != nil {
			return 0, err
		}
	}
	return r + len(lines) - 1, nil
}

// rateStyleVertical keeps a rate readable in a narrow session column.
func rateStyleVertical(b *book, style int) int {
	if style == b.st.rateB {
		return b.st.rateV
	}
	return style
}
