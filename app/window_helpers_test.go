package app

import (
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"github.com/google/uuid"

	"branchledger/data"
)

// smallBranch is a hand-made ledger for the window tests: three members,
// a Noon Classroom held on 2026-11-20 (王晓明 present, 李丽华 on sick
// leave, 张建国 absent), a party lecture on 2026-11-13 nobody has marked
// yet, and a Noon Classroom to come on 2026-12-04. Today is 2026-11-29.
type smallBranch struct {
	path                    string
	members                 map[string]data.Member
	held, unmarked, comingN data.Session
}

func newSmallBranch(t *testing.T) *smallBranch {
	t.Helper()
	b := &smallBranch{path: filepath.Join(t.TempDir(), "小支部.ledger"), members: map[string]data.Member{}}
	l, err := data.Create(b.path, data.Branch{Name: "测试党支部", Groups: []string{"第一党小组"}}, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		if err := l.Close(); err != nil {
			t.Fatal(err)
		}
	}()
	for _, m := range []data.Member{
		{Name: "王晓明", Gender: data.Male, Birth: data.NewDate(1980, 1, 1), IDNumber: validID(t, "31010519800101001")},
		{Name: "李丽华", Gender: data.Female, Birth: data.NewDate(1985, 5, 5), IDNumber: validID(t, "31010519850505002")},
		{Name: "张建国", Gender: data.Male, Birth: data.NewDate(1990, 9, 9), IDNumber: validID(t, "31010519900909003")},
	} {
		m.Group, m.Category, m.Status, m.Joined = "第一党小组", data.Full, data.StatusNormal, data.NewDate(2015, 7, 1)
		if err := l.SaveMember(&m); err != nil {
			t.Fatal(err)
		}
		b.members[m.Name] = m
	}
	b.held = data.Session{Kind: data.NoonClassroom, Theme: "股权转让备案", Date: data.NewDate(2026, 11, 20), Start: "12:00", End: "13:00"}
	b.unmarked = data.Session{Kind: data.PartyLecture, Theme: "学习党章", Date: data.NewDate(2026, 11, 13), Start: "15:00", End: "16:00"}
	b.comingN = data.Session{Kind: data.NoonClassroom, Theme: "经营范围变更", Date: data.NewDate(2026, 12, 4), Start: "12:00", End: "13:00"}
	if err := l.SaveSessions([]*data.Session{&b.held, &b.unmarked, &b.comingN}); err != nil {
		t.Fatal(err)
	}
	marks := map[uuid.UUID]data.Mark{
		b.members["王晓明"].ID: {Status: data.Present},
		b.members["李丽华"].ID: {Status: data.OnLeave, Reason: data.Sick},
		b.members["张建国"].ID: {Status: data.Absent},
	}
	if err := l.SetMarks(b.held.ID, marks, false); err != nil {
		t.Fatal(err)
	}
	return b
}

// open shows the main window on the small branch, once its first screen
// has loaded.
func (b *smallBranch) open(t *testing.T) (*shell, fyne.Window) {
	t.Helper()
	s, w := newTestShellOn(t, b.path)
	s.run.Wait()
	return s, w
}
