package cli

import "fmt"

// runExport is implemented with the reports (issue 5).
func runExport(e *Env, args []string) int {
	fmt.Fprintln(e.Err, "export: not available yet")
	return ExitRefused
}
