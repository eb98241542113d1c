package data

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// parseICS is an independent reader of the file: it checks the physical
// lines (CRLF, at most 75 octets, whole UTF-8 characters), unfolds them
// and returns the events' properties with TEXT values unescaped.
func parseICS(t *testing.T, b []byte) (cal map[string]string, events []map[string]string) {
	t.Helper()
	if !bytes.HasSuffix(b, []byte("\r\n")) {
		t.Fatal("file does not end with CRLF")
	}
	phys := strings.Split(strings.TrimSuffix(string(b), "\r\n"), "\r\n")
	var logical []string
	for i, p := range phys {
		if strings.ContainsAny(p, "\r\n") {
			t.Fatalf("line %d: bare CR or LF in %q", i+1, p)
		}
		if len(p) > 75 {
			t.Errorf("line %d: %d octets, want at most 75", i+1, len(p))
		}
		if !utf8.ValidString(p) {
			t.Errorf("line %d: a character split by folding: %q", i+1, p)
		}
		if strings.HasPrefix(p, " ") || strings.HasPrefix(p, "\t") {
			logical[len(logical)-1] += p[1:]
			continue
		}
		logical = append(logical, p)
	}
	unescape := func(v string) string {
		var sb strings.Builder
		for i := 0; i < len(v); i++ {
			if v[i] == '\\' && i+1 < len(v) {
				i++
				switch v[i] {
				case 'n', 'N':
					sb.WriteByte('\n')
				default:
					sb.WriteByte(v[i])
				}
				continue
			}
			sb.WriteByte(v[i])
		}
		return sb.String()
	}
	cal = map[string]string{}
	var cur map[string]string
	depth := []string{}
	for _, l := range logical {
		name, value, ok := strings.Cut(l, ":")
		if !ok {
			t.Fatalf("no colon in %q", l)
		}
		switch name {
		case "BEGIN":
			depth = append(depth, value)
			if value == "VEVENT" {
				cur = map[string]string{}
			}
			continue
		case "END":
			if len(depth) == 0 || depth[len(depth)-1] != value {
				t.Fatalf("END:%s does not close %v", value, depth)
			}
			depth = depth[:len(depth)-1]
			if value == "VEVENT" {
				events = append(events, cur)
			}
			continue
		}
		target := cal
		if len(depth) > 1 {
			target = cur
			if depth[len(depth)-1] == "VALARM" {
				name = "VALARM/" + name
			}
		}
		target[name] = unescape(value)
	}
	if len(depth) != 0 {
		t.Fatalf("unclosed %v", depth)
	}
	return cal, events
}

func TestWriteICS(t *testing.T) {
	long := strings.Repeat("预备期一年期满；转正须经支部党员大会讨论, 会议不得早于期满之日。", 4)
	evs := []ICSEvent{
		{UID: "a@branchledger", Date: 20261213, Summary: "预备党员转正：顾洁", Description: long + "\n来源：《细则》第三十二条; a\\b", Alarms: []Date{20261113}},
		{UID: "b@branchledger", Date: 20261231, Summary: "Review, 2026; done?"},
	}
	var buf bytes.Buffer
	if err := WriteICS(&buf, "测试支部 待办", evs, time.Date(2026, 11, 29, 2, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	cal, got := parseICS(t, buf.Bytes())
	if cal["VERSION"] != "2.0" || cal["X-WR-CALNAME"] != "测试支部 待办" || cal["PRODID"] == "" {
		t.Errorf("calendar properties: %v", cal)
	}
	if len(got) != 2 {
		t.Fatalf("got %d events, want 2", len(got))
	}
	want := []map[string]string{
		{"UID": "a@branchledger", "DTSTAMP": "20261129T020000Z", "DTSTART;VALUE=DATE": "20261213", "DTEND;VALUE=DATE": "20261214",
			"SUMMARY": "预备党员转正：顾洁", "DESCRIPTION": long + "\n来源：《细则》第三十二条; a\\b", "TRANSP": "TRANSPARENT",
			"VALARM/ACTION": "DISPLAY", "VALARM/DESCRIPTION": "预备党员转正：顾洁", "VALARM/TRIGGER;VALUE=DATE-TIME": "20261113T010000Z"},
		{"UID": "b@branchledger", "DTSTAMP": "20261129T020000Z", "DTSTART;VALUE=DATE": "20261231", "DTEND;VALUE=DATE": "20270101",
			"SUMMARY": "Review, 2026; done?", "TRANSP": "TRANSPARENT"},
	}
	for i := range want {
		if len(got[i]) != len(want[i]) {
			t.Errorf("event %d: got %d properties %v, want %d", i, len(got[i]), got[i], len(want[i]))
		}
		for k, v := range want[i] {
			if got[i][k] != v {
				t.Errorf("event %d %s: got %q, want %q", i, k, got[i][k], v)
			}
		}
	}
	// The raw text escapes what RFC 5545 asks for.
	raw := strings.ReplaceAll(buf.String(), "\r\n ", "")
	for _, s := range []string{`SUMMARY:Review\, 2026\; done?`, `第三十二条\; a\\b`, `之日。\n来源`} {
		if !strings.Contains(raw, s) {
			t.Errorf("escaped text %q not found", s)
		}
	}
}

func TestDutyAlarms(t *testing.T) {
	tests := []struct {
		d    Duty
		want []Date
	}{
		{Duty{Kind: DutyConfirmation, Due: 20261213, Remind: 20261113}, []Date{20261113, 20261214}},
		{Duty{Kind: DutyElection, Rule: RuleElection, Due: 20270115}, []Date{20260715, 20261015, 20270115,
			20270215, 20270315, 20270415, 20270515, 20270615, 20270715, 20270815, 20270915, 20271015, 20271115, 20271215, 20280115}},
		{Duty{Kind: DutyElection, Rule: RuleElectionMissing, Due: 20261129, Remind: 20261129}, []Date{20261129}},
		{Duty{Kind: DutyReview, Due: 20261231, Remind: 20261001}, []Date{20261001}},
	}
	for _, tc := range tests {
		got := DutyAlarms(&tc.d)
		if fmt.Sprint(got) != fmt.Sprint(tc.want) {
			t.Errorf("%s %s: got %v, want %v", tc.d.Kind, tc.d.Rule, got, tc.want)
		}
	}
}

func TestWriteFileAtomicKeepsOldOnError(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "duties.ics")
	if err := os.WriteFile(path, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	err := WriteFileAtomic(path, func(w *os.File) error {
		if _, err := w.Write([]byte("partial")); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("got %v, want the writer's error", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "old" {
		t.Errorf("after a failed write the file holds %q, want the old content", b)
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 1 {
		t.Errorf("left %d files in the folder, want only the old one", len(ents))
	}
	if err := WriteFileAtomic(path, func(w *os.File) error { _, err := w.Write([]byte("new")); return err }); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); string(b) != "new" {
		t.Errorf("after a good write the file holds %q, want new", b)
	}
}

// FuzzWriteICS checks that any summary and description come back intact
// through the independent reader, whatever their characters.
func FuzzWriteICS(f *testing.F) {
	f.Add("预备党员转正：顾洁", "a;b,c\\d\ne")
	f.Add(strings.Repeat("中", 40), strings.Repeat("x", 200))
	f.Fuzz(func(t *testing.T, summary, desc string) {
		if !utf8.ValidString(summary) || !utf8.ValidString(desc) || strings.ContainsRune(summary+desc, '\r') {
			return // the app passes its own valid text; CR is written as a newline
		}
		var buf bytes.Buffer
		if err := WriteICS(&buf, "n", []ICSEvent{{UID: "u", Date: 20260101, Summary: summary, Description: desc}}, time.Unix(0, 0)); err != nil {
			t.Fatal(err)
		}
		_, evs := parseICS(t, buf.Bytes())
		if evs[0]["SUMMARY"] != summary || (desc != "" && evs[0]["DESCRIPTION"] != desc) {
			t.Errorf("round trip: got %q / %q, want %q / %q", evs[0]["SUMMARY"], evs[0]["DESCRIPTION"], summary, desc)
		}
	})
}
