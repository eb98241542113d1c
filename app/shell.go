package app

import (
	"errors"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"branchledger/app/msg"
	"branchledger/data"
)

// screen is one page of the main window. content is built once; shown is
// called each time the user navigates to it, to reload what may have
// changed elsewhere.
type screen interface {
	content() fyne.CanvasObject
	shown()
}

// pageID names a page of the navigation on the left, in its order.
type pageID int

const (
	pageOverview pageID = iota
	pageMembers
	pageSessions
	pageCalendar
	pageCheckin
	pageStats
	pageDues
	pageExcel
	pageSettings
)

// page describes one entry of the navigation on the left.
type page struct {
	key  string // translation key of its name
	icon fyne.Resource
}

// navPages returns the navigation entries, indexed by pageID. (A
// function, not a variable: theme icons need a running app.)
func navPages() []page {
	return []page{
		pageOverview: {"nav.overview", theme.HomeIcon()},
		pageMembers:  {"nav.members", theme.AccountIcon()},
		pageSessions: {"nav.sessions", theme.CalendarIcon()},
		pageCalendar: {"nav.calendar", theme.HistoryIcon()},
		pageCheckin:  {"nav.checkin", theme.ConfirmIcon()},
		pageStats:    {"nav.stats", theme.GridIcon()},
		pageDues:     {"nav.dues", theme.ListIcon()},
		pageExcel:    {"nav.excel", theme.DocumentIcon()},
		pageSettings: {"nav.settings", theme.SettingsIcon()},
	}
}

// pages holds the main window's screens once built, one field per page.
type pages struct {
	overview *overviewScreen
	members  *membersScreen
	sessions *sessionsScreen
	calendar *calendarScreen
	checkin  *checkinScreen
	stats    *statsScreen
	dues     *duesScreen
	excel    *excelScreen
	settings *settingsScreen
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
	screens pages
	current pageID // the page on show, -1 for none
	// navIndex is the selected navigation entry, -1 before the first.
	navIndex int
	welcome  *welcomeScreen // the first-run page while no ledger is open
}

// newShell returns the shell of window w, running background work
// through r (newRunner(w) in the program, newTestRunner(w) in tests).
func newShell(a fyne.App, w fyne.Window, r *runner) *shell {
	installKeys(w) // Enter and Escape in every dialog (keys.go)
	return &shell{app: a, win: w, run: r, current: -1, navIndex: -1, pages: navPages()}
}

// env returns what the shell's screens are built from.
func (s *shell) env() env {
	return env{win: s.win, ledger: s.ledger, run: s.run, prefs: s.app.Preferences(), nav: s}
}

// setLedger makes l the shell's ledger and shows the main layout on the
// overview page.
func (s *shell) setLedger(l *data.Ledger) {
	s.ledger = l
	s.welcome = nil
	s.screens = pages{}
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
	s.navIndex, s.current = -1, -1
	s.nav.OnSelected = func(i widget.ListItemID) {
		s.navIndex = i
		s.show(pageID(i))
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
	if why := l.ReadOnlyProblem(); why != nil {
		showMessage(lang.L("app.name"), lang.L(msg.ReadOnlyKey(why)), s.win)
	}
}

// show switches to page id, building its screen on first use.
func (s *shell) show(id pageID) {
	if id < 0 || int(id) >= len(s.pages) || s.ledger == nil {
		return
	}
	if s.nav != nil && s.navIndex != int(id) {
		// Selecting the entry calls back into show through OnSelected, once.
		s.nav.Select(int(id))
		return
	}
	sc := s.screen(id)
	if s.current != id {
		s.current = id
		s.body.Objects = []fyne.CanvasObject{sc.content()}
		s.body.Refresh()
	}
	sc.shown()
}

// screen returns page id's screen, building it on first use.
func (s *shell) screen(id pageID) screen {
	switch id {
	case pageMembers:
		return s.membersScreen()
	case pageSessions:
		if s.screens.sessions == nil {
			s.screens.sessions = newSessionsScreen(s.env())
		}
		return s.screens.sessions
	case pageCalendar:
		if s.screens.calendar == nil {
			s.screens.calendar = newCalendarScreen(s.env())
		}
		return s.screens.calendar
	case pageCheckin:
		return s.checkinScreen()
	case pageStats:
		if s.screens.stats == nil {
			s.screens.stats = newStatsScreen(s.env())
		}
		return s.screens.stats
	case pageDues:
		if s.screens.dues == nil {
			s.screens.dues = newDuesScreen(s.env())
		}
		return s.screens.dues
	case pageExcel:
		if s.screens.excel == nil {
			s.screens.excel = newExcelScreen(s.env())
		}
		return s.screens.excel
	case pageSettings:
		return s.settingsScreen()
	}
	if s.screens.overview == nil {
		s.screens.overview = newOverviewScreen(s.env())
	}
	return s.screens.overview
}

// membersScreen returns the members screen, building it on first use.
func (s *shell) membersScreen() *membersScreen {
	if s.screens.members == nil {
		s.screens.members = newMembersScreen(s.env())
	}
	return s.screens.members
}

// checkinScreen returns the check-in screen, building it on first use.
func (s *shell) checkinScreen() *checkinScreen {
	if s.screens.checkin == nil {
		s.screens.checkin = newCheckinScreen(s.env())
	}
	return s.screens.checkin
}

// settingsScreen returns the settings screen, building it on first use.
func (s *shell) settingsScreen() *settingsScreen {
	if s.screens.settings == nil {
		s.screens.settings = newSettingsScreen(s.env())
	}
	return s.screens.settings
}

// updateTitle puts the branch name in the window title.
func (s *shell) updateTitle() {
	title := lang.L("app.name")
	if s.ledger != nil {
		if b, err := s.ledger.Branch(); err == nil && b.Name != "" {
			title = b.Name + " — " + title
		}
		if s.ledger.Damage() != nil {
			title = lang.L("damaged.read_only_title") + " — " + title
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
		if errors.Is(err, data.ErrDamaged) {
			s.showDamaged(path) // what happened and the ways on, instead of a bare error
			return
		}
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

// restoreBackup closes the ledger, restores backup over it and reopens it,
// landing on the settings page.
func (s *shell) restoreBackup(backup string) {
	if s.ledger == nil {
		return
	}
	target := s.ledger.Path()
	s.closeLedger()
	// No screen may use the closed ledger while the restore runs.
	s.nav, s.body, s.current, s.navIndex = nil, nil, -1, -1
	s.win.SetContent(widget.NewLabel(lang.L("common.working")))
	run(s.run, func() (*data.Ledger, error) {
		rerr := data.Restore(backup, target, data.Options{})
		l, err := data.Open(target, data.Options{NoBackup: true})
		if err != nil {
			return nil, err
		}
		return l, rerr
	}, func(l *data.Ledger, err error) {
		if l != nil {
			s.adoptLedger(l)
			s.show(pageSettings)
		} else {
			s.showWelcome()
		}
		if err != nil {
			showError(err, s.win)
			return
		}
		showMessage(lang.L("settings.restore"), lang.L("settings.restored", map[string]any{"When": backupLabel(backup)}), s.win)
	})
}

// showWelcome shows the first-run choices in the window.
func (s *shell) showWelcome() {
	s.closeLedger()
	s.screens = pages{}
	s.nav, s.body, s.current, s.navIndex = nil, nil, -1, -1
	w := newWelcomeScreen(s.env())
	s.welcome = w
	s.win.SetContent(w.content())
	s.win.SetMainMenu(s.mainMenu())
	s.updateTitle()
}

// onOpenLedger asks for a .ledger file and opens it (打开台账, Ctrl+O).
func (s *shell) onOpenLedger() {
	d := dialog.NewFileOpen(func(rc fyne.URIReadCloser, err error) {
		if err != nil {
			showError(err, s.win)
			return
		}
		if rc == nil {
			return
		}
		p := nativePath(rc.URI().Path())
		if cerr := rc.Close(); cerr != nil {
			fyne.LogError("closing the chosen file", cerr)
		}
		rememberFolder(s.app.Preferences(), p, false)
		s.openLedger(p)
	}, s.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".ledger"}))
	// The open ledger's folder; with none, the folder last used, else the
	// ledgers' data folder, else Documents.
	prefs := s.app.Preferences()
	start := ""
	if s.ledger != nil {
		start = filepath.Dir(s.ledger.Path())
	} else if dir, err := DataDir(); err == nil && fileExists(dir) && prefs.String(prefLastFolder) == "" {
		start = dir
	}
	l, err := storage.ListerForURI(storage.NewFileURI(start))
	if start != "" && err == nil {
		d.SetLocation(l)
	} else {
		startIn(d, prefs)
	}
	d.Resize(fyne.NewSize(800, 560))
	d.Show()
}
