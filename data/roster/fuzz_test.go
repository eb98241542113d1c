package roster

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// FuzzImport feeds the importer arbitrary bytes, seeded from the roster
// fixtures, the import cases and a table case (runs of 30 s on 2026-11-30
// found nothing to keep; a find goes into TestReadErrors or a case file): it must never panic (a recovered panic is
// reported too) and every plan it returns must be consistent.
func FuzzImport(f *testing.F) {
	files, err := filepath.Glob(filepath.Join(fixtures, "*.xlsx"))
	if err != nil {
		f.Fatal(err)
	}
	cases, err := filepath.Glob(filepath.Join(importCases, "*.xlsx"))
	if err != nil {
		f.Fatal(err)
	}
	files = append(files, cases...)
	for _, file := range files {
		b, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add(book(f, []any{"姓名", "身份证号", "入党日期"}, []any{"张三", idA, 37073}, []any{"合计"}))
	f.Fuzz(func(t *testing.T, b []byte) {
		p, err := Read(bytes.NewReader(b), Options{Today: testToday, MaxUnzipped: 16 << 20})
		var pe *panicError
		if errors.As(err, &pe) {
			t.Fatalf("panic: %v\n%s", pe.value, pe.stack)
		}
		if err != nil {
			if MessageKey(err) == "" {
				t.Errorf("error without a message for people: %v", err)
			}
			return
		}
		checkPlan(t, p)
	})
}

// checkPlan checks what every plan must satisfy.
func checkPlan(t *testing.T, p *Plan) {
	t.Helper()
	seen := map[*Row]bool{}
	for _, rows := range [][]*Row{p.Add, p.Update, p.Unchanged, p.Refused} {
		for _, r := range rows {
			if seen[r] {
				t.Errorf("%s!%d in two lists", r.Sheet, r.Row)
			}
			seen[r] = true
			if r.Row < 1 || r.Sheet == "" {
				t.Errorf("row without a place: %q!%d", r.Sheet, r.Row)
			}
		}
	}
	for _, r := range p.Refused {
		if len(r.Problems) == 0 {
			t.Errorf("%s!%d refused without a problem", r.Sheet, r.Row)
		}
		for _, pr := range r.Problems {
			if pr.Sheet != r.Sheet || pr.Row != r.Row || pr.Code == "" {
				t.Errorf("problem misplaced: %+v in %s!%d", pr, r.Sheet, r.Row)
			}
		}
	}
	for _, r := range p.Add {
		if r.Member.IDNumber == "" || r.Member.Name == "" {
			t.Errorf("%s!%d added without a name or ID number", r.Sheet, r.Row)
		}
	}
}
