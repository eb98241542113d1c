package report

import (
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
		"A2": "评议会议：2025-12-19 组织生活会　参加评议 4 人，其中评定等次 3 人、预备党员 1 人参加评议不评定等次",
		"A3": "序号", "F3": "评议等次",
		"A4": "1", "B4": "王晓明", "C4": "男", "D4": "正式党员", "E4": "第一党小组", "F4": "优秀", "G4": "",
		"B5": "李丽华", "C5": "女", "F5": "合格",
		"B6": "张建国", "F6": "基本合格",
		"B7": "刘海燕", "D7": "预备党员", "F7": "不评定等次", "G7": "预备党员",
		"A8": "评议结果：优秀 1 人（占评定等次人数的 33.3%），合格 1 人，基本合格 1 人，不合格 0 人。",
		"A9": "评为优秀的党员不超过评定等次人数的三分之一（本次最多 1 人）；预备党员参加评议，不评定等次。",
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
	for _, ref := range []string{"A10", "A11"} {
		if v, _ := f.GetCellValue(sh, ref); v == "" {
			t.Errorf("%s: the signature line is empty", ref)
		}
	}
	// The official look: 宋体, a bold title, thin borders, A4, frozen header.
	id, err := f.GetCellStyle(sh, "B4")
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
	pl, err := f.GetPageLayout(sh)
	if err != nil {
		t.Fatal(err)
	}
	if pl.Size == nil || *pl.Size != 9 {
		t.Errorf("paper size %v, want A4 (9)", pl.Size)
	}
	panes, err := f.GetPanes(sh)
	if err != nil {
		t.Fatal(err)
	}
	if !panes.Freeze || panes.YSplit != 3 {
		t.Errorf("panes %+v, want the header frozen below row 3", panes)
	}
	var area bool
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "_xlnm.Print_Area" && dn.RefersTo == "'民主评议结果汇总'!$A$1:$G$11" {
			area = true
		}
	}
	if !area {
		t.Errorf("print area not set to A1:G11: %+v", f.GetDefinedName())
	}
}
