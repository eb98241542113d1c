package data

import (
	"encoding/json"
	"errors"
	"testing"
	"time"
)

// dateCase is one row of a table test.
type dateCase struct {
	in      string
	want    Date
	wantErr bool
}

// dateCases are TestParseDate's table; FuzzParseDate starts from them.
func dateCases() []dateCase {
	return []dateCase{
		{"2026-11-29", 20261129, false},
		{"2000-02-29", 20000229, false},
		{"1949-10-01", 19491001, false},
		{"0001-01-01", 10101, false},
		{"9999-12-31", 99991231, false},
		{"", 0, false},
		{"2026-02-29", 0, true}, // not a leap year
		{"2026-13-01", 0, true},
		{"2026-00-10", 0, true},
		{"2026-04-31", 0, true},
		{"2026-4-1", 0, true}, // two digits each
		{"26-11-29", 0, true},
		{"2026/11/29", 0, true},
		{"2026.11.29", 0, true},
		{"2026年11月29日", 0, true},
		{"20261129", 0, true},
		{" 2026-11-29", 0, true},
		{"2026-11-29 ", 0, true},
		{"2026-11-29T00:00:00Z", 0, true},
		{"-026-11-29", 0, true},
	}
}

func TestParseDate(t *testing.T) {
	for _, tt := range dateCases() {
		got, err := ParseDate(tt.in)
		if got != tt.want || (err != nil) != tt.wantErr {
			t.Errorf("ParseDate(%q) = %d, %v; want %d, error %v", tt.in, got, err, tt.want, tt.wantErr)
		}
		if err != nil && !errors.Is(err, ErrBadDate) {
			t.Errorf("ParseDate(%q) error %v is not ErrBadDate", tt.in, err)
		}
	}
}

func TestDateParts(t *testing.T) {
	tests := []struct {
		d        Date
		str      string
		month    string
		weekday  time.Weekday
		quarter  int
		valid    bool
		yearsTo  Date
		years    int
		addDays  int
		addedStr string
	}{
		{NewDate(2026, 11, 29), "2026-11-29", "2026-11", time.Sunday, 4, true, NewDate(2027, 11, 28), 0, 3, "2026-12-02"},
		{NewDate(2026, 12, 31), "2026-12-31", "2026-12", time.Thursday, 4, true, NewDate(2027, 12, 31), 1, 1, "2027-01-01"},
		{NewDate(2026, 3, 31), "2026-03-31", "2026-03", time.Tuesday, 1, true, NewDate(2026, 4, 1), 0, 1, "2026-04-01"},
		{NewDate(2026, 4, 1), "2026-04-01", "2026-04", time.Wednesday, 2, true, NewDate(2026, 3, 31), -1, -1, "2026-03-31"},
		{NewDate(2024, 2, 29), "2024-02-29", "2024-02", time.Thursday, 1, true, NewDate(2025, 2, 28), 0, 365, "2025-02-28"},
		{NewDate(2024, 2, 29), "2024-02-29", "2024-02", time.Thursday, 1, true, NewDate(2042, 3, 1), 18, -60, "2023-12-31"},
		{NewDate(2026, 7, 1), "2026-07-01", "2026-07", time.Wednesday, 3, true, NewDate(2026, 7, 1), 0, 0, "2026-07-01"},
	}
	for _, tt := range tests {
		if got := tt.d.String(); got != tt.str {
			t.Errorf("String() = %q, want %q", got, tt.str)
		}
		if got := tt.d.MonthKey(); got != tt.month {
			t.Errorf("%s MonthKey() = %q, want %q", tt.str, got, tt.month)
		}
		if got := tt.d.Weekday(); got != tt.weekday {
			t.Errorf("%s Weekday() = %v, want %v", tt.str, got, tt.weekday)
		}
		if got := tt.d.Quarter(); got != tt.quarter {
			t.Errorf("%s Quarter() = %d, want %d", tt.str, got, tt.quarter)
		}
		if got := tt.d.Valid(); got != tt.valid {
			t.Errorf("%s Valid() = %v, want %v", tt.str, got, tt.valid)
		}
		if got := YearsBetween(tt.d, tt.yearsTo); got != tt.years {
			t.Errorf("YearsBetween(%s, %s) = %d, want %d", tt.str, tt.yearsTo, got, tt.years)
		}
		if got := tt.d.AddDays(tt.addDays).String(); got != tt.addedStr {
			t.Errorf("%s AddDays(%d) = %s, want %s", tt.str, tt.addDays, got, tt.addedStr)
		}
	}
}

func TestDateValid(t *testing.T) {
	tests := []struct {
		d    Date
		want bool
	}{
		{20261129, true},
		{20240229, true},
		{20260229, false},
		{20260230, false},
		{20261131, false},
		{20261300, false},
		{20261200, false},
		{20260001, false},
		{20261132, false},
		{0, false},
		{-20261129, false},
		{101, true}, // 0000-01-01
	}
	for _, tt := range tests {
		if got := tt.d.Valid(); got != tt.want {
			t.Errorf("Date(%d).Valid() = %v, want %v", tt.d, got, tt.want)
		}
	}
}

func TestNewDateNormalises(t *testing.T) {
	tests := []struct {
		y    int
		m    time.Month
		d    int
		want string
	}{
		{2026, 13, 1, "2027-01-01"},
		{2026, 3, 0, "2026-02-28"},
		{2024, 3, 0, "2024-02-29"},
		{2026, 12, 32, "2027-01-01"},
	}
	for _, tt := range tests {
		if got := NewDate(tt.y, tt.m, tt.d).String(); got != tt.want {
			t.Errorf("NewDate(%d, %d, %d) = %s, want %s", tt.y, tt.m, tt.d, got, tt.want)
		}
	}
	if got := Date(0).String(); got != "" {
		t.Errorf("zero String() = %q, want empty", got)
	}
	if !Date(0).IsZero() || NewDate(2026, 1, 1).IsZero() {
		t.Error("IsZero wrong")
	}
	if got, want := DateOf(time.Date(2026, 11, 29, 23, 59, 0, 0, time.FixedZone("CST", 8*3600))), Date(20261129); got != want {
		t.Errorf("DateOf in CST = %d, want %d (the date where the time is, not UTC's)", got, want)
	}
}

func TestDateJSON(t *testing.T) {
	type rec struct {
		D Date `json:"d"`
		E Date `json:"e,omitempty"`
	}
	b, err := json.Marshal(rec{D: NewDate(2026, 11, 29)})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(b), `{"d":"2026-11-29"}`; got != want {
		t.Errorf("json = %s, want %s", got, want)
	}
	var r rec
	if err := json.Unmarshal([]byte(`{"d":"2001-07-01","e":""}`), &r); err != nil || r.D != 20010701 || r.E != 0 {
		t.Errorf("unmarshal = %+v, %v", r, err)
	}
	if err := json.Unmarshal([]byte(`{"d":"2001-02-30"}`), &r); !errors.Is(err, ErrBadDate) {
		t.Errorf("unmarshal of 2001-02-30: got %v, want ErrBadDate", err)
	}
}

func FuzzParseDate(f *testing.F) {
	for _, tt := range dateCases() {
		f.Add(tt.in)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err != nil {
			if d != 0 || !errors.Is(err, ErrBadDate) {
				t.Fatalf("ParseDate(%q) = %d, %v", s, d, err)
			}
			return
		}
		if s == "" {
			if d != 0 {
				t.Fatalf("ParseDate(\"\") = %d", d)
			}
			return
		}
		if !d.Valid() {
			t.Fatalf("ParseDate(%q) = %d, not a valid date", s, d)
		}
		if d.String() != s {
			t.Fatalf("ParseDate(%q).String() = %q", s, d.String())
		}
		text, _ := d.MarshalText()
		var back Date
		if err := back.UnmarshalText(text); err != nil || back != d {
			t.Fatalf("text round trip of %q: %d, %v", s, back, err)
		}
		if next := d.AddDays(1); next <= d || next.AddDays(-1) != d {
			t.Fatalf("AddDays around %s: %s", d, next)
		}
		if q := d.Quarter(); q < 1 || q > 4 {
			t.Fatalf("%s quarter %d", d, q)
		}
	})
}
