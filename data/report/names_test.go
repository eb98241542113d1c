package report

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

// nameCases are export file names as a user might type them, with what
// ExportName must answer: the name to write, or the problem code.
var nameCases = []struct {
	in, want, code string
}{
	{"报表2026", "报表2026.xlsx", ""},
	{"报表2026.xlsx", "报表2026.xlsx", ""},
	{"报表2026.XLSX", "报表2026.XLSX", ""},
	{"第一支部 2026 年报表", "第一支部 2026 年报表.xlsx", ""},
	{"报表.xls", "报表.xls.xlsx", ""},
	{"console", "console.xlsx", ""},
	{"COM10", "COM10.xlsx", ""},
	{"LPT0", "LPT0.xlsx", ""},
	{"CONX.xlsx", "CONX.xlsx", ""},
	{"报表:2026.xlsx", "", ProblemNameChar},
	{"报表?.xlsx", "", ProblemNameChar},
	{`a\b`, "", ProblemNameChar},
	{"a/b", "", ProblemNameChar},
	{`"引号"`, "", ProblemNameChar},
	{"a<b>", "", ProblemNameChar},
	{"a|b", "", ProblemNameChar},
	{"a*", "", ProblemNameChar},
	{"a\tb", "", ProblemNameControl},
	{"a\x00b", "", ProblemNameControl},
	{"a\x7fb", "", ProblemNameControl},
	{"CON.xlsx", "", ProblemNameReserved},
	{"con", "", ProblemNameReserved},
	{"Nul.tar.xlsx", "", ProblemNameReserved},
	{"aux .xlsx", "", ProblemNameReserved},
	{"PRN", "", ProblemNameReserved},
	{"COM1", "", ProblemNameReserved},
	{"com9.xlsx", "", ProblemNameReserved},
	{"LPT5", "", ProblemNameReserved},
	{"COM¹", "", ProblemNameReserved},
	{"CONOUT$", "", ProblemNameReserved},
	{"报表.", "", ProblemNameTrailing},
	{"报表 ", "", ProblemNameTrailing},
	{"报表.xlsx.", "", ProblemNameTrailing},
	{"", "", ProblemNameEmpty},
	{"   ", "", ProblemNameEmpty},
	{".xlsx", "", ProblemNameEmpty},
	{" .XLSX", "", ProblemNameEmpty},
	{strings.Repeat("表", 250), strings.Repeat("表", 250) + ".xlsx", ""},
	{strings.Repeat("表", 251), "", ProblemNameTooLong},
	// 😀 is two UTF-16 units: 125 of them and .xlsx make 255.
	{strings.Repeat("😀", 125), strings.Repeat("😀", 125) + ".xlsx", ""},
	{strings.Repeat("😀", 126), "", ProblemNameTooLong},
}

func TestExportName(t *testing.T) {
	for _, tt := range nameCases {
		got, err := ExportName(tt.in)
		var ne *NameError
		switch {
		case tt.code == "" && err != nil:
			t.Errorf("ExportName(%q): error %v, want %q", tt.in, err, tt.want)
		case tt.code == "" && got != tt.want:
			t.Errorf("ExportName(%q) = %q, want %q", tt.in, got, tt.want)
		case tt.code != "" && !errors.As(err, &ne):
			t.Errorf("ExportName(%q) = %q, %v; want problem %s", tt.in, got, err, tt.code)
		case tt.code != "" && ne.Problem.Code != tt.code:
			t.Errorf("ExportName(%q): problem %s, want %s", tt.in, ne.Problem.Code, tt.code)
		case tt.code != "" && ne.Problem.Field != "file_name":
			t.Errorf("ExportName(%q): field %q, want file_name", tt.in, ne.Problem.Field)
		}
	}
}

func TestExportNameArgs(t *testing.T) {
	_, err := ExportName("报表:2026")
	var ne *NameError
	if !errors.As(err, &ne) || ne.Problem.Args["Char"] != ":" {
		t.Errorf("ExportName(报表:2026) = %v, want the colon named", err)
	}
	_, err = ExportName("con")
	if !errors.As(err, &ne) || ne.Problem.Args["Name"] != "con.xlsx" {
		t.Errorf("ExportName(con) = %v, want Name con.xlsx", err)
	}
	_, err = ExportName(strings.Repeat("表", 300))
	if !errors.As(err, &ne) || ne.Problem.Args["Got"] != 305 || ne.Problem.Args["Max"] != 255 {
		t.Errorf("ExportName(300 表) = %v, want Got 305, Max 255", err)
	}
}

func TestExportPath(t *testing.T) {
	dir := "/home/张三/文档"
	got, err := ExportPath(dir, "报表")
	if err != nil || got != "/home/张三/文档/报表.xlsx" {
		t.Errorf("ExportPath = %q, %v; want /home/张三/文档/报表.xlsx", got, err)
	}
	if _, err := ExportPath(dir, "CON"); err == nil {
		t.Error("ExportPath(CON) accepted a device name")
	}
	// /home/张三/文档/ is 12 characters; a 201-character name and .xlsx
	// make 218, the most Excel opens; one more is refused.
	name := strings.Repeat("表", 201)
	if got, err := ExportPath(dir, name); err != nil || utf8.RuneCountInString(got) != 218 {
		t.Errorf("ExportPath(201 表) = %d characters, %v; want 218, nil", utf8.RuneCountInString(got), err)
	}
	_, err = ExportPath(dir, name+"表")
	var ne *NameError
	if !errors.As(err, &ne) || ne.Problem.Code != ProblemPathTooLong || ne.Problem.Args["Got"] != 219 {
		t.Errorf("ExportPath(202 表) = %v, want %s with Got 219", err, ProblemPathTooLong)
	}
}

// FuzzExportName checks that an accepted name is one Windows keeps as
// typed: no forbidden or control character, no trailing dot or space, an
// .xlsx ending, and the input itself at its start.
func FuzzExportName(f *testing.F) {
	for _, tt := range nameCases {
		f.Add(tt.in)
	}
	f.Fuzz(func(t *testing.T, in string) {
		got, err := ExportName(in)
		if err != nil {
			var ne *NameError
			if !errors.As(err, &ne) || ne.Problem.Code == "" {
				t.Fatalf("ExportName(%q): error %v is not a NameError with a code", in, err)
			}
			return
		}
		if !strings.HasPrefix(got, in) || !strings.HasSuffix(strings.ToLower(got), ".xlsx") {
			t.Fatalf("ExportName(%q) = %q: not the input with .xlsx", in, got)
		}
		for _, r := range got {
			if r < 0x20 || strings.ContainsRune(`<>:"/\|?*`, r) {
				t.Fatalf("ExportName(%q) = %q keeps %q", in, got, r)
			}
		}
		up := strings.ToUpper(got)
		for _, dev := range []string{"CON.", "PRN.", "AUX.", "NUL.", "COM1.", "LPT1."} {
			if strings.HasPrefix(up, dev) {
				t.Fatalf("ExportName(%q) = %q, a device name", in, got)
			}
		}
	})
}
