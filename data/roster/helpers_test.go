package roster

import (
	"bytes"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"branchledger/data"
)

// fixtures is where the roster spreadsheets people really keep are copied
// into the repository, with what a correct import of each yields.
const fixtures = "../../testdata/rosters"

// importCases are the rosters as people really send them (issue 8), each
// with what a correct import does in its README.
const importCases = "../../testdata/import-cases"

// testNow is the tests' clock: the day of the reference branch's screenshot.
var testNow = time.Date(2026, 11, 29, 10, 0, 0, 0, time.Local)

var testToday = data.DateOf(testNow)

// newTestLedger creates an empty ledger in a temporary folder; it serves
// tests and benchmarks alike.
func newTestLedger(t testing.TB) *data.Ledger {
	t.Helper()
	l, err := data.Create(filepath.Join(t.TempDir(), "test.ledger"), data.Branch{Name: "测试支部"},
		data.Options{Now: func() time.Time { return testNow }, NoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = l.Close() })
	return l
}

// newTickingLedger creates an empty ledger whose clock moves on a second
// at every reading, as a real one does between two saves.
func newTickingLedger(t testing.TB) *data.Ledger {
	t.Helper()
	var ticks atomic.Int64
	clock := func() time.Time { return testNow.Add(time.Duration(ticks.Add(1)) * time.Second) }
	l, err := data.Create(filepath.Join(t.TempDir(), "test.ledger"), data.Branch{Name: "测试支部"},
		data.Options{Now: clock, NoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = l.Close() })
	return l
}

// readFile plans the import of a file against a ledger.
func readFile(t testing.TB, path string, l *data.Ledger) *Plan {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return readBytes(t, b, l)
}

func readBytes(t testing.TB, b []byte, l *data.Ledger) *Plan {
	t.Helper()
	opt := Options{Today: testToday, Source: "test.xlsx"}
	if l != nil {
		ms, err := l.Members()
		if err != nil {
			t.Fatal(err)
		}
		opt.Existing = ms
	}
	p, err := Read(bytes.NewReader(b), opt)
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	return p
}

// book builds a one-sheet workbook from rows of cell values; a string
// cell is written as text, other values as Excel numbers or dates.
func book(t testing.TB, rows ...[]any) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for r, row := range rows {
		for c, v := range row {
			ref, err := excelize.CoordinatesToCellName(c+1, r+1)
			if err != nil {
				t.Fatal(err)
			}
			if s, ok := v.(string); ok {
				err = f.SetCellStr("Sheet1", ref, s)
			} else {
				err = f.SetCellValue("Sheet1", ref, v)
			}
			if err != nil {
				t.Fatal(err)
			}
		}
	}
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
