package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"branchledger/app/msg"
	"branchledger/data"
)

const rosterFixtures = "../../testdata/rosters"

var importNow = time.Date(2026, 11, 29, 10, 0, 0, 0, time.Local)

// importEnv runs verbs in Chinese with a fixed clock.
func importEnv(t *testing.T) (*Env, *bytes.Buffer, *bytes.Buffer) {
	t.Helper()
	words, err := msg.Load("zh-Hans")
	if err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	return &Env{Out: &out, Err: &errOut, Words: words, Now: func() time.Time { return importNow }}, &out, &errOut
}

// newImportLedger creates an empty ledger file and returns its path.
func newImportLedger(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "branch.ledger")
	l, err := data.Create(path, data.Branch{Name: "测试支部"}, data.Options{Now: func() time.Time { return importNow }, NoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

func memberCount(t *testing.T, path string) int {
	t.Helper()
	l, err := data.Open(path, data.Options{ReadOnly: true, NoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	ms, err := l.Members()
	if err != nil {
		t.Fatal(err)
	}
	return len(ms)
}

func TestImportRefusesWholeFileWithoutSkipBad(t *testing.T) {
	ledger := newImportLedger(t)
	e, out, _ := importEnv(t)
	code := e.Run([]string{"import", ledger, filepath.Join(rosterFixtures, "roster-problems.xlsx")})
	if code != ExitRefused {
		t.Errorf("exit code: got %d, want %d", code, ExitRefused)
	}
	if n := memberCount(t, ledger); n != 0 {
		t.Errorf("members after a refused import: got %d, want 0", n)
	}
	for _, want := range []string{
		"有问题 8 行",
		"Sheet1 第 3 行 D 列（身份证号）：公民身份号码校验位不对",
		"Sheet1 第 9 行 D 列（身份证号）：与第 2 行重复",
		"没有导入任何党员",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q; got:\n%s", want, out)
		}
	}
}

func TestImportSkipBadJSON(t *testing.T) {
	ledger := newImportLedger(t)
	e, out, _ := importEnv(t)
	// Flags may stand anywhere, before or after the files.
	code := e.Run([]string{"import", "--json", ledger, filepath.Join(rosterFixtures, "roster-problems.xlsx"), "--skip-bad"})
	if code != ExitOK {
		t.Fatalf("exit code: got %d, want 0", code)
	}
	var got importJSON
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out)
	}
	if got.Added != 10 || got.Updated != 0 {
		t.Errorf("added, updated: got %d, %d, want 10, 0", got.Added, got.Updated)
	}
	rows := map[int]bool{}
	for _, r := range got.Refused {
		rows[r.Row] = true
		if r.Sheet != "Sheet1" || r.Column == "" || r.Message == "" {
			t.Errorf("refused entry incomplete: %+v", r)
		}
		if r.Row == 9 && r.Column == "D" && r.Message != "与第 2 行重复" {
			t.Errorf("row 9 D message: got %q, want %q", r.Message, "与第 2 行重复")
		}
	}
	for _, want := range []int{3, 5, 7, 9, 11, 13, 15, 17} {
		if !rows[want] {
			t.Errorf("row %d not among the refused rows %v", want, rows)
		}
	}
	if len(rows) != 8 {
		t.Errorf("refused rows: got %d, want 8", len(rows))
	}
	if n := memberCount(t, ledger); n != 10 {
		t.Errorf("members: got %d, want 10", n)
	}
}

func TestImportDryRunAndReimport(t *testing.T) {
	ledger := newImportLedger(t)
	file := filepath.Join(rosterFixtures, "roster-clean.xlsx")
	e, out, _ := importEnv(t)
	if code := e.Run([]string{"import", ledger, file, "--dry-run"}); code != ExitOK {
		t.Fatalf("dry run exit code: got %d, want 0", code)
	}
	if n := memberCount(t, ledger); n != 0 {
		t.Errorf("members after a dry run: got %d, want 0", n)
	}
	if !strings.Contains(out.String(), "新增 14 名") || !strings.Contains(out.String(), "未写入台账") {
		t.Errorf("dry run output: got\n%s", out)
	}
	for i, want := range []importJSON{{Added: 14}, {Unchanged: 14}} {
		e, out, _ := importEnv(t)
		if code := e.Run([]string{"import", ledger, file, "--json"}); code != ExitOK {
			t.Fatalf("import %d exit code: got %d, want 0", i+1, code)
		}
		var got importJSON
		if err := json.Unmarshal(out.Bytes(), &got); err != nil {
			t.Fatal(err)
		}
		if got.Added != want.Added || got.Updated != want.Updated || got.Unchanged != want.Unchanged {
			t.Errorf("import %d: got %+v, want %+v", i+1, got, want)
		}
	}
	if n := memberCount(t, ledger); n != 14 {
		t.Errorf("members after importing twice: got %d, want 14", n)
	}
}

func TestImportErrors(t *testing.T) {
	ledger := newImportLedger(t)
	notXLSX := filepath.Join(t.TempDir(), "roster.xlsx")
	if err := os.WriteFile(notXLSX, []byte("姓名,身份证号\n张三,1\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"one file only", []string{"import", ledger}, ExitUsage, ""},
		{"unknown flag", []string{"import", ledger, notXLSX, "--force"}, ExitUsage, ""},
		{"not a workbook", []string{"import", ledger, notXLSX}, ExitRefused, "不是 Excel 工作簿"},
		{"missing roster", []string{"import", ledger, filepath.Join(t.TempDir(), "none.xlsx")}, ExitRefused, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, _, errOut := importEnv(t)
			if code := e.Run(tt.args); code != tt.code {
				t.Errorf("exit code: got %d, want %d", code, tt.code)
			}
			if !strings.Contains(errOut.String(), tt.want) {
				t.Errorf("stderr: got %q, want it to contain %q", errOut, tt.want)
			}
		})
	}
}
