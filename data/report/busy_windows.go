package report

import (
	"errors"
	"syscall"
)

// Windows error codes of a file another program holds open.
const (
	errSharingViolation syscall.Errno = 32
	errLockViolation    syscall.Errno = 33
)

func isSharingViolation(err error) bool {
	return errors.Is(err, errSharingViolation) || errors.Is(err, errLockViolation)
}
