package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"

	"branchledger/data"
)

// confirmDuplicate asks before saving a single session that falls on a
// date with a session of the same kind at an overlapping time; anyway
// runs when the user saves it all the same. It reports whether it asked
// (false: no duplicate, nothing shown).
func confirmDuplicate(w fyne.Window, cs []data.Conflict, anyway func()) bool {
	if len(cs) == 0 {
		return false
	}
	e := &cs[0].Existing
	msg := lang.L("series.single_conflict", map[string]any{"Date": e.Date.String(), "Time": timeRange(e),
		"Kind": kindName(e.Kind), "Theme": e.Theme})
	d := dialog.NewConfirm(lang.L("series.single_conflict_title"), msg, func(ok bool) {
		if ok {
			anyway()
		}
	}, w)
	d.SetConfirmText(lang.L("series.save_anyway"))
	d.SetDismissText(lang.L("button.cancel"))
	d.Show()
	return true
}
