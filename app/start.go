package app

import (
	"os"
	"runtime"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver"

	"branchledger/app/msg"
	"branchledger/app/winsys"
)

// ExitNoWindow is the exit code when no window can be made (no display, or
// no OpenGL context); the command-line verbs use 0, 1 and 2.
const ExitNoWindow = 3

// windowSystem is what Run needs from the operating system to start the
// window, and to tell the user when it cannot. Tests stand in a failing
// one, so the failure path runs without breaking a real display.
type windowSystem struct {
	probe   func() error             // can a window be made at all
	explain func(title, text string) // a message box on Windows, stderr elsewhere
}

func osWindowSystem() windowSystem {
	return windowSystem{
		probe:   winsys.ProbeWindow,
		explain: func(title, text string) { winsys.Explain(os.Stderr, title, text) },
	}
}

// explainFailure tells the user, in their language and before Fyne's
// translations are loaded, that no window can be made, why, and what to
// do on this system.
func (ws windowSystem) explainFailure(err error) {
	words, lerr := msg.Load(msg.DetectLang())
	if lerr != nil {
		ws.explain("Branch Ledger", err.Error())
		return
	}
	title, text := failureText(words, err, runtime.GOOS)
	ws.explain(title, text)
}

// failureText is the title and text for a window failure on goos: one
// sentence when there is no display at all, else the cause and the steps
// for that system (graphics driver, remote desktop, virtual machine).
func failureText(words *msg.Catalog, err error, goos string) (title, text string) {
	we, ok := err.(*winsys.WindowError)
	if !ok {
		we = &winsys.WindowError{Cause: err.Error()}
	}
	title = words.T("startup.title", nil)
	if we.NoDisplay && goos != "windows" {
		return title, words.T("startup.no_display", map[string]any{"Cause": we.Cause})
	}
	key := "startup.no_gl.linux"
	switch goos {
	case "windows", "darwin":
		key = "startup.no_gl." + goos
	}
	return title, words.T(key, map[string]any{"Cause": we.Cause})
}

// runWindow runs the window's event loop. A failure of the window driver
// (a GLFW panic, or a window that was never made, where Fyne would wait
// forever) closes the ledger, so that no lock is left behind for the next
// start, tells the user why and returns ExitNoWindow.
func (s *shell) runWindow(ws windowSystem, loop func()) (code int) {
	defer func() {
		if r := recover(); r != nil {
			s.closeLedger()
			ws.explainFailure(winsys.Recovered(r))
			code = ExitNoWindow
		}
	}()
	loop()
	return 0
}

// windowMade reports whether Show made a native window: Fyne leaves the
// handle zero when GLFW could not create it.
func windowMade(w fyne.Window) bool {
	nw, ok := w.(driver.NativeWindow)
	if !ok {
		return true // not a desktop driver: nothing to check
	}
	made := true
	nw.RunNative(func(ctx any) {
		switch c := ctx.(type) {
		case driver.WindowsWindowContext:
			made = c.HWND != 0
		case driver.X11WindowContext:
			made = c.WindowHandle != 0
		case driver.MacWindowContext:
			made = c.NSWindow != 0
		case driver.WaylandWindowContext:
			made = c.WaylandSurface != 0
		}
	})
	return made
}
