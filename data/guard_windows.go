package data

import (
	"errors"
	"syscall"
)

// errWriteProtect is ERROR_WRITE_PROTECT: the medium is write-protected.
const errWriteProtect syscall.Errno = 19

// isWriteProtected reports a write-protected medium (a locked SD card or
// USB stick), which Windows does not report as permission denied.
func isWriteProtected(err error) bool { return errors.Is(err, errWriteProtect) }
