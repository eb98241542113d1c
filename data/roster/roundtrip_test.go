package roster

import (
	"bytes"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"branchledger/data"
	"branchledger/data/demo"
	"branchledger/data/report"
)

// rosterView is the test's own oracle of what a roster carries: every
// field a roster column holds, as text. It is written here, apart from the
// importer's comparison, so that a field the importer forgets to compare
// (or to read) still shows up as a difference.
func rosterView(m data.Member) map[string]string {
	return map[string]string{
		"姓名": m.Name, "性别": string(m.Gender), "民族": m.Ethnicity, "出生日期": fmt.Sprint(int(m.Birth)),
		"公民身份号码": m.IDNumber, "学历": m.Education, "联系电话": m.Phone, "工作单位及职务": m.Post,
		"党小组": m.Group, "党员类别": string(m.Category), "入党日期": fmt.Sprint(int(m.Joined)),
		"转正日期": fmt.Sprint(int(m.Confirmed)), "党籍状态": string(m.Status),
		"组织关系转入日期": fmt.Sprint(int(m.TransferredIn)), "备注": m.Notes,
	}
}

// TestRoundTripReportRoster exports the example branch's roster with full
// ID numbers, imports it into an empty ledger, and checks that every
// member comes back identical, field by field.
func TestRoundTripReportRoster(t *testing.T) {
	path := filepath.Join(t.TempDir(), "demo.ledger")
	opt := data.Options{Now: func() time.Time { return testNow }, NoBackup: true}
	if err := demo.Write(path, opt); err != nil {
		t.Fatal(err)
	}
	src, err := data.Open(path, opt)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	var buf bytes.Buffer
	if err := report.Write(src, &buf, report.Options{Reports: []string{report.Roster}, FullIDs: true}); err != nil {
		t.Fatal(err)
	}
	dst := newTestLedger(t)
	p := readBytes(t, buf.Bytes(), dst)
	if len(p.Refused) != 0 {
		t.Fatalf("refused: %+v", p.Problems())
	}
	if err := p.Apply(dst); err != nil {
		t.Fatal(err)
	}
	ms, err := src.Members()
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) < 10 {
		t.Fatalf("example members: got %d, want the reference branch's 14 or so", len(ms))
	}
	for _, want := range ms {
		got, err := dst.MemberByIDNumber(want.IDNumber)
		if err != nil {
			t.Errorf("%s not imported: %v", want.Name, err)
			continue
		}
		if want.Left != nil {
			// A departed member's 备注 also tells the departure, which a
			// roster cannot carry back as a departure record.
			got.Notes = want.Notes
		}
		g, w := rosterView(got), rosterView(want)
		for k := range w {
			if g[k] != w[k] {
				t.Errorf("%s %s: got %q, want %q", want.Name, k, g[k], w[k])
			}
		}
	}
	if len(p.Add) != len(ms) {
		t.Errorf("members imported: got %d, want %d", len(p.Add), len(ms))
	}
}
