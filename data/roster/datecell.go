package roster

import (
	"math"
	"strconv"
	"strings"

	"branchledger/data"
)

// Problem codes of date cells (translation keys in import.*.json).
const (
	// ProblemAmbiguousMonth: a number such as 2001.1 in a General cell
	// may have been typed as 2001.1 (January) or 2001.10 (October).
	ProblemAmbiguousMonth = "roster.date_ambiguous_month"
	// ProblemBadValue: a cell whose value could not be read; Args Value.
	ProblemBadValue = "roster.bad_value"
)

// numFmt is what a cell's number format says about how its number shows.
type numFmt struct {
	date     bool // a date or time format: the number is a serial day
	decimals int  // digits shown after the point; -1 for General
}

// general is the format of a cell without a style.
var general = numFmt{decimals: -1}

// classifyFormat reads a number format: its built-in ID, or its code when
// it is a custom one (ID 164 and up).
func classifyFormat(id int, code string) numFmt {
	switch {
	case id == 0 || (id >= 164 && strings.EqualFold(code, "General")):
		return general
	case id >= 14 && id <= 22, id >= 27 && id <= 36, id >= 45 && id <= 47, id >= 50 && id <= 58:
		return numFmt{date: true}
	case id == 1 || id == 3 || id == 37 || id == 38:
		return numFmt{decimals: 0}
	case id == 2 || id == 4 || id == 39 || id == 40:
		return numFmt{decimals: 2}
	case id < 164:
		return general
	}
	return customFormat(code)
}

// customFormat reads a custom format code: a date when it has y, m, d, h
// or s outside quotes and brackets; otherwise the zeros after the point of
// its first section.
func customFormat(code string) numFmt {
	if i := strings.IndexByte(code, ';'); i >= 0 {
		code = code[:i]
	}
	quoted, bracket, escaped := false, false, false
	var plain strings.Builder
	for _, r := range code {
		switch {
		case escaped:
			escaped = false
		case quoted:
			quoted = r != '"'
		case bracket:
			bracket = r != ']'
		case r == '"':
			quoted = true
		case r == '[':
			bracket = true
		case r == '\\':
			escaped = true
		default:
			plain.WriteRune(r)
		}
	}
	p := strings.ToLower(plain.String())
	if strings.ContainsAny(p, "ymdhs") || strings.Contains(p, "年") || strings.Contains(p, "月") {
		return numFmt{date: true}
	}
	if strings.EqualFold(strings.TrimSpace(p), "general") || p == "" {
		return general
	}
	dec := 0
	if i := strings.IndexByte(p, '.'); i >= 0 {
		for _, r := range p[i+1:] {
			if r != '0' && r != '#' && r != '?' {
				break
			}
			dec++
		}
	}
	return numFmt{decimals: dec}
}

// dateCell is one date cell as the workbook holds it.
type dateCell struct {
	raw      string // the cell's raw value
	numeric  bool   // stored as a number
	format   numFmt
	date1904 bool // the workbook counts serials from 1904
}

// readDate reads a date cell the way the workbook shows it: a number cell
// through its format (a date format holds a serial day in the workbook's
// own date system; a format showing two decimals shows 2012.1 as 2012.10,
// October), text through parseDate. monthOnly says the cell gave a year
// and month only (the day is the 1st). code is "" or the problem.
func readDate(c dateCell) (d data.Date, monthOnly bool, code string) {
	s := strings.TrimSpace(foldWidth(c.raw))
	if s == "" {
		return 0, false, ""
	}
	if !c.numeric || !isNumber(s) {
		d, ok := parseDate(s)
		if !ok {
			return 0, false, ProblemBadValue
		}
		return d, textMonthOnly(s), ""
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, false, ProblemBadValue
	}
	if c.format.date {
		if d, ok := serialDate(math.Floor(f), c.date1904); ok {
			return d, false, ""
		}
		// 20010701 typed into a date-formatted cell shows as ####: what
		// was meant is plain.
		if f == math.Trunc(f) && f >= 1e5 && f < 1e8 {
			if d, ok := parseDigits(strconv.FormatInt(int64(f), 10)); ok {
				return d, f < 1e7, ""
			}
		}
		return 0, false, ProblemBadValue
	}
	if f != math.Trunc(f) && f >= 1900 && f < 2101 {
		// A year and a month typed as 2001.10, stored as the number 2001.1.
		shown := strconv.FormatFloat(f, 'f', c.format.decimals, 64)
		y, frac, _ := strings.Cut(shown, ".")
		if c.format.decimals < 0 && frac == "1" {
			return 0, false, ProblemAmbiguousMonth
		}
		if len(frac) == 0 || len(frac) > 2 {
			return 0, false, ProblemBadValue
		}
		d, ok := ymd(atoi(y), atoi(frac), 1)
		if !ok {
			return 0, false, ProblemBadValue
		}
		return d, true, ""
	}
	if f == math.Trunc(f) && f >= 1e5 && f < 1e8 {
		d, ok := parseDigits(strconv.FormatInt(int64(f), 10))
		if !ok {
			return 0, false, ProblemBadValue
		}
		return d, f < 1e7, ""
	}
	if n := math.Floor(f); n >= 1900 && n <= 2100 {
		return 0, false, ProblemBadValue // a year alone
	}
	d, ok := serialDate(math.Floor(f), c.date1904)
	if !ok {
		return 0, false, ProblemBadValue
	}
	return d, false, ""
}

// date1904Offset is the days between the 1900 and 1904 date systems'
// serial zero (1899-12-30 and 1904-01-01).
const date1904Offset = 1462

// serialDate converts a serial day number in either date system.
func serialDate(f float64, date1904 bool) (data.Date, bool) {
	if date1904 {
		if f < 0 || f > maxSerial-date1904Offset {
			return 0, false
		}
		return data.DateOf(excelEpoch.AddDate(0, 0, int(f)+date1904Offset)), true
	}
	return fromSerial(f)
}

// textMonthOnly reports whether a date typed as text names a year and a
// month only: "2001.7", "2001年7月", "200107".
func textMonthOnly(s string) bool {
	if data.AllDigits(s) {
		return len(s) == 6
	}
	s = strings.TrimSuffix(strings.TrimSuffix(s, "日"), "号")
	n := len(strings.FieldsFunc(s, func(r rune) bool {
		switch r {
		case '-', '.', '/', '年', '月', '\\', ' ':
			return true
		}
		return false
	}))
	return n == 2
}
