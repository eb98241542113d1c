package report

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/xuri/excelize/v2"

	"branchledger/data"
)

// rosterHeader is the roster's header row, in the DOMAIN.md names the
// importer reads back.
var rosterHeader = [...]string{"序号", "姓名", "性别", "民族", "出生日期", "公民身份号码", "学历", "联系电话",
	"工作单位及职务", "党小组", "党员类别", "入党日期", "转正日期", "党籍状态", "备注"}

// streamRows is the size from which a table is written with the
// StreamWriter; smaller ones use normal mode.
const streamRows = 500

type rosterSheet struct {
	members []data.Member
	stream  bool
}

// newRosterSheet picks the members who belonged to the branch at some
// time in the year, departed ones included (with their departure in
// 备注), ordered by party group, then as they were added.
func newRosterSheet(b *book) (*rosterSheet, error) {
	ms, err := b.l.Members()
	if err != nil {
		return nil, err
	}
	first, last := data.NewDate(b.opt.Year, 1, 1), b.asOf()
	var out []data.Member
	for _, m := range ms {
		arrived := m.TransferredIn
		if arrived == 0 {
			arrived = m.Joined
		}
		if arrived != 0 && arrived > last {
			continue
		}
		if m.Left != nil && m.Left.Date < first {
			continue
		}
		out = append(out, m)
	}
	order := groupOrder(b.ys.Branch.Groups)
	slices.SortStableFunc(out, func(a, c data.Member) int { return order(a.Group, c.Group) })
	return &rosterSheet{members: out, stream: len(out) > streamRows}, nil
}

// groupOrder compares party groups in the branch's order; groups the
// branch does not list come after, by name, and no group comes last.
func groupOrder(groups []string) func(a, b string) int {
	ranks := make(map[string]int, len(groups)+1)
	for i := len(groups) - 1; i >= 0; i-- {
		ranks[groups[i]] = i
	}
	ranks[""] = len(groups) + 1
	rank := func(g string) int {
		if r, ok := ranks[g]; ok {
			return r
		}
		return len(groups)
	}
	return func(a, b string) int {
		if c := cmp.Compare(rank(a), rank(b)); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	}
}

func (s *rosterSheet) rows() int { return len(s.members) }

func (s *rosterSheet) write(b *book) error {
	st := b.st
	ncols := len(rosterHeader)
	w, err := b.newSheet(Roster, page{landscape: true, cols: ncols, rows: formRows + len(s.members) + footRows}, s.stream)
	if err != nil {
		return err
	}
	ids := func(m *data.Member) (string, string) {
		if b.opt.FullIDs {
			return m.IDNumber, m.Phone
		}
		return data.MaskIDNumber(m.IDNumber), data.MaskPhone(m.Phone)
	}
	ws := make(widths, ncols)
	for i, h := range rosterHeader {
		ws.fit(i, h)
	}
	for i := range s.members {
		m := &s.members[i]
		id, phone := ids(m)
		for c, t := range []string{1: m.Name, 3: m.Ethnicity, 4: "2026-11-29", 5: id, 6: m.Education, 7: phone,
			8: m.Post, 9: m.Group, 10: categoryName(m.Category), 13: statusName(m.Status), 14: rosterNote(m, b.asOf())} {
			ws.fit(c, t)
		}
	}
	ws.clamp(6, 32)
	ws[0] = 6
	ws[4], ws[11], ws[12] = dateWidth, dateWidth, dateWidth
	if err := w.widths(ws); err != nil {
		return err
	}
	if err := w.freeze(2, formRows); err != nil {
		return err
	}
	title := fmt.Sprintf("%s %d 年党员花名册%s", b.ys.Branch.Name, b.opt.Year, maskNote(b.opt.FullIDs))
	note := fmt.Sprintf("统计截至 %s　共 %d 人", b.asOf(), len(s.members))
	if b.ys.Branch.Committee != "" {
		note = "上级党委：" + b.ys.Branch.Committee + "　" + note
	}
	if err := w.formHead(b, ncols, title, note); err != nil {
		return err
	}
	if err := w.row(formRows, headerCells(st, rosterHeader[:]), 30); err != nil {
		return err
	}
	row := make([]excelize.Cell, ncols)
	for i := range s.members {
		m := &s.members[i]
		id, phone := ids(m)
		r := formRows + 1 + i
		row[0] = excelize.Cell{StyleID: st.num, Value: i + 1}
		row[1] = excelize.Cell{StyleID: st.textC, Value: m.Name}
		row[2] = excelize.Cell{StyleID: st.textC, Value: genderName(m.Gender)}
		row[3] = excelize.Cell{StyleID: st.textC, Value: m.Ethnicity}
		row[4] = dateCell(st, m.Birth)
		row[5] = excelize.Cell{StyleID: st.textC, Value: id}
		row[6] = excelize.Cell{StyleID: st.textC, Value: m.Education}
		row[7] = excelize.Cell{StyleID: st.textC, Value: phone}
		row[8] = excelize.Cell{StyleID: st.textWrap, Value: b.clip(w.name, r, rosterHeader[8], m.Post, ws[8])}
		row[9] = excelize.Cell{StyleID: st.textC, Value: m.Group}
		row[10] = excelize.Cell{StyleID: st.textC, Value: categoryName(m.Category)}
		row[11] = dateCell(st, m.Joined)
		row[12] = dateCell(st, m.Confirmed)
		row[13] = excelize.Cell{StyleID: st.textC, Value: statusName(m.Status)}
		row[14] = excelize.Cell{StyleID: st.textWrap, Value: b.clip(w.name, r, rosterHeader[14], rosterNote(m, b.asOf()), ws[14])}
		if err := w.row(r, row, fitHeight(row, ws)); err != nil {
			return err
		}
		b.prog.add(1)
	}
	last := formRows + len(s.members)
	if len(s.members) > 0 {
		// A filter on the header, set before the stream is flushed.
		if err := b.f.AutoFilter(w.name, cell(1, formRows)+":"+cell(ncols, last), nil); err != nil {
			return err
		}
	}
	end, err := w.formFoot(b, last+1, ncols)
	if err != nil {
		return err
	}
	if err := w.finish(); err != nil {
		return err
	}
	return w.print(formRows, formRows, ncols, end)
}

// rosterNote is the member's 备注, with a departure by the report date
// added (a later one is not part of the year).
func rosterNote(m *data.Member, asOf data.Date) string {
	if m.Left == nil || m.Left.Date > asOf {
		return m.Notes
	}
	if m.Notes == "" {
		return departureText(m.Left)
	}
	return m.Notes + "；" + departureText(m.Left)
}

func headerCells(st *styles, names []string) []excelize.Cell {
	row := make([]excelize.Cell, len(names))
	for i, h := range names {
		row[i] = excelize.Cell{StyleID: st.header, Value: h}
	}
	return row
}

// dateCell is a real date cell shown as 2026-11-29, or an empty bordered
// cell for an unset date.
func dateCell(st *styles, d data.Date) excelize.Cell {
	if d == 0 {
		return excelize.Cell{StyleID: st.date}
	}
	return excelize.Cell{StyleID: st.date, Value: dateSerial(d.Year(), int(d.Month()), d.Day())}
}
