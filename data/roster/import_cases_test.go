package roster

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"branchledger/data"
)

// want is one member an import case must yield, every value written out
// by hand from the case's README (testdata/import-cases/README.md) and the
// file's cells. An empty string is a field the check leaves alone.
type want struct {
	id, name, gender, birth, phone, group, category, joined, confirmed string
	inferred                                                           string // the inferred fields, sorted, joined by spaces
}

// importCaseRows are the rows each case must refuse, as "Sheet!Row Column code".
type importCase struct {
	file    string
	opt     Options
	members []want
	refused []string
	columns []string // "Sheet!Letter header=field", when the case checks them
	err     error
	sheet   string // where a damaged file stopped
	row     int
}

var importCaseTable = []importCase{
	{file: "C02_date1904_mac.xlsx", members: []want{
		{id: "310105198001020115", name: "张三", birth: "1980-01-02", category: "full", joined: "2001-07-01", confirmed: "2002-07-01", inferred: "gender"},
		{id: "310105198503150227", name: "李四", birth: "1985-03-15", category: "full", joined: "2010-07-01", confirmed: "2011-07-01", inferred: "birth gender"},
	}},
	{file: "C09_15digit_old_ids.xlsx", refused: []string{
		"Sheet1!2 D import.id_old_15 310105520102011→310105195201020116",
		"Sheet1!3 D import.id_old_15 310105560315022→310105195603150220",
	}},
	{file: "C09_15digit_old_ids.xlsx", opt: Options{ConvertOldIDs: true}, members: []want{
		{id: "310105195201020116", name: "张老三", gender: "male", birth: "1952-01-02", category: "full", joined: "1975-07-01", inferred: "birth id_number"},
		{id: "310105195603150220", name: "李老四", gender: "female", birth: "1956-03-15", category: "full", joined: "1980-07-01", inferred: "birth id_number"},
	}},
	{file: "C10_id_x_fullwidth_spaces.xlsx", members: []want{
		{id: "31010519800102006X", name: "张一", joined: "2001-07-01"},
		{id: "31010519850315018X", name: "张二", joined: "2010-07-01"},
		{id: "31010419900720006X", name: "张三", joined: "2012-07-01"},
		{id: "44052419700101006X", name: "张四", joined: "1995-07-01"},
		{id: "440524197202020117", name: "张五", joined: "1995-07-01"},
		{id: "32010219880808004X", name: "张六", joined: "2012-07-01"},
	}},
	{file: "C11_yyyy_dot_10_as_number.xlsx", members: []want{
		{id: "310105198503150227", name: "李四", joined: "2010-07-01", confirmed: "2011-07-01"},
		{id: "310104199007200318", name: "王五", joined: "2012-10-01", confirmed: "2013-10-01"},
	}, refused: []string{
		"Sheet1!2 D roster.date_ambiguous_month 2001.1",
		"Sheet1!2 E roster.date_ambiguous_month 2002.1",
	}},
	{file: "C12_header_renyuanshenfen_dangyuanleixing.xlsx", members: []want{
		{id: "310105198001020115", name: "张三", category: "full", group: ""},
		{id: "310105199503150221", name: "李四", category: "probationary", joined: "2025-10-20", group: ""},
		{id: "310104199907200313", name: "王五", category: "activist", group: ""},
		{id: "310104199801010415", name: "赵六", category: "probationary", joined: "2025-11-10", group: "第二党小组", inferred: "birth gender group"},
	}, columns: []string{"Sheet1!C 人员身份=category", "第二党小组!C 党员类型=category"}},
	{file: "C13a_header_words_split_over_two_rows.xlsx", members: []want{
		{id: "310105198001020115", name: "张三", gender: "male", birth: "1980-01-02", phone: "13722607954", joined: "2001-07-01", confirmed: "2002-07-01", inferred: "birth"},
		{id: "310105198503150227", name: "李四", gender: "female", birth: "1985-03-15", phone: "13722607955", joined: "2010-07-01", confirmed: "2011-07-01", inferred: "birth"},
	}, columns: []string{"Sheet1!A 序号=", "Sheet1!D 出生年月=birth", "Sheet1!H 转正时间=confirmed", "Sheet1!I 联系电话=phone"}},
	{file: "C16_literal_apostrophe_ids.xlsx", members: []want{
		{id: "310105198001020115", name: "张三"},
		{id: "310105198503150227", name: "李四"},
	}},
	{file: "C17_sheet_names_taken_as_party_group.xlsx", members: []want{
		{id: "310105198001020115", name: "张三", group: "", inferred: "birth gender"},
		{id: "310105198503150227", name: "李四", group: "", inferred: "birth gender"},
		{id: "310104199007200318", name: "王五", group: "", inferred: "birth gender"},
	}},
	{file: "C17b_step1_with_group.xlsx", members: []want{
		{id: "310105198001020115", name: "张三", group: "第一党小组", category: "full", joined: "2001-07-01", inferred: "birth gender"},
	}},
	// Step 2 alone, into an empty ledger: a new member with no category
	// column and no join date to infer one from, and no group from the
	// sheet name.
	{file: "C17b_step2_phone_update_in_copied_sheet.xlsx", refused: []string{"Sheet1 (2)!2  problem.required"}},
	{file: "C23_bad_xml_at_row12.xlsx", err: ErrDamaged, sheet: "Sheet1", row: 12},
	{file: "C24_notes_500_chars.xlsx", members: []want{
		{id: "310105198005130012", name: "导入5500", group: "第一党小组", category: "full", joined: "2005-07-01"},
	}},
}

// TestImportCases reads every import case into a real ledger and checks
// the members field by field against the values written above, the rows
// refused and the columns read.
func TestImportCases(t *testing.T) {
	for _, tc := range importCaseTable {
		t.Run(tc.file, func(t *testing.T) {
			l := newTestLedger(t)
			b, err := os.ReadFile(filepath.Join(importCases, tc.file))
			if err != nil {
				t.Fatal(err)
			}
			p, err := Preview(l, bytes.NewReader(b), tc.opt)
			if tc.err != nil {
				if !errors.Is(err, tc.err) {
					t.Fatalf("got %v, want %v", err, tc.err)
				}
				if args := MessageArgs(err); args["Sheet"] != tc.sheet || args["Row"] != tc.row {
					t.Errorf("damaged at: got %v, want %s row %d", args, tc.sheet, tc.row)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var refused []string
			for _, pr := range p.Problems() {
				refused = append(refused, describeCase(pr))
			}
			if strings.Join(refused, "\n") != strings.Join(tc.refused, "\n") {
				t.Errorf("refused:\n got %q\nwant %q", refused, tc.refused)
			}
			if len(tc.columns) > 0 {
				got := map[string]bool{}
				for _, c := range p.Columns {
					got[c.Sheet+"!"+c.Column+" "+c.Header+"="+c.Field] = true
				}
				for _, w := range tc.columns {
					if !got[w] {
						t.Errorf("column %s not in the plan: %v", w, p.Columns)
					}
				}
			}
			rows := map[string]*Row{}
			for _, r := range p.Add {
				rows[r.Member.IDNumber] = r
			}
			if len(p.Add) != len(tc.members) {
				t.Errorf("rows to add: got %d, want %d", len(p.Add), len(tc.members))
			}
			for _, w := range tc.members {
				r := rows[w.id]
				if r == nil {
					t.Errorf("%s %s not planned", w.name, w.id)
					continue
				}
				checkWant(t, r, w)
			}
			if err := p.Apply(l); err != nil {
				t.Fatalf("Apply: %v", err)
			}
		})
	}
}

// describeCase writes a problem as the table above does.
func describeCase(pr Problem) string {
	s := pr.Sheet + "!" + strconv.Itoa(pr.Row) + " " + pr.Column + " " + pr.Code
	if pr.Code == ProblemOldID {
		s += " " + pr.Args["Old"].(string) + "→" + pr.Args["New"].(string)
	}
	if v, ok := pr.Args["Value"]; ok {
		s += " " + v.(string)
	}
	return s
}

// checkWant compares a planned row with the values written in the table.
func checkWant(t *testing.T, r *Row, w want) {
	t.Helper()
	m := r.Member
	date := func(d data.Date) string {
		if d == 0 {
			return ""
		}
		return d.String()
	}
	var inferred []string
	for _, in := range r.Inferred {
		inferred = append(inferred, in.Field)
	}
	sortStrings(inferred)
	for _, c := range []struct{ field, got, want string }{
		{"name", m.Name, w.name},
		{"gender", string(m.Gender), w.gender},
		{"birth", date(m.Birth), w.birth},
		{"phone", m.Phone, w.phone},
		{"category", string(m.Category), w.category},
		{"joined", date(m.Joined), w.joined},
		{"confirmed", date(m.Confirmed), w.confirmed},
	} {
		if c.want != "" && c.got != c.want {
			t.Errorf("%s %s: got %q, want %q", w.name, c.field, c.got, c.want)
		}
	}
	if m.Group != w.group {
		t.Errorf("%s group: got %q, want %q", w.name, m.Group, w.group)
	}
	if w.inferred != "" && strings.Join(inferred, " ") != w.inferred {
		t.Errorf("%s inferred: got %q, want %q", w.name, inferred, w.inferred)
	}
}

func sortStrings(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

// TestC17bInferenceKeepsLedgerGroup imports step 1 (张三 in 第一党小组),
// then step 2, a phone-only update from a sheet named "Sheet1 (2)": 张三
// gets the new phone and keeps his group and category.
func TestC17bInferenceKeepsLedgerGroup(t *testing.T) {
	l := newTickingLedger(t)
	for _, step := range []string{"C17b_step1_with_group.xlsx", "C17b_step2_phone_update_in_copied_sheet.xlsx"} {
		b, err := os.ReadFile(filepath.Join(importCases, step))
		if err != nil {
			t.Fatal(err)
		}
		p, err := Preview(l, bytes.NewReader(b), Options{Source: step})
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Refused) != 0 {
			t.Fatalf("%s refused: %+v", step, p.Problems())
		}
		if err := p.Apply(l); err != nil {
			t.Fatal(err)
		}
		if strings.HasPrefix(step, "C17b_step2") {
			if len(p.Update) != 1 {
				t.Fatalf("step 2 updates: got %d, want 1", len(p.Update))
			}
			ch := p.Update[0].Changes
			if len(ch) != 1 || ch[0] != (Change{Field: "phone", Old: "", New: "13722607954"}) {
				t.Errorf("step 2 changes: got %+v, want only the phone, \"\" → 13722607954", ch)
			}
		}
	}
	m, err := l.MemberByIDNumber("310105198001020115")
	if err != nil {
		t.Fatal(err)
	}
	if m.Phone != "13722607954" || m.Group != "第一党小组" || m.Category != data.Full {
		t.Errorf("张三 after step 2: phone %q group %q category %q, want 13722607954, 第一党小组, full", m.Phone, m.Group, m.Category)
	}
}

// TestC24LongNote imports the member with a 500-character note whole.
// (That every report still exports afterwards is data/report's to test:
// the roster report's row height is its own.)
func TestC24LongNote(t *testing.T) {
	l := newTestLedger(t)
	b, err := os.ReadFile(filepath.Join(importCases, "C24_notes_500_chars.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	p, err := Preview(l, bytes.NewReader(b), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Apply(l); err != nil {
		t.Fatal(err)
	}
	m, err := l.MemberByIDNumber("310105198005130012")
	if err != nil {
		t.Fatal(err)
	}
	if n := len([]rune(m.Notes)); n != 500 || strings.Trim(m.Notes, "注") != "" {
		t.Errorf("note: got %d characters, want 500 × 注", n)
	}
}

// TestRefusalNamesCause: a category column whose cell cannot be read is
// refused at that cell with the value; "必须填写" without a column only when
// the sheet truly has no category column and nothing to infer it from.
func TestRefusalNamesCause(t *testing.T) {
	b := book(t,
		[]any{"姓名", "公民身份号码", "政治面貌", "入党日期"},
		[]any{"张三", idA, "群众", "2001-07-01"},
		[]any{"李四", idB, "中共预备党员", "2026-01-10"},
		[]any{"王五", idC, "", ""},
	)
	p := readBytes(t, b, nil)
	var got []string
	for _, pr := range p.Problems() {
		got = append(got, describeCase(pr))
	}
	want := []string{"Sheet1!2 C roster.bad_value 群众", "Sheet1!4 C problem.required"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n got %q\nwant %q", got, want)
	}
	if len(p.Add) != 1 || p.Add[0].Member.Category != data.Probationary {
		t.Errorf("李四: got %+v, want added as probationary", p.Add)
	}
	noColumn := readBytes(t, book(t, []any{"姓名", "公民身份号码"}, []any{"王五", idC}), nil)
	got = nil
	for _, pr := range noColumn.Problems() {
		got = append(got, describeCase(pr))
	}
	if want := []string{"Sheet1!2  problem.required"}; strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("no category column: got %q, want %q", got, want)
	}
}

func TestSheetNamesGroup(t *testing.T) {
	ledger := map[string]bool{"窗口组": true}
	tests := map[string]bool{
		"第一党小组": true, "第二党小组": true, "机关二组": true, "3组": true, "一组": true, "离退休党小组": true,
		"窗口组":        true, // the ledger has it
		"Sheet1 (2)": false, "Sheet1": false, "export_20261130": false, "最新版 2026.11": false, "最新版": false,
		"花名册": false, "党员名单": false, "组": false, "小组": false, "统计": false,
	}
	for name, want := range tests {
		if got := sheetNamesGroup(name, ledger); got != want {
			t.Errorf("sheet %q names a group: got %v, want %v", name, got, want)
		}
	}
}
