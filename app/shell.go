package app

import (
	"os"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"branchledger/data"
)

// screen is one page of the main window. content is built once; shown is
// called each time the user navigates to it, to reload what may have
// changed elsewhere.
type screen interface {
	content() fyne.CanvasObject
	shown()
}

// page describes one entry of the navigation on the left.
type page struct {
	key   string // translation key and page name
	icon  fyne.Resource
	build func(s *shell) screen
}

// navPages returns the navigation entries, in order. (A function, not a
// variable: theme icons need a running app.)
func navPages() []page {
	return []page{
		{"nav.overview", theme.HomeIcon(), newOverviewScreen},
		{"nav.members", theme.AccountIcon(), newMembersScreen},
		{"nav.sessions", theme.CalendarIcon(), newSessionsScreen},
		{"nav.checkin", theme.ConfirmIcon(), newCheckinScreen},
		{"nav.stats", theme.GridIcon(), newStatsScreen},
		{"nav.excel", theme.DocumentIcon(), newExcelScreen},
		{"nav.settings", theme.SettingsIcon(), newSettingsScreen},
	}
}

// shell is the main window: navigation, the current screen, the menu, and
// the open ledger.
type shell struct {
	app    fyne.App
	win    fyne.Window
	ledger *data.Ledger
	run    *runner // all background work of the window and its screens

	pages   []page
	nav     *widget.List
	body    *fyne.Container
	screens map[string]screen
	current string
	// navIndex is the selected navigation entry, -1 before the first.
	navIndex int
	welcome  *welcomeScreen // the first-run page while no ledger is open
}

// newShell returns the shell of window w, running background work
// through r (newRunner(w) in the program, newTestRunner(w) in tests).
func newShell(a fyne.App, w fyne.Window, r *runner) *shell {
	installKeys(w) // Enter and Escape in every dialog (keys.go)
	return &shell{app: a, win: w, run: r, screens: map[string]screen{}, pages: navPages()}
}

// setLedger makes l the shell's ledger and shows the main layout on the
// overview page.
func (s *shell) setLedger(l *data.Ledger) {
	s.ledger = l
	s.welcome = nil
	s.screens = map[string]screen{}
	s.nav = widget.NewList(
		func() int { return len(s.pages) },
		func() fyne.CanvasObject {
			return container.NewHBox(widget.NewIcon(theme.HomeIcon()), widget.NewLabel("导航项目"))
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			row := o.(*fyne.Container)
			row.Objects[0].(*widget.Icon).SetResource(s.pages[i].icon)
			row.Objects[1].(*widget.Label).SetText(lang.L(s.pages[i].key))
		})
	s.body = container.NewStack()
	s.navIndex, s.current = -1, ""
	s.nav.OnSelected = func(i widget.ListItemID) {
		s.navIndex = i
		s.show(s.pages[i].key)
	}
	split := container.NewHSplit(s.nav, s.body)
	split.SetOffset(0.16)
	s.win.SetContent(split)
	s.win.SetMainMenu(s.mainMenu())
	s.updateTitle()
	s.nav.Select(0)
}

// adoptLedger makes a freshly opened or created ledger the shell's,
// remembers it for the next start, and tells the user when the automatic
// backup failed.
func (s *shell) adoptLedger(l *data.Ledger) {
	s.closeLedger()
	s.app.Preferences().SetString(prefLastLedger, l.Path())
	s.setLedger(l)
	if berr := l.BackupProblem(); berr != nil {
		showError(berr, s.win) // the ledger works; the user should still know
	}
}

// show switches to the named page ("nav.members"), building it on first use.
func (s *shell) show(key string) {
	idx := -1
	for i, p := range s.pages {
		if p.key == key {
			idx = i
		}
	}
	if idx < 0 {
		return
	}
	if s.nav != nil && s.navIndex != idx {
		// Selecting the entry calls back into show through OnSelected, once.
		s.nav.Select(idx)
		return
	}
	sc, ok := s.screens[key]
	if !ok {
		sc = s.pages[idx].build(s)
		s.screens[key] = sc
	}
	if s.current != key {
		s.current = key
		s.body.Objects = []fyne.CanvasObject{sc.content()}
		s.body.Refresh()
	}
	sc.shown()
}

// updateTitle puts the branch name in the window title.
func (s *shell) updateTitle() {
	title := lang.L("app.name")
	if s.ledger != nil {
		if b, err := s.ledger.Branch(); err == nil && b.Name != "" {
			title = b.Name + " — " + title
		}
	}
	s.win.SetTitle(title)
}

// closeLedger closes the open ledger, if any.
func (s *shell) closeLedger() {
	if s.ledger != nil {
		if err := s.ledger.Close(); err != nil {
			fyne.LogError("closing ledger", err)
		}
		s.ledger = nil
	}
}

// openLedger opens the ledger at path off the UI goroutine; on success it
// becomes the shell's ledger and is remembered, on failure the user is
// told why (in Chinese: locked, not a ledger, newer version), the file is
// left as it was, and the current ledger or the welcome screen stays.
func (s *shell) openLedger(path string) {
	if s.ledger != nil && samePath(s.ledger.Path(), path) {
		return // already open here; opening it again would wait on our own lock
	}
	run(s.run, func() (*data.Ledger, error) {
		return data.Open(path, data.Options{})
	}, func(l *data.Ledger, err error) {
		if err != nil {
			if s.ledger == nil && s.welcome == nil {
				s.showWelcome()
			}
			showError(err, s.win)
			return
		}
		s.adoptLedger(l)
	})
}

// samePath reports whether two paths name the same file.
func samePath(a, b string) bool {
	if a == b {
		return true
	}
	sa, errA := os.Stat(a)
	sb, errB := os.Stat(b)
	return errA == nil && errB == nil && os.SameFile(sa, sb)
}
