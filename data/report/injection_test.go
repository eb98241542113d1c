package report

import (
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"branchledger/data"
)

// TestInjectionStaysText puts formula-looking text in every text field
// that reaches a report and checks that every sheet holds it as text:
// no cell of the workbook has a formula.
func TestInjectionStaysText(t *testing.T) {
	inject := map[string]string{
		"branch":    `@SUM(1+1)*cmd|' /C calc'!A0`,
		"committee": `=HYPERLINK("http://evil.example","上级")`,
		"name":      `=HYPERLINK("http://evil.example","点我")`,
		"name2":     "-1+1",
		"ethnicity": "+86汉族",
		"education": "@SUM(A1:A2)",
		"post":      "-1+1 科员",
		"group":     "+86 第一组",
		"notes":     `=cmd|' /C calc'!A0`,
		"theme":     `=HYPERLINK("http://evil.example")`,
		"host":      "+8613800000000",
		"place":     "@SUM(1,2)",
		"group2":    "=1+1",
	}
	l := newTestLedger(t, data.Branch{Name: inject["branch"], Committee: inject["committee"],
		Groups: []string{inject["group"], inject["group2"]}})
	a := member(1, inject["name"], inject["group"])
	a.Ethnicity, a.Education, a.Post, a.Notes = inject["ethnicity"], inject["education"], inject["post"], inject["notes"]
	b := member(2, inject["name2"], inject["group2"])
	if err := l.SaveMembers([]*data.Member{a, b}); err != nil {
		t.Fatal(err)
	}
	held := &data.Session{Kind: data.GroupMeeting, Group: inject["group"], Theme: inject["theme"], Host: inject["host"],
		Place: inject["place"], Date: data.NewDate(2026, 3, 10)}
	next := &data.Session{Kind: data.GeneralMeeting, Theme: inject["theme"], Host: inject["host"], Place: inject["place"],
		Date: data.NewDate(2026, 12, 3)}
	mustSession(t, l, held)
	id := mustSession(t, l, next)
	if err := l.SetMark(held.ID, a.ID, data.Mark{Status: data.Absent}, false); err != nil {
		t.Fatal(err)
	}
	f := export(t, l, Options{Year: 2026, SessionID: id, FullIDs: true})
	seen := map[string]bool{}
	for _, sh := range f.GetSheetList() {
		rows, err := f.GetRows(sh)
		if err != nil {
			t.Fatal(err)
		}
		for r, row := range rows {
			for c, v := range row {
				ref := cell(c+1, r+1)
				if fm, err := f.GetCellFormula(sh, ref); err != nil || fm != "" {
					t.Errorf("%s!%s has formula %q (%v)", sh, ref, fm, err)
				}
				for field, s := range inject {
					if !strings.Contains(v, s) {
						continue
					}
					seen[field] = true
					if typ, _ := f.GetCellType(sh, ref); typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString {
						t.Errorf("%s!%s holds %q as type %v, want text", sh, ref, v, typ)
					}
				}
			}
		}
	}
	for field, s := range inject {
		if !seen[field] {
			t.Errorf("%s %q appears in no sheet", field, s)
		}
	}
}
