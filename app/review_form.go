package app

import (
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

// reviewForm is the year's 民主评议党员: the session where it was done and
// a grade for each full member (优秀 / 合格 / 基本合格 / 不合格). It refuses
// to save more 优秀 than a third of those graded; probationary members are
// listed as taking part, without a grade.
type reviewForm struct {
	env
	year     int
	sessions []data.Session
	session  *widget.Select
	graded   []reviewRow
	ungraded []data.Member
	count    *widget.Label
	problem  *widget.Label
	save     *widget.Button
	root     fyne.CanvasObject
	saved    func()
}

type reviewRow struct {
	m     data.Member
	grade *widget.Select
}

// openReviewForm reads the sessions of year and of the next year's first
// quarter (data.CatchUpUntil), the members and any earlier record,
// then shows the form in a dialog; saved runs after a successful save.
func openReviewForm(e env, year int, saved func()) {
	l := e.ledger
	if l == nil {
		return
	}
	type loaded struct {
		ss []data.Session
		ms []data.Member
		r  *data.Review
	}
	load(e.run, "", func() (loaded, error) {
		ss, err := l.Sessions(data.NewDate(year, 1, 1), data.CatchUpUntil(year))
		if err != nil {
			return loaded{}, err
		}
		ms, err := l.Members()
		if err != nil {
			return loaded{}, err
		}
		r, err := l.Review(year)
		return loaded{ss, ms, r}, err
	}, func(ld loaded) {
		f := newReviewForm(e, year, ld.ss, ld.ms, ld.r, saved)
		if len(f.sessions) == 0 {
			showMessage(lang.L("duties.review_title", map[string]any{"Year": year}),
				lang.L("duties.review_no_session", map[string]any{"Year": year}), e.win)
			return
		}
		d := dialog.NewCustomWithoutButtons(lang.L("duties.review_title", map[string]any{"Year": year}), f.root, e.win)
		f.saved = func() {
			d.Hide()
			if saved != nil {
				saved()
			}
		}
		d.SetButtons([]fyne.CanvasObject{widget.NewButton(lang.L("button.cancel"), d.Hide), f.save})
		d.Resize(fyne.NewSize(640, 640))
		d.Show()
	})
}

// newReviewForm builds the form from year's sessions ss, the members ms
// and the earlier record r (nil when none).
func newReviewForm(e env, year int, ss []data.Session, ms []data.Member, r *data.Review, saved func()) *reviewForm {
	f := &reviewForm{env: e, year: year, saved: saved}
	var names []string
	for _, s := range ss {
		if !s.Cancelled && (s.Kind == data.OrgLifeMeeting || s.Kind == data.GeneralMeeting) {
			f.sessions = append(f.sessions, s)
			names = append(names, s.Date.String()+" "+kindName(s.Kind)+" · "+s.Theme)
		}
	}
	f.session = widget.NewSelect(names, nil)
	day := data.NewDate(year, 12, 31)
	// The earlier record's session, else the year's first 组织生活会.
	for i, s := range f.sessions {
		if (r != nil && s.ID == r.SessionID) || (r == nil && s.Kind == data.OrgLifeMeeting) {
			f.session.SetSelectedIndex(i)
			day = s.Date
			break
		}
	}
	gradeNames := make([]string, len(data.Grades()))
	for i, g := range data.Grades() {
		gradeNames[i] = lang.L("duties.grade." + string(g))
	}
	rows := container.New(layout.NewFormLayout())
	for _, m := range ms {
		if !m.InBranchOn(day) {
			continue
		}
		if m.Category != data.Full {
			f.ungraded = append(f.ungraded, m)
			rows.Add(widget.NewLabel(m.Name))
			rows.Add(widget.NewLabel(lang.L("duties.grade.none")))
			continue
		}
		sel := widget.NewSelect(gradeNames, func(string) { f.onGradeChanged() })
		sel.SetSelectedIndex(1) // 合格
		if r != nil {
			if g, ok := r.Grades[m.ID]; ok {
				sel.SetSelected(lang.L("duties.grade." + string(g)))
			}
		}
		f.graded = append(f.graded, reviewRow{m: m, grade: sel})
		rows.Add(widget.NewLabel(m.Name))
		rows.Add(sel)
	}
	f.count = widget.NewLabel("")
	f.count.Wrapping = fyne.TextWrapWord
	f.problem = widget.NewLabel("")
	f.problem.Importance = widget.DangerImportance
	f.problem.Wrapping = fyne.TextWrapWord
	f.problem.Hide()
	rule := widget.NewLabel(lang.L("duties.review_rule"))
	rule.Wrapping = fyne.TextWrapWord
	f.save = widget.NewButtonWithIcon(lang.L("button.save"), theme.DocumentSaveIcon(), f.onSave)
	f.save.Importance = widget.HighImportance
	head := container.NewVBox(
		container.New(layout.NewFormLayout(), widget.NewLabelWithStyle(lang.L("field.session"), fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}), f.session),
		rule, f.count, f.problem)
	f.root = container.NewBorder(head, nil, nil, nil, container.NewVScroll(rows))
	f.onGradeChanged()
	return f
}

// grades returns the grade chosen for each graded member.
func (f *reviewForm) grades() map[uuid.UUID]data.Grade {
	out := map[uuid.UUID]data.Grade{}
	for _, r := range f.graded {
		if i := r.grade.SelectedIndex(); i >= 0 {
			out[r.m.ID] = data.Grades()[i]
		}
	}
	return out
}

// onGradeChanged updates the count line and warns as soon as there are
// more 优秀 than the rule allows.
func (f *reviewForm) onGradeChanged() {
	if f.count == nil {
		return // still building
	}
	gs := f.grades()
	excellent := 0
	for _, g := range gs {
		if g == data.GradeExcellent {
			excellent++
		}
	}
	f.count.SetText(lang.L("duties.review_count", map[string]any{"All": len(gs) + len(f.ungraded), "Graded": len(gs),
		"Excellent": excellent, "Max": data.MaxExcellent(len(gs))}))
	if p := data.CheckGrades(gs); p != nil {
		f.showProblem(*p)
	} else {
		f.problem.Hide()
	}
}

func (f *reviewForm) showProblem(p data.Problem) {
	f.problem.SetText(problemText(p))
	f.problem.Show()
}

// onSave refuses more 优秀 than a third, then stores the record.
func (f *reviewForm) onSave() {
	gs := f.grades()
	if p := data.CheckGrades(gs); p != nil {
		f.showProblem(*p)
		return
	}
	i := f.session.SelectedIndex()
	if i < 0 {
		f.showProblem(data.Problem{Field: "session", Code: data.ProblemRequired})
		return
	}
	r := &data.Review{Year: f.year, SessionID: f.sessions[i].ID, Grades: gs}
	for _, m := range f.ungraded {
		r.Ungraded = append(r.Ungraded, m.ID)
	}
	l := f.ledger
	if l == nil {
		return
	}
	save(f.run, func() (struct{}, error) { return struct{}{}, l.SaveReview(r) },
		func(ps []data.Problem) { f.showProblem(ps[0]) },
		func(struct{}) {
			if f.saved != nil {
				f.saved()
			}
		})
}
