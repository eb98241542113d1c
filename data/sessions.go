package data

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/google/uuid"
	bolt "go.etcd.io/bbolt"
)

// Session field names used in Problems.
const (
	FieldKind  = "kind"
	FieldTheme = "theme"
	FieldDate  = "date"
	FieldStart = "start"
	FieldEnd   = "end"
)

// ProblemEndBeforeStart is the code for an end time not after the start.
const ProblemEndBeforeStart = "problem.end_before_start"

// ProblemBadTime is the code for a time that is not hh:mm.
const ProblemBadTime = "problem.bad_time"

// ValidKind reports whether k is one of the DOMAIN.md kind codes.
func ValidKind(k Kind) bool {
	for _, x := range Kinds() {
		if x == k {
			return true
		}
	}
	return false
}

// ParseClock parses "12:00" into minutes after midnight.
func ParseClock(s string) (int, bool) {
	t, err := time.Parse("15:04", s)
	if err != nil {
		return 0, false
	}
	return t.Hour()*60 + t.Minute(), true
}

// ValidateSession returns every problem of s, field by field.
func ValidateSession(s *Session) []Problem {
	var ps []Problem
	add := func(field, code string) { ps = append(ps, Problem{Field: field, Code: code}) }
	if !ValidKind(s.Kind) {
		add(FieldKind, ProblemBadChoice)
	}
	if strings.TrimSpace(s.Theme) == "" {
		add(FieldTheme, ProblemRequired)
	}
	if !s.Date.Valid() {
		if s.Date == 0 {
			add(FieldDate, ProblemRequired)
		} else {
			add(FieldDate, ProblemBadDate)
		}
	}
	start, okS := ParseClock(s.Start)
	end, okE := ParseClock(s.End)
	if s.Start != "" && !okS {
		add(FieldStart, ProblemBadTime)
	}
	if s.End != "" && !okE {
		add(FieldEnd, ProblemBadTime)
	}
	if okS && okE && end <= start {
		add(FieldEnd, ProblemEndBeforeStart)
	}
	return ps
}

// Session returns one session by ID.
func (l *Ledger) Session(id uuid.UUID) (Session, error) {
	var s Session
	err := l.view(func(tx *bolt.Tx) error { return getSession(tx, id, &s) })
	return s, err
}

// getSession reads session id into s: a *Session, or a struct of some of
// its JSON fields.
func getSession(tx *bolt.Tx, id uuid.UUID, s any) error {
	v := tx.Bucket(bSessions).Get(id[:])
	if v == nil {
		return fmt.Errorf("session %s: %w", id, ErrNotFound)
	}
	return decode(v, s)
}

// Sessions returns the sessions dated from..to inclusive (zero bounds are
// open), cancelled ones included, sorted by date and start time.
func (l *Ledger) Sessions(from, to Date) ([]Session, error) {
	var ss []Session
	err := l.view(func(tx *bolt.Tx) error {
		var err error
		ss, err = readSessions(tx, from, to)
		return err
	})
	return ss, err
}

func readSessions(tx *bolt.Tx, from, to Date) ([]Session, error) {
	var ss []Session
	err := tx.Bucket(bSessions).ForEach(func(k, v []byte) error {
		var s Session
		if err := decode(v, &s); err != nil {
			return fmt.Errorf("session %x: %w", k, err)
		}
		if (from == 0 || s.Date >= from) && (to == 0 || s.Date <= to) {
			ss = append(ss, s)
		}
		return nil
	})
	SortSessions(ss)
	return ss, err
}

// SortSessions orders sessions by date, then start time, then kind.
func SortSessions(ss []Session) {
	sort.SliceStable(ss, func(i, j int) bool {
		a, b := &ss[i], &ss[j]
		if a.Date != b.Date {
			return a.Date < b.Date
		}
		if a.Start != b.Start {
			return a.Start < b.Start
		}
		return a.Kind < b.Kind
	})
}

// SortSessionsNewestFirst orders sessions the way every session picker
// shows them: latest date first, then latest start, then kind — exactly
// the reverse of SortSessions.
func SortSessionsNewestFirst(ss []Session) {
	SortSessions(ss)
	for i, j := 0, len(ss)-1; i < j; i, j = i+1, j-1 {
		ss[i], ss[j] = ss[j], ss[i]
	}
}

// SaveSession adds s when its ID is zero, or replaces the stored session.
// A copy read before the stored session last changed (its Updated
// differs) is refused with ErrStale, so a form left open cannot undo what
// was done meanwhile, such as closing registration at check-in. On success
// s holds what was stored.
func (l *Ledger) SaveSession(s *Session) error { return l.SaveSessions([]*Session{s}) }

// SaveSessions adds or replaces several sessions in one transaction, as a
// series does when it is generated: all are saved or none is, and a stale
// copy is refused with ErrStale as by SaveSession.
func (l *Ledger) SaveSessions(ss []*Session) error {
	return l.saveSessions(ss, nil)
}

// saveSessions validates ss, then in one transaction saves them and calls
// also (when not nil) with each saved session's index and ID; ss are
// updated only when the transaction commits.
func (l *Ledger) saveSessions(ss []*Session, also func(tx *bolt.Tx, i int, id uuid.UUID) error) error {
	for _, s := range ss {
		if ps := ValidateSession(s); len(ps) > 0 {
			return &ValidationError{Problems: ps}
		}
	}
	now := l.Now()
	staged := make([]Session, len(ss))
	err := l.update(func(tx *bolt.Tx) error {
		for i, in := range ss {
			s := *in
			if s.ID == uuid.Nil {
				s.ID, s.Created = newID(), now
			} else {
				var old Session
				if err := getSession(tx, s.ID, &old); err != nil {
					return err
				}
				if !old.Updated.Equal(s.Updated) {
					return fmt.Errorf("session %s: %w", s.ID, ErrStale)
				}
				s.Created = old.Created
			}
			s.Updated = now
			if err := putRecord(tx, bSessions, s.ID[:], &s); err != nil {
				return err
			}
			if also != nil {
				if err := also(tx, i, s.ID); err != nil {
					return err
				}
			}
			staged[i] = s
		}
		return nil
	})
	if err != nil {
		return err
	}
	for i := range ss {
		*ss[i] = staged[i]
	}
	return nil
}

func putRecord(tx *bolt.Tx, bucket, key []byte, v any) error {
	b, err := encode(v)
	if err != nil {
		return err
	}
	return tx.Bucket(bucket).Put(key, b)
}

// SaveSeries stores a series plan and the sessions it generates, in one
// transaction, and returns the sessions created. holidays are skipped.
// With skipConflicts, the dates that already hold a session of the same
// kind at an overlapping time (see Overlaps) are skipped too, judged
// inside the write transaction, so a session saved meanwhile is not
// duplicated either; without it they are created anyway, as the user
// asked after seeing them in the preview.
func (l *Ledger) SaveSeries(sr *Series, holidays map[Date]bool, skipConflicts bool) ([]Session, error) {
	if sr.ID == uuid.Nil {
		sr.ID = newID()
	}
	sr.Created = l.Now()
	gen := GenerateSeries(sr, holidays)
	for i := range gen {
		if ps := ValidateSession(&gen[i]); len(ps) > 0 {
			return nil, &ValidationError{Problems: ps}
		}
	}
	now := l.Now()
	var out []Session
	err := l.update(func(tx *bolt.Tx) error {
		out = gen
		if skipConflicts {
			lo, hi := dateSpan(gen)
			stored, err := readSessions(tx, lo, hi)
			if err != nil {
				return err
			}
			out = withoutConflicts(stored, gen)
		}
		if err := putRecord(tx, bSeries, sr.ID[:], sr); err != nil {
			return err
		}
		for i := range out {
			s := &out[i]
			s.ID, s.Created, s.Updated = newID(), now, now
			if err := putRecord(tx, bSessions, s.ID[:], s); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// GenerateSeries returns the sessions of a series: one on every
// sr.Weekday from sr.From to sr.To inclusive, except holidays.
func GenerateSeries(sr *Series, holidays map[Date]bool) []Session {
	var out []Session
	if !sr.From.Valid() || !sr.To.Valid() || sr.To < sr.From || sr.Weekday < time.Sunday || sr.Weekday > time.Saturday {
		return nil
	}
	d := sr.From
	d = d.AddDays((int(sr.Weekday) - int(d.Weekday()) + 7) % 7)
	for ; d <= sr.To; d = d.AddDays(7) {
		if holidays[d] {
			continue
		}
		out = append(out, Session{Kind: sr.Kind, Theme: sr.Theme, Date: d, Start: sr.Start, End: sr.End,
			Place: sr.Place, Host: sr.Host, ThemedDay: sr.ThemedDay, SeriesID: sr.ID})
	}
	return out
}
