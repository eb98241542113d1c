package winsys

import (
	"fmt"
	"io"

	"golang.org/x/sys/windows"
)

// Message box styles (winuser.h).
const (
	mbOK            = 0x00000000
	mbIconError     = 0x00000010
	mbSetForeground = 0x00010000
	mbTopmost       = 0x00040000
)

// Explain tells the user why the program cannot go on: a native message
// box (MessageBoxW needs no OpenGL), and the same text on w for a console
// that may be watching.
func Explain(w io.Writer, title, text string) {
	fmt.Fprintln(w, text)
	t, err := windows.UTF16PtrFromString(title)
	if err != nil {
		return
	}
	m, err := windows.UTF16PtrFromString(text)
	if err != nil {
		return
	}
	_, _ = windows.MessageBox(0, m, t, mbOK|mbIconError|mbSetForeground|mbTopmost) // nothing more to tell if it fails
}
