package data

import (
	"os"
	"syscall"
)

// datasync is fdatasync(2), what bbolt calls on Linux to commit.
func datasync(f *os.File) error { return syscall.Fdatasync(int(f.Fd())) }
