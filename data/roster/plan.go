package roster

import (
	"sort"

	"branchledger/data"
)

// classify matches every read row against the ledger and the rows before
// it, validates it, and sorts it into the plan's lists.
func (rd *reader) classify() {
	existing := make(map[string]*data.Member, len(rd.opt.Existing))
	for i := range rd.opt.Existing {
		if id := rd.opt.Existing[i].IDNumber; id != "" {
			existing[id] = &rd.opt.Existing[i]
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
		if old != nil {
			row.old = old
			*m = merge(*old, *m, p.given)
		} else {
			if m.Category == "" && !p.bad.has(data.FieldCategory) {
				m.Category = inferCategory(m, rd.opt.Today)
			}
			if m.Status == "" {
				m.Status = data.StatusNormal
			}
		}
		data.FillFromID(m)
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
			rd.plan.Refused = append(rd.plan.Refused, row)
		case old == nil:
			rd.plan.Add = append(rd.plan.Add, row)
		case sameRoster(*old, *m):
			rd.plan.Unchanged = append(rd.plan.Unchanged, row)
		default:
			rd.plan.Update = append(rd.plan.Update, row)
		}
	}
}

// inferCategory fills a missing 党员类别: a member with a 转正日期, or who
// joined more than a year ago (the probation period), is a full member;
// one who joined within the year is probationary. Without a join date it
// stays empty and validation asks for it.
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

// sameRoster reports whether two members agree on every roster field.
func sameRoster(a, b data.Member) bool {
	return a.Name == b.Name && a.Gender == b.Gender && a.Ethnicity == b.Ethnicity &&
		a.Birth == b.Birth && a.IDNumber == b.IDNumber && a.Education == b.Education &&
		a.Phone == b.Phone && a.Post == b.Post && a.Group == b.Group &&
		a.Category == b.Category && a.Joined == b.Joined && a.Confirmed == b.Confirmed &&
		a.Status == b.Status && a.TransferredIn == b.TransferredIn && a.Notes == b.Notes
}

// sortProblems orders a row's problems left to right, those without a
// column last.
func sortProblems(ps []Problem, h *header) {
	col := func(p Problem) int {
		if c, ok := h.cols[p.Field]; ok {
			return c
		}
		return 1 << 20
	}
	sort.SliceStable(ps, func(i, j int) bool { return col(ps[i]) < col(ps[j]) })
}
