package app

import (
	"bytes"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// checkFonts warns, once per start, when the machine has no Chinese font.
// Fyne (≥ 2.5) draws CJK text with a system font found by fallback; with
// none, every Chinese word is a row of boxes. The warning is written in
// English as well, since its Chinese half may be exactly what cannot be
// drawn. (FYNE_FONT pointing at a .ttc collection crashes Fyne, so the fix
// is a package, not that variable.)
func (s *shell) checkFonts() {
	run(s.run, func() (bool, error) {
		return cjkFontMissing(runtime.GOOS), nil
	}, func(missing bool, _ error) {
		if !missing {
			return
		}
		l := widget.NewLabel(lang.L("fonts.missing"))
		l.Wrapping = fyne.TextWrapWord
		d := dialog.NewCustom(lang.L("fonts.missing_title"), lang.L("fonts.ok"), l, s.win)
		d.Resize(fyne.NewSize(560, 260))
		d.Show()
	})
}

// cjkFontMissing reports whether no Chinese font can be found. Windows and
// macOS always ship one. Elsewhere it asks fontconfig (fc-list :lang=zh)
// and, without fontconfig, looks for the usual font files.
func cjkFontMissing(goos string) bool {
	if goos == "windows" || goos == "darwin" {
		return false
	}
	if out, err := exec.Command("fc-list", ":lang=zh", "family").Output(); err == nil {
		return len(bytes.TrimSpace(out)) == 0
	}
	dirs := []string{"/usr/share/fonts", "/usr/local/share/fonts"}
	if home, err := os.UserHomeDir(); err == nil {
		dirs = append(dirs, filepath.Join(home, ".local", "share", "fonts"), filepath.Join(home, ".fonts"))
	}
	for _, d := range dirs {
		if hasCJKFontFile(d) {
			return false
		}
	}
	return true
}

// hasCJKFontFile reports whether dir holds a font file whose name marks it
// as Chinese (Noto CJK, Source Han, WenQuanYi, Droid fallback, AR PL).
func hasCJKFontFile(dir string) bool {
	found := false
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || found {
			return filepath.SkipDir // unreadable folder, or done
		}
		n := strings.ToLower(d.Name())
		for _, mark := range []string{"cjk", "sourcehan", "wqy", "wenquanyi", "droidsansfallback", "uming", "ukai", "notosanssc", "notoserifsc", "simsun", "simhei"} {
			if strings.Contains(n, mark) {
				found = true
				return filepath.SkipAll
			}
		}
		return nil
	}) // a walk error only means the folder is not there
	return found
}
