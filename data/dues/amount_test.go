package dues

import (
	"errors"
	"testing"
)

var amountCases = []struct {
	in   string
	fen  int64
	code string // "" when accepted
}{
	{"12.5", 1250, ""},
	{"12.50元", 1250, ""},
	{"１２.５", 1250, ""},
	{"１２．５０元", 1250, ""},
	{"¥12.5", 1250, ""},
	{"￥ 3000", 300000, ""},
	{" 3000.01 ", 300001, ""},
	{"1,234.56", 123456, ""},
	{"0.2", 20, ""},
	{".5", 50, ""},
	{"7.", 700, ""},
	{"007.05", 705, ""},
	{"+3", 300, ""},
	{"999999999.99", 99999999999, ""},
	{"", 0, AmountEmpty},
	{"  元", 0, AmountEmpty},
	{"-1", 0, AmountNegative},
	{"－0.5", 0, AmountNegative},
	{"12.345", 0, AmountDecimals},
	{"0.001", 0, AmountDecimals},
	{"12.5.1", 0, AmountBad},
	{"十二元", 0, AmountBad},
	{"1e3", 0, AmountBad},
	{".", 0, AmountBad},
	{"12 .5", 0, AmountBad},
	{"1000000000", 0, AmountTooLarge},
}

func TestParseYuan(t *testing.T) {
	for _, c := range amountCases {
		got, err := ParseYuan(c.in)
		var pe *ParseError
		switch {
		case c.code == "" && (err != nil || got != c.fen):
			t.Errorf("ParseYuan(%q) = %d, %v; want %d", c.in, got, err, c.fen)
		case c.code != "" && (!errors.As(err, &pe) || pe.Code != c.code):
			t.Errorf("ParseYuan(%q) = %d, %v; want error %s", c.in, got, err, c.code)
		}
	}
}

// FuzzParseYuan checks that an accepted amount is never negative, never
// above the limit, and reads back the same after FormatYuan.
func FuzzParseYuan(f *testing.F) {
	for _, c := range amountCases {
		f.Add(c.in)
	}
	f.Fuzz(func(t *testing.T, s string) {
		fen, err := ParseYuan(s)
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) || pe.Code == "" {
				t.Fatalf("ParseYuan(%q): error %v is not a *ParseError with a code", s, err)
			}
			return
		}
		if fen < 0 || fen > 99999999999 {
			t.Fatalf("ParseYuan(%q) = %d, out of range", s, fen)
		}
		back, err := ParseYuan(FormatYuan(fen))
		if err != nil || back != fen {
			t.Fatalf("ParseYuan(FormatYuan(%d)) = %d, %v", fen, back, err)
		}
	})
}
