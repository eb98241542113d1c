package cli

import (
	"errors"
	"flag"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/google/uuid"

	"branchledger/data"
	"branchledger/data/report"
)

// runExport writes the reports for upward reporting:
//
//	branchledger export FILE.ledger --year 2026 --out REPORT.xlsx
//	    [--report all|roster,register,…,minutes] [--session ID|DATE [--kind KIND]]
//	    [--matrix-by month|quarter] [--full-ids]
//
// The ledger is opened for writing, since the export is recorded in it.
func runExport(e *Env, args []string) int {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	year := fs.Int("year", e.Now().Year(), "cli.flag.year")
	out := fs.String("out", "", "report.cli.flag.out")
	which := fs.String("report", "all", "report.cli.flag.report")
	session := fs.String("session", "", "report.cli.flag.session")
	kind := fs.String("kind", "", "report.cli.flag.kind")
	by := fs.String("matrix-by", "", "report.cli.flag.matrix_by")
	full := fs.Bool("full-ids", false, "report.cli.flag.full_ids")
	pos, code := e.parse(fs, "export", args, 1)
	if code >= 0 {
		return code
	}
	if strings.TrimSpace(*out) == "" {
		fmt.Fprintln(e.Err, e.Words.T("report.cli.need_out", nil))
		return ExitUsage
	}
	if *out, code = e.exportPath(*out); code >= 0 {
		return code
	}
	reports, bad := reportList(*which)
	if bad != "" {
		fmt.Fprintln(e.Err, e.Words.T("report.cli.bad_report", map[string]any{"Name": bad}))
		return ExitUsage
	}
	if *kind != "" && !slices.Contains(data.Kinds(), data.Kind(*kind)) {
		fmt.Fprintln(e.Err, e.Words.T("report.cli.bad_kind", map[string]any{"Kind": *kind}))
		return ExitUsage
	}
	if *by != "" && *by != report.ByMonth && *by != report.ByQuarter {
		fmt.Fprintln(e.Err, e.Words.T("report.error.matrix_by", nil))
		return ExitUsage
	}
	var date data.Date
	id, err := uuid.Parse(*session)
	if *session != "" && err != nil {
		if date, err = data.ParseDate(*session); err != nil || !date.Valid() {
			fmt.Fprintln(e.Err, e.Words.T("report.cli.bad_session", map[string]any{"Session": *session}))
			return ExitUsage
		}
	}
	l, err := e.open(pos[0], e.options())
	if err != nil {
		return e.fail(err)
	}
	if date != 0 {
		if id, err = sessionOn(l, date, data.Kind(*kind)); err != nil {
			_ = l.Close() // read only so far; the error that matters is err
			return e.exportFail(err)
		}
	}
	opt := report.Options{Year: *year, Reports: reports, SessionID: id, FullIDs: *full, MatrixBy: *by,
		TitleFont: report.InstalledTitleFont(report.FontDirs())}
	err = report.WriteFile(l, *out, opt)
	var exps []data.ExportRecord
	if err == nil && l.ReadOnly() {
		// No record could be written; the sheets are named from opt.
		fmt.Fprintln(e.Err, e.Words.T("cli.export_not_recorded", nil))
		var written []string
		written, err = report.Reports(l, opt)
		exps = []data.ExportRecord{{Reports: written}}
	} else if err == nil {
		// The record says which sheets were written: "all" leaves the
		// sign-in sheet out when no session is planned.
		exps, err = l.Exports()
	}
	if cerr := l.Close(); err == nil {
		err = cerr
	}
	if err == nil && len(exps) == 0 {
		err = data.ErrNotFound
	}
	if err != nil {
		return e.exportFail(err)
	}
	names := make([]string, 0, len(exps[0].Reports))
	for _, r := range exps[0].Reports {
		names = append(names, e.Words.T("report.name."+r, nil))
	}
	mask := "report.masked"
	if *full {
		mask = "report.full_ids"
	}
	fmt.Fprintln(e.Out, e.Words.T("report.cli.done", map[string]any{"File": *out,
		"Reports": strings.Join(names, "、") + "（" + e.Words.T(mask, nil) + "）"}))
	return ExitOK
}

// reportList reads --report: "all" or names separated by commas. It
// returns nil for all, or the first unknown name.
func reportList(s string) (reports []string, bad string) {
	for _, n := range strings.Split(s, ",") {
		n = strings.ToLower(strings.TrimSpace(n))
		switch {
		case n == "" || n == "all":
		case !slices.Contains(report.AllReports(), n) && !slices.Contains(report.OptInReports(), n):
			return nil, n
		default:
			reports = append(reports, n)
		}
		if n == "all" {
			return nil, ""
		}
	}
	return reports, ""
}

// errSessionAmbiguous means several sessions share the date given to
// --session and --kind does not tell them apart.
var errSessionAmbiguous = errors.New("several sessions on the date")

// sessionOn finds the session held (or planned) on a date, for --session
// given as a date: the one of the day, not cancelled, of kind k when k is
// set. Several such sessions give errSessionAmbiguous.
func sessionOn(l *data.Ledger, d data.Date, k data.Kind) (uuid.UUID, error) {
	ss, err := l.Sessions(d, d)
	if err != nil {
		return uuid.Nil, err
	}
	var found []uuid.UUID
	for _, s := range ss {
		if !s.Cancelled && s.Date == d && (k == "" || s.Kind == k) {
			found = append(found, s.ID)
		}
	}
	switch len(found) {
	case 0:
		return uuid.Nil, report.ErrNoSession
	case 1:
		return found[0], nil
	}
	return uuid.Nil, errSessionAmbiguous
}

// exportPath checks the file name of --out (report.ExportPath) and adds
// .xlsx when missing; it returns the path and -1, or an exit code.
func (e *Env) exportPath(out string) (string, int) {
	if abs, err := filepath.Abs(out); err == nil {
		out = abs
	}
	p, err := report.ExportPath(filepath.Dir(out), filepath.Base(out))
	var ne *report.NameError
	if errors.As(err, &ne) {
		fmt.Fprintln(e.Err, e.Words.Problem(ne.Problem))
		return "", ExitUsage
	}
	return p, -1
}

// exportFail prints an export error in the user's language.
func (e *Env) exportFail(err error) int {
	for _, k := range []struct {
		err error
		key string
	}{
		{report.ErrTargetBusy, "report.error.target_busy"},
		{report.ErrTargetReadOnly, "report.error.target_read_only"},
		{report.ErrNoSession, "report.error.no_session"},
		{report.ErrUnknownReport, "report.error.unknown_report"},
		{report.ErrMatrixBy, "report.error.matrix_by"},
		{errSessionAmbiguous, "report.error.session_ambiguous"},
	} {
		if errors.Is(err, k.err) {
			fmt.Fprintln(e.Err, e.Words.T(k.key, nil))
			return ExitRefused
		}
	}
	return e.fail(err)
}
