package report

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/xuri/excelize/v2"

	"branchledger/data"
	"branchledger/data/demo"
)

// testNow is the fixed clock of the tests: the day of the reference
// branch's screenshot.
var testNow = time.Date(2026, 11, 29, 10, 0, 0, 0, time.Local)

func testOptions() data.Options {
	return data.Options{Now: func() time.Time { return testNow }, NoBackup: true}
}

// newTestLedger creates an empty ledger in a temporary folder; tests and
// benchmarks alike fill it through the data API.
func newTestLedger(t testing.TB, b data.Branch) *data.Ledger {
	t.Helper()
	l, err := data.Create(filepath.Join(t.TempDir(), "test.ledger"), b, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = l.Close() })
	return l
}

// newDemoLedger writes the reference branch's example ledger and opens it
// for writing (an export records itself).
func newDemoLedger(t testing.TB) *data.Ledger {
	t.Helper()
	path := filepath.Join(t.TempDir(), "demo.ledger")
	if err := demo.Write(path, testOptions()); err != nil {
		t.Fatal(err)
	}
	l, err := data.Open(path, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = l.Close() })
	return l
}

// idNumber builds a valid ID number for a birth date and serial.
func idNumber(birth data.Date, serial int, g data.Gender) string {
	if (serial%2 == 1) != (g == data.Male) {
		serial++
	}
	first := fmt.Sprintf("310105%08d%03d", int(birth), serial%1000)
	return first + string(data.IDCheckChar(first))
}

// member returns a valid full member; i varies the ID number.
func member(i int, name, group string) *data.Member {
	birth := data.NewDate(1970+i%30, time.Month(1+i%12), 1+i%28)
	g := data.Male
	if i%2 == 1 {
		g = data.Female
	}
	// Births repeat every 420 members; the serial (two apart, for the
	// gender digit) keeps the numbers unique up to 190,000 members.
	return &data.Member{Name: name, Gender: g, Ethnicity: "汉族", Birth: birth,
		IDNumber: idNumber(birth, 100+2*(i/420), g), Phone: fmt.Sprintf("138%08d", i), Group: group,
		Category: data.Full, Joined: data.NewDate(birth.Year()+20, 7, 1), Confirmed: data.NewDate(birth.Year()+21, 7, 1),
		Status: data.StatusNormal}
}

// export writes the reports of opt and reads the workbook back.
func export(t testing.TB, l *data.Ledger, opt Options) *excelize.File {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(l, &buf, opt); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = f.Close() })
	return f
}

// get returns a cell's shown value.
func get(t testing.TB, f *excelize.File, sheet, ref string) string {
	t.Helper()
	v, err := f.GetCellValue(sheet, ref)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func wantCell(t testing.TB, f *excelize.File, sheet, ref, want string) {
	t.Helper()
	if got := get(t, f, sheet, ref); got != want {
		t.Errorf("%s!%s = %q, want %q", sheet, ref, got, want)
	}
}

// wantRow checks the cells of a row from column A.
func wantRow(t testing.TB, f *excelize.File, sheet string, row int, want []string) {
	t.Helper()
	for i, w := range want {
		wantCell(t, f, sheet, cell(i+1, row), w)
	}
}

// wantDate checks that a cell is a real date: a number with the
// yyyy-mm-dd format whose value is the date d.
func wantDate(t testing.TB, f *excelize.File, sheet, ref string, d data.Date) {
	t.Helper()
	typ, err := f.GetCellType(sheet, ref)
	if err != nil {
		t.Fatal(err)
	}
	if typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
		t.Errorf("%s!%s: type %v, want a number", sheet, ref, typ)
	}
	raw, err := f.GetCellValue(sheet, ref, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	serial, err := strconv.ParseFloat(raw, 64)
	if err != nil {
		t.Fatalf("%s!%s = %q, want a date serial number", sheet, ref, raw)
	}
	tm, err := excelize.ExcelDateToTime(serial, false)
	if err != nil {
		t.Fatal(err)
	}
	if got := data.DateOf(tm); got != d {
		t.Errorf("%s!%s is %s, want %s", sheet, ref, got, d)
	}
	if got := numFmt(t, f, sheet, ref); got != fmtDate {
		t.Errorf("%s!%s format %q, want %q", sheet, ref, got, fmtDate)
	}
	wantCell(t, f, sheet, ref, d.String())
}

func numFmt(t testing.TB, f *excelize.File, sheet, ref string) string {
	t.Helper()
	id, err := f.GetCellStyle(sheet, ref)
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	if st.CustomNumFmt == nil {
		return ""
	}
	return *st.CustomNumFmt
}

func pct(r float64) string { return fmt.Sprintf("%.1f%%", r*100) }

func yearStats(t testing.TB, l *data.Ledger) *data.YearStats {
	t.Helper()
	ys, err := l.YearStats(2026)
	if err != nil {
		t.Fatal(err)
	}
	return ys
}

func mustSession(t testing.TB, l *data.Ledger, s *data.Session) uuid.UUID {
	t.Helper()
	if err := l.SaveSession(s); err != nil {
		t.Fatal(err)
	}
	return s.ID
}
