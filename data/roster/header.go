package roster

import (
	"strings"

	"github.com/xuri/excelize/v2"

	"branchledger/data"
)

// headerRows is how far down a sheet the header row is looked for: title
// rows, a "填报单位" line and merged preambles sit above it.
const headerRows = 10

// Columns is the roster template's header row: the DOMAIN.md names, in the
// order of the official roster. The importer also understands the synonyms
// in synonyms.
var Columns = []Column{
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

// Column is one field of the roster with its header name.
type Column struct {
	Field  string // data.Field* name
	Header string // 姓名
}

// synonyms maps every header name people use to the field it holds. Keys
// are normalised with headerKey.
var synonyms = map[string]string{
	"姓名": data.FieldName, "名字": data.FieldName, "党员姓名": data.FieldName,
	"性别":   data.FieldGender,
	"民族":   data.FieldEthnicity,
	"出生日期": data.FieldBirth, "出生年月": data.FieldBirth, "出生年月日": data.FieldBirth, "出生时间": data.FieldBirth,
	"公民身份号码": data.FieldIDNumber, "身份证号": data.FieldIDNumber, "身份证号码": data.FieldIDNumber,
	"身份证": data.FieldIDNumber, "公民身份证号码": data.FieldIDNumber, "公民身份证号": data.FieldIDNumber,
	"身份证件号码": data.FieldIDNumber,
	"学历":     data.FieldEducation, "文化程度": data.FieldEducation, "最高学历": data.FieldEducation,
	"联系电话": data.FieldPhone, "手机": data.FieldPhone, "手机号码": data.FieldPhone, "手机号": data.FieldPhone,
	"联系方式": data.FieldPhone, "电话": data.FieldPhone, "电话号码": data.FieldPhone,
	"工作单位及职务": data.FieldPost, "工作单位": data.FieldPost, "职务": data.FieldPost,
	"工作单位和职务": data.FieldPost, "单位及职务": data.FieldPost, "工作岗位": data.FieldPost,
	"岗位": data.FieldPost, "单位职务": data.FieldPost, "职务职级": data.FieldPost,
	"党小组": data.FieldGroup, "所在党小组": data.FieldGroup, "所属党小组": data.FieldGroup,
	"党员类别": data.FieldCategory, "人员类别": data.FieldCategory, "类别": data.FieldCategory,
	"党员身份": data.FieldCategory, "政治面貌": data.FieldCategory,
	"入党日期": data.FieldJoined, "入党时间": data.FieldJoined, "入党年月": data.FieldJoined,
	"加入党组织日期": data.FieldJoined,
	"转正日期":    data.FieldConfirmed, "转正时间": data.FieldConfirmed, "转正年月": data.FieldConfirmed,
	"党籍状态":     data.FieldStatus,
	"组织关系转入日期": data.FieldTransferredIn, "组织关系转入时间": data.FieldTransferredIn,
	"转入日期": data.FieldTransferredIn, "转入时间": data.FieldTransferredIn,
	"备注": data.FieldNotes,
}

// headerKey normalises a header cell: no spaces or line breaks, no
// "(必填)" or "（18位）" remarks, no required-field stars.
func headerKey(s string) string {
	s = dropSpaces(foldWidth(s))
	if i := strings.IndexByte(s, '('); i > 0 {
		s = s[:i]
	}
	s = strings.Trim(s, "*:：")
	return s
}

// header is the layout of one sheet: where its header row is and which
// column holds which field.
type header struct {
	row    int            // Excel row number of the header
	names  []string       // the header cells as the file has them
	fields []string       // per column: the field it holds, "" for none
	cols   map[string]int // per field: its first column (0-based)
}

// findHeader returns the header among the first rows of a sheet: the first
// row naming at least two fields, one of them the name or the ID number. It
// also returns the header's index in rows.
func findHeader(rows [][]string) (*header, int, bool) {
	for i, cells := range rows {
		h := &header{names: cells, fields: make([]string, len(cells)), cols: map[string]int{}}
		for c, cell := range cells {
			f, ok := synonyms[headerKey(cell)]
			if !ok {
				continue
			}
			h.fields[c] = f
			if _, seen := h.cols[f]; !seen {
				h.cols[f] = c
			}
		}
		_, name := h.cols[data.FieldName]
		_, id := h.cols[data.FieldIDNumber]
		if len(h.cols) >= 2 && (name || id) {
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

// headerName returns the file's own name for a field's column, or "".
func (h *header) headerName(field string) string {
	if c, ok := h.cols[field]; ok {
		return clean(h.names[c])
	}
	return ""
}

// columnLetter returns the Excel letters of a 0-based column ("E").
func columnLetter(c int) string {
	s, err := excelize.ColumnNumberToName(c + 1)
	if err != nil {
		return ""
	}
	return s
}
