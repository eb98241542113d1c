package app

import (
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"branchledger/data"
)

// openStudyHours shows who is short of the year's study hours (学时): 32
// for a member, 56 for the secretary and the committee.
func openStudyHours(e env, year int) {
	l := e.ledger
	if l == nil {
		return
	}
	load(e.run, "", func() ([]data.MemberHours, error) { return l.StudyHours(year) }, func(hs []data.MemberHours) {
		var short []data.MemberHours
		for _, h := range hs {
			if h.Short() {
				short = append(short, h)
			}
		}
		head := widget.NewLabel(lang.L("duties.hours_all_met"))
		if len(short) > 0 {
			head.SetText(lang.L("duties.hours_short", map[string]any{"Count": thousands(len(short))}))
		}
		head.Wrapping = fyne.TextWrapWord
		list := widget.NewList(func() int { return len(short) },
			func() fyne.CanvasObject { return widget.NewLabel("王晓明 12.5 / 56 学时") },
			func(i widget.ListItemID, o fyne.CanvasObject) {
				h := short[i]
				o.(*widget.Label).SetText(lang.L("duties.hours_line", map[string]any{"Name": h.Member.Name,
					"Got": hoursText(h.Total()), "Need": hoursText(h.Required)}))
			})
		source := widget.NewLabel(lang.L("duties.source.study_hours"))
		d := dialog.NewCustom(lang.L("duties.hours_title", map[string]any{"Year": year}), lang.L("button.ok"),
			container.NewBorder(head, source, nil, nil, list), e.win)
		d.Resize(fyne.NewSize(520, 480))
		d.Show()
	})
}

// hoursText shows hours with at most one decimal: 12, 12.5.
func hoursText(h float64) string { return strconv.FormatFloat(h, 'f', -1, 64) }
