package app

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"branchledger/data/report"
)

// onExport writes the year's 党费年度汇总 and 党费收缴台账 to a workbook in
// the export folder (the one the Excel page remembers). The file is
// written beside the target and renamed over it (report.WriteFile), so an
// existing file stays whole until the new one is complete.
func (p *duesScreen) onExport() {
	dir := p.prefs.StringWithFallback(prefExportDir, defaultExportDir())
	folder := newFormEntry()
	folder.SetText(dir)
	name := newFormEntry()
	name.SetText(fmt.Sprintf("党费台账-%d.xlsx", p.year))
	items := []*widget.FormItem{
		widget.NewFormItem(lang.L("dues.export_folder"), folder),
		widget.NewFormItem(lang.L("dues.export_name"), name),
	}
	d := dialog.NewForm(lang.L("dues.export"), lang.L("dues.export"), lang.L("button.cancel"), items, func(ok bool) {
		if !ok {
			return
		}
		n := strings.TrimSpace(name.Text)
		if !strings.HasSuffix(strings.ToLower(n), ".xlsx") {
			n += ".xlsx"
		}
		path := filepath.Join(strings.TrimSpace(folder.Text), n)
		if _, err := os.Stat(path); err == nil {
			dialog.ShowConfirm(lang.L("dues.export"), lang.L("dues.export_replace", map[string]any{"Name": n}), func(ok bool) {
				if ok {
					p.exportTo(path)
				}
			}, p.win)
			return
		}
		p.exportTo(path)
	}, p.win)
	d.Resize(fyne.NewSize(600, 240))
	d.Show()
}

func (p *duesScreen) exportTo(path string) {
	l, year := p.ledger, p.year
	run(p.run, func() (struct{}, error) {
		return struct{}{}, report.WriteFile(l, path, report.Options{Year: year, Reports: []string{report.Dues}})
	}, func(_ struct{}, err error) {
		if err != nil {
			duesInfo(excelErrorText(err), p.win)
			return
		}
		duesInfo(lang.L("dues.exported", map[string]any{"File": path}), p.win)
	})
}
