// Command branchledger is Branch Ledger (支部台账): the desktop window for a
// Party branch's members, sessions and attendance, and the command-line
// verbs that script the same ledger without a display.
//
// A first word that is a verb, a help request or no existing file (other
// than a FILE.ledger) goes to the command line, which refuses an unknown
// word with the list of verbs; anything else opens the window, which
// explains and exits with code 3 when no window can be made.
package main

import (
	"os"

	"branchledger/app"
	"branchledger/app/cli"
	"branchledger/app/winsys"
)

func main() {
	args := os.Args[1:]
	if cli.IsVerb(args) {
		// On Windows: the parent's console, in its code page when redirected.
		out, errOut, done := winsys.Console()
		code := cli.Run(args, out, errOut)
		done()
		os.Exit(code)
	}
	os.Exit(app.Run(args))
}
