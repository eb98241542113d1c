package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

const importCases = "../testdata/import-cases"

// previewCase previews an import case as if picked in the file dialog.
func previewCase(t *testing.T, p *excelScreen, name string) {
	t.Helper()
	f, err := os.Open(filepath.Join(importCases, name))
	if err != nil {
		t.Fatal(err)
	}
	p.preview(name, f)
	waitIdle(t, p)
}

// columnLines returns the column list's labels, and its selects by label.
func columnLines(p *excelScreen) ([]string, map[string]*widget.Select) {
	var lines []string
	sels := map[string]*widget.Select{}
	for _, o := range p.columns.Objects {
		row := o.(*fyne.Container)
		var label string
		var sel *widget.Select
		for _, c := range row.Objects {
			switch w := c.(type) {
			case *widget.Label:
				label = w.Text
			case *widget.Select:
				sel = w
			}
		}
		lines = append(lines, label)
		sels[label] = sel
	}
	return lines, sels
}

func TestExcelPreviewShowsColumnsAndPeople(t *testing.T) {
	_, _, p := newExcelTest(t)
	previewCase(t, p, "C13a_header_words_split_over_two_rows.xlsx")
	lines, _ := columnLines(p)
	want := []string{
		"Sheet1 A 列“序号” → 不导入（台账没有这一项）",
		"Sheet1 B 列“姓名” → 姓名",
		"Sheet1 C 列“性别” → 性别",
		"Sheet1 D 列“出生年月” → 出生日期",
		"Sheet1 E 列“公民身份号码” → 公民身份号码",
		"Sheet1 F 列“党员类别” → 党员类别",
		"Sheet1 G 列“入党时间” → 入党日期",
		"Sheet1 H 列“转正时间” → 转正日期",
		"Sheet1 I 列“联系电话” → 联系电话",
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("columns:\n got %q\nwant %q", lines, want)
	}
	if len(p.lines) != 2 {
		t.Fatalf("people: got %q, want two rows", p.lines)
	}
	if got, want := p.lines[0], [4]string{"新增", "Sheet1 第 4 行", "张三", "出生日期：文件只写到月份，日期取自公民身份号码"}; got != want {
		t.Errorf("first person: got %q, want %q", got, want)
	}
}

// TestExcelAssignColumnRemembered assigns an unrecognised column in the
// window; the next file with the same headers is read the same way.
func TestExcelAssignColumnRemembered(t *testing.T) {
	_, _, p := newExcelTest(t)
	previewCase(t, p, "C12_header_renyuanshenfen_dangyuanleixing.xlsx")
	lines, sels := columnLines(p)
	target := "Sheet1 E 列“转正时间” → 转正日期"
	if sels[target] == nil {
		t.Fatalf("no select for %q in %q", target, lines)
	}
	sels[target].SetSelected("不导入")
	waitIdle(t, p)
	lines, _ = columnLines(p)
	if want := "Sheet1 E 列“转正时间” → 不导入（按您的指定）"; !contains(lines, want) {
		t.Errorf("after leaving it out: got %q, want %q among them", lines, want)
	}
	// The same headers again, in another file: the choice is remembered.
	previewCase(t, p, "C12_header_renyuanshenfen_dangyuanleixing.xlsx")
	lines, _ = columnLines(p)
	if want := "Sheet1 E 列“转正时间” → 不导入（按您的指定）"; !contains(lines, want) {
		t.Errorf("next file: got %q, want %q among them", lines, want)
	}
	// A file with other headers is not touched by it.
	previewCase(t, p, "C13a_header_words_split_over_two_rows.xlsx")
	lines, _ = columnLines(p)
	if want := "Sheet1 H 列“转正时间” → 转正日期"; !contains(lines, want) {
		t.Errorf("other headers: got %q, want %q among them", lines, want)
	}
}

func contains(lines []string, want string) bool {
	for _, l := range lines {
		if l == want {
			return true
		}
	}
	return false
}

// TestExcelRefusedRowsStayAfterImport imports the good rows of a file with
// problems: the refused rows stay listed and can still be saved.
func TestExcelRefusedRowsStayAfterImport(t *testing.T) {
	s, w, p := newExcelTest(t)
	previewFixture(t, w, p, "roster-problems.xlsx")
	test.Tap(p.confirm)
	waitIdle(t, p)
	ms, err := s.ledger.Members()
	if err != nil || len(ms) != 10 {
		t.Fatalf("members: got %d, %v, want 10", len(ms), err)
	}
	if len(p.lines) != 8 || p.saveBad.Disabled() || !p.confirm.Disabled() {
		t.Errorf("after importing: %d people listed, save refused disabled %v, confirm disabled %v; want 8, false, true",
			len(p.lines), p.saveBad.Disabled(), p.confirm.Disabled())
	}
	for _, l := range p.lines {
		if l[0] != "有问题" || l[3] == "" {
			t.Errorf("left after importing: %q, want a refused row with its problem", l)
		}
	}
}

// TestExcelConvertOldIDs accepts the 18-digit form of 15-digit IDs.
func TestExcelConvertOldIDs(t *testing.T) {
	_, _, p := newExcelTest(t)
	previewCase(t, p, "C09_15digit_old_ids.xlsx")
	if !p.convertB.Visible() || p.convertB.Text != "接受 2 个旧身份证号转为 18 位" {
		t.Fatalf("convert button: visible %v, %q", p.convertB.Visible(), p.convertB.Text)
	}
	if got := p.rows[0][3]; got != "这是 15 位旧身份证号，转换为 18 位是 310105195201020116，确认转换后即可导入" {
		t.Errorf("problem: got %q", got)
	}
	test.Tap(p.convertB)
	waitIdle(t, p)
	if len(p.plan.Add) != 2 || p.convertB.Visible() {
		t.Errorf("after accepting: add %d, button visible %v, want 2 and hidden", len(p.plan.Add), p.convertB.Visible())
	}
	if got, want := p.lines[0][3], "公民身份号码：由 15 位旧号码转换为 18 位"; !strings.Contains(got, want) {
		t.Errorf("first person: got %q, want it to say %q", got, want)
	}
}

// TestExcelDamagedFile names the row where the damaged sheet stopped.
func TestExcelDamagedFile(t *testing.T) {
	_, _, p := newExcelTest(t)
	previewCase(t, p, "C23_bad_xml_at_row12.xlsx")
	if want := "工作表“Sheet1”第 12 行附近文件已损坏"; !strings.HasPrefix(p.status.Text, want) {
		t.Errorf("status: got %q, want %q…", p.status.Text, want)
	}
	if p.plan != nil || !p.confirm.Disabled() {
		t.Error("a damaged file left a plan to confirm")
	}
}
