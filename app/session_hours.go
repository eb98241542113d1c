package app

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2/lang"

	"branchledger/data"
)

// fieldStudyHours is the session form's 学时 field.
const fieldStudyHours = "study_hours"

// newHoursEntry is the 学时 a session counts for; left empty, it is worked
// out from the start and end times (data.Session.Hours), which the
// placeholder shows.
func (f *sessionForm) newHoursEntry(s data.Session) *escEntry {
	f.hours = newFormEntry()
	if s.StudyHours > 0 {
		f.hours.SetText(hoursText(s.StudyHours))
	}
	f.hours.SetPlaceHolder(lang.L("duties.hours_placeholder"))
	return f.hours
}

// makeUpHoursEntry is the 学时 a make-up study counts for; left empty, the
// missed session's hours.
func makeUpHoursEntry() *escEntry {
	e := newFormEntry()
	e.SetPlaceHolder(lang.L("duties.makeup_hours_placeholder"))
	return e
}

// studyHours returns the hours typed (0: from the duration) and ps with a
// problem added when the text is not a number from 0 to 24.
func (f *sessionForm) studyHours(ps []data.Problem) (float64, []data.Problem) {
	h, ok := parseHours(f.hours.Text)
	if !ok {
		ps = append(ps, data.Problem{Field: fieldStudyHours, Code: "problem.bad_hours"})
	}
	return h, ps
}

// parseHours reads "1", "2.5" or "" (0); ok is false for anything else or
// a value outside 0–24.
func parseHours(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, true
	}
	h, err := strconv.ParseFloat(s, 64)
	if err != nil || !(h >= 0 && h <= 24) { // NaN fails both
		return 0, false
	}
	return h, true
}
