// Package roster imports the party-member rosters (党员花名册) that branch
// secretaries already keep in Excel: it finds the header among title rows,
// understands the header names and date habits people use, validates every
// row with the data/ rules, and produces a Plan (rows to add, update or
// refuse, each problem at its sheet, row and column) that changes nothing
// until it is applied in one transaction. It also writes the refused rows
// back as a workbook to fix, and the import template. It never imports Fyne.
package roster

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"runtime/debug"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Limits for untrusted files. A roster of 5,000 members is about 300 KB
// zipped and 4 MB unzipped; these leave room for ten times that and refuse
// zip bombs before they are inflated.
const (
	DefaultMaxFileSize = 32 << 20  // the .xlsx itself
	DefaultMaxUnzipped = 128 << 20 // all of its parts, unzipped
	maxDataRows        = 100000    // rows read from one workbook
)

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
	m, err := newMatcher(opt.Map)
	if err != nil {
		return nil, err
	}
	rd := &reader{f: f, opt: opt, m: m, plan: &Plan{Source: opt.Source}, parts: sheetParts(f)}
	rd.loadFormats()
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
	// No single part may unzip to more than maxPartSize, whatever the
	// total: the zip directory says so before anything is inflated.
	if zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b))); err == nil {
		for _, zf := range zr.File {
			if zf.UncompressedSize64 > maxPartSize {
				return nil, fmt.Errorf("%w: part %s unzips to %d bytes", ErrTooLarge, zf.Name, zf.UncompressedSize64)
			}
		}
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
	f        *excelize.File
	opt      Options
	m        matcher
	plan     *Plan
	parts    map[string]string
	rows     []*Row // every member row, in file order
	total    int
	date1904 bool
	formats  []numFmt // per cell style index: its number format
}

func (rd *reader) readSheets() error {
	if props, err := rd.f.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		rd.date1904 = *props.Date1904
	}
	// The shared strings hold the text of most cells: damaged, they would
	// read as blanks (names "missing"), so they are checked like a sheet.
	if v, ok := rd.f.Pkg.Load("xl/sharedStrings.xml"); ok {
		if b, ok := v.([]byte); ok {
			if _, err := scanSheet(b); err != nil {
				return err // a DamagedError without a sheet: the file's text
			}
		}
	}
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

// readSheet reads one visible sheet and reports whether it has a header. A
// worksheet that is not well-formed XML to its end refuses the file.
func (rd *reader) readSheet(sh *Sheet) (bool, error) {
	xs, err := rd.scan(sh.Name)
	if err != nil {
		return false, err
	}
	raw, err := rd.sheetRows(sh.Name, xs)
	if err != nil {
		return false, err
	}
	spans := func(rr rawRow) []string { return spanCells(rr, xs.merges) }
	h, last, ok := rd.m.findHeader(raw, spans)
	if !ok {
		return false, nil
	}
	sh.HeaderRow, sh.Header = h.row, append([]string(nil), h.names...)
	for c, name := range h.names {
		if name == "" && h.fields[c] == "" {
			continue
		}
		rd.plan.Columns = append(rd.plan.Columns, ColumnUse{Sheet: sh.Name, Column: columnLetter(c),
			Header: name, Field: h.fields[c], Known: h.known[c], ByUser: h.user[c]})
	}
	var fl fill
	if len(xs.merges) > 0 {
		byNum := make(map[int][]string, len(raw))
		for _, rr := range raw {
			byNum[rr.num] = rr.cells
		}
		fl = newFill(xs, h, byNum, raw[len(raw)-1].num)
	}
	for _, rr := range raw[last+1:] {
		if row := rd.readRow(sh.Name, h, fl, xs, rr); row != nil {
			rd.rows = append(rd.rows, row)
			sh.Rows++
		}
	}
	return true, nil
}

// spanCells returns a row's cells with each horizontally merged block
// filled from its first cell: a group label such as 入党情况 over the
// columns 入党时间 and 转正时间.
func spanCells(rr rawRow, merges []mergeRange) []string {
	cells := rr.cells
	copied := false
	for _, m := range merges {
		if m.row1 != rr.num || m.col2 <= m.col1 || m.col1 >= len(cells) || m.col2 >= excelize.MaxColumns {
			continue
		}
		if !copied {
			cells = append([]string(nil), cells...)
			copied = true
		}
		for len(cells) <= m.col2 {
			cells = append(cells, "")
		}
		for c := m.col1 + 1; c <= m.col2; c++ {
			if clean(cells[c]) == "" {
				cells[c] = cells[m.col1]
			}
		}
	}
	return cells
}

// scan checks a sheet's worksheet XML and reads its cells' types and
// styles and its merged ranges.
func (rd *reader) scan(sheet string) (*sheetXML, error) {
	p, ok := rd.parts[sheet]
	if !ok {
		return nil, fmt.Errorf("%w: no worksheet part for sheet %q", ErrNotWorkbook, sheet)
	}
	v, ok := rd.f.Pkg.Load(p)
	if !ok {
		return nil, fmt.Errorf("%w: worksheet part %s missing", ErrNotWorkbook, p)
	}
	b, ok := v.([]byte)
	if !ok {
		return nil, fmt.Errorf("%w: worksheet part %s not in memory", ErrNotWorkbook, p)
	}
	xs, err := scanSheet(b)
	if d, ok := err.(*DamagedError); ok {
		d.Sheet = sheet
	}
	return xs, err
}

// sheetRows returns the non-empty rows of a sheet with their Excel
// numbers. excelize's iterator stops silently at an XML error, so reading
// must reach the last row the scan found, or the file is refused.
func (rd *reader) sheetRows(sheet string, xs *sheetXML) ([]rawRow, error) {
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
			return nil, &DamagedError{Sheet: sheet, Row: num, Why: err.Error()}
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
	if num < xs.lastRow {
		return nil, &DamagedError{Sheet: sheet, Row: num + 1, Why: "row iteration stopped early"}
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

// format returns the number format of a cell style.
func (rd *reader) format(style int) numFmt {
	if style < 0 || style >= len(rd.formats) {
		return general
	}
	return rd.formats[style]
}

// loadFormats reads the number format of every cell style from the
// workbook's styles part (excelize's GetStyle would also decode fonts,
// fills and borders, and index them unchecked).
func (rd *reader) loadFormats() {
	v, ok := rd.f.Pkg.Load("xl/styles.xml")
	if !ok {
		return
	}
	b, ok := v.([]byte)
	if !ok || len(b) > maxPartSize {
		return
	}
	var ss struct {
		NumFmts []struct {
			ID   int    `xml:"numFmtId,attr"`
			Code string `xml:"formatCode,attr"`
		} `xml:"numFmts>numFmt"`
		Xfs []struct {
			ID int `xml:"numFmtId,attr"`
		} `xml:"cellXfs>xf"`
	}
	if xml.Unmarshal(b, &ss) != nil {
		return
	}
	codes := make(map[int]string, len(ss.NumFmts))
	for _, n := range ss.NumFmts {
		codes[n.ID] = n.Code
	}
	rd.formats = make([]numFmt, len(ss.Xfs))
	for i, xf := range ss.Xfs {
		rd.formats[i] = classifyFormat(xf.ID, codes[xf.ID])
	}
}
