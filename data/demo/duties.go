package demo

import (
	"branchledger/data"
	"github.com/google/uuid"
)

// fillDuties adds the duties' part of the example ledger: a committee
// elected nearly three years ago (its term ends within two months), last
// year's 组织生活会 with its 民主评议 and a few talks. The two probationary
// members admitted last December are fill's.
func fillDuties(l *data.Ledger, today data.Date) error {
	year := today.Year()
	b, err := l.Branch()
	if err != nil {
		return err
	}
	b.CommitteeElected = workday(today.AddYears(-3).AddDays(45))
	if err := l.SaveBranch(b); err != nil {
		return err
	}
	ms, err := l.Members()
	if err != nil {
		return err
	}
	s := data.Session{Kind: data.OrgLifeMeeting, Theme: "年度组织生活会暨民主评议党员", Date: workday(data.NewDate(year-1, 12, 19)),
		Start: "14:00", End: "17:00", Place: "三楼会议室", Closed: true}
	if len(ms) > 1 {
		s.Host, s.Recorder = ms[0].Name, ms[1].Name
	}
	if err := l.SaveSession(&s); err != nil {
		return err
	}
	r := data.Review{Year: year - 1, SessionID: s.ID, Grades: map[uuid.UUID]data.Grade{}}
	excellent := 0
	for i, m := range ms {
		switch {
		case !m.InBranchOn(s.Date):
		case m.Category != data.Full || m.Confirmed > s.Date:
			r.Ungraded = append(r.Ungraded, m.ID)
		case i%4 == 1 && excellent < 3:
			r.Grades[m.ID] = data.GradeExcellent
			excellent++
		case i == 9:
			r.Grades[m.ID] = data.GradeBasic
		default:
			r.Grades[m.ID] = data.GradeQualified
		}
	}
	if err := l.SaveReview(&r); err != nil {
		return err
	}
	var committee []data.Member
	for _, m := range ms {
		if m.CommitteeRole != "" {
			committee = append(committee, m)
		}
	}
	if len(committee) < 2 || len(ms) < 6 {
		return nil
	}
	talks := []data.Talk{
		{Date: data.NewDate(year, 3, 16), A: committee[0].ID, B: committee[1].ID, Topic: "支委分工与年度党建计划"},
		{Date: data.NewDate(year, 4, 20), A: committee[0].ID, B: ms[5].ID, Topic: "岗位练兵与窗口服务"},
		{Date: data.NewDate(year, 5, 18), A: committee[1].ID, B: ms[4].ID, Topic: "思想汇报与学习计划"},
	}
	for i := range talks {
		if talks[i].Date > today {
			continue
		}
		if err := l.SaveTalk(&talks[i]); err != nil {
			return err
		}
	}
	return nil
}
