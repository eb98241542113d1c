package data

import (
	"bufio"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The child processes of these tests are this test binary run again with
// helperEnv naming what to do (see TestHelperProcess).
const (
	helperEnv       = "BRANCHLEDGER_TEST_HELPER"
	helperLedgerEnv = "BRANCHLEDGER_TEST_LEDGER"
	helperSeedEnv   = "BRANCHLEDGER_TEST_SEED"
)

// TestHelperProcess is not a test: it is the body of the child processes
// started by TestSecondInstance and TestCrashSafety.
func TestHelperProcess(t *testing.T) {
	mode := os.Getenv(helperEnv)
	if mode == "" {
		t.Skip("child process body for TestSecondInstance and TestCrashSafety")
	}
	path := os.Getenv(helperLedgerEnv)
	var err error
	switch mode {
	case "hold":
		err = helperHold(path)
	case "crash":
		err = helperCrash(path, os.Getenv(helperSeedEnv))
	case "midwrite":
		err = helperMidWrite(path)
	default:
		err = errors.New("unknown helper mode " + mode)
	}
	if err != nil {
		os.Stdout.WriteString("err " + err.Error() + "\n")
		os.Exit(3)
	}
	os.Exit(0)
}

// helperHold opens the ledger, says "ready" and keeps it open until its
// standard input closes.
func helperHold(path string) error {
	l, err := Open(path, testOptions())
	if err != nil {
		return err
	}
	if _, err := os.Stdout.WriteString("ready\n"); err != nil {
		return err
	}
	if _, err := io.Copy(io.Discard, os.Stdin); err != nil {
		return err
	}
	return l.Close()
}

// helperChild is a running helper process and the lines it has printed.
type helperChild struct {
	cmd   *exec.Cmd
	stdin io.WriteCloser
	first chan string   // the first line, or closed without one
	done  chan struct{} // closed at the end of the child's output
	lines []string      // every whole line, once done is closed
}

// startChild runs the helper in mode on path and waits until it prints
// "ready".
func startChild(t *testing.T, mode, path string, env ...string) *helperChild {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$")
	cmd.Env = append(os.Environ(), append([]string{helperEnv + "=" + mode, helperLedgerEnv + "=" + path}, env...)...)
	cmd.Stderr = os.Stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	c := &helperChild{cmd: cmd, stdin: stdin, first: make(chan string, 1), done: make(chan struct{})}
	go func() {
		defer close(c.done)
		defer close(c.first)
		// Read without pause, so the child never waits on a full pipe;
		// only whole lines count: a line cut by the kill has no newline.
		r := bufio.NewReader(stdout)
		for {
			s, err := r.ReadString('\n')
			if err != nil {
				return
			}
			c.lines = append(c.lines, strings.TrimSuffix(s, "\n"))
			if len(c.lines) == 1 {
				c.first <- c.lines[0]
			}
		}
	}()
	t.Cleanup(func() {
		_ = cmd.Process.Kill() // already gone in the normal case
		_ = cmd.Wait()
	})
	select {
	case s := <-c.first:
		if s != "ready" {
			t.Fatalf("child %s: got first line %q, want \"ready\"", mode, s)
		}
	case <-time.After(20 * time.Second):
		t.Fatalf("child %s: no \"ready\" after 20 s", mode)
	}
	return c
}

// TestSecondInstance: a ledger held open by another process is refused
// within two seconds with ErrLocked, and opens once that process is gone.
func TestSecondInstance(t *testing.T) {
	dir := t.TempDir()
	path, other := filepath.Join(dir, "held.ledger"), filepath.Join(dir, "other.ledger")
	for _, p := range []string{path, other} {
		l, err := Create(p, Branch{Name: "测试支部"}, testOptions())
		if err != nil {
			t.Fatal(err)
		}
		if err := l.Close(); err != nil {
			t.Fatal(err)
		}
	}
	c := startChild(t, "hold", path)

	for _, tc := range []struct {
		name string
		open func() error
	}{
		// Each returns rather than waits for the lock: a wait without end
		// would hang here until go test's own timeout.
		{"Open with the default timeout", func() error {
			l, err := Open(path, Options{Now: testOptions().Now})
			if err == nil {
				_ = l.Close()
			}
			return err
		}},
		{"Verify (read-only)", func() error { _, err := Verify(path, Options{}); return err }},
		{"Restore over it", func() error { return Restore(other, path, Options{}) }},
	} {
		before := stateOf(t, path)
		if err := tc.open(); !errors.Is(err, ErrLocked) {
			t.Errorf("%s: got %v, want ErrLocked", tc.name, err)
		}
		if after := stateOf(t, path); after != before {
			t.Errorf("%s changed the held ledger: %+v, want %+v", tc.name, after, before)
		}
	}

	// Once the other process has closed it, the ledger opens.
	if err := c.stdin.Close(); err != nil {
		t.Fatal(err)
	}
	if err := c.cmd.Wait(); err != nil {
		t.Fatalf("child: %v", err)
	}
	l, err := Open(path, testOptions())
	if err != nil {
		t.Fatalf("Open after the other process closed: %v", err)
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
}
