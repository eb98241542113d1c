package roster

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"branchledger/data"
)

// foldWidth turns full-width ASCII (１２３, ＡＢＣ, the ideographic space)
// into its half-width form, as typed by Chinese input methods in full-width
// mode, so that ID numbers, phones and dates read the same either way.
func foldWidth(s string) string {
	if !hasWide(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r >= 0xFF01 && r <= 0xFF5E:
			b.WriteRune(r - 0xFF01 + '!')
		case r == 0x3000:
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// hasWide reports whether s holds a full-width character foldWidth changes.
func hasWide(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x80 {
			continue
		}
		for _, r := range s[i:] {
			if (r >= 0xFF01 && r <= 0xFF5E) || r == 0x3000 {
				return true
			}
		}
		return false
	}
	return false
}

// isSpace covers the spaces that hand-typed cells carry: ASCII white space,
// NBSP, the ideographic space and the zero-width characters pasted in from
// web pages and Word.
func isSpace(r rune) bool {
	switch r {
	case 0x00A0, 0x3000, 0x200B, 0x200C, 0x200D, 0xFEFF, 0x2060:
		return true
	}
	return unicode.IsSpace(r)
}

// clean trims a cell and collapses every run of spaces inside it into one
// ASCII space.
func clean(s string) string {
	if isClean(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if isSpace(r) {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// isClean reports whether clean would leave s as it is: no space but
// single ASCII spaces between words.
func isClean(s string) bool {
	prevSpace := true // a leading space is not clean
	for _, r := range s {
		if r == ' ' {
			if prevSpace {
				return false
			}
			prevSpace = true
			continue
		}
		if isSpace(r) {
			return false
		}
		prevSpace = false
	}
	return s == "" || !prevSpace
}

// dropSpaces removes every space, for values that never contain one (ID
// numbers, phones, dates, choices).
func dropSpaces(s string) string {
	return strings.Map(func(r rune) rune {
		if isSpace(r) {
			return -1
		}
		return r
	}, s)
}

// cleanName trims a name; a name written only in Han characters loses the
// spaces that were typed to line up two-character names with
// three-character ones ("张  三").
func cleanName(s string) string {
	s = clean(s)
	if !strings.Contains(s, " ") {
		return s
	}
	for _, r := range s {
		if r != ' ' && !unicode.Is(unicode.Han, r) && r != '·' {
			return s
		}
	}
	return strings.ReplaceAll(s, " ", "")
}

// eNotation matches a number written in scientific notation (3.10105E+17),
// the way Excel shows a long number.
var eNotation = regexp.MustCompile(`^[0-9]+(\.[0-9]+)?[eE][+-]?[0-9]+$`)

// idLookalikes are what Chinese input methods type for the X of an ID
// number: the multiplication sign and the Roman numeral ten.
var idLookalikes = strings.NewReplacer("×", "X", "Ⅹ", "X", "ⅹ", "X", "✕", "X")

// normaliseID returns an ID number as the ledger stores it: half-width, no
// spaces (tabs and zero-width spaces included), no leading apostrophe
// (kept by a CSV opened and saved again), upper-case X for x, × and Ⅹ.
func normaliseID(s string) string {
	s = dropSpaces(foldWidth(s))
	s = strings.TrimLeft(s, "'‘’`")
	return strings.ToUpper(idLookalikes.Replace(s))
}

// isOldID reports whether id is a 15-digit ID number of the first
// generation (before 1999): six digits of place, yymmdd, three of order.
func isOldID(id string) bool {
	if len(id) != 15 || !data.AllDigits(id) {
		return false
	}
	_, ok := ymd(1900+atoi(id[6:8]), atoi(id[8:10]), atoi(id[10:12]))
	return ok
}

// ConvertOldID returns the 18-digit form of a 15-digit ID number (GB 11643:
// the century 19 inserted before the year, and the check character
// appended), or "" when id is not an old number.
func ConvertOldID(id string) string {
	if !isOldID(id) {
		return ""
	}
	first17 := id[:6] + "19" + id[6:]
	return first17 + string(data.IDCheckChar(first17))
}

// lostDigits reports whether an ID number cell shows the damage done by
// storing it as a number: Excel keeps 15 significant digits, so an 18-digit
// number comes back in scientific notation or with its last digits turned
// to zeros. numeric says the cell itself is a number, which is damage
// enough for an 18-digit number: even one that still passes the checksum
// may have lost digits. A 15-digit old number fits a number exactly.
func lostDigits(id string, numeric bool) bool {
	if id == "" || isOldID(id) {
		return false
	}
	if numeric || (strings.ContainsAny(id, "eE") && eNotation.MatchString(id)) {
		return true
	}
	if strings.Contains(id, ".") && isDecimal(id) {
		return true
	}
	return len(id) >= 15 && data.AllDigits(id) && strings.HasSuffix(id, "000") && data.CheckIDNumber(id) != ""
}

func isDecimal(s string) bool {
	_, err := strconv.ParseFloat(s, 64)
	return err == nil
}

// normalisePhone returns a phone number without the spaces, hyphens and
// country code people type into mobile numbers; landlines keep their
// area-code hyphen. A number Excel wrote in scientific notation is spelled
// out again (a mobile number has 11 digits, well within a float's
// precision).
func normalisePhone(s string) string {
	s = dropSpaces(foldWidth(s))
	if strings.ContainsAny(s, "eE") && eNotation.MatchString(s) {
		if f, err := strconv.ParseFloat(s, 64); err == nil && f > 0 && f < 1e15 && f == math.Trunc(f) {
			s = strconv.FormatInt(int64(f), 10)
		}
	}
	s = strings.TrimPrefix(strings.TrimPrefix(s, "+86"), "(+86)")
	if data.AllDigits(s) && len(s) == 11 {
		return s
	}
	d := strings.Map(func(r rune) rune {
		if r == '-' || r == '(' || r == ')' {
			return -1
		}
		return r
	}, s)
	if len(d) == 11 && d[0] == '1' && data.AllDigits(d) {
		return d
	}
	if len(s) == 13 && strings.HasPrefix(s, "86") && data.AllDigits(s) {
		return s[2:]
	}
	return s
}

// parseGender reads 男/女 and the usual variants.
func parseGender(s string) (data.Gender, bool) {
	switch strings.ToLower(dropSpaces(foldWidth(s))) {
	case "":
		return "", true
	case "男", "男性", "m", "male":
		return data.Male, true
	case "女", "女性", "f", "female":
		return data.Female, true
	}
	return "", false
}

// parseCategory reads a 党员类别 word.
func parseCategory(s string) (data.Category, bool) {
	switch dropSpaces(s) {
	case "":
		return "", true
	case "正式党员", "正式", "党员", "中共党员":
		return data.Full, true
	case "预备党员", "预备", "中共预备党员":
		return data.Probationary, true
	case "入党积极分子", "积极分子":
		return data.Activist, true
	case "发展对象":
		return data.Candidate, true
	}
	return "", false
}

// parseStatus reads a 党籍状态 word; an empty cell means normal standing.
func parseStatus(s string) (data.PartyStatus, bool) {
	switch dropSpaces(s) {
	case "", "正常":
		return data.StatusNormal, true
	case "停止党籍":
		return data.StatusSuspended, true
	case "出党":
		return data.StatusRemoved, true
	}
	return "", false
}

// ethnicGroups are the short names of China's 56 ethnic groups; a cell
// holding one of them ("汉", "蒙古") is completed with 族.
var ethnicGroups = map[string]bool{
	"汉": true, "蒙古": true, "回": true, "藏": true, "维吾尔": true, "苗": true, "彝": true,
	"壮": true, "布依": true, "朝鲜": true, "满": true, "侗": true, "瑶": true, "白": true,
	"土家": true, "哈尼": true, "哈萨克": true, "傣": true, "黎": true, "傈僳": true, "佤": true,
	"畲": true, "高山": true, "拉祜": true, "水": true, "东乡": true, "纳西": true, "景颇": true,
	"柯尔克孜": true, "土": true, "达斡尔": true, "仫佬": true, "羌": true, "布朗": true,
	"撒拉": true, "毛南": true, "仡佬": true, "锡伯": true, "阿昌": true, "普米": true,
	"塔吉克": true, "怒": true, "乌孜别克": true, "俄罗斯": true, "鄂温克": true, "德昂": true,
	"保安": true, "裕固": true, "京": true, "塔塔尔": true, "独龙": true, "鄂伦春": true,
	"赫哲": true, "门巴": true, "珞巴": true, "基诺": true,
}

// normaliseEthnicity completes a short ethnic name with 族 ("汉" → "汉族").
func normaliseEthnicity(s string) string {
	s = dropSpaces(s)
	if ethnicGroups[s] {
		return s + "族"
	}
	return s
}
