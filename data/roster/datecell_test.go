package roster

import (
	"strconv"
	"strings"
	"testing"

	"branchledger/data"
)

// Number formats as the tests write them.
var (
	fmtDate   = numFmt{date: true}
	fmtTwoDec = numFmt{decimals: 2}
	fmtOneDec = numFmt{decimals: 1}
	fmtInt    = numFmt{decimals: 0}
)

// dateCellCases are date cells with the workbook's settings and what the
// user saw, worked out by hand; the fuzzer's finds are kept here too.
var dateCellCases = []struct {
	name      string
	cell      dateCell
	want      data.Date
	monthOnly bool
	code      string
}{
	{"1900 serial", dateCell{raw: "37073", numeric: true, format: fmtDate}, 20010701, false, ""},
	{"1904 serial of 2001-07-01", dateCell{raw: "35611", numeric: true, format: fmtDate, date1904: true}, 20010701, false, ""},
	{"1904 serial of 1980-01-02", dateCell{raw: "27760", numeric: true, format: fmtDate, date1904: true}, 19800102, false, ""},
	{"1904 serial 0", dateCell{raw: "0", numeric: true, format: fmtDate, date1904: true}, 19040101, false, ""},
	{"1904 serial with time", dateCell{raw: "35611.75", numeric: true, format: fmtDate, date1904: true}, 20010701, false, ""},
	{"General serial in 1904 book", dateCell{raw: "35611", numeric: true, format: general, date1904: true}, 20010701, false, ""},
	{"0.00 shows 2012.10", dateCell{raw: "2012.1", numeric: true, format: fmtTwoDec}, 20121001, true, ""},
	{"0.00 shows 2010.07", dateCell{raw: "2010.07", numeric: true, format: fmtTwoDec}, 20100701, true, ""},
	{"0.00 binary noise", dateCell{raw: "2012.0999999999999", numeric: true, format: fmtTwoDec}, 20121001, true, ""},
	{"General 2001.1 is ambiguous", dateCell{raw: "2001.1", numeric: true, format: general}, 0, false, ProblemAmbiguousMonth},
	{"0.0 shows 2001.1 too", dateCell{raw: "2001.1", numeric: true, format: fmtOneDec}, 20010101, true, ""},
	{"General 2001.7", dateCell{raw: "2001.7", numeric: true, format: general}, 20010701, true, ""},
	{"General 2001.12", dateCell{raw: "2001.12", numeric: true, format: general}, 20011201, true, ""},
	{"General 2001.13", dateCell{raw: "2001.13", numeric: true, format: general}, 0, false, ProblemBadValue},
	{"0 shows a year alone", dateCell{raw: "2012.1", numeric: true, format: fmtInt}, 0, false, ProblemBadValue},
	{"text 2001.1 is January", dateCell{raw: "2001.1", format: general}, 20010101, true, ""},
	{"text 2001.10 is October", dateCell{raw: "2001.10", format: general}, 20011001, true, ""},
	{"text date", dateCell{raw: "2001-07-01", format: general}, 20010701, false, ""},
	{"text yyyymm", dateCell{raw: "200107", format: general}, 20010701, true, ""},
	{"number yyyymm", dateCell{raw: "200107", numeric: true, format: general}, 20010701, true, ""},
	{"number yyyymmdd", dateCell{raw: "20010701", numeric: true, format: general}, 20010701, false, ""},
	{"bad text", dateCell{raw: "去年", format: general}, 0, false, ProblemBadValue},
	{"blank", dateCell{raw: "  ", numeric: true, format: fmtDate}, 0, false, ""},
	{"negative serial", dateCell{raw: "-3", numeric: true, format: fmtDate}, 0, false, ProblemBadValue},
	// Found by FuzzReadDate: a "number" cell whose value is text reads as text.
	{"number cell holding 2000 1", dateCell{raw: "2000 1", numeric: true, format: fmtDate, date1904: true}, 20000101, true, ""},
	{"yyyymmdd in a date cell", dateCell{raw: "20010701", numeric: true, format: fmtDate}, 20010701, false, ""},
	// Found by FuzzReadDate: yyyymm in a 1904 date cell is no serial there.
	{"yyyymm in a 1904 date cell", dateCell{raw: "200001", numeric: true, format: fmtDate, date1904: true}, 20000101, true, ""},
	{"huge 1904 serial", dateCell{raw: "99999", numeric: true, format: fmtDate, date1904: true}, 0, false, ProblemBadValue},
}

func TestReadDate(t *testing.T) {
	for _, tc := range dateCellCases {
		d, mo, code := readDate(tc.cell)
		if d != tc.want || mo != tc.monthOnly || code != tc.code {
			t.Errorf("%s: got %v, month only %v, %q, want %v, %v, %q", tc.name, d, mo, code, tc.want, tc.monthOnly, tc.code)
		}
	}
}

func TestClassifyFormat(t *testing.T) {
	tests := []struct {
		id   int
		code string
		want numFmt
	}{
		{0, "", general}, {14, "", fmtDate}, {2, "", fmtTwoDec}, {1, "", fmtInt}, {4, "", fmtTwoDec},
		{57, "", fmtDate}, {49, "", general},
		{165, "yyyy-mm-dd", fmtDate}, {165, `yyyy"年"m"月"`, fmtDate}, {165, "0.00", fmtTwoDec},
		{165, "0.0", fmtOneDec}, {165, "General", general}, {165, `0.00"元"`, fmtTwoDec},
		{165, `[Red]0.00;0.00`, fmtTwoDec}, {165, `"day"0`, fmtInt},
	}
	for _, tt := range tests {
		if got := classifyFormat(tt.id, tt.code); got != tt.want {
			t.Errorf("format %d %q: got %+v, want %+v", tt.id, tt.code, got, tt.want)
		}
	}
}

// FuzzReadDate checks date cells with any value and settings: a date is a
// real one between 1900 and 2100, a problem comes with no date, and a
// date-formatted serial in a 1904 workbook is the 1900 reading 1,462 days
// later.
func FuzzReadDate(f *testing.F) {
	for _, tc := range dateCellCases {
		f.Add(tc.cell.raw, tc.cell.numeric, tc.cell.format.date, int8(tc.cell.format.decimals), tc.cell.date1904)
	}
	f.Fuzz(func(t *testing.T, raw string, numeric, date bool, decimals int8, d1904 bool) {
		if decimals > 10 {
			return
		}
		c := dateCell{raw: raw, numeric: numeric, format: numFmt{date: date, decimals: int(decimals)}, date1904: d1904}
		d, _, code := readDate(c)
		if code != "" && d != 0 {
			t.Errorf("%+v: problem %q with a date %v", c, code, d)
		}
		if d != 0 && (!d.Valid() || d.Year() < 1900 || d.Year() > 2100) {
			t.Errorf("%+v: got %v, not a date a roster holds", c, d)
		}
		serial, err := strconv.ParseFloat(strings.TrimSpace(foldWidth(raw)), 64)
		if numeric && date && d1904 && d != 0 && err == nil && serial < maxSerial-date1904Offset {
			c.date1904 = false
			d1900, _, _ := readDate(c)
			if d1900 >= 19000301 && d1900.AddDays(date1904Offset) != d {
				t.Errorf("%q: 1904 reading %v is not the 1900 reading %v plus 1,462 days", raw, d, d1900)
			}
		}
	})
}
