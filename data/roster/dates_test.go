package roster

import (
	"testing"

	"branchledger/data"
)

// dateCases are the date habits of hand-kept rosters; the fuzzer's finds
// are kept here too.
var dateCases = []struct {
	in   string
	want data.Date
	ok   bool
}{
	{"", 0, true},
	{"2001-07-01", 20010701, true},
	{"2001-7-1", 20010701, true},
	{"2001.07.01", 20010701, true},
	{"2001/7/1", 20010701, true},
	{"2001/07/01", 20010701, true},
	{"2001.7", 20010701, true},
	{"2001.07", 20010701, true},
	{"2001.10", 20011001, true},
	{"2001-7", 20010701, true},
	{"2001年7月1日", 20010701, true},
	{"2001年7月1号", 20010701, true},
	{"2001年07月", 20010701, true},
	{"2001 年 7 月 1 日", 20010701, true},
	{"200107", 20010701, true},
	{"20010701", 20010701, true},
	{"２００１－０７－０１", 20010701, true}, // full-width digits and hyphen
	{"2001-07-01 00:00:00", 20010701, true},
	{"2001-07-01T00:00:00Z", 20010701, true},
	{"37073", 20010701, true},       // a real Excel date's serial
	{"37073.5", 20010701, true},     // with a time of day
	{"2.0010701E7", 20010701, true}, // yyyymmdd that became a number
	{"23393", 19640117, true},       // from roster-clean.xlsx
	{"61", 19000301, true},          // after the phantom 1900-02-29
	{"59", 19000228, true},          // before it
	{"60", 0, false},                // 1900-02-29 never existed
	{"2001", 0, false},              // a year alone
	{"2001-02-29", 0, false},        // not a leap year
	{"2001-13-01", 0, false},        // no 13th month
	{"200113", 0, false},            // no 13th month, and too large a serial
	{"1800-01-01", 0, false},        // before 1900
	{"01-07-2001", 0, false},        // day first is ambiguous
	{"7/1/2001", 0, false},          // month first is ambiguous
	{"2001年7月1日上午", 0, false},       // trailing words
	{"一九九八年", 0, false},             // words
	{"-5", 0, false},                // negative
	{"1e308", 0, false},             // enormous
	{"NaN", 0, false},               // not a number
	{"2001..7", 20010701, true},     // a doubled dot
	{"2001.7.1.", 20010701, true},   // a trailing dot
	{"99999999", 0, false},          // 8 digits that are no date
	{"2001.123", 0, false},          // not yyyy.mm, and a serial far too large
	{"20010701.0", 20010701, true},  // yyyymmdd with a fraction
	{"0.5", 0, false},               // a time of day alone
}

func TestParseDate(t *testing.T) {
	for _, tt := range dateCases {
		got, ok := parseDate(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("parseDate(%q): got %v, %v, want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

// FuzzParseDate checks that any text either fails or gives a real date
// between 1900 and 2100.
func FuzzParseDate(f *testing.F) {
	for _, tt := range dateCases {
		f.Add(tt.in)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, ok := parseDate(s)
		if !ok && d != 0 {
			t.Errorf("parseDate(%q): failed with %v", s, d)
		}
		if ok && d != 0 && (!d.Valid() || d.Year() < 1900 || d.Year() > 2100) {
			t.Errorf("parseDate(%q): got %v, not a date a roster holds", s, d)
		}
	})
}
