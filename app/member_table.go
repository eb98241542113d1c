package app

import (
	"cmp"
	"slices"
	"strings"

	"fyne.io/fyne/v2/lang"

	"branchledger/data"
	"branchledger/data/search"
)

// Columns of the members table.
const (
	colName = iota
	colGender
	colGroup
	colCategory
	colStatus
	colJoined
	colPhone
	colIDNumber
	numCols
)

// memberColumns returns the header label keys and widths of the columns.
func memberColumns() [numCols]struct {
	key   string
	width float32
} {
	return [numCols]struct {
		key   string
		width float32
	}{
		{"field.name", 100},
		{"field.gender", 50},
		{"field.group", 100},
		{"field.category", 95},
		{"field.status", 120},
		{"field.joined", 100},
		{"field.phone", 115},
		{"field.id_number", 175},
	}
}

// Which members the table shows.
const (
	viewActive = iota // 在册: still in the branch
	viewPast          // 往届: transferred out, removed or deceased
	viewAll
)

// roster is the members table's data, kept in memory: every member, the
// search index over their names, the order of the sort column and the
// rows that pass the filters. Filtering and sorting never touch the
// ledger, so a keystroke over 5,000 members costs well under a millisecond
// of search (see docs/PERFORMANCE.md).
type roster struct {
	all    []data.Member
	ix     *search.Index
	groups []string // the branch's party groups, in display order

	sortCol  int
	sortDesc bool
	order    []int // indices into all, in sort order
	rows     []int // order filtered: what the table shows

	query    string
	view     int
	group    string        // "" for every group
	category data.Category // "" for every category

	// The last search, for narrowing: typing one more letter can only
	// drop rows, so the next search looks only at the last result.
	lastKey  filterKey
	lastRows []int
}

// filterKey is what the rows depend on besides the query.
type filterKey struct {
	query, group string
	view         int
	category     data.Category
	order        *int // identity of the order slice: changes on every sort
}

// load replaces the members and rebuilds the index and the order.
func (r *roster) load(ms []data.Member, ix *search.Index, groups []string) {
	r.all, r.ix, r.groups = ms, ix, groups
	r.sort()
}

// newRosterIndex builds the search index of ms; it runs in background.
func newRosterIndex(ms []data.Member) *search.Index {
	names := make([]string, len(ms))
	for i := range ms {
		names[i] = ms[i].Name
	}
	return search.NewIndex(names)
}

// setSort sorts by col; choosing the same column again reverses it.
func (r *roster) setSort(col int) {
	if r.sortCol == col {
		r.sortDesc = !r.sortDesc
	} else {
		r.sortCol, r.sortDesc = col, false
	}
	r.sort()
}

// sort recomputes order for the sort column, names in pinyin order
// breaking ties, then refilters.
func (r *roster) sort() {
	// A new slice on every sort: filter recognises a re-sort by it.
	r.order = make([]int, len(r.all))
	for i := range r.order {
		r.order[i] = i
	}
	byName := func(a, b int) int {
		if c := r.ix.Compare(a, b); c != 0 {
			return c
		}
		return int(r.all[a].Seq) - int(r.all[b].Seq)
	}
	var key func(a, b int) int
	switch r.sortCol {
	case colGender:
		key = func(a, b int) int { return strings.Compare(string(r.all[a].Gender), string(r.all[b].Gender)) }
	case colGroup:
		key = func(a, b int) int { return cmp.Compare(r.groupRank(r.all[a].Group), r.groupRank(r.all[b].Group)) }
	case colCategory:
		key = func(a, b int) int {
			return cmp.Compare(categoryRank(r.all[a].Category), categoryRank(r.all[b].Category))
		}
	case colStatus:
		key = func(a, b int) int { return strings.Compare(r.statusText(a), r.statusText(b)) }
	case colJoined:
		key = func(a, b int) int { return cmp.Compare(r.all[a].Joined, r.all[b].Joined) }
	case colPhone:
		key = func(a, b int) int { return strings.Compare(r.all[a].Phone, r.all[b].Phone) }
	case colIDNumber:
		key = func(a, b int) int { return strings.Compare(r.all[a].IDNumber, r.all[b].IDNumber) }
	}
	slices.SortStableFunc(r.order, func(a, b int) int {
		c := 0
		if key != nil {
			c = key(a, b)
		}
		if c == 0 {
			c = byName(a, b)
		}
		if r.sortDesc {
			return -c
		}
		return c
	})
	r.filter()
}

func (r *roster) groupRank(g string) int {
	if i := slices.Index(r.groups, g); i >= 0 {
		return i
	}
	return len(r.groups) // groups the branch no longer lists go last
}

func categoryRank(c data.Category) int {
	return slices.Index([]data.Category{data.Full, data.Probationary, data.Candidate, data.Activist}, c)
}

// filter recomputes rows from order: view, group and category first, then
// the search over the remaining names. When only the query grew since the
// last call, it searches the last result instead of every member.
func (r *roster) filter() {
	q := search.Normalise(r.query)
	key := filterKey{query: q, group: r.group, view: r.view, category: r.category}
	if len(r.order) > 0 {
		key.order = &r.order[0]
	}
	prev := r.lastKey
	r.lastKey = key
	if q != "" && prev.query != "" && strings.HasPrefix(q, prev.query) && r.lastRows != nil {
		prev.query = q
		if prev == key {
			r.rows = r.ix.Filter(q, r.lastRows, make([]int, 0, len(r.lastRows)))
			r.lastRows = r.rows
			return
		}
	}
	rows := make([]int, 0, len(r.order))
	for _, i := range r.order {
		m := &r.all[i]
		switch {
		case r.view == viewActive && !m.Active(), r.view == viewPast && m.Active():
			continue
		case r.group != "" && m.Group != r.group:
			continue
		case r.category != "" && m.Category != r.category:
			continue
		}
		rows = append(rows, i)
	}
	if q != "" {
		rows = r.ix.Filter(q, rows, rows[:0])
	}
	r.rows = rows
	r.lastRows = rows
}

// member returns the member shown on table row row.
func (r *roster) member(row int) *data.Member { return &r.all[r.rows[row]] }

// cell returns the text of one table cell; phone and ID number are
// always masked in the table.
func (r *roster) cell(row, col int) string {
	m := r.member(row)
	switch col {
	case colName:
		return m.Name
	case colGender:
		if m.Gender == "" {
			return ""
		}
		return lang.L("gender." + string(m.Gender))
	case colGroup:
		return m.Group
	case colCategory:
		return lang.L("category." + string(m.Category))
	case colStatus:
		return r.statusText(r.rows[row])
	case colJoined:
		if m.Joined == 0 {
			return ""
		}
		return m.Joined.String()
	case colPhone:
		return data.MaskPhone(m.Phone)
	case colIDNumber:
		return data.MaskIDNumber(m.IDNumber)
	}
	return ""
}

// statusText is the status column: the party status, or how the member
// left ("转出 2026-03-01").
func (r *roster) statusText(i int) string {
	m := &r.all[i]
	if m.Left != nil {
		return lang.L("departure."+string(m.Left.Reason)) + " " + m.Left.Date.String()
	}
	return lang.L("status." + string(m.Status))
}

// countText is the line under the table: "共 14 名党员，正式 12，预备 2".
func (r *roster) countText() string {
	n := map[data.Category]int{}
	for _, i := range r.rows {
		n[r.all[i].Category]++
	}
	key := "members.count"
	if r.view == viewPast {
		key = "members.count_past"
	}
	s := lang.L(key, map[string]any{"Total": thousands(len(r.rows)), "Full": thousands(n[data.Full]), "Probationary": thousands(n[data.Probationary])})
	if n[data.Candidate] > 0 {
		s += lang.L("members.count_candidate", map[string]any{"N": thousands(n[data.Candidate])})
	}
	if n[data.Activist] > 0 {
		s += lang.L("members.count_activist", map[string]any{"N": thousands(n[data.Activist])})
	}
	return s
}
