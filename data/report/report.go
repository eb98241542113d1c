// Package report writes the Excel reports a branch sends upward (DOMAIN.md
// "What goes upward"): the roster (党员花名册), the session register
// (组织生活台账), the attendance matrix (考勤汇总), the sign-in sheet for one
// session (签到表) and the yearly summary (年度统计), each as one sheet of a
// workbook. Every number comes from data.YearStats, so the reports agree
// with the statistics screen and `branchledger stats`. The package does not
// import Fyne: the window, the command line and the benchmarks share it.
package report

import (
	"errors"
	"fmt"
	"io"
	"slices"

	"github.com/google/uuid"
	"github.com/xuri/excelize/v2"

	"branchledger/data"
)

// Report names, as Options.Reports and the command line's --report take them.
const (
	Roster   = "roster"
	Register = "register"
	Matrix   = "matrix"
	SignIn   = "signin"
	Summary  = "summary"
	// Minutes is the 会议记录 of one session (Options.SessionID). It is
	// not part of "all": it is asked for by name.
	Minutes = "minutes"
)

// AllReports returns every yearly report in workbook order (a new slice
// on each call).
func AllReports() []string { return []string{Roster, Register, Matrix, SignIn, Summary} }

// Errors of Write and WriteFile. The window and the command line turn them
// into words for people.
var (
	ErrUnknownReport = errors.New("unknown report")
	// ErrMatrixBy means Options.MatrixBy is neither ByMonth nor ByQuarter.
	ErrMatrixBy = errors.New("the matrix is split by month or quarter")
	// ErrNoSession means the sign-in sheet has no session: the one asked
	// for does not exist, or none is planned from today on.
	ErrNoSession = errors.New("no session for the sign-in sheet")
	// ErrTargetBusy means another program (Excel, WPS) holds the target
	// file open; the old file is left as it was.
	ErrTargetBusy = errors.New("target file is open in another program")
	// ErrTargetReadOnly means the target file or its folder cannot be
	// written; the old file is left as it was.
	ErrTargetReadOnly = errors.New("target file or folder is read-only")
)

// Options choose what Write puts in the workbook.
type Options struct {
	// Year is the reporting year; zero means the ledger clock's year.
	Year int
	// Reports names the sheets to write (any of AllReports, in any order;
	// the workbook always follows AllReports order). Empty means all.
	Reports []string
	// SessionID is the session of the sign-in sheet; uuid.Nil means
	// today's or the next planned session (see NextSession). With no
	// session planned, asking for all reports leaves the sign-in sheet out.
	SessionID uuid.UUID
	// FullIDs writes ID numbers and phone numbers in full; by default they
	// are masked, and each sheet's title says which.
	FullIDs bool
	// TitleFont is the font of the titles; empty means 黑体. The caller
	// passes FontXiaoBiaoSong when the machine has it
	// (InstalledTitleFont).
	TitleFont string
	// MatrixBy splits the attendance matrix into a sheet per month
	// (ByMonth) or per quarter (ByQuarter). Empty chooses by size: by
	// month, by quarter for a year of more than 300 sessions (see
	// autoQuarter).
	MatrixBy string
	// Progress, when set, is called from the writing goroutine with the
	// rows written so far and the total; the final save of the workbook
	// counts as a quarter of the rows. The last call has done == total.
	Progress func(done, total int)
}

// sheetNames are the sheet (tab) names of the reports.
func sheetName(report string) string {
	switch report {
	case Roster:
		return "党员花名册"
	case Register:
		return "组织生活台账"
	case Matrix:
		return "考勤汇总"
	case SignIn:
		return "签到表"
	case Summary:
		return "年度统计"
	case Minutes:
		return "会议记录"
	}
	return report
}

// Normalise returns the reports of names in workbook order without
// repeats; empty means all. An unknown name gives ErrUnknownReport.
func Normalise(names []string) ([]string, error) {
	if len(names) == 0 {
		return AllReports(), nil
	}
	var out []string
	for _, r := range append(AllReports(), OptInReports()...) {
		if slices.Contains(names, r) {
			out = append(out, r)
		}
	}
	for _, n := range names {
		if !slices.Contains(AllReports(), n) && !slices.Contains(OptInReports(), n) {
			return nil, fmt.Errorf("%q: %w", n, ErrUnknownReport)
		}
	}
	return out, nil
}

// sheet is one report being written: it knows its size before writing, so
// that progress has a total.
type sheet interface {
	rows() int
	write(b *book) error
}

// book is one workbook being written, with what every report shares.
type book struct {
	l     *data.Ledger
	opt   Options
	f     *excelize.File
	st    *styles
	ys    *data.YearStats
	today data.Date
	prog  progress
	// first is true until the first sheet takes the place of Sheet1.
	first bool
	// long are the texts clipped so far, for the detail sheet.
	long []longText
	// makeUps and members are read from the ledger once, when a report
	// first needs them.
	makeUps map[makeUpKey]data.MakeUp
	members []data.Member
}

// resolve fills in what opt leaves to defaults: the year, the reports in
// workbook order, and the sign-in sheet's session. When all reports are
// asked for (none named) and no session is named or planned, the sign-in
// sheet is left out rather than failing the other four; named on its own,
// it gives ErrNoSession.
func resolve(l *data.Ledger, opt Options) (Options, error) {
	implicit := len(opt.Reports) == 0
	reps, err := Normalise(opt.Reports)
	if err != nil {
		return opt, err
	}
	if opt.Year == 0 {
		opt.Year = l.Today().Year()
	}
	if slices.Contains(reps, SignIn) && opt.SessionID == uuid.Nil {
		s, err := NextSessionIn(l, opt.Year)
		switch {
		case errors.Is(err, ErrNoSession) && implicit:
			reps = slices.DeleteFunc(reps, func(r string) bool { return r == SignIn })
		case err != nil:
			return opt, err
		default:
			opt.SessionID = s.ID
		}
	}
	if slices.Contains(reps, Minutes) && opt.SessionID == uuid.Nil {
		return opt, ErrNoSession
	}
	switch opt.MatrixBy {
	case "", ByMonth, ByQuarter:
	default:
		return opt, fmt.Errorf("%q: %w", opt.MatrixBy, ErrMatrixBy)
	}
	opt.Reports = reps
	return opt, nil
}

// Write writes the reports of opt as one workbook to w.
func Write(l *data.Ledger, w io.Writer, opt Options) error {
	opt, err := resolve(l, opt)
	if err != nil {
		return err
	}
	reps := opt.Reports
	ys, err := l.YearStats(opt.Year)
	if err != nil {
		return err
	}
	f := excelize.NewFile()
	defer f.Close() // removes the stream writers' temporary files
	b := &book{l: l, opt: opt, f: f, ys: ys, today: l.Today(), first: true,
		prog: progress{fn: opt.Progress}}
	if err := f.SetDefaultFont(fontBody); err != nil {
		return err
	}
	title := fontTitle
	if opt.TitleFont != "" {
		title = opt.TitleFont
	}
	if b.st, err = newStylesTitled(f, title); err != nil {
		return err
	}
	sheets := make([]sheet, 0, len(reps))
	for _, r := range reps {
		s, err := b.prepare(r)
		if err != nil {
			return fmt.Errorf("%s: %w", r, err)
		}
		b.prog.total += s.rows()
		sheets = append(sheets, s)
	}
	save := b.prog.total/4 + 1
	b.prog.total += save
	for i, s := range sheets {
		if err := s.write(b); err != nil {
			return fmt.Errorf("%s: %w", reps[i], err)
		}
	}
	if len(b.long) > 0 {
		if err := (&detailSheetWriter{texts: b.long}).write(b); err != nil {
			return fmt.Errorf("%s: %w", detailSheet, err)
		}
	}
	// The first sheet is the template's Sheet1 renamed, and so already the
	// active one. SetActiveSheet would read every sheet back, a streamed one
	// included (excelize parses its whole XML again).
	if err := b.setProps(); err != nil {
		return err
	}
	if err := f.Write(w); err != nil {
		return err
	}
	b.prog.done = b.prog.total
	b.prog.flush()
	return nil
}

// prepare reads what one report needs from the ledger.
func (b *book) prepare(report string) (sheet, error) {
	switch report {
	case Roster:
		return newRosterSheet(b)
	case Register:
		return newRegisterSheet(b)
	case Matrix:
		return newMatrixSheet(b)
	case SignIn:
		return newSignInSheet(b)
	case Summary:
		return newSummarySheet(b), nil
	case Dues:
		return newDuesSheets(b)
	case Minutes:
		return newMinutesSheet(b)
	}
	return nil, ErrUnknownReport
}

func (b *book) setProps() error {
	name := b.ys.Branch.Name
	return b.f.SetDocProps(&excelize.DocProperties{
		Title:       fmt.Sprintf("%s %d 年报表", name, b.opt.Year),
		Creator:     "支部台账",
		Created:     b.l.Now().UTC().Format("2006-01-02T15:04:05Z"),
		Modified:    b.l.Now().UTC().Format("2006-01-02T15:04:05Z"),
		Description: maskNote(b.opt.FullIDs),
	})
}

// asOf is the date a report of the year describes: today during the
// year, the last day of a past year.
func (b *book) asOf() data.Date {
	return min(b.today, data.NewDate(b.opt.Year, 12, 31))
}

// NextSession returns the session a sign-in sheet is printed for when
// none is named: the first session, not cancelled, dated today or later.
func NextSession(l *data.Ledger) (data.Session, error) {
	today := l.Today()
	ss, err := l.Sessions(today, 0)
	if err != nil {
		return data.Session{}, err
	}
	for _, s := range ss {
		if !s.Cancelled {
			return s, nil
		}
	}
	return data.Session{}, ErrNoSession
}

// NextSessionIn is NextSession within the report's year: the first
// session of year, not cancelled, dated today or later (ErrNoSession when
// the year has none left).
func NextSessionIn(l *data.Ledger, year int) (data.Session, error) {
	from := max(l.Today(), data.NewDate(year, 1, 1))
	ss, err := l.Sessions(from, data.NewDate(year, 12, 31))
	if err != nil {
		return data.Session{}, err
	}
	for _, s := range ss {
		if !s.Cancelled {
			return s, nil
		}
	}
	return data.Session{}, ErrNoSession
}

// progress reports rows written, at most every few hundred rows so that a
// progress bar is not flooded.
type progress struct {
	fn          func(done, total int)
	done, total int
	told        int
}

// add counts n rows; the callback hears of every hundredth of the total.
func (p *progress) add(n int) {
	p.done += n
	if p.fn != nil && p.done-p.told >= max(1, p.total/100) {
		p.flush()
	}
}

func (p *progress) flush() {
	if p.fn != nil {
		p.told = min(p.done, p.total)
		p.fn(p.told, p.total)
	}
}
