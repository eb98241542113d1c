package cli

import "fmt"

// runImport is implemented with the roster importer (issue 5).
func runImport(e *Env, args []string) int {
	fmt.Fprintln(e.Err, "import: not available yet")
	return ExitRefused
}
