package app

import (
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"strings"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	rosterfile "branchledger/data/roster"
)

// peopleColumns are the people table's header keys and widths.
var peopleColumns = []textColumn{{"import.col.action", 80}, {"import.col.place", 150}, {"import.col.name", 100}, {"import.col.details", 900}}

// newPeopleTable lists every member row of the preview: add, update (with
// old → new), unchanged or refused, with inferred values and why.
func (p *excelScreen) newPeopleTable() *widget.Table {
	return newTextTable(func() [][4]string { return p.lines }, peopleColumns)
}

// showPeople fills the people table from a plan.
func (p *excelScreen) showPeople(plan *rosterfile.Plan) {
	p.lines = nil
	if plan != nil {
		sep := lang.L("import.separator")
		for _, r := range plan.Rows() {
			var details []string
			for _, c := range r.Changes {
				details = append(details, rosterfile.FieldWords(c.Field, words)+" "+
					rosterfile.ValueWords(c.Field, c.Old, words)+" → "+rosterfile.ValueWords(c.Field, c.New, words))
			}
			for _, in := range r.Inferred {
				details = append(details, rosterfile.DescribeInferred(in, words))
			}
			for _, pr := range r.Problems {
				details = append(details, rosterfile.Describe(pr, words))
			}
			if r.DuesBase > 0 {
				details = append(details, rosterfile.FieldWords(rosterfile.FieldDuesBase, words)+" "+rosterfile.Yuan(r.DuesBase))
			}
			p.lines = append(p.lines, [4]string{lang.L("import.state." + string(r.Action)),
				lang.L("import.place", map[string]any{"Sheet": r.Sheet, "Row": r.Row}), r.Member.Name,
				strings.Join(details, sep)})
		}
	}
	p.people.Refresh()
}

// showColumns lists every column of the preview with the field it is read
// as; each can be changed (an unrecognised one assigned, any one left out),
// which previews the file again and is remembered for files with the same
// headers.
func (p *excelScreen) showColumns(plan *rosterfile.Plan) {
	p.columns.RemoveAll()
	if plan == nil {
		p.columns.Refresh()
		return
	}
	fields := rosterfile.Fields()
	options := []string{lang.L("import.not_used")}
	for _, f := range fields {
		options = append(options, rosterfile.FieldWords(f, words))
	}
	for _, c := range plan.Columns {
		c := c
		label := widget.NewLabel(rosterfile.DescribeColumn(c, words))
		sel := widget.NewSelect(options, nil)
		sel.SetSelectedIndex(0)
		for i, f := range fields {
			if f == c.Field {
				sel.SetSelectedIndex(i + 1)
			}
		}
		sel.OnChanged = func(string) {
			field := ""
			if i := sel.SelectedIndex(); i > 0 {
				field = fields[i-1]
			}
			if field != c.Field {
				p.onColumnChosen(c.Header, field)
			}
		}
		p.columns.Add(container.NewBorder(nil, nil, nil, sel, label))
	}
	p.columns.Refresh()
}

// onColumnChosen reads a column as field ("" = leave out) from now on,
// remembers the choice for this file's headers, and previews again.
func (p *excelScreen) onColumnChosen(header, field string) {
	if p.plan == nil || p.file == nil || p.imported {
		return
	}
	m := map[string]string{}
	for k, v := range p.mapping {
		m[k] = v
	}
	m[header] = field
	p.mapping = m
	if b, err := json.Marshal(m); err == nil {
		p.prefs.SetString(mappingKey(p.plan), string(b))
	}
	p.reread(p.planName, false)
}

// rememberedMapping returns the column choices saved for a file with the
// same headers as plan's, or nil.
func (p *excelScreen) rememberedMapping(plan *rosterfile.Plan) map[string]string {
	s := p.prefs.String(mappingKey(plan))
	if s == "" {
		return nil
	}
	var m map[string]string
	if json.Unmarshal([]byte(s), &m) != nil {
		return nil
	}
	return m
}

// mappingKey is the preference key of the column choices for a plan's
// headers.
func mappingKey(plan *rosterfile.Plan) string {
	return fmt.Sprintf("import.map.%x", sha256.Sum256([]byte(rosterfile.HeaderSignature(plan))))
}

// keepRefused shows, after the good rows were imported, the refused rows
// alone: still listed with their problems and ready to be saved.
func (p *excelScreen) keepRefused(plan *rosterfile.Plan) {
	rest := &rosterfile.Plan{Source: plan.Source, Sheets: plan.Sheets, Columns: plan.Columns, Refused: plan.Refused}
	p.setPlan(rest, p.planName)
	p.imported = true
	p.file = nil
	p.setEnabled(true)
}
