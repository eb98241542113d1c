package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"branchledger/data"
	"branchledger/data/search"
)

// membersScreen is the roster: a searchable, sortable table of members
// with filters, the count line, and the member form behind each row.
type membersScreen struct {
	env
	r roster

	search   *escEntry
	view     *widget.Select
	group    *widget.Select
	category *widget.Select
	add      *widget.Button
	table    *widget.Table
	count    *widget.Label
	empty    *widget.Label // how to add or import members, while there are none
	root     fyne.CanvasObject

	form      *memberForm // the form opened last, for the tests and shortcuts
	loaded    bool        // the first load has arrived
	afterLoad []func()
}

func newMembersScreen(e env) *membersScreen {
	p := &membersScreen{env: e}
	p.r.sortCol = colName

	p.search = newFormEntry()
	p.search.SetPlaceHolder(lang.L("members.search_placeholder"))
	p.search.OnChanged = p.onSearchChanged

	p.view = widget.NewSelect([]string{lang.L("members.view_active"), lang.L("members.view_past"), lang.L("members.view_all")}, nil)
	p.view.SetSelectedIndex(viewActive)
	p.view.OnChanged = func(string) { p.onViewChanged() }

	p.group = widget.NewSelect([]string{lang.L("members.all_groups")}, nil)
	p.group.SetSelectedIndex(0)
	p.group.OnChanged = func(string) { p.onGroupChanged() }

	cats := []string{lang.L("members.all_categories")}
	for _, c := range memberCategories() {
		cats = append(cats, lang.L("category."+string(c)))
	}
	p.category = widget.NewSelect(cats, nil)
	p.category.SetSelectedIndex(0)
	p.category.OnChanged = func(string) { p.onCategoryChanged() }

	p.add = widget.NewButtonWithIcon(lang.L("members.new"), theme.ContentAddIcon(), func() { p.openForm(nil) })
	p.add.Importance = widget.HighImportance

	p.table = p.newTable()
	p.count = widget.NewLabel(lang.L("common.working"))
	p.empty = widget.NewLabel(lang.L("members.empty_hint"))
	p.empty.Wrapping = fyne.TextWrapWord
	p.empty.Alignment = fyne.TextAlignCenter
	p.empty.Hide()

	// Two rows, so that long group names in the filters never push the
	// 新建党员 button out of a narrow window.
	top := container.NewVBox(
		container.NewBorder(nil, nil, nil, p.add, p.search),
		container.NewHBox(p.view, p.group, p.category))
	p.root = container.NewBorder(top, p.count, nil, nil, container.NewStack(p.table, container.NewVBox(layout.NewSpacer(), p.empty, layout.NewSpacer())))
	return p
}

func memberCategories() []data.Category {
	return []data.Category{data.Full, data.Probationary, data.Candidate, data.Activist}
}

func (p *membersScreen) content() fyne.CanvasObject { return p.root }

// shown reloads the roster: other screens (the importer) may have changed it.
func (p *membersScreen) shown() { p.reload(nil) }

// rosterLoad is what a reload reads in background.
type rosterLoad struct {
	members []data.Member
	ix      *search.Index
	groups  []string
}

// reload reads the members and rebuilds the search index off the UI
// goroutine, then shows them; then runs after.
func (p *membersScreen) reload(after func()) {
	l := p.ledger
	if l == nil {
		return
	}
	if after != nil {
		p.afterLoad = append(p.afterLoad, after)
	}
	load(p.run, purpose("members.roster"), func() (rosterLoad, error) {
		ms, err := l.Members()
		if err != nil {
			return rosterLoad{}, err
		}
		b, err := l.Branch()
		if err != nil {
			return rosterLoad{}, err
		}
		return rosterLoad{members: ms, ix: newRosterIndex(ms), groups: b.Groups}, nil
	}, func(ld rosterLoad) {
		p.r.load(ld.members, ld.ix, ld.groups)
		p.setGroupOptions(ld.groups)
		p.refresh()
		after := p.afterLoad
		p.afterLoad = nil
		for _, f := range after {
			f()
		}
		p.loaded = true
	})
}

// setGroupOptions lists the branch's groups in the group filter, keeping
// the current choice when it still exists.
func (p *membersScreen) setGroupOptions(groups []string) {
	opts := append([]string{lang.L("members.all_groups")}, groups...)
	cur := p.r.group
	p.group.OnChanged = nil
	p.group.SetOptions(opts)
	p.group.SetSelectedIndex(0)
	for i, g := range groups {
		if g == cur {
			p.group.SetSelectedIndex(i + 1)
		}
	}
	if p.group.SelectedIndex() == 0 {
		p.r.group = ""
	}
	p.group.OnChanged = func(string) { p.onGroupChanged() }
}

// refresh redraws the table and the count line after the rows changed.
func (p *membersScreen) refresh() {
	p.table.Refresh()
	p.table.ScrollToTop()
	p.count.SetText(p.r.countText())
	if len(p.r.all) == 0 {
		p.empty.Show()
	} else {
		p.empty.Hide()
	}
}

func (p *membersScreen) onSearchChanged(q string) {
	p.r.query = q
	if p.r.ix == nil {
		return
	}
	p.r.filter()
	p.refresh()
}

func (p *membersScreen) onViewChanged() {
	p.r.view = p.view.SelectedIndex()
	if p.r.ix != nil {
		p.r.filter()
		p.refresh()
	}
}

func (p *membersScreen) onGroupChanged() {
	p.r.group = ""
	if i := p.group.SelectedIndex(); i > 0 {
		p.r.group = p.r.groups[i-1]
	}
	if p.r.ix != nil {
		p.r.filter()
		p.refresh()
	}
}

func (p *membersScreen) onCategoryChanged() {
	p.r.category = ""
	if i := p.category.SelectedIndex(); i > 0 {
		p.r.category = memberCategories()[i-1]
	}
	if p.r.ix != nil {
		p.r.filter()
		p.refresh()
	}
}

func (p *membersScreen) onHeaderTapped(col int) {
	if p.r.ix == nil {
		return
	}
	p.r.setSort(col)
	p.refresh()
}

// newTable builds the table: a header row of sort buttons, masked phone
// and ID columns, and a tap on a row opening the member form.
func (p *membersScreen) newTable() *widget.Table {
	t := widget.NewTable(
		func() (int, int) { return len(p.r.rows), numCols },
		func() fyne.CanvasObject {
			l := widget.NewLabel("公民身份号码公民身份")
			l.Truncation = fyne.TextTruncateClip
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			if id.Row < len(p.r.rows) {
				o.(*widget.Label).SetText(p.r.cell(id.Row, id.Col))
			}
		})
	t.ShowHeaderRow = true
	t.CreateHeader = func() fyne.CanvasObject {
		b := widget.NewButton("", nil)
		b.Importance = widget.LowImportance
		b.Alignment = widget.ButtonAlignLeading
		return b
	}
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		b := o.(*widget.Button)
		col := id.Col
		if col < 0 || col >= numCols {
			return
		}
		b.SetText(p.headerText(col))
		b.OnTapped = func() { p.onHeaderTapped(col) }
	}
	for i, c := range memberColumns() {
		t.SetColumnWidth(i, c.width)
	}
	t.OnSelected = func(id widget.TableCellID) {
		t.UnselectAll()
		if id.Row >= 0 && id.Row < len(p.r.rows) {
			p.openForm(p.r.member(id.Row))
		}
	}
	return t
}

// headerText is a column title, with an arrow on the sort column.
func (p *membersScreen) headerText(col int) string {
	s := lang.L(memberColumns()[col].key)
	if col == p.r.sortCol {
		if p.r.sortDesc {
			return s + " ▼"
		}
		return s + " ▲"
	}
	return s
}

// focusSearch puts the cursor in the search field (查找, Ctrl+F).
func (p *membersScreen) focusSearch() {
	p.win.Canvas().Focus(p.search)
}
