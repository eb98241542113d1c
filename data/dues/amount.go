package dues

import (
	"fmt"
	"strings"
)

// ParseError says why an amount was refused. Code is a message key of the
// dues translation files (dues.amount.*); the UI and the command line show
// it in the user's language.
type ParseError struct {
	Input string
	Code  string
}

func (e *ParseError) Error() string { return fmt.Sprintf("amount %q: %s", e.Input, e.Code) }

// Codes of ParseError.
const (
	AmountEmpty    = "dues.amount.empty"     // 没有填写金额
	AmountNegative = "dues.amount.negative"  // 金额不能为负数
	AmountDecimals = "dues.amount.decimals"  // 金额最多两位小数（到分）
	AmountBad      = "dues.amount.bad"       // 不是金额
	AmountTooLarge = "dues.amount.too_large" // 金额过大
)

// maxYuanDigits bounds the whole part: 999,999,999.99 元 is the largest
// amount accepted, far above any pay, and far from int64 overflow when a
// base is multiplied by a rate.
const maxYuanDigits = 9

// ParseYuan reads an amount of 元 as people type it and returns fen:
// "12.5", "12.50元", "¥12.5", "１２．５" (full-width), "1,234.56". It
// refuses a minus sign, more than two decimals (no rounding: an amount
// is exact or it is wrong), anything that is not a number and amounts of
// a billion 元 or more, with a *ParseError.
func ParseYuan(s string) (int64, error) {
	t := normalize(s)
	t = strings.TrimSpace(t)
	t = strings.TrimPrefix(t, "¥")
	t = strings.TrimSuffix(t, "元")
	t = strings.TrimSpace(t)
	fail := func(code string) (int64, error) { return 0, &ParseError{Input: s, Code: code} }
	if t == "" {
		return fail(AmountEmpty)
	}
	if strings.HasPrefix(t, "-") {
		return fail(AmountNegative)
	}
	t = strings.TrimPrefix(t, "+")
	whole, frac, hasDot := strings.Cut(t, ".")
	whole = strings.ReplaceAll(whole, ",", "")
	if whole == "" && (!hasDot || frac == "") {
		return fail(AmountBad)
	}
	var fen int64
	digits := 0
	for _, r := range whole {
		if r < '0' || r > '9' {
			return fail(AmountBad)
		}
		if fen == 0 && r == '0' {
			continue // leading zeros do not count towards the limit
		}
		digits++
		if digits > maxYuanDigits {
			return fail(AmountTooLarge)
		}
		fen = fen*10 + int64(r-'0')
	}
	fen *= 100
	for _, r := range frac {
		if r < '0' || r > '9' {
			return fail(AmountBad)
		}
	}
	if len(frac) > 2 {
		return fail(AmountDecimals)
	}
	switch len(frac) {
	case 1:
		fen += int64(frac[0]-'0') * 10
	case 2:
		fen += int64(frac[0]-'0')*10 + int64(frac[1]-'0')
	}
	return fen, nil
}

// normalize turns full-width digits, dot, comma, plus, minus and yen into
// their ASCII forms, and the Chinese comma into a comma; an IME in full-width
// mode types these.
func normalize(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= '０' && r <= '９':
			return '0' + (r - '０')
		case r == '．' || r == '。':
			return '.'
		case r == '，' || r == '､' || r == '、':
			return ','
		case r == '－' || r == '−':
			return '-'
		case r == '＋':
			return '+'
		case r == '￥':
			return '¥'
		case r == '\u00a0' || r == '\u3000':
			return ' '
		}
		return r
	}, s)
}

// FormatYuan writes fen as 元 with two decimals: 1250 → "12.50",
// -5 → "-0.05".
func FormatYuan(fen int64) string {
	sign := ""
	if fen < 0 {
		sign, fen = "-", -fen
	}
	return fmt.Sprintf("%s%d.%02d", sign, fen/100, fen%100)
}
