// Package cli is the command-line face of Branch Ledger: the verbs (new,
// demo, check, backup, restore, stats, import, export) that script the
// same data/ code the windows use, with no display needed.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"branchledger/app/msg"
	"branchledger/data"
	"branchledger/data/demo"
)

// Exit codes.
const (
	ExitOK      = 0
	ExitRefused = 1 // refused or invalid: the ledger or input is not sound
	ExitUsage   = 2
)

// Env is what a verb runs with: its output streams, the words of the
// user's language and the clock.
type Env struct {
	Out, Err io.Writer
	Words    *msg.Catalog
	Now      func() time.Time
}

func (e *Env) options() data.Options { return data.Options{Now: e.Now} }

// fail prints an error from data/ in the user's language and returns
// ExitRefused.
func (e *Env) fail(err error) int {
	fmt.Fprintln(e.Err, e.Words.Error(err))
	return ExitRefused
}

// open opens a ledger for a verb and tells the user, on the error stream,
// what they should know but that does not stop the verb: the automatic
// backup failed, or the ledger could only be opened read-only.
func (e *Env) open(path string, opt data.Options) (*data.Ledger, error) {
	l, err := data.Open(path, opt)
	if err != nil {
		return nil, err
	}
	if berr := l.BackupProblem(); berr != nil {
		fmt.Fprintln(e.Err, e.Words.T("cli.backup_failed", map[string]any{"Err": e.Words.Error(berr)}))
	}
	if rerr := l.ReadOnlyProblem(); errors.Is(rerr, data.ErrUpgradeNeedsBackup) {
		fmt.Fprintln(e.Err, e.Words.T(msg.ReadOnlyKey(rerr), nil))
	} else if rerr != nil {
		fmt.Fprintln(e.Err, e.Words.T("cli.read_only_ledger", map[string]any{"Err": e.Words.Error(rerr)}))
	}
	return l, nil
}

// openToRead opens a ledger for a verb that only reads it (stats, dues,
// agenda): read-only, no automatic backup, with the same notes on stderr
// as open.
func (e *Env) openToRead(path string) (*data.Ledger, error) {
	return e.open(path, data.Options{Now: e.Now, ReadOnly: true, NoBackup: true})
}

// verbOrder lists the verbs in help order, with the synopsis of each.
var verbOrder = []string{"new", "demo", "check", "backup", "restore", "stats", "dues", "import", "export", "agenda"}

var synopsis = map[string]string{
	"new":     "new FILE.ledger --branch 名称 [--committee 上级党委]",
	"demo":    "demo [--large] FILE.ledger",
	"check":   "check FILE.ledger",
	"backup":  "backup FILE.ledger DEST",
	"restore": "restore BACKUP.ledger FILE.ledger",
	"stats":   "stats FILE.ledger [--year 2026] [--json]",
	"dues":    "dues FILE.ledger [--year 2026] [--json]",
	"import":  "import FILE.ledger ROSTER.xlsx [--dry-run] [--skip-bad] [--json] [--map \"列名=field\"]… [--convert-old-ids]",
	"agenda":  "agenda FILE.ledger [--days 60] [--json]",
	"export":  "export FILE.ledger --out REPORT.xlsx [--year 2026] [--report all|roster|register|matrix|signin|summary|dues|minutes] [--session ID|DATE [--kind KIND]] [--matrix-by month|quarter] [--full-ids]",
}

func verbFunc(name string) func(e *Env, args []string) int {
	switch name {
	case "new":
		return runNew
	case "demo":
		return runDemo
	case "check":
		return runCheck
	case "backup":
		return runBackup
	case "restore":
		return runRestore
	case "stats":
		return runStats
	case "dues":
		return runDues
	case "import":
		return runImport
	case "export":
		return runExport
	case "agenda":
		return runAgenda
	}
	return nil
}

// IsVerb reports whether args are for the command line rather than a
// ledger to open in a window: they start with a verb, a help request, or a
// word that names no file (a mistyped verb, or one of a newer version),
// which Run refuses with the list of verbs. A missing FILE.ledger still
// goes to the window, which says it is missing: a double-clicked shortcut
// to a moved ledger has no console to print to.
func IsVerb(args []string) bool {
	if len(args) == 0 {
		return false
	}
	if verbFunc(args[0]) != nil || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		return true
	}
	_, err := os.Stat(args[0])
	return errors.Is(err, os.ErrNotExist) && !strings.EqualFold(filepath.Ext(args[0]), ".ledger")
}

// Run executes a verb and returns the process exit code.
func Run(args []string, out, errOut io.Writer) int {
	words, err := msg.Load(msg.DetectLang())
	if err != nil {
		fmt.Fprintln(errOut, err)
		return ExitUsage
	}
	e := &Env{Out: out, Err: errOut, Words: words, Now: time.Now}
	return e.Run(args)
}

// Run executes a verb in e.
func (e *Env) Run(args []string) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		e.printUsage(e.Out)
		return ExitOK
	}
	run := verbFunc(args[0])
	if run == nil {
		e.unknown(args[0])
		return ExitUsage
	}
	return run(e, args[1:])
}

func (e *Env) printUsage(w io.Writer) {
	fmt.Fprintln(w, e.Words.T("cli.usage", nil))
	fmt.Fprintln(w, "  branchledger [FILE.ledger]")
	for _, name := range verbOrder {
		fmt.Fprintln(w, "  branchledger "+synopsis[name])
	}
}

// parse parses flags that may stand before or after the positional
// arguments, and checks the number of positionals. It returns the
// positionals and an exit code (-1 to go on).
func (e *Env) parse(fs *flag.FlagSet, name string, args []string, nPos int) ([]string, int) {
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				e.verbHelp(fs, name)
				return nil, ExitOK
			}
			fmt.Fprintln(e.Err, e.Words.T("cli.bad_flag", map[string]any{"Err": err.Error()}))
			e.verbHelp(fs, name)
			return nil, ExitUsage
		}
		rest := fs.Args()
		if len(rest) == 0 {
			break
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
	if len(pos) != nPos {
		fmt.Fprintln(e.Err, e.Words.T("cli.arg_count", map[string]any{"Want": nPos, "Got": len(pos)}))
		e.verbHelp(fs, name)
		return nil, ExitUsage
	}
	return pos, -1
}

func (e *Env) verbHelp(fs *flag.FlagSet, name string) {
	w := e.Out
	fmt.Fprintln(w, e.Words.T("cli.usage", nil)+" branchledger "+synopsis[name])
	fmt.Fprintln(w, "  "+e.Words.T("cli.help."+name, nil))
	fs.VisitAll(func(f *flag.Flag) {
		fmt.Fprintf(w, "  --%s\t%s\n", f.Name, e.Words.T(f.Usage, nil))
	})
}

func runNew(e *Env, args []string) int {
	fs := flag.NewFlagSet("new", flag.ContinueOnError)
	branch := fs.String("branch", "", "cli.flag.branch")
	committee := fs.String("committee", "", "cli.flag.committee")
	pos, code := e.parse(fs, "new", args, 1)
	if code >= 0 {
		return code
	}
	if strings.TrimSpace(*branch) == "" {
		fmt.Fprintln(e.Err, e.Words.T("cli.need_branch", nil))
		return ExitUsage
	}
	l, err := data.Create(pos[0], data.Branch{Name: strings.TrimSpace(*branch), Committee: *committee}, e.options())
	if err != nil {
		return e.fail(err)
	}
	if err := l.Close(); err != nil {
		return e.fail(err)
	}
	fmt.Fprintln(e.Out, e.Words.T("cli.created", map[string]any{"File": pos[0]}))
	return ExitOK
}

func runDemo(e *Env, args []string) int {
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	large := fs.Bool("large", false, "cli.flag.large")
	pos, code := e.parse(fs, "demo", args, 1)
	if code >= 0 {
		return code
	}
	write := demo.Write
	if *large {
		write = demo.WriteLarge
	}
	if err := write(pos[0], e.options()); err != nil {
		return e.fail(err)
	}
	fmt.Fprintln(e.Out, e.Words.T("cli.created", map[string]any{"File": pos[0]}))
	return ExitOK
}

func runCheck(e *Env, args []string) int {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	pos, code := e.parse(fs, "check", args, 1)
	if code >= 0 {
		return code
	}
	ps, err := data.Verify(pos[0], e.options())
	if err != nil {
		return e.fail(err)
	}
	if len(ps) > 0 {
		fmt.Fprintln(e.Out, e.Words.T("cli.check_bad", map[string]any{"Count": len(ps)}))
		for _, p := range ps {
			fmt.Fprintln(e.Out, "  - "+e.Words.T(p.Code, p.Args))
		}
		return ExitRefused
	}
	fmt.Fprintln(e.Out, e.Words.T("cli.check_ok", nil))
	return ExitOK
}

func runBackup(e *Env, args []string) int {
	fs := flag.NewFlagSet("backup", flag.ContinueOnError)
	pos, code := e.parse(fs, "backup", args, 2)
	if code >= 0 {
		return code
	}
	dest := pos[1]
	if st, err := os.Stat(dest); err == nil && st.IsDir() {
		dest = dest + string(os.PathSeparator) + strings.TrimSuffix(baseName(pos[0]), ".ledger") + "-" + e.Now().Format("20060102-150405") + ".ledger"
	} else if err == nil {
		return e.fail(data.ErrExists)
	}
	l, err := e.open(pos[0], data.Options{Now: e.Now, NoBackup: true, ReadOnly: true})
	if err != nil {
		return e.fail(err)
	}
	err = l.Backup(dest)
	if cerr := l.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return e.fail(err)
	}
	fmt.Fprintln(e.Out, e.Words.T("cli.backed_up", map[string]any{"File": dest}))
	return ExitOK
}

func baseName(p string) string {
	if i := strings.LastIndexAny(p, `/\`); i >= 0 {
		return p[i+1:]
	}
	return p
}

func runRestore(e *Env, args []string) int {
	fs := flag.NewFlagSet("restore", flag.ContinueOnError)
	pos, code := e.parse(fs, "restore", args, 2)
	if code >= 0 {
		return code
	}
	key := "cli.restored" // the file restored over is kept in the backups folder
	if _, err := os.Lstat(pos[1]); errors.Is(err, os.ErrNotExist) {
		key = "cli.restored_new"
	}
	if err := data.Restore(pos[0], pos[1], e.options()); err != nil {
		return e.fail(err)
	}
	fmt.Fprintln(e.Out, e.Words.T(key, map[string]any{"File": pos[1], "Backup": pos[0]}))
	return ExitOK
}
