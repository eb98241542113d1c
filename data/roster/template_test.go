package roster

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"branchledger/data"
)

func TestWriteTemplate(t *testing.T) {
	var buf bytes.Buffer
	groups := []string{"第一党小组", "第二党小组"}
	if err := WriteTemplate(&buf, groups); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	row, err := f.GetRows(templateSheet)
	if err != nil || len(row) == 0 {
		t.Fatalf("template rows: %v, %v", row, err)
	}
	for i, c := range templateColumns {
		if got := row[0][i]; got != c.Header {
			t.Errorf("header %s1: got %q, want %q", columnLetter(i), got, c.Header)
		}
	}
	for _, field := range []string{data.FieldIDNumber, data.FieldPhone} {
		ref := columnLetter(colOf(field)) + "2"
		style, err := f.GetCellStyle(templateSheet, ref)
		if err != nil {
			t.Fatal(err)
		}
		s, err := f.GetStyle(style)
		if err != nil {
			t.Fatal(err)
		}
		if s.NumFmt != 49 {
			t.Errorf("%s number format: got %d, want 49 (text)", ref, s.NumFmt)
		}
	}
	dvs, err := f.GetDataValidations(templateSheet)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		data.FieldGender:   "男,女",
		data.FieldCategory: "正式党员,预备党员,入党积极分子,发展对象",
		data.FieldStatus:   "正常,停止党籍,出党",
		data.FieldGroup:    "选项!$A$1:$A$2",
	}
	for field, list := range want {
		col := columnLetter(colOf(field))
		found := false
		for _, dv := range dvs {
			if strings.HasPrefix(dv.Sqref, col+"2:") && strings.Contains(dv.Formula1, list) {
				found = true
			}
		}
		if !found {
			t.Errorf("%s (%s): no dropdown with %s in %+v", field, col, list, dvs)
		}
	}
	if vis, err := f.GetSheetVisible(choicesSheet); err != nil || vis {
		t.Errorf("choices sheet visible: got %v, %v, want hidden", vis, err)
	}
	for i, g := range groups {
		if v, _ := f.GetCellValue(choicesSheet, fmt.Sprintf("A%d", i+1)); v != g {
			t.Errorf("choice %d: got %q, want %q", i+1, v, g)
		}
	}

	// A filled-in template imports; the hidden choices sheet is skipped.
	fill := map[string]string{data.FieldName: "张三", data.FieldGender: "男", data.FieldIDNumber: idA,
		data.FieldGroup: "第一党小组", data.FieldCategory: "正式党员", data.FieldJoined: "2001-07-01"}
	for field, v := range fill {
		if err := f.SetCellStr(templateSheet, columnLetter(colOf(field))+"2", v); err != nil {
			t.Fatal(err)
		}
	}
	var filled bytes.Buffer
	if err := f.Write(&filled); err != nil {
		t.Fatal(err)
	}
	p := readBytes(t, filled.Bytes(), nil)
	if len(p.Add) != 1 || len(p.Refused) != 0 || p.Add[0].Member.Group != "第一党小组" {
		t.Errorf("filled template: got add %d, refused %+v", len(p.Add), p.Problems())
	}
}

func colOf(field string) int {
	for i, c := range templateColumns {
		if c.Field == field {
			return i
		}
	}
	return -1
}

// keyWords stands in for a translation catalog: the key and its arguments.
func keyWords(key string, args map[string]any) string {
	if len(args) == 0 {
		return key
	}
	return fmt.Sprintf("%s%v", key, args)
}

func TestWriteRefused(t *testing.T) {
	p := readFile(t, filepath.Join(fixtures, "roster-problems.xlsx"), nil)
	var buf bytes.Buffer
	if err := WriteRefused(&buf, p, keyWords); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1+len(p.Refused) {
		t.Fatalf("rows: got %d, want header + %d", len(rows), len(p.Refused))
	}
	head := rows[0]
	if got := head[len(head)-1]; got != "roster.refused_column" {
		t.Errorf("last header: got %q, want the problem column", got)
	}
	if strings.Join(head[:len(head)-1], ",") != "姓名,性别,出生日期,身份证号,联系电话,党员类别,入党日期,转正日期,党小组" {
		t.Errorf("header: got %v, want the original one", head)
	}
	// Row 3 of the original (孔娥) is the first refused row.
	if rows[1][0] != "孔娥" || !strings.Contains(rows[1][len(head)-1], data.ProblemIDChecksum) {
		t.Errorf("first refused row: got %v", rows[1])
	}
	if typ, _ := f.GetCellType("Sheet1", "D2"); typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString {
		t.Errorf("ID cell type: got %v, want text", typ)
	}
	// Fixed and imported again, the refused rows read back as the same rows.
	again := readBytes(t, buf.Bytes(), nil)
	names := func(rs []*Row) (out []string) {
		for _, r := range rs {
			out = append(out, r.Member.Name)
		}
		return out
	}
	all := append(append([]*Row(nil), again.Add...), again.Refused...)
	if got, want := len(all), len(p.Refused); got != want {
		t.Errorf("rows read back: got %d %v, want %d %v", got, names(all), want, names(p.Refused))
	}
}
