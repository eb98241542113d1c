package app

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

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

// runChild starts the program on ledger with env, as a user would, and
// returns its exit code and standard error. A child still running after
// a minute has hung, which is the bug this guards against.
func runChild(t *testing.T, ledger string, wrap []string, env ...string) (int, string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	args := append(append(wrap, os.Args[0], "-test.run=^$", "--"), ledger)
	cmd := exec.CommandContext(ctx, args[0], args[1:]...)
	home := t.TempDir()
	cmd.Env = append(os.Environ(), childEnv+"=1", "HOME="+home, "XDG_CONFIG_HOME="+home, "XDG_CACHE_HOME="+home,
		"XDG_DATA_HOME="+home, "LANG=zh_CN.UTF-8")
	cmd.Env = append(cmd.Env, env...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("the program hung (killed after a minute); stderr:\n%s", stderr.String())
	}
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) {
		t.Fatal(err)
	}
	return cmd.ProcessState.ExitCode(), stderr.String()
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

// TestStartWithoutDisplay starts the program with no display at all, as
// over SSH: one sentence on stderr instead of a GLFW stack trace, exit
// code 3, and the ledger free.
func TestStartWithoutDisplay(t *testing.T) {
	path := filepath.Join(t.TempDir(), "示例台账.ledger")
	if err := data.WriteDemo(path, testOptions()); err != nil {
		t.Fatal(err)
	}
	code, stderr := runChild(t, path, []string{"env", "-u", "DISPLAY", "-u", "WAYLAND_DISPLAY"})
	want := "没有可用的图形桌面（没有设置 DISPLAY 或 WAYLAND_DISPLAY），窗口打不开：请在电脑桌面上启动支部台账，或改用命令行（branchledger help）。原因：PlatformError: X11: The DISPLAY environment variable is missing\n"
	if code != ExitNoWindow || stderr != want {
		t.Errorf("exit %d, stderr %q; want exit 3 and %q", code, stderr, want)
	}
	reopen(t, path)
}

// TestStartWithoutOpenGL starts the program on an X server without GLX,
// the Linux form of "WGL: Failed to create OpenGL context": the message
// with the cause, exit code 3, no hang, the ledger free.
func TestStartWithoutOpenGL(t *testing.T) {
	if _, err := exec.LookPath("xvfb-run"); err != nil {
		t.Fatal("xvfb-run is needed (make test installs xvfb and xauth)")
	}
	path := filepath.Join(t.TempDir(), "示例台账.ledger")
	if err := data.WriteDemo(path, testOptions()); err != nil {
		t.Fatal(err)
	}
	code, stderr := runChild(t, path, []string{"xvfb-run", "-a", "-s", "-screen 0 800x600x24 -extension GLX"})
	want := "图形驱动不能提供 OpenGL 2.1，窗口打不开：请安装或更新显卡驱动（Debian/Ubuntu：sudo apt-get install libgl1-mesa-dri），远程连接时请在本机桌面上启动；台账文件没有改动。原因：APIUnavailable: GLX: GLX extension not found\n"
	if code != ExitNoWindow || stderr != want {
		t.Errorf("exit %d, stderr %q; want exit 3 and %q", code, stderr, want)
	}
	reopen(t, path)
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
	if code := run(nil, fs.ws()); code != ExitNoWindow {
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
