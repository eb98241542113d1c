//go:build !windows

package report

// isSharingViolation reports a file held open by another program; only
// Windows locks files that way.
func isSharingViolation(error) bool { return false }
