package app

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"branchledger/data"
)

// departureReasons are the ways a member leaves, in the order offered.
func departureReasons() []data.DepartureReason {
	return []data.DepartureReason{data.TransferOut, data.Removed, data.Deceased}
}

// onDepart asks how and when the member left (转出 / 出党 / 去世, date,
// destination) and records it. Members are never deleted: the member
// moves to the past members view with their history.
func (f *memberForm) onDepart() {
	reasons := make([]string, 0, 3)
	for _, r := range departureReasons() {
		reasons = append(reasons, lang.L("departure."+string(r)))
	}
	reason := widget.NewSelect(reasons, nil)
	reason.PlaceHolder = lang.L("members.select_placeholder")
	reason.SetSelectedIndex(0)
	date := newDateEntry(f.today)
	date.setDate(f.today())
	dest := newFormEntry()
	dest.SetPlaceHolder(lang.L("members.destination_placeholder"))
	note := newFormEntry()
	problem := widget.NewLabel("")
	problem.Importance = widget.DangerImportance
	problem.Hide()
	paid := newDuesPaidThroughLabel(f.p.env, f.orig.ID) // dues_transfer.go: for the transfer letter
	reason.OnChanged = func(string) {
		if reason.SelectedIndex() == 0 {
			dest.Enable()
			paid.Show()
		} else {
			dest.Disable()
			paid.Hide()
		}
	}
	items := []*widget.FormItem{
		widget.NewFormItem(lang.L("field.reason"), reason),
		widget.NewFormItem(lang.L("field.date"), date.root),
		widget.NewFormItem("", problem),
		widget.NewFormItem(lang.L("members.destination"), dest),
		widget.NewFormItem("", paid),
		widget.NewFormItem(lang.L("field.notes"), note),
	}
	var d *dialog.FormDialog
	d = dialog.NewForm(lang.L("members.depart_title", map[string]any{"Name": f.orig.Name}),
		lang.L("button.confirm"), lang.L("button.cancel"), items, func(ok bool) {
			if !ok {
				return
			}
			v, err := date.date()
			if err != nil || v == 0 {
				problem.SetText(lang.L(data.ProblemBadDate))
				problem.Show()
				d.Show() // keep the dialog up so the user can fix the date
				return
			}
			dep := data.Departure{Reason: departureReasons()[reason.SelectedIndex()], Date: v, Note: strings.TrimSpace(note.Text)}
			if dep.Reason == data.TransferOut {
				dep.Destination = strings.TrimSpace(dest.Text)
			}
			f.depart(dep)
		}, f.p.win)
	d.Resize(fyne.NewSize(520, 360))
	d.Show()
}

// depart records dep for the form's member in background and closes the form.
func (f *memberForm) depart(dep data.Departure) {
	l, id := f.p.ledger, f.orig.ID
	save(f.p.run, func() (struct{}, error) {
		return struct{}{}, l.SetDeparture(id, dep)
	}, nil, func(struct{}) {
		f.dlg.Hide()
		f.p.reload(nil)
	})
}

// onRestore brings a past member back into the branch after a confirmation.
func (f *memberForm) onRestore() {
	msg := widget.NewLabel(lang.L("members.restore_confirm", map[string]any{"Name": f.orig.Name}))
	msg.Wrapping = fyne.TextWrapWord
	c := dialog.NewCustomConfirm(lang.L("members.restore"), lang.L("members.restore"), lang.L("button.cancel"),
		container.NewPadded(msg), func(ok bool) {
			if !ok {
				return
			}
			l, id := f.p.ledger, f.orig.ID
			save(f.p.run, func() (struct{}, error) {
				return struct{}{}, l.RestoreMember(id)
			}, nil, func(struct{}) {
				f.dlg.Hide()
				f.p.reload(nil)
			})
		}, f.p.win)
	c.Resize(fyne.NewSize(420, 180))
	c.Show()
}
