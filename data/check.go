package data

import (
	"bytes"
	"encoding/binary"
	"fmt"

	"github.com/google/uuid"
	bolt "go.etcd.io/bbolt"
)

// Check problem codes; Args["Where"] names the record.
const (
	CheckBolt         = "check.bolt"
	CheckBadRecord    = "check.bad_record"
	CheckSeqIndex     = "check.seq_index"
	CheckIDIndex      = "check.id_index"
	CheckOrphanMarks  = "check.orphan_marks"
	CheckUnknownSeq   = "check.unknown_member"
	CheckBadMark      = "check.bad_mark"
	CheckOrphanMakeUp = "check.orphan_makeup"
	CheckBadKind      = "check.bad_kind"
	// CheckDamagedFile is a file whose pages fail the structural check:
	// nothing more of it can be read safely.
	CheckDamagedFile = "check.damaged_file"
)

// Check verifies the whole ledger: bbolt's own page consistency, then the
// domain invariants (every record decodes, indexes agree with members,
// every mark belongs to a session and a member). It returns the problems
// found; none means the ledger is sound.
func (l *Ledger) Check() ([]Problem, error) {
	var ps []Problem
	add := func(code, where string) { ps = append(ps, checkProblem(code, where)) }
	err := l.view(func(tx *bolt.Tx) error {
		for err := range tx.Check() {
			add(CheckBolt, err.Error())
		}
		for _, name := range allBuckets {
			if tx.Bucket(name) == nil {
				add(CheckBolt, "missing bucket "+string(name))
			}
		}
		if len(ps) > 0 {
			return nil // the rest would read broken pages
		}
		ps = append(ps, checkDomain(tx)...)
		return nil
	})
	// The damage found when the ledger was opened (Salvage) is always
	// among the problems.
	if d := l.Damage(); d != nil && err == nil && len(ps) == 0 {
		add(CheckBadRecord, d.Error())
	}
	return ps, err
}

// checkDomain checks the domain invariants in tx, whose buckets are all
// there: every record decodes and sits under its own key, the indexes
// agree with the members, every mark and make-up belongs to a session and
// a member. Open runs it too, so that a ledger failing it is never
// written to.
func checkDomain(tx *bolt.Tx) []Problem {
	var ps []Problem
	add := func(code, where string) { ps = append(ps, checkProblem(code, where)) }
	var b Branch
	if err := decode(tx.Bucket(bMeta).Get(kBranch), &b); err != nil {
		add(CheckBadRecord, "branch")
	}
	seqs := map[uint32]uuid.UUID{}
	members := map[uuid.UUID]Member{}
	_ = tx.Bucket(bMembers).ForEach(func(k, v []byte) error {
		var m Member
		if err := decode(v, &m); err != nil || len(k) != 16 || m.ID != uuid.UUID(k) {
			add(CheckBadRecord, fmt.Sprintf("member %x", k))
			return nil
		}
		members[m.ID] = m
		if other, dup := seqs[m.Seq]; dup || m.Seq == 0 {
			add(CheckSeqIndex, fmt.Sprintf("member %s seq %d (also %s)", m.ID, m.Seq, other))
		}
		seqs[m.Seq] = m.ID
		if !bytes.Equal(tx.Bucket(bMemberSeq).Get(seqKey(m.Seq)), m.ID[:]) {
			add(CheckSeqIndex, "member "+m.ID.String())
		}
		if m.IDNumber != "" && !bytes.Equal(tx.Bucket(bIDNumbers).Get([]byte(m.IDNumber)), m.ID[:]) {
			add(CheckIDIndex, "member "+m.ID.String())
		}
		return nil
	})
	_ = tx.Bucket(bIDNumbers).ForEach(func(k, v []byte) error {
		if m, ok := members[uuid.UUID(v)]; len(v) != 16 || !ok || m.IDNumber != string(k) {
			add(CheckIDIndex, "id number "+MaskIDNumber(string(k)))
		}
		return nil
	})
	_ = tx.Bucket(bMemberSeq).ForEach(func(k, v []byte) error {
		if len(k) != 4 || len(v) != 16 || seqs[seqKey2(k)] != uuid.UUID(v) {
			add(CheckSeqIndex, fmt.Sprintf("seq %x", k))
		}
		return nil
	})
	sessions := map[uuid.UUID]bool{}
	_ = tx.Bucket(bSessions).ForEach(func(k, v []byte) error {
		var s Session
		if err := decode(v, &s); err != nil || len(k) != 16 || s.ID != uuid.UUID(k) {
			add(CheckBadRecord, fmt.Sprintf("session %x", k))
			return nil
		}
		if !ValidKind(s.Kind) {
			add(CheckBadKind, "session "+s.ID.String())
		}
		sessions[s.ID] = true
		return nil
	})
	// The million marks of a large ledger are looked up by seq: a table,
	// not the map, when the seqs are dense (they are counted from 1).
	var known []bool
	if len(seqs) < 1<<22 {
		known = make([]bool, len(seqs)+1)
	}
	for seq := range seqs {
		if int(seq) >= len(known) {
			known = nil
			break
		}
		known[seq] = true
	}
	isKnown := func(seq uint32) bool {
		if known != nil {
			return int(seq) < len(known) && known[seq]
		}
		_, ok := seqs[seq]
		return ok
	}
	seqOf := make(map[uuid.UUID]uint32, len(members))
	for id, m := range members {
		seqOf[id] = m.Seq
	}
	top := tx.Bucket(bMarks).Sequence()
	_ = tx.Bucket(bMarks).ForEach(func(k, v []byte) error {
		if len(k) == histKeySize {
			checkChange(k, v, sessions, seqOf, top, add)
			return nil
		}
		where := fmt.Sprintf("marks %x", k)
		if (len(k) != 16 && len(k) != blockKeySize) || !sessions[uuid.UUID(k[:16])] {
			add(CheckOrphanMarks, where)
			return nil
		}
		if checkPiece(k, v) != nil {
			add(CheckBadRecord, where) // fails its checksum, or another session's or block's value
			return nil
		}
		var last uint32
		eachEntry(pieceEntries(v), func(seq uint32, m Mark) {
			if !isKnown(seq) {
				add(CheckUnknownSeq, fmt.Sprintf("%s seq %d", where, seq))
			}
			if m.Status == Unmarked || m.Status > Absent || m.Reason > Personal || seq <= last ||
				(len(k) == blockKeySize && blockOf(seq) != binary.BigEndian.Uint32(k[16:])) {
				add(CheckBadMark, fmt.Sprintf("%s seq %d", where, seq))
			}
			last = seq
		})
		return nil
	})
	if old := tx.Bucket(bMarkHist); old != nil { // schema 3 and before
		_ = old.ForEach(func(k, v []byte) error {
			// Its key has no checksum: it must name the change it holds.
			if _, err := movedHistKey(k, v, seqOf, old.Sequence()); err != nil {
				add(CheckBadRecord, fmt.Sprintf("mark history %x", k))
			} else if !sessions[uuid.UUID(k[:16])] {
				add(CheckOrphanMarks, fmt.Sprintf("mark history %x", k))
			}
			return nil
		})
	}
	_ = tx.Bucket(bSeries).ForEach(func(k, v []byte) error {
		var sr Series
		if err := decode(v, &sr); err != nil || !bytes.Equal(sr.ID[:], k) {
			add(CheckBadRecord, fmt.Sprintf("series %x", k))
		}
		return nil
	})
	_ = tx.Bucket(bExports).ForEach(func(k, v []byte) error {
		var r ExportRecord
		if err := decode(v, &r); err != nil || !bytes.Equal(r.ID[:], k) {
			add(CheckBadRecord, fmt.Sprintf("export %x", k))
		}
		return nil
	})
	_ = tx.Bucket(bMakeUps).ForEach(func(k, v []byte) error {
		var mu MakeUp
		if err := decode(v, &mu); err != nil {
			add(CheckBadRecord, fmt.Sprintf("makeup %x", k))
			return nil
		}
		if _, ok := members[mu.MemberID]; !ok || !sessions[mu.SessionID] {
			add(CheckOrphanMakeUp, fmt.Sprintf("makeup %x", k))
		} else if !bytes.Equal(pairKey(mu.SessionID, mu.MemberID), k) {
			add(CheckBadRecord, fmt.Sprintf("makeup %x", k)) // filed under another pair
		}
		return nil
	})
	return ps
}

// domainDamage runs checkDomain on tx and returns an error wrapping
// ErrDamaged that counts the problems and names the first, or nil.
func domainDamage(tx *bolt.Tx) error {
	if ps := checkDomain(tx); len(ps) > 0 {
		return fmt.Errorf("%w: %d problems, first %s: %s", ErrDamaged, len(ps), ps[0].Code, ps[0].Field)
	}
	return nil
}

// checkChange checks a mark history record kept in the marks bucket: it
// reads, its session is there, and its key (histKey) is the one made from
// the change: its session, the block and seq of its member (seqOf), its
// time, and a write order no later than top, the bucket's sequence.
func checkChange(k, v []byte, sessions map[uuid.UUID]bool, seqOf map[uuid.UUID]uint32, top uint64, add func(code, where string)) {
	where := fmt.Sprintf("mark history %x", k)
	var ch MarkChange
	n := ^binary.BigEndian.Uint64(k[blockKeySize+8:])
	switch {
	case !sessions[uuid.UUID(k[:16])]:
		add(CheckOrphanMarks, where)
	case decode(v, &ch) != nil || n > top:
		add(CheckBadRecord, where)
	default:
		seq, ok := seqOf[ch.MemberID]
		if !ok {
			add(CheckUnknownSeq, where)
		} else if !bytes.Equal(k, histKey(ch.SessionID, seq, ch.At, n)) {
			add(CheckBadRecord, where)
		}
	}
}

func checkProblem(code, where string) Problem {
	return Problem{Field: where, Code: code, Args: map[string]any{"Where": where}}
}

func seqKey2(k []byte) uint32 {
	return uint32(k[0])<<24 | uint32(k[1])<<16 | uint32(k[2])<<8 | uint32(k[3])
}
