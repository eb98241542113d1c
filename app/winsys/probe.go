package winsys

import (
	"bytes"
	"fmt"
	"log"
	"strings"

	"github.com/go-gl/glfw/v3.3/glfw"
)

// ProbeWindow checks, before Fyne starts, that a window can be made: it
// initialises GLFW and makes and destroys a hidden window with the OpenGL
// context Fyne asks for. It returns a *WindowError when it cannot.
//
// Fyne 2.7 cannot be asked: a failed glfw.Init is only logged and the next
// GLFW call panics (no display), and a failed window creation is logged
// and leaves the event loop running with no window, forever (the
// "WGL: Failed to create OpenGL context" hang, holding the ledger).
// GLFW stays initialised on success, so Fyne's own Init is then a no-op.
// It must run on the main thread, as Fyne's GLFW calls do.
func ProbeWindow() (err error) {
	// go-gl/glfw logs platform errors (the cause) instead of returning
	// them; catch that text for the message. Nothing else runs yet, so
	// borrowing the standard logger for these few calls is safe.
	var logged bytes.Buffer
	prev, flags := log.Writer(), log.Flags()
	log.SetOutput(&logged)
	log.SetFlags(0)
	defer func() {
		log.SetOutput(prev)
		log.SetFlags(flags)
	}()
	initialised := false
	defer func() {
		if r := recover(); r != nil {
			err = &WindowError{NoDisplay: !initialised, Cause: cause(logged.String(), r)}
		}
	}()
	if e := glfw.Init(); e != nil {
		return &WindowError{NoDisplay: true, Cause: e.Error()}
	}
	glfw.DefaultWindowHints() // panics when Init failed quietly
	initialised = true
	glfw.WindowHint(glfw.Visible, glfw.False)
	contextHints()
	win, e := glfw.CreateWindow(16, 16, "Branch Ledger", nil, nil)
	glfw.DefaultWindowHints()
	if e != nil {
		return &WindowError{Cause: e.Error()}
	}
	if win == nil { // the error was a platform error, logged
		return &WindowError{Cause: cause(logged.String(), "the window was not created")}
	}
	win.Destroy()
	return nil
}

// cause is the last line GLFW logged (the platform error behind a later
// panic), else v.
func cause(logged string, v any) string {
	lines := strings.Split(strings.TrimSpace(logged), "\n")
	if last := strings.TrimSpace(lines[len(lines)-1]); last != "" {
		return last
	}
	return strings.ReplaceAll(fmt.Sprint(v), "\n", " ")
}
