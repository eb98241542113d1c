package app

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/google/uuid"

	"branchledger/data"
)

// overviewScreen is 首页: the coming sessions, the last session's numbers,
// the make-up studies still owed, and this year's compliance with the
// branch work regulations, all read from data/ in one background load.
type overviewScreen struct {
	env
	root fyne.CanvasObject

	title      *widget.Label
	next       *fyne.Container
	last       *fyne.Container
	owed       *widget.Label
	compliance *fyne.Container
	complCard  *widget.Card
	duties     *dutiesCard // 待办, the first card (duties_card.go)
}

func newOverviewScreen(e env) *overviewScreen {
	p := &overviewScreen{env: e}
	p.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.title.SizeName = theme.SizeNameSubHeadingText
	p.next = container.NewVBox(widget.NewLabel(lang.L("common.working")))
	p.last = container.NewVBox()
	p.owed = widget.NewLabel("")
	p.owed.Wrapping = fyne.TextWrapWord
	p.compliance = container.New(layout.NewFormLayout())
	allSessions := widget.NewButtonWithIcon(lang.L("overview.all_sessions"), theme.CalendarIcon(), func() { e.nav.ShowSessions() })
	toMakeUps := widget.NewButtonWithIcon(lang.L("overview.to_makeups"), theme.DocumentCreateIcon(), p.onMakeUps)
	toStats := widget.NewButtonWithIcon(lang.L("overview.to_stats"), theme.GridIcon(), func() { e.nav.ShowStats() })
	p.complCard = widget.NewCard(lang.L("overview.compliance"), "", container.NewVBox(p.compliance, container.NewHBox(toStats)))
	p.duties = newDutiesCard(e)
	left := container.NewVBox(p.duties.card,
		widget.NewCard(lang.L("overview.next"), "", container.NewVBox(p.next, container.NewHBox(allSessions))),
		widget.NewCard(lang.L("overview.last"), "", p.last),
		widget.NewCard(lang.L("overview.owed"), "", container.NewVBox(p.owed, container.NewHBox(toMakeUps))))
	body := container.NewGridWithColumns(2, left, container.NewVBox(p.complCard))
	p.root = container.NewBorder(p.title, nil, nil, nil, container.NewVScroll(body))
	return p
}

func (p *overviewScreen) content() fyne.CanvasObject { return p.root }

func (p *overviewScreen) shown() { p.reload() }

func (p *overviewScreen) reload() {
	l := p.ledger
	if l == nil {
		return // the ledger was closed meanwhile
	}
	p.duties.reload()
	type result struct {
		a *data.Agenda
		b data.Branch
	}
	load(p.run, purpose("overview"), func() (result, error) {
		a, err := l.Agenda(5)
		if err != nil {
			return result{}, err
		}
		b, err := l.Branch()
		return result{a, b}, err
	}, func(r result) {
		p.show(r.a, r.b)
	})
}

func (p *overviewScreen) show(a *data.Agenda, b data.Branch) {
	p.title.SetText(b.Name + "　" + lang.L("overview.today", map[string]any{"Date": dateWithWeekday(a.Today)}))

	// Each list is built aside and swapped in whole.
	var next, last, compl []fyne.CanvasObject
	if len(a.Next) == 0 {
		next = append(next, widget.NewLabel(lang.L("overview.no_next")))
	}
	for _, s := range a.Next {
		parts := []string{dateWithWeekday(s.Date)}
		if t := timeRange(&s); t != "" {
			parts = append(parts, t)
		}
		parts = append(parts, kindName(s.Kind), s.Theme)
		if s.Place != "" {
			parts = append(parts, s.Place)
		}
		lb := widget.NewLabel(clipRunes(strings.Join(parts, " · "), 60))
		lb.Truncation = fyne.TextTruncateClip
		if s.Date == a.Today {
			lb.TextStyle = fyne.TextStyle{Bold: true}
		}
		next = append(next, container.NewBorder(nil, nil, nil, p.checkinButton(s.ID), lb))
	}
	p.next.Objects = next
	p.next.Refresh()

	if a.Last == nil {
		last = append(last, widget.NewLabel(lang.L("overview.no_last")))
	} else {
		s := &a.Last.Session
		head := widget.NewLabel(dateWithWeekday(s.Date) + " · " + kindName(s.Kind) + " · " + s.Theme)
		head.Wrapping = fyne.TextWrapWord
		counts := widget.NewLabelWithStyle(countsText(a.Last.Counts, b.LeaveCountsAgainst), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		counts.Wrapping = fyne.TextWrapWord // the two columns must not grow with the numbers
		last = append(last, head, counts)
		if q := quorumText(a.Last); q != "" {
			flag := widget.NewLabel(q)
			flag.Importance = widget.DangerImportance
			flag.Wrapping = fyne.TextWrapWord
			last = append(last, flag)
		}
		leave := b.LeaveCountsAgainst
		last = append(last, container.NewHBox(p.checkinButton(s.ID), newRateRuleButton(p.win, func() bool { return leave })))
	}
	p.last.Objects = last
	p.last.Refresh()

	p.owed.SetText(lang.L("overview.owed_count", map[string]any{"Year": a.Today.Year(), "Count": thousands(a.Owed)}))
	if a.Owed > 0 {
		p.owed.Importance = widget.WarningImportance
	} else {
		p.owed.Importance = widget.SuccessImportance
	}
	p.owed.Refresh()

	p.complCard.SetTitle(lang.L("overview.compliance_year", map[string]any{"Year": a.Today.Year()}))
	for _, c := range a.Compliance {
		name := widget.NewLabelWithStyle(complianceName(&c), fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
		compl = append(compl, name, complianceStatus(&c))
	}
	p.compliance.Objects = compl
	// The cards' sizes changed: lay the whole page out again, or the
	// sections keep their old heights and overlap.
	p.root.Refresh()
}

func (p *overviewScreen) checkinButton(id uuid.UUID) *widget.Button {
	return widget.NewButtonWithIcon(lang.L("nav.checkin"), theme.ConfirmIcon(), func() {
		p.nav.OpenCheckin(id)
	})
}

func (p *overviewScreen) onMakeUps() {
	p.nav.ShowMakeUps()
}

// complianceName is "支部委员会（每月）", "党小组会（每月，第一党小组）" or
// "支部党员大会 法定人数".
func complianceName(c *data.Compliance) string {
	args := map[string]any{"Kind": kindName(c.Kind), "Group": c.Group}
	switch {
	case c.Period == "":
		return lang.L("overview.rule_quorum", args)
	case c.Group != "":
		args["Period"] = lang.L("period." + string(c.Period))
		return lang.L("overview.rule_group", args)
	}
	args["Period"] = lang.L("period." + string(c.Period))
	return lang.L("overview.rule", args)
}

// complianceStatus shows, for one rule, the periods that lack the required
// session in red, the current period still to do in amber, meetings
// without quorum in red, or 已落实 in green.
func complianceStatus(c *data.Compliance) fyne.CanvasObject {
	box := container.NewVBox()
	add := func(text string, imp widget.Importance) {
		lb := widget.NewLabel(text)
		lb.Importance = imp
		lb.Wrapping = fyne.TextWrapWord
		box.Add(lb)
	}
	if len(c.Missing) > 0 {
		add(lang.L("overview.missing", map[string]any{"Periods": periodList(c.Missing)}), widget.DangerImportance)
	}
	if len(c.NoQuorum) > 0 {
		add(lang.L("overview.no_quorum", map[string]any{"Dates": capJoin(c.NoQuorum, listCap, "、 ")}), widget.DangerImportance)
	}
	if len(c.Pending) > 0 {
		add(lang.L("overview.pending", map[string]any{"Periods": periodList(c.Pending)}), widget.WarningImportance)
	}
	if len(box.Objects) == 0 {
		add(lang.L("overview.ok"), widget.SuccessImportance)
	}
	return box
}

// listCap is the most items a list written into one label names; the
// rest are counted ("…等 200 个"). A label's line breaking is measured on
// the UI goroutine, so its text must stay short whatever the ledger holds.
const listCap = 6

// periodList writes compliance periods for people: months stay 2026-08,
// quarters become 2026年第2季度, a year 2026年; at most listCap of them.
func periodList(keys []string) string {
	out := make([]string, len(keys))
	for i, k := range keys {
		var y, q int
		switch {
		case strings.Contains(k, "-Q"):
			if _, err := fmt.Sscanf(k, "%d-Q%d", &y, &q); err == nil {
				k = lang.L("overview.quarter", map[string]any{"Year": y, "Quarter": q})
			}
		case len(k) == 4:
			k = lang.L("overview.year", map[string]any{"Year": k})
		}
		out[i] = k
	}
	return capJoin(out, listCap, "、 ") // the space lets a long list wrap between periods
}
