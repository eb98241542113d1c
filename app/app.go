// Package app is Branch Ledger's desktop window: the shell with its
// navigation and menu, and one file per screen. It talks to the ledger only
// through data/, and does long work off the UI goroutine.
package app

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/lang"

	_ "branchledger/app/langenv" // before Fyne reads the locale
	"branchledger/app/winsys"
	"branchledger/assets"
)

// The window's first size fits a 1024×600 screen with its task bar and
// title bar; every screen's minimum size fits it too (TestScreensFitSmallScreen).
const (
	defaultWinWidth  = 1000
	defaultWinHeight = 540
)

// AppID is the application ID of FyneApp.toml; preferences live under it.
const AppID = "cn.branchledger.app"

// Preference keys.
const (
	prefLastLedger = "ledger.last"
	prefWinWidth   = "window.width"
	prefWinHeight  = "window.height"
)

// DataDir returns the folder where the default ledger lives: %APPDATA% on
// Windows, ~/Library/Application Support on macOS, $XDG_DATA_HOME (or
// ~/.local/share) elsewhere, each with a "BranchLedger" folder.
func DataDir() (string, error) {
	var base string
	switch runtime.GOOS {
	case "windows", "darwin":
		d, err := os.UserConfigDir()
		if err != nil {
			return "", err
		}
		base = d
	default:
		base = os.Getenv("XDG_DATA_HOME")
		if base == "" {
			home, err := os.UserHomeDir()
			if err != nil {
				return "", err
			}
			base = filepath.Join(home, ".local", "share")
		}
	}
	return filepath.Join(base, "BranchLedger"), nil
}

// DefaultLedgerPath is the ledger opened when none is named or remembered.
func DefaultLedgerPath() (string, error) {
	dir, err := DataDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "支部台账.ledger"), nil
}

// loadTranslations registers the program's translation files with Fyne.
func loadTranslations() error {
	return lang.AddTranslationsFS(assets.Translations, "translations")
}

// Run starts the window on the ledger named in args, else the last one
// used, else the default ledger; with none of them present it shows the
// welcome screen. The window comes back at the size it was closed at. It
// returns the process exit code: ExitNoWindow, after telling the user why
// (a message box on Windows), when no window can be made.
func Run(args []string) int {
	return start(args, osWindowSystem())
}

func start(args []string, ws windowSystem) int {
	if err := ws.probe(); err != nil {
		ws.explainFailure(err)
		return ExitNoWindow
	}
	a := fyneapp.NewWithID(AppID)
	if err := loadTranslations(); err != nil {
		fyne.LogError("loading translations", err)
	}
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	a.Settings().SetTheme(newFocusTheme()) // a focus ring people can see (keys.go)
	w := a.NewWindow(lang.L("app.name"))
	w.Resize(fyne.NewSize(
		float32(a.Preferences().FloatWithFallback(prefWinWidth, defaultWinWidth)),
		float32(a.Preferences().FloatWithFallback(prefWinHeight, defaultWinHeight))))
	w.SetMaster()
	s := newShell(a, w, newRunner(w))
	w.SetCloseIntercept(s.quit)
	w.SetMainMenu(s.mainMenu())
	path := ""
	if len(args) > 0 {
		path = args[0]
	} else if last := a.Preferences().String(prefLastLedger); last != "" && fileExists(last) {
		path = last
	} else if def, err := DefaultLedgerPath(); err == nil && fileExists(def) {
		path = def
	}
	if path != "" {
		s.openLedger(path)
	} else {
		s.showWelcome()
	}
	s.checkFonts()
	return s.runWindow(ws, func() {
		w.Show()
		if !windowMade(w) {
			panic(&winsys.WindowError{Cause: "the window was not created"})
		}
		a.Run()
	})
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return !errors.Is(err, os.ErrNotExist)
}
