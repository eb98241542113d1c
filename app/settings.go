package app

import (
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"branchledger/data"
)

// settingsScreen edits the branch profile and the attendance-rate rule,
// and shows where the ledger and its backups are, with 立即备份 and 恢复.
type settingsScreen struct {
	env
	name, committee, secretary *escEntry
	groups                     *escEntry
	leaveCounts                *widget.Check
	save                       *widget.Button
	ledgerPath, backupDir      *widget.Label
	backups                    []string
	backupList                 *widget.List
	root                       fyne.CanvasObject
	loading                    bool // filling the fields: not the user's changes
	term                       *termCard
	reports                    *reportProfile
}

func newSettingsScreen(e env) *settingsScreen {
	p := &settingsScreen{env: e}
	p.name = newFormEntry()
	p.committee = newFormEntry()
	p.secretary = newFormEntry()
	p.groups = newFormMultiLineEntry()
	p.groups.SetPlaceHolder(lang.L("welcome.groups_placeholder"))
	p.groups.SetMinRowsVisible(3)
	p.save = widget.NewButtonWithIcon(lang.L("button.save"), theme.DocumentSaveIcon(), p.onSaveProfile)
	p.save.Importance = widget.HighImportance
	profile := widget.NewCard(lang.L("settings.profile"), "", container.NewVBox(
		widget.NewForm(
			widget.NewFormItem(lang.L("field.branch"), p.name),
			widget.NewFormItem(lang.L("welcome.committee"), p.committee),
			widget.NewFormItem(lang.L("welcome.secretary"), p.secretary),
			widget.NewFormItem(lang.L("welcome.groups"), p.groups),
		),
		container.NewHBox(p.save)))

	p.leaveCounts = widget.NewCheck(lang.L("settings.leave_counts"), p.onLeaveCountsChanged)
	rule := widget.NewLabel(lang.L("settings.leave_counts_hint"))
	rule.Wrapping = fyne.TextWrapWord
	rate := widget.NewCard(lang.L("settings.rate"), "", container.NewVBox(p.leaveCounts, rule))

	p.ledgerPath = widget.NewLabel("")
	p.ledgerPath.Wrapping = fyne.TextWrapBreak
	p.backupDir = widget.NewLabel("")
	p.backupDir.Wrapping = fyne.TextWrapBreak
	backupNow := widget.NewButtonWithIcon(lang.L("menu.backup"), theme.DownloadIcon(), e.nav.BackupNow)
	p.backupList = widget.NewList(
		func() int { return len(p.backups) },
		func() fyne.CanvasObject {
			return container.NewBorder(nil, nil, nil, widget.NewButton(lang.L("settings.restore"), nil), widget.NewLabel("2026-11-29 12:00:00"))
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			row := o.(*fyne.Container)
			row.Objects[0].(*widget.Label).SetText(backupLabel(p.backups[i]))
			path := p.backups[i]
			row.Objects[1].(*widget.Button).OnTapped = func() { p.onRestore(path) }
		})
	// 立即备份 above the list of backups, so that it is reached without
	// scrolling past the list on a 1024×600 screen; the list is short
	// (ten backups are kept) and scrolls inside its own box.
	files := widget.NewCard(lang.L("settings.files"), lang.L("settings.files_hint"), container.NewBorder(
		container.NewVBox(widget.NewForm(
			widget.NewFormItem(lang.L("settings.ledger_path"), p.ledgerPath),
			widget.NewFormItem(lang.L("settings.backup_dir"), p.backupDir),
		), container.NewHBox(backupNow)),
		nil, nil, nil,
		container.NewGridWrap(fyne.NewSize(560, 200), p.backupList)))

	p.term = newTermCard(e)
	p.reports = newReportProfile(e)
	p.root = container.NewVScroll(container.NewVBox(profile, p.term.card, p.reports.card, rate, files))
	return p
}

func (p *settingsScreen) content() fyne.CanvasObject { return p.root }

// shown reads the branch profile and the list of backups.
func (p *settingsScreen) shown() {
	l := p.ledger
	if l == nil {
		return
	}
	p.ledgerPath.SetText(l.Path())
	p.term.reload()
	p.backupDir.SetText(data.BackupDir(l.Path()))
	type loaded struct {
		b       data.Branch
		backups []string
	}
	load(p.run, purpose("settings"), func() (loaded, error) {
		b, err := l.Branch()
		if err != nil {
			return loaded{}, err
		}
		bs, err := data.Backups(l.Path())
		return loaded{b, bs}, err
	}, func(ld loaded) {
		p.loading = true
		p.name.SetText(ld.b.Name)
		p.committee.SetText(ld.b.Committee)
		p.secretary.SetText(ld.b.Secretary)
		p.groups.SetText(strings.Join(ld.b.Groups, "\n"))
		p.leaveCounts.SetChecked(ld.b.LeaveCountsAgainst)
		p.reports.fill(ld.b)
		p.loading = false
		p.backups = ld.backups
		p.backupList.Refresh()
	})
}

// backupLabel shows a backup by its time: "2026-11-29 06:01:02".
func backupLabel(path string) string {
	n := strings.TrimSuffix(filepath.Base(path), ".ledger")
	if len(n) < len("20261129-060102") {
		return n
	}
	st := n[len(n)-len("20261129-060102"):]
	return st[0:4] + "-" + st[4:6] + "-" + st[6:8] + " " + st[9:11] + ":" + st[11:13] + ":" + st[13:15]
}

// onSaveProfile stores name, committee, secretary and groups, keeping the
// rest of the branch record as it is in the ledger.
func (p *settingsScreen) onSaveProfile() {
	l := p.ledger
	name, committee, secretary := strings.TrimSpace(p.name.Text), strings.TrimSpace(p.committee.Text), strings.TrimSpace(p.secretary.Text)
	groups := splitGroups(p.groups.Text)
	p.save.Disable()
	run(p.run, func() (struct{}, error) {
		return struct{}{}, l.UpdateBranch(func(b *data.Branch) error {
			b.Name, b.Committee, b.Secretary, b.Groups = name, committee, secretary, groups
			return nil
		})
	}, func(_ struct{}, err error) {
		p.save.Enable()
		if err != nil {
			showError(err, p.win)
			return
		}
		p.nav.BranchRenamed()
		showMessage(lang.L("settings.profile"), lang.L("common.saved"), p.win)
	})
}

// onLeaveCountsChanged stores the attendance-rate rule as soon as it is
// switched.
func (p *settingsScreen) onLeaveCountsChanged(on bool) {
	if p.loading || p.ledger == nil {
		return
	}
	l := p.ledger
	save(p.run, func() (struct{}, error) {
		return struct{}{}, l.UpdateBranch(func(b *data.Branch) error {
			b.LeaveCountsAgainst = on
			return nil
		})
	}, nil, func(struct{}) {})
}

// onRestore puts a backup back after a confirmation. data.Restore needs
// the ledger closed: the shell closes it, the restore (which first keeps
// the current file in the backups folder) runs in background, and the
// ledger is opened again either way.
func (p *settingsScreen) onRestore(backup string) {
	msg := widget.NewLabel(lang.L("settings.restore_confirm", map[string]any{"When": backupLabel(backup)}))
	msg.Wrapping = fyne.TextWrapWord
	c := dialog.NewCustomConfirm(lang.L("settings.restore"), lang.L("settings.restore"), lang.L("button.cancel"), msg, func(ok bool) {
		if ok {
			p.nav.RestoreBackup(backup)
		}
	}, p.win)
	c.Resize(fyne.NewSize(480, 220))
	c.Show()
}
