package roster

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"branchledger/data"
)

// expected is a fixture's .expected.json.
type expected struct {
	File    string `json:"file"`
	Members []struct {
		Name      string `json:"name"`
		Gender    string `json:"gender"`
		Ethnicity string `json:"ethnicity"`
		Birth     string `json:"birth"`
		ID        string `json:"id"`
		Education string `json:"education"`
		Phone     string `json:"phone"`
		Post      string `json:"post"`
		Group     string `json:"group"`
		Category  string `json:"category"`
		Joined    string `json:"joined"`
		Confirmed string `json:"confirmed"`
	} `json:"members"`
	BadRows []struct {
		Sheet string `json:"sheet"`
		Row   int    `json:"row"`
		Why   string `json:"why"`
	} `json:"bad_rows"`
}

var genderWords = map[data.Gender]string{data.Male: "男", data.Female: "女"}

var categoryWords = map[data.Category]string{data.Full: "正式党员", data.Probationary: "预备党员",
	data.Activist: "入党积极分子", data.Candidate: "发展对象"}

// TestFixtures imports every roster fixture into a real ledger and checks
// that it yields exactly the expected members, field by field, and refuses
// exactly the expected rows.
func TestFixtures(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(fixtures, "*.xlsx"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures in %s: %v", fixtures, err)
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			var want expected
			b, err := os.ReadFile(strings.TrimSuffix(file, ".xlsx") + ".expected.json")
			if err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(b, &want); err != nil {
				t.Fatal(err)
			}
			l := newTestLedger(t)
			p := readFile(t, file, l)

			var gotBad, wantBad []string
			for _, r := range p.Refused {
				gotBad = append(gotBad, fmt.Sprintf("%s!%d", r.Sheet, r.Row))
			}
			for _, r := range want.BadRows {
				wantBad = append(wantBad, fmt.Sprintf("%s!%d", r.Sheet, r.Row))
			}
			sort.Strings(gotBad)
			sort.Strings(wantBad)
			if strings.Join(gotBad, " ") != strings.Join(wantBad, " ") {
				t.Errorf("refused rows: got %v, want %v", gotBad, wantBad)
				for _, pr := range p.Problems() {
					t.Logf("  %s!%d %s %s %v", pr.Sheet, pr.Row, pr.Column, pr.Code, pr.Args)
				}
			}
			for _, r := range p.Refused {
				if len(r.Problems) == 0 {
					t.Errorf("%s!%d refused with no problem", r.Sheet, r.Row)
				}
			}
			if len(p.Update)+len(p.Unchanged) != 0 {
				t.Errorf("updates into an empty ledger: got %d+%d, want 0", len(p.Update), len(p.Unchanged))
			}
			if err := p.Apply(l); err != nil {
				t.Fatalf("Apply: %v", err)
			}
			ms, err := l.Members()
			if err != nil {
				t.Fatal(err)
			}
			if len(ms) != len(want.Members) {
				t.Errorf("members: got %d, want %d", len(ms), len(want.Members))
			}
			lacks, ok := fixtureLacks[filepath.Base(file)]
			if !ok {
				t.Fatalf("%s: say in fixtureLacks which fields it has no column for", file)
			}
			has := map[string]bool{}
			for _, f := range []string{data.FieldEthnicity, data.FieldEducation, data.FieldPhone, data.FieldPost,
				data.FieldJoined, data.FieldConfirmed} {
				has[f] = !slices.Contains(lacks, f)
			}
			for _, w := range want.Members {
				m, err := l.MemberByIDNumber(w.ID)
				if err != nil {
					t.Errorf("member %s %s not imported: %v", w.Name, w.ID, err)
					continue
				}
				check := func(field, got, want string) {
					t.Helper()
					always := field == data.FieldName || field == data.FieldGender || field == data.FieldBirth ||
						field == data.FieldGroup || field == data.FieldCategory
					if (always || has[field]) && got != want {
						t.Errorf("%s %s: got %q, want %q", w.Name, field, got, want)
					}
				}
				check(data.FieldName, m.Name, w.Name)
				check(data.FieldGender, genderWords[m.Gender], w.Gender)
				check(data.FieldEthnicity, m.Ethnicity, w.Ethnicity)
				check(data.FieldBirth, m.Birth.String(), w.Birth)
				check(data.FieldEducation, m.Education, w.Education)
				check(data.FieldPhone, m.Phone, w.Phone)
				check(data.FieldPost, m.Post, w.Post)
				check(data.FieldGroup, m.Group, w.Group)
				check(data.FieldCategory, categoryWords[m.Category], w.Category)
				check(data.FieldJoined, m.Joined.String(), w.Joined)
				check(data.FieldConfirmed, m.Confirmed.String(), w.Confirmed)
				if m.Status != data.StatusNormal {
					t.Errorf("%s status: got %q, want normal", w.Name, m.Status)
				}
			}
		})
	}
}

// fixtureLacks names, per fixture, the fields its sheets have no column
// for, read by eye from the files' header rows: the expected members list
// every field, but a sheet without, say, an education column cannot yield
// one. Written out here, not taken from the importer's header table.
var fixtureLacks = map[string][]string{
	"roster-clean.xlsx":        nil,
	"roster-id-as-number.xlsx": {data.FieldEthnicity, data.FieldEducation, data.FieldPhone, data.FieldPost, data.FieldConfirmed},
	"roster-multi-sheet.xlsx":  {data.FieldPost},
	"roster-problems.xlsx":     {data.FieldEthnicity, data.FieldEducation, data.FieldPost},
	"roster-title-rows.xlsx":   nil,
}

// TestProblemsPlaced checks that each problem of roster-problems.xlsx is at
// its row, column letter and header, with the right code.
func TestProblemsPlaced(t *testing.T) {
	p := readFile(t, filepath.Join(fixtures, "roster-problems.xlsx"), nil)
	want := []struct {
		row          int
		column, head string
		code         string
	}{
		{3, "D", "身份证号", data.ProblemIDChecksum},
		{5, "C", "出生日期", data.ProblemBirthMismatch},
		{7, "A", "姓名", data.ProblemRequired},
		{9, "D", "身份证号", ProblemDuplicateRow},
		{11, "G", "入党日期", data.ProblemJoinedTooYoung},
		{13, "E", "联系电话", data.ProblemPhone},
		{15, "G", "入党日期", data.ProblemFuture},
		{17, "H", "转正日期", data.ProblemConfirmedBefore},
	}
	for _, w := range want {
		found := false
		for _, pr := range p.Problems() {
			if pr.Row == w.row && pr.Code == w.code {
				found = true
				if pr.Sheet != "Sheet1" || pr.Column != w.column || pr.Header != w.head {
					t.Errorf("row %d %s: got %s %s(%s), want Sheet1 %s(%s)", w.row, w.code, pr.Sheet, pr.Column, pr.Header, w.column, w.head)
				}
			}
		}
		if !found {
			t.Errorf("row %d: no %s problem", w.row, w.code)
		}
	}
	for _, pr := range p.Problems() {
		if pr.Code == ProblemDuplicateRow && pr.Args["Row"] != 2 {
			t.Errorf("duplicate of row %v, want row 2", pr.Args["Row"])
		}
	}
}

// TestIDAsNumberMessage checks the lost-digits problem of numeric ID cells.
func TestIDAsNumberMessage(t *testing.T) {
	p := readFile(t, filepath.Join(fixtures, "roster-id-as-number.xlsx"), nil)
	for _, r := range p.Refused {
		if len(r.Problems) != 1 || r.Problems[0].Code != ProblemIDAsNumber || r.Problems[0].Column != "C" {
			t.Errorf("row %d: got %+v, want one %s at C", r.Row, r.Problems, ProblemIDAsNumber)
		}
	}
}
