package report

import (
	"errors"
	"fmt"
	"html"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/xuri/excelize/v2"

	"branchledger/data"
)

func TestRegisterCells(t *testing.T) {
	l := newDemoLedger(t)
	ys := yearStats(t, l)
	f := export(t, l, Options{Year: 2026, Reports: []string{Register}})
	const sh = "组织生活台账"
	wantCell(t, f, sh, "A2", fmt.Sprintf("出勤率 =（出席＋迟到）÷（应到－请假），请假不计入缺勤　统计截至 2026-11-29　共 %d 次", len(ys.Held)))
	wantRow(t, f, sh, 3, registerHeader[:])
	if len(ys.Held) < 80 {
		t.Fatalf("demo holds %d sessions, want a year's", len(ys.Held))
	}
	for i, h := range ys.Held {
		r := 4 + i
		wantDate(t, f, sh, cell(2, r), h.Session.Date)
		wantRow(t, f, sh, r, []string{fmt.Sprint(i + 1), h.Session.Date.String(), sessionKind(&h.Session), h.Session.Theme,
			h.Session.Host, h.Session.Place, fmt.Sprint(h.Expected), fmt.Sprint(h.Attended()), fmt.Sprint(h.Leave),
			fmt.Sprint(h.Absent), pct(ys.Rate(h.Counts))})
	}
	total := 4 + len(ys.Held)
	wantRow(t, f, sh, total, []string{"合计", "合计", "合计", "合计", "合计", "合计", fmt.Sprint(ys.Total.Expected), fmt.Sprint(ys.Total.Attended()),
		fmt.Sprint(ys.Total.Leave), fmt.Sprint(ys.Total.Absent), pct(ys.Rate(ys.Total))})
	if got := numFmt(t, f, sh, cell(11, 4)); got != fmtRate {
		t.Errorf("rate format %q, want %q (a number, not text)", got, fmtRate)
	}
}

// TestRegisterSaysLeaveRule checks the rule line when the branch counts
// leave against attendance, and that the rates follow it.
func TestRegisterSaysLeaveRule(t *testing.T) {
	l := newDemoLedger(t)
	b, err := l.Branch()
	if err != nil {
		t.Fatal(err)
	}
	b.LeaveCountsAgainst = true
	if err := l.SaveBranch(b); err != nil {
		t.Fatal(err)
	}
	ys := yearStats(t, l)
	f := export(t, l, Options{Year: 2026, Reports: []string{Register}})
	if got := get(t, f, "组织生活台账", "A2"); !strings.HasPrefix(got, "出勤率 =（出席＋迟到）÷ 应到，请假计入缺勤") {
		t.Errorf("rule line %q, want the leave-counts rule", got)
	}
	for i, h := range ys.Held {
		wantCell(t, f, "组织生活台账", cell(11, 4+i), pct(h.Counts.Rate(true)))
	}
}

func TestMatrixCells(t *testing.T) {
	l := newDemoLedger(t)
	ys := yearStats(t, l)
	f := export(t, l, Options{Year: 2026, Reports: []string{Matrix}})
	const sh = "考勤汇总"
	nm, ns := len(ys.Members), len(ys.Held)
	wantRow(t, f, sh, 3, []string{"序号", "姓名", "党小组"})
	firstTotal := 3 + ns + 1
	for k, h := range matrixTotals {
		wantCell(t, f, sh, cell(firstTotal+k, 3), h)
	}
	// The demo adds its members group by group, so ledger order is the
	// matrix order.
	for j, h := range ys.Held {
		wantDate(t, f, sh, cell(4+j, 3), h.Session.Date)
		wantCell(t, f, sh, cell(4+j, 4), kindName(h.Session.Kind))
		marks, err := l.Marks(h.Session.ID)
		if err != nil {
			t.Fatal(err)
		}
		for i, m := range ys.Members {
			want := markNotExpected
			if h.Session.Expects(&m.Member) {
				want = map[data.MarkStatus]string{data.Unmarked: "", data.Present: "出", data.Late: "迟",
					data.OnLeave: "假", data.Absent: "缺"}[marks[m.Member.ID].Status]
			}
			wantCell(t, f, sh, cell(4+j, 5+i), want)
		}
		foot := 5 + nm
		for k, v := range []int{h.Expected, h.Attended(), h.Leave, h.Absent, h.Unmarked} {
			wantCell(t, f, sh, cell(4+j, foot+k), fmt.Sprint(v))
		}
		wantCell(t, f, sh, cell(4+j, foot+5), pct(ys.Rate(h.Counts)))
	}
	for i, m := range ys.Members {
		wantRow(t, f, sh, 5+i, []string{fmt.Sprint(i + 1), m.Member.Name, m.Member.Group})
		for k, v := range []int{m.Expected, m.Present, m.Late, m.Leave, m.Absent, m.Unmarked} {
			wantCell(t, f, sh, cell(firstTotal+k, 5+i), fmt.Sprint(v))
		}
		wantCell(t, f, sh, cell(firstTotal+6, 5+i), pct(ys.Rate(m.Counts)))
	}
	last := 5 + nm + 6
	wantCell(t, f, sh, cell(1, last), "全年合计")
	wantCell(t, f, sh, cell(firstTotal, last), fmt.Sprint(ys.Total.Expected))
	wantCell(t, f, sh, cell(firstTotal+6, last), pct(ys.Rate(ys.Total)))

	cfs, err := f.GetConditionalFormats(sh)
	if err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprintf("D5:%s%d", col(3+ns), 4+nm)
	if len(cfs) != 1 || len(cfs[want]) != 1 {
		t.Fatalf("conditional formats %v, want one rule over %s", cfs, want)
	}
	cf := cfs[want][0]
	if cf.Type != "cell" || cf.Criteria != "equal to" || cf.Value != `"缺"` || cf.Format == nil {
		t.Errorf("rule %+v, want cell == \"缺\" with a format", cf)
	}
	if st, err := f.GetConditionalStyle(*cf.Format); err != nil || len(st.Fill.Color) == 0 {
		t.Errorf("rule style %+v (%v), want a fill", st, err)
	}
}

// TestSignInSheet checks the head, the members expected (a group meeting
// expects its group only), their order (party group, then pinyin, which is
// not the order of the characters' code points) and the blank signature
// column.
func TestSignInSheet(t *testing.T) {
	l := newTestLedger(t, data.Branch{Name: "测试支部", Groups: []string{"第一党小组", "第二党小组"}})
	// Pinyin: 安 an, 白 bai, 李 li, 张 zhang; code points: 安 张 李 白.
	names := []string{"张三", "白云", "李四", "安娜", "赵六"}
	groups := []string{"第一党小组", "第一党小组", "第一党小组", "第一党小组", "第二党小组"}
	ms := make([]*data.Member, len(names))
	for i := range ms {
		ms[i] = member(i, names[i], groups[i])
	}
	if err := l.SaveMembers(ms); err != nil {
		t.Fatal(err)
	}
	group := &data.Session{Kind: data.GroupMeeting, Group: "第一党小组", Theme: "学习会", Date: data.NewDate(2026, 12, 10),
		Start: "12:10", End: "12:50", Place: "窗口会议室", Host: "张三"}
	all := &data.Session{Kind: data.GeneralMeeting, Theme: "支部党员大会", Date: data.NewDate(2026, 12, 3), Start: "14:00", Place: "三楼会议室", Host: "张三"}
	gid, aid := mustSession(t, l, group), mustSession(t, l, all)
	if err := l.SetMark(gid, ms[1].ID, data.Mark{Status: data.OnLeave, Reason: data.Sick}, false); err != nil {
		t.Fatal(err)
	}
	const sh = "签到表"
	for _, tc := range []struct {
		name    string
		id      uuid.UUID
		title   string
		members []string
		notes   []string
	}{
		{"group meeting", gid, "测试支部\n党小组会（第一党小组）签到表", []string{"安娜", "白云", "李四", "张三"}, []string{"", "已请假（因病）", "", ""}},
		{"next session by default", uuid.Nil, "测试支部\n支部党员大会签到表", []string{"安娜", "白云", "李四", "张三", "赵六"}, nil},
		{"named", aid, "测试支部\n支部党员大会签到表", []string{"安娜", "白云", "李四", "张三", "赵六"}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := export(t, l, Options{Year: 2026, Reports: []string{SignIn}, SessionID: tc.id})
			wantCell(t, f, sh, "A1", tc.title)
			s := group
			if tc.id != gid {
				s = all
			}
			wantRow(t, f, sh, 2, []string{"主题", s.Theme})
			wantDate(t, f, sh, "B3", s.Date)
			wantRow(t, f, sh, 4, []string{"地点", s.Place, "主持人", s.Host})
			wantRow(t, f, sh, 5, []string{"应到", fmt.Sprint(len(tc.members)), "实到", ""})
			wantRow(t, f, sh, 6, signInHeader[:])
			for i, n := range tc.members {
				note := ""
				if tc.notes != nil {
					note = tc.notes[i]
				}
				wantRow(t, f, sh, 7+i, []string{fmt.Sprint(i + 1), n, groups[slices.Index(names, n)], "", note})
			}
			wantCell(t, f, sh, cell(2, 7+len(tc.members)), "")
		})
	}
}

func TestSignInWithoutSession(t *testing.T) {
	l := newTestLedger(t, data.Branch{Name: "测试支部"})
	for _, id := range []uuid.UUID{uuid.Nil, uuid.New()} {
		err := Write(l, new(strings.Builder), Options{Reports: []string{SignIn}, SessionID: id})
		if !errors.Is(err, ErrNoSession) {
			t.Errorf("session %s: got %v, want ErrNoSession", id, err)
		}
	}
}

func TestSummaryCells(t *testing.T) {
	l := newDemoLedger(t)
	ys := yearStats(t, l)
	f := export(t, l, Options{Year: 2026, Reports: []string{Summary}})
	const sh = "年度统计"
	rows, err := f.GetRows(sh)
	if err != nil {
		t.Fatal(err)
	}
	find := func(label string, after int) int {
		for i := after; i < len(rows); i++ {
			if len(rows[i]) > 0 && rows[i][0] == label {
				return i + 1
			}
		}
		t.Fatalf("no row %q after row %d", label, after)
		return 0
	}
	// Sessions per kind and month; the year total is YearStats'.
	kinds := find("类型", 0)
	for k, kind := range data.Kinds() {
		r := kinds + 1 + k
		wantCell(t, f, sh, cell(1, r), kindName(kind))
		wantCell(t, f, sh, cell(15, r), fmt.Sprint(ys.Sessions[kind]))
		wantCell(t, f, sh, cell(14, r), "") // December has not begun
	}
	committee := kinds + 1 + slices.Index(data.Kinds(), data.CommitteeMeeting)
	wantCell(t, f, sh, cell(10, committee), "0") // August: the demo's missed committee meeting
	if got := get(t, f, sh, cell(16, committee)); got != "未落实：8月" {
		t.Errorf("committee verdict %q, want 未落实：8月", got)
	}
	if id, _ := f.GetCellStyle(sh, cell(10, committee)); !hasFill(t, f, id, "FFC7CE") {
		t.Error("August committee cell not coloured as missing")
	}
	// The compliance table: one row per rule, what is missing said.
	comp := find("类型", kinds)
	for i, c := range ys.Compliance {
		r := comp + 1 + i
		name := kindName(c.Kind)
		if c.Group != "" {
			name += "（" + c.Group + "）"
		}
		wantCell(t, f, sh, cell(1, r), name)
		if c.Period != "" && len(c.Missing) > 0 {
			wantCell(t, f, sh, cell(3, r), periodsText(c.Missing))
			wantCell(t, f, sh, cell(16, r), "未落实")
		}
	}
	// Attendance by month, from YearStats.
	rate := find("出勤率", comp)
	for m := 0; m < 11; m++ {
		wantCell(t, f, sh, cell(3+m, rate), pct(ys.Rate(ys.Months[m].Counts)))
	}
	wantCell(t, f, sh, cell(14, rate), "")
	wantCell(t, f, sh, cell(15, rate), pct(ys.Rate(ys.Total)))
	wantCell(t, f, sh, cell(3, find("应到", comp)), fmt.Sprint(ys.Months[0].Expected))
	// Members by category.
	cats := find("党员类别", rate)
	for i, c := range categories() {
		wantRow(t, f, sh, cats+1+i, []string{categoryName(c), categoryName(c), fmt.Sprint(ys.ByCategory[c])})
	}
	wantRow(t, f, sh, cats+5, []string{"合计", "合计", "14"}) // A:B merged

	// The chart: a native line chart drawn from the rate row.
	chart, ok := f.Pkg.Load("xl/charts/chart1.xml")
	if !ok {
		t.Fatal("no chart in the workbook")
	}
	xml := html.UnescapeString(string(chart.([]byte)))
	for _, want := range []string{"<lineChart>", fmt.Sprintf("<f>'年度统计'!$C$%d:$N$%d</f>", rate, rate),
		fmt.Sprintf("<f>'年度统计'!$C$%d:$N$%d</f>", rate-8, rate-8)} {
		if !strings.Contains(xml, want) {
			t.Errorf("chart lacks %s", want)
		}
	}
	if _, ok := f.Pkg.Load("xl/drawings/drawing1.xml"); !ok {
		t.Error("chart not placed on a drawing")
	}
}

func hasFill(t *testing.T, f *excelize.File, style int, color string) bool {
	t.Helper()
	st, err := f.GetStyle(style)
	if err != nil {
		t.Fatal(err)
	}
	return slices.Contains(st.Fill.Color, color)
}

// TestSummaryVerdicts checks the verdicts of rules per party group, a
// quarter missed and a meeting without quorum.
func TestSummaryVerdicts(t *testing.T) {
	l := newTestLedger(t, data.Branch{Name: "测试支部", Groups: []string{"一组", "二组"}})
	ms := []*data.Member{member(1, "甲", "一组"), member(2, "乙", "一组"), member(3, "丙", "二组")}
	if err := l.SaveMembers(ms); err != nil {
		t.Fatal(err)
	}
	meeting := &data.Session{Kind: data.GeneralMeeting, Theme: "大会", Date: data.NewDate(2026, 2, 10)}
	mustSession(t, l, meeting)
	for m := time.January; m <= time.November; m++ {
		if m != time.March {
			mustSession(t, l, &data.Session{Kind: data.GroupMeeting, Group: "一组", Theme: "学习", Date: data.NewDate(2026, m, 3)})
		}
	}
	if err := l.SetMark(meeting.ID, ms[0].ID, data.Mark{Status: data.Present}, false); err != nil {
		t.Fatal(err)
	}
	ys := yearStats(t, l)
	f := export(t, l, Options{Year: 2026, Reports: []string{Summary}})
	const sh = "年度统计"
	group := 5 + slices.Index(data.Kinds(), data.GroupMeeting)
	if got := get(t, f, sh, cell(16, group)); !strings.HasPrefix(got, "未落实：一组：3月；二组：1月、2月、") {
		t.Errorf("group meeting verdict %q", got)
	}
	general := 5 + slices.Index(data.Kinds(), data.GeneralMeeting)
	if got := get(t, f, sh, cell(16, general)); got != "未落实：第二季度、第三季度。待开：第四季度" {
		t.Errorf("general meeting verdict %q", got)
	}
	for m := 4; m <= 9; m++ { // the two quarters missed are coloured
		if id, _ := f.GetCellStyle(sh, cell(2+m, general)); !hasFill(t, f, id, "FFC7CE") {
			t.Errorf("general meeting, month %d: not coloured as missing", m)
		}
	}
	rows, _ := f.GetRows(sh)
	for i, c := range ys.Compliance {
		if c.Kind == data.GeneralMeeting && c.Period == "" {
			r := 0
			for j, row := range rows {
				if len(row) > 1 && row[0] == "支部党员大会" && row[1] == "应到会有表决权的党员过半数" {
					r = j + 1
				}
			}
			if r == 0 {
				t.Fatalf("no quorum row for compliance %d", i)
			}
			wantCell(t, f, sh, cell(12, r), "2026-02-10")
			wantCell(t, f, sh, cell(16, r), "未达到法定人数")
		}
	}
}
