package report

import (
	"cmp"
	"errors"
	"fmt"
	"slices"

	"github.com/google/uuid"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"branchledger/data"
)

var signInHeader = [...]string{"序号", "姓名", "党小组", "签名", "备注"}

// signInSheet is the sheet printed before a session starts: the members
// expected, by party group and then by the pinyin of their names, with a
// blank column to sign.
type signInSheet struct {
	session data.Session
	members []data.Member
	marks   map[uuid.UUID]data.Mark
}

// signInHeadRows are the rows above the members: title, theme, date and
// time, place and host, recorder and expected, leave and present, column
// header.
const signInHeadRows = 7

func newSignInSheet(b *book) (*signInSheet, error) {
	s, err := b.l.Session(b.opt.SessionID) // resolve has named one
	if errors.Is(err, data.ErrNotFound) {
		err = fmt.Errorf("%w: %w", ErrNoSession, err)
	}
	if err != nil {
		return nil, err
	}
	ms, err := b.l.Members()
	if err != nil {
		return nil, err
	}
	marks, err := b.l.Marks(s.ID)
	if err != nil {
		return nil, err
	}
	exp := data.ExpectedMembers(&s, ms)
	sortByGroupAndPinyin(exp, b.ys.Branch.Groups)
	return &signInSheet{session: s, members: exp, marks: marks}, nil
}

// sortByGroupAndPinyin orders members by party group (in the branch's
// order), then by name in Chinese collation order, which is pinyin order.
func sortByGroupAndPinyin(ms []data.Member, groups []string) {
	order := groupOrder(groups)
	col := collate.New(language.Chinese)
	slices.SortStableFunc(ms, func(a, b data.Member) int {
		if c := order(a.Group, b.Group); c != 0 {
			return c
		}
		return cmp.Or(col.CompareString(a.Name, b.Name), cmp.Compare(a.Name, b.Name))
	})
}

func (s *signInSheet) rows() int { return len(s.members) }

func (s *signInSheet) write(b *book) error {
	st := b.st
	ses := &s.session
	ncols := len(signInHeader)
	w, err := b.newSheet(SignIn, page{}, false)
	if err != nil {
		return err
	}
	ws := widths{6, 14, 16, 26, 22}
	for i := range s.members {
		ws[1] = max(ws[1], fitWidth(14, 20, s.members[i].Name))
		ws[2] = max(ws[2], fitWidth(16, 24, s.members[i].Group))
	}
	if err := w.widths(ws); err != nil {
		return err
	}
	if err := w.freeze(0, signInHeadRows); err != nil {
		return err
	}
	title := fmt.Sprintf("%s\n%s签到表", b.ys.Branch.Name, sessionKind(ses))
	when := ses.Start
	if ses.End != "" {
		when += "—" + ses.End
	}
	text := func(v string) excelize.Cell { return excelize.Cell{StyleID: st.textWrap, Value: v} }
	leave := 0
	for _, mk := range s.marks {
		if mk.Status == data.OnLeave {
			leave++
		}
	}
	label := func(v string) excelize.Cell { return excelize.Cell{StyleID: st.label, Value: v} }
	blank := excelize.Cell{StyleID: st.textWrap}
	head := []struct {
		cells  []excelize.Cell
		height float64
		merges [][2]int // column ranges merged on the row
	}{
		{[]excelize.Cell{{StyleID: st.title, Value: title}, {StyleID: st.title}, {StyleID: st.title}, {StyleID: st.title}, {StyleID: st.title}},
			54, [][2]int{{1, 5}}},
		{[]excelize.Cell{label("主题"), text(ses.Theme), blank, blank, blank},
			max(32, fitHeight([]excelize.Cell{{}, text(ses.Theme)}, []float64{0, ws[1] + ws[2] + ws[3] + ws[4]})), [][2]int{{2, 5}}},
		{[]excelize.Cell{label("日期"), text(dateWithWeekday(ses.Date)), label("时间"), text(when), blank}, 22, [][2]int{{4, 5}}},
		{[]excelize.Cell{label("地点"), text(ses.Place), label("主持人"), text(ses.Host), blank}, 22, [][2]int{{4, 5}}},
		{[]excelize.Cell{label("记录人"), text(ses.Recorder), label("应到"), {StyleID: st.num, Value: len(s.members)}, blank}, 22, [][2]int{{4, 5}}},
		{[]excelize.Cell{label("请假"), {StyleID: st.num, Value: leave}, label("实到"), blank, blank}, 22, [][2]int{{4, 5}}},
		{headerCells(st, signInHeader[:]), 24, nil},
	}
	for i, h := range head {
		for _, m := range h.merges {
			if err := w.merge(m[0], i+1, m[1], i+1); err != nil {
				return err
			}
		}
		if err := w.row(i+1, h.cells, h.height); err != nil {
			return err
		}
	}
	row := make([]excelize.Cell, ncols)
	for i := range s.members {
		m := &s.members[i]
		note := ""
		if mk, ok := s.marks[m.ID]; ok && mk.Status == data.OnLeave {
			note = "已请假" // known before the session: said so, not left to be signed
			if r := reasonName(mk.Reason); r != "" {
				note += "（" + r + "）"
			}
		}
		row[0] = excelize.Cell{StyleID: st.num, Value: i + 1}
		row[1] = excelize.Cell{StyleID: st.textC, Value: m.Name}
		row[2] = excelize.Cell{StyleID: st.textC, Value: m.Group}
		row[3] = excelize.Cell{StyleID: st.signature}
		row[4] = excelize.Cell{StyleID: st.textWrap, Value: note}
		if err := w.row(signInHeadRows+1+i, row, 30); err != nil {
			return err
		}
		b.prog.add(1)
	}
	r := signInHeadRows + len(s.members)
	if len(ses.Guests) > 0 || ses.Kind == data.JointActivity {
		var err error
		if r, err = s.guests(b, w, r+1); err != nil {
			return err
		}
	}
	r += 2
	if err := w.merge(1, r, 2, r); err != nil {
		return err
	}
	if err := w.merge(3, r, 5, r); err != nil {
		return err
	}
	if err := w.row(r, []excelize.Cell{{StyleID: st.sign, Value: "主持人（签字）："}, {}, {StyleID: st.sign, Value: "记录人（签字）："}}, 40); err != nil {
		return err
	}
	if err := w.finish(); err != nil {
		return err
	}
	// The whole head repeats on every printed page, so that a page that
	// comes loose still says which session it was signed at.
	return w.print(1, signInHeadRows, ncols, r)
}

// guestRows is how many blank rows follow the listed guests, for those
// who come unannounced.
const guestRows = 5

// guests writes the 列席 section from row r: a heading, the guests known
// (name, unit) and blank rows; it returns the last row.
func (s *signInSheet) guests(b *book, w *sheetWriter, r int) (int, error) {
	st := b.st
	if err := w.merge(1, r, 5, r); err != nil {
		return 0, err
	}
	if err := w.row(r, []excelize.Cell{{StyleID: st.section, Value: "列席人员"}}, 24); err != nil {
		return 0, err
	}
	r++
	if err := w.row(r, headerCells(st, []string{"序号", "姓名", "单位", "签名", "备注"}), 24); err != nil {
		return 0, err
	}
	gs := s.session.Guests
	for i := range len(gs) + guestRows {
		r++
		row := []excelize.Cell{{StyleID: st.num, Value: i + 1}, {StyleID: st.textC}, {StyleID: st.textWrap},
			{StyleID: st.signature}, {StyleID: st.textWrap}}
		if i < len(gs) {
			row[1].Value, row[2].Value = gs[i].Name, gs[i].Unit
		}
		if err := w.row(r, row, 30); err != nil {
			return 0, err
		}
	}
	return r, nil
}

// dateWithWeekday is 2026-11-27（星期五）.
func dateWithWeekday(d data.Date) string {
	days := [...]string{"日", "一", "二", "三", "四", "五", "六"}
	return fmt.Sprintf("%s（星期%s）", d, days[d.Weekday()])
}
