package roster

import (
	"regexp"
	"strings"

	"branchledger/data"
)

// Problem codes of the importer (translation keys in roster.*.json). The
// field problems of data.ValidateMember keep their own codes.
const (
	ProblemIDAsNumber       = "roster.id_as_number"
	ProblemDuplicateRow     = "roster.duplicate_row"
	ProblemDuplicateRowFrom = "roster.duplicate_row_sheet"
	// ProblemOldID: a 15-digit ID number of the first generation; Args Old
	// and New, its 18-digit form to accept.
	ProblemOldID = "import.id_old_15"
)

// fieldNames are the roster's fields in the order of Columns; a fieldSet
// has one bit per entry.
var fieldNames = [...]string{data.FieldName, data.FieldGender, data.FieldEthnicity, data.FieldBirth,
	data.FieldIDNumber, data.FieldEducation, data.FieldPhone, data.FieldPost, data.FieldGroup,
	data.FieldCategory, data.FieldJoined, data.FieldConfirmed, data.FieldStatus,
	data.FieldTransferredIn, data.FieldNotes}

// fieldIndex returns the index of field in fieldNames, or -1.
func fieldIndex(field string) int {
	switch field {
	case data.FieldName:
		return 0
	case data.FieldGender:
		return 1
	case data.FieldEthnicity:
		return 2
	case data.FieldBirth:
		return 3
	case data.FieldIDNumber:
		return 4
	case data.FieldEducation:
		return 5
	case data.FieldPhone:
		return 6
	case data.FieldPost:
		return 7
	case data.FieldGroup:
		return 8
	case data.FieldCategory:
		return 9
	case data.FieldJoined:
		return 10
	case data.FieldConfirmed:
		return 11
	case data.FieldStatus:
		return 12
	case data.FieldTransferredIn:
		return 13
	case data.FieldNotes:
		return 14
	}
	return -1
}

// fieldSet is a set of fields, one bit per entry of fieldNames.
type fieldSet uint32

func bit(field string) fieldSet {
	if i := fieldIndex(field); i >= 0 {
		return 1 << i
	}
	return 0
}

func (s fieldSet) has(field string) bool { return s&bit(field) != 0 }

// parsed is a row's member as the file gives it, before it is matched
// against the ledger.
type parsed struct {
	given fieldSet // fields the row has a value for
	bad   fieldSet // fields whose value could not be read
	lost  bool     // the ID number cannot be matched: stored as a number, or old
	h     *header
	cols  [len(fieldNames)]int // per field given: the column it was read from
	// birthMonthOnly says the birth cell gave a year and month only.
	birthMonthOnly bool
}

// totalWords start the total rows at the bottom of a roster.
var totalWords = []string{"合计", "总计", "共计", "小计", "累计", "总人数", "人数合计"}

// footWords start the signature lines under a submitted form
// (支部书记（签字）：…, 党组织（盖章）：…, 填表人：…), which are no members
// either; the program's own roster export ends with one.
var footWords = []string{"支部书记（签字）", "书记（签字）", "党组织（盖章）", "填报人：", "填表人：", "审核人："}

// headCount matches "共14人", the count written under a name column.
var headCount = regexp.MustCompile(`^共[0-9]+(名|人)`)

// isTotalRow reports whether a row is a total row: its first non-empty
// cell starts with 合计/总计/…, or its name cell says "共14人".
func isTotalRow(cells []string, nameCol int) bool {
	for _, c := range cells {
		c = dropSpaces(c)
		if c == "" {
			continue
		}
		for _, w := range totalWords {
			if strings.HasPrefix(c, w) {
				return true
			}
		}
		for _, w := range footWords {
			if strings.HasPrefix(c, w) {
				return true
			}
		}
		break
	}
	if nameCol < 0 || nameCol >= len(cells) || !strings.Contains(cells[nameCol], "共") {
		return false
	}
	return headCount.MatchString(dropSpaces(cells[nameCol]))
}

// fill returns the value of the merged block that covers the empty cell
// (col, row): hand-kept rosters merge a group or category cell down the
// rows it applies to, and only the block's top cell holds the value.
type fill map[[2]int]string

// maxFilled bounds the cells a sheet's merged blocks may fill, so a crafted
// merge over a million rows costs nothing.
const maxFilled = 1 << 20

func newFill(xs *sheetXML, h *header, byNum map[int][]string, lastRow int) fill {
	out := fill{}
	for _, m := range xs.merges {
		if m.row2 <= m.row1 || m.col1 >= len(h.fields) || h.fields[m.col1] == "" {
			continue
		}
		top := byNum[m.row1]
		if m.col1 >= len(top) {
			continue
		}
		for r := m.row1 + 1; r <= m.row2 && r <= lastRow && len(out) < maxFilled; r++ {
			out[[2]int{m.col1, r}] = top[m.col1]
		}
	}
	return out
}

// readRow turns one raw row into a Row, or returns nil for a blank row, a
// total row or a repeated header row.
func (rd *reader) readRow(sheet string, h *header, fl fill, xs *sheetXML, rr rawRow) *Row {
	cells := rr.cells
	cell := func(c int) string {
		if c < len(cells) && strings.TrimFunc(cells[c], isSpace) != "" {
			return cells[c]
		}
		return fl[[2]int{c, rr.num}]
	}
	nameCol := -1
	if c, ok := h.cols[data.FieldName]; ok {
		nameCol = c
	}
	if isTotalRow(cells, nameCol) {
		return nil
	}
	if nameCol >= 0 && MatchHeader(cell(nameCol)) == data.FieldName {
		return nil // the header repeated, as on every printed page
	}
	var vals [len(fieldNames)]string
	var cols [len(fieldNames)]int
	var have fieldSet
	dues, duesCol := "", -1
	for c, f := range h.fields {
		if f == "" {
			continue
		}
		v := cell(c)
		if strings.TrimFunc(v, isSpace) == "" {
			continue
		}
		if f == FieldDuesBase {
			if duesCol < 0 {
				dues, duesCol = v, c
			}
			continue
		}
		i := fieldIndex(f)
		if have&(1<<i) != 0 {
			if f != data.FieldPost {
				continue // a second column of the same field: the first wins
			}
			v = vals[i] + " " + clean(v) // 工作单位 and 职务 in two columns
		} else {
			cols[i] = c
		}
		vals[i] = v
		have |= 1 << i
	}
	if have == 0 {
		return nil
	}
	row := &Row{Sheet: sheet, Row: rr.num, Cells: cells}
	p := &parsed{h: h, cols: cols}
	rd.parse(row, p, &vals, xs)
	if duesCol >= 0 {
		if fen, ok := parseYuan(dues); ok {
			row.DuesBase = fen
		} else {
			row.Problems = append(row.Problems, rd.problemAt(row, h, duesCol, FieldDuesBase, ProblemBadValue,
				map[string]any{"Value": clean(dues)}))
		}
	}
	row.p = p
	return row
}

// parse reads the values of a row into row.Member, noting parse problems
// at their cells.
func (rd *reader) parse(row *Row, p *parsed, vals *[len(fieldNames)]string, xs *sheetXML) {
	m := &row.Member
	for i, v := range vals {
		f := fieldNames[i]
		if v == "" || !strings.ContainsFunc(v, func(r rune) bool { return !isSpace(r) }) {
			continue
		}
		p.given |= 1 << i
		col := p.cols[i]
		bad := func(code string, args map[string]any) {
			p.bad |= 1 << i
			row.Problems = append(row.Problems, rd.problemAt(row, p.h, col, f, code, args))
		}
		badValue := func() { bad(ProblemBadValue, map[string]any{"Value": clean(v)}) }
		switch f {
		case data.FieldName:
			m.Name = cleanName(v)
		case data.FieldGender:
			g, ok := parseGender(v)
			if !ok {
				badValue()
			}
			m.Gender = g
		case data.FieldEthnicity:
			m.Ethnicity = normaliseEthnicity(clean(v))
		case data.FieldIDNumber:
			rd.parseID(row, p, v, xs, bad)
		case data.FieldEducation:
			m.Education = clean(v)
		case data.FieldPhone:
			m.Phone = normalisePhone(v)
		case data.FieldPost:
			m.Post = clean(v)
		case data.FieldGroup:
			m.Group = clean(v)
		case data.FieldCategory:
			c, ok := parseCategory(v)
			if !ok {
				badValue()
			}
			m.Category = c
		case data.FieldStatus:
			s, ok := parseStatus(v)
			if !ok {
				badValue()
			}
			m.Status = s
		case data.FieldNotes:
			m.Notes = clean(v)
		case data.FieldBirth, data.FieldJoined, data.FieldConfirmed, data.FieldTransferredIn:
			dc := dateCell{raw: v, format: general, date1904: rd.date1904}
			if meta, ok := xs.cell(col, row.Row); ok {
				dc.numeric, dc.format = meta.numeric, rd.format(int(meta.style))
			}
			d, monthOnly, code := readDate(dc)
			if code != "" {
				bad(code, map[string]any{"Value": clean(v)})
			}
			*dateField(m, f) = d
			if f == data.FieldBirth {
				p.birthMonthOnly = monthOnly
			}
		}
	}
}

// parseID reads the ID number cell: normalised as people type it, refused
// when it was stored as a number and lost digits, and for a 15-digit old
// number either converted (Options.ConvertOldIDs) or refused with the
// 18-digit form offered.
func (rd *reader) parseID(row *Row, p *parsed, v string, xs *sheetXML, bad func(string, map[string]any)) {
	m := &row.Member
	m.IDNumber = normaliseID(v)
	numeric := false
	if meta, ok := xs.cell(p.cols[fieldIndex(data.FieldIDNumber)], row.Row); ok {
		numeric = meta.numeric
	}
	switch {
	case lostDigits(m.IDNumber, numeric):
		p.lost = true
		bad(ProblemIDAsNumber, nil)
	case isOldID(m.IDNumber):
		conv := ConvertOldID(m.IDNumber)
		if rd.opt.ConvertOldIDs {
			row.OldID, m.IDNumber = m.IDNumber, conv
			row.Inferred = append(row.Inferred, Inferred{data.FieldIDNumber, WhyOldIDConverted})
			return
		}
		p.lost = true // not matched against the ledger until converted
		bad(ProblemOldID, map[string]any{"Old": m.IDNumber, "New": conv})
	}
}

func dateField(m *data.Member, field string) *data.Date {
	switch field {
	case data.FieldBirth:
		return &m.Birth
	case data.FieldJoined:
		return &m.Joined
	case data.FieldConfirmed:
		return &m.Confirmed
	}
	return &m.TransferredIn
}

// problem places a problem at the row's cell for field.
func (rd *reader) problem(row *Row, h *header, field, code string, args map[string]any) Problem {
	c, ok := h.cols[field]
	if i := fieldIndex(field); i >= 0 && row.p != nil && row.p.given.has(field) {
		c, ok = row.p.cols[i], true
	}
	if !ok {
		return Problem{Sheet: row.Sheet, Row: row.Row, Field: field, Code: code, Args: args}
	}
	return rd.problemAt(row, h, c, field, code, args)
}

// problemAt places a problem at the row's cell in column col (0-based).
func (rd *reader) problemAt(row *Row, h *header, col int, field, code string, args map[string]any) Problem {
	return Problem{Sheet: row.Sheet, Row: row.Row, Field: field, Code: code, Args: args,
		Column: columnLetter(col), Header: h.names[col]}
}
