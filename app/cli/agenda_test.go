package cli

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

func TestAgendaJSON(t *testing.T) {
	r := newCLI(t, "zh-Hans")
	path := newDemoFile(t, r) // today is 2026-11-29
	out, _ := r.want(ExitOK, "agenda", path, "--json")
	var got struct {
		Duties []map[string]any `json:"duties"`
	}
	dec := json.NewDecoder(strings.NewReader(out))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&got); err != nil {
		t.Fatalf("agenda --json: %v\n%s", err, out)
	}
	var lines []string
	for _, d := range got.Duties {
		if len(d) != 6 {
			t.Errorf("duty %v: got %d fields, want kind, subject, due, rule, source, overdue", d, len(d))
		}
		if d["kind"] == "talk" {
			continue // which pairs depends on the demo's random names
		}
		lines = append(lines, strings.Join([]string{d["kind"].(string), d["due"].(string), d["source"].(string)}, " "))
		if d["overdue"] != false {
			t.Errorf("%v: overdue %v, want false", d["kind"], d["overdue"])
		}
	}
	want := []string{
		"confirmation 2026-12-13 《中国共产党发展党员工作细则》第三十二条",
		"confirmation 2026-12-14 《中国共产党发展党员工作细则》第三十二条",
		"org_life_meeting 2026-12-31 《中国共产党支部工作条例（试行）》",
		"review 2026-12-31 《中国共产党支部工作条例（试行）》",
		"election 2027-01-15 《关于党的基层组织任期的意见》（2018）",
	}
	if !slices.Equal(lines, want) {
		t.Errorf("agenda:\n got %q\nwant %q", lines, want)
	}
	if rule := got.Duties[0]["rule"].(string); rule != "预备期一年，2026-12-13 期满；转正须经支部党员大会讨论，会议不得早于期满之日" {
		t.Errorf("first rule: got %q", rule)
	}

	// Fewer days: the election (2027-01-15) drops out of 30 days but
	// stays, as its six-month reminder began on 2026-07-15.
	out, _ = r.want(ExitOK, "agenda", "--days", "10", path, "--json")
	if !strings.Contains(out, `"kind": "election"`) {
		t.Errorf("agenda --days 10: the election in its reminder period is missing:\n%s", out)
	}
	out, _ = r.want(ExitOK, "agenda", path)
	if !strings.Contains(out, "2026-12-13  预备党员转正") {
		t.Errorf("agenda text: got\n%s", out)
	}
	r.want(ExitUsage, "agenda")
}
