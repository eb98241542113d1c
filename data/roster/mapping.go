package roster

import (
	"strings"
)

// Fields returns the fields a column can be read as, in the template's
// order, then FieldDuesBase: what a user may assign an unknown column to.
func Fields() []string {
	out := make([]string, 0, len(fieldNames)+1)
	out = append(out, fieldNames[:]...)
	return append(out, FieldDuesBase)
}

// resolveField reads the field side of a mapping: a field name
// ("category"), a header the importer knows ("党员类别", "人员身份"), or
// "" / "-" / "none" / "不导入" to leave the column out.
func resolveField(s string) (string, bool) {
	s = strings.TrimSpace(s)
	switch strings.ToLower(s) {
	case "", "-", "none", "不导入", "不使用":
		return "", true
	}
	for _, f := range Fields() {
		if strings.EqualFold(s, f) {
			return f, true
		}
	}
	if f := headerField(headerKey(s)); f != "" && f != notUsed {
		return f, true
	}
	return "", false
}

// ParseMapping reads one command-line mapping, "列名=field": the header as
// the file names it and the field to read it as (see resolveField). The
// result goes into Options.Map.
func ParseMapping(text string) (header, field string, err error) {
	i := strings.LastIndexByte(text, '=')
	if i <= 0 {
		return "", "", &MappingError{Text: text}
	}
	f, ok := resolveField(text[i+1:])
	if !ok || headerKey(text[:i]) == "" {
		return "", "", &MappingError{Text: text}
	}
	return text[:i], f, nil
}

// newMatcher checks a user's mapping and keys it the way headers are
// matched.
func newMatcher(user map[string]string) (matcher, error) {
	m := matcher{user: make(map[string]string, len(user))}
	for h, f := range user {
		field, ok := resolveField(f)
		if !ok || headerKey(h) == "" {
			return matcher{}, &MappingError{Text: h + "=" + f}
		}
		m.user[headerKey(h)] = field
	}
	return m, nil
}

// HeaderSignature returns a key for a plan's set of headers: two files
// whose sheets have the same headers (spaces and punctuation aside) have
// the same signature, so a user's mapping can be remembered for the next.
func HeaderSignature(p *Plan) string {
	var b strings.Builder
	for _, c := range p.Columns {
		b.WriteString(headerKey(c.Header))
		b.WriteByte('|')
	}
	return b.String()
}
