package app

import (
	"runtime"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
	"github.com/go-text/typesetting/fontscan"
)

// commonChinese are characters on every screen; a font covering them all
// covers the program's Chinese.
const commonChinese = "支部台账党员会议出席请假缺席统计设置导出"

// checkFonts warns, once per start and on every system, when no font on
// the machine draws Chinese: Fyne (≥ 2.5) draws CJK text with a system
// font found by fallback, and with none every Chinese word is a row of
// boxes. The warning is written in English as well, since its Chinese
// half may be exactly what cannot be drawn, and gives the fix for this
// system. (FYNE_FONT pointing at a .ttc collection crashes Fyne, so the
// fix is a font package, not that variable.)
func (s *shell) checkFonts() {
	run(s.run, func() (bool, error) {
		fm := fontscan.NewFontMap(quietLog{})
		if err := fm.UseSystemFonts(""); err != nil {
			return true, nil // no font index at all: Fyne has no fallback either
		}
		return len(missingRunes(fm, commonChinese)) > 0, nil
	}, func(missing bool, _ error) {
		if !missing {
			return
		}
		l := widget.NewLabel(lang.L(fontFixKey(runtime.GOOS)))
		l.Wrapping = fyne.TextWrapWord
		d := dialog.NewCustom(lang.L("fonts.missing_title"), lang.L("fonts.ok"), l, s.win)
		d.Resize(fyne.NewSize(560, 300))
		d.Show()
	})
}

// missingRunes returns the characters of s that no font of fm draws. It
// asks the font index Fyne itself falls back on (go-text fontscan, over
// the system font folders: C:\Windows\Fonts, /System/Library/Fonts,
// /usr/share/fonts …), so the answer is what the window will show.
// fontscan returns some face even for a character none covers, so the
// face's own glyph table decides.
func missingRunes(fm *fontscan.FontMap, s string) []rune {
	fm.SetQuery(fontscan.Query{Families: []string{fontscan.SansSerif}})
	var out []rune
	for _, r := range s {
		f := fm.ResolveFace(r)
		if f == nil {
			out = append(out, r)
			continue
		}
		if _, ok := f.NominalGlyph(r); !ok {
			out = append(out, r)
		}
	}
	return out
}

// fontFixKey is the message with the fix for goos.
func fontFixKey(goos string) string {
	switch goos {
	case "windows", "darwin":
		return "fonts.missing." + goos
	}
	return "fonts.missing"
}

// quietLog drops fontscan's notes about each font it falls back through.
type quietLog struct{}

func (quietLog) Printf(string, ...any) {}
