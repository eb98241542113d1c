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
)

// fieldNames are the roster's fields in the order of Columns; a fieldSet
// has one bit per entry.
var fieldNames = [...]string{data.FieldName, data.FieldGender, data.FieldEthnicity, data.FieldBirth,
	data.FieldIDNumber, data.FieldEducation, data.FieldPhone, data.FieldPost, data.FieldGroup,
	data.FieldCategory, data.FieldJoined, data.FieldConfirmed, data.FieldStatus,
	data.FieldTransferredIn, data.FieldNotes}

// fieldIndex returns the index of field in fieldNames, or -1.
func fieldIndex(field string) int {
	for i, f := range fieldNames {
		if f == field {
			return i
		}
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
	lost  bool     // the ID number was stored as a number
	h     *header
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

// genericSheet matches sheet names that are not a party group's: Excel's
// defaults and names of the whole roster.
var genericSheet = regexp.MustCompile(`(?i)^(sheet|工作表)\s*[0-9]*$|花名册|名册|名单|党员|信息|统计|汇总|说明`)

// sheetGroup returns the party group a sheet stands for when it has no
// group column: its name, unless that is a generic one.
func sheetGroup(sheet string) string {
	name := clean(sheet)
	if genericSheet.MatchString(name) {
		return ""
	}
	return name
}

// fill returns the value of the merged block that covers the empty cell
// (col, row): hand-kept rosters merge a group or category cell down the
// rows it applies to, and only the block's top cell holds the value.
type fill map[[2]int]string

// maxFilled bounds the cells a sheet's merged blocks may fill, so a crafted
// merge over a million rows costs nothing.
const maxFilled = 1 << 20

func newFill(xs sheetXML, h *header, byNum map[int][]string, lastRow int) fill {
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
func (rd *reader) readRow(sheet string, h *header, fl fill, xs sheetXML, rr rawRow) *Row {
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
	if nameCol >= 0 && synonyms[headerKey(cell(nameCol))] == data.FieldName {
		return nil // the header repeated, as on every printed page
	}
	var vals [len(fieldNames)]string
	var have fieldSet
	for c, f := range h.fields {
		if f == "" {
			continue
		}
		v := cell(c)
		if strings.TrimFunc(v, isSpace) == "" {
			continue
		}
		i := fieldIndex(f)
		if have.has(f) {
			if f != data.FieldPost {
				continue // a second column of the same field: the first wins
			}
			v = vals[i] + " " + clean(v) // 工作单位 and 职务 in two columns
		}
		vals[i] = v
		have |= bit(f)
	}
	if have == 0 {
		return nil
	}
	row := &Row{Sheet: sheet, Row: rr.num, Cells: cells}
	p := &parsed{h: h}
	rd.parse(row, p, &vals, xs)
	if !h.has(data.FieldGroup) {
		if g := sheetGroup(sheet); g != "" {
			row.Member.Group = g
			p.given |= bit(data.FieldGroup)
		}
	}
	row.p = p
	return row
}

// parse reads the values of a row into row.Member, noting parse problems.
func (rd *reader) parse(row *Row, p *parsed, vals *[len(fieldNames)]string, xs sheetXML) {
	m := &row.Member
	bad := func(field, code string, args map[string]any) {
		p.bad |= bit(field)
		row.Problems = append(row.Problems, rd.problem(row, p.h, field, code, args))
	}
	for i, v := range vals {
		f := fieldNames[i]
		if v == "" || !strings.ContainsFunc(v, func(r rune) bool { return !isSpace(r) }) {
			continue
		}
		p.given |= bit(f)
		switch f {
		case data.FieldName:
			m.Name = cleanName(v)
		case data.FieldGender:
			g, ok := parseGender(v)
			if !ok {
				bad(f, data.ProblemBadChoice, nil)
			}
			m.Gender = g
		case data.FieldEthnicity:
			m.Ethnicity = normaliseEthnicity(clean(v))
		case data.FieldIDNumber:
			m.IDNumber = normaliseID(v)
			if lostDigits(m.IDNumber, xs.isNumber(row.Row)) {
				p.lost = true
				bad(f, ProblemIDAsNumber, nil)
			}
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
				bad(f, data.ProblemBadChoice, nil)
			}
			m.Category = c
		case data.FieldStatus:
			s, ok := parseStatus(v)
			if !ok {
				bad(f, data.ProblemBadChoice, nil)
			}
			m.Status = s
		case data.FieldNotes:
			m.Notes = clean(v)
		case data.FieldBirth, data.FieldJoined, data.FieldConfirmed, data.FieldTransferredIn:
			d, ok := parseDate(v)
			if !ok {
				bad(f, data.ProblemBadDate, nil)
			}
			*dateField(m, f) = d
		}
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
	p := Problem{Sheet: row.Sheet, Row: row.Row, Field: field, Code: code, Args: args}
	if c, ok := h.cols[field]; ok {
		p.Column = columnLetter(c)
		p.Header = h.headerName(field)
	}
	return p
}
