package cli

import (
	"encoding/json"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"branchledger/data"
)

// statsOut is the part of `stats --json` the issue fixes.
type statsOut struct {
	Year     int            `json:"year"`
	Sessions map[string]int `json:"sessions"`
	Members  []struct {
		ID       string  `json:"id"`
		Name     string  `json:"name"`
		Expected int     `json:"expected"`
		Present  int     `json:"present"`
		Late     int     `json:"late"`
		Leave    int     `json:"leave"`
		Absent   int     `json:"absent"`
		Rate     float64 `json:"rate"`
	} `json:"members"`
	Compliance []struct {
		Rule    string   `json:"rule"`
		Kind    string   `json:"kind"`
		Missing []string `json:"missing"`
	} `json:"compliance"`
}

func TestStatsJSON(t *testing.T) {
	r := newCLI(t, "zh-Hans")
	path := filepath.Join(t.TempDir(), "demo.ledger")
	r.want(ExitOK, "demo", path)
	after, _ := r.want(ExitOK, "stats", "--json", path, "--year", "2026")
	before, _ := r.want(ExitOK, "stats", path, "--year", "2026", "--json")
	if after != before {
		t.Error("stats --json: flags before and after the file give different output")
	}

	// The keys are there, with the types the issue names.
	var raw map[string]any
	if err := json.Unmarshal([]byte(after), &raw); err != nil {
		t.Fatalf("stats --json is not JSON: %v\n%s", err, after)
	}
	for _, k := range []string{"year", "sessions", "members", "compliance"} {
		if _, ok := raw[k]; !ok {
			t.Errorf("stats --json: key %q missing", k)
		}
	}
	members, _ := raw["members"].([]any)
	if len(members) == 0 {
		t.Fatal("stats --json: no members")
	}
	for _, m := range members {
		obj, _ := m.(map[string]any)
		for _, k := range []string{"id", "name", "expected", "present", "late", "leave", "absent", "rate"} {
			if _, ok := obj[k]; !ok {
				t.Errorf("stats --json: member key %q missing in %v", k, obj)
			}
		}
	}
	comps, _ := raw["compliance"].([]any)
	for _, c := range comps {
		obj, _ := c.(map[string]any)
		for _, k := range []string{"rule", "kind", "missing"} {
			if _, ok := obj[k]; !ok {
				t.Errorf("stats --json: compliance key %q missing in %v", k, obj)
			}
		}
		if _, ok := obj["missing"].([]any); !ok {
			t.Errorf("stats --json: compliance missing is %v, want a list", obj["missing"])
		}
	}

	// The numbers are data.YearStats's.
	var got statsOut
	if err := json.Unmarshal([]byte(after), &got); err != nil {
		t.Fatal(err)
	}
	ys, err := openRead(t, path).YearStats(2026)
	if err != nil {
		t.Fatal(err)
	}
	if got.Year != 2026 {
		t.Errorf("year: got %d, want 2026", got.Year)
	}
	for code, n := range got.Sessions {
		if !slices.Contains(data.Kinds(), data.Kind(code)) {
			t.Errorf("sessions: key %q is not a DOMAIN kind code", code)
		}
		if n != ys.Sessions[data.Kind(code)] {
			t.Errorf("sessions[%s]: got %d, want %d", code, n, ys.Sessions[data.Kind(code)])
		}
	}
	for k, n := range ys.Sessions {
		if got.Sessions[string(k)] != n {
			t.Errorf("sessions[%s]: got %d, want %d", k, got.Sessions[string(k)], n)
		}
	}
	if len(got.Members) != len(ys.Members) {
		t.Fatalf("members: got %d, want %d", len(got.Members), len(ys.Members))
	}
	for i, m := range got.Members {
		w := ys.Members[i]
		if m.ID != w.Member.ID.String() || m.Name != w.Member.Name || m.Expected != w.Expected || m.Present != w.Present ||
			m.Late != w.Late || m.Leave != w.Leave || m.Absent != w.Absent {
			t.Errorf("member %d: got %+v, want %s %s %+v", i, m, w.Member.ID, w.Member.Name, w.Counts)
		}
		if want := ys.Rate(w.Counts); math.Abs(m.Rate-want) > 0.00005 {
			t.Errorf("member %s rate: got %v, want %v", m.Name, m.Rate, want)
		}
	}
	if len(got.Compliance) != len(ys.Compliance) {
		t.Fatalf("compliance: got %d, want %d", len(got.Compliance), len(ys.Compliance))
	}
	sawGap := false
	for i, c := range got.Compliance {
		w := ys.Compliance[i]
		if c.Rule != w.Rule || c.Kind != string(w.Kind) || !slices.Equal(c.Missing, w.Missing) {
			t.Errorf("compliance %d: got %+v, want %+v", i, c, w)
		}
		sawGap = sawGap || len(c.Missing) > 0
	}
	if !sawGap {
		t.Error("compliance: the demo misses August's committee meeting, got no gap at all")
	}

	// The plain form names the branch.
	if out, _ := r.want(ExitOK, "stats", path, "--year", "2026"); !strings.Contains(out, "申江区市场监管局注册登记窗口党支部") {
		t.Errorf("stats: got %q, want the branch name", out)
	}
}
