//go:build unix

package report

import (
	"syscall"
	"time"
)

// cpuTime is the processor time the process has used, user and system:
// unlike wall time it does not grow while other programs hold the
// processors.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
