package data

import (
	"github.com/google/uuid"
	bolt "go.etcd.io/bbolt"
)

// MemberHours is one member's study hours (学时) in a year: the hours of
// the sessions they attended (出席 or 迟到) plus their make-up studies.
type MemberHours struct {
	Member   Member
	Sessions float64 // hours from sessions attended
	MakeUps  float64 // hours from make-up studies
	Required float64 // RequiredStudyHours
}

// Total returns the member's study hours.
func (h *MemberHours) Total() float64 { return h.Sessions + h.MakeUps }

// Short reports whether the member has fewer hours than required.
func (h *MemberHours) Short() bool { return h.Total() < h.Required }

// StudyHours returns every member's study hours in year, for the members
// in the branch on the ledger's today (or on 31 December for a past
// year), in roster order. Sessions held up to that day count.
func (l *Ledger) StudyHours(year int) ([]MemberHours, error) {
	day := l.Today()
	if day.Year() > year {
		day = NewDate(year, 12, 31)
	}
	var out []MemberHours
	err := l.view(func(tx *bolt.Tx) error {
		ms, err := readMembers(tx)
		if err != nil {
			return err
		}
		ss, err := readSessions(tx, NewDate(year, 1, 1), NewDate(year, 12, 31))
		if err != nil {
			return err
		}
		out, err = studyHours(tx, ms, ss, year, day)
		return err
	})
	return out, err
}

// studyHours counts year's hours of the members in the branch on day,
// from the sessions in ss held in year by day and the make-ups done in
// year by day.
func studyHours(tx *bolt.Tx, ms []Member, ss []Session, year int, day Date) ([]MemberHours, error) {
	bySeq := map[uint32]int{}
	var out []MemberHours
	for i := range ms {
		m := &ms[i]
		if !m.InBranchOn(day) {
			continue
		}
		bySeq[m.Seq] = len(out)
		out = append(out, MemberHours{Member: *m, Required: RequiredStudyHours(m)})
	}
	byID := map[uuid.UUID]int{}
	for i := range out {
		byID[out[i].Member.ID] = i
	}
	hoursOf := map[uuid.UUID]float64{}
	marks := tx.Bucket(bMarks)
	for i := range ss {
		s := &ss[i]
		if s.Cancelled || s.Date.Year() != year || s.Date > day {
			continue
		}
		h := s.Hours()
		hoursOf[s.ID] = h
		if h == 0 {
			continue
		}
		if err := eachMark(marks, s.ID, func(seq uint32, mk Mark) {
			if j, ok := bySeq[seq]; ok && (mk.Status == Present || mk.Status == Late) {
				out[j].Sessions += h
			}
		}); err != nil {
			return nil, err
		}
	}
	mus, err := readMakeUps(tx)
	if err != nil {
		return nil, err
	}
	for _, mu := range mus {
		j, ok := byID[mu.MemberID]
		if !ok || mu.Date.Year() != year || mu.Date > day {
			continue
		}
		h := mu.Hours
		if h == 0 {
			if sh, ok := hoursOf[mu.SessionID]; ok {
				h = sh
			} else {
				var s Session
				if err := getSession(tx, mu.SessionID, &s); err == nil {
					h = s.Hours()
				}
			}
		}
		out[j].MakeUps += h
	}
	return out, nil
}
