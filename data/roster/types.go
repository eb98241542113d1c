package roster

import (
	"errors"

	"branchledger/data"
)

// Errors returned by Read. MessageKey maps them to translation keys.
var (
	ErrTooLarge    = errors.New("workbook is too large")
	ErrOldFormat   = errors.New("workbook is an old .xls file or is password-protected")
	ErrNotWorkbook = errors.New("file is not an .xlsx workbook")
	ErrNoHeader    = errors.New("no sheet has a roster header row")
	ErrStale       = errors.New("ledger changed since the import was previewed")
	ErrBadMapping  = errors.New("column mapping names no field")
)

// MessageKey returns the translation key of an error from Read, Preview or
// Apply, or "" when it is not one of this package's. MessageArgs gives its
// arguments.
func MessageKey(err error) string {
	switch {
	case errors.Is(err, ErrTooLarge):
		return "roster.error.too_large"
	case errors.Is(err, ErrOldFormat):
		return "roster.error.old_format"
	case errors.Is(err, ErrDamaged):
		var d *DamagedError
		if errors.As(err, &d) && d.Sheet == "" {
			return "import.error.damaged_text"
		}
		return "import.error.damaged"
	case errors.Is(err, ErrNotWorkbook):
		return "roster.error.not_workbook"
	case errors.Is(err, ErrNoHeader):
		return "roster.error.no_header"
	case errors.Is(err, ErrStale):
		return "roster.error.stale"
	case errors.Is(err, ErrBadMapping):
		return "import.error.bad_mapping"
	}
	return ""
}

// MessageArgs returns the placeholders of MessageKey's words: the sheet
// and row of a damaged worksheet, the text of a bad mapping.
func MessageArgs(err error) map[string]any {
	var d *DamagedError
	if errors.As(err, &d) {
		return map[string]any{"Sheet": d.Sheet, "Row": d.Row}
	}
	var m *MappingError
	if errors.As(err, &m) {
		return map[string]any{"Map": m.Text}
	}
	return nil
}

// MappingError is a user's column mapping ("列名=field") that cannot be
// used: no '=' or no such field.
type MappingError struct{ Text string }

func (e *MappingError) Error() string        { return "column mapping " + e.Text + " names no field" }
func (e *MappingError) Is(target error) bool { return target == ErrBadMapping }

// Options says what a roster is read against.
type Options struct {
	// Today bounds dates (nothing after today); use the ledger's Today.
	Today data.Date
	// Existing are the ledger's members: a row whose ID number matches one
	// updates that member instead of adding another.
	Existing []data.Member
	// Groups are the party groups the ledger already has: a sheet named
	// like one of them is taken as that group.
	Groups []string
	// Source is the file name, noted in the history of updated members.
	Source string
	// Map is the user's choice for columns: header text (as in the file;
	// spaces and punctuation do not matter) → field (a data.Field* name or
	// FieldDuesBase), or "" to leave the column out. It wins over the
	// importer's own reading of the header.
	Map map[string]string
	// ConvertOldIDs accepts 15-digit ID numbers in their 18-digit form
	// (the user agreed to the conversion); without it they are refused
	// with the 18-digit form offered.
	ConvertOldIDs bool
	// MaxFileSize and MaxUnzipped override the default limits.
	MaxFileSize, MaxUnzipped int64
}

// Plan is what importing a roster would do. Nothing is changed until Apply.
type Plan struct {
	Source    string
	Sheets    []Sheet
	Columns   []ColumnUse // every column of every sheet read, and how it was read
	Add       []*Row      // new members
	Update    []*Row      // members already in the ledger, with changed fields
	Unchanged []*Row      // members already in the ledger exactly as the file has them
	Refused   []*Row      // rows with problems: not imported
}

// ColumnUse is one column of a sheet and the field it was read as.
type ColumnUse struct {
	Sheet  string `json:"sheet"`
	Column string `json:"column"` // Excel letters
	Header string `json:"header"` // as the file names it; two header rows joined
	Field  string `json:"field"`  // data.Field* name or FieldDuesBase; "" when not used
	// Known says the header was understood: a field, or a column the ledger
	// does not keep (籍贯). An unknown column is one the user may assign.
	Known bool `json:"-"`
	// ByUser says the field is the user's choice (Options.Map).
	ByUser bool `json:"-"`
}

// Sheet describes one sheet of the workbook as the importer read it.
type Sheet struct {
	Name      string
	Hidden    bool     // hidden sheets are skipped
	HeaderRow int      // Excel row number of the header's last row, 0 when none was found
	Header    []string // the header cells as the importer names them
	Rows      int      // member rows read (blank and total rows not counted)
}

// Action is what an import does with one row.
type Action string

// The actions of a row.
const (
	ActionAdd       Action = "add"
	ActionUpdate    Action = "update"
	ActionUnchanged Action = "unchanged"
	ActionRefused   Action = "refused"
)

// Row is one member row of the roster.
type Row struct {
	Sheet    string
	Row      int         // Excel row number, as Excel shows it
	Cells    []string    // the row's cells as the file has them
	Member   data.Member // the member as it will be saved
	Action   Action
	Problems []Problem  // why the row is refused; empty for other rows
	Inferred []Inferred // values the file does not state, and why
	Changes  []Change   // for an update: each field that changes
	// DuesBase is the 月工资 / 缴费基数 / 党费基数 the row gives, in fen
	// (1 元 = 100); 0 when the file gives none. It is not saved by Apply.
	DuesBase int64
	// OldID is the 15-digit ID number the file gave, when it was
	// converted to Member.IDNumber (Options.ConvertOldIDs).
	OldID string
	p     *parsed
	old   *data.Member // the ledger's member this row updates
}

// Inferred is one value of a row that the file does not state. Why is a
// translation key ("import.why.category_from_joined").
type Inferred struct {
	Field string `json:"field"`
	Why   string `json:"why"`
}

// Change is one field an update changes, as text (dates yyyy-mm-dd; gender,
// category and status as their codes).
type Change struct {
	Field string
	Old   string
	New   string
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

// Rows returns every member row of the plan in file order (sheet, then
// row), whatever its action.
func (p *Plan) Rows() []*Row {
	out := make([]*Row, 0, len(p.Add)+len(p.Update)+len(p.Unchanged)+len(p.Refused))
	for _, rows := range [][]*Row{p.Add, p.Update, p.Unchanged, p.Refused} {
		out = append(out, rows...)
	}
	order := map[string]int{}
	for i, sh := range p.Sheets {
		order[sh.Name] = i
	}
	sortRows(out, order)
	return out
}

// OldIDs returns the refused rows whose ID number is a 15-digit old one
// that can be converted (Options.ConvertOldIDs).
func (p *Plan) OldIDs() []*Row {
	var out []*Row
	for _, r := range p.Refused {
		for _, pr := range r.Problems {
			if pr.Code == ProblemOldID {
				out = append(out, r)
				break
			}
		}
	}
	return out
}
