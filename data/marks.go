package data

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"sort"
	"time"

	"github.com/google/uuid"
	bolt "go.etcd.io/bbolt"
)

// Marks returns the attendance marks of one session by member ID. Members
// without a mark (未登记) are absent from the map.
func (l *Ledger) Marks(sessionID uuid.UUID) (map[uuid.UUID]Mark, error) {
	out := map[uuid.UUID]Mark{}
	err := l.view(func(tx *bolt.Tx) error {
		seqs := tx.Bucket(bMemberSeq)
		return eachMark(tx.Bucket(bMarks), sessionID, func(seq uint32, m Mark) {
			if id := seqs.Get(seqKey(seq)); len(id) == 16 {
				out[uuid.UUID(id)] = m
			}
		})
	})
	return out, err
}

// SetMark records one member's mark at a session in one transaction; an
// Unmarked status clears it. Changing a closed session needs confirmed,
// and the old value is kept in the session's mark history.
func (l *Ledger) SetMark(sessionID, memberID uuid.UUID, m Mark, confirmed bool) error {
	return l.SetMarks(sessionID, map[uuid.UUID]Mark{memberID: m}, confirmed)
}

// SetMarks records several marks of one session in one transaction
// ("全部出席" marks everyone at once).
func (l *Ledger) SetMarks(sessionID uuid.UUID, marks map[uuid.UUID]Mark, confirmed bool) error {
	for _, m := range marks {
		if m.Status > Absent || m.Reason > Personal {
			return &ValidationError{Problems: []Problem{{Field: "mark", Code: ProblemBadChoice}}}
		}
	}
	now := l.Now()
	return l.update(func(tx *bolt.Tx) error {
		// Only whether it is closed is needed: decoding the whole session
		// was a tenth of a mark's work inside the transaction.
		var s struct {
			Closed bool `json:"closed"`
		}
		if err := getSession(tx, sessionID, &s); err != nil {
			return err
		}
		if s.Closed && !confirmed {
			return ErrSessionClosed
		}
		b := tx.Bucket(bMarks)
		// Only the blocks of the members marked are read and rewritten.
		blocks := map[uint32][]markEntry{}
		// Apply in member order so the history is deterministic.
		ids := make([]uuid.UUID, 0, len(marks))
		for id := range marks {
			ids = append(ids, id)
		}
		sort.Slice(ids, func(i, j int) bool { return string(ids[i][:]) < string(ids[j][:]) })
		for _, id := range ids {
			m := marks[id]
			if m.Status != OnLeave {
				m.Reason = NoReason
			}
			var mem Member
			if err := getMember(tx, id, &mem); err != nil {
				return err
			}
			blk := blockOf(mem.Seq)
			es, ok := blocks[blk]
			if !ok {
				var err error
				if es, err = readBlock(b, sessionID, blk); err != nil {
					return err
				}
			}
			var old Mark
			es, old = setMarkEntry(es, mem.Seq, m)
			blocks[blk] = es
			if s.Closed && old != m {
				// The bucket sequence keeps two changes apart when the clock
				// has not moved between them (a coarse or fixed clock).
				n, err := b.NextSequence()
				if err != nil {
					return err
				}
				ch := MarkChange{SessionID: sessionID, MemberID: id, At: now, Old: old, New: m}
				if err := putRecord(tx, bMarks, histKey(sessionID, mem.Seq, now, n), &ch); err != nil {
					return err
				}
			}
		}
		for blk, es := range blocks {
			if err := putBlock(b, sessionID, blk, es); err != nil {
				return err
			}
		}
		return nil
	})
}

// SaveSessionsWithMarks saves sessions as SaveSessions does and, in the
// same transaction, records marks[i] as the whole attendance of ss[i]
// (marks by member ID; len(marks) must equal len(ss)). It is for records
// kept elsewhere first, such as paper sign-in sheets or the example data:
// the marks are the record, not a change to it, so a closed session takes
// them without confirmation and no mark history is written. A member that
// is not in the ledger is refused with ErrNotFound, a mark outside the
// choices with a ValidationError; nothing is saved then.
func (l *Ledger) SaveSessionsWithMarks(ss []*Session, marks []map[uuid.UUID]Mark) error {
	if len(marks) != len(ss) {
		return fmt.Errorf("%d sessions with %d sets of marks", len(ss), len(marks))
	}
	for _, ms := range marks {
		for _, m := range ms {
			if m.Status > Absent || m.Reason > Personal {
				return &ValidationError{Problems: []Problem{{Field: "mark", Code: ProblemBadChoice}}}
			}
		}
	}
	var seqOf map[uuid.UUID]uint32
	return l.saveSessions(ss, func(tx *bolt.Tx, i int, sid uuid.UUID) error {
		if len(marks[i]) == 0 {
			return nil
		}
		if seqOf == nil {
			seqOf = map[uuid.UUID]uint32{}
			if err := tx.Bucket(bMemberSeq).ForEach(func(k, v []byte) error {
				if len(k) == 4 && len(v) == 16 {
					seqOf[uuid.UUID(v)] = binary.BigEndian.Uint32(k)
				}
				return nil
			}); err != nil {
				return err
			}
		}
		es := make([]markEntry, 0, len(marks[i]))
		for id, m := range marks[i] {
			seq, ok := seqOf[id]
			if !ok {
				return fmt.Errorf("member %s: %w", id, ErrNotFound)
			}
			if m.Status == Unmarked {
				continue
			}
			if m.Status != OnLeave {
				m.Reason = NoReason
			}
			es = append(es, markEntry{seq, m})
		}
		sortEntries(es)
		return replaceMarks(tx.Bucket(bMarks), sid, es)
	})
}

// histKey files a change made to a closed session's marks in the marks
// bucket, right after the block it changed: the commit then rewrites the
// page it rewrites anyway, instead of another tree's (issue 14). The key
// is the block's key, the time (UnixNano) and the write order (the bucket
// sequence), both complemented so that the newest change sorts first,
// next to its block however long the history grows, and the member seq:
// histKeySize bytes. Before schema 4 the history had a bucket of its own
// (bMarkHist) keyed by session ID, time, order and seq (36 bytes; 28
// before the order was added), oldest first.
func histKey(sid uuid.UUID, seq uint32, at time.Time, n uint64) []byte {
	k := append(make([]byte, 0, histKeySize), blockKey(sid, blockOf(seq))...)
	k = binary.BigEndian.AppendUint64(k, ^uint64(at.UnixNano()))
	k = binary.BigEndian.AppendUint64(k, ^n)
	return binary.BigEndian.AppendUint32(k, seq)
}

// histKeySize is the length of a mark history key in the marks bucket.
const histKeySize = blockKeySize + 8 + 8 + 4

// MarkHistory returns the changes made to a session's marks after it was
// closed, oldest first.
func (l *Ledger) MarkHistory(sessionID uuid.UUID) ([]MarkChange, error) {
	type change struct {
		at, n uint64 // time (UnixNano) and write order
		MarkChange
	}
	var out []change
	err := l.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bMarks)
		old := tx.Bucket(bMarkHist) // a ledger of schema 3 or before, read as it is
		if old != nil {
			b = old
		}
		c := b.Cursor()
		for k, v := c.Seek(sessionID[:]); len(k) >= 16 && bytes.Equal(k[:16], sessionID[:]); k, v = c.Next() {
			var ch change
			switch {
			case old != nil:
				_, at, n, _, ok := oldHistKey(k)
				if !ok {
					continue
				}
				ch.at, ch.n = uint64(at.UnixNano()), n
			case old == nil && len(k) == histKeySize:
				ch.at = ^binary.BigEndian.Uint64(k[blockKeySize:])
				ch.n = ^binary.BigEndian.Uint64(k[blockKeySize+8:])
			default:
				continue // a block of marks
			}
			if err := decode(v, &ch.MarkChange); err != nil {
				return err
			}
			out = append(out, ch)
		}
		return nil
	})
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		return int64(a.at) < int64(b.at) || (a.at == b.at && a.n < b.n)
	})
	chs := make([]MarkChange, len(out))
	for i := range out {
		chs[i] = out[i].MarkChange
	}
	return chs, err
}

// CloseSession ends (or, with closed false, reopens) registration for a
// session (结束登记).
func (l *Ledger) CloseSession(id uuid.UUID, closed bool) error {
	now := l.Now()
	return l.update(func(tx *bolt.Tx) error {
		var s Session
		if err := getSession(tx, id, &s); err != nil {
			return err
		}
		s.Closed, s.Updated = closed, now
		return putRecord(tx, bSessions, s.ID[:], &s)
	})
}

// ProblemMakeUpBeforeSession is the code for a make-up study dated before
// the session it makes up.
const ProblemMakeUpBeforeSession = "problem.makeup_before_session"

// SaveMakeUp records a make-up study (补学) in one transaction, or corrects
// the one recorded for the same session and member (keeping its Created
// time). The member must owe it: marked 请假 or 缺席 at that session; its
// date may not be before the session's (a ValidationError on FieldDate).
func (l *Ledger) SaveMakeUp(mu *MakeUp) error {
	if !mu.Date.Valid() {
		return &ValidationError{Problems: []Problem{{Field: FieldDate, Code: ProblemBadDate}}}
	}
	switch mu.Method {
	case SelfStudy, TalkWithSec, OtherSession:
	default:
		return &ValidationError{Problems: []Problem{{Field: "method", Code: ProblemBadChoice}}}
	}
	now := l.Now()
	created := now
	err := l.update(func(tx *bolt.Tx) error {
		var s Session
		if err := getSession(tx, mu.SessionID, &s); err != nil {
			return err
		}
		if mu.Date < s.Date {
			return &ValidationError{Problems: []Problem{{Field: FieldDate, Code: ProblemMakeUpBeforeSession,
				Args: map[string]any{"Date": s.Date.String()}}}}
		}
		var mem Member
		if err := getMember(tx, mu.MemberID, &mem); err != nil {
			return err
		}
		owes := false
		if err := eachMark(tx.Bucket(bMarks), mu.SessionID, func(seq uint32, m Mark) {
			if seq == mem.Seq && m.OwesMakeUp() {
				owes = true
			}
		}); err != nil {
			return err
		}
		if !owes {
			return fmt.Errorf("make-up for a member not on leave or absent: %w", ErrNotFound)
		}
		key := pairKey(mu.SessionID, mu.MemberID)
		if v := tx.Bucket(bMakeUps).Get(key); v != nil {
			var old MakeUp
			if err := decode(v, &old); err != nil {
				return err
			}
			created = old.Created
		}
		rec := *mu
		rec.Created = created
		return putRecord(tx, bMakeUps, key, &rec)
	})
	if err == nil {
		mu.Created = created
	}
	return err
}

// DeleteMakeUp removes the make-up study recorded for a session and a
// member, in one transaction, so that it is owed again (the user recorded
// it by mistake). It returns ErrNotFound when none is recorded.
func (l *Ledger) DeleteMakeUp(sessionID, memberID uuid.UUID) error {
	return l.update(func(tx *bolt.Tx) error {
		key := pairKey(sessionID, memberID)
		b := tx.Bucket(bMakeUps)
		if b.Get(key) == nil {
			return fmt.Errorf("make-up %s/%s: %w", sessionID, memberID, ErrNotFound)
		}
		return b.Delete(key)
	})
}

// MakeUps returns every recorded make-up study.
func (l *Ledger) MakeUps() ([]MakeUp, error) {
	var out []MakeUp
	err := l.view(func(tx *bolt.Tx) error {
		var err error
		out, err = readMakeUps(tx)
		return err
	})
	return out, err
}

func readMakeUps(tx *bolt.Tx) ([]MakeUp, error) {
	var out []MakeUp
	err := tx.Bucket(bMakeUps).ForEach(func(k, v []byte) error {
		var mu MakeUp
		if err := decode(v, &mu); err != nil {
			return err
		}
		out = append(out, mu)
		return nil
	})
	return out, err
}

// RecordExport keeps a trace of an export in the ledger.
func (l *Ledger) RecordExport(r *ExportRecord) error {
	r.ID, r.At = newID(), l.Now()
	return l.update(func(tx *bolt.Tx) error { return putRecord(tx, bExports, r.ID[:], r) })
}

// Exports lists the recorded exports, newest first.
func (l *Ledger) Exports() ([]ExportRecord, error) {
	var out []ExportRecord
	err := l.view(func(tx *bolt.Tx) error {
		c := tx.Bucket(bExports).Cursor()
		for k, v := c.Last(); k != nil; k, v = c.Prev() {
			var r ExportRecord
			if err := decode(v, &r); err != nil {
				return err
			}
			out = append(out, r)
		}
		return nil
	})
	return out, err
}
