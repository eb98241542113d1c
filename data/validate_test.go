package data

import (
	"slices"
	"strings"
	"testing"
)

// ID numbers used below. Their check characters were computed outside
// this code (by hand from the GB 11643 weights), so the tests do not
// trust IDCheckChar to check itself.
const (
	idMale1985    = "310105198503121231" // 1985-03-12, male (3)
	idMaleX       = "31010519850312001X" // 1985-03-12, male (1), check X
	idFemaleX     = "11010519491231002X" // 1949-12-31, female (2): the standard's example
	idFemale2000  = "310105200002290029" // 2000-02-29, female (2)
	idMale1880    = "440524188001010014" // 1880-01-01, male (1): the standard's other example
	idFemale1990  = "310105199012310040" // 1990-12-31, female (4)
	idMale2008    = "310105200811290010" // 2008-11-29, male (1): 18 on 2026-11-29
	idFuture      = "310105202611300017" // 2026-11-30: the day after the tests' today
	idBadFeb29    = "310105202602290013" // 2026-02-29 does not exist
	idBadChecksum = "310105198503121232"
)

var testToday = NewDate(2026, 11, 29)

// idCase is one row of a table test.
type idCase struct {
	id   string
	want string
}

// idCases are TestCheckIDNumber's table; FuzzCheckIDNumber starts from them.
func idCases() []idCase {
	return []idCase{
		{idMale1985, ""},
		{idMaleX, ""},
		{idFemaleX, ""},
		{idFemale2000, ""},
		{idMale1880, ""},
		{idFemale1990, ""},
		{idBadChecksum, ProblemIDChecksum},
		{"31010519850312001x", ProblemIDChars}, // lower-case x: NormaliseIDNumber first
		{"310105198503121230", ProblemIDChecksum},
		{"11010519491231002Y", ProblemIDChars},
		{"1101051949123100X2", ProblemIDChars}, // X only as the last character
		{"3101051985031212", ProblemIDLength},
		{"3101051985031212310", ProblemIDLength},
		{"", ProblemIDLength},
		{"31010519850312123１", ProblemIDLength}, // a full-width digit is 3 bytes
		{"３10105198503121231", ProblemIDLength},
		{"31010519851312123X", ProblemIDBirth}, // month 13
		{"31010519850230123X", ProblemIDBirth}, // 30 February
		{idBadFeb29, ProblemIDBirth},
		{"310105000001010017", ProblemIDBirth}, // year 0000 is no birth year
		{"310105179912310013", ProblemIDBirth}, // nor is 1799
		{"310105180001010018", ""},
		{" 10105198503121231", ProblemIDChars},
		{"310105 98503121231", ProblemIDChars},
	}
}

func TestCheckIDNumber(t *testing.T) {
	for _, tt := range idCases() {
		if got := CheckIDNumber(tt.id); got != tt.want {
			t.Errorf("CheckIDNumber(%q) = %q, want %q", tt.id, got, tt.want)
		}
	}
}

func TestIDCheckChar(t *testing.T) {
	tests := []struct {
		first17 string
		want    byte
	}{
		{"11010519491231002", 'X'},
		{"44052418800101001", '4'},
		{"31010519850312123", '1'},
		{"31010519850312001", 'X'},
		{"31010520000229002", '9'},
		{"3101051985031212", 0},
		{"3101051985031212a", 0},
		{"", 0},
	}
	for _, tt := range tests {
		if got := IDCheckChar(tt.first17); got != tt.want {
			t.Errorf("IDCheckChar(%q) = %q, want %q", tt.first17, got, tt.want)
		}
	}
}

func TestIDBirthAndGender(t *testing.T) {
	tests := []struct {
		id     string
		birth  Date
		gender Gender
	}{
		{idMale1985, NewDate(1985, 3, 12), Male},
		{idMaleX, NewDate(1985, 3, 12), Male},
		{idFemaleX, NewDate(1949, 12, 31), Female},
		{idFemale2000, NewDate(2000, 2, 29), Female},
		{idMale1880, NewDate(1880, 1, 1), Male},
		{idFemale1990, NewDate(1990, 12, 31), Female},
		{idBadFeb29, 0, Male},                            // gender is still readable
		{"31010519851312123X", 0, Male},                  // month 13
		{"3101051985031212", 0, ""},                      // too short for either
		{"3101051985031212a1", NewDate(1985, 3, 12), ""}, // the 17th is not a digit
		{"3101051985a3121231", 0, Male},                  // the birth part is not digits
		{"310105000001010017", 0, Male},                  // year 0
		{"310105199012310040", NewDate(1990, 12, 31), Female},
	}
	for _, tt := range tests {
		if got := IDBirth(tt.id); got != tt.birth {
			t.Errorf("IDBirth(%q) = %v, want %v", tt.id, got, tt.birth)
		}
		if got := IDGender(tt.id); got != tt.gender {
			t.Errorf("IDGender(%q) = %q, want %q", tt.id, got, tt.gender)
		}
	}
}

func TestCheckMobile(t *testing.T) {
	tests := []struct {
		phone string
		want  bool
	}{
		{"13800138000", true},
		{"19912345678", true},
		{"1380013800", false},   // 10 digits
		{"138001380001", false}, // 12 digits
		{"12800138000", false},  // no 12x mobile prefix
		{"23800138000", false},
		{"1380013800a", false},
		{"138 0013 8000", false},
		{"+8613800138000", false},
		{"021-12345678", true},
		{"0571-1234567", true},
		{"021-123456", false},    // number too short
		{"021-123456789", false}, // too long
		{"21-12345678", false},   // area code must start with 0
		{"121-12345678", false},
		{"02a-12345678", false},
		{"021-1234567a", false},
		{"02112345678", false}, // a landline without its hyphen is not a mobile
		{"-", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := CheckMobile(tt.phone); got != tt.want {
			t.Errorf("CheckMobile(%q) = %v, want %v", tt.phone, got, tt.want)
		}
	}
}

func TestNormaliseAndMask(t *testing.T) {
	if got, want := NormaliseIDNumber(" 31010519850312001x\t"), idMaleX; got != want {
		t.Errorf("NormaliseIDNumber = %q, want %q", got, want)
	}
	if got, want := MaskIDNumber(idMale1985), "310105********1231"; got != want {
		t.Errorf("MaskIDNumber = %q, want %q", got, want)
	}
	if got, want := MaskPhone("13800138000"), "138****8000"; got != want {
		t.Errorf("MaskPhone = %q, want %q", got, want)
	}
}

// validMember is a member ValidateMember accepts; each case changes it.
func validMember() Member {
	return Member{
		Name: "王晓明", Gender: Male, Ethnicity: "汉族", Birth: NewDate(1985, 3, 12), IDNumber: idMale1985,
		Phone: "13800138000", Group: "第一党小组", Category: Full, Status: StatusNormal,
		Joined: NewDate(2008, 7, 1), Confirmed: NewDate(2009, 7, 1),
	}
}

// problemList renders problems as "field:code" for comparison.
func problemList(ps []Problem) []string {
	out := []string{}
	for _, p := range ps {
		out = append(out, p.Field+":"+strings.TrimPrefix(p.Code, "problem."))
	}
	return out
}

// memberCase is one row of a table test.
type memberCase struct {
	name   string
	change func(m *Member)
	want   []string
}

// memberCases are TestValidateMember's table: each changes validMember;
// FuzzValidateMember starts from them.
func memberCases() []memberCase {
	return []memberCase{
		{"valid", func(m *Member) {}, nil},
		{"valid with X", func(m *Member) { m.IDNumber = idMaleX }, nil},
		{"valid, birth and gender left for the ID to fill", func(m *Member) { m.Birth, m.Gender = 0, "" }, nil},
		{"valid landline", func(m *Member) { m.Phone = "021-62345678" }, nil},
		{"valid without phone", func(m *Member) { m.Phone = "" }, nil},
		{"valid activist without joined", func(m *Member) { m.Category, m.Joined, m.Confirmed = Activist, 0, 0 }, nil},
		{"valid probationary", func(m *Member) { m.Category, m.Joined, m.Confirmed = Probationary, NewDate(2026, 3, 1), 0 }, nil},
		{"joined on the 18th birthday", func(m *Member) { m.Joined, m.Confirmed = NewDate(2003, 3, 12), 0 }, nil},
		{"joined today", func(m *Member) { m.Joined, m.Confirmed = testToday, 0 }, nil},
		{"name required", func(m *Member) { m.Name = "  " }, []string{"name:required"}},
		{"name too long", func(m *Member) { m.Name = strings.Repeat("王", 201) }, []string{"name:too_long"}},
		{"200 characters is not too long", func(m *Member) { m.Post = strings.Repeat("窗", 200) }, nil},
		{"post too long", func(m *Member) { m.Post = strings.Repeat("窗", 201) }, []string{"post:too_long"}},
		{"ID required", func(m *Member) { m.IDNumber = "" }, []string{"id_number:required"}},
		{"ID checksum", func(m *Member) { m.IDNumber = idBadChecksum }, []string{"id_number:id_checksum"}},
		{"ID length", func(m *Member) { m.IDNumber = "31010519850312" }, []string{"id_number:id_length"}},
		{"ID characters", func(m *Member) { m.IDNumber = "31010519850312001x" }, []string{"id_number:id_chars"}},
		{"ID birth not a date", func(m *Member) { m.IDNumber = idBadFeb29 }, []string{"id_number:id_birth_invalid"}},
		{"ID born in the future", func(m *Member) { m.IDNumber, m.Birth, m.Joined, m.Confirmed = idFuture, 0, 0, 0; m.Category = Activist },
			[]string{"id_number:future_date"}},
		{"birth does not match ID", func(m *Member) { m.Birth = NewDate(1985, 3, 13) }, []string{"birth:birth_mismatch"}},
		{"gender does not match ID", func(m *Member) { m.Gender = Female }, []string{"gender:gender_mismatch"}},
		{"female ID, male given", func(m *Member) {
			m.IDNumber, m.Birth = idFemale1990, NewDate(1990, 12, 31)
			m.Joined, m.Confirmed = NewDate(2012, 6, 1), NewDate(2013, 6, 1)
		},
			[]string{"gender:gender_mismatch"}},
		{"10-digit phone", func(m *Member) { m.Phone = "1380013800" }, []string{"phone:phone"}},
		{"phone with letters", func(m *Member) { m.Phone = "138-0013-800a" }, []string{"phone:phone"}},
		{"joined at 17", func(m *Member) { m.Joined, m.Confirmed = NewDate(2003, 3, 11), 0 }, []string{"joined:joined_too_young"}},
		{"joined at 17 by the ID when birth is blank", func(m *Member) { m.Birth, m.Joined, m.Confirmed = 0, NewDate(2003, 3, 11), 0 },
			[]string{"joined:joined_too_young"}},
		{"joined before birth", func(m *Member) { m.Joined, m.Confirmed = NewDate(1980, 1, 1), 0 }, []string{"joined:joined_too_young"}},
		{"confirmed on the day joined", func(m *Member) { m.Confirmed = m.Joined }, []string{"confirmed:confirmed_before_joined"}},
		{"confirmed before joined", func(m *Member) { m.Confirmed = NewDate(2008, 6, 30) }, []string{"confirmed:confirmed_before_joined"}},
		{"joined in the future", func(m *Member) { m.Joined, m.Confirmed = testToday.AddDays(1), 0 }, []string{"joined:future_date"}},
		{"confirmed in the future", func(m *Member) { m.Confirmed = testToday.AddDays(1) }, []string{"confirmed:future_date"}},
		{"transferred in in the future", func(m *Member) { m.TransferredIn = NewDate(2027, 1, 1) }, []string{"transferred_in:future_date"}},
		{"birth in the future", func(m *Member) { m.IDNumber, m.Birth = "", NewDate(2027, 1, 1) },
			[]string{"id_number:required", "birth:future_date", "joined:joined_too_young"}},
		{"not a date", func(m *Member) { m.Joined = Date(20080230) }, []string{"joined:bad_date"}},
		{"full member needs joined", func(m *Member) { m.Joined, m.Confirmed = 0, 0 }, []string{"joined:required"}},
		{"probationary needs joined", func(m *Member) { m.Category, m.Joined, m.Confirmed = Probationary, 0, 0 }, []string{"joined:required"}},
		{"category required", func(m *Member) { m.Category = "" }, []string{"category:required"}},
		{"bad category", func(m *Member) { m.Category = "member" }, []string{"category:bad_choice"}},
		{"bad status", func(m *Member) { m.Status = "left" }, []string{"status:bad_choice"}},
		{"empty status", func(m *Member) { m.Status = "" }, []string{"status:bad_choice"}},
		{"bad gender", func(m *Member) { m.Gender = "男" }, []string{"gender:bad_choice"}},
		{"today unknown: no future check", func(m *Member) { m.Joined, m.Confirmed = NewDate(2030, 1, 1), 0 }, nil},
		{"several at once", func(m *Member) { m.Name, m.Phone, m.Category = "", "123", "x" },
			[]string{"name:required", "category:bad_choice", "phone:phone"}},
	}
}

func TestValidateMember(t *testing.T) {
	for _, tt := range memberCases() {
		t.Run(tt.name, func(t *testing.T) {
			m := validMember()
			tt.change(&m)
			today := testToday
			if strings.HasPrefix(tt.name, "today unknown") {
				today = 0
			}
			got := problemList(ValidateMember(&m, today))
			want := tt.want
			if want == nil {
				want = []string{}
			}
			if !slices.Equal(got, want) {
				t.Errorf("got %v, want %v", got, want)
			}
		})
	}
}

func TestValidateMemberArgs(t *testing.T) {
	m := validMember()
	m.Birth = NewDate(1985, 3, 13)
	m.Phone = "138-0013800"
	ps := ValidateMember(&m, testToday)
	if len(ps) != 2 {
		t.Fatalf("got %v, want 2 problems", problemList(ps))
	}
	if got, want := ps[0].Args["Want"], "1985-03-12"; got != want {
		t.Errorf("birth mismatch Want = %v, want %v", got, want)
	}
	if got, want := ps[1].Args["Digits"], 10; got != want {
		t.Errorf("phone Digits = %v, want %v", got, want)
	}
}

func TestFillFromID(t *testing.T) {
	tests := []struct {
		in         Member
		wantBirth  Date
		wantGender Gender
	}{
		{Member{IDNumber: idFemaleX}, NewDate(1949, 12, 31), Female},
		{Member{IDNumber: idMaleX, Gender: Female}, NewDate(1985, 3, 12), Female}, // never overwrites
		{Member{IDNumber: idMaleX, Birth: NewDate(1985, 3, 13)}, NewDate(1985, 3, 13), Male},
		{Member{IDNumber: idBadChecksum}, 0, ""},
	}
	for _, tt := range tests {
		m := tt.in
		FillFromID(&m)
		if m.Birth != tt.wantBirth || m.Gender != tt.wantGender {
			t.Errorf("FillFromID(%s): got %v %q, want %v %q", tt.in.IDNumber, m.Birth, m.Gender, tt.wantBirth, tt.wantGender)
		}
	}
}

// problemCodes are every code ValidateMember may return.
var problemCodes = []string{ProblemRequired, ProblemTooLong, ProblemIDLength, ProblemIDChars, ProblemIDChecksum,
	ProblemIDBirth, ProblemBirthMismatch, ProblemGenderMismatch, ProblemPhone, ProblemBadDate, ProblemFuture,
	ProblemJoinedTooYoung, ProblemConfirmedBefore, ProblemBadChoice}

var memberFields = []string{FieldName, FieldGender, FieldEthnicity, FieldBirth, FieldIDNumber, FieldEducation,
	FieldPhone, FieldPost, FieldGroup, FieldCategory, FieldJoined, FieldConfirmed, FieldStatus, FieldTransferredIn, FieldNotes}
