package data

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

func FuzzValidateMember(f *testing.F) {
	for _, tt := range memberCases() {
		v := validMember()
		tt.change(&v)
		f.Add(v.Name, v.IDNumber, v.Phone, string(v.Gender), string(v.Category), string(v.Status), int32(v.Birth), int32(v.Joined), int32(v.Confirmed), int32(v.TransferredIn), int32(testToday))
	}
	f.Add("", idMaleX, "021-12345678", "female", "probationary", "normal", int32(0), int32(20260301), int32(0), int32(20260401), int32(testToday))
	f.Add("李", idFuture, "1380013800", "", "activist", "suspended", int32(20080230), int32(0), int32(20250101), int32(0), int32(0))
	f.Add("张", idBadFeb29, "", "男", "x", "", int32(-1), int32(2147483647), int32(20080701), int32(99991231), int32(testToday))
	f.Fuzz(func(t *testing.T, name, id, phone, gender, category, status string, birth, joined, confirmed, transferred, today int32) {
		m := Member{Name: name, IDNumber: id, Phone: phone, Gender: Gender(gender), Category: Category(category),
			Status: PartyStatus(status), Birth: Date(birth), Joined: Date(joined), Confirmed: Date(confirmed),
			TransferredIn: Date(transferred)}
		ps := ValidateMember(&m, Date(today))
		if again := ValidateMember(&m, Date(today)); !slices.Equal(problemList(ps), problemList(again)) {
			t.Fatalf("not deterministic: %v then %v", problemList(ps), problemList(again))
		}
		seen := map[string]bool{}
		for _, p := range ps {
			if !slices.Contains(problemCodes, p.Code) || !slices.Contains(memberFields, p.Field) {
				t.Fatalf("unknown problem %s:%s", p.Field, p.Code)
			}
			if seen[p.Field+p.Code] {
				t.Fatalf("problem %s:%s twice in %v", p.Field, p.Code, problemList(ps))
			}
			seen[p.Field+p.Code] = true
		}
		if len(ps) > 0 {
			return
		}
		// Accepted: every rule holds.
		if strings.TrimSpace(name) == "" || CheckIDNumber(id) != "" {
			t.Fatalf("accepted name %q id %q", name, id)
		}
		if m.Birth != 0 && m.Birth != IDBirth(id) || m.Gender != "" && m.Gender != IDGender(id) {
			t.Fatalf("accepted birth %v gender %q for %s", m.Birth, m.Gender, id)
		}
		if phone != "" && !CheckMobile(phone) {
			t.Fatalf("accepted phone %q", phone)
		}
		for _, d := range []Date{m.Birth, m.Joined, m.Confirmed, m.TransferredIn, IDBirth(id)} {
			if d != 0 && (!d.Valid() || today != 0 && d > Date(today)) {
				t.Fatalf("accepted date %d (today %d)", d, today)
			}
		}
		if m.Joined != 0 && YearsBetween(IDBirth(id), m.Joined) < 18 {
			t.Fatalf("accepted joined %v for birth %v", m.Joined, IDBirth(id))
		}
		if m.Confirmed != 0 && m.Joined != 0 && m.Confirmed <= m.Joined {
			t.Fatalf("accepted confirmed %v before joined %v", m.Confirmed, m.Joined)
		}
	})
}

func FuzzCheckIDNumber(f *testing.F) {
	for _, tt := range idCases() {
		f.Add(tt.id)
	}
	f.Add(idMale2008)
	f.Add(idFuture)
	f.Fuzz(func(t *testing.T, id string) {
		code := CheckIDNumber(id)
		birth, gender := IDBirth(id), IDGender(id)
		_ = MaskIDNumber(id)
		switch code {
		case "":
			if len(id) != 18 || birth == 0 || !birth.Valid() || gender == "" {
				t.Fatalf("%q valid but birth %v gender %q", id, birth, gender)
			}
			if IDCheckChar(id[:17]) != id[17] {
				t.Fatalf("%q valid but check char %q", id, IDCheckChar(id[:17]))
			}
			if got := MaskIDNumber(id); got[:6] != id[:6] || got[14:] != id[14:] || got[6:14] != "********" {
				t.Fatalf("MaskIDNumber(%q) = %q", id, got)
			}
			if NormaliseIDNumber(id) != id {
				t.Fatalf("valid %q changes when normalised", id)
			}
		case ProblemIDChecksum:
			// Only the check character is wrong: putting the right one in
			// makes it valid.
			if fixed := id[:17] + string(IDCheckChar(id[:17])); CheckIDNumber(fixed) != "" {
				t.Fatalf("%q: fixed %q still %s", id, fixed, CheckIDNumber(fixed))
			}
		case ProblemIDBirth:
			if birth != 0 {
				t.Fatalf("%q: birth invalid but IDBirth = %v", id, birth)
			}
		case ProblemIDLength, ProblemIDChars:
		default:
			t.Fatalf("CheckIDNumber(%q) = unknown %q", id, code)
		}
	})
}

// ExampleCheckIDNumber shows the codes for a valid and a mistyped number.
func ExampleCheckIDNumber() {
	fmt.Printf("%q %q\n", CheckIDNumber("11010519491231002X"), CheckIDNumber("110105194912310021"))
	// Output: "" "problem.id_checksum"
}
