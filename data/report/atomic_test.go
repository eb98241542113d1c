package report

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestWriteFileRecordsExport(t *testing.T) {
	l := newDemoLedger(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "报表.xlsx")
	for _, tc := range []struct {
		reports []string
		full    bool
		sheets  []string
	}{
		{[]string{SignIn, Roster}, true, []string{"党员花名册", "签到表"}},
		{nil, false, []string{"党员花名册", "组织生活台账", "考勤汇总（1月）", "考勤汇总（2月）", "考勤汇总（3月）", "考勤汇总（4月）", "考勤汇总（5月）", "考勤汇总（6月）", "考勤汇总（7月）", "考勤汇总（8月）", "考勤汇总（9月）", "考勤汇总（10月）", "考勤汇总（11月）", "考勤汇总（全年）", "签到表", "年度统计"}},
	} {
		if err := WriteFile(l, path, Options{Year: 2026, Reports: tc.reports, FullIDs: tc.full}); err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if got := f.GetSheetList(); !slices.Equal(got, tc.sheets) {
			t.Errorf("sheets %v, want %v", got, tc.sheets)
		}
		_ = f.Close() // read only
		exps, err := l.Exports()
		if err != nil {
			t.Fatal(err)
		}
		want := tc.reports
		if want == nil {
			want = AllReports()
		} else {
			want = []string{Roster, SignIn}
		}
		if e := exps[0]; !slices.Equal(e.Reports, want) || e.Year != 2026 || e.FullIDs != tc.full || e.File != path || !e.At.Equal(testNow) {
			t.Errorf("latest export %+v, want reports %v, 2026, full %v, %s at %s", e, want, tc.full, path, testNow)
		}
	}
	if exps, _ := l.Exports(); len(exps) != 2 {
		t.Errorf("got %d exports recorded, want 2", len(exps))
	}
	ents, _ := os.ReadDir(dir)
	if len(ents) != 1 {
		t.Errorf("folder holds %d files, want only the report (no temporary file left)", len(ents))
	}
}

// TestWriteFileLeavesOldFile checks that a target open in Excel, a
// read-only target and a read-only folder give their errors, leave the
// old file as it was, leave no temporary file and record no export.
func TestWriteFileLeavesOldFile(t *testing.T) {
	l := newDemoLedger(t)
	for _, tc := range []struct {
		name  string
		setup func(t *testing.T, dir, path string)
		want  error
	}{
		{"open in Excel", func(t *testing.T, dir, path string) {
			if err := os.WriteFile(filepath.Join(dir, "~$report.xlsx"), []byte("owner"), 0o600); err != nil {
				t.Fatal(err)
			}
		}, ErrTargetBusy},
		{"read-only file", func(t *testing.T, dir, path string) {
			if err := os.Chmod(path, 0o444); err != nil {
				t.Fatal(err)
			}
		}, ErrTargetReadOnly},
		{"read-only folder", func(t *testing.T, dir, path string) {
			if err := os.Chmod(dir, 0o555); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { _ = os.Chmod(dir, 0o755) })
		}, ErrTargetReadOnly},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "report.xlsx")
			old := []byte("the report sent last month")
			if err := os.WriteFile(path, old, 0o644); err != nil {
				t.Fatal(err)
			}
			before, _ := os.ReadDir(dir)
			exps, _ := l.Exports()
			tc.setup(t, dir, path)
			err := WriteFile(l, path, Options{Year: 2026, FullIDs: true})
			if !errors.Is(err, tc.want) {
				t.Fatalf("got %v, want %v", err, tc.want)
			}
			if got, _ := os.ReadFile(path); string(got) != string(old) {
				t.Errorf("old file now holds %q", got)
			}
			after, _ := os.ReadDir(dir)
			if len(after) != len(before)+btoi(tc.want == ErrTargetBusy) {
				t.Errorf("folder went from %d to %d files", len(before), len(after))
			}
			if now, _ := l.Exports(); len(now) != len(exps) {
				t.Errorf("exports went from %d to %d after a failed export", len(exps), len(now))
			}
		})
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}
