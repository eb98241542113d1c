package app

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"branchledger/data"
)

// TestSettingsReportProfile: the settings show the example's start of the
// records (January) and save a new start, the reporter and the phone in
// the branch profile, leaving its other fields alone.
func TestSettingsReportProfile(t *testing.T) {
	s, _ := quietShell(t)
	s.show(pageSettings)
	p := s.screens.settings
	settle(t, s, "the profile", func() bool { return p.reports.from.text() != "" })
	if got := p.reports.from.text(); got != "2026-01-01" {
		t.Errorf("records from %q, want 2026-01-01", got)
	}
	p.reports.from.entry.SetText("2026-03-01")
	setText(p.reports.reporter, "王晓明")
	setText(p.reports.phone, "021-12345678")
	test.Tap(p.reports.save)
	var b data.Branch
	settle(t, s, "the saved profile", func() bool {
		var err error
		b, err = s.ledger.Branch()
		return err == nil && b.Reporter == "王晓明" && !p.reports.save.Disabled()
	})
	if b.RecordsFrom != data.NewDate(2026, 3, 1) || b.ReporterPhone != "021-12345678" ||
		b.Name != "申江区市场监管局注册登记窗口党支部" || len(b.Groups) != 2 {
		t.Errorf("saved %+v", b)
	}
	p.reports.from.entry.SetText("2026-13-01")
	test.Tap(p.reports.save)
	if !p.reports.problem.Visible() || p.reports.problem.Text != "请按 2026-01-01 的格式填写日期。" {
		t.Errorf("a bad date: problem %q shown %v", p.reports.problem.Text, p.reports.problem.Visible())
	}
}
