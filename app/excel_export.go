package app

import (
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/google/uuid"

	"branchledger/data"
	"branchledger/data/report"
)

// prefExportDir remembers the folder reports were last exported to.
const prefExportDir = "excel.export_dir"

// exportPart is the export half of 导入导出: which reports, which year,
// masked or full numbers, where to; a progress bar; then "open the
// folder"; and the history of exports below.
//
// The destination is a folder and a file name rather than a save dialog:
// the save dialog opens (and so empties) the chosen file at once, while
// report.WriteFile leaves an existing file untouched until the new one is
// complete, and refuses a file open in Excel before writing anything.
type exportPart struct {
	env

	checks   map[string]*widget.Check
	matrixBy *widget.RadioGroup
	session  *sessionPicker // the 签到表's session: searchable, newest first
	year     *widget.Select
	fullIDs  *widget.Check
	warning  *widget.Label
	dir      string
	dirLabel *widget.Label
	name     *escEntry
	export   *widget.Button
	bar      *widget.ProgressBar
	done     *widget.Label
	open     *widget.Button
	lastDir  string

	records []data.ExportRecord
	history *widget.List

	card, historyCard fyne.CanvasObject
}

func newExportPart(e env) *exportPart {
	x := &exportPart{env: e, checks: map[string]*widget.Check{}}
	var boxes []fyne.CanvasObject
	var signIn, matrix fyne.CanvasObject
	for _, r := range report.AllReports() {
		c := widget.NewCheck(lang.L("report.name."+r), func(bool) { x.onReportsChanged() })
		c.SetChecked(true)
		x.checks[r] = c
		if r == report.Matrix {
			x.matrixBy = newMatrixByChoice()
			matrix = container.NewHBox(c, x.matrixBy) // on its own line: a grid cell would be as wide as this
			continue
		}
		if r == report.SignIn {
			x.session = newSessionPicker(e.win, lang.L("excel.session_next"), nil)
			signIn = container.NewBorder(nil, nil, c, nil, x.session.button)
			continue
		}
		boxes = append(boxes, c)
	}
	year := e.ledger.Today().Year()
	var years []string
	for y := year + 1; y >= year-5; y-- {
		years = append(years, strconv.Itoa(y))
	}
	x.year = widget.NewSelect(years, func(string) { x.onYearChanged() })
	x.year.SetSelected(strconv.Itoa(year))
	x.fullIDs = widget.NewCheck(lang.L("excel.full_ids"), x.onFullIDsChanged)
	x.warning = widget.NewLabel(lang.L("excel.full_ids_warning"))
	x.warning.Wrapping = fyne.TextWrapWord
	x.warning.Importance = widget.DangerImportance
	x.warning.Hide()

	x.dir = e.prefs.StringWithFallback(prefExportDir, defaultExportDir())
	x.dirLabel = widget.NewLabel(x.dir)
	x.dirLabel.Truncation = fyne.TextTruncateEllipsis
	chooseDir := widget.NewButtonWithIcon(lang.L("excel.choose_folder"), theme.FolderOpenIcon(), x.onChooseFolder)
	x.name = newFormEntry()
	x.name.SetText(x.defaultName())
	x.export = widget.NewButtonWithIcon(lang.L("excel.export"), theme.DocumentSaveIcon(), x.onExport)
	x.export.Importance = widget.HighImportance
	x.bar = widget.NewProgressBar()
	x.bar.Hide()
	x.done = widget.NewLabel("")
	x.done.Wrapping = fyne.TextWrapWord
	x.open = widget.NewButtonWithIcon(lang.L("excel.open_folder"), theme.FolderIcon(), x.onOpenFolder)
	x.open.Hide()

	form := widget.NewForm(
		widget.NewFormItem(lang.L("excel.year"), x.year),
		widget.NewFormItem(lang.L("excel.folder"), container.NewBorder(nil, nil, nil, chooseDir, x.dirLabel)),
		widget.NewFormItem(lang.L("excel.file_name"), x.name),
	)
	body := container.NewVBox(
		widget.NewLabelWithStyle(lang.L("excel.reports"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		container.NewGridWithColumns(len(boxes), boxes...), matrix, signIn, form, x.fullIDs, x.warning)
	// The button and the progress stay in view below the scrolling form.
	x.card = container.NewBorder(nil, container.NewVBox(x.bar, container.NewHBox(x.export, x.open), x.done),
		nil, nil, container.NewVScroll(body))

	x.history = widget.NewList(
		func() int { return len(x.records) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i < len(x.records) {
				o.(*widget.Label).SetText(exportLine(x.records[i]))
			}
		})
	x.historyCard = widget.NewCard(lang.L("excel.history"), "", x.history)
	return x
}

// defaultExportDir is the user's Documents folder (documentsDir), or home.
func defaultExportDir() string {
	if d, err := documentsDir(); err == nil {
		return d
	}
	if home, err := os.UserHomeDir(); err == nil {
		return home
	}
	return "."
}

func (x *exportPart) selectedYear() int {
	y, err := strconv.Atoi(x.year.Selected)
	if err != nil {
		return x.ledger.Today().Year()
	}
	return y
}

func (x *exportPart) defaultName() string {
	return lang.L("excel.default_name", map[string]any{"Year": x.selectedYear()})
}

// exportLine is one line of the export history: when, which reports, the
// year, masked or full numbers, and the file.
func exportLine(r data.ExportRecord) string {
	names := make([]string, len(r.Reports))
	for i, n := range r.Reports {
		names[i] = lang.L("report.name." + n)
	}
	ids := lang.L("excel.masked")
	if r.FullIDs {
		ids = lang.L("excel.full")
	}
	return fmt.Sprintf("%s　%s　%s　%s　%s", r.At.Local().Format("2006-01-02 15:04"), strings.Join(names, "、"),
		lang.L("excel.year_n", map[string]any{"Year": r.Year}), ids, r.File)
}

// reload reads the year's sessions for the sign-in picker and the export
// history.
func (x *exportPart) reload() {
	l, year := x.ledger, x.selectedYear()
	type loaded struct {
		sessions []data.Session
		records  []data.ExportRecord
	}
	// Of loads overlapping (the year changed twice), only the newest shows.
	load(x.run, purpose("excel.export"), func() (loaded, error) {
		ss, err := l.Sessions(data.NewDate(year, 1, 1), data.NewDate(year, 12, 31))
		if err != nil {
			return loaded{}, err
		}
		ss = slices.DeleteFunc(ss, func(s data.Session) bool { return s.Cancelled })
		rs, err := l.Exports()
		return loaded{ss, rs}, err
	}, func(ld loaded) {
		// The choice stays while the session is still offered.
		var keep uuid.UUID
		if s, ok := x.session.selected(); ok {
			keep = s.ID
		}
		x.session.setSessions(ld.sessions, keep)
		x.records = ld.records
		slices.Reverse(x.records) // newest first
		x.history.Refresh()
		x.onReportsChanged()
	})
}

func (x *exportPart) onYearChanged() {
	if x.name != nil {
		x.name.SetText(x.defaultName())
		x.reload()
	}
}

func (x *exportPart) onReportsChanged() {
	if x.session == nil || x.export == nil {
		return
	}
	if x.checks[report.SignIn].Checked && len(x.session.sessions) > 0 {
		x.session.button.Enable()
	} else {
		x.session.button.Disable()
	}
	if len(x.chosen()) == 0 {
		x.export.Disable()
	} else {
		x.export.Enable()
	}
}

func (x *exportPart) onFullIDsChanged(on bool) {
	if on {
		x.warning.Show()
	} else {
		x.warning.Hide()
	}
}

func (x *exportPart) onChooseFolder() {
	d := dialog.NewFolderOpen(func(u fyne.ListableURI, err error) {
		if err != nil {
			showError(err, x.win)
			return
		}
		if u == nil {
			return
		}
		x.dir = nativePath(u.Path())
		x.dirLabel.SetText(x.dir)
		x.prefs.SetString(prefExportDir, x.dir) // the export folder, kept apart
		rememberFolder(x.prefs, x.dir, true)
	}, x.win)
	// The export folder while it exists, else the last folder or Documents.
	if u, err := storage.ListerForURI(storage.NewFileURI(x.dir)); err == nil && fileExists(x.dir) {
		d.SetLocation(u)
	} else {
		startIn(d, x.prefs)
	}
	d.Show()
}

// chosen returns the checked reports, in workbook order.
func (x *exportPart) chosen() []string {
	var out []string
	for _, r := range report.AllReports() {
		if x.checks[r].Checked {
			out = append(out, r)
		}
	}
	return out
}

func (x *exportPart) onExport() {
	name := strings.TrimSpace(x.name.Text)
	if name == "" {
		name = x.defaultName()
	}
	path, err := report.ExportPath(x.dir, name)
	var ne *report.NameError
	if errors.As(err, &ne) {
		x.done.SetText(problemText(ne.Problem))
		return
	}
	name = filepath.Base(path)
	if _, err := os.Stat(path); err == nil {
		dialog.ShowConfirm(lang.L("excel.replace_title"), lang.L("excel.replace", map[string]any{"Name": name}),
			func(ok bool) {
				if ok {
					x.exportTo(path)
				}
			}, x.win)
		return
	}
	x.exportTo(path)
}

// exportTo writes the chosen reports to path in the background, with the
// progress bar following the rows written.
func (x *exportPart) exportTo(path string) {
	opt := report.Options{Year: x.selectedYear(), Reports: x.chosen(), FullIDs: x.fullIDs.Checked, MatrixBy: matrixByValue(x.matrixBy)}
	if s, ok := x.session.selected(); ok && x.checks[report.SignIn].Checked {
		opt.SessionID = s.ID
	}
	bar, r := x.bar, x.run
	opt.Progress = func(done, total int) {
		if total > 0 {
			r.post(func() { bar.SetValue(float64(done) / float64(total)) })
		}
	}
	l := x.ledger
	x.export.Disable()
	x.open.Hide()
	bar.SetValue(0)
	bar.Show()
	x.done.SetText(lang.L("common.working"))
	run(x.run, func() (struct{}, error) {
		opt.TitleFont = report.InstalledTitleFont(report.FontDirs()) // a walk of the font folders: off the UI thread
		return struct{}{}, report.WriteFile(l, path, opt)
	}, func(_ struct{}, err error) {
		x.export.Enable()
		if err != nil {
			bar.Hide()
			x.done.SetText(excelErrorText(err))
			return
		}
		bar.SetValue(1)
		x.lastDir = filepath.Dir(path)
		x.done.SetText(lang.L("excel.exported", map[string]any{"File": path}))
		x.open.Show()
		x.reload()
	})
}

// onOpenFolder shows the folder of the last export in the system's file
// manager.
func (x *exportPart) onOpenFolder() {
	if x.lastDir == "" {
		return
	}
	if err := x.nav.OpenFolder(x.lastDir); err != nil {
		showError(err, x.win)
	}
}

// folderURL is the file:// URL of a folder, with the leading slash a
// Windows drive path needs (file:///C:/Users/…).
func folderURL(dir string) *url.URL {
	p := filepath.ToSlash(dir)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	return &url.URL{Scheme: "file", Path: p}
}

// newMatrixByChoice is the choice of splitting the attendance matrix:
// by size (the default: by month, by quarter past 300 sessions a year),
// by month or by quarter.
func newMatrixByChoice() *widget.RadioGroup {
	g := widget.NewRadioGroup([]string{lang.L("reports.export.by_size"), lang.L("reports.export.by_month"),
		lang.L("reports.export.by_quarter")}, nil)
	g.Horizontal = true
	g.Required = true
	g.SetSelected(lang.L("reports.export.by_size"))
	return g
}

// matrixByValue is the report.Options.MatrixBy of the choice.
func matrixByValue(g *widget.RadioGroup) string {
	switch {
	case g == nil:
	case g.Selected == lang.L("reports.export.by_month"):
		return report.ByMonth
	case g.Selected == lang.L("reports.export.by_quarter"):
		return report.ByQuarter
	}
	return ""
}
