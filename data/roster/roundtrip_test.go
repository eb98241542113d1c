package roster

import (
	"bytes"
	"path/filepath"
	"testing"
	"time"

	"branchledger/data"
	"branchledger/data/report"
)

// TestRoundTripReportRoster exports the example branch's roster with full
// ID numbers, imports it into an empty ledger, and checks that every
// member comes back identical, field by field.
func TestRoundTripReportRoster(t *testing.T) {
	path := filepath.Join(t.TempDir(), "demo.ledger")
	opt := data.Options{Now: func() time.Time { return testNow }, NoBackup: true}
	if err := data.WriteDemo(path, opt); err != nil {
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
		if !sameRoster(got, want) {
			t.Errorf("%s:\n got %+v\nwant %+v", want.Name, got, want)
		}
	}
	if len(p.Add) != len(ms) {
		t.Errorf("members imported: got %d, want %d", len(p.Add), len(ms))
	}
}
