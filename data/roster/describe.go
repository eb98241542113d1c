package roster

import (
	"strconv"
	"strings"

	"branchledger/data"
)

// DescribeColumn returns one column of the plan as a line: `Sheet1 C 列
// “人员身份” → 党员类别`, or that it is not used and why.
func DescribeColumn(c ColumnUse, words Words) string {
	args := map[string]any{"Sheet": c.Sheet, "Column": c.Column, "Header": c.Header}
	switch {
	case c.Field != "":
		args["Field"] = FieldWords(c.Field, words)
		if c.ByUser {
			return words("import.column_by_user", args)
		}
		return words("import.column_field", args)
	case c.ByUser:
		return words("import.column_left_out", args)
	case c.Known:
		return words("import.column_not_used", args)
	}
	return words("import.column_unknown", args)
}

// FieldWords returns a field's name for people: "党员类别".
func FieldWords(field string, words Words) string {
	if field == FieldDuesBase {
		return words("import.field.dues_base", nil)
	}
	return words("field."+field, nil)
}

// ValueWords returns a field's value for people: 男 for male, 预备党员 for
// probationary, dates as they are, "（空）" for nothing.
func ValueWords(field, v string, words Words) string {
	if v == "" {
		return words("import.empty", nil)
	}
	switch field {
	case data.FieldGender:
		return words("gender."+v, nil)
	case data.FieldCategory:
		return words("category."+v, nil)
	case data.FieldStatus:
		return words("status."+v, nil)
	case data.FieldIDNumber:
		return data.MaskIDNumber(v)
	case data.FieldPhone:
		return data.MaskPhone(v)
	}
	return v
}

// DescribeRow returns one member row as a line: its action, place and
// name, and for an update each change old → new.
func DescribeRow(r *Row, words Words) string {
	args := map[string]any{"Sheet": r.Sheet, "Row": r.Row, "Name": r.Member.Name}
	s := words("import.action."+string(r.Action), args)
	if len(r.Changes) > 0 {
		var ch []string
		for _, c := range r.Changes {
			ch = append(ch, FieldWords(c.Field, words)+" "+ValueWords(c.Field, c.Old, words)+" → "+
				ValueWords(c.Field, c.New, words))
		}
		s += words("roster.colon", nil) + strings.Join(ch, words("import.separator", nil))
	}
	if r.DuesBase > 0 {
		s += words("import.separator", nil) + FieldWords(FieldDuesBase, words) + " " + Yuan(r.DuesBase)
	}
	return s
}

// DescribeInferred returns an inferred value as a line: "党员类别：推断（有转正日期）".
func DescribeInferred(in Inferred, words Words) string {
	return FieldWords(in.Field, words) + words("roster.colon", nil) + words(in.Why, nil)
}

// Yuan writes an amount in fen as yuan with two decimals: 5000.50.
func Yuan(fen int64) string {
	s := strconv.FormatInt(fen/100, 10) + "."
	c := fen % 100
	if c < 10 {
		s += "0"
	}
	return s + strconv.FormatInt(c, 10)
}
