package app

import (
	"errors"
	"os"
	"strings"
	"testing"

	"branchledger/app/msg"
	"branchledger/app/winsys"
	"branchledger/data"
)

// childEnv makes the test binary run the program (Run) instead of the
// tests; the arguments follow "--" on its command line.
const childEnv = "BRANCHLEDGER_TEST_RUN"

func childRunArgs() ([]string, bool) {
	if os.Getenv(childEnv) != "1" {
		return nil, false
	}
	for i, a := range os.Args {
		if a == "--" {
			return os.Args[i+1:], true
		}
	}
	return nil, true
}

// reopen checks that the ledger is free: data.Open gives ErrLocked after
// its one-second timeout while another process holds it.
func reopen(t *testing.T, path string) {
	t.Helper()
	l, err := data.Open(path, testOptions())
	if err != nil {
		t.Fatalf("opening the ledger after the failed start: %v", err)
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
}

// failingSystem is a window system whose probe fails with err, and which
// records what the user is told.
type failingSystem struct {
	err         error
	title, text string
	told        int
}

func (f *failingSystem) ws() windowSystem {
	return windowSystem{
		probe:   func() error { return f.err },
		explain: func(title, text string) { f.title, f.text, f.told = title, text, f.told+1 },
	}
}

// TestDriverPanicReleasesLedger injects a driver failure into the running
// window loop, with a ledger open: the ledger is closed (another open
// succeeds at once), the user is told once, and the exit code is 3.
func TestDriverPanicReleasesLedger(t *testing.T) {
	s, _ := newTestShell(t)
	path := s.ledger.Path()
	fs := &failingSystem{}
	code := s.runWindow(fs.ws(), func() {
		panic(&winsys.WindowError{Cause: "WGL: Failed to create OpenGL context"})
	})
	if code != ExitNoWindow || fs.told != 1 {
		t.Fatalf("exit %d, told %d times; want 3, once", code, fs.told)
	}
	if fs.title != "支部台账无法打开窗口" || !strings.HasSuffix(fs.text, "原因：WGL: Failed to create OpenGL context") {
		t.Errorf("told %q / %q", fs.title, fs.text)
	}
	if s.ledger != nil {
		t.Error("the shell still holds the ledger")
	}
	reopen(t, path)

	// A panic that is not a WindowError (GLFW's own) is explained too.
	s2, _ := newTestShell(t)
	p2 := s2.ledger.Path()
	if code := s2.runWindow(fs.ws(), func() { panic("NotInitialized: The GLFW library is not initialized") }); code != ExitNoWindow {
		t.Errorf("exit %d after a GLFW panic, want 3", code)
	}
	if !strings.HasSuffix(fs.text, "原因：NotInitialized: The GLFW library is not initialized") {
		t.Errorf("told %q", fs.text)
	}
	reopen(t, p2)
}

// TestProbeFailureStopsRun checks that Run stops before making any window
// when the probe fails, and says so.
func TestProbeFailureStopsRun(t *testing.T) {
	fs := &failingSystem{err: &winsys.WindowError{NoDisplay: true, Cause: "X11: The DISPLAY environment variable is missing"}}
	if code := start(nil, fs.ws()); code != ExitNoWindow {
		t.Errorf("run exit %d, want 3", code)
	}
	if fs.told != 1 || !strings.HasPrefix(fs.text, "没有可用的图形桌面") {
		t.Errorf("told %d times: %q", fs.told, fs.text)
	}
}

func TestFailureText(t *testing.T) {
	zh, err := msg.Load("zh-Hans")
	if err != nil {
		t.Fatal(err)
	}
	en, err := msg.Load("en")
	if err != nil {
		t.Fatal(err)
	}
	wgl := &winsys.WindowError{Cause: "WGL: Failed to create OpenGL context"}
	title, text := failureText(zh, wgl, "windows")
	if title != "支部台账无法打开窗口" {
		t.Errorf("title %q", title)
	}
	for _, part := range []string{"显卡驱动", "远程桌面", "虚拟机", "台账文件没有改动，也没有被占用", "原因：WGL: Failed to create OpenGL context"} {
		if !strings.Contains(text, part) {
			t.Errorf("Windows text lacks %q:\n%s", part, text)
		}
	}
	// Windows always has a display: the driver text, not the SSH sentence.
	if _, text := failureText(zh, &winsys.WindowError{NoDisplay: true, Cause: "x"}, "windows"); !strings.Contains(text, "显卡驱动") {
		t.Errorf("Windows no-display text %q", text)
	}
	if _, text := failureText(zh, &winsys.WindowError{Cause: "NSGL: x"}, "darwin"); !strings.HasPrefix(text, "图形系统不能提供 OpenGL 2.1") {
		t.Errorf("macOS text %q", text)
	}
	if _, text := failureText(en, errors.New("boom"), "linux"); !strings.HasPrefix(text, "The graphics driver does not provide OpenGL 2.1") || !strings.HasSuffix(text, "Cause: boom") {
		t.Errorf("English Linux text %q", text)
	}
	if _, text := failureText(zh, &winsys.WindowError{NoDisplay: true, Cause: "c"}, "linux"); strings.Contains(text, "\n") {
		t.Errorf("no-display text is more than one line: %q", text)
	}
}
