package report

import (
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"branchledger/data"
)

// registerHeader is what a 三会一课 register is checked for.
var registerHeader = [...]string{"序号", "日期", "起止时间", "类型", "主题", "地点", "主持人", "记录人", "讲课人",
	"应到", "实到", "请假", "缺席", "出勤率", "请假人员及原因", "缺席人员", "列席", "补学（已补/应补）", "成果", "备注"}

// Columns of the register, counted from 0.
const (
	regDate, regTime, regKind, regTheme = 1, 2, 3, 4
	regLeaveNames, regAbsentNames       = 14, 15
	regGuests, regMakeUp, regOutcomes   = 16, 17, 18
	regNote                             = 19
)

// maxNames is how many names a register cell lists before it sums up the
// rest ("等 45 人"); every name is in the attendance matrix.
const maxNames = 10

// registerSheet is the session register: one row per session held in the
// year (cancelled and future ones are not held), as YearStats counts them.
type registerSheet struct {
	held []data.SessionStat
	// names[i] are the leave and absence lists and the make-up count of
	// held[i].
	names []registerNames
}

type registerNames struct {
	leave, absent string
	owed, madeUp  int
}

func newRegisterSheet(b *book) (*registerSheet, error) {
	s := &registerSheet{held: b.ys.Held, names: make([]registerNames, len(b.ys.Held))}
	members, err := b.memberList()
	if err != nil {
		return nil, err
	}
	done, err := b.makeUpsDone()
	if err != nil {
		return nil, err
	}
	for i := range s.held {
		ses := &s.held[i].Session
		marks, err := b.l.Marks(ses.ID)
		if err != nil {
			return nil, err
		}
		var leave, absent []string
		nl, na := 0, 0
		n := &s.names[i]
		for k := range members {
			m := &members[k]
			mk, ok := marks[m.ID]
			if !ok || !mk.OwesMakeUp() || !ses.Expects(m) {
				continue
			}
			n.owed++
			if _, ok := done[makeUpKey{ses.ID, m.ID}]; ok {
				n.madeUp++
			}
			if mk.Status == data.OnLeave {
				nl++
				if len(leave) < maxNames {
					name := m.Name
					if r := reasonName(mk.Reason); r != "" {
						name += "（" + r + "）"
					}
					leave = append(leave, name)
				}
			} else {
				na++
				if len(absent) < maxNames {
					absent = append(absent, m.Name)
				}
			}
		}
		n.leave, n.absent = nameList(leave, nl), nameList(absent, na)
	}
	return s, nil
}

// nameList joins names, summing up those past maxNames.
func nameList(names []string, total int) string {
	s := strings.Join(names, "、")
	if total > len(names) {
		s += fmt.Sprintf(" 等 %d 人", total)
	}
	return s
}

func guestsText(gs []data.Guest) string {
	out := make([]string, len(gs))
	for i, g := range gs {
		out[i] = g.Name
		if g.Unit != "" {
			out[i] += "（" + g.Unit + "）"
		}
	}
	return strings.Join(out, "、")
}

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

// sessionKind names a session's kind, with its party group and the rules
// it is credited to: 正午课堂（计为主题党日）.
func sessionKind(s *data.Session) string {
	k := kindName(s.Kind)
	if s.Kind == data.GroupMeeting && s.Group != "" {
		k += "（" + s.Group + "）"
	}
	if c := creditsText(s); c != "" {
		k += "（" + c + "）"
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

func timeText(s *data.Session) string {
	if s.Start == "" && s.End == "" {
		return ""
	}
	return s.Start + "—" + s.End
}

func (s *registerSheet) write(b *book) error {
	st := b.st
	ncols := len(registerHeader)
	w, err := b.newSheet(Register, page{landscape: true, cols: ncols, rows: formRows + len(s.held) + 1 + footRows},
		len(s.held) > streamRows)
	if err != nil {
		return err
	}
	ws := make(widths, ncols)
	for i, h := range registerHeader {
		ws.fit(i, h)
	}
	for i := range s.held {
		h := &s.held[i]
		ses := &h.Session
		for c, t := range map[int]string{regTime: timeText(ses), regKind: sessionKind(ses), regTheme: ses.Theme, 5: ses.Place,
			6: ses.Host, 7: ses.Recorder, 8: ses.Speaker, regLeaveNames: s.names[i].leave, regAbsentNames: s.names[i].absent,
			regGuests: guestsText(ses.Guests), regOutcomes: ses.Outcomes, regNote: registerNote(h)} {
			ws.fit(c, t)
		}
	}
	ws.clamp(6, 24)
	ws[0] = 6
	ws[regDate] = dateWidth
	for c := 9; c <= 12; c++ {
		ws[c] = max(6, textWidth(fmt.Sprint(b.ys.Total.Expected))+2)
	}
	ws[13] = 8
	ws[regMakeUp] = 10
	if err := w.widths(ws); err != nil {
		return err
	}
	if err := w.freeze(0, formRows); err != nil {
		return err
	}
	title := fmt.Sprintf("%s %d 年组织生活台账", b.ys.Branch.Name, b.opt.Year)
	note := fmt.Sprintf("%s　统计截至 %s　共 %d 次", rateRule(b.ys.LeaveCounts), b.asOf(), len(s.held))
	if err := w.formHead(b, ncols, title, note); err != nil {
		return err
	}
	if err := w.row(formRows, headerCells(st, registerHeader[:]), 30); err != nil {
		return err
	}
	row := make([]excelize.Cell, ncols)
	for i := range s.held {
		h := &s.held[i]
		ses := &h.Session
		n := &s.names[i]
		r := formRows + 1 + i
		text := func(c int, v string) excelize.Cell {
			return excelize.Cell{StyleID: st.textWrap, Value: b.clip(w.name, r, registerHeader[c], v, ws[c])}
		}
		row[0] = excelize.Cell{StyleID: st.num, Value: i + 1}
		row[regDate] = dateCell(st, ses.Date)
		row[regTime] = excelize.Cell{StyleID: st.textC, Value: timeText(ses)}
		row[regKind] = excelize.Cell{StyleID: st.textC, Value: sessionKind(ses)}
		row[regTheme] = text(regTheme, ses.Theme)
		row[5] = text(5, ses.Place)
		row[6] = excelize.Cell{StyleID: st.textC, Value: ses.Host}
		row[7] = excelize.Cell{StyleID: st.textC, Value: ses.Recorder}
		row[8] = excelize.Cell{StyleID: st.textC, Value: ses.Speaker}
		row[9] = excelize.Cell{StyleID: st.num, Value: h.Expected}
		row[10] = excelize.Cell{StyleID: st.num, Value: h.Attended()}
		row[11] = excelize.Cell{StyleID: st.num, Value: h.Leave}
		row[12] = excelize.Cell{StyleID: st.num, Value: h.Absent}
		row[13] = rateCell(b, h.Counts, st.rate)
		row[regLeaveNames] = text(regLeaveNames, n.leave)
		row[regAbsentNames] = text(regAbsentNames, n.absent)
		row[regGuests] = text(regGuests, guestsText(ses.Guests))
		row[regMakeUp] = excelize.Cell{StyleID: st.textC, Value: fmt.Sprintf("%d/%d", n.madeUp, n.owed)}
		row[regOutcomes] = text(regOutcomes, ses.Outcomes)
		row[regNote] = text(regNote, registerNote(h))
		if err := w.row(r, row, fitHeight(row, ws)); err != nil {
			return err
		}
		b.prog.add(1)
	}
	total := formRows + 1 + len(s.held)
	t := b.ys.Total
	if err := w.merge(1, total, 9, total); err != nil {
		return err
	}
	madeUp, owed := 0, 0
	for _, n := range s.names {
		madeUp, owed = madeUp+n.madeUp, owed+n.owed
	}
	for c := range row {
		row[c] = excelize.Cell{StyleID: st.textB}
	}
	row[0].Value = "合计"
	row[9] = excelize.Cell{StyleID: st.numB, Value: t.Expected}
	row[10] = excelize.Cell{StyleID: st.numB, Value: t.Attended()}
	row[11] = excelize.Cell{StyleID: st.numB, Value: t.Leave}
	row[12] = excelize.Cell{StyleID: st.numB, Value: t.Absent}
	row[13] = rateCell(b, t, st.rateB)
	row[regMakeUp].Value = fmt.Sprintf("%d/%d", madeUp, owed)
	if err := w.row(total, row, 0); err != nil {
		return err
	}
	last, err := w.formFoot(b, total+1, ncols)
	if err != nil {
		return err
	}
	if err := w.finish(); err != nil {
		return err
	}
	return w.print(formRows, formRows, ncols, last)
}
