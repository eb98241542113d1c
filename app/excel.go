package app

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"branchledger/data/report"
	rosterfile "branchledger/data/roster"
)

// excelScreen is 导入导出: importing the roster workbooks people already
// keep (pick a file, see a preview with every problem, confirm) and
// exporting the reports that go upward (excel_export.go).
type excelScreen struct {
	env
	root fyne.CanvasObject
	tabs *container.AppTabs

	pick     *widget.Button
	template *widget.Button
	status   *widget.Label
	problems *widget.Table
	confirm  *widget.Button
	cancel   *widget.Button
	saveBad  *widget.Button
	busy     *widget.ProgressBarInfinite

	plan     *rosterfile.Plan // the previewed import, nil when there is none
	planName string
	rows     [][4]string // the problem table: sheet, row, column, message
	imported bool        // the plan's good rows are imported; its refused rows remain

	// What a new preview of the same file reads with: the file's bytes,
	// the user's column choices and whether old ID numbers are converted.
	file     []byte
	mapping  map[string]string
	convert  bool
	columns  *fyne.Container
	people   *widget.Table
	lines    [][4]string // the people table: action, place, name, details
	convertB *widget.Button
	inner    *container.AppTabs

	exp *exportPart
}

// problemColumns are the problem table's header keys and widths.
var problemColumns = []textColumn{{"excel.col.sheet", 110}, {"excel.col.row", 60}, {"excel.col.column", 170}, {"excel.col.problem", 520}}

func newExcelScreen(e env) *excelScreen {
	p := &excelScreen{env: e}
	p.pick = widget.NewButtonWithIcon(lang.L("excel.pick"), theme.FolderOpenIcon(), p.onPick)
	p.pick.Importance = widget.HighImportance
	p.template = widget.NewButtonWithIcon(lang.L("excel.template"), theme.DownloadIcon(), p.onTemplate)
	p.status = widget.NewLabel(lang.L("excel.import_hint"))
	p.status.Wrapping = fyne.TextWrapWord
	p.problems = p.newProblemTable()
	p.confirm = widget.NewButtonWithIcon(lang.L("excel.confirm"), theme.ConfirmIcon(), p.onConfirm)
	p.confirm.Importance = widget.HighImportance
	p.cancel = widget.NewButtonWithIcon(lang.L("button.cancel"), theme.CancelIcon(), p.onCancel)
	p.saveBad = widget.NewButtonWithIcon(lang.L("excel.save_refused"), theme.DocumentSaveIcon(), p.onSaveRefused)
	p.convertB = widget.NewButtonWithIcon("", theme.ConfirmIcon(), p.onConvertOldIDs)
	p.busy = widget.NewProgressBarInfinite()
	p.busy.Hide()
	p.columns = container.NewVBox()
	p.people = p.newPeopleTable()
	p.setPlan(nil, "")

	top := container.NewVBox(container.NewHBox(p.pick, p.template), p.status)
	actions := container.NewVBox(p.busy, container.NewHBox(p.confirm, p.cancel, p.saveBad, p.convertB))
	p.inner = container.NewAppTabs(
		container.NewTabItem(lang.L("import.tab.people"), p.people),
		container.NewTabItem(lang.L("import.tab.columns"), container.NewVScroll(p.columns)),
		container.NewTabItem(lang.L("import.tab.problems"), p.problems))
	importTab := container.NewBorder(top, actions, nil, nil, p.inner)

	p.exp = newExportPart(e)
	exportTab := container.NewVSplit(p.exp.card, p.exp.historyCard)
	exportTab.SetOffset(0.7)
	// Two tabs, so that the problem table has the window's width for its
	// messages and the export form its height.
	p.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon(lang.L("excel.import_title"), theme.UploadIcon(), importTab),
		container.NewTabItemWithIcon(lang.L("excel.export_title"), theme.DownloadIcon(), exportTab))
	p.root = p.tabs
	return p
}

func (p *excelScreen) content() fyne.CanvasObject { return p.root }

// shown reloads what other screens may have changed: the sessions for the
// sign-in sheet, the branch's groups and the export history.
func (p *excelScreen) shown() { p.exp.reload() }

func (p *excelScreen) newProblemTable() *widget.Table {
	return newTextTable(func() [][4]string { return p.rows }, problemColumns)
}

// words renders translation keys for the importer with Fyne's catalog.
func words(key string, args map[string]any) string {
	if len(args) == 0 {
		return lang.L(key)
	}
	return lang.L(key, args)
}

// setPlan shows a previewed import, or clears it (plan nil).
func (p *excelScreen) setPlan(plan *rosterfile.Plan, name string) {
	p.plan, p.planName, p.imported = plan, name, false
	p.rows = nil
	if plan != nil {
		for _, pr := range plan.Problems() {
			col := pr.Header
			if col == "" {
				col = lang.L("field." + pr.Field)
			}
			if pr.Column != "" {
				col = pr.Column + "（" + col + "）"
			}
			p.rows = append(p.rows, [4]string{pr.Sheet, fmt.Sprint(pr.Row), col, rosterfile.Message(pr, words)})
		}
	}
	p.problems.Refresh()
	p.showPeople(plan)
	p.showColumns(plan)
	p.convertB.Hide()
	if plan != nil {
		if n := len(plan.OldIDs()); n > 0 && !p.convert {
			p.convertB.SetText(lang.L("import.convert_old_ids", map[string]any{"Count": thousands(n)}))
			p.convertB.Show()
		}
	}
	p.setEnabled(true)
	if plan != nil {
		p.status.SetText(lang.L("excel.preview", map[string]any{"Name": name, "Add": thousands(len(plan.Add)),
			"Update": thousands(len(plan.Update)), "Unchanged": thousands(len(plan.Unchanged)), "Refused": countOrNone(len(plan.Refused))}))
	}
}

// setEnabled turns the import buttons on or off; while idle each is on
// only when it has something to act on.
func (p *excelScreen) setEnabled(idle bool) {
	enable := func(b *widget.Button, on bool) {
		if on && idle {
			b.Enable()
		} else {
			b.Disable()
		}
	}
	enable(p.pick, true)
	enable(p.template, true)
	enable(p.confirm, p.plan != nil && !p.imported && len(p.plan.Add)+len(p.plan.Update) > 0)
	enable(p.convertB, p.plan != nil && !p.imported)
	enable(p.cancel, p.plan != nil)
	enable(p.saveBad, p.plan != nil && len(p.plan.Refused) > 0)
}

func (p *excelScreen) onPick() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			showError(err, p.win)
			return
		}
		if r == nil {
			return // cancelled
		}
		rememberFolder(p.prefs, nativePath(r.URI().Path()), false)
		p.preview(r.URI().Name(), r)
	}, p.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".xlsx"}))
	startIn(d, p.prefs) // Documents, or the folder last used (folders.go)
	d.Show()
}

// preview reads a picked roster and shows what importing it would do.
// Nothing changes in the ledger. The choices made for the last file stay
// until another file is picked; columns chosen for a file with the same
// headers before are read that way again.
func (p *excelScreen) preview(name string, r io.ReadCloser) {
	p.setPlan(nil, "")
	p.mapping, p.convert, p.file = nil, false, nil
	p.status.SetText(lang.L("excel.reading", map[string]any{"Name": name}))
	p.busy.Show()
	p.setEnabled(false)
	// The read and the preview share a purpose: a newer pick or 取消
	// drops what is still running.
	load(p.run, previewPurpose, func() (outcome[[]byte], error) {
		defer r.Close() // a reader: nothing to lose on close
		b, err := io.ReadAll(io.LimitReader(r, rosterfile.DefaultMaxFileSize+1))
		if err == nil && len(b) > rosterfile.DefaultMaxFileSize {
			err = rosterfile.ErrTooLarge
		}
		return outcome[[]byte]{b, err}, nil
	}, func(o outcome[[]byte]) {
		if o.err != nil {
			p.busy.Hide()
			p.setEnabled(true)
			p.status.SetText(excelErrorText(o.err))
			return
		}
		p.file = o.v
		p.reread(name, true)
	})
}

// previewPurpose is the runner purpose of reading and previewing a roster.
const previewPurpose purpose = "excel.preview"

// outcome is a value with its error, for work whose error the screen
// shows itself (in its status line) rather than in a dialog.
type outcome[T any] struct {
	v   T
	err error
}

// reread previews the picked file again with the current choices; first
// says it is the file's first reading, when a remembered choice of columns
// for the same headers is applied.
func (p *excelScreen) reread(name string, first bool) {
	l, b := p.ledger, p.file
	opt := rosterfile.Options{Source: name, Map: p.mapping, ConvertOldIDs: p.convert}
	p.busy.Show()
	p.setEnabled(false)
	load(p.run, previewPurpose, func() (outcome[*rosterfile.Plan], error) {
		plan, err := rosterfile.Preview(l, bytes.NewReader(b), opt)
		return outcome[*rosterfile.Plan]{plan, err}, nil
	}, func(o outcome[*rosterfile.Plan]) {
		p.busy.Hide()
		if o.err != nil {
			p.setPlan(nil, "")
			p.status.SetText(excelErrorText(o.err))
			return
		}
		plan := o.v
		if first {
			if m := p.rememberedMapping(plan); len(m) > 0 {
				p.mapping = m
				p.reread(name, false)
				return
			}
		}
		p.setPlan(plan, name)
	})
}

// onConvertOldIDs accepts the 18-digit form of the file's 15-digit ID
// numbers and previews the file again.
func (p *excelScreen) onConvertOldIDs() {
	if p.plan == nil || p.file == nil {
		return
	}
	p.convert = true
	p.reread(p.planName, false)
}

// onConfirm applies the previewed import in one transaction: the rows to
// add and update; refused rows are left out (they can be saved, fixed and
// imported again).
func (p *excelScreen) onConfirm() {
	plan, l := p.plan, p.ledger
	if plan == nil {
		return
	}
	p.busy.Show()
	p.setEnabled(false)
	p.status.SetText(lang.L("excel.importing"))
	run(p.run, func() (struct{}, error) {
		return struct{}{}, plan.Apply(l)
	}, func(_ struct{}, err error) {
		p.busy.Hide()
		if err != nil {
			p.setEnabled(true)
			p.status.SetText(excelErrorText(err))
			return
		}
		p.keepRefused(plan)
		p.status.SetText(lang.L("excel.imported", map[string]any{"Add": thousands(len(plan.Add)), "Update": thousands(len(plan.Update)),
			"Refused": countOrNone(len(plan.Refused))}))
	})
}

func (p *excelScreen) onCancel() {
	p.run.drop(previewPurpose) // a read or preview still running is not shown
	p.busy.Hide()
	p.file, p.mapping, p.convert = nil, nil, false
	p.setPlan(nil, "")
	p.status.SetText(lang.L("excel.cancelled"))
}

// onSaveRefused saves the refused rows, with a problem column, to fix and
// import again.
func (p *excelScreen) onSaveRefused() {
	plan := p.plan
	if plan == nil {
		return
	}
	name := strings.TrimSuffix(p.planName, ".xlsx") + lang.L("excel.refused_suffix") + ".xlsx"
	p.saveAs(name, func(w io.Writer) error { return rosterfile.WriteRefused(w, plan, words) })
}

// onTemplate saves 导入模板.xlsx with the branch's party groups.
func (p *excelScreen) onTemplate() {
	l := p.ledger
	p.saveAs(lang.L("excel.template_file"), func(w io.Writer) error {
		b, err := l.Branch()
		if err != nil {
			return err
		}
		return rosterfile.WriteTemplate(w, b.Groups)
	})
}

// saveAs asks where to save a new workbook and writes it in the background.
func (p *excelScreen) saveAs(name string, write func(io.Writer) error) {
	d := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
		if err != nil {
			showError(err, p.win)
			return
		}
		if wc == nil {
			return // cancelled
		}
		rememberFolder(p.prefs, nativePath(wc.URI().Path()), false)
		run(p.run, func() (string, error) { return wc.URI().Name(), writeAndClose(wc, write) },
			func(saved string, err error) {
				if err != nil {
					dialog.ShowInformation(lang.L("common.error"), excelErrorText(err), p.win)
					return
				}
				p.status.SetText(lang.L("excel.saved", map[string]any{"Name": saved}))
			})
	}, p.win)
	d.SetFileName(name)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".xlsx"}))
	startIn(d, p.prefs)
	d.Show()
}

// writeAndClose renders the workbook in memory first, so a failure while
// building it leaves no half-written file behind, then writes and closes.
func writeAndClose(wc io.WriteCloser, write func(io.Writer) error) error {
	var buf bytes.Buffer
	err := write(&buf)
	if err == nil {
		_, err = wc.Write(buf.Bytes())
	}
	if cerr := wc.Close(); err == nil {
		err = cerr
	}
	return err
}

// excelErrorText returns the words for an error of the importer or the
// reports, falling back to the general error words.
func excelErrorText(err error) string {
	if key := rosterfile.MessageKey(err); key != "" {
		return words(key, rosterfile.MessageArgs(err))
	}
	switch {
	case errors.Is(err, report.ErrTargetBusy):
		return lang.L("report.error.target_busy")
	case errors.Is(err, report.ErrTargetReadOnly):
		return lang.L("report.error.target_read_only")
	case errors.Is(err, report.ErrNoSession):
		return lang.L("report.error.no_session")
	case errors.Is(err, report.ErrUnknownReport):
		return lang.L("report.error.unknown_report")
	}
	return errorText(err)
}
