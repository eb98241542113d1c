package cli

import (
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"branchledger/data"
	"branchledger/data/dues"
)

// duesLedger writes a ledger of three members with known dues, on the
// CLI's clock (2026-11-29), and returns its path and the members.
func duesLedger(t *testing.T) (string, []data.Member) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "dues.ledger")
	l, err := data.Create(path, data.Branch{Name: "测试支部", Committee: "机关党委"}, data.Options{Now: func() time.Time { return cliNow }, NoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	ms := []*data.Member{
		{Name: "王一", Gender: data.Male, Birth: data.NewDate(1980, 1, 1), IDNumber: "310105198001010013", Category: data.Full, Joined: data.NewDate(2005, 7, 1)},
		{Name: "李二", Gender: data.Female, Birth: data.NewDate(1985, 6, 15), IDNumber: "31010519850615002X", Category: data.Full, Joined: data.NewDate(2008, 7, 1)},
		{Name: "张三", Gender: data.Male, Birth: data.NewDate(1990, 11, 20), IDNumber: "310105199011200034", Category: data.Probationary, Joined: data.NewDate(2026, 9, 18)},
	}
	if err := l.SaveMembers(ms); err != nil {
		t.Fatal(err)
	}
	for i, b := range []data.DuesBase{{Category: dues.Employed, Base: 500001}, {Category: dues.Retired, Base: 420000}} {
		if err := l.SetDuesBase(ms[i].ID, 2026, b, "书记"); err != nil {
			t.Fatal(err)
		}
	}
	if err := l.SetDuesReduction(ms[1].ID, 2026, &data.DuesReduction{Kind: data.DuesReduced, MonthlyDue: 1000, ApprovedBy: "机关党委", ApprovedOn: data.NewDate(2026, 1, 20)}); err != nil {
		t.Fatal(err)
	}
	var months []data.YearMonth
	for m := 1; m <= 6; m++ {
		months = append(months, data.YearMonth(202600+m))
	}
	for _, id := range []int{0, 1} {
		if _, err := l.PayDues(ms[id].ID, data.DuesPay{Months: months, Paid: data.NewDate(2026, 6, 30), Method: data.PayCash}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := l.PayDues(ms[0].ID, data.DuesPay{Months: []data.YearMonth{202607, 202608, 202609, 202610, 202611}, Paid: data.NewDate(2026, 11, 6), Method: data.PayOnline}); err != nil {
		t.Fatal(err)
	}
	out := make([]data.Member, len(ms))
	for i, m := range ms {
		out[i] = *m
	}
	return path, out
}

func TestDuesJSON(t *testing.T) {
	path, ms := duesLedger(t)
	r := newCLI(t, "zh-Hans")
	stdout, _ := r.want(ExitOK, "dues", path, "--year", "2026", "--json")
	var got map[string]any
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, stdout)
	}
	// 5000.01 × 1.5 % = 75.00015 → 75.00 a month; 4200 × 0.5 % = 21.00,
	// reduced to 10.00; 张三 has no dues record for 2026, so owes nothing
	// the ledger can know of.
	want := `{"year": 2026, "members": [
	 {"id": "` + ms[0].ID.String() + `", "name": "王一", "category": "employed", "base": 5000.01, "rate": 0.015, "monthly_due": 75,
	  "reduced": null, "paid": {"2026-01": 75, "2026-02": 75, "2026-03": 75, "2026-04": 75, "2026-05": 75, "2026-06": 75,
	  "2026-07": 75, "2026-08": 75, "2026-09": 75, "2026-10": 75, "2026-11": 75}, "owed_months": []},
	 {"id": "` + ms[1].ID.String() + `", "name": "李二", "category": "retired", "base": 4200, "rate": 0.005, "monthly_due": 10,
	  "reduced": {"kind": "少交", "monthly_due": 10, "approved_by": "机关党委", "approved_on": "2026-01-20"},
	  "paid": {"2026-01": 10, "2026-02": 10, "2026-03": 10, "2026-04": 10, "2026-05": 10, "2026-06": 10},
	  "owed_months": ["2026-07", "2026-08", "2026-09", "2026-10", "2026-11"]},
	 {"id": "` + ms[2].ID.String() + `", "name": "张三", "category": null, "base": null, "rate": null, "monthly_due": null,
	  "reduced": null, "paid": {}, "owed_months": []}
	]}`
	var wantV map[string]any
	if err := json.Unmarshal([]byte(want), &wantV); err != nil {
		t.Fatal(err)
	}
	gotB, _ := json.Marshal(got)
	wantB, _ := json.Marshal(wantV)
	if string(gotB) != string(wantB) {
		t.Errorf("dues --json:\n got %s\nwant %s", gotB, wantB)
	}
}

func TestDuesText(t *testing.T) {
	path, _ := duesLedger(t)
	stdout, _ := newCLI(t, "zh-Hans").want(ExitOK, "dues", path)
	for _, s := range []string{"2026 年党费（统计截至 2026-11）", "王一", "5000.01", "1.5%", "75.00", "连续 5 个月未交", "全年应交 1020.00 元，已交 885.00 元，欠交 50.00 元"} {
		if !strings.Contains(stdout, s) {
			t.Errorf("dues output lacks %q:\n%s", s, stdout)
		}
	}
	_, stderr := newCLI(t, "zh-Hans").want(ExitRefused, "dues", filepath.Join(t.TempDir(), "none.ledger"))
	if stderr == "" {
		t.Error("missing ledger: no message")
	}
}

func TestExportDuesReport(t *testing.T) {
	r := newCLI(t, "zh-Hans")
	path := newDemoFile(t, r)
	out := filepath.Join(t.TempDir(), "党费.xlsx")
	stdout, _ := r.want(ExitOK, "export", path, "--out", out, "--report", "dues", "--year", "2026")
	if !strings.Contains(stdout, "党费收缴台账、党费年度汇总") {
		t.Errorf("export said %q", stdout)
	}
	f := openXLSX(t, out)
	if got := f.GetSheetList(); !slices.Equal(got, []string{"党费年度汇总", "党费收缴台账"}) {
		t.Errorf("sheets %v", got)
	}
	// "all" stays the organisational-life reports: dues are named to be written.
	all := filepath.Join(t.TempDir(), "all.xlsx")
	r.want(ExitOK, "export", path, "--out", all)
	if got := openXLSX(t, all).GetSheetList(); slices.Contains(got, "党费收缴台账") {
		t.Errorf("all reports include the dues: %v", got)
	}
}
