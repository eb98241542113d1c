package data

import (
	"errors"
	"fmt"
	"time"
)

// Date is a calendar date without a time of day, stored as yyyymmdd
// (20261129). The zero Date means "not set". Dates compare with < and >.
type Date int32

// ErrBadDate is returned by ParseDate for text that is not a yyyy-mm-dd date.
var ErrBadDate = errors.New("not a yyyy-mm-dd date")

// NewDate returns the Date of year, month and day, normalising overflow the
// way time.Date does (month 13 is January of the next year).
func NewDate(year int, month time.Month, day int) Date {
	return DateOf(time.Date(year, month, day, 0, 0, 0, 0, time.UTC))
}

// DateOf returns the calendar date of t in t's own location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date(y*10000 + int(m)*100 + d)
}

// ParseDate parses "2026-11-29". The empty string gives the zero Date.
func ParseDate(s string) (Date, error) {
	if s == "" {
		return 0, nil
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return 0, fmt.Errorf("%q: %w", s, ErrBadDate)
	}
	return DateOf(t), nil
}

// IsZero reports whether the date is unset.
func (d Date) IsZero() bool { return d == 0 }

// Year returns the year of d.
func (d Date) Year() int { return int(d) / 10000 }

// Month returns the month of d.
func (d Date) Month() time.Month { return time.Month(int(d) / 100 % 100) }

// Day returns the day of the month of d.
func (d Date) Day() int { return int(d) % 100 }

// Time returns midnight UTC of d.
func (d Date) Time() time.Time {
	return time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC)
}

// AddDays returns the date n days after d (before, when n is negative).
func (d Date) AddDays(n int) Date { return DateOf(d.Time().AddDate(0, 0, n)) }

// Weekday returns the day of the week of d.
func (d Date) Weekday() time.Weekday { return d.Time().Weekday() }

// Quarter returns 1 to 4.
func (d Date) Quarter() int { return (int(d.Month())-1)/3 + 1 }

// MonthKey returns "2026-11", the form reports and compliance use for a month.
func (d Date) MonthKey() string { return fmt.Sprintf("%04d-%02d", d.Year(), int(d.Month())) }

// String returns "2026-11-29", or "" for the zero Date.
func (d Date) String() string {
	if d == 0 {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year(), int(d.Month()), d.Day())
}

// Valid reports whether d is a real calendar date (not 2026-02-30).
func (d Date) Valid() bool {
	if d <= 0 {
		return false
	}
	return NewDate(d.Year(), d.Month(), d.Day()) == d && d.Month() >= 1 && d.Month() <= 12
}

// MarshalText writes the date as yyyy-mm-dd.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads a yyyy-mm-dd date; empty text gives the zero Date.
func (d *Date) UnmarshalText(b []byte) error {
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// YearsBetween returns the number of whole years from a to b (an age).
func YearsBetween(a, b Date) int {
	n := b.Year() - a.Year()
	if int(b)%10000 < int(a)%10000 {
		n--
	}
	return n
}
