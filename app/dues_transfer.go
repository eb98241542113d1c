package app

import (
	"fmt"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
	"github.com/google/uuid"

	"branchledger/data"
)

// The 党费交至 month of a member, for the transfer letter (issue 10): on
// the 转出 dialog and in the history of a member who left by transfer.

// duesPaidThroughText is "党费交至：2026年10月", or "党费交至：无党费记录"
// when the member never paid (ym is 0).
func duesPaidThroughText(ym data.YearMonth) string {
	if ym == 0 {
		return lang.L("polish.dues_none")
	}
	return lang.L("polish.dues_paid_through", map[string]any{
		"Year": ym.Year(), "Month": int(ym.Month()), "MM": fmt.Sprintf("%02d", int(ym.Month()))})
}

// newDuesPaidThroughLabel is a label that shows member id's 党费交至 month
// once the background read of the dues accounts has come back.
func newDuesPaidThroughLabel(e env, id uuid.UUID) *widget.Label {
	label := widget.NewLabel(lang.L("polish.dues_loading"))
	l := e.ledger
	run(e.run, func() (data.YearMonth, error) { return l.DuesPaidThrough(id) },
		func(ym data.YearMonth, err error) {
			if err != nil {
				label.SetText(errorText(err))
				return
			}
			label.SetText(duesPaidThroughText(ym))
		})
	return label
}
