//go:build !windows

package winsys

import (
	"fmt"
	"io"
)

// Explain tells the user why the program cannot go on, on w (standard
// error): started from a terminal, that is where they look.
func Explain(w io.Writer, _, text string) {
	fmt.Fprintln(w, text)
}
