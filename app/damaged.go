package app

import (
	"errors"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"branchledger/data"
)

// damagedScreen is the page shown instead of a ledger whose file is
// damaged: what happened, the newest backup that passes the check, and
// the ways on (restore it, keeping the damaged file aside; open the file
// read-only to copy things out; open another ledger). The damaged file is
// never written from here.
type damagedScreen struct {
	env
	path     string
	backup   data.BackupInfo
	info     *widget.Label
	restore  *widget.Button
	readOnly *widget.Button
	other    *widget.Button
}

// showDamaged shows the damaged-ledger page for the file at path and
// looks for a good backup in the background.
func (s *shell) showDamaged(path string) {
	s.closeLedger()
	s.screens = pages{}
	s.nav, s.body, s.current, s.navIndex, s.welcome = nil, nil, -1, -1, nil
	d := newDamagedScreen(s.env(), path)
	s.win.SetContent(d.content())
	s.win.SetMainMenu(s.mainMenu())
	s.win.SetTitle(lang.L("damaged.title") + " — " + lang.L("app.name"))
	d.shown()
}

func newDamagedScreen(e env, path string) *damagedScreen {
	d := &damagedScreen{env: e, path: path}
	d.info = widget.NewLabel(lang.L("damaged.searching"))
	d.info.Wrapping = fyne.TextWrapWord
	d.restore = widget.NewButtonWithIcon(lang.L("damaged.restore"), theme.HistoryIcon(), d.onRestore)
	d.restore.Importance = widget.HighImportance
	d.restore.Hide() // shown once a good backup is found
	d.readOnly = widget.NewButtonWithIcon(lang.L("damaged.read_only"), theme.VisibilityIcon(), d.onReadOnly)
	d.other = widget.NewButtonWithIcon(lang.L("damaged.other"), theme.FolderOpenIcon(), e.nav.ChooseLedger)
	return d
}

func (d *damagedScreen) content() fyne.CanvasObject {
	title := widget.NewLabelWithStyle(lang.L("damaged.title"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameHeadingText
	title.Importance = widget.DangerImportance
	intro := widget.NewLabel(lang.L("damaged.intro", map[string]any{"File": filepath.Base(d.path)}))
	intro.Wrapping = fyne.TextWrapWord
	where := widget.NewLabel(d.path)
	where.Wrapping = fyne.TextWrapBreak
	col := container.NewVBox(title, intro, where, widget.NewSeparator(), d.info,
		container.NewHBox(d.restore, d.readOnly, d.other))
	return container.NewVScroll(container.NewCenter(container.NewGridWrap(fyne.NewSize(720, col.MinSize().Height+80), col)))
}

// shown looks for the newest backup that passes the check.
func (d *damagedScreen) shown() {
	path := d.path
	run(d.run, func() (data.BackupInfo, error) {
		return data.NewestGoodBackup(path)
	}, func(b data.BackupInfo, err error) {
		switch {
		case errors.Is(err, data.ErrNotFound):
			d.info.SetText(lang.L("damaged.no_backup"))
		case err != nil:
			d.info.SetText(errorText(err))
		default:
			d.backup = b
			d.info.SetText(lang.L("damaged.backup", map[string]any{
				"Date": b.Made.Format("2006-01-02 15:04"), "Members": b.Members, "Sessions": b.Sessions}))
			d.restore.Show()
		}
	})
}

// onRestore asks, then restores the backup over the damaged file (which
// data.Restore keeps in the backups folder) and opens the ledger.
func (d *damagedScreen) onRestore() {
	b, path := d.backup, d.path
	when := b.Made.Format("2006-01-02 15:04")
	text := widget.NewLabel(lang.L("damaged.restore_confirm", map[string]any{"Date": when}))
	text.Wrapping = fyne.TextWrapWord
	c := dialog.NewCustomConfirm(lang.L("damaged.restore"), lang.L("damaged.restore"), lang.L("button.cancel"), text, func(ok bool) {
		if !ok {
			return
		}
		d.restore.Disable()
		run(d.run, func() (*data.Ledger, error) {
			if err := data.Restore(b.Path, path, data.Options{}); err != nil {
				return nil, err
			}
			return data.Open(path, data.Options{NoBackup: true})
		}, func(l *data.Ledger, err error) {
			if err != nil {
				d.restore.Enable()
				showError(err, d.win)
				return
			}
			d.nav.UseLedger(l)
			showMessage(lang.L("damaged.restore"), lang.L("damaged.restored", map[string]any{"Date": when}), d.win)
		})
	}, d.win)
	c.Resize(fyne.NewSize(480, 220))
	c.Show()
}

// onReadOnly opens the damaged ledger read-only, when its pages allow it,
// so that what can still be read can be looked at and exported.
func (d *damagedScreen) onReadOnly() {
	path := d.path
	run(d.run, func() (*data.Ledger, error) {
		return data.Open(path, data.Options{ReadOnly: true, Salvage: true, NoBackup: true})
	}, func(l *data.Ledger, err error) {
		if errors.Is(err, data.ErrDamaged) {
			showMessage(lang.L("damaged.title"), lang.L("damaged.read_only_refused"), d.win)
			return
		}
		if err != nil {
			showError(err, d.win)
			return
		}
		d.nav.UseLedger(l)
	})
}
