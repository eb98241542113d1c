package report

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"branchledger/data"
)

// newLimitsLedger is a ledger at the edges of what the forms accept: a
// member with a 500-character 备注 and a 200-character post, 40 party
// groups of which only the first holds its group meetings (so every other
// group misses every month), and a session with long minutes.
func newLimitsLedger(t *testing.T) (*data.Ledger, *data.Session) {
	t.Helper()
	var groups []string
	for g := 1; g <= 40; g++ {
		groups = append(groups, fmt.Sprintf("第%02d党小组", g))
	}
	l := newTestLedger(t, data.Branch{Name: "测试支部", Groups: groups, RecordsFrom: data.NewDate(2026, 1, 1)})
	ms := make([]*data.Member, 40)
	for i := range ms {
		ms[i] = member(i, fmt.Sprintf("党员%02d", i), groups[i])
	}
	ms[0].Notes = strings.Repeat("备", 500)
	ms[0].Post = strings.Repeat("职", 200)
	if err := l.SaveMembers(ms); err != nil {
		t.Fatal(err)
	}
	for m := 1; m <= 11; m++ {
		mustSession(t, l, &data.Session{Kind: data.GroupMeeting, Group: groups[0], Theme: "学习", Date: data.NewDate(2026, time.Month(m), 5)})
	}
	long := &data.Session{Kind: data.CommitteeMeeting, Theme: strings.Repeat("题", 400), Date: data.NewDate(2026, 6, 5),
		Minutes: strings.Repeat("记", 3000), Outcomes: strings.Repeat("果", 800), Host: "党员00", Recorder: "党员01"}
	mustSession(t, l, long)
	return l, long
}

// TestLongTextAndManyGroups exports every report of the limits ledger:
// no row is taller than Excel allows, the long texts are clipped in their
// cells with a pointer, and the detail sheet carries them in full.
func TestLongTextAndManyGroups(t *testing.T) {
	l, long := newLimitsLedger(t)
	f := export(t, l, Options{Year: 2026, Reports: []string{Roster, Register, Summary}})
	for _, sh := range f.GetSheetList() {
		x, ok := f.Pkg.Load("xl/worksheets/" + sheetFile(t, f, sh))
		if !ok {
			continue // a streamed sheet already written out is read below through rows
		}
		for _, m := range regexp.MustCompile(`ht="([0-9.]+)"`).FindAllStringSubmatch(string(x.([]byte)), -1) {
			if h, _ := strconv.ParseFloat(m[1], 64); h > 409 {
				t.Errorf("%s: a row %v points tall, Excel allows 409", sh, h)
			}
		}
	}
	for r := 1; r <= 30; r++ {
		if h, _ := f.GetRowHeight("党员花名册", r); h > 409 {
			t.Errorf("roster row %d is %v points tall", r, h)
		}
	}
	note := get(t, f, "党员花名册", "O5")
	if !strings.HasSuffix(note, "……（共 500 字，全文见“长文本明细”表）") || !strings.HasPrefix(note, "备备备") {
		t.Errorf("clipped note %q", note)
	}
	wantCell(t, f, "党员花名册", "I5", strings.Repeat("职", 200)) // 200 characters fit in 27 lines
	// The detail sheet: the note's sheet, row and field, then its text in
	// pieces that add up to the whole.
	const d = "长文本明细"
	wantRow(t, f, d, 4, []string{"党员花名册", "5", "备注"})
	rows, err := f.GetRows(d)
	if err != nil {
		t.Fatal(err)
	}
	var whole strings.Builder
	for _, row := range rows[3:] {
		if len(row) > 0 && row[0] != "" && row[0] != "党员花名册" {
			break
		}
		if len(row) > 3 {
			whole.WriteString(row[3])
		}
	}
	if got := whole.String(); got != strings.Repeat("备", 500) {
		t.Errorf("detail sheet carries %d characters of the note, want the 500", len([]rune(got)))
	}
	// The register: the 300-character theme is clipped at 24 wide.
	reg, err := f.GetRows("组织生活台账")
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, row := range reg {
		if len(row) > 4 && row[3] == "支部委员会" {
			found = true
			if !strings.HasPrefix(row[4], "题题") || !strings.HasSuffix(row[4], "……（共 400 字，全文见“长文本明细”表）") {
				t.Errorf("register theme %q, want it clipped", row[4])
			}
		}
	}
	if !found {
		t.Errorf("no register row for %s", long.Date)
	}
	// The summary names three groups at most, then counts them.
	group := 6 + 2 // 支部党员大会, 支部委员会, 党小组会
	wantCell(t, f, "年度统计", cell(16, group), "未落实：39 个党小组（见第二部分）。待开：39 个党小组")
}

// sheetFile is the part name of a sheet ("sheet2.xml").
func sheetFile(t *testing.T, f *excelize.File, name string) string {
	t.Helper()
	idx, err := f.GetSheetIndex(name)
	if err != nil || idx < 0 {
		t.Fatalf("no sheet %s", name)
	}
	return fmt.Sprintf("sheet%d.xml", idx+1)
}

// TestMinutes reads back the minutes of a committee meeting: the heading,
// the number in the year, the facts, the absent with reasons, the guests
// and the texts, and the A4 portrait page.
func TestMinutes(t *testing.T) {
	l := newTestLedger(t, data.Branch{Name: "申江区测试窗口党支部"})
	ms := []*data.Member{member(1, "甲", ""), member(2, "乙", ""), member(3, "丙", ""), member(4, "丁", "")}
	for _, m := range ms {
		m.CommitteeRole = "委员"
	}
	if err := l.SaveMembers(ms); err != nil {
		t.Fatal(err)
	}
	mustSession(t, l, &data.Session{Kind: data.CommitteeMeeting, Theme: "一月", Date: data.NewDate(2026, 1, 8)})
	mustSession(t, l, &data.Session{Kind: data.PartyLecture, Theme: "党课", Date: data.NewDate(2026, 2, 8)})
	s := &data.Session{Kind: data.CommitteeMeeting, Theme: "研究发展党员工作", Date: data.NewDate(2026, 3, 6), Start: "14:00", End: "15:30",
		Place: "三楼会议室", Host: "甲", Recorder: "乙", Minutes: "会议听取了……", Outcomes: "同意……",
		Guests: []data.Guest{{Name: "王五", Unit: "联建单位"}}}
	id := mustSession(t, l, s)
	for i, mk := range []data.Mark{{Status: data.Present}, {Status: data.Present}, {Status: data.OnLeave, Reason: data.OnDuty}, {Status: data.Absent}} {
		if err := l.SetMark(id, ms[i].ID, mk, false); err != nil {
			t.Fatal(err)
		}
	}
	f := export(t, l, Options{Year: 2026, Reports: []string{Minutes}, SessionID: id})
	const sh = "会议记录"
	wantCell(t, f, sh, "A1", "中共申江区测试窗口支部委员会\n支部委员会会议记录")
	wantCell(t, f, sh, "A2", "2026 年第 2 次") // the second committee meeting of the year
	wantRow(t, f, sh, 3, []string{"时间", "2026-03-06（星期五） 14:00—15:30"})
	wantRow(t, f, sh, 4, []string{"地点", "三楼会议室"})
	wantRow(t, f, sh, 5, []string{"主持人", "甲", "记录人", "乙"})
	wantRow(t, f, sh, 6, []string{"应到", "4", "实到", "2"})
	wantRow(t, f, sh, 7, []string{"缺席及原因", "丙（因公请假）、丁（缺席）"})
	wantRow(t, f, sh, 8, []string{"列席", "王五（联建单位）"})
	wantRow(t, f, sh, 9, []string{"议题", "研究发展党员工作"})
	wantRow(t, f, sh, 10, []string{"内容", "会议听取了……"})
	wantRow(t, f, sh, 11, []string{"决议", "同意……"})
	wantRow(t, f, sh, 13, []string{"主持人（签字）：", "主持人（签字）：", "记录人（签字）："})
	pl, err := f.GetPageLayout(sh)
	if err != nil {
		t.Fatal(err)
	}
	if *pl.Size != 9 || *pl.Orientation != "portrait" {
		t.Errorf("page %d %s, want A4 portrait", *pl.Size, *pl.Orientation)
	}
	mcs, _ := f.GetMergeCells(sh)
	var got []string
	for _, m := range mcs {
		got = append(got, m.GetStartAxis()+":"+m.GetEndAxis())
	}
	want := "A1:D1 A2:D2 B3:D3 B4:D4 B7:D7 B8:D8 B9:D9 B10:D10 B11:D11 A13:B13 C13:D13"
	if strings.Join(got, " ") != want {
		t.Errorf("merges %v, want %s", got, want)
	}
}

// TestSummaryFromRecordsStart: a ledger whose records begin on
// 2026-11-10 leaves January–October blank and uncoloured, and says so.
func TestSummaryFromRecordsStart(t *testing.T) {
	l := newTestLedger(t, data.Branch{Name: "测试支部", RecordsFrom: data.NewDate(2026, 11, 10)})
	f := export(t, l, Options{Year: 2026, Reports: []string{Summary}})
	const sh = "年度统计"
	if got := get(t, f, sh, "A3"); !strings.HasSuffix(got, "本台账自 2026-11-10 起记录，此前各月不作统计和考核") {
		t.Errorf("note %q", got)
	}
	committee := 6 + 1
	for m := 1; m <= 10; m++ {
		wantCell(t, f, sh, cell(2+m, committee), "")
		if id, _ := f.GetCellStyle(sh, cell(2+m, committee)); hasFill(t, f, id, "FFC7CE") {
			t.Errorf("month %d coloured as missing before the records begin", m)
		}
	}
	wantCell(t, f, sh, cell(13, committee), "0")
	wantCell(t, f, sh, cell(16, committee), "待开：11月")
}

// TestColumnWidthsAscending: every sheet's column entries run in
// ascending order without overlap (Excel refuses the file otherwise).
func TestColumnWidthsAscending(t *testing.T) {
	l := newDemoLedger(t)
	var buf strings.Builder
	if err := Write(l, &buf, Options{Year: 2026}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(strings.NewReader(buf.String()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	re := regexp.MustCompile(`<col [^>]*>`)
	attr := func(el, name string) int {
		m := regexp.MustCompile(` ` + name + `="(\d+)"`).FindStringSubmatch(el)
		if m == nil {
			t.Fatalf("column entry %s without %s", el, name)
		}
		n, _ := strconv.Atoi(m[1])
		return n
	}
	for i, sh := range f.GetSheetList() {
		x, ok := f.Pkg.Load(fmt.Sprintf("xl/worksheets/sheet%d.xml", i+1))
		if !ok {
			t.Fatalf("%s: no part", sh)
		}
		last := 0
		cols := re.FindAllString(string(x.([]byte)), -1)
		if len(cols) == 0 {
			t.Errorf("%s: no column widths", sh)
		}
		for _, el := range cols {
			lo, hi := attr(el, "min"), attr(el, "max")
			if lo <= last || hi < lo {
				t.Errorf("%s: column entry %d–%d after %d", sh, lo, hi, last)
			}
			last = hi
		}
	}
}

// TestSignInJointActivity: the sign-in sheet of a joint activity lists
// its guests with their units after the members, then five blank rows,
// then the host's and recorder's signature lines.
func TestSignInJointActivity(t *testing.T) {
	l := newTestLedger(t, data.Branch{Name: "测试支部"})
	if err := l.SaveMembers([]*data.Member{member(1, "甲", ""), member(2, "乙", "")}); err != nil {
		t.Fatal(err)
	}
	id := mustSession(t, l, &data.Session{Kind: data.JointActivity, Theme: "联建共建", Date: data.NewDate(2026, 12, 5),
		Start: "09:00", End: "11:00", Place: "航空园", Host: "甲", Recorder: "乙",
		Guests: []data.Guest{{Name: "周海峰", Unit: "申江航空产业联盟"}, {Name: "吴敏"}}})
	f := export(t, l, Options{Year: 2026, Reports: []string{SignIn}, SessionID: id})
	const sh = "签到表"
	wantRow(t, f, sh, 3, []string{"日期", "2026-12-05（星期六）", "时间", "09:00—11:00"})
	wantRow(t, f, sh, 5, []string{"记录人", "乙", "应到", "2"})
	wantRow(t, f, sh, 8, []string{"1", "甲"})
	wantRow(t, f, sh, 9, []string{"2", "乙"})
	wantCell(t, f, sh, "A10", "列席人员")
	wantRow(t, f, sh, 11, []string{"序号", "姓名", "单位", "签名", "备注"})
	wantRow(t, f, sh, 12, []string{"1", "周海峰", "申江航空产业联盟", ""})
	wantRow(t, f, sh, 13, []string{"2", "吴敏", "", ""})
	for r := 14; r <= 18; r++ {
		wantRow(t, f, sh, r, []string{fmt.Sprint(r - 11), "", "", ""})
	}
	wantRow(t, f, sh, 20, []string{"主持人（签字）：", "主持人（签字）：", "记录人（签字）："})
}

// TestMatrixByQuarter: the demo's matrix by quarter has four sheets of
// the quarters and the year's; a quarter of about 30 sessions is printed
// across pages at 90% with 序号/姓名/党小组 on every page.
func TestMatrixByQuarter(t *testing.T) {
	l := newDemoLedger(t)
	f := export(t, l, Options{Year: 2026, Reports: []string{Matrix}, MatrixBy: ByQuarter})
	want := []string{"考勤汇总（第一季度）", "考勤汇总（第二季度）", "考勤汇总（第三季度）", "考勤汇总（第四季度）", "考勤汇总（全年）"}
	if got := f.GetSheetList(); !slices.Equal(got, want) {
		t.Fatalf("sheets %v, want %v", got, want)
	}
	const sh = "考勤汇总（第一季度）"
	wantCell(t, f, sh, "A1", "申江区市场监管局注册登记窗口党支部 2026 年第一季度考勤汇总")
	pl, err := f.GetPageLayout(sh)
	if err != nil {
		t.Fatal(err)
	}
	if pl.AdjustTo == nil || *pl.AdjustTo != 90 {
		t.Errorf("scale %v, want 90%%", pl.AdjustTo)
	}
	for _, d := range f.GetDefinedName() {
		if d.Scope == sh && d.Name == "_xlnm.Print_Titles" && d.RefersTo != "'"+sh+"'!$A:$C,'"+sh+"'!$4:$5" {
			t.Errorf("print titles %q", d.RefersTo)
		}
	}
	if w, _ := f.GetColWidth(sh, "D"); w != markWidth {
		t.Errorf("session column width %v, want %v", w, markWidth)
	}
}

// TestMinutesLongText: minutes of 3,000 characters are clipped in the
// 内容 cell with a pointer, and carried whole by the detail sheet.
func TestMinutesLongText(t *testing.T) {
	l, long := newLimitsLedger(t)
	f := export(t, l, Options{Year: 2026, Reports: []string{Minutes}, SessionID: long.ID})
	got := get(t, f, "会议记录", "B10")
	if !strings.HasPrefix(got, "记记") || !strings.HasSuffix(got, "……（共 3000 字，全文见“长文本明细”表）") {
		t.Errorf("内容 %q…, want clipped", []rune(got)[:10])
	}
	if h, _ := f.GetRowHeight("会议记录", 10); h > 409 {
		t.Errorf("内容 row %v points tall", h)
	}
	wantRow(t, f, "长文本明细", 4, []string{"会议记录", "10", "内容"})
	wantCell(t, f, "会议记录", "B11", strings.Repeat("果", 800)) // 1,600 units fit 27 lines of 82
}

// TestSignInRespectsYear: with no session named, the sign-in sheet of a
// year is for that year's next session: 2027's first for 2027, none left
// for 2025 (the sheet is left out of "all" and refused when named).
func TestSignInRespectsYear(t *testing.T) {
	l := newTestLedger(t, data.Branch{Name: "测试支部"})
	if err := l.SaveMembers([]*data.Member{member(1, "甲", "")}); err != nil {
		t.Fatal(err)
	}
	mustSession(t, l, &data.Session{Kind: data.CommitteeMeeting, Theme: "十二月", Date: data.NewDate(2026, 12, 4)})
	mustSession(t, l, &data.Session{Kind: data.PartyLecture, Theme: "一月党课", Date: data.NewDate(2027, 1, 8)})
	f := export(t, l, Options{Year: 2027, Reports: []string{SignIn}})
	wantCell(t, f, "签到表", "A1", "测试支部\n党课签到表")
	wantCell(t, f, "签到表", "B3", "2027-01-08（星期五）")
	f = export(t, l, Options{Year: 2026, Reports: []string{SignIn}})
	wantCell(t, f, "签到表", "B3", "2026-12-04（星期五）")
	if f = export(t, l, Options{Year: 2025}); slices.Contains(f.GetSheetList(), "签到表") {
		t.Errorf("2025: sheets %v, want no sign-in sheet", f.GetSheetList())
	}
	if err := Write(l, new(strings.Builder), Options{Year: 2025, Reports: []string{SignIn}}); !errors.Is(err, ErrNoSession) {
		t.Errorf("2025 sign-in: got %v, want ErrNoSession", err)
	}
}
