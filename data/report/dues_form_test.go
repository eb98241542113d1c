package report

import (
	"testing"

	"github.com/xuri/excelize/v2"
)

// wantFurniture checks the furniture of a submitted form on sheet sh: the
// 填报 line in A2, the signature line (支部书记（签字） in signRef, 党组织
// （盖章） in sealRef), the page header naming the branch and the report,
// and the footer 第 X 页 共 Y 页.
func wantFurniture(t *testing.T, f *excelize.File, sh, formLine, signRef, sealRef, header string) {
	t.Helper()
	wantCell(t, f, sh, "A2", formLine)
	wantCell(t, f, sh, signRef, "支部书记（签字）：")
	wantCell(t, f, sh, sealRef, "党组织（盖章）：")
	hf, err := f.GetHeaderFooter(sh)
	if err != nil {
		t.Fatal(err)
	}
	if hf.OddHeader != header {
		t.Errorf("%s: page header %q, want %q", sh, hf.OddHeader, header)
	}
	if hf.OddFooter != "&C第 &P 页 共 &N 页" {
		t.Errorf("%s: page footer %q, want %q", sh, hf.OddFooter, "&C第 &P 页 共 &N 页")
	}
}

// wantFont checks the font family (and boldness) of a cell.
func wantFont(t *testing.T, f *excelize.File, sh, ref, family string, bold bool) {
	t.Helper()
	id, err := f.GetCellStyle(sh, ref)
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	if st.Font == nil || st.Font.Family != family || st.Font.Bold != bold {
		t.Errorf("%s!%s: font %+v, want %s (bold %v)", sh, ref, st.Font, family, bold)
	}
}

// wantMerged checks that the merged ranges of sh include each of want.
func wantMerged(t *testing.T, f *excelize.File, sh string, want ...string) {
	t.Helper()
	mcs, err := f.GetMergeCells(sh)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, mc := range mcs {
		got[mc.GetStartAxis()+":"+mc.GetEndAxis()] = true
	}
	for _, w := range want {
		if !got[w] {
			t.Errorf("%s: %s is not merged", sh, w)
		}
	}
}

// TestDuesFormFurniture reads back the furniture of both dues sheets with
// the reporter filled in, and their fonts with either title face.
func TestDuesFormFurniture(t *testing.T) {
	l := duesTestLedger(t)
	b, err := l.Branch()
	if err != nil {
		t.Fatal(err)
	}
	b.Reporter, b.ReporterPhone = "赵四", "021-12345678"
	if err := l.SaveBranch(b); err != nil {
		t.Fatal(err)
	}
	f := export(t, l, Options{Year: 2026, Reports: []string{Dues}})
	line := "填报单位：测试支部　　填报人：赵四　　联系电话：021-12345678　　填报日期：2026-11-29"

	sum := "党费年度汇总"
	wantFurniture(t, f, sum, line, "A14", "L14", "&L测试支部&R党费年度汇总")
	wantCell(t, f, sum, "A3", "金额单位：元　统计截至 2026-11　连续 3 个月、5 个月未交提醒；连续 6 个月未交，按党章视为自行脱党")
	// 23 columns: the title rows span them all; the signatures half each.
	wantMerged(t, f, sum, "A1:W1", "A2:W2", "A3:W3", "A14:K14", "L14:W14")

	led := "党费收缴台账"
	wantFurniture(t, f, led, line, "A81", "F81", "&L测试支部&R党费收缴台账")
	wantCell(t, f, led, "A3", "金额单位：元　应交 = 缴费基数 × 比例，四舍五入到分（中组部 2008 年党费规定）　统计截至 2026-11")
	wantMerged(t, f, led, "A1:K1", "A2:K2", "A3:K3", "A81:E81", "F81:K81")
	panes, err := f.GetPanes(led)
	if err != nil {
		t.Fatal(err)
	}
	if !panes.Freeze || panes.YSplit != 3 {
		t.Errorf("%s: panes %+v, want the form's head frozen above row 4", led, panes)
	}

	// Titles in 黑体 by default, body and money in 宋体.
	for _, c := range []struct{ sh, ref, family string }{
		{sum, "B5", "宋体"}, {sum, "G5", "宋体"}, {led, "B6", "宋体"}, {led, "F6", "宋体"}, {led, "A2", "宋体"}, {led, "A81", "宋体"},
	} {
		wantFont(t, f, c.sh, c.ref, c.family, false)
	}
	wantFont(t, f, sum, "A1", "黑体", true)
	wantFont(t, f, led, "A1", "黑体", true)
	// 方正小标宋 when the caller found it installed.
	f = export(t, l, Options{Year: 2026, Reports: []string{Dues}, TitleFont: FontXiaoBiaoSong})
	wantFont(t, f, sum, "A1", "方正小标宋简体", true)
	wantFont(t, f, led, "A1", "方正小标宋简体", true)
	wantFont(t, f, led, "B6", "宋体", false)
}

// TestDuesFormNoMonths writes the ledger of a year none of whose months
// has begun: the head, then a blank row and the signatures.
func TestDuesFormNoMonths(t *testing.T) {
	f := export(t, duesTestLedger(t), Options{Year: 2027, Reports: []string{Dues}})
	led := "党费收缴台账"
	wantCell(t, f, led, "A1", "测试支部 2027 年党费收缴台账")
	wantCell(t, f, led, "A4", "")
	wantFurniture(t, f, led, "填报单位：测试支部　　填报人：　　　　　　　　联系电话：　　　　　　　　填报日期：2026-11-29",
		"A5", "F5", "&L测试支部&R党费收缴台账")
	wantPage(t, f, led, "$1:$3", "$A$1:$K$5")
}
