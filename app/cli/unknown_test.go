package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestIsVerb(t *testing.T) {
	dir := t.TempDir()
	ledger := filepath.Join(dir, "支部.ledger")
	if err := os.WriteFile(ledger, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		args []string
		want bool
	}{
		{nil, false},
		{[]string{ledger}, false},
		{[]string{dir}, false}, // an existing folder: the window says what is wrong
		{[]string{"export", ledger}, true},
		{[]string{"--help"}, true},
		{[]string{"exprot", ledger}, true},
		{[]string{"archive"}, true},
		{[]string{filepath.Join(dir, "没有.ledger")}, false}, // the window says it is missing
		{[]string{filepath.Join(dir, "没有", "台账")}, true},
	}
	for _, tt := range tests {
		if got := IsVerb(tt.args); got != tt.want {
			t.Errorf("IsVerb(%q) = %v, want %v", tt.args, got, tt.want)
		}
	}
}

func TestUnknownVerb(t *testing.T) {
	r := newCLI(t, "zh-Hans")
	out, errOut := r.want(ExitUsage, "exprot", "a.ledger", "--out", "b.xlsx")
	if out != "" {
		t.Errorf("stdout %q, want nothing", out)
	}
	lines := strings.Split(errOut, "\n")
	if lines[0] != "没有“exprot”这个命令（也没有叫这个名字的文件）。" || lines[1] != "是不是要用 export？" {
		t.Errorf("stderr starts %q, want the unknown command and the suggestion", lines[:2])
	}
	for _, verb := range []string{"new", "demo", "check", "backup", "restore", "stats", "import", "export"} {
		if !strings.Contains(errOut, "  branchledger "+verb+" ") {
			t.Errorf("stderr lacks the verb %s:\n%s", verb, errOut)
		}
	}

	_, errOut = r.want(ExitUsage, "zzzzzz")
	if strings.Contains(errOut, "是不是") {
		t.Errorf("a word far from every verb got a suggestion:\n%s", errOut)
	}

	en := newCLI(t, "en")
	_, errOut = en.want(ExitUsage, "Stat")
	if !strings.HasPrefix(errOut, "There is no command “Stat” (and no file of that name).\nDid you mean stats?\n") {
		t.Errorf("English stderr %q", errOut)
	}
}

func TestMissingFileArgument(t *testing.T) {
	r := newCLI(t, "zh-Hans")
	missing := filepath.Join(t.TempDir(), "没有", "台账")
	_, errOut := r.want(ExitUsage, missing)
	want := "找不到台账文件“" + missing + "”。请检查路径，或用 new 新建台账。\n"
	if errOut != want {
		t.Errorf("stderr %q, want %q", errOut, want)
	}
}

func TestNearestVerb(t *testing.T) {
	tests := []struct{ word, want string }{
		{"exprot", "export"},
		{"EXPORT", "export"},
		{"stat", "stats"},
		{"bakup", "backup"},
		{"chek", "check"},
		{"demos", "demo"},
		{"improt", "import"},
		{"archive", ""},
		{"x", ""},
		{"导出", ""},
	}
	for _, tt := range tests {
		if got := nearestVerb(tt.word); got != tt.want {
			t.Errorf("nearestVerb(%q) = %q, want %q", tt.word, got, tt.want)
		}
	}
}

// TestExportFileNames checks the name rules of --out: .xlsx added, a
// Windows device name or a colon refused in Chinese before the ledger is
// touched.
func TestExportFileNames(t *testing.T) {
	r := newCLI(t, "zh-Hans")
	ledger := newDemoFile(t, r)
	dir := t.TempDir()
	out, _ := r.want(ExitOK, "export", ledger, "--report", "roster", "--out", filepath.Join(dir, "花名册"))
	want := filepath.Join(dir, "花名册.xlsx")
	if !strings.Contains(out, want) {
		t.Errorf("stdout %q, want it to name %s", out, want)
	}
	if _, err := os.Stat(want); err != nil {
		t.Errorf("the export with .xlsx added: %v", err)
	}
	before := sum(t, ledger)
	for _, tt := range []struct{ name, want string }{
		{"CON", "文件名：“CON.xlsx”是 Windows 保留的设备名，不能用作文件名，请换一个名字\n"},
		{"报表:2026.xlsx", "文件名：不能含有“:”；文件名里不能用 < > : \" / \\ | ? * 这些符号\n"},
		{"报表.", "文件名：不能以句点或空格结尾（Windows 会把它们去掉）\n"},
	} {
		_, errOut := r.want(ExitUsage, "export", ledger, "--out", filepath.Join(dir, tt.name))
		if errOut != tt.want {
			t.Errorf("--out %s: stderr %q, want %q", tt.name, errOut, tt.want)
		}
	}
	if sum(t, ledger) != before {
		t.Error("a refused export name changed the ledger")
	}
	ents, err := os.ReadDir(dir)
	if err != nil || len(ents) != 1 {
		t.Errorf("the folder holds %d entries (%v), want only 花名册.xlsx", len(ents), err)
	}
}
