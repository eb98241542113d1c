package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"branchledger/data"
)

// shortcut is Ctrl+key, Cmd+key on macOS.
func shortcut(key fyne.KeyName) fyne.Shortcut {
	return &desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault}
}

// mainMenu builds the window's menu. The shortcuts live on the menu items,
// not on the canvas: the driver looks at the main menu before the focused
// widget, so Ctrl+N and Ctrl+F work while the cursor is in an entry, where
// canvas shortcuts would go to the entry instead.
func (s *shell) mainMenu() *fyne.MainMenu {
	noLedger := s.ledger == nil

	open := fyne.NewMenuItem(lang.L("menu.open"), s.onOpenLedger)
	open.Shortcut = shortcut(fyne.KeyO)
	backup := fyne.NewMenuItem(lang.L("menu.backup"), s.backupNow)
	backup.Disabled = noLedger
	quit := fyne.NewMenuItem(lang.L("menu.quit"), s.quit)
	quit.IsQuit = true
	file := fyne.NewMenu(lang.L("menu.file"), open, backup, fyne.NewMenuItemSeparator(), quit)

	newMember := fyne.NewMenuItem(lang.L("menu.new_member"), s.onNewMember)
	newMember.Shortcut = shortcut(fyne.KeyN)
	newMember.Disabled = noLedger
	find := fyne.NewMenuItem(lang.L("menu.find"), s.onFind)
	find.Shortcut = shortcut(fyne.KeyF)
	find.Disabled = noLedger
	members := fyne.NewMenu(lang.L("menu.members"), newMember, find)

	return fyne.NewMainMenu(file, members)
}

// onNewMember goes to the members screen and opens the form (新建党员, Ctrl+N).
func (s *shell) onNewMember() {
	if p := s.membersPage(); p != nil {
		p.openForm(nil)
	}
}

// onFind puts the cursor in the search field of the check-in screen when
// it is shown, else goes to the members screen's (查找, Ctrl+F).
func (s *shell) onFind() {
	if c := s.screens.checkin; c != nil && s.current == pageCheckin {
		c.focusSearch()
		return
	}
	if p := s.membersPage(); p != nil {
		p.focusSearch()
	}
}

// backupNow writes a backup of the open ledger into its backups folder,
// named like the automatic ones, and says where it went (立即备份).
func (s *shell) backupNow() {
	l := s.ledger
	if l == nil {
		return
	}
	save(s.run, func() (string, error) {
		return backupLedger(l)
	}, nil, func(dest string) {
		showMessage(lang.L("menu.backup_done_title"), lang.L("menu.backup_done", map[string]any{"Path": dest}), s.win)
		if s.current == pageSettings {
			s.settingsScreen().shown() // the backups list there gains a line
		}
	})
}

// backupLedger writes a backup of l beside its automatic backups (in
// backups/, named and rotated as they are; see data.Ledger.BackupNow) and
// returns its path. It runs off the UI goroutine.
func backupLedger(l *data.Ledger) (string, error) { return l.BackupNow() }

// quit remembers the window size, closes the ledger and ends the program
// (退出; also the window's close button).
func (s *shell) quit() {
	size := s.win.Canvas().Size()
	s.app.Preferences().SetFloat(prefWinWidth, float64(size.Width))
	s.app.Preferences().SetFloat(prefWinHeight, float64(size.Height))
	s.closeLedger()
	s.app.Quit()
}

// showMessage shows an information dialog whose button reads 确定.
func showMessage(title, text string, w fyne.Window) {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom(title, lang.L("button.ok"), l, w)
	d.Resize(fyne.NewSize(460, 200))
	d.Show()
}

// membersPage shows the members screen and returns it.
func (s *shell) membersPage() *membersScreen {
	if s.ledger == nil {
		return nil
	}
	s.show(pageMembers)
	return s.membersScreen()
}
