package report

import (
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"branchledger/data"
)

// The yearly summary against the rules of the branch work regulations: the
// months that lack a required session, each kind's verdict, and the
// compliance table.

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
			who = c.Group + "："
		}
		if len(c.Missing) > 0 {
			gaps = append(gaps, who+periodsText(c.Missing))
		}
		if len(c.Pending) > 0 {
			pending = append(pending, who+periodsText(c.Pending))
		}
	}
	credited := creditedText(ys, k)
	if len(gaps) > maxGroupsListed {
		gaps = []string{fmt.Sprintf("%d 个党小组（见第二部分）", len(gaps))}
	}
	if len(pending) > maxGroupsListed {
		pending = []string{fmt.Sprintf("%d 个党小组", len(pending))}
	}
	v := ""
	switch {
	case !ruled:
	case len(gaps) > 0 && len(pending) > 0:
		v = "未落实：" + strings.Join(gaps, "；") + "。待开：" + strings.Join(pending, "；")
	case len(gaps) > 0:
		v = "未落实：" + strings.Join(gaps, "；")
	case len(pending) > 0:
		v = "待开：" + strings.Join(pending, "；")
	default:
		v = "已落实"
	}
	switch {
	case credited == "":
		return v
	case v == "":
		return credited
	}
	return v + "（" + credited + "）"
}

// maxGroupsListed is how many party groups a verdict names before it
// counts them instead.
const maxGroupsListed = 3

// ruled reports whether a frequency rule exists for kind k.
func ruled(k data.Kind) bool {
	for _, r := range data.Rules() {
		if r.Kind == k {
			return true
		}
	}
	return false
}

// creditedText says how the sessions of a kind's row include credits:
// for a rule, the sessions of other kinds counted toward it ("含正午课堂
// 10 次"); for a kind without a rule, its sessions counted toward rules
// ("其中 10 次计为主题党日").
func creditedText(ys *data.YearStats, k data.Kind) string {
	if ruled(k) {
		n := map[data.Kind]int{}
		for i := range ys.Held {
			if ses := &ys.Held[i].Session; ses.Credited(k) {
				n[ses.Kind]++
			}
		}
		var parts []string
		for _, o := range data.Kinds() {
			if n[o] > 0 {
				parts = append(parts, fmt.Sprintf("%s %d 次", kindName(o), n[o]))
			}
		}
		if len(parts) == 0 {
			return ""
		}
		return "含" + strings.Join(parts, "、")
	}
	n := map[data.Kind]int{}
	for i := range ys.Held {
		if ses := &ys.Held[i].Session; ses.Kind == k {
			for _, o := range data.Kinds() {
				if ses.Credited(o) {
					n[o]++
				}
			}
		}
	}
	var parts []string
	for _, o := range data.Kinds() {
		if n[o] > 0 {
			parts = append(parts, fmt.Sprintf("%d 次计为%s", n[o], kindName(o)))
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return "其中 " + strings.Join(parts, "、")
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
		name := complianceName(&c)
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
			quorum, result = b.clip(w.name, r, "未达到法定人数的会议", strings.Join(c.NoQuorum, "、"), s.merged(spans)[11]), "未达到法定人数"
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
		if err := write(r, row, fitHeight(row, s.merged(spans))); err != nil {
			return 0, err
		}
		r++
	}
	return r - 1, nil
}

// complianceName names a rule's row: the kind, and the party group for a
// rule kept per group.
func complianceName(c *data.Compliance) string {
	if c.Group != "" {
		return kindName(c.Kind) + "（" + c.Group + "）"
	}
	return kindName(c.Kind)
}
