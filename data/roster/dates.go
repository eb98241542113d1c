package roster

import (
	"math"
	"strconv"
	"strings"
	"time"

	"branchledger/data"
)

// Excel's 1900 date system: serial 1 is 1900-01-01, and serial 60 is the
// 1900-02-29 that never was (a Lotus 1-2-3 bug Excel keeps), so serials from
// 61 on count from 1899-12-30.
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

// Serials outside these bounds are not dates a roster holds (before 1900 or
// after 2100).
const (
	minSerial = 1
	maxSerial = 73415 // 2100-12-31
)

// parseDate reads a date cell in every form hand-kept rosters use: a real
// Excel date (its raw serial number), "2001-07-01", "2001.07.01",
// "2001/7/1", "2001.7" (the 1st of the month), "2001年7月1日", "2001年7月",
// "200107", "20010701", with or without a time after it. It returns the
// zero Date for an empty cell and false for text that is not a date.
func parseDate(s string) (data.Date, bool) {
	s = strings.TrimSpace(foldWidth(s))
	if s == "" {
		return 0, true
	}
	// A date-time ("2001-07-01 00:00:00", "2001-07-01T00:00:00") keeps its date.
	if i := strings.IndexAny(s, " T"); i > 0 && strings.Contains(s[i:], ":") {
		s = s[:i]
	}
	s = strings.TrimSpace(s)
	if data.AllDigits(s) {
		return parseDigits(s)
	}
	if isNumber(s) {
		return parseNumber(s)
	}
	return parseSeparated(s)
}

// parseDigits reads a cell of digits only: yyyymmdd, yyyymm or an Excel
// serial number.
func parseDigits(s string) (data.Date, bool) {
	switch len(s) {
	case 8:
		return ymd(atoi(s[:4]), atoi(s[4:6]), atoi(s[6:]))
	case 6:
		if d, ok := ymd(atoi(s[:4]), atoi(s[4:]), 1); ok {
			return d, true
		}
	}
	if len(s) > 6 {
		return 0, false
	}
	n := atoi(s)
	if n >= 1900 && n <= 2100 {
		// A bare year: Excel would read it as a day in 1905, which no
		// roster means.
		return 0, false
	}
	return fromSerial(float64(n))
}

// parseNumber reads a number with a fraction or an exponent: "2001.7" is
// July 2001 (a number cell cannot keep the zero of "2001.10", so that one
// reads as January); anything else is an Excel serial with a time of day.
func parseNumber(s string) (data.Date, bool) {
	if i := strings.IndexByte(s, '.'); i == 4 && !strings.ContainsAny(s, "eE") {
		if d, ok := ymd(atoi(s[:4]), atoi(s[5:]), 1); ok && len(s) <= 7 {
			return d, true
		}
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, false
	}
	if f == math.Trunc(f) && f >= 1e5 && f < 1e8 {
		return parseDigits(strconv.FormatInt(int64(f), 10))
	}
	if n := math.Floor(f); n >= 1900 && n <= 2100 {
		return 0, false // a year with something after it, not a serial
	}
	return fromSerial(math.Floor(f))
}

// fromSerial converts an Excel serial day number to a Date.
func fromSerial(f float64) (data.Date, bool) {
	if f < minSerial || f > maxSerial {
		return 0, false
	}
	n := int(f)
	if n == 60 {
		return 0, false // 1900-02-29 does not exist
	}
	if n < 60 {
		n++ // before the phantom leap day the epoch is one day later
	}
	return data.DateOf(excelEpoch.AddDate(0, 0, n)), true
}

// parseSeparated reads "2001-07-01", "2001.7.1", "2001/7/1", "2001年7月1日",
// "2001年7月", "2001.7" and "2001-7".
func parseSeparated(s string) (data.Date, bool) {
	s = strings.TrimSuffix(s, "日")
	s = strings.TrimSuffix(s, "号")
	parts := strings.FieldsFunc(s, func(r rune) bool {
		switch r {
		case '-', '.', '/', '年', '月', '\\', ' ':
			return true
		}
		return false
	})
	if len(parts) < 2 || len(parts) > 3 || len(parts[0]) != 4 {
		return 0, false
	}
	for _, p := range parts {
		if !data.AllDigits(p) || len(p) > 4 {
			return 0, false
		}
	}
	if len(parts[1]) > 2 || (len(parts) == 3 && len(parts[2]) > 2) {
		return 0, false
	}
	day := 1
	if len(parts) == 3 {
		day = atoi(parts[2])
	}
	return ymd(atoi(parts[0]), atoi(parts[1]), day)
}

// ymd returns the date of year, month and day when it is a real calendar
// date between 1900 and 2100.
func ymd(y, m, d int) (data.Date, bool) {
	if y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1 || d > 31 {
		return 0, false
	}
	date := data.Date(y*10000 + m*100 + d)
	if !date.Valid() {
		return 0, false
	}
	return date, true
}

func atoi(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		return -1
	}
	return n
}

// isNumber reports whether s is a decimal number, possibly with an
// exponent, as a number cell's raw value is.
func isNumber(s string) bool {
	if s == "" || !(s[0] >= '0' && s[0] <= '9') {
		return false
	}
	_, err := strconv.ParseFloat(s, 64)
	return err == nil
}
