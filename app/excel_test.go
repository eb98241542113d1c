package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"branchledger/data"
)

const rosterFixtures = "../testdata/rosters"

// newExcelTest opens the 导入导出 screen on an empty ledger in a temporary
// folder.
func newExcelTest(t *testing.T) (*shell, fyne.Window, *excelScreen) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "空台账.ledger")
	l, err := data.Create(path, data.Branch{Name: "测试支部", Groups: []string{"第一党小组", "第二党小组"}}, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	s, w := newTestShellOn(t, path)
	s.show(pageExcel)
	p := s.screens.excel
	waitIdle(t, p)
	return s, w, p
}

// waitIdle waits until the screen's background work has come back.
func waitIdle(t *testing.T, p *excelScreen) {
	t.Helper()
	p.run.Wait()
}

// previewFixture previews a roster fixture as if picked in the file dialog.
func previewFixture(t *testing.T, w fyne.Window, p *excelScreen, name string) {
	t.Helper()
	f, err := os.Open(filepath.Join(rosterFixtures, name))
	if err != nil {
		t.Fatal(err)
	}
	p.preview(name, f)
	waitIdle(t, p)
	if !strings.HasPrefix(p.status.Text, name+"：将新增") {
		t.Fatalf("preview of %s: got %q", name, p.status.Text)
	}
}

func TestExcelPreviewShowsProblems(t *testing.T) {
	s, w, p := newExcelTest(t)
	previewFixture(t, w, p, "roster-problems.xlsx")
	if got, want := p.status.Text, "roster-problems.xlsx：将新增 10 名，更新 0 名，无变化 0 名。有问题 8 行，不会导入"; !strings.HasPrefix(got, want) {
		t.Errorf("preview: got %q, want it to start with %q", got, want)
	}
	for _, want := range []string{"工作表", "行", "列", "问题", "Sheet1", "D（身份证号）", "公民身份号码校验位不对，请核对是否录入有误"} {
		if !hasText(w, want) {
			t.Errorf("problem table lacks %q; texts: %q", want, windowTexts(w))
		}
	}
	// Every problem is in the table, in Chinese, at its row and column.
	want := map[string]string{
		"3 D（身份证号）":  "公民身份号码校验位不对，请核对是否录入有误",
		"5 C（出生日期）":  "出生日期与公民身份号码不一致（号码中为 1996-10-01）",
		"7 A（姓名）":    "必须填写",
		"9 D（身份证号）":  "与第 2 行重复",
		"11 G（入党日期）": "入党时未满 18 周岁",
		"13 E（联系电话）": "手机号码应为 11 位（现为 10 位），座机请写成 021-12345678",
		"15 G（入党日期）": "日期不能晚于今天",
		"17 H（转正日期）": "转正日期应晚于入党日期",
	}
	got := map[string]string{}
	for _, r := range p.rows {
		got[r[1]+" "+r[2]] = r[3]
		if r[0] != "Sheet1" {
			t.Errorf("sheet: got %q, want Sheet1", r[0])
		}
	}
	for where, msg := range want {
		if got[where] != msg {
			t.Errorf("problem at %s: got %q, want %q", where, got[where], msg)
		}
	}
	if p.confirm.Disabled() || p.saveBad.Disabled() || p.cancel.Disabled() {
		t.Errorf("confirm, save problem rows, cancel: got disabled %v %v %v, want all enabled",
			p.confirm.Disabled(), p.saveBad.Disabled(), p.cancel.Disabled())
	}
	// Nothing is written by a preview.
	if ms, err := s.ledger.Members(); err != nil || len(ms) != 0 {
		t.Errorf("members after a preview: got %d, %v, want 0", len(ms), err)
	}
	test.Tap(findButton(w, "取消"))
	if !strings.HasPrefix(p.status.Text, "已取消") || len(p.rows) != 0 || !p.confirm.Disabled() {
		t.Errorf("after cancel: rows %d, confirm disabled %v; texts %q", len(p.rows), p.confirm.Disabled(), windowTexts(w))
	}
}

func TestExcelConfirmImports(t *testing.T) {
	s, w, p := newExcelTest(t)
	previewFixture(t, w, p, "roster-title-rows.xlsx")
	confirm := findButton(w, "确认导入")
	if confirm == nil || confirm.Disabled() {
		t.Fatal("确认导入 missing or disabled")
	}
	test.Tap(confirm)
	waitIdle(t, p)
	if got, want := p.status.Text, "导入完成：新增 14 名，更新 0 名。"; got != want {
		t.Errorf("after confirming: got %q, want %q", got, want)
	}
	ms, err := s.ledger.Members()
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) != 14 {
		t.Fatalf("members: got %d, want 14", len(ms))
	}
	m, err := s.ledger.MemberByIDNumber("31010519690411683X")
	if err != nil || m.Name != "邓玲" || m.Joined.String() != "2001-05-23" || m.Ethnicity != "汉族" {
		t.Errorf("邓玲: got %+v, %v", m, err)
	}
	// The same file again updates no one.
	previewFixture(t, w, p, "roster-title-rows.xlsx")
	if got, want := p.status.Text, "roster-title-rows.xlsx：将新增 0 名，更新 0 名，无变化 14 名。"; got != want || !p.confirm.Disabled() {
		t.Errorf("second preview: got %q, confirm disabled %v, want %q and disabled", got, p.confirm.Disabled(), want)
	}
}

func TestExcelRefusesUnreadableFile(t *testing.T) {
	_, _, p := newExcelTest(t)
	path := filepath.Join(t.TempDir(), "名单.xlsx")
	if err := os.WriteFile(path, []byte("姓名,身份证号\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	p.preview("名单.xlsx", f)
	waitIdle(t, p)
	if !strings.Contains(p.status.Text, "不是 Excel 工作簿") {
		t.Errorf("status: got %q, want the file refused", p.status.Text)
	}
	if !p.confirm.Disabled() {
		t.Error("confirm enabled without a plan")
	}
}

func TestExcelExport(t *testing.T) {
	s, w := newTestShell(t)
	s.show(pageExcel)
	p := s.screens.excel
	waitIdle(t, p)
	p.tabs.SelectIndex(1)
	x := p.exp
	if got := x.name.Text; got != "支部台账报表-2026.xlsx" {
		t.Errorf("default file name: got %q, want 支部台账报表-2026.xlsx", got)
	}
	if x.fullIDs.Checked || x.warning.Visible() {
		t.Error("full ID numbers on by default")
	}
	test.Tap(x.fullIDs)
	if !x.warning.Visible() || !hasText(w, "敏感个人信息") {
		t.Error("no warning with full ID numbers")
	}
	test.Tap(x.fullIDs)
	x.checks["matrix"].SetChecked(false)
	path := filepath.Join(t.TempDir(), "报表.xlsx")
	x.exportTo(path)
	waitIdle(t, p)
	if got, want := x.done.Text, "已导出："+path; got != want {
		t.Fatalf("after exporting: got %q, want %q", got, want)
	}
	if st, err := os.Stat(path); err != nil || st.Size() == 0 {
		t.Fatalf("exported file: %v", err)
	}
	if !x.open.Visible() || x.lastDir != filepath.Dir(path) {
		t.Errorf("open-folder button visible %v for %q, want visible for %q", x.open.Visible(), x.lastDir, filepath.Dir(path))
	}
	rs, err := s.ledger.Exports()
	if err != nil || len(rs) != 1 {
		t.Fatalf("exports recorded: got %d, %v, want 1", len(rs), err)
	}
	if rs[0].FullIDs || strings.Join(rs[0].Reports, ",") != "roster,register,signin,summary" || rs[0].Year != 2026 {
		t.Errorf("export record: got %+v", rs[0])
	}
	if want := "党员花名册、组织生活台账、签到表、年度统计　2026 年　已隐去　" + path; !hasText(w, want) {
		t.Errorf("export history lacks %q; texts %q", want, windowTexts(w))
	}
}

func TestFolderURL(t *testing.T) {
	for in, want := range map[string]string{
		"/home/书记/报表": "file:///home/%E4%B9%A6%E8%AE%B0/%E6%8A%A5%E8%A1%A8",
		"/tmp":        "file:///tmp",
	} {
		if got := folderURL(in).String(); got != want {
			t.Errorf("folderURL(%q): got %q, want %q", in, got, want)
		}
	}
}
