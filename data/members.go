package data

import (
	"bytes"
	"fmt"
	"time"

	"github.com/google/uuid"
	bolt "go.etcd.io/bbolt"
)

// Members returns every member ever in the ledger, departed ones included,
// in the order they were added.
func (l *Ledger) Members() ([]Member, error) {
	var ms []Member
	err := l.view(func(tx *bolt.Tx) error {
		var err error
		ms, err = readMembers(tx)
		return err
	})
	return ms, err
}

func readMembers(tx *bolt.Tx) ([]Member, error) {
	// Members are never deleted, so the seq counter is the number of
	// members (Bucket.Stats would walk every page to count them); bounded,
	// so that a damaged counter cannot ask for any amount of memory.
	ms := make([]Member, 0, min(tx.Bucket(bMemberSeq).Sequence(), 1<<16))
	err := tx.Bucket(bMembers).ForEach(func(k, v []byte) error {
		ms = append(ms, Member{})
		if err := decode(v, &ms[len(ms)-1]); err != nil {
			return fmt.Errorf("member %x: %w", k, err)
		}
		return nil
	})
	return ms, err
}

// Member returns one member by ID.
func (l *Ledger) Member(id uuid.UUID) (Member, error) {
	var m Member
	err := l.view(func(tx *bolt.Tx) error { return getMember(tx, id, &m) })
	return m, err
}

func getMember(tx *bolt.Tx, id uuid.UUID, m *Member) error {
	v := tx.Bucket(bMembers).Get(id[:])
	if v == nil {
		return fmt.Errorf("member %s: %w", id, ErrNotFound)
	}
	return decode(v, m)
}

// MemberByIDNumber returns the member with the given ID number.
func (l *Ledger) MemberByIDNumber(idNumber string) (Member, error) {
	var m Member
	err := l.view(func(tx *bolt.Tx) error {
		id := tx.Bucket(bIDNumbers).Get([]byte(idNumber))
		if id == nil {
			return fmt.Errorf("id number: %w", ErrNotFound)
		}
		return getMember(tx, uuid.UUID(id), &m)
	})
	return m, err
}

// SaveMember adds m when its ID is zero (assigning ID, seq and times) or
// replaces the stored member. It validates m and refuses an ID number that
// belongs to another member. On success m holds what was stored.
func (l *Ledger) SaveMember(m *Member) error {
	return l.SaveMembers([]*Member{m})
}

// SaveMembers adds or updates several members in one transaction: all are
// saved or none is. The importer uses it after the user confirms.
func (l *Ledger) SaveMembers(ms []*Member) error {
	return l.saveMembers(ms, nil)
}

// saveMembers is SaveMembers with, when also is not nil, more writes for
// each member (its index in ms, and as stored) in the same transaction.
func (l *Ledger) saveMembers(ms []*Member, also func(tx *bolt.Tx, i int, m *Member, now time.Time) error) error {
	today := l.Today()
	for _, m := range ms {
		if m.Status == "" {
			m.Status = StatusNormal
		}
		if ps := ValidateMember(m, today); len(ps) > 0 {
			return &ValidationError{Problems: ps}
		}
	}
	now := l.Now()
	staged := make([]Member, len(ms))
	err := l.update(func(tx *bolt.Tx) error {
		for i, in := range ms {
			m := *in
			if err := putMember(tx, &m, now, true); err != nil {
				return err
			}
			if also != nil {
				if err := also(tx, i, &m, now); err != nil {
					return err
				}
			}
			staged[i] = m
		}
		return nil
	})
	if err != nil {
		return err
	}
	for i := range ms {
		*ms[i] = staged[i]
	}
	return nil
}

// putMember stores m. With stale set, an update is refused with ErrStale
// when the stored member changed after m was read (its Updated differs):
// a form left open must not undo a departure recorded meanwhile.
func putMember(tx *bolt.Tx, m *Member, now time.Time, stale bool) error {
	members, idx := tx.Bucket(bMembers), tx.Bucket(bIDNumbers)
	if m.ID == uuid.Nil {
		m.ID = newID()
		seq, err := tx.Bucket(bMemberSeq).NextSequence()
		if err != nil {
			return err
		}
		m.Seq = uint32(seq)
		m.Created = now
		if err := tx.Bucket(bMemberSeq).Put(seqKey(m.Seq), m.ID[:]); err != nil {
			return err
		}
	} else {
		var old Member
		if err := getMember(tx, m.ID, &old); err != nil {
			return err
		}
		if stale && !old.Updated.Equal(m.Updated) {
			return fmt.Errorf("member %s: %w", m.ID, ErrStale)
		}
		m.Seq, m.Created = old.Seq, old.Created
		if old.IDNumber != m.IDNumber && old.IDNumber != "" {
			if err := idx.Delete([]byte(old.IDNumber)); err != nil {
				return err
			}
		}
	}
	if m.IDNumber != "" {
		if owner := idx.Get([]byte(m.IDNumber)); owner != nil && !bytes.Equal(owner, m.ID[:]) {
			return fmt.Errorf("%s: %w", MaskIDNumber(m.IDNumber), ErrDuplicateID)
		}
		if err := idx.Put([]byte(m.IDNumber), m.ID[:]); err != nil {
			return err
		}
	}
	m.Updated = now
	v, err := encode(m)
	if err != nil {
		return err
	}
	return members.Put(m.ID[:], v)
}

// SetDeparture records that a member left the branch (转出, 出党, 去世) on
// d.Date. The member and their history stay in the ledger.
func (l *Ledger) SetDeparture(id uuid.UUID, d Departure) error {
	if !d.Date.Valid() {
		return &ValidationError{Problems: []Problem{{Field: "date", Code: ProblemBadDate}}}
	}
	switch d.Reason {
	case TransferOut, Removed, Deceased:
	default:
		return &ValidationError{Problems: []Problem{{Field: "reason", Code: ProblemBadChoice}}}
	}
	return l.changeMember(id, func(m *Member, now time.Time) {
		m.Left = &d
		if d.Reason == Removed {
			m.Status = StatusRemoved
		}
		m.Events = append(m.Events, MemberEvent{At: now, What: "left:" + string(d.Reason), Date: d.Date, Note: d.Destination})
	})
}

// RestoreMember brings a departed member back into the branch, keeping the
// departure in the member's history.
func (l *Ledger) RestoreMember(id uuid.UUID) error {
	return l.changeMember(id, func(m *Member, now time.Time) {
		m.Left = nil
		if m.Status == StatusRemoved {
			m.Status = StatusNormal
		}
		m.Events = append(m.Events, MemberEvent{At: now, What: "restored", Date: DateOf(now)})
	})
}

func (l *Ledger) changeMember(id uuid.UUID, fn func(m *Member, now time.Time)) error {
	now := l.Now()
	return l.update(func(tx *bolt.Tx) error {
		var m Member
		if err := getMember(tx, id, &m); err != nil {
			return err
		}
		fn(&m, now)
		return putMember(tx, &m, now, false)
	})
}

// MaskIDNumber hides the middle of an ID number (310105********1234), as
// every screen and export does unless the user asks for full numbers.
func MaskIDNumber(s string) string {
	r := []rune(s)
	if len(r) < 10 {
		return s
	}
	for i := 6; i < len(r)-4; i++ {
		r[i] = '*'
	}
	return string(r)
}

// MaskPhone hides the middle of a phone number (138****8000).
func MaskPhone(s string) string {
	r := []rune(s)
	if len(r) < 7 {
		return s
	}
	for i := 3; i < len(r)-4; i++ {
		r[i] = '*'
	}
	return string(r)
}
