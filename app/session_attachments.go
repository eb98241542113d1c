package app

import (
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"branchledger/data"
)

// The session form's lists (attachments, guests) and its date inputs.

// onAddAttachment asks for a file and keeps its path; the file stays
// where it is.
func (f *sessionForm) onAddAttachment() {
	fd := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			showError(err, f.win)
			return
		}
		if r == nil {
			return // the user closed the dialog
		}
		path := nativePath(r.URI().Path())
		if cerr := r.Close(); cerr != nil {
			fyne.LogError("closing attachment", cerr)
		}
		rememberFolder(f.prefs, path, false)
		f.attachments = append(f.attachments, path)
		f.refreshAttachments()
	}, f.win)
	if dir := startFolder(f.prefs); dir != nil {
		fd.SetLocation(dir) // Documents, or the folder last used (folders.go)
	}
	fd.Show()
}

func (f *sessionForm) refreshAttachments() {
	f.attachBox.RemoveAll()
	if len(f.attachments) == 0 {
		f.attachBox.Add(widget.NewLabel(lang.L("common.none")))
	}
	for i, p := range f.attachments {
		name := widget.NewLabel(filepath.Base(p))
		name.Truncation = fyne.TextTruncateEllipsis
		open := widget.NewButtonWithIcon(lang.L("sessions.form.open"), theme.FolderOpenIcon(), func() { f.openAttachment(p) })
		remove := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() {
			f.attachments = append(f.attachments[:i:i], f.attachments[i+1:]...)
			f.refreshAttachments()
		})
		f.attachBox.Add(container.NewBorder(nil, nil, nil, container.NewHBox(open, remove), name))
	}
}

// openAttachment opens the file with the system's default program.
func (f *sessionForm) openAttachment(path string) {
	if err := f.nav.OpenFile(path); err != nil {
		showError(err, f.win)
	}
}

func (f *sessionForm) addGuest(g data.Guest) {
	r := guestRow{name: newFormEntry(), unit: newFormEntry()}
	r.name.SetPlaceHolder(lang.L("sessions.form.guest_name"))
	r.unit.SetPlaceHolder(lang.L("sessions.form.guest_unit"))
	r.name.SetText(g.Name)
	r.unit.SetText(g.Unit)
	f.guests = append(f.guests, r)
	var row *fyne.Container
	remove := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() {
		for i := range f.guests {
			if f.guests[i].name == r.name {
				f.guests = append(f.guests[:i:i], f.guests[i+1:]...)
				break
			}
		}
		f.guestBox.Remove(row)
	})
	row = container.NewBorder(nil, nil, nil, remove, container.NewGridWithColumns(2, r.name, r.unit))
	f.guestBox.Add(row)
}

// newDateInput is the members screen's yyyy-mm-dd dateEntry (never
// Fyne's d/m/y DateEntry) showing d, calling changed on every edit.
func newDateInput(l *data.Ledger, d data.Date, changed func()) *dateEntry {
	de := newDateEntry(l.Today)
	de.setDate(d)
	if changed != nil {
		de.entry.OnChanged = func(string) { changed() }
	}
	return de
}

// dateValue returns the date typed, and bad when the text is not a date.
func dateValue(de *dateEntry) (data.Date, bool) {
	d, err := de.date()
	return d, err != nil
}
