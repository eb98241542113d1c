package app

import (
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"
)

// openSaveTo asks for a folder and a file name (as the Excel export does:
// Fyne's save dialog truncates an existing file before we write), then
// runs write with the full path in the background and says where the file
// went.
func openSaveTo(e env, title, name string, write func(path string) error) {
	dir := e.prefs.StringWithFallback(prefExportDir, defaultExportDir())
	dirLabel := widget.NewLabel(dir)
	dirLabel.Wrapping = fyne.TextWrapBreak
	file := newFormEntry()
	file.SetText(name)
	choose := widget.NewButton(lang.L("duties.folder"), func() {
		d := dialog.NewFolderOpen(func(u fyne.ListableURI, err error) {
			if err != nil {
				showError(err, e.win)
				return
			}
			if u != nil {
				dir = nativePath(u.Path())
				dirLabel.SetText(dir)
				e.prefs.SetString(prefExportDir, dir)
				rememberFolder(e.prefs, dir, true)
			}
		}, e.win)
		if u, err := storage.ListerForURI(storage.NewFileURI(dir)); err == nil && fileExists(dir) {
			d.SetLocation(u)
		} else {
			startIn(d, e.prefs)
		}
		d.Show()
	})
	form := container.New(layout.NewFormLayout(),
		widget.NewLabel(lang.L("duties.folder")), container.NewBorder(nil, nil, nil, choose, dirLabel),
		widget.NewLabel(lang.L("duties.file_name")), file)
	d := dialog.NewCustomConfirm(title, lang.L("button.save"), lang.L("button.cancel"), form, func(ok bool) {
		n := strings.TrimSpace(file.Text)
		if !ok || n == "" {
			return
		}
		path := filepath.Join(dir, filepath.Base(n))
		save(e.run, func() (struct{}, error) { return struct{}{}, write(path) }, nil, func(struct{}) {
			showMessage(title, lang.L("duties.ics_saved", map[string]any{"File": path}), e.win)
		})
	}, e.win)
	d.Resize(fyne.NewSize(560, 240))
	d.Show()
}
