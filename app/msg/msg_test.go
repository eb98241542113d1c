package msg

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"branchledger/data"
)

func load(t *testing.T, lang string) *Catalog {
	t.Helper()
	c, err := Load(lang)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.messages) < 100 {
		t.Fatalf("Load(%q) read %d messages, want the whole catalog", lang, len(c.messages))
	}
	return c
}

// TestCatalogsMatch checks that Chinese and English name the same keys, so
// no screen falls back to a raw key in either language.
func TestCatalogsMatch(t *testing.T) {
	zh, en := load(t, "zh-Hans"), load(t, "en")
	for k := range zh.messages {
		if !en.Has(k) {
			t.Errorf("key %q is in zh-Hans but not in en", k)
		}
	}
	for k := range en.messages {
		if !zh.Has(k) {
			t.Errorf("key %q is in en but not in zh-Hans", k)
		}
	}
}

// keysIn returns the string literals matching re in the Go files under dir
// (tests excluded).
func keysIn(t *testing.T, dir string, re *regexp.Regexp) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, m := range re.FindAllStringSubmatch(string(b), -1) {
			out[m[1]] = path
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestEveryCodeHasWords checks that every problem and check code data/
// can return, and every literal key the windows and the command line ask
// for, has words in both languages.
func TestEveryCodeHasWords(t *testing.T) {
	codes := keysIn(t, "../../data", regexp.MustCompile(`"((?:problem|check)\.[a-z_.]+)"`))
	if len(codes) < 20 {
		t.Fatalf("found %d problem codes in data/, want the full set", len(codes))
	}
	uiKeys := keysIn(t, "..", regexp.MustCompile(`lang\.L\("([a-z][a-z0-9_]*\.[a-z0-9_.]+)"\s*[,)]`))
	if len(uiKeys) < 50 {
		t.Fatalf("found %d lang.L keys in app/, want many", len(uiKeys))
	}
	cliKeys := keysIn(t, "../cli", regexp.MustCompile(`Words\.T\("([a-z][a-z0-9_]*\.[a-z0-9_.]+)"\s*[,)]`))
	for _, lang := range []string{"zh-Hans", "en"} {
		c := load(t, lang)
		var missing []string
		for _, set := range []map[string]string{codes, uiKeys, cliKeys} {
			for k, where := range set {
				if !c.Has(k) {
					missing = append(missing, fmt.Sprintf("%s (%s)", k, where))
				}
			}
		}
		sort.Strings(missing)
		for _, m := range missing {
			t.Errorf("%s: no message for %s", lang, m)
		}
	}
}

// TestReadOnlyKey: a ledger left read-only for want of its upgrade's
// backup says so; any other reason is the file or disk.
func TestReadOnlyKey(t *testing.T) {
	for _, tc := range []struct {
		why  error
		want string
	}{
		{fmt.Errorf("x.ledger: schema 3: %w: %w", data.ErrUpgradeNeedsBackup, os.ErrPermission), "read_only.upgrade"},
		{fmt.Errorf("open x.ledger: %w", os.ErrPermission), "read_only.media"},
	} {
		if got := ReadOnlyKey(tc.why); got != tc.want {
			t.Errorf("ReadOnlyKey(%v) = %q, want %q", tc.why, got, tc.want)
		}
	}
}

func TestForError(t *testing.T) {
	tests := []struct {
		err  error
		want string
	}{
		{fmt.Errorf("x.ledger: %w", data.ErrLocked), "error.locked"},
		{fmt.Errorf("x.ledger: %w: truncated", data.ErrNotLedger), "error.not_ledger"},
		{data.ErrNewerVersion, "error.newer_version"},
		{data.ErrOlderVersion, "error.older_version"},
		{fmt.Errorf("backup b.ledger: %w: %w", data.ErrBackupDamaged, data.ErrDamaged), "error.backup_damaged"},
		{fmt.Errorf("x.ledger: schema 3: %w: %w", data.ErrUpgradeNeedsBackup, os.ErrPermission), "error.upgrade_needs_backup"},
		{data.ErrExists, "error.exists"},
		{fmt.Errorf("member: %w", data.ErrNotFound), "error.not_found"},
		{os.ErrNotExist, "error.not_found"},
		{data.ErrSessionClosed, "error.session_closed"},
		{data.ErrDuplicateID, "error.duplicate_id"},
		{fmt.Errorf("member: %w", data.ErrStale), "error.stale"},
		{&data.ValidationError{Problems: []data.Problem{{Field: data.FieldName, Code: data.ProblemRequired}}}, "error.invalid"},
		{errors.New("disk full"), "error.other"},
	}
	for _, tt := range tests {
		if got := ForError(tt.err).Key; got != tt.want {
			t.Errorf("ForError(%v) = %q, want %q", tt.err, got, tt.want)
		}
	}
}

func TestRender(t *testing.T) {
	zh, en := load(t, "zh-Hans"), load(t, "en")
	ve := &data.ValidationError{Problems: []data.Problem{
		{Field: data.FieldIDNumber, Code: data.ProblemIDChecksum},
		{Field: data.FieldPhone, Code: data.ProblemPhone, Args: map[string]any{"Digits": 10}},
	}}
	tests := []struct {
		c    *Catalog
		got  string
		want string
	}{
		{zh, zh.Error(ve), "有 2 处需要修改：公民身份号码：公民身份号码校验位不对，请核对是否录入有误"},
		{en, en.Error(ve), "2 things need fixing: ID number: the ID number's check digit is wrong; please check it"},
		{zh, zh.Problem(ve.Problems[1]), "联系电话：手机号码应为 11 位（现为 10 位），座机请写成 021-12345678"},
		{zh, zh.Error(fmt.Errorf("a: %w", data.ErrLocked)), zh.T("error.locked", nil)},
		{zh, zh.T("no.such.key", nil), "no.such.key"},
		{zh, zh.Error(errors.New("disk full")), "操作没有完成：disk full"},
	}
	for i, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%d (%s): got %q, want %q", i, tt.c.Lang(), tt.got, tt.want)
		}
	}
	if strings.Contains(zh.T("error.locked", nil), "{{") {
		t.Error("untemplated placeholder in error.locked")
	}
}

func TestDetectLang(t *testing.T) {
	tests := []struct{ lcAll, lang, want string }{
		{"", "zh_CN.UTF-8", "zh-Hans"},
		{"", "en_US.UTF-8", "en"},
		{"en_GB.UTF-8", "zh_CN.UTF-8", "en"},
		{"", "", "zh-Hans"},
	}
	for _, tt := range tests {
		t.Setenv("LC_ALL", tt.lcAll)
		t.Setenv("LC_MESSAGES", "")
		t.Setenv("LANG", tt.lang)
		if got := DetectLang(); got != tt.want {
			t.Errorf("DetectLang() with LC_ALL=%q LANG=%q = %q, want %q", tt.lcAll, tt.lang, got, tt.want)
		}
	}
}
