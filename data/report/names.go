package report

import (
	"fmt"
	"path/filepath"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"branchledger/data"
)

// Problem codes of an export file name (field FieldFileName). The words
// for each are in assets/translations/windows.*.json.
const (
	FieldFileName = "file_name"

	ProblemNameEmpty    = "problem.file_name.empty"
	ProblemNameReserved = "problem.file_name.reserved" // Args: Name
	ProblemNameChar     = "problem.file_name.char"     // Args: Char
	ProblemNameControl  = "problem.file_name.control"
	ProblemNameTrailing = "problem.file_name.trailing"
	ProblemNameTooLong  = "problem.file_name.too_long"  // Args: Max, Got (UTF-16 units)
	ProblemPathTooLong  = "problem.file_name.path_long" // Args: Max, Got (characters)
)

// Limits of a name and a path, counted the way Windows counts them.
const (
	// MaxNameUnits is the longest file name NTFS and exFAT take, in UTF-16
	// code units (a Chinese character is one unit).
	MaxNameUnits = 255
	// MaxExcelPath is the longest full path Excel opens, in characters;
	// a longer one gives Excel's own "file name too long" error.
	MaxExcelPath = 218
)

// NameError is an export file name that Windows would refuse or misread
// (CON.xlsx, 报表:2026.xlsx, a name ending in a dot). Problem says why, in
// the codes above, for the user's language.
type NameError struct {
	Problem data.Problem
}

func (e *NameError) Error() string {
	return fmt.Sprintf("export file name: %s %v", e.Problem.Code, e.Problem.Args)
}

// reservedNames are device names: on Windows "CON.xlsx" opens the console,
// whatever the extension (Microsoft, "Naming Files, Paths, and
// Namespaces"). The superscript digits count as digits there.
var reservedNames = map[string]bool{"CON": true, "PRN": true, "AUX": true, "NUL": true, "CONIN$": true, "CONOUT$": true}

func isReserved(base string) bool {
	// Windows reads the part before the first dot, without trailing
	// spaces: "con .txt" and "nul.tar.gz" are devices too.
	if i := strings.IndexByte(base, '.'); i >= 0 {
		base = base[:i]
	}
	base = strings.ToUpper(strings.TrimRight(base, " "))
	if reservedNames[base] {
		return true
	}
	r := []rune(base)
	if len(r) == 4 && (string(r[:3]) == "COM" || string(r[:3]) == "LPT") {
		return strings.ContainsRune("123456789¹²³", r[3])
	}
	return false
}

// ExportName checks a file name for an export and returns it with ".xlsx"
// added when it does not end so (case ignored). It refuses, with a
// *NameError, a name that is empty, a Windows device name (CON, PRN, AUX,
// NUL, COM1–9, LPT1–9), one holding < > : " / \ | ? * or a control
// character (a colon would make an NTFS alternate data stream), one
// ending in a dot or a space (Windows drops them), and one longer than
// MaxNameUnits. The same rules apply on every system, so a file exported
// on Linux can be copied to a Windows PC.
func ExportName(name string) (string, error) {
	bad := func(code string, args map[string]any) (string, error) {
		return "", &NameError{data.Problem{Field: FieldFileName, Code: code, Args: args}}
	}
	if strings.TrimSpace(name) == "" {
		return bad(ProblemNameEmpty, nil)
	}
	for _, r := range name {
		switch {
		case r < 0x20 || r == 0x7f:
			return bad(ProblemNameControl, nil)
		case strings.ContainsRune(`<>:"/\|?*`, r):
			return bad(ProblemNameChar, map[string]any{"Char": string(r)})
		}
	}
	if strings.HasSuffix(name, ".") || strings.HasSuffix(name, " ") {
		return bad(ProblemNameTrailing, nil)
	}
	if !strings.HasSuffix(strings.ToLower(name), ".xlsx") {
		name += ".xlsx"
	}
	if strings.TrimSpace(name[:len(name)-len(".xlsx")]) == "" {
		return bad(ProblemNameEmpty, nil) // only ".xlsx"
	}
	if isReserved(name) {
		return bad(ProblemNameReserved, map[string]any{"Name": name})
	}
	if n := len(utf16.Encode([]rune(name))); n > MaxNameUnits {
		return bad(ProblemNameTooLong, map[string]any{"Max": MaxNameUnits, "Got": n})
	}
	return name, nil
}

// ExportPath joins dir and an export file name checked by ExportName
// (with ".xlsx" added when needed) and refuses, with a *NameError, a
// result longer than MaxExcelPath characters.
func ExportPath(dir, name string) (string, error) {
	name, err := ExportName(name)
	if err != nil {
		return "", err
	}
	full := filepath.Join(dir, name)
	if n := utf8.RuneCountInString(full); n > MaxExcelPath {
		return "", &NameError{data.Problem{Field: FieldFileName, Code: ProblemPathTooLong,
			Args: map[string]any{"Max": MaxExcelPath, "Got": n}}}
	}
	return full, nil
}
