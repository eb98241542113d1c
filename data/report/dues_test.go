package report

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/xuri/excelize/v2"

	"branchledger/data"
	"branchledger/data/dues"
)

// duesTestLedger has three members: 王一 (employed, 5000.01 元, paid
// January to November), 李二 (retired, 4200 元, 少交 10 元, paid January to
// June) and 张三 (no base entered), and one voluntary payment of 2000 元.
func duesTestLedger(t *testing.T) *data.Ledger {
	t.Helper()
	l := newTestLedger(t, data.Branch{Name: "测试支部", Committee: "机关党委"})
	ms := []*data.Member{member(0, "王一", "第一党小组"), member(1, "李二", "第一党小组"), member(2, "张三", "第一党小组")}
	if err := l.SaveMembers(ms); err != nil {
		t.Fatal(err)
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(l.SetDuesBase(ms[0].ID, 2026, data.DuesBase{Category: dues.Employed, Base: 500001}, "书记"))
	must(l.SetDuesBase(ms[1].ID, 2026, data.DuesBase{Category: dues.Retired, Base: 420000}, "书记"))
	must(l.SetDuesReduction(ms[1].ID, 2026, &data.DuesReduction{Kind: data.DuesReduced, MonthlyDue: 1000, ApprovedBy: "机关党委", ApprovedOn: data.NewDate(2026, 1, 20)}))
	h1 := []data.YearMonth{202601, 202602, 202603, 202604, 202605, 202606}
	for _, m := range ms[:2] {
		_, err := l.PayDues(m.ID, data.DuesPay{Months: h1, Paid: data.NewDate(2026, 6, 30), Method: data.PayCash})
		must(err)
	}
	_, err := l.PayDues(ms[0].ID, data.DuesPay{Months: []data.YearMonth{202607, 202608, 202609, 202610, 202611}, Paid: data.NewDate(2026, 11, 6), Method: data.PayOnline})
	must(err)
	must(l.RecordVoluntaryDues(&data.VoluntaryDues{MemberID: ms[0].ID, Amount: 200000, Paid: data.NewDate(2026, 7, 1), Method: data.PayTransfer, Note: "七一"}))
	return l
}

func TestDuesSummarySheet(t *testing.T) {
	f := export(t, duesTestLedger(t), Options{Year: 2026, Reports: []string{Dues}})
	if got := f.GetSheetList(); !slices.Equal(got, []string{"党费年度汇总", "党费收缴台账"}) {
		t.Fatalf("sheets %v", got)
	}
	sh := "党费年度汇总"
	wantCell(t, f, sh, "A1", "测试支部 2026 年党费年度汇总")
	// Rows 2 and 3 are the 填报 line and the note (dues_form_test.go).
	wantRow(t, f, sh, 4, []string{"序号", "姓名", "类别", "缴费基数（元）", "比例", "月应交（元）", "1月", "2月"})
	wantCell(t, f, sh, "R4", "12月")
	wantRow(t, f, sh, 5, []string{"1", "王一", "在职", "5000.01", "1.5%", "75.00", "75.00", "75.00"})
	wantRow(t, f, sh, 6, []string{"2", "李二", "离退休", "4200.00", "0.5%", "10.00", "10.00"})
	wantRow(t, f, sh, 7, []string{"3", "张三", "", "未定", "", "未定", ""}) // no dues record this year: nothing owed
	for ref, want := range map[string]string{
		"Q5": "75.00", "R5": "", "S5": "900.00", "T5": "825.00", "U5": "0", "V5": "2026-11", "W5": "",
		"L6": "10.00", "M6": "欠", "Q6": "欠", "R6": "", "S6": "120.00", "T6": "60.00", "U6": "5", "V6": "2026-06",
		"W6": "连续 5 个月未交纳党费；少交（机关党委 2026-01-20 批准）",
		"Q7": "", "S7": "0.00", "U7": "0", "V7": "", "W7": "未建立本年党费记录（未录入缴费基数）",
		"A8": "合计（3 人）实交", "G8": "85.00", "M8": "75.00", "R8": "0.00", "S8": "1020.00", "T8": "885.00", "W8": "欠交 50.00",
		"A9":  "",
		"A10": "自愿交纳党费（一次性交纳 1000 元以上的全额上缴中央）",
		"A12": "1", "B12": "王一", "D12": "2000.00", "E12": "转账", "F12": "全额上缴中央", "G12": "七一",
		"A13": "", // the blank row above the signatures (row 14)
	} {
		wantCell(t, f, sh, ref, want)
	}
	wantDate(t, f, sh, "C12", data.NewDate(2026, 7, 1))
	if got := numFmt(t, f, sh, "G5"); got != "0.00" {
		t.Errorf("money format %q, want 0.00", got)
	}
	// The 说明 of the voluntary payments spans the months and the tail.
	wantMerged(t, f, sh, "G11:W11", "G12:W12")
	// A member's row is at least 20 points, so that one-line rows are not
	// cramped next to wrapped ones.
	if h, err := f.GetRowHeight(sh, 5); err != nil || h != 20 {
		t.Errorf("row 5 is %v points tall (%v), want 20", h, err)
	}
	if w, err := f.GetColWidth(sh, "C"); err != nil || w != 12.5 {
		t.Errorf("column C (交纳日期 of the voluntary payments) is %v wide (%v), want 12.5", w, err)
	}
	wantPage(t, f, sh, "$4:$4", "$A$1:$W$14")
}

func TestDuesLedgerSheet(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(duesTestLedger(t), &buf, Options{Year: 2026, Reports: []string{Dues}}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sh := "党费收缴台账"
	wantCell(t, f, sh, "A1", "测试支部 2026 年党费收缴台账")
	// Rows 2 and 3 are the 填报 line and the note (dues_form_test.go).
	wantCell(t, f, sh, "A4", "2026 年 1 月")
	wantRow(t, f, sh, 5, []string{"序号", "姓名", "类别", "缴费基数（元）", "比例", "应交（元）", "实交（元）", "交纳日期", "方式", "本人签字", "备注"})
	wantRow(t, f, sh, 6, []string{"1", "王一", "在职", "5000.01", "1.5%", "75.00", "75.00", "2026-06-30", "现金", "", ""})
	wantDate(t, f, sh, "H6", data.NewDate(2026, 6, 30))
	wantRow(t, f, sh, 7, []string{"2", "李二", "离退休", "4200.00", "0.5%", "10.00", "10.00", "2026-06-30", "现金", "", "少交（机关党委 2026-01-20 批准）"})
	wantRow(t, f, sh, 8, []string{"3", "张三", "", "未定", "", "未定", "0.00", "", "", "", "未建立本年党费记录（未录入缴费基数）"})
	wantRow(t, f, sh, 9, []string{"合计（3 人）", "合计（3 人）", "合计（3 人）", "合计（3 人）", "合计（3 人）", "85.00", "85.00", "", "", "", "欠交 0.00"})
	// Each month takes 7 rows (heading, header, 3 members, total, gap):
	// November's heading is on row 4 + 10 × 7 = 74.
	wantCell(t, f, sh, "A74", "2026 年 11 月")
	wantRow(t, f, sh, 76, []string{"1", "王一", "在职", "5000.01", "1.5%", "75.00", "75.00", "2026-11-06", "线上"})
	wantRow(t, f, sh, 77, []string{"2", "李二", "离退休", "4200.00", "0.5%", "10.00", "0.00", "", ""})
	wantCell(t, f, sh, "K77", "欠交 10.00；少交（机关党委 2026-01-20 批准）")
	wantRow(t, f, sh, 79, []string{"合计（3 人）", "合计（3 人）", "合计（3 人）", "合计（3 人）", "合计（3 人）", "85.00", "75.00"})
	wantCell(t, f, sh, "K79", "欠交 10.00") // 李二's 10.00; 张三's due is not known, so not summed
	wantCell(t, f, sh, "A80", "")         // the blank row above the signatures (row 81)
	wantCell(t, f, sh, "A82", "")         // no December: not begun, nothing paid ahead
	// The title, the 填报 line and the note head every printed page.
	wantPage(t, f, sh, "$1:$3", "$A$1:$K$81")
	// Every month after the first starts a printed page: ten row breaks.
	if n := strings.Count(sheetXML(t, buf.Bytes(), "xl/worksheets/sheet2.xml"), "<brk "); n != 10 {
		t.Errorf("%d page breaks, want 10", n)
	}
}

// wantPage checks the official page: A4 landscape, one page wide, the
// repeated title rows and the print area.
func wantPage(t *testing.T, f *excelize.File, sh, titles, area string) {
	t.Helper()
	pl, err := f.GetPageLayout(sh)
	if err != nil {
		t.Fatal(err)
	}
	if *pl.Size != 9 || *pl.Orientation != "landscape" || deref(pl.FitToWidth) != 1 || deref(pl.FitToHeight) != 0 {
		t.Errorf("%s: page %d %s fit %d×%d, want A4 (9) landscape 1 page wide", sh, *pl.Size, *pl.Orientation, deref(pl.FitToWidth), deref(pl.FitToHeight))
	}
	names := map[string]string{}
	for _, d := range f.GetDefinedName() {
		if d.Scope == sh {
			names[d.Name] = d.RefersTo
		}
	}
	if got, want := names["_xlnm.Print_Titles"], "'"+sh+"'!"+titles; got != want {
		t.Errorf("print titles %q, want %q", got, want)
	}
	if got, want := names["_xlnm.Print_Area"], "'"+sh+"'!"+area; got != want {
		t.Errorf("print area %q, want %q", got, want)
	}
	if dim, _ := f.GetSheetDimension(sh); "'"+sh+"'!"+dim != strings.ReplaceAll(names["_xlnm.Print_Area"], "$", "") {
		t.Errorf("dimension %q, want the print area", dim)
	}
}

func sheetXML(t *testing.T, xlsx []byte, name string) string {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(xlsx), int64(len(xlsx)))
	if err != nil {
		t.Fatal(err)
	}
	r, err := z.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestDuesReportStreamed writes a ledger large enough for the sheets to be
// streamed (over 500 rows) and reads the rows back at the places a month
// block of 501 members puts them.
func TestDuesReportStreamed(t *testing.T) {
	l := newTestLedger(t, data.Branch{Name: "测试支部"})
	ms := make([]*data.Member, 501)
	for i := range ms {
		ms[i] = member(i, fmt.Sprintf("党员%03d", i), "第一党小组")
	}
	if err := l.SaveMembers(ms); err != nil {
		t.Fatal(err)
	}
	bases := map[uuid.UUID]int64{}
	for _, m := range ms {
		bases[m.ID] = 300000 // 0.5 %: 15.00 a month
	}
	if err := l.SetDuesBases(2026, bases, "导入"); err != nil {
		t.Fatal(err)
	}
	f := export(t, l, Options{Year: 2026, Reports: []string{Dues}})
	sum := "党费年度汇总"
	wantRow(t, f, sum, 505, []string{"501", "党员500", "在职", "3000.00", "0.5%", "15.00", "欠"})
	wantCell(t, f, sum, "W505", "连续 11 个月未交纳党费（党章：满六个月视为自行脱党）；类别按在职推定（导入）")
	wantCell(t, f, sum, "S506", "90180.00") // 501 × 12 × 15.00
	// The furniture is written by the stream writer too: the 填报 line, the
	// signatures under the empty voluntary table (heading 508, header 509,
	// a blank row 510) and the page header and footer.
	wantFurniture(t, f, sum, "填报单位：测试支部　　填报人：　　　　　　　　联系电话：　　　　　　　　填报日期：2026-11-29",
		"A511", "L511", "&L测试支部&R党费年度汇总")
	wantPage(t, f, sum, "$4:$4", "$A$1:$W$511")
	led := "党费收缴台账"
	// A month is a heading, a header, 501 rows, the total and a gap: 505 rows.
	wantCell(t, f, led, "A4", "2026 年 1 月")
	wantRow(t, f, led, 506, []string{"501", "党员500", "在职", "3000.00", "0.5%", "15.00", "0.00"})
	wantCell(t, f, led, "F507", "7515.00") // 501 × 15.00
	wantCell(t, f, led, "A509", "2026 年 2 月")
	wantCell(t, f, led, "A5054", "2026 年 11 月") // 4 + 10 × 505
	// November's total is on 5054 + 2 + 501 = 5557, a blank row, then the
	// signatures.
	wantFurniture(t, f, led, "填报单位：测试支部　　填报人：　　　　　　　　联系电话：　　　　　　　　填报日期：2026-11-29",
		"A5559", "F5559", "&L测试支部&R党费收缴台账")
	wantPage(t, f, led, "$1:$3", "$A$1:$K$5559")
}
