package report

import (
	"fmt"
	"slices"

	"github.com/google/uuid"
	"github.com/xuri/excelize/v2"

	"branchledger/data"
)

// matrixTotals head the columns right of the marks; the last two count
// the make-up studies (补学) owed by the member's leave and absences.
var matrixTotals = [...]string{"应到", "出席", "迟到", "请假", "缺席", "未登记", "出勤率", "已补学", "未补学"}

// How the attendance matrix is split into sheets (Options.MatrixBy).
const (
	ByMonth   = "month"
	ByQuarter = "quarter"
)

// matrixSheet is the attendance matrix: members down, held sessions
// across, one mark a cell; one sheet per month (or quarter) that held
// sessions, printed at full size with 序号/姓名/党小组 on every page, and a
// last sheet of the year's totals. Always streamed: at 5,000 members by
// 1,000 sessions it is the largest report the program writes.
type matrixSheet struct {
	members []data.MemberStat
	held    []data.SessionStat
	// marks[j][i] is member i's mark at session j.
	marks [][]data.MarkStatus
	// parts are the [from, to) ranges of held, one per sheet.
	parts []matrixPart
	// done and owed count each member's make-up studies over the year.
	done, owed []int
}

type matrixPart struct {
	name     string // the sheet name
	title    string // the period in the title
	from, to int
}

const fixedCols = 3 // 序号, 姓名, 党小组

// Widths of the matrix columns: a session column holds 缺→补 in 8 points;
// about 22 of them fit an A4 landscape page at 90% beside the fixed
// columns (pageUnits).
const (
	markWidth  = 4.5
	totalWidth = 7.0
)

func newMatrixSheet(b *book) (*matrixSheet, error) {
	// Sorted through an index: a MemberStat is a few hundred bytes.
	order := groupOrder(b.ys.Branch.Groups)
	ms := b.ys.Members
	perm := make([]int, len(ms))
	for i := range perm {
		perm[i] = i
	}
	slices.SortStableFunc(perm, func(a, c int) int { return order(ms[a].Member.Group, ms[c].Member.Group) })
	s := &matrixSheet{members: make([]data.MemberStat, len(ms)), held: b.ys.Held,
		done: make([]int, len(ms)), owed: make([]int, len(ms))}
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
	if s.marks, err = b.l.MarkTable(ids, members); err != nil {
		return nil, err
	}
	s.parts = matrixParts(s.held, matrixBy(b.opt.MatrixBy, len(s.held)))
	return s, nil
}

func (s *matrixSheet) rows() int { return len(s.members) * (len(s.parts) + 1) }

func (s *matrixSheet) write(b *book) error {
	done, err := b.makeUpsDone()
	if err != nil {
		return err
	}
	for _, p := range s.parts {
		if err := s.writePart(b, p, done); err != nil {
			return err
		}
	}
	return s.writeYear(b)
}

// writePart writes the sheet of one month or quarter.
func (s *matrixSheet) writePart(b *book, p matrixPart, done map[makeUpKey]data.MakeUp) error {
	st := b.st
	held := s.held[p.from:p.to]
	nm, ns := len(s.members), len(held)
	firstTotal := fixedCols + ns + 1
	ncols := fixedCols + ns + len(matrixTotals)
	hdr := formRows
	ws := s.widths(b, ns)
	probe := &sheetWriter{}
	spread := probe.layout(ws)
	w, err := b.newSheet(p.name, page{landscape: true, cols: ncols, rows: hdr + 1 + nm + 7 + footRows, spread: spread}, true)
	if err != nil {
		return err
	}
	w.layout(ws)
	w.rowStyle, w.titleCols = st.plain, fixedCols
	if err := w.widths(ws); err != nil {
		return err
	}
	if err := w.freeze(fixedCols, hdr+1); err != nil {
		return err
	}
	title := fmt.Sprintf("%s %d 年%s考勤汇总", b.ys.Branch.Name, b.opt.Year, p.title)
	note := fmt.Sprintf("%s　出＝出席　迟＝迟到　假＝请假　缺＝缺席　→补＝已补学　空白＝未登记　—＝不在应到范围　统计截至 %s",
		rateRule(b.ys.LeaveCounts), b.asOf())
	if err := w.formHead(b, ncols, title, note); err != nil {
		return err
	}
	if err := matrixHeader(w, st, held, ncols, firstTotal); err != nil {
		return err
	}
	// The marks as interface values made once: boxing a string per cell
	// would allocate millions of times on a large matrix.
	// 未登记 is a bordered blank cell, not an empty string.
	var marks [data.Absent + 1]any
	for k := range marks {
		if c := markChar(data.MarkStatus(k)); c != "" {
			marks[k] = c
		}
	}
	madeUp := map[data.MarkStatus]any{data.OnLeave: markLeave + "→补", data.Absent: markAbsent + "→补"}
	var notExpected any = markNotExpected
	row := make([]excelize.Cell, ncols)
	var partDone, partOwed int
	for i := range s.members {
		m := &s.members[i].Member
		row[0] = excelize.Cell{StyleID: st.num, Value: i + 1}
		row[1] = excelize.Cell{StyleID: st.textC, Value: m.Name}
		row[2] = excelize.Cell{StyleID: st.textC, Value: m.Group}
		var c data.Counts
		nd, no := 0, 0
		for j := range held {
			cl := &row[fixedCols+j]
			cl.StyleID = st.mark
			if !held[j].Session.Expects(m) {
				cl.Value = notExpected
				continue
			}
			mk := s.marks[p.from+j][i]
			cl.Value = marks[mk]
			c.Expected++
			switch mk {
			case data.Present:
				c.Present++
			case data.Late:
				c.Late++
			case data.OnLeave, data.Absent:
				if mk == data.OnLeave {
					c.Leave++
				} else {
					c.Absent++
				}
				no++
				if _, ok := done[makeUpKey{held[j].Session.ID, m.ID}]; ok {
					nd++
					cl.Value, cl.StyleID = madeUp[mk], st.markDone
				}
			default:
				c.Unmarked++
			}
		}
		s.done[i], s.owed[i] = s.done[i]+nd, s.owed[i]+no
		partDone, partOwed = partDone+nd, partOwed+no
		totalCells(b, row[firstTotal-1:], c, nd, no, false)
		if err := w.row(hdr+2+i, row, 0); err != nil {
			return err
		}
		b.prog.add(1)
	}
	var sum data.Counts
	for j := range held {
		sum = sumCounts(sum, held[j].Counts)
	}
	last, err := matrixFooter(b, w, held, row, hdr+2+nm, firstTotal, sum, partDone, partOwed)
	if err != nil {
		return err
	}
	if nm > 0 && ns > 0 {
		// One rule over the whole mark range colours every 缺席.
		ref := cell(fixedCols+1, hdr+2) + ":" + cell(fixedCols+ns, hdr+1+nm)
		if err := b.f.SetConditionalFormat(w.name, ref, []excelize.ConditionalFormatOptions{{
			Type: "cell", Criteria: "==", Value: `"` + markAbsent + `"`, Format: &st.absentCF}}); err != nil {
			return err
		}
	}
	if last, err = w.formFoot(b, last+1, ncols); err != nil {
		return err
	}
	if err := w.finish(); err != nil {
		return err
	}
	return w.print(hdr, hdr+1, ncols, last)
}

// widths are the column widths of a sheet of ns sessions: the fixed
// columns fit the longest name and group, the totals the largest count.
func (s *matrixSheet) widths(b *book, ns int) widths {
	ws := make(widths, fixedCols+ns+len(matrixTotals))
	ws[0], ws[1], ws[2] = max(6, textWidth(fmt.Sprint(len(s.members)))+2), fitWidth(8, 14, "姓名"), fitWidth(8, 16, "党小组")
	for i := range s.members {
		ws[1] = max(ws[1], fitWidth(8, 14, s.members[i].Member.Name))
		ws[2] = max(ws[2], fitWidth(8, 16, s.members[i].Member.Group))
	}
	for j := range ns {
		ws[fixedCols+j] = markWidth
	}
	// The year's total expected is the largest number in any total column.
	tw := max(totalWidth, textWidth(fmt.Sprint(b.ys.Total.Expected))+3)
	for k := range matrixTotals {
		ws[fixedCols+ns+k] = tw
	}
	ws[fixedCols+ns+6] = max(8, tw)
	return ws
}

// matrixHeader writes the two header rows at formRows: session dates (real
// dates, turned on their side to keep the columns narrow) over their kinds.
func matrixHeader(w *sheetWriter, st *styles, held []data.SessionStat, ncols, firstTotal int) error {
	top := make([]excelize.Cell, ncols)
	bottom := make([]excelize.Cell, ncols)
	for c, h := range []string{"序号", "姓名", "党小组"} {
		top[c] = excelize.Cell{StyleID: st.header, Value: h}
		bottom[c] = excelize.Cell{StyleID: st.header}
	}
	for j := range held {
		ses := &held[j].Session
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
			if err := w.merge(c, formRows, c, formRows+1); err != nil {
				return err
			}
		}
	}
	if err := w.row(formRows, top, 66); err != nil {
		return err
	}
	return w.row(formRows+1, bottom, 86) // room for 支部党员大会 set vertically
}

// totalCells fills a member's (or a period's) counts, rate and make-ups.
func totalCells(b *book, row []excelize.Cell, c data.Counts, done, owed int, bold bool) {
	num, rate := b.st.num, b.st.rate
	if bold {
		num, rate = b.st.numB, b.st.rateB
	}
	for k, v := range []int{c.Expected, c.Present, c.Late, c.Leave, c.Absent, c.Unmarked} {
		row[k] = excelize.Cell{StyleID: num, Value: v}
	}
	row[6] = rateCell(b, c, rate)
	row[7] = excelize.Cell{StyleID: num, Value: done}
	row[8] = excelize.Cell{StyleID: num, Value: owed - done}
}

// matrixFooter writes the per-session totals under the marks and the
// period's total under the members' totals; it returns the last row.
func matrixFooter(b *book, w *sheetWriter, held []data.SessionStat, row []excelize.Cell, r, firstTotal int,
	sum data.Counts, done, owed int) (int, error) {
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
		{"合计", nil},
	}
	for k, ln := range lines {
		for c := range row {
			row[c] = excelize.Cell{StyleID: st.textB}
		}
		row[0].Value = ln.label
		for j := range held {
			c := held[j].Counts
			switch {
			case ln.value != nil:
				row[fixedCols+j] = excelize.Cell{StyleID: st.numV, Value: ln.value(c)}
			case ln.label == "出勤率":
				row[fixedCols+j] = rateCell(b, c, st.rateV)
			}
		}
		if ln.label == "合计" {
			totalCells(b, row[firstTotal-1:], sum, done, owed, true)
		}
		if err := w.merge(1, r+k, fixedCols, r+k); err != nil {
			return 0, err
		}
		height := 0.0
		if ln.value != nil || ln.label == "出勤率" {
			height = 40 // numbers set on their side: up to 5 digits
		}
		if err := w.row(r+k, row, height); err != nil {
			return 0, err
		}
	}
	return r + len(lines) - 1, nil
}

func sumCounts(a, c data.Counts) data.Counts {
	return data.Counts{Expected: a.Expected + c.Expected, Present: a.Present + c.Present, Late: a.Late + c.Late,
		Leave: a.Leave + c.Leave, Absent: a.Absent + c.Absent, Unmarked: a.Unmarked + c.Unmarked}
}
