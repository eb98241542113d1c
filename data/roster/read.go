// Package roster imports the party-member rosters (党员花名册) that branch
// secretaries already keep in Excel: it finds the header among title rows,
// understands the header names and date habits people use, validates every
// row with the data/ rules, and produces a Plan (rows to add, update or
// refuse, each problem at its sheet, row and column) that changes nothing
// until it is applied in one transaction. It also writes the refused rows
// back as a workbook to fix, and the import template. It never imports Fyne.
package roster

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"runtime/debug"
	"strings"

	"github.com/xuri/excelize/v2"

	"branchledger/data"
)

// Limits for untrusted files. A roster of 5,000 members is about 300 KB
// zipped and 4 MB unzipped; these leave room for ten times that and refuse
// zip bombs before they are inflated.
const (
	DefaultMaxFileSize = 32 << 20  // the .xlsx itself
	DefaultMaxUnzipped = 128 << 20 // all of its parts, unzipped
	maxDataRows        = 100000    // rows read from one workbook
)

// Errors returned by Read. MessageKey maps them to translation keys.
var (
	ErrTooLarge    = errors.New("workbook is too large")
	ErrOldFormat   = errors.New("workbook is an old .xls file or is password-protected")
	ErrNotWorkbook = errors.New("file is not an .xlsx workbook")
	ErrNoHeader    = errors.New("no sheet has a roster header row")
	ErrStale       = errors.New("ledger changed since the import was previewed")
)

// MessageKey returns the translation key of an error from Read or Apply,
// or "" when it is not one of this package's.
func MessageKey(err error) string {
	switch {
	case errors.Is(err, ErrTooLarge):
		return "roster.error.too_large"
	case errors.Is(err, ErrOldFormat):
		return "roster.error.old_format"
	case errors.Is(err, ErrNotWorkbook):
		return "roster.error.not_workbook"
	case errors.Is(err, ErrNoHeader):
		return "roster.error.no_header"
	case errors.Is(err, ErrStale):
		return "roster.error.stale"
	}
	return ""
}

// Options says what a roster is read against.
type Options struct {
	// Today bounds dates (nothing after today); use the ledger's Today.
	Today data.Date
	// Existing are the ledger's members: a row whose ID number matches one
	// updates that member instead of adding another.
	Existing []data.Member
	// Source is the file name, noted in the history of updated members.
	Source string
	// MaxFileSize and MaxUnzipped override the default limits.
	MaxFileSize, MaxUnzipped int64
}

// Plan is what importing a roster would do. Nothing is changed until Apply.
type Plan struct {
	Source    string
	Sheets    []Sheet
	Add       []*Row // new members
	Update    []*Row // members already in the ledger, with changed fields
	Unchanged []*Row // members already in the ledger exactly as the file has them
	Refused   []*Row // rows with problems: not imported
}

// Sheet describes one sheet of the workbook as the importer read it.
type Sheet struct {
	Name      string
	Hidden    bool     // hidden sheets are skipped
	HeaderRow int      // Excel row number of the header, 0 when none was found
	Header    []string // the header cells as the file has them
	Rows      int      // member rows read (blank and total rows not counted)
}

// Row is one member row of the roster.
type Row struct {
	Sheet    string
	Row      int         // Excel row number, as Excel shows it
	Cells    []string    // the row's cells as the file has them
	Member   data.Member // the member as it will be saved
	Problems []Problem   // why the row is refused; empty for other rows
	p        *parsed
	old      *data.Member // the ledger's member this row updates
}

// Problem is one thing wrong with one row, at one cell. Code is a
// translation key ("problem.id_checksum", "roster.id_as_number"), Args
// fills its placeholders.
type Problem struct {
	Sheet  string         `json:"sheet"`
	Row    int            `json:"row"`
	Column string         `json:"column"` // Excel letters, "" when the sheet has no such column
	Header string         `json:"header"` // the column's header as the file names it, or the field's name
	Field  string         `json:"field"`  // data.Field* name
	Code   string         `json:"code"`
	Args   map[string]any `json:"args,omitempty"`
}

// Problems returns every problem of the plan, in sheet and row order.
func (p *Plan) Problems() []Problem {
	var ps []Problem
	for _, r := range p.Refused {
		ps = append(ps, r.Problems...)
	}
	return ps
}

// Read reads a roster workbook and plans its import against opt.Existing.
// It reads every visible sheet; a file it cannot read as a workbook, or
// one too large, gives an error, while bad rows become Refused rows.
func Read(r io.Reader, opt Options) (plan *Plan, err error) {
	maxFile, maxUnzipped := opt.MaxFileSize, opt.MaxUnzipped
	if maxFile <= 0 {
		maxFile = DefaultMaxFileSize
	}
	if maxUnzipped <= 0 {
		maxUnzipped = DefaultMaxUnzipped
	}
	b, err := io.ReadAll(io.LimitReader(r, maxFile+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > maxFile {
		return nil, ErrTooLarge
	}
	// excelize is a large parser fed with untrusted bytes: should it ever
	// panic on a malformed part, the user gets "not a workbook", not a crash.
	defer func() {
		if v := recover(); v != nil {
			plan, err = nil, fmt.Errorf("%w: %w", ErrNotWorkbook, &panicError{v, debug.Stack()})
		}
	}()
	f, err := open(b, maxUnzipped)
	if err != nil {
		return nil, err
	}
	defer func() {
		if cerr := f.Close(); err == nil && cerr != nil {
			err = cerr
		}
	}()
	rd := &reader{f: f, opt: opt, plan: &Plan{Source: opt.Source}, parts: sheetParts(f)}
	if err := rd.readSheets(); err != nil {
		return nil, err
	}
	rd.classify()
	return rd.plan, nil
}

// panicError keeps a recovered panic and where it happened, so that the
// fuzz test can still report it.
type panicError struct {
	value any
	stack []byte
}

func (e *panicError) Error() string { return fmt.Sprintf("panic: %v", e.value) }

// oleHeader starts an OLE compound file: an old .xls workbook, or an .xlsx
// that is encrypted with a password.
var oleHeader = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

func open(b []byte, maxUnzipped int64) (*excelize.File, error) {
	if bytes.HasPrefix(b, oleHeader) {
		return nil, ErrOldFormat
	}
	// UnzipXMLSizeLimit equals UnzipSizeLimit so that every part stays in
	// memory (bounded by the limit) for sheetxml.go instead of going to a
	// temporary file.
	f, err := excelize.OpenReader(bytes.NewReader(b), excelize.Options{
		RawCellValue:      true,
		UnzipSizeLimit:    maxUnzipped,
		UnzipXMLSizeLimit: maxUnzipped,
	})
	if err != nil {
		if strings.Contains(err.Error(), "unzip size exceeds") {
			return nil, fmt.Errorf("%w: %v", ErrTooLarge, err)
		}
		return nil, fmt.Errorf("%w: %v", ErrNotWorkbook, err)
	}
	return f, nil
}

// reader holds the state of one Read.
type reader struct {
	f     *excelize.File
	opt   Options
	plan  *Plan
	parts map[string]string
	rows  []*Row // every member row, in file order
	total int
}

func (rd *reader) readSheets() error {
	found := false
	for _, name := range rd.f.GetSheetList() {
		visible, err := rd.f.GetSheetVisible(name)
		if err != nil {
			return fmt.Errorf("%w: %v", ErrNotWorkbook, err)
		}
		sh := Sheet{Name: name, Hidden: !visible}
		if visible {
			ok, err := rd.readSheet(&sh)
			if err != nil {
				return err
			}
			found = found || ok
		}
		rd.plan.Sheets = append(rd.plan.Sheets, sh)
	}
	if !found {
		return ErrNoHeader
	}
	return nil
}

// rawRow is a non-empty row of a sheet as excelize returned it.
type rawRow struct {
	num   int
	cells []string
}

// readSheet reads one visible sheet and reports whether it has a header.
func (rd *reader) readSheet(sh *Sheet) (bool, error) {
	raw, err := rd.sheetRows(sh.Name)
	if err != nil {
		return false, err
	}
	var top [][]string
	for i := 0; i < len(raw) && i < headerRows; i++ {
		top = append(top, raw[i].cells)
	}
	h, start, ok := findHeader(top)
	if !ok {
		return false, nil
	}
	h.row = raw[start].num
	sh.HeaderRow, sh.Header = h.row, append([]string(nil), h.names...)
	xs := rd.scan(sh.Name, h)
	var fl fill
	if len(xs.merges) > 0 {
		byNum := make(map[int][]string, len(raw))
		for _, rr := range raw {
			byNum[rr.num] = rr.cells
		}
		fl = newFill(xs, h, byNum, raw[len(raw)-1].num)
	}
	for _, rr := range raw[start+1:] {
		if row := rd.readRow(sh.Name, h, fl, xs, rr); row != nil {
			rd.rows = append(rd.rows, row)
			sh.Rows++
		}
	}
	return true, nil
}

// sheetRows returns the non-empty rows of a sheet with their Excel numbers.
func (rd *reader) sheetRows(sheet string) ([]rawRow, error) {
	rows, err := rd.f.Rows(sheet)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNotWorkbook, err)
	}
	var out []rawRow
	num := 0
	for rows.Next() {
		num++
		cells, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			_ = rows.Close()
			return nil, fmt.Errorf("%w: %v", ErrNotWorkbook, err)
		}
		if !anyText(cells) {
			continue
		}
		if rd.total++; rd.total > maxDataRows {
			_ = rows.Close()
			return nil, ErrTooLarge
		}
		out = append(out, rawRow{num, cells})
	}
	if err := rows.Close(); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNotWorkbook, err)
	}
	return out, nil
}

func anyText(cells []string) bool {
	for _, c := range cells {
		if strings.TrimFunc(c, isSpace) != "" {
			return true
		}
	}
	return false
}

// scan finds which ID cells of a sheet are numbers, and its merged ranges.
func (rd *reader) scan(sheet string, h *header) sheetXML {
	idCol := -1
	if c, ok := h.cols[data.FieldIDNumber]; ok {
		idCol = c
	}
	if p, ok := rd.parts[sheet]; ok {
		if v, ok := rd.f.Pkg.Load(p); ok {
			if b, ok := v.([]byte); ok {
				return scanSheet(b, idCol)
			}
		}
	}
	// Fallback through excelize's own (slower) worksheet model.
	xs := sheetXML{numeric: map[int]bool{}}
	if merged, err := rd.f.GetMergeCells(sheet); err == nil {
		for _, m := range merged {
			if r, ok := parseRange(m.GetStartAxis() + ":" + m.GetEndAxis()); ok {
				xs.merges = append(xs.merges, r)
			}
		}
	}
	xs.lookup = func(row int) bool {
		if idCol < 0 {
			return false
		}
		ref, err := excelize.CoordinatesToCellName(idCol+1, row)
		if err != nil {
			return false
		}
		t, err := rd.f.GetCellType(sheet, ref)
		return err == nil && (t == excelize.CellTypeUnset || t == excelize.CellTypeNumber)
	}
	return xs
}
