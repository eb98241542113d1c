//go:build !linux

package data

import "os"

// datasync is File.Sync, what bbolt calls outside Linux to commit.
func datasync(f *os.File) error { return f.Sync() }
