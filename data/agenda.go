package data

import (
	"maps"
	"slices"

	"github.com/google/uuid"
	bolt "go.etcd.io/bbolt"
)

// The queries of the screens a secretary opens every week: the overview
// (首页), the session list and the check-in sheet. Each is one read
// transaction, so a screen shows one consistent state of the ledger.

// Agenda is what the overview shows: the coming sessions, the last held
// session's numbers, the make-up studies still owed this year and this
// year's compliance with the branch work regulations.
type Agenda struct {
	Today Date
	// Next are the coming sessions (today's included), not cancelled,
	// soonest first.
	Next []Session
	// Last is the latest held session with its counts, nil when none was
	// held yet.
	Last *SessionStat
	// Owed counts the make-up studies still owed for this year's sessions:
	// the same pairs OwedMakeUps lists for the year.
	Owed int
	// Compliance is this year's, as YearStats computes it.
	Compliance []Compliance
}

// Agenda reads the overview's numbers for the ledger's today, with at most
// next coming sessions. It skips the per-member tallies of YearStats: only
// the last session and the meetings with a quorum rule are counted.
func (l *Ledger) Agenda(next int) (*Agenda, error) {
	today := l.Today()
	year := today.Year()
	a := &Agenda{Today: today}
	err := l.view(func(tx *bolt.Tx) error {
		var b Branch
		if err := decode(tx.Bucket(bMeta).Get(kBranch), &b); err != nil {
			return err
		}
		ms, err := readMembers(tx)
		if err != nil {
			return err
		}
		all, err := readSessions(tx, 0, 0)
		if err != nil {
			return err
		}
		a.Next = NextSessions(all, today, next)
		marks := tx.Bucket(bMarks)
		marksOf := marksIn(marks)
		if i := LastHeld(all, today, func(id uuid.UUID) bool { return hasMarks(marks, id) }); i >= 0 {
			st, err := sessionStats(ms, all[i:i+1], marksOf)
			if err != nil {
				return err
			}
			a.Last = &st[0]
		}
		from, to := NewDate(year, 1, 1), NewDate(year, 12, 31)
		var ys []Session
		for _, s := range all {
			if s.Date >= from && s.Date <= to {
				ys = append(ys, s)
			}
		}
		// Compliance only reads the counts of meetings with a quorum rule.
		var quorum []Session
		for i := range ys {
			s := &ys[i]
			if !s.Cancelled && s.Date <= today && (s.Kind == GeneralMeeting || s.Kind == CommitteeMeeting) {
				quorum = append(quorum, *s)
			}
		}
		held, err := sessionStats(ms, quorum, marksOf)
		if err != nil {
			return err
		}
		a.Compliance = checkCompliance(year, today, b.RecordsStart(), b.Groups, ys, held)
		a.Owed, err = countOwed(tx, ms, ys)
		return err
	})
	if err != nil {
		return nil, err
	}
	return a, nil
}

// idsBySeq maps member seqs, as marks store them, to member IDs.
func idsBySeq(ms []Member) map[uint32]uuid.UUID {
	ids := make(map[uint32]uuid.UUID, len(ms))
	for i := range ms {
		ids[ms[i].Seq] = ms[i].ID
	}
	return ids
}

// countOwed counts the (session, member) pairs that owe a make-up study
// among ss, with the rules of OwedMakeUps, without building the list: the
// overview only shows the number.
func countOwed(tx *bolt.Tx, ms []Member, ss []Session) (int, error) {
	n := 0
	err := eachOwed(tx, ms, ss, func(*Session, *Member, Mark) { n++ })
	return n, err
}

// eachOwed calls fn for every (session, member) pair of ss that owes a
// make-up study: marked 请假 or 缺席 at a session not cancelled, with no
// make-up recorded. The recorded ones are read once into a set, not looked
// up pair by pair.
func eachOwed(tx *bolt.Tx, ms []Member, ss []Session, fn func(*Session, *Member, Mark)) error {
	bySeq := make(map[uint32]*Member, len(ms))
	for i := range ms {
		bySeq[ms[i].Seq] = &ms[i]
	}
	done := map[[32]byte]bool{}
	if err := tx.Bucket(bMakeUps).ForEach(func(k, _ []byte) error {
		if len(k) == 32 {
			done[[32]byte(k)] = true
		}
		return nil
	}); err != nil {
		return err
	}
	marks := tx.Bucket(bMarks)
	for i := range ss {
		s := &ss[i]
		if s.Cancelled {
			continue
		}
		var key [32]byte
		copy(key[:16], s.ID[:])
		err := eachMark(marks, s.ID, func(seq uint32, m Mark) {
			if !m.OwesMakeUp() {
				return
			}
			mem := bySeq[seq]
			if mem == nil {
				return
			}
			copy(key[16:], mem.ID[:])
			if !done[key] {
				fn(s, mem, m)
			}
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// Owed is one make-up study still owed: the member was on leave or absent
// at the session and nothing has been recorded. The session and member
// are shared between the entries that name them, so a list of 100,000
// costs little more than its pointers.
type Owed struct {
	Session *Session
	Member  *Member
	Mark    Mark
}

// OwedMakeUps lists the make-up studies still owed for sessions dated
// from..to (zero bounds are open), by session date then member order.
func (l *Ledger) OwedMakeUps(from, to Date) ([]Owed, error) {
	var out []Owed
	err := l.view(func(tx *bolt.Tx) error {
		ms, err := readMembers(tx)
		if err != nil {
			return err
		}
		ss, err := readSessions(tx, from, to)
		if err != nil {
			return err
		}
		return eachOwed(tx, ms, ss, func(s *Session, m *Member, mk Mark) {
			out = append(out, Owed{Session: s, Member: m, Mark: mk})
		})
	})
	return out, err
}

// NextSessions returns the first n sessions of ss (sorted by date) dated
// today or later that are not cancelled.
func NextSessions(ss []Session, today Date, n int) []Session {
	var out []Session
	for i := range ss {
		if len(out) >= n {
			break
		}
		if !ss[i].Cancelled && ss[i].Date >= today {
			out = append(out, ss[i])
		}
	}
	return out
}

// LastHeld returns the index in ss (sorted by date) of the latest session
// held: not cancelled and dated before today, or today when it already has
// marks (hasMarks). It returns -1 when there is none.
func LastHeld(ss []Session, today Date, hasMarks func(uuid.UUID) bool) int {
	for i := len(ss) - 1; i >= 0; i-- {
		s := &ss[i]
		if s.Cancelled || s.Date > today {
			continue
		}
		if s.Date < today || hasMarks(s.ID) {
			return i
		}
	}
	return -1
}

// CheckinSession returns the index in ss (sorted by date) of the session
// the check-in screen opens on: today's first session, else the next one,
// else the latest past one; cancelled sessions are skipped. It returns -1
// when ss has no session that is not cancelled.
func CheckinSession(ss []Session, today Date) int {
	last := -1
	for i := range ss {
		if ss[i].Cancelled {
			continue
		}
		if ss[i].Date >= today {
			return i
		}
		last = i
	}
	return last
}

// SessionsWithCounts returns the sessions dated from..to inclusive (zero
// bounds are open), cancelled and planned ones included, each with its
// attendance counts (a planned session has everyone 未登记), in one read:
// the session list's rows.
func (l *Ledger) SessionsWithCounts(from, to Date) ([]SessionStat, error) {
	var out []SessionStat
	err := l.view(func(tx *bolt.Tx) error {
		ms, err := readMembers(tx)
		if err != nil {
			return err
		}
		ss, err := readSessions(tx, from, to)
		if err != nil {
			return err
		}
		marks := tx.Bucket(bMarks)
		out, err = sessionStats(ms, ss, marksIn(marks))
		return err
	})
	return out, err
}

// SessionYears returns the years that have sessions, ascending, with the
// ledger's current year always among them.
func (l *Ledger) SessionYears() ([]int, error) {
	seen := map[int]bool{l.Today().Year(): true}
	err := l.view(func(tx *bolt.Tx) error {
		return tx.Bucket(bSessions).ForEach(func(k, v []byte) error {
			var s struct {
				Date Date `json:"date"`
			}
			if err := decode(v, &s); err != nil {
				return err
			}
			seen[s.Date.Year()] = true
			return nil
		})
	})
	if err != nil {
		return nil, err
	}
	return slices.Sorted(maps.Keys(seen)), nil
}

// Roll is a session's check-in sheet: the members it expects (应到), their
// marks, and the counts.
type Roll struct {
	Session Session
	// Members are the expected members in ledger order.
	Members []Member
	// Marks holds the marks by member ID; unmarked members are absent.
	Marks map[uuid.UUID]Mark
	Stat  SessionStat
}

// Roll reads one session's check-in sheet in one transaction.
func (l *Ledger) Roll(sessionID uuid.UUID) (*Roll, error) {
	r := &Roll{Marks: map[uuid.UUID]Mark{}}
	err := l.view(func(tx *bolt.Tx) error {
		if err := getSession(tx, sessionID, &r.Session); err != nil {
			return err
		}
		ms, err := readMembers(tx)
		if err != nil {
			return err
		}
		r.Members = ExpectedMembers(&r.Session, ms)
		ids := idsBySeq(ms)
		marks := tx.Bucket(bMarks)
		if err := eachMark(marks, sessionID, func(seq uint32, m Mark) {
			if id, ok := ids[seq]; ok {
				r.Marks[id] = m
			}
		}); err != nil {
			return err
		}
		st, err := sessionStats(ms, []Session{r.Session}, marksIn(marks))
		if err != nil {
			return err
		}
		r.Stat = st[0]
		return nil
	})
	if err != nil {
		return nil, err
	}
	return r, nil
}
