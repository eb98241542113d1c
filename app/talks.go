package app

import (
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/google/uuid"

	"branchledger/data"
)

// talkLog is the 谈心谈话 log: this year's talks (date, who, with whom,
// topic) and a line to add one.
type talkLog struct {
	env
	members []data.Member
	talks   []data.Talk
	list    *widget.List
	count   *widget.Label
	date    *dateEntry
	a, b    *escSelectEntry
	topic   *escEntry
	problem *widget.Label
	changed func()
}

// openTalkLog shows the log in a dialog; changed runs after a talk is added.
func openTalkLog(e env, changed func()) {
	l := e.ledger
	if l == nil {
		return
	}
	type loaded struct {
		ms []data.Member
		ts []data.Talk
	}
	load(e.run, "", func() (loaded, error) {
		ms, err := l.Members()
		if err != nil {
			return loaded{}, err
		}
		ts, err := l.Talks()
		return loaded{ms, ts}, err
	}, func(ld loaded) {
		t := newTalkLog(e, ld.ms, ld.ts, changed)
		d := dialog.NewCustom(lang.L("duties.talks_title"), lang.L("button.ok"), t.content(), e.win)
		d.Resize(fyne.NewSize(760, 560))
		d.Show()
	})
}

func newTalkLog(e env, ms []data.Member, ts []data.Talk, changed func()) *talkLog {
	t := &talkLog{env: e, changed: changed}
	today := e.ledger.Today()
	for _, m := range ms {
		if m.InBranchOn(today) {
			t.members = append(t.members, m)
		}
	}
	t.setTalks(ts)
	t.list = widget.NewList(func() int { return len(t.talks) },
		func() fyne.CanvasObject { return widget.NewLabel("2026-11-29 王晓明 — 李丽华：谈话内容") },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			tk := t.talks[i]
			text := tk.Date.String() + "　" + t.name(tk.A) + " — " + t.name(tk.B)
			if tk.Topic != "" {
				text += "：" + tk.Topic
			}
			o.(*widget.Label).SetText(text)
		})
	names := make([]string, len(t.members))
	for i, m := range t.members {
		names[i] = m.Name
	}
	t.count = widget.NewLabel("")
	t.date = newDateInput(e.ledger, today, nil)
	t.a, t.b = newFormSelectEntry(names), newFormSelectEntry(names)
	t.topic = newFormEntry()
	t.problem = widget.NewLabel("")
	t.problem.Importance = widget.DangerImportance
	t.problem.Hide()
	t.updateCount()
	return t
}

func (t *talkLog) setTalks(ts []data.Talk) {
	year := t.ledger.Today().Year()
	t.talks = t.talks[:0]
	for _, tk := range ts {
		if tk.Date.Year() == year {
			t.talks = append(t.talks, tk)
		}
	}
	slices.SortFunc(t.talks, func(a, b data.Talk) int { return int(b.Date) - int(a.Date) })
}

func (t *talkLog) name(id uuid.UUID) string {
	for _, m := range t.members {
		if m.ID == id {
			return m.Name
		}
	}
	return "—"
}

func (t *talkLog) updateCount() {
	t.count.SetText(lang.L("duties.talk_count", map[string]any{"Year": t.ledger.Today().Year(), "Count": thousands(len(t.talks))}))
}

func (t *talkLog) content() fyne.CanvasObject {
	bold := fyne.TextStyle{Bold: true}
	label := func(key string) fyne.CanvasObject {
		return widget.NewLabelWithStyle(lang.L(key), fyne.TextAlignTrailing, bold)
	}
	add := widget.NewButtonWithIcon(lang.L("duties.talk_add"), theme.ContentAddIcon(), t.onAdd)
	add.Importance = widget.HighImportance
	form := container.New(layout.NewFormLayout(),
		label("field.date"), t.date.root,
		label("duties.talk_person"), t.a,
		label("field.talk_with"), t.b,
		label("duties.talk_topic"), t.topic)
	rule := widget.NewLabel(lang.L("duties.rule.talk_committee") + " — " + lang.L("duties.source.talk"))
	rule.Wrapping = fyne.TextWrapWord
	return container.NewBorder(container.NewVBox(rule, form, t.problem, container.NewHBox(add), t.count), nil, nil, nil, t.list)
}

func (t *talkLog) memberID(name string) (uuid.UUID, bool) {
	name = strings.TrimSpace(name)
	for _, m := range t.members {
		if m.Name == name {
			return m.ID, true
		}
	}
	return uuid.Nil, false
}

// onAdd stores one talk and shows it at the top of the list.
func (t *talkLog) onAdd() {
	day, bad := dateValue(t.date)
	if bad || !day.Valid() {
		t.problem.SetText(problemText(data.Problem{Field: data.FieldDate, Code: dateProblem(bad)}))
		t.problem.Show()
		return
	}
	a, okA := t.memberID(t.a.Text)
	b, okB := t.memberID(t.b.Text)
	if !okA || !okB {
		t.problem.SetText(problemText(data.Problem{Field: "talk_with", Code: data.ProblemRequired}))
		t.problem.Show()
		return
	}
	tk := &data.Talk{Date: day, A: a, B: b, Topic: strings.TrimSpace(t.topic.Text)}
	l := t.ledger
	if l == nil {
		return
	}
	save(t.run, func() ([]data.Talk, error) {
		if err := l.SaveTalk(tk); err != nil {
			return nil, err
		}
		return l.Talks()
	}, func(ps []data.Problem) {
		t.problem.SetText(problemText(ps[0]))
		t.problem.Show()
	}, func(ts []data.Talk) {
		t.problem.Hide()
		t.topic.SetText("")
		t.setTalks(ts)
		t.list.Refresh()
		t.updateCount()
		if t.changed != nil {
			t.changed()
		}
	})
}
