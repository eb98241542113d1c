package roster

import (
	"bytes"
	"errors"
	"fmt"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// Why this file exists: excelize's row iterator returns every cell as a
// string and stops without a word at the first XML error, so a worksheet
// damaged at row 12 would read as a roster of 10 members. scanSheet reads
// the worksheet XML that excelize has already unzipped (every part stays
// in memory, see open) once, checks that it is well-formed to its end, and
// keeps what the strings lose: each cell's type (an ID number stored as a
// number has lost digits) and style (its number format decides what a
// date cell showed), and the merged ranges.

// Limits on one worksheet part, so that a small crafted file cannot take
// seconds or gigabytes: how deep its elements nest (a real worksheet
// nests about eight deep) and how large it is unzipped.
const (
	maxXMLDepth = 64
	maxPartSize = 64 << 20
)

// DamagedError says that a worksheet is not well-formed XML: reading
// stopped near Excel row Row (0 when before the first row). Sheet is ""
// when the damaged part is the workbook's shared text, not a sheet. The
// whole file is refused.
type DamagedError struct {
	Sheet string
	Row   int
	Why   string // what was wrong, in English, for logs
}

func (e *DamagedError) Error() string {
	return fmt.Sprintf("worksheet %q is damaged near row %d: %s", e.Sheet, e.Row, e.Why)
}

// Is makes errors.Is(err, ErrDamaged) hold.
func (e *DamagedError) Is(target error) bool { return target == ErrDamaged }

// cellMeta is what the scan keeps of one cell.
type cellMeta struct {
	col     int32 // 0-based
	style   int32 // index into the workbook's cell formats
	numeric bool  // a number (no t attribute, or t="n")
}

// sheetXML holds what the scan of one worksheet found.
type sheetXML struct {
	cells   []cellMeta
	rows    map[int][2]int32 // Excel row → its cells' range in cells
	merges  []mergeRange
	lastRow int // the last row element's number
}

// cell returns the metadata of the cell at (col, row), if the file has one.
func (x *sheetXML) cell(col, row int) (cellMeta, bool) {
	r, ok := x.rows[row]
	if !ok {
		return cellMeta{}, false
	}
	for _, c := range x.cells[r[0]:r[1]] {
		if int(c.col) == col {
			return c, true
		}
	}
	return cellMeta{}, false
}

// scanner is the state of one scanSheet.
type scanner struct {
	b     []byte
	i     int
	stack [][]byte
	x     *sheetXML
	row   int
	col   int
	rowAt int32
}

func (s *scanner) fail(why string) error {
	return &DamagedError{Row: s.row, Why: fmt.Sprintf("%s at byte %d", why, s.i)}
}

// scanSheet checks that b is one well-formed XML document within the
// limits and collects the cells' types and styles and the merged ranges.
// Rows and cells without an r attribute are numbered on from the previous
// one, as excelize does.
func scanSheet(b []byte) (*sheetXML, error) {
	s := &scanner{b: b, x: &sheetXML{rows: map[int][2]int32{}}}
	if len(b) > maxPartSize {
		return nil, s.fail("part too large")
	}
	if !utf8.Valid(b) {
		return nil, s.fail("not UTF-8")
	}
	root := false
	for s.i < len(b) {
		j := bytes.IndexByte(b[s.i:], '<')
		if j < 0 {
			j = len(b) - s.i
		}
		if err := s.text(b[s.i : s.i+j]); err != nil {
			return nil, err
		}
		s.i += j
		if s.i >= len(b) {
			break
		}
		rest := b[s.i:]
		var err error
		switch {
		case bytes.HasPrefix(rest, []byte("<!--")):
			err = s.skip("-->")
		case bytes.HasPrefix(rest, []byte("<![CDATA[")):
			if len(s.stack) == 0 {
				return nil, s.fail("CDATA outside the root")
			}
			err = s.skip("]]>")
		case bytes.HasPrefix(rest, []byte("<?")):
			err = s.skip("?>")
		case bytes.HasPrefix(rest, []byte("<!")):
			return nil, s.fail("document type declaration")
		case bytes.HasPrefix(rest, []byte("</")):
			err = s.endTag()
		default:
			if len(s.stack) == 0 && root {
				return nil, s.fail("second root element")
			}
			root = true
			err = s.startTag()
		}
		if err != nil {
			return nil, err
		}
	}
	if !root || len(s.stack) > 0 {
		return nil, s.fail("document ends early")
	}
	s.closeRow()
	return s.x, nil
}

// element notes what a worksheet's row, c and mergeCell elements say.
func (s *scanner) element(local, r, t, st, ref []byte) error {
	switch string(local) {
	case "row":
		s.closeRow()
		s.row++
		if len(r) > 0 {
			n, ok := digits(r)
			if !ok || n < 1 || n > excelize.TotalRows {
				return s.fail("bad row number")
			}
			s.row = n
		}
		s.x.lastRow = s.row
		s.col = -1
		s.rowAt = int32(len(s.x.cells))
	case "c":
		s.col++
		if len(r) > 0 {
			c, ok := cellColumn(r)
			if !ok {
				return s.fail("bad cell reference")
			}
			s.col = c
		}
		style := 0
		if len(st) > 0 {
			n, ok := digits(st)
			if !ok {
				return s.fail("bad style index")
			}
			style = n
		}
		num := len(t) == 0 || string(t) == "n"
		s.x.cells = append(s.x.cells, cellMeta{col: int32(s.col), style: int32(style), numeric: num})
	case "mergeCell":
		if m, ok := parseRange(string(ref)); ok {
			s.x.merges = append(s.x.merges, m)
		}
	}
	return nil
}

// digits reads a decimal number of at most nine digits.
func digits(b []byte) (int, bool) {
	if len(b) == 0 || len(b) > 9 {
		return 0, false
	}
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// cellColumn reads the 0-based column of a cell reference such as "AB12"
// (letters, then the row's digits), within Excel's 16,384 columns.
func cellColumn(ref []byte) (int, bool) {
	col, i := 0, 0
	for ; i < len(ref) && i < 4; i++ {
		c := ref[i] | 0x20 // lower case
		if c < 'a' || c > 'z' {
			break
		}
		col = col*26 + int(c-'a'+1)
	}
	if i == 0 || col > excelize.MaxColumns {
		return 0, false
	}
	if _, ok := digits(ref[i:]); !ok {
		return 0, false
	}
	return col - 1, true
}

// closeRow files the cells read since the last row element.
func (s *scanner) closeRow() {
	if s.row > 0 && int(s.rowAt) < len(s.x.cells) {
		s.x.rows[s.row] = [2]int32{s.rowAt, int32(len(s.x.cells))}
	}
	s.rowAt = int32(len(s.x.cells))
}

// ErrDamaged is what a DamagedError is: a worksheet that is not
// well-formed XML. MessageKey maps it to words naming the row.
var ErrDamaged = errors.New("worksheet is damaged")
