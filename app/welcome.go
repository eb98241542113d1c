package app

import (
	"errors"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"branchledger/data"
	"branchledger/data/demo"
)

// demoLedgerName is the example ledger's file name in the data folder.
const demoLedgerName = "示例台账.ledger"

// welcomeScreen is the first-run page: create a ledger, open one, or look
// around the example branch.
type welcomeScreen struct {
	env
	name, committee, secretary       *escEntry
	groups                           *escEntry
	path                             string
	pathLabel                        *widget.Label
	problem                          *widget.Label
	create, openExisting, openSample *widget.Button
}

func newWelcomeScreen(e env) *welcomeScreen {
	w := &welcomeScreen{env: e}
	w.name = newFormEntry()
	w.name.SetPlaceHolder(lang.L("welcome.name_placeholder"))
	w.committee = newFormEntry()
	w.committee.SetPlaceHolder(lang.L("welcome.committee_placeholder"))
	w.secretary = newFormEntry()
	w.groups = newFormMultiLineEntry()
	w.groups.SetPlaceHolder(lang.L("welcome.groups_placeholder"))
	w.groups.SetMinRowsVisible(3)
	if p, err := DefaultLedgerPath(); err == nil {
		w.path = p
	}
	w.pathLabel = widget.NewLabel(w.path)
	w.pathLabel.Wrapping = fyne.TextWrapBreak
	w.problem = widget.NewLabel("")
	w.problem.Importance = widget.DangerImportance
	w.problem.Hide()
	w.create = widget.NewButtonWithIcon(lang.L("welcome.create"), theme.DocumentCreateIcon(), w.onCreate)
	w.create.Importance = widget.HighImportance
	w.openExisting = widget.NewButtonWithIcon(lang.L("welcome.open"), theme.FolderOpenIcon(), e.nav.ChooseLedger)
	w.openSample = widget.NewButtonWithIcon(lang.L("welcome.open_demo"), theme.InfoIcon(), w.onOpenDemo)
	return w
}

func (w *welcomeScreen) content() fyne.CanvasObject {
	title := widget.NewLabelWithStyle(lang.L("app.name"), fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameHeadingText
	intro := widget.NewLabelWithStyle(lang.L("welcome.intro"), fyne.TextAlignCenter, fyne.TextStyle{})

	change := widget.NewButton(lang.L("welcome.change_path"), w.onChoosePath)
	form := widget.NewForm(
		widget.NewFormItem(lang.L("field.branch"), w.name),
		widget.NewFormItem(lang.L("welcome.committee"), w.committee),
		widget.NewFormItem(lang.L("welcome.secretary"), w.secretary),
		widget.NewFormItem(lang.L("welcome.groups"), w.groups),
		widget.NewFormItem(lang.L("welcome.path"), container.NewBorder(nil, nil, nil, change, w.pathLabel)),
	)
	createCard := widget.NewCard(lang.L("welcome.create_title"), lang.L("welcome.create_sub"),
		container.NewVBox(form, w.problem, container.NewHBox(w.create)))
	otherCard := widget.NewCard(lang.L("welcome.other_title"), "",
		container.NewVBox(
			container.NewBorder(nil, nil, w.openExisting, nil, widget.NewLabel(lang.L("welcome.open_hint"))),
			container.NewBorder(nil, nil, w.openSample, nil, widget.NewLabel(lang.L("welcome.open_demo_hint"))),
		))
	col := container.NewVBox(title, intro, createCard, otherCard)
	return container.NewVScroll(container.NewCenter(container.NewGridWrap(fyne.NewSize(720, col.MinSize().Height), col)))
}

// branch reads the create form.
func (w *welcomeScreen) branch() data.Branch {
	b := data.Branch{
		Name:      strings.TrimSpace(w.name.Text),
		Committee: strings.TrimSpace(w.committee.Text),
		Secretary: strings.TrimSpace(w.secretary.Text),
	}
	b.Groups = splitGroups(w.groups.Text)
	return b
}

// splitGroups reads party groups typed one a line (or separated by
// commas or 、).
func splitGroups(s string) []string {
	var out []string
	for _, g := range strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == ',' || r == '，' || r == '、' }) {
		if g = strings.TrimSpace(g); g != "" && !containsString(out, g) {
			out = append(out, g)
		}
	}
	return out
}

func (w *welcomeScreen) onCreate() {
	b := w.branch()
	if b.Name == "" {
		w.problem.SetText(lang.L("field.branch") + "：" + lang.L(data.ProblemRequired))
		w.problem.Show()
		w.win.Canvas().Focus(w.name)
		return
	}
	w.problem.Hide()
	path := w.path
	w.create.Disable()
	run(w.run, func() (*data.Ledger, error) {
		if path == "" {
			return nil, errors.New("no data folder")
		}
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return nil, err
		}
		return data.Create(path, b, data.Options{})
	}, func(l *data.Ledger, err error) {
		w.create.Enable()
		if err != nil {
			w.problem.SetText(errorText(err))
			w.problem.Show()
			return
		}
		w.nav.UseLedger(l)
	})
}

// onChoosePath lets the user put the new ledger in another folder (a
// shared drive, a USB stick). It asks for a folder, not a file: Fyne's
// save dialog would truncate an existing file it was pointed at.
func (w *welcomeScreen) onChoosePath() {
	d := dialog.NewFolderOpen(func(dir fyne.ListableURI, err error) {
		if err != nil {
			showError(err, w.win)
			return
		}
		if dir == nil {
			return
		}
		name := filepath.Base(w.path)
		if name == "" || name == "." {
			name = "支部台账.ledger"
		}
		w.path = filepath.Join(nativePath(dir.Path()), name)
		w.pathLabel.SetText(w.path)
		rememberFolder(w.prefs, filepath.Dir(w.path), true)
	}, w.win)
	startIn(d, w.prefs) // Documents, or the folder last used (folders.go)
	d.Resize(fyne.NewSize(800, 560))
	d.Show()
}

// onOpenDemo writes the example ledger into the data folder when it is not
// there yet, then opens it.
func (w *welcomeScreen) onOpenDemo() {
	w.openSample.Disable()
	run(w.run, func() (string, error) {
		dir, err := DataDir()
		if err != nil {
			return "", err
		}
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return "", err
		}
		p := filepath.Join(dir, demoLedgerName)
		if fileExists(p) {
			return p, nil
		}
		return p, demo.Write(p, data.Options{})
	}, func(p string, err error) {
		w.openSample.Enable()
		if err != nil {
			showError(err, w.win)
			return
		}
		w.nav.OpenLedger(p)
	})
}
