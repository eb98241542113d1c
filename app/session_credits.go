package app

import (
	"fmt"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"branchledger/data"
	"branchledger/data/report"
)

// creditChecks are the session form's boxes for the rules a session also
// counts toward (DOMAIN.md: a Noon Classroom may be the month's themed
// Party day and the quarter's party lecture): one per kind with a rule,
// the session's own kind hidden. The themed Party day is kept in
// Session.ThemedDay, as series and older ledgers do; the others in
// Session.Credits.
type creditChecks struct {
	checks map[data.Kind]*widget.Check
	box    *fyne.Container
}

func newCreditChecks(s data.Session) *creditChecks {
	c := &creditChecks{checks: map[data.Kind]*widget.Check{}, box: container.NewHBox()}
	for _, r := range data.Rules() {
		if _, ok := c.checks[r.Kind]; ok {
			continue
		}
		ch := widget.NewCheck(kindName(r.Kind), nil)
		ch.SetChecked(s.Kind != r.Kind && s.CountsAs(r.Kind))
		c.checks[r.Kind] = ch
		c.box.Add(ch)
	}
	return c
}

// onKind hides the box of the session's own kind: a session counts
// toward its own rule anyway.
func (c *creditChecks) onKind(k data.Kind) {
	for kind, ch := range c.checks {
		if kind == k {
			ch.Hide()
		} else {
			ch.Show()
		}
	}
}

// apply stores the checked credits in s.
func (c *creditChecks) apply(s *data.Session) {
	s.Credits, s.ThemedDay = nil, false
	for _, r := range data.Rules() {
		ch := c.checks[r.Kind]
		if r.Kind == s.Kind || !ch.Checked || containsKind(s.Credits, r.Kind) {
			continue
		}
		if r.Kind == data.ThemedPartyDay {
			s.ThemedDay = true
			continue
		}
		s.Credits = append(s.Credits, r.Kind)
	}
}

func containsKind(ks []data.Kind, k data.Kind) bool {
	for _, x := range ks {
		if x == k {
			return true
		}
	}
	return false
}

// onExportMinutes writes the 会议记录 of the saved session to the export
// folder (the one the Excel screen uses), after asking before it replaces
// a file of the same name.
func (f *sessionForm) onExportMinutes() {
	s := f.orig
	dir := f.prefs.StringWithFallback(prefExportDir, defaultExportDir())
	path := filepath.Join(dir, fmt.Sprintf("%s%s会议记录.xlsx", s.Date, kindName(s.Kind)))
	write := func() {
		l := f.ledger
		run(f.run, func() (struct{}, error) {
			return struct{}{}, report.WriteFile(l, path, report.Options{Year: s.Date.Year(),
				Reports: []string{report.Minutes}, SessionID: s.ID, TitleFont: report.InstalledTitleFont(report.FontDirs())})
		}, func(_ struct{}, err error) {
			if err != nil {
				showMessage(lang.L("reports.form.minutes"), excelErrorText(err), f.win)
				return
			}
			showMessage(lang.L("reports.form.minutes"), lang.L("excel.exported", map[string]any{"File": path}), f.win)
		})
	}
	if _, err := os.Stat(path); err == nil {
		dialog.ShowConfirm(lang.L("excel.replace_title"), lang.L("excel.replace", map[string]any{"Name": filepath.Base(path)}),
			func(ok bool) {
				if ok {
					write()
				}
			}, f.win)
		return
	}
	write()
}
