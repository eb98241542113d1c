package report

import (
	"fmt"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"branchledger/data"
)

func TestRosterCells(t *testing.T) {
	l := newDemoLedger(t)
	ms, err := l.Members()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		full  bool
		title string
		id    func(string) string
		phone func(string) string
	}{
		{false, "（身份证号、电话已隐去部分数字）", data.MaskIDNumber, data.MaskPhone},
		{true, "（含完整身份证号、电话，请妥善保管）", func(s string) string { return s }, func(s string) string { return s }},
	} {
		t.Run(fmt.Sprint("full=", tc.full), func(t *testing.T) {
			f := export(t, l, Options{Year: 2026, Reports: []string{Roster}, FullIDs: tc.full})
			const sh = "党员花名册"
			wantCell(t, f, sh, "A1", "申江区市场监管局注册登记窗口党支部 2026 年党员花名册"+tc.title)
			wantCell(t, f, sh, "A2", "填报单位：申江区市场监管局注册登记窗口党支部　　填报人：　　　　　　　　联系电话：　　　　　　　　填报日期：2026-11-29")
			wantCell(t, f, sh, "A3", "上级党委：申江区市场监督管理局机关党委　统计截至 2026-11-29　共 14 人")
			wantRow(t, f, sh, 4, rosterHeader[:])
			for i := range ms {
				m, r := &ms[i], 5+i // the demo adds its members group by group
				wantRow(t, f, sh, r, []string{fmt.Sprint(i + 1), m.Name, genderName(m.Gender), "汉族"})
				wantDate(t, f, sh, cell(5, r), m.Birth)
				wantCell(t, f, sh, cell(6, r), tc.id(m.IDNumber))
				wantCell(t, f, sh, cell(8, r), tc.phone(m.Phone))
				wantCell(t, f, sh, cell(9, r), m.Post)
				wantCell(t, f, sh, cell(10, r), m.Group)
				wantCell(t, f, sh, cell(11, r), categoryName(m.Category))
				wantDate(t, f, sh, cell(12, r), m.Joined)
				if m.Confirmed != 0 {
					wantDate(t, f, sh, cell(13, r), m.Confirmed)
				} else {
					wantCell(t, f, sh, cell(13, r), "")
				}
				wantCell(t, f, sh, cell(14, r), "正常")
			}
			if tc.full {
				// The importer needs the number as text: all 18 characters.
				typ, _ := f.GetCellType(sh, "F5")
				if typ != excelize.CellTypeSharedString || get(t, f, sh, "F5") != ms[0].IDNumber {
					t.Errorf("F5 type %v value %q, want the text %q", typ, get(t, f, sh, "F5"), ms[0].IDNumber)
				}
			}
			wantCell(t, f, sh, "A19", "")
			wantCell(t, f, sh, "A20", "支部书记（签字）：")
			wantCell(t, f, sh, "H20", "党组织（盖章）：")
		})
	}
}

// TestRosterMembersOfTheYear checks who is on a year's roster: members
// who left during the year are (with their departure in 备注), those who
// left before it or arrived after it are not; the order is by party group.
func TestRosterMembersOfTheYear(t *testing.T) {
	l := newTestLedger(t, data.Branch{Name: "测试支部", Groups: []string{"第一党小组", "第二党小组"}})
	stay := member(1, "甲", "第二党小组")
	left2026 := member(2, "乙", "第一党小组")
	left2025 := member(3, "丙", "第一党小组")
	joined2026 := member(4, "丁", "")
	joined2026.Joined, joined2026.Confirmed = data.NewDate(2026, 3, 1), 0
	joined2026.Category = data.Probationary
	noGroup := member(5, "戊", "")
	other := member(6, "己", "第一党小组")
	other.Notes = "=1+2"
	if err := l.SaveMembers([]*data.Member{stay, left2026, left2025, joined2026, noGroup, other}); err != nil {
		t.Fatal(err)
	}
	if err := l.SetDeparture(left2026.ID, data.Departure{Reason: data.TransferOut, Date: data.NewDate(2026, 5, 1), Destination: "区税务局党支部"}); err != nil {
		t.Fatal(err)
	}
	if err := l.SetDeparture(left2025.ID, data.Departure{Reason: data.TransferOut, Date: data.NewDate(2025, 12, 31)}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		year  int
		names []string
		notes []string
	}{
		{2026, []string{"乙", "己", "甲", "丁", "戊"}, []string{"2026-05-01 转出至区税务局党支部", "=1+2", "", "", ""}},
		{2025, []string{"乙", "丙", "己", "甲", "戊"}, []string{"", "2025-12-31 转出", "=1+2", "", ""}},
	} {
		f := export(t, l, Options{Year: tc.year, Reports: []string{Roster}})
		for i, n := range tc.names {
			wantCell(t, f, "党员花名册", cell(2, 5+i), n)
			wantCell(t, f, "党员花名册", cell(15, 5+i), tc.notes[i])
		}
		wantCell(t, f, "党员花名册", cell(2, 5+len(tc.names)), "")
	}
}

// TestRosterStreamsWhenLarge checks that a roster past streamRows, written
// with the StreamWriter, keeps everything the small one has: cells, dates,
// frozen panes, column widths, fit to page, the filter and the print
// names (the stream writer drops what is set at the wrong moment).
func TestRosterStreamsWhenLarge(t *testing.T) {
	l := newTestLedger(t, data.Branch{Name: "大支部"})
	n := streamRows + 20
	ms := make([]*data.Member, n)
	for i := range ms {
		ms[i] = member(i, fmt.Sprintf("党员%04d", i), "")
	}
	if err := l.SaveMembers(ms); err != nil {
		t.Fatal(err)
	}
	f := export(t, l, Options{Year: 2026, Reports: []string{Roster}})
	const sh = "党员花名册"
	wantRow(t, f, sh, 4, rosterHeader[:])
	for _, i := range []int{0, n - 1} {
		wantCell(t, f, sh, cell(2, 5+i), ms[i].Name)
		wantCell(t, f, sh, cell(6, 5+i), data.MaskIDNumber(ms[i].IDNumber))
		wantDate(t, f, sh, cell(5, 5+i), ms[i].Birth)
	}
	if dim, _ := f.GetSheetDimension(sh); dim != "A1:O"+fmt.Sprint(6+n) {
		t.Errorf("dimension %q, want A1:O%d", dim, 6+n)
	}
	if p, _ := f.GetPanes(sh); !p.Freeze || p.YSplit != 4 {
		t.Errorf("panes %+v, want the header frozen", p)
	}
	if w, _ := f.GetColWidth(sh, "F"); w < 20 {
		t.Errorf("ID column width %v, want room for 18 characters", w)
	}
	if props, _ := f.GetSheetProps(sh); props.FitToPage == nil || !*props.FitToPage {
		t.Error("fit to page lost in stream mode")
	}
	names := map[string]string{}
	for _, d := range f.GetDefinedName() {
		names[d.Name] = d.RefersTo
	}
	last := fmt.Sprint(4 + n)
	// The filter itself, in the sheet: set before Flush, or lost.
	if x, ok := f.Pkg.Load("xl/worksheets/sheet1.xml"); !ok || !strings.Contains(string(x.([]byte)), `<autoFilter ref="$A$4:$O$`+last+`"`) {
		t.Error("streamed roster lost its auto filter")
	}
	for name, want := range map[string]string{
		"_xlnm._FilterDatabase": "'党员花名册'!$A$4:$O$" + last,
		"_xlnm.Print_Area":      "'党员花名册'!$A$1:$O$" + fmt.Sprint(6+n), // a blank row, the signatures
		"_xlnm.Print_Titles":    "'党员花名册'!$4:$4",
	} {
		if names[name] != want {
			t.Errorf("%s = %q, want %q", name, names[name], want)
		}
	}
}
