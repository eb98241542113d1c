package data

import (
	"flag"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
)

// kills is how many times TestCrashSafety kills its child; the soak target
// runs `go test -run TestCrashSafety ./data -args -kills=200`.
var kills = flag.Int("kills", 20, "SIGKILLs in TestCrashSafety")

// markKey is one (session, member) pair.
type markKey struct{ session, member uuid.UUID }

// markWrite is one SetMark the child announced.
type markWrite struct {
	markKey
	mark Mark
}

// apply records w in marks the way the ledger does: Unmarked clears.
func (w markWrite) apply(marks map[markKey]Mark) {
	if w.mark.Status == Unmarked {
		delete(marks, w.markKey)
		return
	}
	marks[w.markKey] = w.mark
}

func (w markWrite) String() string {
	return fmt.Sprintf("try %s %s %d %d", w.session, w.member, w.mark.Status, w.mark.Reason)
}

func parseWrite(line string) (markWrite, error) {
	var w markWrite
	var s, m string
	var st, re uint8
	if _, err := fmt.Sscanf(line, "try %s %s %d %d", &s, &m, &st, &re); err != nil {
		return w, fmt.Errorf("line %q: %w", line, err)
	}
	var err error
	if w.session, err = uuid.Parse(s); err != nil {
		return w, err
	}
	if w.member, err = uuid.Parse(m); err != nil {
		return w, err
	}
	w.mark = Mark{MarkStatus(st), LeaveReason(re)}
	return w, nil
}

// helperCrash is the child of TestCrashSafety: it sets random marks in a
// loop, printing "try …" before each SetMark and "ok" after it returns,
// until it is killed.
func helperCrash(path, seed string) error {
	n, err := strconv.ParseUint(seed, 10, 64)
	if err != nil {
		return err
	}
	l, err := Open(path, testOptions())
	if err != nil {
		return err
	}
	ss, err := l.Sessions(0, 0)
	if err != nil {
		return err
	}
	ms, err := l.Members()
	if err != nil {
		return err
	}
	rng := rand.New(rand.NewPCG(n, 1))
	if _, err := os.Stdout.WriteString("ready\n"); err != nil {
		return err
	}
	for {
		w := markWrite{markKey{ss[rng.IntN(len(ss))].ID, ms[rng.IntN(len(ms))].ID}, Mark{}}
		w.mark.Status = MarkStatus(rng.IntN(int(Absent) + 1)) // Unmarked included: clearing is a write too
		if w.mark.Status == OnLeave {
			w.mark.Reason = LeaveReasons()[rng.IntN(len(LeaveReasons()))]
		}
		// One write(2) per line: os.Stdout is unbuffered, and a pipe write
		// this short is atomic.
		if _, err := os.Stdout.WriteString(w.String() + "\n"); err != nil {
			return err
		}
		if err := l.SetMark(w.session, w.member, w.mark, true); err != nil {
			return err
		}
		if _, err := os.Stdout.WriteString("ok\n"); err != nil {
			return err
		}
	}
}

// allMarks opens the ledger, requires Check to be clean, and returns every
// mark of every session.
func allMarks(t *testing.T, path string) map[markKey]Mark {
	t.Helper()
	l, err := Open(path, testOptions())
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	defer l.Close()
	ps, err := l.Check()
	if err != nil {
		t.Fatalf("Check: %v", err)
	}
	if len(ps) > 0 {
		t.Fatalf("Check: got %d problems, first %+v; want none", len(ps), ps[0])
	}
	ss, err := l.Sessions(0, 0)
	if err != nil {
		t.Fatal(err)
	}
	out := map[markKey]Mark{}
	for _, s := range ss {
		marks, err := l.Marks(s.ID)
		if err != nil {
			t.Fatal(err)
		}
		for m, mk := range marks {
			out[markKey{s.ID, m}] = mk
		}
	}
	return out
}

func diffMarks(got, want map[markKey]Mark) string {
	var b strings.Builder
	n := 0
	for k := range want {
		if g, ok := got[k]; !ok || g != want[k] {
			if n++; n <= 5 {
				fmt.Fprintf(&b, "\n  %s/%s: got %v (present %v), want %v", k.session, k.member, g, ok, want[k])
			}
		}
	}
	for k := range got {
		if _, ok := want[k]; !ok {
			if n++; n <= 5 {
				fmt.Fprintf(&b, "\n  %s/%s: got %v, want no mark", k.session, k.member, got[k])
			}
		}
	}
	return fmt.Sprintf("%d marks differ:%s", n, b.String())
}

// TestCrashSafety kills a child process that commits marks in a loop, at
// random moments, and checks after each kill that the ledger opens, Check
// is clean, every mark whose SetMark returned is there with its last value,
// and nothing else changed. The one write that may be in flight at the
// kill (a "try" line without its "ok") may or may not have landed: the
// ledger must then equal one of the two states exactly.
func TestCrashSafety(t *testing.T) {
	path := demoFile(t, t.TempDir())
	seed := uint64(time.Now().UnixNano())
	t.Logf("seed %d (kills %d)", seed, *kills)
	rng := rand.New(rand.NewPCG(seed, 2))
	state := allMarks(t, path)
	var committed, inFlight, landed int
	for k := range *kills {
		c := startChild(t, "crash", path, helperSeedEnv+"="+strconv.FormatUint(seed+uint64(k), 10))
		time.Sleep(time.Duration(20+rng.IntN(131)) * time.Millisecond)
		if err := c.cmd.Process.Kill(); err != nil { // SIGKILL on Unix
			t.Fatal(err)
		}
		<-c.done
		lines := c.lines[1:] // after "ready"
		if err := c.cmd.Wait(); err == nil {
			t.Fatalf("kill %d: child exited normally, want killed; output %q", k, lines)
		}

		want := maps.Clone(state)
		var pending *markWrite
		for _, line := range lines {
			switch {
			case strings.HasPrefix(line, "try "):
				if pending != nil {
					t.Fatalf("kill %d: %q follows an unfinished %q", k, line, pending)
				}
				w, err := parseWrite(line)
				if err != nil {
					t.Fatal(err)
				}
				pending = &w
			case line == "ok":
				if pending == nil {
					t.Fatalf("kill %d: \"ok\" without a write", k)
				}
				pending.apply(want)
				pending = nil
				committed++
			default:
				t.Fatalf("kill %d: child said %q", k, line)
			}
		}

		got := allMarks(t, path)
		switch {
		case maps.Equal(got, want):
		case pending != nil:
			alt := maps.Clone(want)
			pending.apply(alt)
			if !maps.Equal(got, alt) {
				t.Fatalf("kill %d: the ledger is neither before nor after the in-flight %q: %s", k, pending, diffMarks(got, want))
			}
			landed++
		default:
			t.Fatalf("kill %d after %d lines: %s", k, len(lines), diffMarks(got, want))
		}
		if pending != nil {
			inFlight++
		}
		state = got
	}
	if *kills > 0 && committed == 0 {
		t.Fatalf("no SetMark returned before any of %d kills: the test proved nothing", *kills)
	}
	t.Logf("%d kills, %d commits confirmed, %d kills with a write in flight (%d of them landed)", *kills, committed, inFlight, landed)
}
