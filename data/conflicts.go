package data

import (
	"slices"

	"github.com/google/uuid"
	bolt "go.etcd.io/bbolt"
)

// Conflict is a planned session that falls on the date of a stored
// session of the same kind at an overlapping time: creating it would
// duplicate a meeting that every list and count would then show twice.
type Conflict struct {
	// New is the planned session (its ID may still be zero).
	New Session
	// Existing is the stored session it would duplicate.
	Existing Session
}

// clockSpan returns a session's time as minutes after midnight, [start,
// end). A session without a start is taken to last from midnight, one
// without an end to last until midnight, so a session with no times
// overlaps every session of its day.
func clockSpan(s *Session) (int, int) {
	start, end := 0, 24*60
	if v, ok := ParseClock(s.Start); ok {
		start = v
	}
	if v, ok := ParseClock(s.End); ok && v > start {
		end = v
	}
	return start, end
}

// Overlaps reports whether a and b are the same kind of session on the
// same date at overlapping times (12:00–13:00 and 12:30–14:00 overlap,
// 12:00–13:00 and 13:00–14:00 do not). A cancelled session overlaps
// nothing, and a session never overlaps itself (same non-zero ID).
func Overlaps(a, b *Session) bool {
	if a.Kind != b.Kind || a.Date != b.Date || a.Cancelled || b.Cancelled {
		return false
	}
	if a.ID == b.ID && a.ID != uuid.Nil {
		return false
	}
	as, ae := clockSpan(a)
	bs, be := clockSpan(b)
	return as < be && bs < ae
}

// FindConflicts pairs each planned session with the first of stored that
// it overlaps (see Overlaps), in the order of planned: the dates a
// series' preview warns about. It reads nothing; stored is usually every
// session of the planned dates.
func FindConflicts(stored, planned []Session) []Conflict {
	var out []Conflict
	for i := range planned {
		for j := range stored {
			if Overlaps(&planned[i], &stored[j]) {
				out = append(out, Conflict{New: planned[i], Existing: stored[j]})
				break
			}
		}
	}
	return out
}

// dateSpan returns the first and last date of ss (0, 0 when empty).
func dateSpan(ss []Session) (Date, Date) {
	if len(ss) == 0 {
		return 0, 0
	}
	lo, hi := ss[0].Date, ss[0].Date
	for i := range ss {
		lo, hi = min(lo, ss[i].Date), max(hi, ss[i].Date)
	}
	return lo, hi
}

// Conflicts returns, for each planned session that would duplicate a
// stored one (same kind, same date, overlapping time, not cancelled), the
// pair, in the order of planned. It reads the ledger in one transaction.
func (l *Ledger) Conflicts(planned []Session) ([]Conflict, error) {
	var out []Conflict
	err := l.view(func(tx *bolt.Tx) error {
		lo, hi := dateSpan(planned)
		if lo == 0 {
			return nil
		}
		stored, err := readSessions(tx, lo, hi)
		out = FindConflicts(stored, planned)
		return err
	})
	return out, err
}

// withoutConflicts returns the planned sessions that overlap none of
// stored.
func withoutConflicts(stored, planned []Session) []Session {
	return slices.DeleteFunc(slices.Clone(planned), func(p Session) bool {
		for j := range stored {
			if Overlaps(&p, &stored[j]) {
				return true
			}
		}
		return false
	})
}
