package msg

import (
	"errors"
	"io/fs"
	"syscall"
)

// osErrorKey returns the message key of an operating-system error that
// people can act on (a full disk, a name too long, read-only media,
// permission denied), or "" for any other error. The sentences say what
// happened and what to do, never the Go error text.
func osErrorKey(err error) string {
	var errno syscall.Errno
	if errors.As(err, &errno) {
		switch {
		case isNoSpace(errno):
			return "error.os.no_space"
		case isNameTooLong(errno):
			return "error.os.name_too_long"
		case isReadOnlyMedia(errno):
			return "error.os.read_only_media"
		}
	}
	if errors.Is(err, fs.ErrPermission) {
		return "error.os.permission"
	}
	return ""
}
