package cli

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"branchledger/data"
)

// newDemoFile writes the example ledger with the command line's clock.
func newDemoFile(t *testing.T, r *cliRunner) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "demo.ledger")
	r.want(ExitOK, "demo", path)
	return path
}

func openXLSX(t *testing.T, path string) *excelize.File {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = f.Close() })
	return f
}

func TestExportAll(t *testing.T) {
	r := newCLI(t, "zh-Hans")
	ledger := newDemoFile(t, r)
	out := filepath.Join(t.TempDir(), "2026年报表.xlsx")
	stdout, _ := r.want(ExitOK, "export", ledger, "--year", "2026", "--out", out)
	want := "已导出 " + out + "：党员花名册、组织生活台账、考勤汇总、签到表、年度统计（身份证号、电话已隐去部分数字）\n"
	if stdout != want {
		t.Errorf("stdout %q, want %q", stdout, want)
	}
	f := openXLSX(t, out)
	if got, want := f.GetSheetList(), []string{"党员花名册", "组织生活台账", "考勤汇总（1月）", "考勤汇总（2月）", "考勤汇总（3月）",
		"考勤汇总（4月）", "考勤汇总（5月）", "考勤汇总（6月）", "考勤汇总（7月）", "考勤汇总（8月）", "考勤汇总（9月）", "考勤汇总（10月）",
		"考勤汇总（11月）", "考勤汇总（全年）", "签到表", "年度统计"}; !slices.Equal(got, want) {
		t.Errorf("sheets %v, want %v", got, want)
	}
	exps, err := openRead(t, ledger).Exports()
	if err != nil {
		t.Fatal(err)
	}
	if len(exps) != 1 || exps[0].FullIDs || exps[0].Year != 2026 || len(exps[0].Reports) != 5 || exps[0].File != out {
		t.Errorf("exports %+v, want one masked export of five reports to %s", exps, out)
	}
}

// TestExportChosenReports gives the flags after the ledger, the reports
// comma-separated, the session by date and full numbers.
func TestExportChosenReports(t *testing.T) {
	r := newCLI(t, "zh-Hans")
	ledger := newDemoFile(t, r)
	out := filepath.Join(t.TempDir(), "签到.xlsx")
	stdout, _ := r.want(ExitOK, "export", "--report", "signin, roster", "--full-ids", ledger, "--out", out, "--session", "2026-12-04")
	if !strings.Contains(stdout, "党员花名册、签到表（含完整身份证号、电话，请妥善保管）") {
		t.Errorf("stdout %q, want the two reports and the full-numbers warning", stdout)
	}
	f := openXLSX(t, out)
	if got := f.GetSheetList(); !slices.Equal(got, []string{"党员花名册", "签到表"}) {
		t.Errorf("sheets %v", got)
	}
	l := openRead(t, ledger)
	ms, err := l.Members()
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := f.GetCellValue("党员花名册", "F5"); got != ms[0].IDNumber {
		t.Errorf("roster F5 = %q, want the full number %q", got, ms[0].IDNumber)
	}
	if got, _ := f.GetCellValue("签到表", "B3"); got != "2026-12-04（星期五）" {
		t.Errorf("sign-in date %q, want 2026-12-04（星期五）", got)
	}
	exps, err := l.Exports()
	if err != nil {
		t.Fatal(err)
	}
	if len(exps) != 1 || !exps[0].FullIDs || !slices.Equal(exps[0].Reports, []string{"roster", "signin"}) {
		t.Errorf("exports %+v, want one full-numbers export of roster and signin", exps)
	}
}

func TestExportRefusals(t *testing.T) {
	r := newCLI(t, "zh-Hans")
	ledger := newDemoFile(t, r)
	dir := t.TempDir()
	busy := filepath.Join(dir, "busy.xlsx")
	if err := os.WriteFile(busy, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "~$busy.xlsx"), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out.xlsx")
	for _, tc := range []struct {
		name   string
		code   int
		args   []string
		stderr string
	}{
		{"no --out", ExitUsage, []string{"export", ledger}, "请用 --out 写明导出的 Excel 文件。"},
		{"unknown report", ExitUsage, []string{"export", ledger, "--out", out, "--report", "roster,payroll"}, "没有名为“payroll”的报表"},
		{"bad session", ExitUsage, []string{"export", ledger, "--out", out, "--session", "next friday"}, "不是活动编号，也不是日期"},
		{"no ledger", ExitRefused, []string{"export", filepath.Join(dir, "none.ledger"), "--out", out}, ""},
		{"no session that day", ExitRefused, []string{"export", ledger, "--out", out, "--report", "signin", "--session", "2026-12-27"}, "找不到签到表或会议记录对应的活动"},
		{"open in Excel", ExitRefused, []string{"export", ledger, "--out", busy}, "目标文件正被其他程序（如 Excel、WPS）打开"},
		{"minutes without a session", ExitRefused, []string{"export", ledger, "--out", out, "--report", "minutes"}, "找不到签到表或会议记录对应的活动"},
		{"unknown kind", ExitUsage, []string{"export", ledger, "--out", out, "--report", "minutes", "--session", "2026-11-27", "--kind", "picnic"}, "没有名为“picnic”的活动类型"},
		{"matrix by week", ExitUsage, []string{"export", ledger, "--out", out, "--matrix-by", "week"}, "考勤汇总只能按月（month）或按季度（quarter）分表"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, stderr := r.want(tc.code, tc.args...)
			if !strings.Contains(stderr, tc.stderr) {
				t.Errorf("stderr %q, want %q", stderr, tc.stderr)
			}
		})
	}
	if b, _ := os.ReadFile(busy); string(b) != "old" {
		t.Errorf("busy target now holds %q", b)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a refused export wrote its file")
	}
	if exps, _ := openRead(t, ledger).Exports(); len(exps) != 0 {
		t.Errorf("refused exports recorded: %+v", exps)
	}
}

// TestExportWordsInBothLanguages checks that every key the export uses has
// Chinese and English words.
func TestExportWordsInBothLanguages(t *testing.T) {
	zh, en := newCLI(t, "zh-Hans").words, newCLI(t, "en").words
	for _, k := range []string{"report.cli.need_out", "report.cli.bad_report", "report.cli.bad_session", "report.cli.done",
		"report.cli.flag.out", "report.cli.flag.report", "report.cli.flag.session", "report.cli.flag.full_ids",
		"report.error.target_busy", "report.error.target_read_only", "report.error.no_session", "report.error.unknown_report",
		"report.masked", "report.full_ids", "report.name.roster", "report.name.register", "report.name.matrix",
		"report.name.signin", "report.name.summary", "report.name.minutes", "report.cli.flag.kind", "report.cli.flag.matrix_by",
		"report.cli.bad_kind", "report.error.session_ambiguous", "report.error.matrix_by"} {
		if !zh.Has(k) || !en.Has(k) {
			t.Errorf("%s: zh %v, en %v", k, zh.Has(k), en.Has(k))
		}
	}
}

// TestExportAllWithoutSession exports "all" from a ledger with no session
// planned: four sheets, and the output says so.
func TestExportAllWithoutSession(t *testing.T) {
	r := newCLI(t, "zh-Hans")
	ledger := filepath.Join(t.TempDir(), "new.ledger")
	r.want(ExitOK, "new", ledger, "--branch", "新支部")
	out := filepath.Join(t.TempDir(), "r.xlsx")
	stdout, _ := r.want(ExitOK, "export", ledger, "--out", out)
	if !strings.Contains(stdout, "：党员花名册、组织生活台账、考勤汇总、年度统计（") {
		t.Errorf("stdout %q, want four reports", stdout)
	}
	if got := openXLSX(t, out).GetSheetList(); len(got) != 4 {
		t.Errorf("sheets %v, want four", got)
	}
}

// TestExportMinutesByDate exports the minutes of the demo's Noon Classroom
// of 2026-11-27 named by its date and kind, and the matrix by quarter.
func TestExportMinutesByDate(t *testing.T) {
	r := newCLI(t, "zh-Hans")
	ledger := newDemoFile(t, r)
	out := filepath.Join(t.TempDir(), "记录.xlsx")
	r.want(ExitOK, "export", ledger, "--out", out, "--report", "minutes,matrix", "--session", "2026-11-27",
		"--kind", "noon_classroom", "--matrix-by", "quarter")
	f := openXLSX(t, out)
	want := []string{"考勤汇总（第一季度）", "考勤汇总（第二季度）", "考勤汇总（第三季度）", "考勤汇总（第四季度）", "考勤汇总（全年）", "会议记录"}
	if got := f.GetSheetList(); !slices.Equal(got, want) {
		t.Errorf("sheets %v, want %v", got, want)
	}
	if got, _ := f.GetCellValue("会议记录", "A1"); got != "中共申江区市场监管局注册登记窗口支部委员会\n正午课堂会议记录" {
		t.Errorf("minutes title %q", got)
	}
	if got, _ := f.GetCellValue("会议记录", "B3"); !strings.HasPrefix(got, "2026-11-27（星期五）") {
		t.Errorf("minutes time %q, want 2026-11-27（星期五）…", got)
	}
}

// TestExportSessionDateAmbiguous: two sessions on 2026-11-27 (the demo's
// Noon Classroom and a committee meeting added here) need --kind; with it
// each gives its own minutes.
func TestExportSessionDateAmbiguous(t *testing.T) {
	r := newCLI(t, "zh-Hans")
	ledger := newDemoFile(t, r)
	l, err := data.Open(ledger, data.Options{Now: func() time.Time { return cliNow }, NoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := l.SaveSession(&data.Session{Kind: data.CommitteeMeeting, Theme: "支委会", Date: data.NewDate(2026, 11, 27)}); err != nil {
		t.Fatal(err)
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "记录.xlsx")
	_, stderr := r.want(ExitRefused, "export", ledger, "--out", out, "--report", "minutes", "--session", "2026-11-27")
	if !strings.Contains(stderr, "这一天有多次活动，请用 --kind 写明活动类型，或改用活动编号。") {
		t.Errorf("stderr %q", stderr)
	}
	r.want(ExitOK, "export", ledger, "--out", out, "--report", "minutes", "--session", "2026-11-27", "--kind", "committee_meeting")
	if got, _ := openXLSX(t, out).GetCellValue("会议记录", "B9"); got != "支委会" {
		t.Errorf("议题 %q, want 支委会", got)
	}
}
