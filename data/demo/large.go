package demo

import (
	"fmt"
	"math/rand/v2"

	"branchledger/data"
	"github.com/google/uuid"
)

// Sizes of the large example ledger.
const (
	// LargeMembers is the number of members, in 50 party groups.
	LargeMembers = 5000
	// LargeSessions is the number of sessions, all closed, spread over the
	// current year from 2 January up to today.
	LargeSessions = 1000
	// LargeMarksPer is the number of marks per session: 1,000,000 in all.
	LargeMarksPer = 1000
)

// WriteLarge creates the large example ledger: 5,000 members in 50
// party groups, 1,000 sessions in the current year up to today, and
// 1,000,000 marks. It is the benchmark and stress ledger.
func WriteLarge(path string, opt data.Options) error {
	l, err := data.Create(path, data.Branch{Name: "申江区产业党委（大型示例）", Committee: "申江区委组织部",
		RecordsFrom: data.NewDate(data.DateOf(now(opt)).Year(), 1, 1)}, opt)
	if err != nil {
		return err
	}
	err = fillLarge(l)
	if cerr := l.Close(); err == nil {
		err = cerr
	}
	return err
}

// fillLarge adds the large example's groups, members, sessions and marks
// to the new ledger l.
func fillLarge(l *data.Ledger) error {
	today := l.Today()
	rng := rand.New(rand.NewPCG(5000, 1000))
	var groups []string
	for g := 1; g <= 50; g++ {
		groups = append(groups, fmt.Sprintf("第%d党小组", g))
	}
	b, err := l.Branch()
	if err != nil {
		return err
	}
	b.Groups = groups
	if err := l.SaveBranch(b); err != nil {
		return err
	}
	ms := make([]*data.Member, LargeMembers)
	for i := range ms {
		m := member(rng, i, today, groups[i%len(groups)])
		m.IDNumber = idNumber(m.Birth, i, m.Gender)
		// Unique numbers: vary the birth day too when the serial wraps.
		if i >= 1000 {
			m.Birth = m.Birth.AddDays(i / 1000)
			if m.Birth > today.AddDays(-365*20) {
				m.Birth = m.Birth.AddDays(-400)
			}
			m.IDNumber = idNumber(m.Birth, i%1000, m.Gender)
		}
		ms[i] = &m
	}
	if err := saveUnique(l, ms); err != nil {
		return err
	}
	start := data.NewDate(today.Year(), 1, 2)
	span := int(today.Time().Sub(start.Time()).Hours()/24) + 1
	kinds := []data.Kind{data.NoonClassroom, data.ThemedPartyDay, data.PartyLecture, data.GeneralMeeting, data.JointActivity}
	ss := make([]*data.Session, LargeSessions)
	marks := make([]map[uuid.UUID]data.Mark, LargeSessions)
	for i := range ss {
		ss[i] = &data.Session{Kind: kinds[i%len(kinds)], Theme: themes[i%len(themes)],
			Date: start.AddDays(i * span / LargeSessions), Start: "12:00", End: "13:00", Place: "会议室", Closed: true}
		marks[i] = make(map[uuid.UUID]data.Mark, LargeMarksPer)
		first := (i * LargeMarksPer) % LargeMembers
		for j := 0; j < LargeMarksPer; j++ {
			marks[i][ms[(first+j)%LargeMembers].ID] = mark(rng)
		}
	}
	return l.SaveSessionsWithMarks(ss, marks)
}

// saveUnique saves generated members, nudging any repeated ID number so
// the large ledger's numbers are unique.
func saveUnique(l *data.Ledger, ms []*data.Member) error {
	seen := map[string]bool{}
	for i, m := range ms {
		for seen[m.IDNumber] {
			m.Birth = m.Birth.AddDays(1)
			m.IDNumber = idNumber(m.Birth, i%1000, m.Gender)
		}
		if m.Joined != 0 && data.YearsBetween(m.Birth, m.Joined) < 18 {
			m.Joined = data.NewDate(m.Birth.Year()+19, m.Birth.Month(), 1)
			m.Confirmed = data.NewDate(m.Birth.Year()+20, m.Birth.Month(), 1)
		}
		seen[m.IDNumber] = true
	}
	return l.SaveMembers(ms)
}
