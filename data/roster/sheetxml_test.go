package roster

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestScanSheet(t *testing.T) {
	xml := `<?xml version="1.0"?><x:worksheet xmlns:x="main"><x:sheetData>` +
		`<!-- <c r="B1"/> in a comment is no cell -->` +
		`<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r='B1' t='s'><x:v>1</x:v></x:c></x:row>` +
		`<x:row r="3"><x:c r="A3"/><x:c r="B3"><x:v>310105196401173912</x:v></x:c></x:row>` +
		`<x:row><x:c t="inlineStr"><x:is><x:t><![CDATA[<c r="B4">]]></x:t></x:is></x:c><x:c t="str"><x:v>x</x:v></x:c></x:row>` +
		`<x:row r="6"><x:c r="A6"/><x:c t="n"><x:v>1</x:v></x:c></x:row>` +
		`</x:sheetData><x:mergeCells><x:mergeCell ref="A3:A6"/><x:mergeCell ref="bad"/></x:mergeCells></x:worksheet>`
	got := scanSheet([]byte(xml), 1)
	want := map[int]bool{1: false, 3: true, 4: false, 6: true}
	for row, num := range want {
		if v, ok := got.numeric[row]; !ok || v != num {
			t.Errorf("row %d column B number: got %v (%v), want %v", row, v, ok, num)
		}
	}
	if len(got.numeric) != len(want) {
		t.Errorf("rows seen: got %v, want %v", got.numeric, want)
	}
	if len(got.merges) != 1 || got.merges[0] != (mergeRange{0, 3, 0, 6}) {
		t.Errorf("merges: got %+v, want A3:A6", got.merges)
	}
}

// TestScanAgreesWithExcelize checks the scan against excelize's own
// GetCellType on every cell of the ID column of every fixture.
func TestScanAgreesWithExcelize(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(fixtures, "*.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	for _, file := range files {
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
			rows, err := f.GetRows(sheet)
			if err != nil {
				t.Fatal(err)
			}
			for col := 0; col < 14; col++ {
				xs := scanSheet(v.([]byte), col)
				for r, row := range rows {
					if col >= len(row) || row[col] == "" {
						continue
					}
					ref, _ := excelize.CoordinatesToCellName(col+1, r+1)
					typ, err := f.GetCellType(sheet, ref)
					if err != nil {
						t.Fatal(err)
					}
					want := typ == excelize.CellTypeUnset || typ == excelize.CellTypeNumber
					if xs.isNumber(r+1) != want {
						t.Errorf("%s %s!%s: scan says number %v, excelize says type %v", filepath.Base(file), sheet, ref, xs.isNumber(r+1), typ)
					}
				}
			}
		}
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
	}
}

func TestReadWithoutScan(t *testing.T) {
	// The fallback through excelize's GetCellType gives the same plan.
	b, err := os.ReadFile(filepath.Join(fixtures, "roster-id-as-number.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	f, err := open(b, DefaultMaxUnzipped)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rd := &reader{f: f, opt: Options{Today: testToday}, plan: &Plan{}} // no parts: the fallback
	if err := rd.readSheets(); err != nil {
		t.Fatal(err)
	}
	rd.classify()
	var got []int
	for _, r := range rd.plan.Refused {
		got = append(got, r.Row)
	}
	if want := []int{2, 4, 6, 8, 10}; !slices.Equal(got, want) {
		t.Errorf("refused rows by the fallback: got %v, want %v", got, want)
	}
}
