package roster

import (
	"regexp"
	"sort"

	"branchledger/data"
)

// Why an inferred value was inferred (translation keys in import.*.json).
const (
	WhyCategoryFromConfirmed = "import.why.category_from_confirmed"
	WhyCategoryFromJoined    = "import.why.category_from_joined"
	WhyBirthFromID           = "import.why.birth_from_id"
	WhyBirthDayFromID        = "import.why.birth_day_from_id"
	WhyGenderFromID          = "import.why.gender_from_id"
	WhyGroupFromSheet        = "import.why.group_from_sheet"
	WhyOldIDConverted        = "import.why.old_id_converted"
)

// classify matches every read row against the ledger and the rows before
// it, fills what the file does not state only where the ledger has
// nothing (each such value marked as inferred), validates the row, and
// sorts it into the plan's lists.
func (rd *reader) classify() {
	existing := make(map[string]*data.Member, len(rd.opt.Existing))
	groups := map[string]bool{}
	for _, g := range rd.opt.Groups {
		groups[clean(g)] = true
	}
	for i := range rd.opt.Existing {
		if id := rd.opt.Existing[i].IDNumber; id != "" {
			existing[id] = &rd.opt.Existing[i]
		}
		if g := rd.opt.Existing[i].Group; g != "" {
			groups[g] = true
		}
	}
	first := map[string]*Row{}
	for _, row := range rd.rows {
		p := row.p
		m := &row.Member
		id := m.IDNumber
		var old *data.Member
		if !p.lost && id != "" {
			old = existing[id]
		}
		if p.birthMonthOnly && data.CheckIDNumber(id) == "" {
			if b := data.IDBirth(id); b/100 == m.Birth/100 {
				m.Birth = b
				row.infer(data.FieldBirth, WhyBirthDayFromID)
			}
		}
		if old != nil {
			row.old = old
			*m = merge(*old, *m, p.given)
		} else if m.Status == "" {
			m.Status = data.StatusNormal
		}
		rd.infer(row, groups)
		for _, vp := range data.ValidateMember(m, rd.opt.Today) {
			if p.bad.has(vp.Field) || (p.lost && vp.Field == data.FieldIDNumber) {
				continue // already reported, in the file's own terms
			}
			row.Problems = append(row.Problems, rd.problem(row, p.h, vp.Field, vp.Code, vp.Args))
		}
		if !p.lost && id != "" {
			if f, ok := first[id]; ok {
				code, args := ProblemDuplicateRow, map[string]any{"Row": f.Row}
				if f.Sheet != row.Sheet {
					code, args = ProblemDuplicateRowFrom, map[string]any{"Row": f.Row, "Sheet": f.Sheet}
				}
				row.Problems = append(row.Problems, rd.problem(row, p.h, data.FieldIDNumber, code, args))
			} else {
				first[id] = row
			}
		}
		sortProblems(row.Problems, p.h)
		switch {
		case len(row.Problems) > 0:
			row.Action = ActionRefused
			rd.plan.Refused = append(rd.plan.Refused, row)
		case old == nil:
			row.Action = ActionAdd
			rd.plan.Add = append(rd.plan.Add, row)
		default:
			row.Changes = changes(*old, *m)
			if len(row.Changes) == 0 {
				row.Action = ActionUnchanged
				rd.plan.Unchanged = append(rd.plan.Unchanged, row)
			} else {
				row.Action = ActionUpdate
				rd.plan.Update = append(rd.plan.Update, row)
			}
		}
	}
}

// infer fills the values a row does not state and the ledger does not
// hold: the party group from a sheet named as one, the category from the
// join and confirmation dates, birth date and gender from the ID number.
// A value already in the member (from the file or the ledger) is kept.
func (rd *reader) infer(row *Row, groups map[string]bool) {
	m, p := &row.Member, row.p
	if m.Group == "" && !p.h.has(data.FieldGroup) {
		if g := clean(row.Sheet); sheetNamesGroup(g, groups) {
			m.Group = g
			row.infer(data.FieldGroup, WhyGroupFromSheet)
		}
	}
	if m.Category == "" && !p.bad.has(data.FieldCategory) {
		if c := inferCategory(m, rd.opt.Today); c != "" {
			m.Category = c
			why := WhyCategoryFromJoined
			if m.Confirmed != 0 {
				why = WhyCategoryFromConfirmed
			}
			row.infer(data.FieldCategory, why)
		}
	}
	if data.CheckIDNumber(m.IDNumber) == "" {
		if m.Birth == 0 && !p.bad.has(data.FieldBirth) {
			m.Birth = data.IDBirth(m.IDNumber)
			row.infer(data.FieldBirth, WhyBirthFromID)
		}
		if m.Gender == "" && !p.bad.has(data.FieldGender) {
			m.Gender = data.IDGender(m.IDNumber)
			row.infer(data.FieldGender, WhyGenderFromID)
		}
	}
}

func (r *Row) infer(field, why string) {
	r.Inferred = append(r.Inferred, Inferred{Field: field, Why: why})
}

// groupName matches sheet names that name a party group: 第一党小组,
// 机关二组, 3组 — Han characters or digits only, ending in 党小组 or a
// numbered 组.
var groupName = regexp.MustCompile(`^[\p{Han}0-9]{0,16}(党小组|[一二三四五六七八九十百0-9]+(党)?小?组)$`)

// sheetNamesGroup reports whether a sheet name is taken as a party group:
// it names one the ledger already has, or looks like a group's name. Copied
// and exported sheets (Sheet1 (2), export_…, 最新版…) never are.
func sheetNamesGroup(name string, groups map[string]bool) bool {
	return groups[name] || groupName.MatchString(name)
}

// inferCategory returns the 党员类别 that the dates imply: a member with a
// 转正日期, or who joined more than a year ago (the probation period), is a
// full member; one who joined within the year is probationary. Without a
// join date it is "" and validation asks for it.
func inferCategory(m *data.Member, today data.Date) data.Category {
	switch {
	case m.Confirmed != 0:
		return data.Full
	case m.Joined == 0 || !m.Joined.Valid():
		return ""
	case today != 0 && data.YearsBetween(m.Joined, today) < 1:
		return data.Probationary
	}
	return data.Full
}

// merge returns the ledger's member with the fields the file gives
// replaced. An empty cell keeps what the ledger has: a roster that leaves
// a column blank does not erase it.
func merge(old, in data.Member, given fieldSet) data.Member {
	m := old
	m.Events = append([]data.MemberEvent(nil), old.Events...)
	set := func(field string, dst *string, v string) {
		if given.has(field) {
			*dst = v
		}
	}
	set(data.FieldName, &m.Name, in.Name)
	set(data.FieldEthnicity, &m.Ethnicity, in.Ethnicity)
	set(data.FieldEducation, &m.Education, in.Education)
	set(data.FieldPhone, &m.Phone, in.Phone)
	set(data.FieldPost, &m.Post, in.Post)
	set(data.FieldGroup, &m.Group, in.Group)
	set(data.FieldNotes, &m.Notes, in.Notes)
	if given.has(data.FieldGender) {
		m.Gender = in.Gender
	}
	if given.has(data.FieldCategory) {
		m.Category = in.Category
	}
	if given.has(data.FieldStatus) {
		m.Status = in.Status
	}
	for _, f := range []string{data.FieldBirth, data.FieldJoined, data.FieldConfirmed, data.FieldTransferredIn} {
		if given.has(f) {
			*dateField(&m, f) = *dateField(&in, f)
		}
	}
	return m
}

// changes lists the roster fields in which b differs from a, as text.
func changes(a, b data.Member) []Change {
	var out []Change
	add := func(field, x, y string) {
		if x != y {
			out = append(out, Change{Field: field, Old: x, New: y})
		}
	}
	date := func(d data.Date) string {
		if d == 0 {
			return ""
		}
		return d.String()
	}
	add(data.FieldName, a.Name, b.Name)
	add(data.FieldGender, string(a.Gender), string(b.Gender))
	add(data.FieldEthnicity, a.Ethnicity, b.Ethnicity)
	add(data.FieldBirth, date(a.Birth), date(b.Birth))
	add(data.FieldIDNumber, a.IDNumber, b.IDNumber)
	add(data.FieldEducation, a.Education, b.Education)
	add(data.FieldPhone, a.Phone, b.Phone)
	add(data.FieldPost, a.Post, b.Post)
	add(data.FieldGroup, a.Group, b.Group)
	add(data.FieldCategory, string(a.Category), string(b.Category))
	add(data.FieldJoined, date(a.Joined), date(b.Joined))
	add(data.FieldConfirmed, date(a.Confirmed), date(b.Confirmed))
	add(data.FieldStatus, string(a.Status), string(b.Status))
	add(data.FieldTransferredIn, date(a.TransferredIn), date(b.TransferredIn))
	add(data.FieldNotes, a.Notes, b.Notes)
	return out
}

// sortProblems orders a row's problems left to right, those without a
// column last.
func sortProblems(ps []Problem, h *header) {
	col := func(p Problem) int {
		if p.Column == "" {
			return 1 << 20
		}
		n := 0
		for _, r := range p.Column {
			n = n*26 + int(r-'A'+1)
		}
		return n
	}
	sort.SliceStable(ps, func(i, j int) bool { return col(ps[i]) < col(ps[j]) })
}

// sortRows orders rows by sheet (order gives each sheet's place) and row.
func sortRows(rows []*Row, order map[string]int) {
	sort.SliceStable(rows, func(i, j int) bool {
		a, b := rows[i], rows[j]
		if a.Sheet != b.Sheet {
			return order[a.Sheet] < order[b.Sheet]
		}
		return a.Row < b.Row
	})
}
