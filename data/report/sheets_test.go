package report

import (
	"errors"
	"fmt"
	"html"
	"math"
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
	wantCell(t, f, sh, "A3", fmt.Sprintf("出勤率 =（出席＋迟到）÷（应到－请假），请假不计入缺勤　统计截至 2026-11-29　共 %d 次", len(ys.Held)))
	wantRow(t, f, sh, 4, []string{"序号", "日期", "起止时间", "类型", "主题", "地点", "主持人", "记录人", "讲课人",
		"应到", "实到", "请假", "缺席", "出勤率", "请假人员及原因", "缺席人员", "列席", "补学（已补/应补）", "成果", "备注"})
	if len(ys.Held) < 80 {
		t.Fatalf("demo holds %d sessions, want a year's", len(ys.Held))
	}
	for i, h := range ys.Held {
		r := 5 + i
		ses := &h.Session
		wantDate(t, f, sh, cell(2, r), ses.Date)
		wantRow(t, f, sh, r, []string{fmt.Sprint(i + 1), ses.Date.String(), ses.Start + "—" + ses.End, sessionKind(ses), ses.Theme,
			ses.Place, ses.Host, ses.Recorder, ses.Speaker, fmt.Sprint(h.Expected), fmt.Sprint(h.Attended()), fmt.Sprint(h.Leave),
			fmt.Sprint(h.Absent), pct(ys.Rate(h.Counts))})
	}
	total := 5 + len(ys.Held)
	wantRow(t, f, sh, total, []string{"合计", "合计", "合计", "合计", "合计", "合计", "合计", "合计", "合计", fmt.Sprint(ys.Total.Expected), fmt.Sprint(ys.Total.Attended()),
		fmt.Sprint(ys.Total.Leave), fmt.Sprint(ys.Total.Absent), pct(ys.Rate(ys.Total))})
	if got := numFmt(t, f, sh, cell(14, 5)); got != fmtRate {
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
	if got := get(t, f, "组织生活台账", "A3"); !strings.HasPrefix(got, "出勤率 =（出席＋迟到）÷ 应到，请假计入缺勤") {
		t.Errorf("rule line %q, want the leave-counts rule", got)
	}
	for i, h := range ys.Held {
		wantCell(t, f, "组织生活台账", cell(14, 5+i), pct(h.Counts.Rate(true)))
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
			wantCell(t, f, sh, "B3", s.Date.String()+"（星期四）") // 2026-12-03 and 12-10 are Thursdays
			wantRow(t, f, sh, 4, []string{"地点", s.Place, "主持人", s.Host})
			wantRow(t, f, sh, 5, []string{"记录人", "", "应到", fmt.Sprint(len(tc.members))})
			leave := "0"
			if tc.notes != nil {
				leave = "1"
			}
			wantRow(t, f, sh, 6, []string{"请假", leave, "实到", ""})
			wantRow(t, f, sh, 7, []string{"序号", "姓名", "党小组", "签名", "备注"})
			for i, n := range tc.members {
				note := ""
				if tc.notes != nil {
					note = tc.notes[i]
				}
				wantRow(t, f, sh, 8+i, []string{fmt.Sprint(i + 1), n, groups[slices.Index(names, n)], "", note})
			}
			wantCell(t, f, sh, cell(2, 8+len(tc.members)), "")
			wantRow(t, f, sh, 9+len(tc.members), []string{"主持人（签字）：", "主持人（签字）：", "记录人（签字）："})
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
	// The themed Party day row counts the Noon Classrooms credited to it,
	// so that its count and its verdict agree.
	credited := 0
	for _, h := range ys.Held {
		if h.Session.Kind == data.NoonClassroom && (h.Session.ThemedDay || slices.Contains(h.Session.Credits, data.ThemedPartyDay)) {
			credited++
		}
	}
	if credited < 10 {
		t.Fatalf("the demo credits %d Noon Classrooms as themed Party days, want one a month", credited)
	}
	for k, kind := range data.Kinds() {
		r := kinds + 1 + k
		wantCell(t, f, sh, cell(1, r), kindName(kind))
		want := ys.Sessions[kind]
		if kind == data.ThemedPartyDay {
			want += credited
			wantCell(t, f, sh, cell(16, r), fmt.Sprintf("已落实（含正午课堂 %d 次）", credited))
		}
		if kind == data.NoonClassroom {
			wantCell(t, f, sh, cell(16, r), fmt.Sprintf("其中 %d 次计为主题党日", credited))
		}
		wantCell(t, f, sh, cell(15, r), fmt.Sprint(want))
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
	// The rate axis starts a tenth below the lowest month, rounded down to
	// a tenth, so that the months' differences show.
	low := 1.0
	for m := 0; m < 11; m++ {
		low = min(low, ys.Rate(ys.Months[m].Counts))
	}
	floor := math.Floor((low-0.1)*10) / 10
	if want := fmt.Sprintf(`<max val="1"></max><min val="%g"></min>`, floor); !strings.Contains(xml, want) || floor <= 0 {
		t.Errorf("chart axis lacks %s (lowest month %.3f)", want, low)
	}
	if x, ok := f.Pkg.Load("xl/worksheets/sheet1.xml"); !ok || !strings.Contains(string(x.([]byte)), "<rowBreaks") {
		t.Error("no page break before the chart: it could be cut between pages")
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
	l := newTestLedger(t, data.Branch{Name: "测试支部", Groups: []string{"一组", "二组"}, RecordsFrom: data.NewDate(2026, 1, 1)})
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
	group := 6 + slices.Index(data.Kinds(), data.GroupMeeting)
	if got := get(t, f, sh, cell(16, group)); !strings.HasPrefix(got, "未落实：一组：3月；二组：1月、2月、") {
		t.Errorf("group meeting verdict %q", got)
	}
	general := 6 + slices.Index(data.Kinds(), data.GeneralMeeting)
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
