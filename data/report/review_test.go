package report

import (
	"bytes"
	"errors"
	"path/filepath"
	"testing"

	"github.com/google/uuid"
	"github.com/xuri/excelize/v2"

	"branchledger/data"
)

func TestReviewReport(t *testing.T) {
	l := newTestLedger(t, data.Branch{Name: "测试支部"})
	names := []string{"王晓明", "李丽华", "张建国", "刘海燕"}
	var ptrs []*data.Member
	for i, n := range names {
		ptrs = append(ptrs, member(i, n, "第一党小组"))
	}
	ptrs[3].Category, ptrs[3].Joined, ptrs[3].Confirmed = data.Probationary, 20250601, 0
	if err := l.SaveMembers(ptrs); err != nil {
		t.Fatal(err)
	}
	s := data.Session{Kind: data.OrgLifeMeeting, Theme: "组织生活会", Date: 20251219}
	if err := l.SaveSession(&s); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "评议.xlsx")
	if err := WriteReviewFile(l, path, 2025); !errors.Is(err, data.ErrNotFound) {
		t.Fatalf("report of a year without a review: got %v, want ErrNotFound", err)
	}
	r := data.Review{Year: 2025, SessionID: s.ID, Grades: map[uuid.UUID]data.Grade{
		ptrs[0].ID: data.GradeExcellent, ptrs[1].ID: data.GradeQualified, ptrs[2].ID: data.GradeBasic},
		Ungraded: []uuid.UUID{ptrs[3].ID}}
	if err := l.SaveReview(&r); err != nil {
		t.Fatal(err)
	}
	if err := WriteReviewFile(l, path, 2025); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sh := "民主评议结果汇总"
	want := map[string]string{
		"A1": "测试支部 2025 年度民主评议党员结果汇总表",
		"A3": "评议会议：2025-12-19 组织生活会　参加评议 4 人，其中评定等次 3 人、预备党员 1 人参加评议不评定等次",
		"A4": "序号", "F4": "评议等次",
		"A5": "1", "B5": "王晓明", "C5": "男", "D5": "正式党员", "E5": "第一党小组", "F5": "优秀", "G5": "",
		"B6": "李丽华", "C6": "女", "F6": "合格",
		"B7": "张建国", "F7": "基本合格",
		"B8": "刘海燕", "D8": "预备党员", "F8": "不评定等次", "G8": "预备党员",
		"A9":  "评议结果：优秀 1 人（占评定等次人数的 33.3%），合格 1 人，基本合格 1 人，不合格 0 人。",
		"A10": "评为优秀的党员不超过评定等次人数的三分之一（本次最多 1 人）；预备党员参加评议，不评定等次。",
		"A11": "",
		"A13": "上级党组织审核意见：", "D13": "　　　　　　　　年　　月　　日",
	}
	for ref, w := range want {
		got, err := f.GetCellValue(sh, ref)
		if err != nil {
			t.Fatal(err)
		}
		if got != w {
			t.Errorf("%s = %q, want %q", ref, got, w)
		}
	}
	// The furniture of a submitted form, as on the yearly reports; the
	// clock's today is the 填报日期.
	// On the portrait page the line is broken before 联系电话.
	wantFurniture(t, f, sh, "填报单位：测试支部　　填报人：　　　　　　\n联系电话：　　　　　　　　填报日期：2026-11-29",
		"A12", "D12", "&L测试支部&R民主评议结果汇总")
	wantMerged(t, f, sh, "A1:G1", "A2:G2", "A3:G3", "A9:G9", "A10:G10", "A12:C12", "D12:G12", "A13:C13", "D13:G13")
	// The 填报 line is 92 units wide (41 wide characters and 10 narrow)
	// in 80 units of columns: broken in two lines (42 and 46 units) of
	// 14.5 points, and the padding.
	if h, err := f.GetRowHeight(sh, 2); err != nil || h != 33 {
		t.Errorf("row 2 (the 填报 line) is %v points tall (%v), want 33", h, err)
	}
	// The official look: 宋体, a bold title, thin borders, A4 portrait,
	// frozen header.
	id, err := f.GetCellStyle(sh, "B5")
	if err != nil {
		t.Fatal(err)
	}
	style, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	if style.Font == nil || style.Font.Family != "宋体" || len(style.Border) != 4 || style.Border[0].Style != 1 {
		t.Errorf("body cell style: font %+v, borders %+v", style.Font, style.Border)
	}
	id, _ = f.GetCellStyle(sh, "A1")
	if style, _ = f.GetStyle(id); style.Font == nil || !style.Font.Bold {
		t.Errorf("title is not bold: %+v", style.Font)
	}
	for _, ref := range []string{"A2", "A9", "A10"} {
		id, _ = f.GetCellStyle(sh, ref)
		if style, _ = f.GetStyle(id); style.Alignment == nil || !style.Alignment.WrapText {
			t.Errorf("%s does not wrap: %+v", ref, style.Alignment)
		}
	}
	pl, err := f.GetPageLayout(sh)
	if err != nil {
		t.Fatal(err)
	}
	if pl.Size == nil || *pl.Size != 9 || pl.Orientation == nil || *pl.Orientation != "portrait" ||
		deref(pl.FitToWidth) != 1 || deref(pl.FitToHeight) != 0 {
		t.Errorf("page %+v, want A4 (9) portrait, one page wide", pl)
	}
	panes, err := f.GetPanes(sh)
	if err != nil {
		t.Fatal(err)
	}
	if !panes.Freeze || panes.YSplit != 4 {
		t.Errorf("panes %+v, want the header frozen below row 4", panes)
	}
	defined := map[string]string{}
	for _, dn := range f.GetDefinedName() {
		defined[dn.Name] = dn.RefersTo
	}
	if got := defined["_xlnm.Print_Area"]; got != "'民主评议结果汇总'!$A$1:$G$13" {
		t.Errorf("print area %q, want A1:G13", got)
	}
	if got := defined["_xlnm.Print_Titles"]; got != "'民主评议结果汇总'!$4:$4" {
		t.Errorf("print titles %q, want row 4", got)
	}
}

// TestReviewTitleFont writes the report with either title face: 黑体 by
// default, 方正小标宋 when the machine has it; the body stays 宋体.
func TestReviewTitleFont(t *testing.T) {
	l := newTestLedger(t, data.Branch{Name: "测试&支部", Reporter: "王晓明", ReporterPhone: "13800000000"})
	m := member(0, "王晓明", "第一党小组")
	if err := l.SaveMembers([]*data.Member{m}); err != nil {
		t.Fatal(err)
	}
	s := data.Session{Kind: data.OrgLifeMeeting, Theme: "组织生活会", Date: 20251219}
	if err := l.SaveSession(&s); err != nil {
		t.Fatal(err)
	}
	if err := l.SaveReview(&data.Review{Year: 2025, SessionID: s.ID, Grades: map[uuid.UUID]data.Grade{m.ID: data.GradeQualified}}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ font, want string }{{"", "黑体"}, {FontXiaoBiaoSong, "方正小标宋简体"}} {
		var buf bytes.Buffer
		if err := writeReview(l, &buf, 2025, tc.font); err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenReader(&buf)
		if err != nil {
			t.Fatal(err)
		}
		sh := "民主评议结果汇总"
		wantFont(t, f, sh, "A1", tc.want, true)
		wantFont(t, f, sh, "B5", "宋体", false)
		// "&" is doubled in the page header, or Excel reads a code.
		wantFurniture(t, f, sh, "填报单位：测试&支部　　填报人：王晓明\n联系电话：13800000000　　填报日期：2026-11-29",
			"A9", "D9", "&L测试&&支部&R民主评议结果汇总")
		_ = f.Close()
	}
}

func TestPortraitFormLine(t *testing.T) {
	line := "填报单位：某支部　　填报人：张三　　联系电话：123　　填报日期：2026-11-29"
	// 30 wide characters and 13 narrow: 73 units, which fit in a width of
	// 74.5 (a cell's text has 1.5 units less).
	for _, tc := range []struct {
		width float64
		want  string
	}{
		{74.5, line},
		{74, "填报单位：某支部　　填报人：张三\n联系电话：123　　填报日期：2026-11-29"},
		{80, line},
		{40, "填报单位：某支部　　填报人：张三\n联系电话：123　　填报日期：2026-11-29"},
	} {
		if got := portraitFormLine(line, tc.width); got != tc.want {
			t.Errorf("portraitFormLine(%v) = %q, want %q", tc.width, got, tc.want)
		}
	}
}
