package dues

import "testing"

// The expected amounts are worked out by hand: base × rate, half up to the fen.
func TestMonthlyDueAtBracketEdges(t *testing.T) {
	cases := []struct {
		cat      Category
		base     int64 // fen
		permille int
		due      int64 // fen
	}{
		// Employed: 0.5 % up to and including 3000 元.
		{Employed, 0, 5, 0},
		{Employed, 299999, 5, 1500},   // 2999.99 × 0.5 % = 14.99995 → 15.00
		{Employed, 300000, 5, 1500},   // 3000.00 × 0.5 % = 15.00
		{Employed, 300001, 10, 3000},  // 3000.01 × 1 % = 30.0001 → 30.00
		{Employed, 499999, 10, 5000},  // 4999.99 × 1 % = 49.9999 → 50.00
		{Employed, 500000, 10, 5000},  // 5000.00 × 1 % = 50.00
		{Employed, 500001, 15, 7500},  // 5000.01 × 1.5 % = 75.00015 → 75.00
		{Employed, 999999, 15, 15000}, // 9999.99 × 1.5 % = 149.99985 → 150.00
		{Employed, 1000000, 15, 15000},
		{Employed, 1000001, 20, 20000}, // 10000.01 × 2 % = 200.0002 → 200.00
		{Employed, 1234567, 20, 24691}, // 12345.67 × 2 % = 246.9134 → 246.91
		{Employed, 456789, 10, 4568},   // 4567.89 × 1 % = 45.6789 → 45.68
		{Employed, 100, 5, 1},          // 1.00 × 0.5 % = 0.005 → half up to 0.01
		{Employed, 99, 5, 0},           // 0.99 × 0.5 % = 0.00495 → 0.00
		{Employed, 300, 5, 2},          // 3.00 × 0.5 % = 0.015 → 0.02 (half up, not to even)
		{Employed, 789050, 15, 11836},  // 7890.50 × 1.5 % = 118.3575 → 118.36
		// Retired: 0.5 % up to and including 5000 元, then 1 %.
		{Retired, 300000, 5, 1500},
		{Retired, 300001, 5, 1500}, // 3000.01 × 0.5 % = 15.00005 → 15.00
		{Retired, 499999, 5, 2500}, // 4999.99 × 0.5 % = 24.99995 → 25.00
		{Retired, 500000, 5, 2500},
		{Retired, 500001, 10, 5000}, // 5000.01 × 1 % = 50.0001 → 50.00
		{Retired, 1000000, 10, 10000},
		{Retired, 1000001, 10, 10000}, // 10000.01 × 1 % = 100.0001 → 100.00
		{Retired, 350090, 5, 1750},    // 3500.90 × 0.5 % = 17.5045 → 17.50
	}
	for _, c := range cases {
		r, ok := Rate(c.cat, c.base)
		if !ok || r != c.permille {
			t.Errorf("Rate(%s, %d) = %d‰ %v, want %d‰", c.cat, c.base, r, ok, c.permille)
		}
		got, err := MonthlyDue(c.cat, c.base, 0)
		if err != nil || got != c.due {
			t.Errorf("MonthlyDue(%s, %d) = %d, %v; want %d fen", c.cat, c.base, got, err, c.due)
		}
	}
}

func TestMonthlyDueFixedAmounts(t *testing.T) {
	cases := []struct {
		cat    Category
		base   int64
		farmer int64
		due    int64
		err    error
	}{
		{Farmer, 0, 20, 20, nil},
		{Farmer, 800000, 100, 100, nil}, // a farmer's base does not matter
		{Farmer, 0, 50, 50, nil},
		{Farmer, 0, 19, 0, ErrFarmerAmount},
		{Farmer, 0, 101, 0, ErrFarmerAmount},
		{Farmer, 0, 0, 0, ErrFarmerAmount},
		{StudentReliefEtc, 0, 0, 20, nil},
		{StudentReliefEtc, 1200000, 0, 20, nil},
		{Employed, -1, 0, 0, ErrNegativeBase},
		{Category("teacher"), 100000, 0, 0, ErrBadCategory},
	}
	for _, c := range cases {
		got, err := MonthlyDue(c.cat, c.base, c.farmer)
		if err != c.err || got != c.due {
			t.Errorf("MonthlyDue(%s, %d, %d) = %d, %v; want %d, %v", c.cat, c.base, c.farmer, got, err, c.due, c.err)
		}
		if _, ok := Rate(c.cat, c.base); ok && (c.cat == Farmer || c.cat == StudentReliefEtc) {
			t.Errorf("Rate(%s) has a rate; fixed amounts have none", c.cat)
		}
	}
}

func TestFormatYuan(t *testing.T) {
	for fen, want := range map[int64]string{0: "0.00", 5: "0.05", 1250: "12.50", 100000: "1000.00", -5: "-0.05"} {
		if got := FormatYuan(fen); got != want {
			t.Errorf("FormatYuan(%d) = %q, want %q", fen, got, want)
		}
	}
}
