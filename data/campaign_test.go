package data

import (
	"bytes"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"testing"

	"github.com/google/uuid"
)

// TestFlipCampaignData flips one byte at a time at positions spread over
// the example ledger and reads everything the reports read. Each copy
// either is refused (Open or the read gives ErrDamaged) or gives exactly
// the undamaged ledger's content and statistics; nothing panics.
// BRANCHLEDGER_SOAK=N runs N positions.
func TestFlipCampaignData(t *testing.T) {
	n := 40
	if s := os.Getenv("BRANCHLEDGER_SOAK"); s != "" {
		var err error
		if n, err = strconv.Atoi(s); err != nil {
			t.Fatal(err)
		}
	}
	good := demoFile(t, t.TempDir())
	orig, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	want, wantStats := readAll(good)
	if want == nil {
		t.Fatal("the undamaged ledger does not read")
	}
	rng := rand.New(rand.NewPCG(14, 2026))
	var refused, same int
	for range n {
		pos, mask := rng.IntN(len(orig)), byte(1+rng.IntN(255))
		path := filepath.Join(t.TempDir(), "x.ledger")
		b := bytes.Clone(orig)
		b[pos] ^= mask
		putFile(t, path, b)
		got, gotStats := readAll(path)
		switch {
		case got == nil:
			refused++
		case reflect.DeepEqual(got, want) && reflect.DeepEqual(gotStats, wantStats):
			same++
		default:
			t.Errorf("byte %d ^ %#02x: read with no error, but different", pos, mask)
		}
	}
	t.Logf("%d positions: %d refused, %d identical", n, refused, same)
}

// readAll opens path read-only and reads the content and the year's
// statistics; nil when anything is refused.
func readAll(path string) (*ledgerContent, *YearStats) {
	l, err := Open(path, Options{Now: testOptions().Now, ReadOnly: true, NoBackup: true})
	if err != nil {
		return nil, nil
	}
	defer l.Close()
	var c ledgerContent
	c.Marks = map[uuid.UUID]map[uuid.UUID]Mark{}
	if c.Branch, err = l.Branch(); err != nil {
		return nil, nil
	}
	if c.Members, err = l.Members(); err != nil {
		return nil, nil
	}
	if c.Sessions, err = l.Sessions(0, 0); err != nil {
		return nil, nil
	}
	for _, s := range c.Sessions {
		if c.Marks[s.ID], err = l.Marks(s.ID); err != nil {
			return nil, nil
		}
	}
	if c.MakeUps, err = l.MakeUps(); err != nil {
		return nil, nil
	}
	ys, err := l.YearStats(2026)
	if err != nil {
		return nil, nil
	}
	if ps, err := l.Check(); err != nil || len(ps) > 0 {
		return nil, nil
	}
	return &c, ys
}
