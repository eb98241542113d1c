package report

import (
	"errors"
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"branchledger/data"
)

// minutesSheet is the 会议记录 of one session, printed A4 portrait: the
// committee's name, the kind and its number in the year, the facts of the
// meeting, who was absent and why, the guests, the agenda, the minutes,
// the decisions and the signature lines.
type minutesSheet struct {
	roll *data.Roll
	// seq is the session's number among the year's held sessions of its
	// kind (第 N 次), by date.
	seq int
}

func newMinutesSheet(b *book) (*minutesSheet, error) {
	roll, err := b.l.Roll(b.opt.SessionID)
	if errors.Is(err, data.ErrNotFound) {
		err = fmt.Errorf("%w: %w", ErrNoSession, err)
	}
	if err != nil {
		return nil, err
	}
	ses := &roll.Session
	y := ses.Date.Year()
	ss, err := b.l.Sessions(data.NewDate(y, 1, 1), data.NewDate(y, 12, 31))
	if err != nil {
		return nil, err
	}
	seq := 0
	for i := range ss {
		o := &ss[i]
		if o.Kind == ses.Kind && !o.Cancelled && (o.Date < ses.Date || o.Date == ses.Date && o.ID.String() <= ses.ID.String()) {
			seq++
		}
	}
	return &minutesSheet{roll: roll, seq: seq}, nil
}

func (s *minutesSheet) rows() int { return 14 }

// committeeName is the heading of the minutes: 中共…支部委员会, from the
// branch's name (…党支部 → 中共…支部委员会).
func committeeName(branch string) string {
	name := strings.TrimPrefix(branch, "中共")
	switch {
	case strings.HasSuffix(name, "党支部"):
		name = strings.TrimSuffix(name, "党支部") + "支部委员会"
	case strings.HasSuffix(name, "支部"):
		name += "委员会"
	}
	return "中共" + name
}

// absentText lists the absent and those on leave with their reasons:
// 张三（因公请假）、李四（缺席）.
func absentText(r *data.Roll) string {
	var out []string
	for _, m := range r.Members {
		mk := r.Marks[m.ID]
		switch mk.Status {
		case data.OnLeave:
			why := reasonName(mk.Reason)
			out = append(out, m.Name+"（"+why+"请假）")
		case data.Absent:
			out = append(out, m.Name+"（缺席）")
		}
	}
	if len(out) == 0 {
		return "无"
	}
	return strings.Join(out, "、")
}

func (s *minutesSheet) write(b *book) error {
	st := b.st
	ses := &s.roll.Session
	w, err := b.newSheet(Minutes, page{}, false)
	if err != nil {
		return err
	}
	ws := widths{12, 30, 12, 30}
	if err := w.widths(ws); err != nil {
		return err
	}
	full := ws[1] + ws[2] + ws[3]
	when := dateWithWeekday(ses.Date)
	if t := timeText(ses); t != "" {
		when += " " + t
	}
	guests := guestsText(ses.Guests)
	if guests == "" {
		guests = "无"
	}
	label := func(v string) excelize.Cell { return excelize.Cell{StyleID: st.label, Value: v} }
	text := func(v string) excelize.Cell { return excelize.Cell{StyleID: st.textWrap, Value: v} }
	long := func(r int, field, v string) excelize.Cell {
		return excelize.Cell{StyleID: st.textTop, Value: b.clip(w.name, r, field, v, full)}
	}
	blank := excelize.Cell{StyleID: st.textWrap}
	title := committeeName(b.ys.Branch.Name) + "\n" + kindName(ses.Kind) + "会议记录"
	rows := []struct {
		cells  []excelize.Cell
		height float64
		wide   bool // the value is merged over columns B to D
	}{
		{[]excelize.Cell{{StyleID: st.title, Value: title}, {StyleID: st.title}, {StyleID: st.title}, {StyleID: st.title}}, 60, false},
		{[]excelize.Cell{{StyleID: st.noteR, Value: fmt.Sprintf("%d 年第 %d 次", ses.Date.Year(), s.seq)}}, 22, false},
		{[]excelize.Cell{label("时间"), text(when), blank, blank}, 24, true},
		{[]excelize.Cell{label("地点"), text(ses.Place), blank, blank}, 24, true},
		{[]excelize.Cell{label("主持人"), text(ses.Host), label("记录人"), text(ses.Recorder)}, 24, false},
		{[]excelize.Cell{label("应到"), {StyleID: st.num, Value: s.roll.Stat.Expected}, label("实到"), {StyleID: st.num, Value: s.roll.Stat.Attended()}}, 24, false},
		{[]excelize.Cell{label("缺席及原因"), text(absentText(s.roll)), blank, blank}, 0, true},
		{[]excelize.Cell{label("列席"), text(guests), blank, blank}, 0, true},
		{[]excelize.Cell{label("议题"), text(ses.Theme), blank, blank}, 0, true},
		{[]excelize.Cell{label("内容"), long(10, "内容", ses.Minutes), blank, blank}, 0, true},
		{[]excelize.Cell{label("决议"), long(11, "决议", ses.Outcomes), blank, blank}, 0, true},
	}
	for i, rw := range rows {
		r := i + 1
		switch {
		case r <= 2:
			if err := w.merge(1, r, 4, r); err != nil {
				return err
			}
		case rw.wide:
			if err := w.merge(2, r, 4, r); err != nil {
				return err
			}
		}
		h := rw.height
		if h == 0 {
			h = max(30, fitHeight(rw.cells[:2], []float64{0, full}))
			if r >= 10 {
				h = max(h, 160) // room to write by hand when the ledger has no text
			}
		}
		if err := w.row(r, rw.cells, h); err != nil {
			return err
		}
	}
	last := len(rows) + 2
	if err := w.merge(1, last, 2, last); err != nil {
		return err
	}
	if err := w.merge(3, last, 4, last); err != nil {
		return err
	}
	if err := w.row(last, []excelize.Cell{{StyleID: st.sign, Value: "主持人（签字）："}, {}, {StyleID: st.sign, Value: "记录人（签字）："}}, 40); err != nil {
		return err
	}
	b.prog.add(s.rows())
	if err := w.finish(); err != nil {
		return err
	}
	return w.print(1, 2, 4, last)
}
