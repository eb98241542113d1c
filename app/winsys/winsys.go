// Package winsys is what Branch Ledger needs from the operating system
// around its window and command line, kept out of the screens: whether a
// window can be made at all (a display and an OpenGL context), a native
// message box for when it cannot, and the console a command prints to on
// Windows. Windows-only code sits in *_windows.go files.
package winsys

import "fmt"

// WindowError says why no window can be made: no display at all (started
// over SSH, a server without a desktop), or a display whose graphics
// driver gives no OpenGL 2.1 context (remote desktop, a virtual machine,
// a PC without its graphics driver). Cause is the window system's own
// words, in English, for whoever helps the user.
type WindowError struct {
	NoDisplay bool
	Cause     string
}

func (e *WindowError) Error() string {
	if e.NoDisplay {
		return "no display: " + e.Cause
	}
	return "no OpenGL context: " + e.Cause
}

// Recovered turns the value of a recovered panic from the window driver
// into a WindowError.
func Recovered(r any) *WindowError {
	if we, ok := r.(*WindowError); ok {
		return we
	}
	return &WindowError{Cause: fmt.Sprint(r)}
}
