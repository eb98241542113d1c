package app

import (
	"bytes"
	"os"
	"testing"

	"fyne.io/fyne/v2/theme"
	"github.com/go-text/typesetting/fontscan"
)

func addFont(t *testing.T, fm *fontscan.FontMap, name string, b []byte) {
	t.Helper()
	if err := fm.AddFont(bytes.NewReader(b), name, ""); err != nil {
		t.Fatalf("adding %s: %v", name, err)
	}
}

// TestMissingRunes checks the font check against real fonts: Fyne's own
// Latin font draws no Chinese, a Chinese font draws what it covers.
func TestMissingRunes(t *testing.T) {
	fm := fontscan.NewFontMap(quietLog{})
	addFont(t, fm, "NotoSans-Regular.ttf", theme.DefaultTextFont().Content())
	if got := string(missingRunes(fm, "支部a党员")); got != "支部党员" {
		t.Errorf("with a Latin font only, missing %q, want 支部党员", got)
	}

	cjk, err := os.ReadFile("testdata/NotoSansSC-subset.otf")
	if err != nil {
		t.Fatal(err)
	}
	addFont(t, fm, "NotoSansSC-subset.otf", cjk)
	if got := missingRunes(fm, commonChinese); len(got) != 0 {
		t.Errorf("with a Chinese font, missing %q, want none", string(got))
	}
	// The subset has only those characters: others are still missing.
	if got := string(missingRunes(fm, "支甲")); got != "甲" {
		t.Errorf("missing %q, want 甲", got)
	}
}

func TestFontFixKey(t *testing.T) {
	for goos, want := range map[string]string{
		"windows": "fonts.missing.windows",
		"darwin":  "fonts.missing.darwin",
		"linux":   "fonts.missing",
		"freebsd": "fonts.missing",
	} {
		if got := fontFixKey(goos); got != want {
			t.Errorf("fontFixKey(%q) = %q, want %q", goos, got, want)
		}
	}
}
