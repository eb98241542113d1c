//go:build !windows

package msg

import "syscall"

func isNoSpace(e syscall.Errno) bool       { return e == syscall.ENOSPC || e == syscall.EDQUOT }
func isNameTooLong(e syscall.Errno) bool   { return e == syscall.ENAMETOOLONG }
func isReadOnlyMedia(e syscall.Errno) bool { return e == syscall.EROFS }
