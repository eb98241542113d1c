package app

import (
	"net/url"

	"fyne.io/fyne/v2"
	"github.com/google/uuid"

	"branchledger/data"
)

// env is what a screen is built from: the window it shows in, the open
// ledger (nil on the welcome page), the runner for its background work,
// the preferences, and the navigator to reach the rest of the window. A
// screen knows nothing else of the shell.
type env struct {
	win    fyne.Window
	ledger *data.Ledger
	run    *runner
	prefs  fyne.Preferences
	nav    navigator
}

// navigator is what a screen may ask of the window around it, one typed
// method per request; the shell implements it.
type navigator interface {
	// ShowSessions goes to 组织生活.
	ShowSessions()
	// ShowStats goes to 统计.
	ShowStats()
	// OpenCheckin goes to 签到 on the session with the given ID.
	OpenCheckin(session uuid.UUID)
	// ShowMakeUps goes to the 补学 tab of 签到.
	ShowMakeUps()
	// BranchRenamed puts the branch's new name in the window title.
	BranchRenamed()
	// BackupNow writes a backup of the ledger and says where it went.
	BackupNow()
	// RestoreBackup closes the ledger, puts the backup at path back over
	// it and opens it again on 设置.
	RestoreBackup(path string)
	// ChooseLedger asks for a ledger file and opens it.
	ChooseLedger()
	// OpenLedger opens the ledger file at path in the window.
	OpenLedger(path string)
	// UseLedger makes a ledger just created or opened the window's.
	UseLedger(l *data.Ledger)
	// OpenURL opens a file or folder with the system's program for it.
	OpenURL(u *url.URL) error
}

// The shell's answers to the screens' requests.

func (s *shell) ShowSessions() { s.show(pageSessions) }

func (s *shell) ShowStats() { s.show(pageStats) }

func (s *shell) OpenCheckin(session uuid.UUID) {
	s.show(pageCheckin)
	s.checkinScreen().openSession(session)
}

func (s *shell) ShowMakeUps() {
	s.show(pageCheckin)
	s.checkinScreen().showMakeUps()
}

func (s *shell) BranchRenamed() { s.updateTitle() }

func (s *shell) BackupNow() { s.backupNow() }

func (s *shell) RestoreBackup(path string) { s.restoreBackup(path) }

func (s *shell) ChooseLedger() { s.onOpenLedger() }

func (s *shell) OpenLedger(path string) { s.openLedger(path) }

func (s *shell) UseLedger(l *data.Ledger) { s.adoptLedger(l) }

func (s *shell) OpenURL(u *url.URL) error { return s.app.OpenURL(u) }
