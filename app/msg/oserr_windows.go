package msg

import "syscall"

// Windows system error codes (winerror.h).
const (
	errHandleDiskFull      syscall.Errno = 39
	errDiskFull            syscall.Errno = 112
	errFilenameExcedRange  syscall.Errno = 206
	errWriteProtect        syscall.Errno = 19
	errInvalidName         syscall.Errno = 123
	errBufferOverflowPaths syscall.Errno = 111
)

func isNoSpace(e syscall.Errno) bool { return e == errDiskFull || e == errHandleDiskFull }

func isNameTooLong(e syscall.Errno) bool {
	return e == errFilenameExcedRange || e == errBufferOverflowPaths || e == errInvalidName
}

func isReadOnlyMedia(e syscall.Errno) bool { return e == errWriteProtect }
