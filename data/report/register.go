package report

import (
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"branchledger/data"
)

var registerHeader = [...]string{"序号", "日期", "类型", "主题", "主持人", "地点", "应到", "实到", "请假", "缺席", "出勤率", "备注"}

// registerSheet is the session register: one row per session held in the
// year (cancelled and future ones are not held), as YearStats counts them.
type registerSheet struct {
	held []data.SessionStat
}

func newRegisterSheet(b *book) *registerSheet { return &registerSheet{held: b.ys.Held} }

func (s *registerSheet) rows() int { return len(s.held) }

// rateCell is an attendance rate as a percentage cell, or "—" when nobody
// counts (the rate would be 0/0).
func rateCell(b *book, c data.Counts, style int) excelize.Cell {
	den := c.Expected
	if !b.ys.LeaveCounts {
		den -= c.Leave
	}
	if den <= 0 {
		return excelize.Cell{StyleID: b.st.textC, Value: markNotExpected}
	}
	return excelize.Cell{StyleID: style, Value: b.ys.Rate(c)}
}

func sessionKind(s *data.Session) string {
	k := kindName(s.Kind)
	if s.Kind == data.GroupMeeting && s.Group != "" {
		k += "（" + s.Group + "）"
	}
	return k
}

func registerNote(st *data.SessionStat) string {
	var parts []string
	if st.NeedsQuorum() && !st.Quorate() {
		parts = append(parts, "未达到法定人数")
	}
	if st.Unmarked > 0 {
		parts = append(parts, fmt.Sprintf("未登记 %d 人", st.Unmarked))
	}
	return strings.Join(parts, "；")
}

func (s *registerSheet) write(b *book) error {
	st := b.st
	ncols := len(registerHeader)
	w, err := b.newSheet(Register, page{landscape: true, cols: ncols, rows: 4 + len(s.held)},
		len(s.held) > streamRows)
	if err != nil {
		return err
	}
	ws := make(widths, ncols)
	for i, h := range registerHeader {
		ws.fit(i, h)
	}
	ws.fit(1, "2026-11-29")
	for i := range s.held {
		h := &s.held[i]
		for c, t := range []string{2: sessionKind(&h.Session), 3: h.Session.Theme, 4: h.Session.Host,
			5: h.Session.Place, 10: "100.0%", 11: registerNote(h)} {
			ws.fit(c, t)
		}
	}
	ws.clamp(6, 40)
	ws[0] = 6
	if err := w.widths(ws); err != nil {
		return err
	}
	if err := w.freeze(0, 3); err != nil {
		return err
	}
	title := fmt.Sprintf("%s %d 年组织生活台账", b.ys.Branch.Name, b.opt.Year)
	note := fmt.Sprintf("%s　统计截至 %s　共 %d 次", rateRule(b.ys.LeaveCounts), b.asOf(), len(s.held))
	if err := w.titleRows(st, ncols, title, note); err != nil {
		return err
	}
	if err := w.row(3, headerCells(st, registerHeader[:]), 24); err != nil {
		return err
	}
	row := make([]excelize.Cell, ncols)
	for i := range s.held {
		h := &s.held[i]
		ses := &h.Session
		row[0] = excelize.Cell{StyleID: st.num, Value: i + 1}
		row[1] = dateCell(st, ses.Date)
		row[2] = excelize.Cell{StyleID: st.textC, Value: sessionKind(ses)}
		row[3] = excelize.Cell{StyleID: st.textWrap, Value: ses.Theme}
		row[4] = excelize.Cell{StyleID: st.textC, Value: ses.Host}
		row[5] = excelize.Cell{StyleID: st.textC, Value: ses.Place}
		row[6] = excelize.Cell{StyleID: st.num, Value: h.Expected}
		row[7] = excelize.Cell{StyleID: st.num, Value: h.Attended()}
		row[8] = excelize.Cell{StyleID: st.num, Value: h.Leave}
		row[9] = excelize.Cell{StyleID: st.num, Value: h.Absent}
		row[10] = rateCell(b, h.Counts, st.rate)
		row[11] = excelize.Cell{StyleID: st.textWrap, Value: registerNote(h)}
		if err := w.row(4+i, row, fitHeight(row, ws)); err != nil {
			return err
		}
		b.prog.add(1)
	}
	total := 4 + len(s.held)
	t := b.ys.Total
	if err := w.merge(1, total, 6, total); err != nil {
		return err
	}
	row = []excelize.Cell{{StyleID: st.textB, Value: "合计"}, {StyleID: st.textB}, {StyleID: st.textB}, {StyleID: st.textB},
		{StyleID: st.textB}, {StyleID: st.textB},
		{StyleID: st.numB, Value: t.Expected}, {StyleID: st.numB, Value: t.Attended()}, {StyleID: st.numB, Value: t.Leave},
		{StyleID: st.numB, Value: t.Absent}, rateCell(b, t, st.rateB), {StyleID: st.textB}}
	if err := w.row(total, row, 0); err != nil {
		return err
	}
	if err := w.finish(); err != nil {
		return err
	}
	return w.print(3, 3, ncols, total)
}
