package roster

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestScanSheet(t *testing.T) {
	xml := `<?xml version="1.0"?><x:worksheet xmlns:x="main"><x:sheetData>` +
		`<!-- <c r="B1"/> in a comment is no cell -->` +
		`<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r='B1' t='s' s="3"><x:v>1</x:v></x:c></x:row>` +
		`<x:row r="3"><x:c r="A3"/><x:c r="B3"><x:v>310105196401173912</x:v></x:c></x:row>` +
		`<x:row><x:c t="inlineStr"><x:is><x:t><![CDATA[<c r="B4">]]></x:t></x:is></x:c><x:c t="str"><x:v>x&amp;y&#x41;</x:v></x:c></x:row>` +
		`<x:row r="6"><x:c r="A6"/><x:c t="n" s="2"><x:v>1</x:v></x:c></x:row>` +
		`</x:sheetData><x:mergeCells><x:mergeCell ref="A3:A6"/><x:mergeCell ref="bad"/></x:mergeCells></x:worksheet>`
	got, err := scanSheet([]byte(xml))
	if err != nil {
		t.Fatal(err)
	}
	want := map[int]cellMeta{1: {1, 3, false}, 3: {1, 0, true}, 4: {1, 0, false}, 6: {1, 2, true}}
	for row, w := range want {
		if c, ok := got.cell(1, row); !ok || c != w {
			t.Errorf("row %d column B: got %+v (%v), want %+v", row, c, ok, w)
		}
	}
	if _, ok := got.cell(1, 2); ok {
		t.Error("row 2 has no cells, got one")
	}
	if got.lastRow != 6 {
		t.Errorf("last row: got %d, want 6", got.lastRow)
	}
	if len(got.merges) != 1 || got.merges[0] != (mergeRange{0, 3, 0, 6}) {
		t.Errorf("merges: got %+v, want A3:A6", got.merges)
	}
}

// TestScanRefusesDamage checks that malformed worksheet XML is refused with
// the row where reading stopped.
func TestScanRefusesDamage(t *testing.T) {
	row := func(n string) string {
		return `<row r="` + n + `"><c r="A` + n + `" t="inlineStr"><is><t>x</t></is></c></row>`
	}
	head := `<worksheet><sheetData>` + row("1") + row("2")
	tail := `</sheetData></worksheet>`
	tests := []struct {
		name, xml string
		row       int
	}{
		{"end tag broken", head + `<row r="3"><c r="A3"/></row` + row("4") + tail, 3},
		{"truncated", head + `<row r="3"><c r="A3">`, 3},
		{"no closing root", head + `</sheetData>`, 2},
		{"mismatched end tag", head + `<row r="3"></c></row>` + tail, 3},
		{"unquoted attribute", head + `<row r=3></row>` + tail, 2},
		{"bad entity", head + `<row r="3"><c><v>&bogus;</v></c></row>` + tail, 3},
		{"lone ampersand", head + `<row r="3"><c><v>a & b</v></c></row>` + tail, 3},
		{"two roots", head + tail + `<worksheet/>`, 2},
		{"doctype", `<!DOCTYPE x [<!ENTITY a "b">]>` + head + tail, 0},
		{"not UTF-8", head + "<row r=\"3\"><c><v>\xff</v></c></row>" + tail, 0},
		{"too deep", head + strings.Repeat("<a>", maxXMLDepth) + strings.Repeat("</a>", maxXMLDepth) + tail, 2},
		{"text after the root", head + tail + "junk", 2},
	}
	for _, tt := range tests {
		_, err := scanSheet([]byte(tt.xml))
		var d *DamagedError
		if !errors.As(err, &d) || !errors.Is(err, ErrDamaged) {
			t.Errorf("%s: got %v, want a DamagedError", tt.name, err)
			continue
		}
		if d.Row != tt.row {
			t.Errorf("%s: stopped at row %d, want %d (%v)", tt.name, d.Row, tt.row, err)
		}
	}
	if _, err := scanSheet([]byte(head + tail)); err != nil {
		t.Errorf("well-formed: got %v", err)
	}
}

// TestScanAgreesWithExcelize checks the scan's cell types against
// excelize's own GetCellType on every cell of every fixture.
func TestScanAgreesWithExcelize(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(fixtures, "*.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	cases, err := filepath.Glob(filepath.Join(importCases, "*.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	for _, file := range append(files, cases...) {
		if strings.Contains(file, "C23_") {
			continue // damaged on purpose
		}
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		f, err := open(b, DefaultMaxUnzipped)
		if err != nil {
			t.Fatal(err)
		}
		parts := sheetParts(f)
		for _, sheet := range f.GetSheetList() {
			v, ok := f.Pkg.Load(parts[sheet])
			if !ok {
				t.Errorf("%s %s: worksheet part %q not found", file, sheet, parts[sheet])
				continue
			}
			xs, err := scanSheet(v.([]byte))
			if err != nil {
				t.Fatalf("%s: %v", file, err)
			}
			rows, err := f.GetRows(sheet)
			if err != nil {
				t.Fatal(err)
			}
			for r, row := range rows {
				for col, v := range row {
					if v == "" {
						continue
					}
					ref, _ := excelize.CoordinatesToCellName(col+1, r+1)
					typ, err := f.GetCellType(sheet, ref)
					if err != nil {
						t.Fatal(err)
					}
					want := typ == excelize.CellTypeUnset || typ == excelize.CellTypeNumber
					if c, _ := xs.cell(col, r+1); c.numeric != want {
						t.Errorf("%s %s!%s: scan says number %v, excelize says type %v", filepath.Base(file), sheet, ref, c.numeric, typ)
					}
				}
			}
		}
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
	}
}

func TestCellColumn(t *testing.T) {
	tests := []struct {
		ref string
		col int
		ok  bool
	}{
		{"A1", 0, true}, {"B3", 1, true}, {"Z9", 25, true}, {"AA1", 26, true}, {"AB12", 27, true},
		{"XFD1048576", 16383, true}, {"XFE1", 0, false}, {"1A", 0, false}, {"A", 0, false}, {"A1x", 0, false},
		{"", 0, false}, {"ABCDE1", 0, false},
	}
	for _, tt := range tests {
		if col, ok := cellColumn([]byte(tt.ref)); col != tt.col || ok != tt.ok {
			t.Errorf("cellColumn(%q): got %d, %v, want %d, %v", tt.ref, col, ok, tt.col, tt.ok)
		}
	}
}
