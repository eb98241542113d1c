package roster

import (
	"strings"
	"unicode"

	"github.com/xuri/excelize/v2"

	"branchledger/data"
)

// headerRows is how far down a sheet the header row is looked for: title
// rows, a "填报单位" line and merged preambles sit above it.
const headerRows = 10

// FieldDuesBase is the field of a 月工资 / 缴费基数 / 党费基数 column: the
// monthly base of the Party dues, read into Row.DuesBase (fen). The
// importer does not store it; the dues module does.
const FieldDuesBase = "dues_base"

// templateColumns is the roster template's header row: the DOMAIN.md names,
// in the order of the official roster.
var templateColumns = [...]Column{
	{data.FieldName, "姓名"},
	{data.FieldGender, "性别"},
	{data.FieldEthnicity, "民族"},
	{data.FieldBirth, "出生日期"},
	{data.FieldIDNumber, "公民身份号码"},
	{data.FieldEducation, "学历"},
	{data.FieldPhone, "联系电话"},
	{data.FieldPost, "工作单位及职务"},
	{data.FieldGroup, "党小组"},
	{data.FieldCategory, "党员类别"},
	{data.FieldJoined, "入党日期"},
	{data.FieldConfirmed, "转正日期"},
	{data.FieldStatus, "党籍状态"},
	{data.FieldTransferredIn, "组织关系转入日期"},
	{data.FieldNotes, "备注"},
}

// TemplateColumns returns the roster template's header row, a fresh copy
// on every call: field and DOMAIN.md header name, in the official order.
func TemplateColumns() []Column { return append([]Column(nil), templateColumns[:]...) }

// Column is one field of the roster with its header name.
type Column struct {
	Field  string // data.Field* name
	Header string // 姓名
}

// notUsed is the field value of a header the importer knows and leaves out
// on purpose (籍贯, 序号): the ledger has no such field.
const notUsed = "-"

// headerField returns the field a normalised header key names: a data.Field*
// name, FieldDuesBase, notUsed for a known column the ledger does not keep,
// or "" for a header it does not know.
func headerField(key string) string {
	switch key {
	case "姓名", "名字", "党员姓名", "姓名全称":
		return data.FieldName
	case "性别":
		return data.FieldGender
	case "民族":
		return data.FieldEthnicity
	case "出生日期", "出生年月", "出生年月日", "出生时间", "出生":
		return data.FieldBirth
	case "公民身份号码", "身份证号", "身份证号码", "身份证", "公民身份证号码", "公民身份证号", "身份证件号码", "证件号码":
		return data.FieldIDNumber
	case "学历", "文化程度", "最高学历", "全日制学历", "学历学位":
		return data.FieldEducation
	case "联系电话", "手机", "手机号码", "手机号", "联系方式", "电话", "电话号码", "移动电话":
		return data.FieldPhone
	case "工作单位及职务", "工作单位", "职务", "工作单位和职务", "单位及职务", "工作岗位", "岗位",
		"单位职务", "职务职级", "工作单位职务", "现工作单位及职务":
		return data.FieldPost
	case "党小组", "所在党小组", "所属党小组", "党小组名称":
		return data.FieldGroup
	case "党员类别", "人员类别", "类别", "党员身份", "政治面貌", "人员身份", "党员类型", "人员类型", "身份":
		return data.FieldCategory
	case "入党日期", "入党时间", "入党年月", "加入党组织日期", "加入党组织时间", "入党年月日":
		return data.FieldJoined
	case "转正日期", "转正时间", "转正年月", "转为正式党员日期", "转为正式党员时间":
		return data.FieldConfirmed
	case "党籍状态", "党籍":
		return data.FieldStatus
	case "组织关系转入日期", "组织关系转入时间", "转入日期", "转入时间", "组织关系转入":
		return data.FieldTransferredIn
	case "备注", "说明", "其他":
		return data.FieldNotes
	case "月工资", "缴费基数", "党费基数", "党费缴纳基数", "月工资收入", "工资基数":
		return FieldDuesBase
	case "序号", "编号", "籍贯", "出生地", "户籍地", "户籍所在地", "家庭住址", "住址", "现住址", "婚姻状况",
		"健康状况", "职称", "专业技术职务", "毕业院校", "毕业学校", "所学专业", "专业", "学位",
		"参加工作时间", "参加工作日期", "年龄", "党龄", "所在支部", "所在党支部", "党支部", "支部",
		"入党介绍人", "介绍人", "电子邮箱", "邮箱", "照片", "签名", "本人签名", "月党费", "党费",
		"应交党费", "缴纳党费", "党费标准", "工号", "人员编号":
		return notUsed
	}
	return ""
}

// headerKey normalises a header cell: full-width folded, no "(必填)" or
// "（18位）" remark, and no spaces, punctuation or symbols anywhere, so that
// "姓 名", "*姓名：" and "工作单位/职务" read as the names people mean.
func headerKey(s string) string {
	s = foldWidth(s)
	for _, open := range []string{"(", "[", "【", "〔"} {
		if i := strings.Index(s, open); i > 0 {
			s = s[:i]
		}
	}
	return strings.Map(func(r rune) rune {
		if isSpace(r) || unicode.IsPunct(r) || unicode.IsSymbol(r) {
			return -1
		}
		return r
	}, s)
}

// MatchHeader returns the field a header cell names, as the importer reads
// it without a user's mapping: a data.Field* name, FieldDuesBase, or ""
// when the column is not used (unknown, or known and not kept).
func MatchHeader(cell string) string {
	if f := headerField(headerKey(cell)); f != notUsed {
		return f
	}
	return ""
}

// header is the layout of one sheet: where its header row is and which
// column holds which field.
type header struct {
	row    int            // Excel row number of the header's last row
	first  int            // Excel row number of the header's first row
	names  []string       // per column: the header as the file shows it
	fields []string       // per column: the field it holds, "" for none
	known  []bool         // per column: the name was understood (a field or known as not used)
	user   []bool         // per column: the field was chosen by the user
	cols   map[string]int // per field: its first column (0-based)
}

// matcher matches header cells, the user's choices first.
type matcher struct {
	user map[string]string // headerKey → field ("" = leave out)
}

// match returns the field of one header text and whether it is known, and
// whether the user chose it.
func (m matcher) match(text string) (field string, known, user bool) {
	key := headerKey(text)
	if key == "" {
		return "", false, false
	}
	if f, ok := m.user[key]; ok {
		return f, true, true
	}
	switch f := headerField(key); f {
	case "":
		return "", false, false
	case notUsed:
		return "", true, false
	default:
		return f, true, false
	}
}

// newHeader reads one header row (bottom nil) or a header of two rows:
// each column's name is the top cell and the one under it joined
// ("出生"+"年月"), or the lower one under a group label ("入党情况" over
// "入党时间"), or the top one alone when nothing is under it.
func (m matcher) newHeader(top, bottom []string) *header {
	n := max(len(top), len(bottom))
	h := &header{names: make([]string, n), fields: make([]string, n), known: make([]bool, n),
		user: make([]bool, n), cols: map[string]int{}}
	for c := 0; c < n; c++ {
		t, b := cellAt(top, c), cellAt(bottom, c)
		var cands []string
		switch {
		case b == "" || b == t:
			cands = []string{t}
		case t == "":
			cands = []string{b}
		default:
			cands = []string{t + b, b, t}
		}
		h.names[c] = cands[0]
		for i, cand := range cands {
			f, known, user := m.match(cand)
			if !known {
				continue
			}
			h.fields[c], h.known[c], h.user[c] = f, true, user
			if i == 1 {
				// The sub-header under a group label: its own name, which
				// reads back the same from the refused-rows workbook.
				h.names[c] = b
			}
			break
		}
		if !h.known[c] && len(cands) == 3 {
			h.names[c] = t + "/" + b
		}
		if f := h.fields[c]; f != "" {
			if _, seen := h.cols[f]; !seen {
				h.cols[f] = c
			}
		}
	}
	return h
}

func cellAt(cells []string, c int) string {
	if c < len(cells) {
		return clean(cells[c])
	}
	return ""
}

// good reports whether a header names at least two fields, one of them the
// name or the ID number.
func (h *header) good() bool {
	_, name := h.cols[data.FieldName]
	_, id := h.cols[data.FieldIDNumber]
	return len(h.cols) >= 2 && (name || id)
}

// findHeader returns the header among the first rows of a sheet: the first
// row naming at least two fields, one of them the name or the ID number,
// joined with the row under it when that row continues the header (it
// names more fields joined, and holds no name). rows are the sheet's
// non-empty rows with their Excel numbers; spans fills each row's
// horizontally merged cells (a group label over its sub-headers). It
// returns the header and the index in rows of its last row.
func (m matcher) findHeader(rows []rawRow, spans func(rr rawRow) []string) (*header, int, bool) {
	for i := 0; i < len(rows) && i < headerRows; i++ {
		top := spans(rows[i])
		h := m.newHeader(top, nil)
		if i+1 < len(rows) && rows[i+1].num == rows[i].num+1 {
			bottom := spans(rows[i+1])
			two := m.newHeader(top, bottom)
			nameCol, hasName := h.cols[data.FieldName]
			// Both rows must count: more fields than either row alone (a
			// title line over the header adds none), and no name under the
			// name (that is a data row).
			if len(h.cols) > 0 && len(two.cols) > len(h.cols) && len(two.cols) > len(m.newHeader(bottom, nil).cols) &&
				two.good() && (!hasName || cellAt(rows[i+1].cells, nameCol) == "") {
				two.first, two.row = rows[i].num, rows[i+1].num
				return two, i + 1, true
			}
		}
		if h.good() {
			h.first, h.row = rows[i].num, rows[i].num
			return h, i, true
		}
	}
	return nil, 0, false
}

// has reports whether the sheet has a column for field.
func (h *header) has(field string) bool {
	_, ok := h.cols[field]
	return ok
}

// columnLetter returns the Excel letters of a 0-based column ("E").
func columnLetter(c int) string {
	s, err := excelize.ColumnNumberToName(c + 1)
	if err != nil {
		return ""
	}
	return s
}
