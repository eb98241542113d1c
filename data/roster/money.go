package roster

import (
	"math"
	"strconv"
	"strings"
)

// maxDuesBase bounds a monthly dues base: 10 million yuan, in fen.
const maxDuesBase = 10_000_000 * 100

// parseYuan reads an amount of money in yuan, as people type it into a
// 月工资 / 缴费基数 column ("5000", "5,000.50", "5000元", "￥5000", "5000.00
// 元") and returns it in fen. At most two decimals; no negative amounts.
func parseYuan(s string) (int64, bool) {
	s = dropSpaces(foldWidth(s))
	s = strings.TrimPrefix(strings.TrimPrefix(s, "￥"), "¥")
	s = strings.TrimSuffix(strings.TrimSuffix(s, "元"), "人民币")
	s = strings.ReplaceAll(s, ",", "")
	if s == "" {
		return 0, false
	}
	if strings.ContainsAny(s, "eE") {
		// A number cell's raw value in E notation: whole yuan only.
		f, err := strconv.ParseFloat(s, 64)
		if err != nil || f < 0 || f != math.Trunc(f) || f*100 > maxDuesBase {
			return 0, false
		}
		return int64(f) * 100, true
	}
	whole, frac, hasPoint := strings.Cut(s, ".")
	if whole == "" || len(whole) > 10 || !allASCIIDigits(whole) {
		return 0, false
	}
	if hasPoint {
		// A number cell may keep binary noise (5000.1 as 5000.1000000000004):
		// round what lies beyond the fen.
		if frac == "" || !allASCIIDigits(frac) {
			return 0, false
		}
		if len(frac) > 2 {
			f, err := strconv.ParseFloat(s, 64)
			if err != nil {
				return 0, false
			}
			fen := math.Round(f * 100)
			if math.Abs(f*100-fen) > 1e-6*math.Max(1, f) {
				return 0, false // more than two real decimals
			}
			if fen > maxDuesBase {
				return 0, false
			}
			return int64(fen), true
		}
	}
	n, err := strconv.ParseInt(whole, 10, 64)
	if err != nil {
		return 0, false
	}
	fen := n * 100
	if frac != "" {
		f := frac
		if len(f) == 1 {
			f += "0"
		}
		m, err := strconv.ParseInt(f, 10, 64)
		if err != nil {
			return 0, false
		}
		fen += m
	}
	if fen > maxDuesBase {
		return 0, false
	}
	return fen, true
}

func allASCIIDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
