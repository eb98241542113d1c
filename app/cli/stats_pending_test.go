package cli

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"branchledger/data"
)

// TestStatsPendingRate: while expected members are unmarked, `stats`
// prints no percentage (it would be the rate of the marked only), as the
// window does: 待登记 with the number unmarked; --json says pending. Once
// everyone is marked the percentage is back.
func TestStatsPendingRate(t *testing.T) {
	r := newCLI(t, "zh-Hans")
	path := filepath.Join(t.TempDir(), "支部.ledger")
	r.want(ExitOK, "new", path, "--branch", "测试支部")
	r.want(ExitOK, "import", path, filepath.Join(rosterFixtures, "roster-clean.xlsx")) // 14 members
	l, err := data.Open(path, data.Options{Now: func() time.Time { return cliNow }, NoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	ms, err := l.Members()
	if err != nil || len(ms) != 14 {
		t.Fatalf("members: %d (%v), want the roster's 14", len(ms), err)
	}
	s := data.Session{Kind: data.NoonClassroom, Theme: "正午课堂", Date: data.NewDate(2026, 11, 27), Start: "12:00", End: "13:00"}
	if err := l.SaveSession(&s); err != nil {
		t.Fatal(err)
	}
	if err := l.SetMark(s.ID, ms[0].ID, data.Mark{Status: data.Present}, false); err != nil {
		t.Fatal(err)
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	out, _ := r.want(ExitOK, "stats", path, "--year", "2026")
	if want := "应到 14 人次，出席 1，迟到 0，请假 0，缺席 0，出勤率 待登记（未登记 13 人）"; !strings.Contains(out, want) {
		t.Errorf("stats with 13 unmarked: got %q, want the line %q", out, want)
	}
	js, _ := r.want(ExitOK, "stats", path, "--year", "2026", "--json")
	var got struct {
		Total struct {
			Unmarked int     `json:"unmarked"`
			Rate     float64 `json:"rate"`
			Pending  bool    `json:"pending"`
		} `json:"total"`
	}
	if err := json.Unmarshal([]byte(js), &got); err != nil {
		t.Fatal(err)
	}
	if got.Total.Unmarked != 13 || !got.Total.Pending || got.Total.Rate != 1 {
		t.Errorf("stats --json total: %+v, want 13 unmarked, pending, rate of the marked 1", got.Total)
	}

	l, err = data.Open(path, data.Options{Now: func() time.Time { return cliNow }, NoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	rest := map[uuid.UUID]data.Mark{}
	for _, m := range ms[1:] {
		rest[m.ID] = data.Mark{Status: data.Absent}
	}
	if err := l.SetMarks(s.ID, rest, false); err != nil {
		t.Fatal(err)
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	out, _ = r.want(ExitOK, "stats", path, "--year", "2026")
	if want := "应到 14 人次，出席 1，迟到 0，请假 0，缺席 13，出勤率 7.1%"; !strings.Contains(out, want) {
		t.Errorf("stats with everyone marked: got %q, want the line %q", out, want)
	}
}
