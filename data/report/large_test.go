package report

import (
	"path/filepath"
	"slices"
	"testing"

	"github.com/xuri/excelize/v2"

	"branchledger/data"
	"branchledger/data/demo"
)

// TestLargeExample exports every report of the large example
// (demo.WriteLarge: 5,000 members, 1,000 sessions of 2026, each
// expecting everyone) and reads the workbook back: the sheets, the counts
// in the titles and totals, the matrix printed across pages with its
// fixed columns repeated, the page header and footer, and the fonts.
func TestLargeExample(t *testing.T) {
	path := filepath.Join(t.TempDir(), "large.ledger")
	if err := demo.WriteLarge(path, testOptions()); err != nil {
		t.Fatal(err)
	}
	l, err := data.Open(path, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = l.Close() })
	f := export(t, l, Options{Year: 2026})
	// 1,000 sessions: more than 300, so by quarter unless asked.
	months := []string{"考勤汇总（第一季度）", "考勤汇总（第二季度）", "考勤汇总（第三季度）", "考勤汇总（第四季度）"}
	want := slices.Concat([]string{"党员花名册", "组织生活台账"}, months, []string{"考勤汇总（全年）", "签到表", "年度统计", "长文本明细"})
	if got := f.GetSheetList(); !slices.Equal(got, want) {
		t.Fatalf("sheets %v, want %v", got, want)
	}
	const branch = "申江区产业党委（大型示例）"
	wantCell(t, f, "党员花名册", "A3", "上级党委：申江区委组织部　统计截至 2026-11-29　共 5000 人")
	wantCell(t, f, "党员花名册", "A5004", "5000")
	wantCell(t, f, "党员花名册", "A5006", "支部书记（签字）：")
	wantCell(t, f, "组织生活台账", "A3", "出勤率 =（出席＋迟到）÷（应到－请假），请假不计入缺勤　统计截至 2026-11-29　共 1000 次")
	wantCell(t, f, "组织生活台账", "A1004", "1000")
	wantCell(t, f, "组织生活台账", "A1005", "合计")
	wantCell(t, f, "组织生活台账", "J1005", "5000000") // 1,000 sessions × 5,000 expected
	const year = "考勤汇总（全年）"
	wantRow(t, f, year, 4, []string{"序号", "姓名", "党小组", "应到", "出席", "迟到", "请假", "缺席", "未登记", "出勤率", "已补学", "未补学"})
	wantCell(t, f, year, "D5", "1000")
	wantRow(t, f, year, 5005, []string{"全年合计", "全年合计", "全年合计", "5000000"})
	wantCell(t, f, "签到表", "D5", "5000")

	names := map[string]map[string]string{}
	for _, d := range f.GetDefinedName() {
		if names[d.Scope] == nil {
			names[d.Scope] = map[string]string{}
		}
		names[d.Scope][d.Name] = d.RefersTo
	}
	for _, sh := range months {
		if got, want := names[sh]["_xlnm.Print_Titles"], "'"+sh+"'!$A:$C,'"+sh+"'!$4:$5"; got != want {
			t.Errorf("%s: print titles %q, want %q", sh, got, want)
		}
		if sh != months[0] && sh != months[3] {
			continue // reading a sheet's setup parses all of it: two quarters stand for the rest
		}
		// About 250 sessions a quarter: printed at 90% over several
		// pages, not shrunk to one page wide.
		pl, err := f.GetPageLayout(sh)
		if err != nil {
			t.Fatal(err)
		}
		if *pl.Size != 9 || *pl.Orientation != "landscape" || pl.AdjustTo == nil || *pl.AdjustTo != 90 {
			t.Errorf("%s: page %d %s scale %v, want A4 landscape at 90%%", sh, *pl.Size, *pl.Orientation, pl.AdjustTo)
		}
		if props, _ := f.GetSheetProps(sh); props.FitToPage != nil && *props.FitToPage {
			t.Errorf("%s: fit to page is on", sh)
		}
		// The title is merged over the first page's columns only.
		mcs, _ := f.GetMergeCells(sh)
		if len(mcs) == 0 || mcs[0].GetStartAxis() != "A1" {
			t.Fatalf("%s: merges %v", sh, mcs)
		}
		if end, _, _ := excelize.SplitCellName(mcs[0].GetEndAxis()); end == "" || len(end) > 2 || end > "Z" && len(end) == 1 {
			t.Errorf("%s: title merged to %s", sh, mcs[0].GetEndAxis())
		}
		hf, err := f.GetHeaderFooter(sh)
		if err != nil {
			t.Fatal(err)
		}
		if hf.OddHeader != "&L"+branch+"&R"+sh || hf.OddFooter != "&C第 &P 页 共 &N 页" {
			t.Errorf("%s: header %q footer %q", sh, hf.OddHeader, hf.OddFooter)
		}
	}
	for _, sh := range []string{"党员花名册", "组织生活台账", year, "年度统计"} {
		id, _ := f.GetCellStyle(sh, "A1")
		st, _ := f.GetStyle(id)
		if st.Font == nil || st.Font.Family != "黑体" || !st.Font.Bold {
			t.Errorf("%s: title font %+v, want bold 黑体", sh, st.Font)
		}
		id, _ = f.GetCellStyle(sh, "B6")
		if st, _ = f.GetStyle(id); st.Font == nil || st.Font.Family != "宋体" {
			t.Errorf("%s: body font %+v, want 宋体", sh, st.Font)
		}
	}
	for r := 1; r <= 114; r++ {
		if h, _ := f.GetRowHeight("年度统计", r); h > 409 {
			t.Errorf("年度统计 row %d is %v points tall", r, h)
		}
	}
}

func TestMatrixBySize(t *testing.T) {
	for _, tc := range []struct {
		asked string
		held  int
		want  string
	}{{"", 0, ByMonth}, {"", 300, ByMonth}, {"", 301, ByQuarter}, {ByMonth, 1000, ByMonth}, {ByQuarter, 10, ByQuarter}} {
		if got := matrixBy(tc.asked, tc.held); got != tc.want {
			t.Errorf("matrixBy(%q, %d) = %q, want %q", tc.asked, tc.held, got, tc.want)
		}
	}
}
