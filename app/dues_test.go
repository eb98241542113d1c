package app

import (
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/xuri/excelize/v2"

	"branchledger/data"
)

// openDues shows 党费 and waits for the year's grid.
func openDues(t *testing.T, s *shell) *duesScreen {
	t.Helper()
	s.show(pageDues)
	p := s.screens.dues
	settle(t, s, "the dues grid", func() bool { return p.y != nil })
	return p
}

// The example ledger's seventh member (base 5000 元, 1 %) has not paid
// September to November: the grid says so, and paying from the screen
// clears it.
func TestDuesScreenShowsArrearsAndRecordsAPayment(t *testing.T) {
	s, w := quietShell(t)
	p := openDues(t, s)
	if rows, cols := p.size(); rows != 15 || cols != duesCols {
		t.Fatalf("grid %d×%d, want 15 rows (14 members and the totals) × %d", rows, cols, duesCols)
	}
	const row = 6
	for col, want := range map[int]string{2: "5000.00", 3: "1%", 4: "50.00", duesColMonth0 + 7: "✓50.00",
		duesColMonth0 + 8: "欠 50.00", duesColMonth0 + 10: "欠 50.00", duesColMonth0 + 11: "", duesColOwed: "3",
		duesColThrough: "2026-08", duesColWarning: "连续 3 个月未交"} {
		if got := cellText(p.grid, row, col); got != want {
			t.Errorf("row %d column %d: %q, want %q", row, col, got, want)
		}
	}
	if got := cellText(p.grid, 14, 0); got != "合计（实交）" {
		t.Errorf("last row %q, want the totals", got)
	}
	if !strings.Contains(p.summary.Text, "2 人连续 3 个月以上未交") || !strings.Contains(p.summary.Text, "自愿交纳 1 笔") {
		t.Errorf("summary %q", p.summary.Text)
	}
	p.grid.Select(widget.TableCellID{Row: row, Col: 0})
	p.onPay()
	if !hasText(w, "共 3 个月，150.00 元") {
		t.Fatalf("pay dialog does not offer the three owed months: %q", windowTexts(w))
	}
	test.Tap(findButton(w, "保存"))
	settle(t, s, "the payment saved and the grid reloaded", func() bool { return len(p.y.Rows[row].Owed) == 0 })
	for col, want := range map[int]string{duesColMonth0 + 8: "✓50.00", duesColMonth0 + 10: "✓50.00", duesColWarning: "", duesColThrough: "2026-11"} {
		if got := cellText(p.grid, row, col); got != want {
			t.Errorf("after paying, column %d: %q, want %q", col, got, want)
		}
	}
	a, err := s.ledger.DuesAccount(p.y.Rows[row].Member.ID, 2026)
	if err != nil {
		t.Fatal(err)
	}
	last := a.Payments[len(a.Payments)-1]
	if last.Month != 202611 || last.Amount != 5000 || last.Paid != data.NewDate(2026, 11, 29) || last.Method != data.PayCash {
		t.Errorf("last payment %+v, want November, 5000 fen, 2026-11-29, cash", last)
	}
}

// Collecting December's dues at the last session records them for exactly
// the members marked present or late there.
func TestDuesScreenCollectsAtASession(t *testing.T) {
	s, w := quietShell(t)
	p := openDues(t, s)
	ss, err := s.ledger.Sessions(data.NewDate(2026, 1, 1), s.ledger.Today())
	if err != nil {
		t.Fatal(err)
	}
	p.collectDialog(ss)
	month := findObject(w, func(sel *widget.Select) bool { return len(sel.Options) == 12 })
	month.SetSelectedIndex(11)
	test.Tap(findButton(w, "保存"))
	settle(t, s, "the collection saved", func() bool { return hasText(w, "已登记") })
	settle(t, s, "the grid reloaded", func() bool { return p.y.MonthPaid[11] > 0 })
	marks, err := s.ledger.Marks(ss[len(ss)-1].ID)
	if err != nil {
		t.Fatal(err)
	}
	present := 0
	for i := range p.y.Rows {
		r := &p.y.Rows[i]
		st := marks[r.Member.ID].Status
		got := cellText(p.grid, i, duesColMonth0+11)
		if st == data.Present || st == data.Late {
			present++
			if !strings.HasPrefix(got, "✓") {
				t.Errorf("%s was present: December %q, want paid", r.Member.Name, got)
			}
		} else if got != "" {
			t.Errorf("%s was not present (%d): December %q, want blank", r.Member.Name, st, got)
		}
	}
	if present == 0 || !hasText(w, "已登记 "+strconv.Itoa(present)+" 人") {
		t.Errorf("%d present; dialog texts %q", present, windowTexts(w))
	}
}

// Exporting from the dues screen writes both dues sheets to the folder
// and name given.
func TestDuesScreenExports(t *testing.T) {
	s, w := quietShell(t)
	p := openDues(t, s)
	dir := t.TempDir()
	p.onExport()
	folder := findObject(w, func(e *widget.Entry) bool { return strings.Contains(e.Text, string(filepath.Separator)) })
	folder.SetText(dir)
	test.Tap(findButton(w, "导出台账"))
	settle(t, s, "the export", func() bool { return hasText(w, "已导出党费收缴台账和年度汇总") })
	f, err := excelize.OpenFile(filepath.Join(dir, "党费台账-2026.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); !slices.Equal(got, []string{"党费年度汇总", "党费收缴台账"}) {
		t.Errorf("sheets %v", got)
	}
	if v, _ := f.GetCellValue("党费年度汇总", "A1"); v != "申江区市场监管局注册登记窗口党支部 2026 年党费年度汇总" {
		t.Errorf("title %q", v)
	}
}

// The base form derives the rate and the monthly amount as the base is
// typed (full-width digits too), refuses a third decimal in Chinese, and
// saves who entered it.
func TestDuesScreenBaseForm(t *testing.T) {
	s, w := quietShell(t)
	p := openDues(t, s)
	p.grid.Select(widget.TableCellID{Row: 0, Col: 0})
	p.onBase()
	base := findObject(w, func(e *widget.Entry) bool {
		return e.PlaceHolder == "每月工资收入（税后），如 6500 或 6500.00元"
	})
	base.SetText("１２０００.５")
	if !hasText(w, "按规定比例 2%，每月应交 240.01 元（四舍五入到分）") { // 12000.50 × 2 % = 240.01
		t.Errorf("derived line missing: %q", windowTexts(w))
	}
	base.SetText("5000")
	if !hasText(w, "按规定比例 1%，每月应交 50.00 元") {
		t.Errorf("at 5000 元 the rate is 1 %%: %q", windowTexts(w))
	}
	base.SetText("4999.999")
	if !hasText(w, "金额最多两位小数（到分），如 12.50。") {
		t.Errorf("no Chinese message for three decimals: %q", windowTexts(w))
	}
	base.SetText("5000.01")
	test.Tap(findButton(w, "保存"))
	id := p.y.Rows[0].Member.ID
	settle(t, s, "the base saved", func() bool { return p.y.Rows[0].Account.Base == 500001 })
	a, err := s.ledger.DuesAccount(id, 2026)
	if err != nil || a.BaseBy != p.branch.Secretary || a.BaseBy == "" || !a.BaseAt.Equal(testNow()) {
		t.Errorf("base by %q at %v, %v; want the secretary at %v", a.BaseBy, a.BaseAt, err, testNow())
	}
	if got := cellText(p.grid, 0, 4); got != "75.00" { // 5000.01 × 1.5 % = 75.00015
		t.Errorf("monthly due %q, want 75.00", got)
	}
}

// The voluntary payments tab lists the example's 2000 元 payment as going
// to the Central Committee.
func TestDuesScreenVoluntaryList(t *testing.T) {
	s, _ := quietShell(t)
	p := openDues(t, s)
	if n := p.voluntary.Length(); n != 1 {
		t.Fatalf("%d voluntary payments listed, want 1", n)
	}
	lb := widget.NewLabel("")
	p.voluntary.UpdateItem(0, lb)
	want := "2026-07-01　" + p.y.Rows[0].Member.Name + "　2000.00 元　转账　一次性交纳 1000 元以上：全额上缴中央　七一自愿交纳特殊党费"
	if lb.Text != want || lb.Importance != widget.WarningImportance {
		t.Errorf("voluntary line %q (%d), want %q flagged", lb.Text, lb.Importance, want)
	}
}

// A 少交 decision needs its approval: the form offers the branch's
// committee; saving records it, and the grid shows the reduced amount.
// Withdrawing it brings the standard amount back.
func TestDuesScreenReductionForm(t *testing.T) {
	s, w := quietShell(t)
	p := openDues(t, s)
	p.grid.Select(widget.TableCellID{Row: 1, Col: 0}) // base 9850 元: 147.75 a month
	p.onReduction()
	findObject(w, func(e *widget.Entry) bool { return e.Text == "" && e.PlaceHolder == "" }).SetText("20")
	findObject(w, func(e *widget.Entry) bool { return e.PlaceHolder == "如 2026-11-29" }).SetText("2026-03-02")
	test.Tap(findButton(w, "保存"))
	settle(t, s, "the reduction saved", func() bool { return p.y.Rows[1].Account.Reduction != nil })
	r := p.y.Rows[1].Account.Reduction
	if r.Kind != data.DuesReduced || r.MonthlyDue != 2000 || r.ApprovedBy != "申江区市场监督管理局机关党委" || r.ApprovedOn != data.NewDate(2026, 3, 2) {
		t.Errorf("reduction %+v, want 少交 20.00 approved by the committee on 2026-03-02", r)
	}
	if got := cellText(p.grid, 1, 4); got != "20.00 少交" {
		t.Errorf("monthly due %q, want 20.00 少交", got)
	}
	p.onReduction()
	findObject(w, func(g *widget.RadioGroup) bool { return len(g.Options) == 3 }).SetSelected("撤销")
	test.Tap(findButton(w, "保存"))
	settle(t, s, "the reduction withdrawn", func() bool { return p.y.Rows[1].Account.Reduction == nil })
	if got := cellText(p.grid, 1, 4); got != "147.75" {
		t.Errorf("monthly due after withdrawing %q, want 147.75", got)
	}
}
