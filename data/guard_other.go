//go:build !windows

package data

// isWriteProtected is Windows' write-protected medium; elsewhere it is
// EROFS, which canOnlyRead already knows.
func isWriteProtected(error) bool { return false }
