// Command branchledger is Branch Ledger (支部台账): the desktop window for a
// Party branch's members, sessions and attendance, and the command-line
// verbs that script the same ledger without a display.
package main

import (
	"os"

	"branchledger/app"
	"branchledger/app/cli"
)

func main() {
	args := os.Args[1:]
	if cli.IsVerb(args) {
		os.Exit(cli.Run(args, os.Stdout, os.Stderr))
	}
	os.Exit(app.Run(args))
}
