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
// what the command did (or, with --dry-run, would do), every column of
// every sheet and how it was read, and every member row.
type importJSON struct {
	Added     int                `json:"added"`
	Updated   int                `json:"updated"`
	Unchanged int                `json:"unchanged"`
	DryRun    bool               `json:"dry_run"`
	Columns   []importColumnJSON `json:"columns"`
	Members   []importMemberJSON `json:"members"`
	Refused   []refusedJSON      `json:"refused"`
}

// importColumnJSON is one column: field "" when it is not used.
type importColumnJSON struct {
	Sheet  string `json:"sheet"`
	Column string `json:"column"`
	Header string `json:"header"`
	Field  string `json:"field"`
}

// importMemberJSON is one member row. Changes maps each changed field of an
// update to [old, new]; inferred lists the fields the file does not state.
type importMemberJSON struct {
	Sheet    string               `json:"sheet"`
	Row      int                  `json:"row"`
	Action   string               `json:"action"` // add, update or unchanged
	Name     string               `json:"name"`
	Inferred []string             `json:"inferred"`
	Changes  map[string][2]string `json:"changes,omitempty"`
	// DuesBase is the 缴费基数 the row gives, in fen; omitted when none.
	DuesBase int64 `json:"dues_base,omitempty"`
}

type refusedJSON struct {
	Sheet   string `json:"sheet"`
	Row     int    `json:"row"`
	Column  string `json:"column"` // Excel letters; "" when the sheet has no such column
	Header  string `json:"header"`
	Message string `json:"message"`
}

// importFlags are the options of one import.
type importFlags struct {
	dry, skipBad, asJSON, convert bool
	mapping                       map[string]string
}

// runImport imports a roster workbook into a ledger. Without --skip-bad a
// single refused row means nothing is imported (exit 1); --dry-run reads
// and checks only; --map "列名=field" reads a column as a field (or, with
// nothing after '=', leaves it out); --convert-old-ids accepts 15-digit
// ID numbers in their 18-digit form.
func runImport(e *Env, args []string) int {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	var opt importFlags
	fs.BoolVar(&opt.dry, "dry-run", false, "roster.flag.dry_run")
	fs.BoolVar(&opt.skipBad, "skip-bad", false, "roster.flag.skip_bad")
	fs.BoolVar(&opt.asJSON, "json", false, "cli.flag.json")
	fs.BoolVar(&opt.convert, "convert-old-ids", false, "import.flag.convert_old_ids")
	opt.mapping = map[string]string{}
	fs.Func("map", "import.flag.map", func(s string) error {
		h, f, err := roster.ParseMapping(s)
		if err != nil {
			return err
		}
		opt.mapping[h] = f
		return nil
	})
	pos, code := e.parse(fs, "import", args, 2)
	if code >= 0 {
		return code
	}
	l, err := e.open(pos[0], data.Options{Now: e.Now, ReadOnly: opt.dry, NoBackup: opt.dry})
	if err != nil {
		return e.fail(err)
	}
	code = e.importRoster(l, pos[1], opt)
	if err := l.Close(); err != nil && code == ExitOK {
		return e.fail(err)
	}
	return code
}

func (e *Env) importRoster(l *data.Ledger, path string, opt importFlags) int {
	f, err := os.Open(path)
	if err != nil {
		return e.fail(err)
	}
	plan, err := roster.Preview(l, f, roster.Options{Source: baseName(path), Map: opt.mapping, ConvertOldIDs: opt.convert})
	if cerr := f.Close(); err == nil && cerr != nil {
		err = cerr
	}
	if err != nil {
		return e.failImport(err)
	}
	apply := len(plan.Refused) == 0 || opt.skipBad
	if apply && !opt.dry {
		if err := plan.Apply(l); err != nil {
			return e.failImport(err)
		}
	}
	words := func(key string, args map[string]any) string { return e.Words.T(key, args) }
	out := planJSON(plan, words)
	out.DryRun = opt.dry
	if apply {
		out.Added, out.Updated, out.Unchanged = len(plan.Add), len(plan.Update), len(plan.Unchanged)
	}
	if opt.asJSON {
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

// planJSON writes a plan's columns, members and problems in the JSON form.
func planJSON(plan *roster.Plan, words roster.Words) importJSON {
	out := importJSON{Columns: []importColumnJSON{}, Members: []importMemberJSON{}, Refused: []refusedJSON{}}
	for _, c := range plan.Columns {
		out.Columns = append(out.Columns, importColumnJSON{Sheet: c.Sheet, Column: c.Column, Header: c.Header, Field: c.Field})
	}
	for _, r := range plan.Rows() {
		if r.Action == roster.ActionRefused {
			continue // listed under "refused", cell by cell
		}
		m := importMemberJSON{Sheet: r.Sheet, Row: r.Row, Action: string(r.Action), Name: r.Member.Name,
			Inferred: []string{}, DuesBase: r.DuesBase}
		for _, in := range r.Inferred {
			m.Inferred = append(m.Inferred, in.Field)
		}
		if len(r.Changes) > 0 {
			m.Changes = map[string][2]string{}
			for _, c := range r.Changes {
				m.Changes[c.Field] = [2]string{c.Old, c.New}
			}
		}
		out.Members = append(out.Members, m)
	}
	for _, p := range plan.Problems() {
		head := p.Header
		if head == "" {
			head = words("field."+p.Field, nil)
		}
		out.Refused = append(out.Refused, refusedJSON{Sheet: p.Sheet, Row: p.Row, Column: p.Column,
			Header: head, Message: roster.Message(p, words)})
	}
	return out
}

// failImport prints an importer error in the user's language.
func (e *Env) failImport(err error) int {
	if key := roster.MessageKey(err); key != "" {
		fmt.Fprintln(e.Err, e.Words.T(key, roster.MessageArgs(err)))
		return ExitRefused
	}
	return e.fail(err)
}
