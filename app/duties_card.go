package app

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"branchledger/app/msg"
	"branchledger/data"
)

// dutyWindow is how far ahead the overview's 待办 card looks, in days.
const dutyWindow = 60

// dutiesCard is the overview's first card, 待办: every duty due within 60
// days or overdue, each with its rule and source on one line and a button
// to the place where it is done.
type dutiesCard struct {
	env
	card *widget.Card
	list *fyne.Container
}

// newDutiesCard builds the card.
func newDutiesCard(e env) *dutiesCard {
	c := &dutiesCard{env: e}
	c.list = container.NewVBox(widget.NewLabel(lang.L("common.working")))
	c.card = widget.NewCard(lang.L("duties.card_title"), lang.L("duties.card_subtitle"), c.list)
	return c
}

// reload reads the duties in the background and shows them.
func (c *dutiesCard) reload() {
	l := c.ledger
	if l == nil {
		return
	}
	type result struct {
		ds []data.Duty
		b  data.Branch
	}
	load(c.run, purpose("overview.duties"), func() (result, error) {
		ds, err := l.Duties(dutyWindow)
		if err != nil {
			return result{}, err
		}
		b, err := l.Branch()
		return result{ds, b}, err
	}, func(r result) { c.show(r.ds, &r.b) })
}

func (c *dutiesCard) show(ds []data.Duty, b *data.Branch) {
	var rows []fyne.CanvasObject
	if len(ds) == 0 {
		rows = append(rows, widget.NewLabel(lang.L("duties.none")))
	}
	for _, d := range ds {
		rows = append(rows, dutyRow(c.env, d, b, c.reload))
	}
	c.list.Objects = rows
	c.list.Refresh()
}

// dutyRow is one duty: what and when in bold (red when overdue), the rule
// and its source under it, and a button to where it is done.
func dutyRow(e env, d data.Duty, b *data.Branch, done func()) fyne.CanvasObject {
	head := widget.NewLabelWithStyle(dutyHead(&d), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	head.Truncation = fyne.TextTruncateEllipsis
	if d.Overdue {
		head.Importance = widget.DangerImportance
	}
	rule := widget.NewLabel(dutyRule(&d, b))
	rule.Wrapping = fyne.TextWrapBreak // Chinese breaks between any two characters
	rule.SizeName = theme.SizeNameCaptionText
	do := widget.NewButtonWithIcon(lang.L("duties.do"), theme.NavigateNextIcon(), func() { openDuty(e, d, done) })
	return container.NewBorder(nil, nil, nil, do, container.NewVBox(head, rule))
}

// dutyHead is "2026-12-13 预备党员转正 · 顾洁", with 逾期 when overdue.
func dutyHead(d *data.Duty) string {
	s := d.Due.String() + " " + lang.L("duties.kind."+string(d.Kind)) + " · " + d.Subject
	if d.Count > 0 && len(d.Names) > 0 {
		s = d.Due.String() + " " + lang.L("duties.kind."+string(d.Kind)) + " · " +
			lang.L("duties.more_names", map[string]any{"Names": strings.Join(d.Names, "、"), "Count": thousands(d.Count)})
	}
	if d.Overdue {
		s += "（" + lang.L("duties.overdue") + "）"
	}
	return s
}

// dutyRule is the rule and its source on one line.
func dutyRule(d *data.Duty, b *data.Branch) string {
	return lang.L("duties.rule."+d.Rule, msg.DutyArgs(d, b)) + " — " + lang.L(msg.DutySourceKey(d))
}

// openDuty goes to where a duty is done: the 转正 form, the 民主评议 form,
// the talk log, the study hours, the sessions, or the election date in
// the settings. done runs after a record was saved.
func openDuty(e env, d data.Duty, done func()) {
	switch d.Kind {
	case data.DutyConfirmation:
		openConfirmationForm(e, d.MemberID, done)
	case data.DutyReview:
		openReviewForm(e, d.Year, done)
	case data.DutyTalk:
		openTalkLog(e, done)
	case data.DutyStudyHours:
		openStudyHours(e, d.Year)
	case data.DutyOrgLife:
		e.nav.ShowSessions()
	case data.DutyElection:
		e.nav.ShowSettings()
	default:
		fyne.LogError("duty", fmt.Errorf("no place for duty kind %q", d.Kind))
	}
}
