//go:build linux

package app

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"branchledger/data/demo"
)

// The program's start on an X11 system that cannot give it a window; the
// messages are GLFW's X11 ones.

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

// TestStartWithoutDisplay starts the program with no display at all, as
// over SSH: one sentence on stderr instead of a GLFW stack trace, exit
// code 3, and the ledger free.
func TestStartWithoutDisplay(t *testing.T) {
	path := filepath.Join(t.TempDir(), "示例台账.ledger")
	if err := demo.Write(path, testOptions()); err != nil {
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
	if err := demo.Write(path, testOptions()); err != nil {
		t.Fatal(err)
	}
	code, stderr := runChild(t, path, []string{"xvfb-run", "-a", "-s", "-screen 0 800x600x24 -extension GLX"})
	want := "图形驱动不能提供 OpenGL 2.1，窗口打不开：请安装或更新显卡驱动（Debian/Ubuntu：sudo apt-get install libgl1-mesa-dri），远程连接时请在本机桌面上启动；台账文件没有改动。原因：APIUnavailable: GLX: GLX extension not found\n"
	if code != ExitNoWindow || stderr != want {
		t.Errorf("exit %d, stderr %q; want exit 3 and %q", code, stderr, want)
	}
	reopen(t, path)
}
