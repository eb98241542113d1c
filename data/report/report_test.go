package report

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"branchledger/data"
)

func TestSheetsFollowWorkbookOrder(t *testing.T) {
	l := newDemoLedger(t)
	for _, tc := range []struct {
		reports []string
		want    []string
	}{
		{nil, []string{"党员花名册", "组织生活台账", "考勤汇总（1月）", "考勤汇总（2月）", "考勤汇总（3月）", "考勤汇总（4月）", "考勤汇总（5月）", "考勤汇总（6月）", "考勤汇总（7月）", "考勤汇总（8月）", "考勤汇总（9月）", "考勤汇总（10月）", "考勤汇总（11月）", "考勤汇总（全年）", "签到表", "年度统计"}},
		{[]string{Summary, Roster}, []string{"党员花名册", "年度统计"}},
		{[]string{Matrix, Matrix}, []string{"考勤汇总（1月）", "考勤汇总（2月）", "考勤汇总（3月）", "考勤汇总（4月）", "考勤汇总（5月）", "考勤汇总（6月）", "考勤汇总（7月）", "考勤汇总（8月）", "考勤汇总（9月）", "考勤汇总（10月）", "考勤汇总（11月）", "考勤汇总（全年）"}},
	} {
		f := export(t, l, Options{Year: 2026, Reports: tc.reports})
		if got := f.GetSheetList(); !slices.Equal(got, tc.want) {
			t.Errorf("reports %v: sheets %v, want %v", tc.reports, got, tc.want)
		}
		if got := f.GetActiveSheetIndex(); got != 0 {
			t.Errorf("reports %v: active sheet %d, want the first", tc.reports, got)
		}

	}
}

func TestUnknownReport(t *testing.T) {
	l := newDemoLedger(t)
	err := Write(l, new(strings.Builder), Options{Reports: []string{"roster", "payroll"}})
	if !errors.Is(err, ErrUnknownReport) {
		t.Errorf("got %v, want ErrUnknownReport", err)
	}
	err = Write(l, new(strings.Builder), Options{Reports: []string{Minutes}})
	if !errors.Is(err, ErrNoSession) {
		t.Errorf("minutes without a session: got %v, want ErrNoSession", err)
	}
	err = Write(l, new(strings.Builder), Options{Reports: []string{Matrix}, MatrixBy: "week"})
	if !errors.Is(err, ErrMatrixBy) {
		t.Errorf("matrix by week: got %v, want ErrMatrixBy", err)
	}
}

// TestOfficialLook checks, sheet by sheet, the merged title with the
// branch and period, the frozen header and the print setup: A4, portrait
// for the sign-in sheet and landscape for the rest, one page wide, header
// rows on every page and a print area.
func TestOfficialLook(t *testing.T) {
	l := newDemoLedger(t)
	ys := yearStats(t, l)
	f := export(t, l, Options{Year: 2026})
	const branch = "申江区市场监管局注册登记窗口党支部"
	january := 0
	for _, h := range ys.Held {
		if h.Session.Date.Month() == 1 {
			january++
		}
	}
	for _, tc := range []struct {
		sheet, title, merge string
		orient              string
		xSplit, ySplit      int
		titles, area        string
	}{
		// 14 members under 4 head rows, a blank row, the signatures.
		{"党员花名册", branch + " 2026 年党员花名册（身份证号、电话已隐去部分数字）", "A1:O1", "landscape", 2, 4, "$4:$4", "$A$1:$O$20"},
		{"组织生活台账", branch + " 2026 年组织生活台账", "A1:T1", "landscape", 0, 4, "$4:$4", "$A$1:$T$" + itoa(4+len(ys.Held)+1+2)},
		{"考勤汇总（全年）", branch + " 2026 年考勤汇总（全年合计）", "A1:L1", "portrait", 3, 4, "$4:$4", "$A$1:$L$21"},
		// January's sessions fit one page wide: 序号/姓名/党小组 still
		// repeat; 14 members under 5 head rows, 7 total rows, a blank
		// row, the signatures.
		{"考勤汇总（1月）", branch + " 2026 年1月考勤汇总", "A1:" + col(3+january+9) + "1", "landscape", 3, 5,
			"$A:$C,'考勤汇总（1月）'!$4:$5", "$A$1:$" + col(3+january+9) + "$" + itoa(5+14+7+2)},
		// 14 members under 7 head rows, a blank row, the signatures.
		{"签到表", branch + "\n正午课堂（计为主题党日）签到表", "A1:E1", "portrait", 0, 7, "$1:$7", "$A$1:$E$23"},
		{"年度统计", branch + " 2026 年度统计", "A1:P1", "landscape", 0, 3, "$1:$3", ""},
	} {
		t.Run(tc.sheet, func(t *testing.T) {
			wantCell(t, f, tc.sheet, "A1", tc.title)
			mcs, err := f.GetMergeCells(tc.sheet)
			if err != nil {
				t.Fatal(err)
			}
			if len(mcs) == 0 || mcs[0].GetStartAxis()+":"+mcs[0].GetEndAxis() != tc.merge {
				t.Errorf("first merge %v, want %s", mcs, tc.merge)
			}
			st, _ := f.GetCellStyle(tc.sheet, "A1")
			style, _ := f.GetStyle(st)
			if style.Font == nil || !style.Font.Bold || style.Font.Family != fontTitle {
				t.Errorf("title font %+v, want bold %s", style.Font, fontTitle)
			}
			p, err := f.GetPanes(tc.sheet)
			if err != nil {
				t.Fatal(err)
			}
			if !p.Freeze || p.XSplit != tc.xSplit || p.YSplit != tc.ySplit {
				t.Errorf("panes %+v, want frozen at %d columns, %d rows", p, tc.xSplit, tc.ySplit)
			}
			pl, err := f.GetPageLayout(tc.sheet)
			if err != nil {
				t.Fatal(err)
			}
			if *pl.Size != 9 || *pl.Orientation != tc.orient || pl.FitToWidth == nil || *pl.FitToWidth != 1 ||
				pl.FitToHeight == nil || *pl.FitToHeight != 0 {
				t.Errorf("page size %d %s fit %v×%v, want A4 (9) %s, 1 page wide", *pl.Size, *pl.Orientation,
					deref(pl.FitToWidth), deref(pl.FitToHeight), tc.orient)
			}
			props, err := f.GetSheetProps(tc.sheet)
			if err != nil {
				t.Fatal(err)
			}
			if props.FitToPage == nil || !*props.FitToPage {
				t.Error("fit to page is off: Excel would ignore the fit to width")
			}
			names := map[string]string{}
			for _, d := range f.GetDefinedName() {
				if d.Scope == tc.sheet {
					names[d.Name] = d.RefersTo
				}
			}
			if got, want := names["_xlnm.Print_Titles"], "'"+tc.sheet+"'!"+tc.titles; got != want {
				t.Errorf("print titles %q, want %q", got, want)
			}
			area := names["_xlnm.Print_Area"]
			if dim, _ := f.GetSheetDimension(tc.sheet); strings.ReplaceAll(area, "$", "") != "'"+tc.sheet+"'!"+dim {
				t.Errorf("dimension %q, want the print area %q", dim, area)
			}
			if !strings.HasPrefix(area, "'"+tc.sheet+"'!$A$1:") || (tc.area != "" && area != "'"+tc.sheet+"'!"+tc.area) {
				t.Errorf("print area %q, want %q", area, tc.area)
			}
		})
	}
}

func deref(p *int) int {
	if p == nil {
		return -1
	}
	return *p
}

func itoa(n int) string { return cell(1, n)[1:] }

func col(n int) string {
	c, _ := excelize.ColumnNumberToName(n)
	return c
}

func TestProgressEndsAtTotal(t *testing.T) {
	l := newDemoLedger(t)
	var calls [][2]int
	export(t, l, Options{Year: 2026, Progress: func(done, total int) { calls = append(calls, [2]int{done, total}) }})
	if len(calls) < 2 {
		t.Fatalf("got %d progress calls, want several", len(calls))
	}
	for i := 1; i < len(calls); i++ {
		if calls[i][0] < calls[i-1][0] || calls[i][1] != calls[0][1] {
			t.Fatalf("progress went %v then %v", calls[i-1], calls[i])
		}
	}
	if last := calls[len(calls)-1]; last[0] != last[1] {
		t.Errorf("last progress %v, want done == total", last)
	}
}

func TestDateSerial(t *testing.T) {
	for _, d := range []struct{ y, m, d int }{{1900, 3, 1}, {1970, 1, 1}, {2000, 2, 29}, {2026, 11, 29}, {2099, 12, 31}} {
		got, err := excelize.ExcelDateToTime(float64(dateSerial(d.y, d.m, d.d)), false)
		if err != nil {
			t.Fatal(err)
		}
		if got.Year() != d.y || int(got.Month()) != d.m || got.Day() != d.d {
			t.Errorf("dateSerial(%v) reads back as %s", d, got.Format("2006-01-02"))
		}
	}
}

func TestTextWidth(t *testing.T) {
	for _, tc := range []struct {
		s    string
		want float64
	}{{"", 0}, {"abc", 3}, {"党小组", 6}, {"2026-11-29", 10}, {"（全角）", 8}} {
		if got := textWidth(tc.s); got != tc.want {
			t.Errorf("textWidth(%q) = %v, want %v", tc.s, got, tc.want)
		}
	}
}

// TestEmptyLedger exports every report of a new ledger: all but the
// sign-in sheet, which has no session to be for.
func TestEmptyLedger(t *testing.T) {
	l := newTestLedger(t, data.Branch{Name: "新支部"})
	f := export(t, l, Options{})
	if got, want := f.GetSheetList(), []string{"党员花名册", "组织生活台账", "考勤汇总", "年度统计"}; !slices.Equal(got, want) {
		t.Errorf("sheets %v, want %v", got, want)
	}
	wantCell(t, f, "党员花名册", "A2", "填报单位：新支部　　填报人：　　　　　　　　联系电话：　　　　　　　　填报日期：2026-11-29")
	wantCell(t, f, "党员花名册", "A3", "统计截至 2026-11-29　共 0 人")
	wantCell(t, f, "组织生活台账", "A5", "合计")
	wantCell(t, f, "考勤汇总", "A5", "全年合计")
	if cfs, _ := f.GetConditionalFormats("考勤汇总"); len(cfs) != 0 {
		t.Errorf("conditional formats %v on an empty matrix", cfs)
	}
}

func TestFitHeight(t *testing.T) {
	for _, tc := range []struct {
		name  string
		cells []excelize.Cell
		ws    []float64
		want  float64
	}{
		{"fits", []excelize.Cell{{Value: "党小组"}, {Value: 12}}, []float64{10, 4}, 0},
		{"two lines", []excelize.Cell{{Value: "注册许可窗口四级主任科员"}}, []float64{14}, 2*lineHeight + rowPadding},
		{"merged away", []excelize.Cell{{Value: "注册许可窗口四级主任科员"}}, []float64{0}, 0},
		{"numbers do not wrap", []excelize.Cell{{Value: 123456789}}, []float64{3}, 0},
	} {
		if got := fitHeight(tc.cells, tc.ws); got != tc.want {
			t.Errorf("%s: got %v, want %v", tc.name, got, tc.want)
		}
	}
}
