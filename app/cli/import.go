package cli

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"

	"branchledger/data"
	"branchledger/data/roster"
)

// importJSON is the stable JSON form of `branchledger import --json`:
// what the command did (or, with --dry-run, would do).
type importJSON struct {
	Added     int           `json:"added"`
	Updated   int           `json:"updated"`
	Unchanged int           `json:"unchanged"`
	DryRun    bool          `json:"dry_run"`
	Refused   []refusedJSON `json:"refused"`
}

type refusedJSON struct {
	Sheet   string `json:"sheet"`
	Row     int    `json:"row"`
	Column  string `json:"column"` // Excel letters; "" when the sheet has no such column
	Header  string `json:"header"`
	Message string `json:"message"`
}

// runImport imports a roster workbook into a ledger. Without --skip-bad a
// single refused row means nothing is imported (exit 1); --dry-run reads
// and checks only.
func runImport(e *Env, args []string) int {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	dry := fs.Bool("dry-run", false, "roster.flag.dry_run")
	skipBad := fs.Bool("skip-bad", false, "roster.flag.skip_bad")
	asJSON := fs.Bool("json", false, "cli.flag.json")
	pos, code := e.parse(fs, "import", args, 2)
	if code >= 0 {
		return code
	}
	l, err := e.open(pos[0], data.Options{Now: e.Now, ReadOnly: *dry, NoBackup: *dry})
	if err != nil {
		return e.fail(err)
	}
	code = e.importRoster(l, pos[1], *dry, *skipBad, *asJSON)
	if err := l.Close(); err != nil && code == ExitOK {
		return e.fail(err)
	}
	return code
}

func (e *Env) importRoster(l *data.Ledger, path string, dry, skipBad, asJSON bool) int {
	plan, err := e.readRoster(l, path)
	if err != nil {
		return e.failImport(err)
	}
	apply := len(plan.Refused) == 0 || skipBad
	if apply && !dry {
		if err := plan.Apply(l); err != nil {
			return e.failImport(err)
		}
	}
	out := importJSON{DryRun: dry, Refused: []refusedJSON{}}
	if apply {
		out.Added, out.Updated, out.Unchanged = len(plan.Add), len(plan.Update), len(plan.Unchanged)
	}
	words := func(key string, args map[string]any) string { return e.Words.T(key, args) }
	for _, p := range plan.Problems() {
		head := p.Header
		if head == "" {
			head = words("field."+p.Field, nil)
		}
		out.Refused = append(out.Refused, refusedJSON{Sheet: p.Sheet, Row: p.Row, Column: p.Column,
			Header: head, Message: roster.Message(p, words)})
	}
	if asJSON {
		enc := json.NewEncoder(e.Out)
		enc.SetIndent("", "  ")
		if err := enc.Encode(out); err != nil {
			return e.fail(err)
		}
	} else {
		e.printImport(plan, out, apply, words)
	}
	if !apply {
		return ExitRefused
	}
	return ExitOK
}

func (e *Env) readRoster(l *data.Ledger, path string) (*roster.Plan, error) {
	ms, err := l.Members()
	if err != nil {
		return nil, err
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return roster.Read(f, roster.Options{Today: l.Today(), Existing: ms, Source: baseName(path)})
}

// failImport prints an importer error in the user's language.
func (e *Env) failImport(err error) int {
	if key := roster.MessageKey(err); key != "" {
		fmt.Fprintln(e.Err, e.Words.T(key, nil))
		return ExitRefused
	}
	return e.fail(err)
}

func (e *Env) printImport(plan *roster.Plan, out importJSON, apply bool, words roster.Words) {
	rows := len(plan.Add) + len(plan.Update) + len(plan.Unchanged) + len(plan.Refused)
	fmt.Fprintln(e.Out, words("roster.summary", map[string]any{"Rows": rows, "Add": len(plan.Add),
		"Update": len(plan.Update), "Unchanged": len(plan.Unchanged), "Refused": len(plan.Refused)}))
	for _, p := range plan.Problems() {
		fmt.Fprintln(e.Out, "  "+roster.Describe(p, words))
	}
	counts := map[string]any{"Add": out.Added, "Update": out.Updated, "Refused": len(plan.Refused)}
	switch {
	case !apply:
		fmt.Fprintln(e.Out, words("roster.not_imported", counts))
	case out.DryRun:
		fmt.Fprintln(e.Out, words("roster.dry_run", nil))
	default:
		fmt.Fprintln(e.Out, words("roster.imported", counts))
		if len(plan.Refused) > 0 {
			fmt.Fprintln(e.Out, words("roster.skipped_bad", counts))
		}
	}
}
