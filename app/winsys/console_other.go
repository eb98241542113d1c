//go:build !windows

package winsys

import (
	"io"
	"os"
)

// Console returns where the command line writes: standard output and
// error as they are, since terminals outside Windows take UTF-8; done has
// nothing to flush.
func Console() (out, errOut io.Writer, done func()) {
	return os.Stdout, os.Stderr, func() {}
}
