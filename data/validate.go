package data

import (
	"strings"
	"unicode/utf8"
)

// Field names used in Problems; the UI and the importer map them to form
// fields and spreadsheet columns.
const (
	FieldName          = "name"
	FieldGender        = "gender"
	FieldEthnicity     = "ethnicity"
	FieldBirth         = "birth"
	FieldIDNumber      = "id_number"
	FieldEducation     = "education"
	FieldPhone         = "phone"
	FieldPost          = "post"
	FieldGroup         = "group"
	FieldCategory      = "category"
	FieldJoined        = "joined"
	FieldConfirmed     = "confirmed"
	FieldStatus        = "status"
	FieldTransferredIn = "transferred_in"
	FieldNotes         = "notes"
)

// Problem is one thing wrong with a record, at one field. Code is a
// translation key ("problem.id_checksum"); the words people read are in
// the translation files, with Args filling their placeholders.
type Problem struct {
	Field string         `json:"field"`
	Code  string         `json:"code"`
	Args  map[string]any `json:"args,omitempty"`
}

// Problem codes returned by ValidateMember and the importer.
const (
	ProblemRequired        = "problem.required"
	ProblemTooLong         = "problem.too_long"
	ProblemIDLength        = "problem.id_length"
	ProblemIDChars         = "problem.id_chars"
	ProblemIDChecksum      = "problem.id_checksum"
	ProblemIDBirth         = "problem.id_birth_invalid"
	ProblemBirthMismatch   = "problem.birth_mismatch"
	ProblemGenderMismatch  = "problem.gender_mismatch"
	ProblemPhone           = "problem.phone"
	ProblemBadDate         = "problem.bad_date"
	ProblemFuture          = "problem.future_date"
	ProblemJoinedTooYoung  = "problem.joined_too_young"
	ProblemConfirmedBefore = "problem.confirmed_before_joined"
	ProblemBadChoice       = "problem.bad_choice"
	ProblemDuplicateID     = "problem.duplicate_id"
)

var idWeights = [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}

const idCheckChars = "10X98765432"

// IDCheckChar returns the GB 11643 check character for the first 17 digits
// of an ID number, or 0 when they are not 17 ASCII digits.
func IDCheckChar(first17 string) byte {
	if len(first17) != 17 {
		return 0
	}
	sum := 0
	for i := 0; i < 17; i++ {
		c := first17[i]
		if c < '0' || c > '9' {
			return 0
		}
		sum += int(c-'0') * idWeights[i]
	}
	return idCheckChars[sum%11]
}

// minIDBirthYear bounds the birth years an ID number may carry: the
// standard's own example is born in 1880, and a year like 0000 or 1066 is a
// typing mistake, not a person.
const minIDBirthYear = 1800

// IDBirth returns the birth date encoded in an 18-character ID number, or
// the zero Date when it is not a real date (or is before 1800).
func IDBirth(id string) Date {
	if len(id) != 18 {
		return 0
	}
	n := 0
	for i := 6; i < 14; i++ {
		c := id[i]
		if c < '0' || c > '9' {
			return 0
		}
		n = n*10 + int(c-'0')
	}
	d := Date(n)
	if !d.Valid() || d.Year() < minIDBirthYear {
		return 0
	}
	return d
}

// IDGender returns the gender encoded in an ID number (17th digit odd for
// male), or "" when it cannot be read.
func IDGender(id string) Gender {
	if len(id) != 18 || id[16] < '0' || id[16] > '9' {
		return ""
	}
	if (id[16]-'0')%2 == 1 {
		return Male
	}
	return Female
}

// CheckIDNumber returns the problem code of an ID number, or "" when it is a
// valid GB 11643 number.
func CheckIDNumber(id string) string {
	if len(id) != 18 || utf8.RuneCountInString(id) != 18 {
		return ProblemIDLength
	}
	for i := 0; i < 17; i++ {
		if id[i] < '0' || id[i] > '9' {
			return ProblemIDChars
		}
	}
	if c := id[17]; (c < '0' || c > '9') && c != 'X' {
		return ProblemIDChars
	}
	if IDBirth(id) == 0 {
		return ProblemIDBirth
	}
	if IDCheckChar(id[:17]) != id[17] {
		return ProblemIDChecksum
	}
	return ""
}

// CheckMobile reports whether s is a mainland mobile number: 11 digits
// starting with 1[3-9]. Landlines (with an area code and a hyphen) are also
// accepted, since some members give an office number.
func CheckMobile(s string) bool {
	if len(s) == 11 && s[0] == '1' && s[1] >= '3' && s[1] <= '9' && AllDigits(s) {
		return true
	}
	// 021-12345678 or 0571-1234567
	if i := strings.IndexByte(s, '-'); i == 3 || i == 4 {
		area, num := s[:i], s[i+1:]
		return area[0] == '0' && AllDigits(area) && AllDigits(num) && len(num) >= 7 && len(num) <= 8
	}
	return false
}

// AllDigits reports whether s is one or more ASCII digits.
func AllDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// NormaliseIDNumber trims spaces and upper-cases a trailing x.
func NormaliseIDNumber(s string) string {
	return strings.ToUpper(strings.TrimSpace(s))
}

const maxTextLen = 200

// ValidateMember returns every problem of m, field by field; today bounds
// the dates. An empty slice means the member may be saved.
func ValidateMember(m *Member, today Date) []Problem {
	var ps []Problem
	add := func(field, code string, args map[string]any) {
		ps = append(ps, Problem{Field: field, Code: code, Args: args})
	}
	if strings.TrimSpace(m.Name) == "" {
		add(FieldName, ProblemRequired, nil)
	}
	for _, fv := range [...][2]string{{FieldName, m.Name}, {FieldEthnicity, m.Ethnicity},
		{FieldEducation, m.Education}, {FieldPost, m.Post}, {FieldGroup, m.Group}} {
		if utf8.RuneCountInString(fv[1]) > maxTextLen {
			add(fv[0], ProblemTooLong, map[string]any{"Max": maxTextLen})
		}
	}
	switch m.Category {
	case Full, Probationary, Activist, Candidate:
	case "":
		add(FieldCategory, ProblemRequired, nil)
	default:
		add(FieldCategory, ProblemBadChoice, nil)
	}
	switch m.Status {
	case StatusNormal, StatusSuspended, StatusRemoved:
	default:
		add(FieldStatus, ProblemBadChoice, nil)
	}
	switch m.Gender {
	case Male, Female, "":
	default:
		add(FieldGender, ProblemBadChoice, nil)
	}
	if m.IDNumber == "" {
		add(FieldIDNumber, ProblemRequired, nil)
	} else if code := CheckIDNumber(m.IDNumber); code != "" {
		add(FieldIDNumber, code, nil)
	} else {
		if today != 0 && IDBirth(m.IDNumber) > today {
			add(FieldIDNumber, ProblemFuture, nil)
		}
		if m.Birth != 0 && m.Birth != IDBirth(m.IDNumber) {
			add(FieldBirth, ProblemBirthMismatch, map[string]any{"Want": IDBirth(m.IDNumber).String()})
		}
		if (m.Gender == Male || m.Gender == Female) && m.Gender != IDGender(m.IDNumber) {
			add(FieldGender, ProblemGenderMismatch, nil)
		}
	}
	if m.Phone != "" && !CheckMobile(m.Phone) {
		add(FieldPhone, ProblemPhone, map[string]any{"Digits": countDigits(m.Phone)})
	}
	dates := []struct {
		field string
		d     Date
	}{{FieldBirth, m.Birth}, {FieldJoined, m.Joined}, {FieldConfirmed, m.Confirmed}, {FieldTransferredIn, m.TransferredIn}}
	for _, fd := range dates {
		if fd.d == 0 {
			continue
		}
		if !fd.d.Valid() {
			add(fd.field, ProblemBadDate, nil)
		} else if today != 0 && fd.d > today {
			add(fd.field, ProblemFuture, nil)
		}
	}
	if (m.Category == Full || m.Category == Probationary) && m.Joined == 0 {
		add(FieldJoined, ProblemRequired, nil)
	}
	birth := m.Birth
	if birth == 0 {
		birth = IDBirth(m.IDNumber)
	}
	if birth != 0 && m.Joined.Valid() && YearsBetween(birth, m.Joined) < 18 {
		add(FieldJoined, ProblemJoinedTooYoung, nil)
	}
	if m.Confirmed != 0 && m.Joined != 0 && m.Confirmed <= m.Joined {
		add(FieldConfirmed, ProblemConfirmedBefore, nil)
	}
	return ps
}

func countDigits(s string) int {
	n := 0
	for _, r := range s {
		if r >= '0' && r <= '9' {
			n++
		}
	}
	return n
}

// FillFromID fills an empty birth date and gender from a valid ID number,
// as the member form and the importer do.
func FillFromID(m *Member) {
	if CheckIDNumber(m.IDNumber) != "" {
		return
	}
	if m.Birth == 0 {
		m.Birth = IDBirth(m.IDNumber)
	}
	if m.Gender == "" {
		m.Gender = IDGender(m.IDNumber)
	}
}
