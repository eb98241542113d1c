package cli

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

const importCases = "../../testdata/import-cases"

// unknownColumnsRoster writes a roster whose category column is headed 人员状态
// (not a name the importer knows) beside a 籍贯 and a 爱好 column.
func unknownColumnsRoster(t *testing.T) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	rows := [][]any{
		{"姓名", "公民身份号码", "人员状态", "籍贯", "爱好", "入党日期", "缴费基数"},
		{"张三", "310105198001020115", "预备党员", "上海", "书法", "2026-01-10", "5,000.50元"},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(t.TempDir(), "名单.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

func runImportJSON(t *testing.T, args ...string) (importJSON, int) {
	t.Helper()
	e, out, errOut := importEnv(t)
	code := e.Run(append([]string{"import", "--json"}, args...))
	var got importJSON
	if code != ExitUsage {
		if err := json.Unmarshal(out.Bytes(), &got); err != nil {
			t.Fatalf("output is not JSON: %v\n%s%s", err, out, errOut)
		}
	}
	return got, code
}

// TestImportJSONColumnsAndMembers checks the JSON shape of the issue: every
// column with its field ("" when not used), every member row with its
// action, inferred fields and the dues base in fen.
func TestImportJSONColumnsAndMembers(t *testing.T) {
	ledger := newImportLedger(t)
	file := unknownColumnsRoster(t)
	got, code := runImportJSON(t, ledger, file, "--dry-run")
	if code != ExitOK {
		t.Fatalf("exit code: got %d, want 0 (%+v)", code, got.Refused)
	}
	want := []importColumnJSON{
		{"Sheet1", "A", "姓名", "name"}, {"Sheet1", "B", "公民身份号码", "id_number"}, {"Sheet1", "C", "人员状态", ""},
		{"Sheet1", "D", "籍贯", ""}, {"Sheet1", "E", "爱好", ""}, {"Sheet1", "F", "入党日期", "joined"},
		{"Sheet1", "G", "缴费基数", "dues_base"},
	}
	if len(got.Columns) != len(want) {
		t.Fatalf("columns: got %+v, want %+v", got.Columns, want)
	}
	for i := range want {
		if got.Columns[i] != want[i] {
			t.Errorf("column %d: got %+v, want %+v", i, got.Columns[i], want[i])
		}
	}
	if len(got.Members) != 1 {
		t.Fatalf("members: got %+v, want one", got.Members)
	}
	m := got.Members[0]
	// Without the category column the category is inferred from the join
	// date (2026-01-10, within a year of 2026-11-29: probationary).
	if m.Sheet != "Sheet1" || m.Row != 2 || m.Action != "add" || m.Name != "张三" || m.DuesBase != 500050 ||
		strings.Join(m.Inferred, " ") != "category birth gender" {
		t.Errorf("member: got %+v, want Sheet1 row 2 add 张三, inferred category birth gender, dues base 500050 fen", m)
	}
}

// TestImportMap assigns the unknown column with --map (repeatable) and
// leaves another out: the category is read from the file, not inferred.
func TestImportMap(t *testing.T) {
	ledger := newImportLedger(t)
	file := unknownColumnsRoster(t)
	got, code := runImportJSON(t, ledger, file, "--map", "人员 状态=category", "--map=爱好=notes", "--map", "缴费基数=")
	if code != ExitOK {
		t.Fatalf("exit code: got %d, want 0 (%+v)", code, got.Refused)
	}
	fields := map[string]string{}
	for _, c := range got.Columns {
		fields[c.Header] = c.Field
	}
	if fields["人员状态"] != "category" || fields["爱好"] != "notes" || fields["缴费基数"] != "" || fields["籍贯"] != "" {
		t.Errorf("mapped columns: got %v", fields)
	}
	if len(got.Members) != 1 || strings.Join(got.Members[0].Inferred, " ") != "birth gender" || got.Members[0].DuesBase != 0 {
		t.Errorf("member: got %+v, want inferred birth gender only and no dues base", got.Members)
	}
	if got.Added != 1 || memberCount(t, ledger) != 1 {
		t.Errorf("added: got %d (ledger %d), want 1", got.Added, memberCount(t, ledger))
	}
	// Bad mappings are refused before anything is read.
	for _, bad := range []string{"人员状态", "人员状态=hobby", "=category"} {
		e, _, errOut := importEnv(t)
		if code := e.Run([]string{"import", ledger, file, "--map", bad}); code != ExitUsage {
			t.Errorf("--map %q: exit code %d, want %d", bad, code, ExitUsage)
		}
		if !strings.Contains(errOut.String(), bad) {
			t.Errorf("--map %q: stderr %q does not name it", bad, errOut)
		}
	}
}

// TestImportUpdateChanges imports C17b's two steps: the second is an
// update whose only change is the phone, and the group stays.
func TestImportUpdateChanges(t *testing.T) {
	ledger := newImportLedger(t)
	if _, code := runImportJSON(t, ledger, filepath.Join(importCases, "C17b_step1_with_group.xlsx")); code != ExitOK {
		t.Fatalf("step 1 exit code %d", code)
	}
	got, code := runImportJSON(t, ledger, filepath.Join(importCases, "C17b_step2_phone_update_in_copied_sheet.xlsx"))
	if code != ExitOK {
		t.Fatalf("step 2 exit code %d: %+v", code, got.Refused)
	}
	if len(got.Members) != 1 {
		t.Fatalf("members: got %+v", got.Members)
	}
	m := got.Members[0]
	if m.Action != "update" || m.Sheet != "Sheet1 (2)" || len(m.Changes) != 1 || m.Changes["phone"] != [2]string{"", "13722607954"} ||
		len(m.Inferred) != 0 {
		t.Errorf("step 2 member: got %+v, want an update of the phone only, nothing inferred", m)
	}
}

// TestImportOldIDsAndDamage: old IDs are refused with the 18-digit form
// and imported with --convert-old-ids; a damaged sheet names its row.
func TestImportOldIDsAndDamage(t *testing.T) {
	ledger := newImportLedger(t)
	file := filepath.Join(importCases, "C09_15digit_old_ids.xlsx")
	e, out, _ := importEnv(t)
	if code := e.Run([]string{"import", ledger, file}); code != ExitRefused {
		t.Errorf("old IDs without the flag: exit code %d, want %d", code, ExitRefused)
	}
	for _, want := range []string{"15 位旧身份证号，转换为 18 位是 310105195201020116", "--convert-old-ids"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	got, code := runImportJSON(t, ledger, file, "--convert-old-ids")
	if code != ExitOK || got.Added != 2 {
		t.Errorf("with --convert-old-ids: exit %d, added %d, want 0 and 2 (%+v)", code, got.Added, got.Refused)
	}
	e, _, errOut := importEnv(t)
	if code := e.Run([]string{"import", ledger, filepath.Join(importCases, "C23_bad_xml_at_row12.xlsx")}); code != ExitRefused {
		t.Errorf("damaged file: exit code %d, want %d", code, ExitRefused)
	}
	if want := "工作表“Sheet1”第 12 行附近文件已损坏"; !strings.Contains(errOut.String(), want) {
		t.Errorf("damaged file: stderr %q, want %q", errOut, want)
	}
	if n := memberCount(t, ledger); n != 2 {
		t.Errorf("members: got %d, want the 2 converted", n)
	}
}
