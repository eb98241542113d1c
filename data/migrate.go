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

// migrate brings a ledger written by an older schema up to SchemaVersion in
// one transaction: either the whole migration lands or the file is as it was.
// Before it commits, the migrated ledger must pass the checks every open
// makes (checkRecords and checkDomain): a fault the old layout could not
// show is then refused with ErrDamaged and the file left as it was, never
// committed into a ledger that fails on every later open.
func (l *Ledger) migrate(from uint32) error {
	return l.update(func(tx *bolt.Tx) error {
		for v := from; v < SchemaVersion; v++ {
			step, ok := migrations[v]
			if !ok {
				return fmt.Errorf("no migration from schema %d", v)
			}
			if err := step(tx); err != nil {
				return err
			}
		}
		if err := tx.Bucket(bMeta).Put(kSchema, seqKey(SchemaVersion)); err != nil {
			return err
		}
		if err := checkRecords(tx, SchemaVersion); err != nil {
			return fmt.Errorf("the migrated ledger: %w", err)
		}
		if err := domainDamage(tx); err != nil {
			return fmt.Errorf("the migrated ledger: %w", err)
		}
		return nil
	})
}

// migrations[v] upgrades schema v to v+1.
var migrations = map[uint32]func(tx *bolt.Tx) error{
	1: migrate1to2,
	2: migrate2to3,
	3: migrate3to4,
}

// migrate2to3 gives every record its CRC-32C. Records of versions 1 and 2
// become 3 and 4, which are the same bytes followed by the checksum. The
// marks, which schema 3 summed in one value per session, are left to
// migrate3to4, which reads both layouts.
func migrate2to3(tx *bolt.Tx) error {
	type kv struct{ k, v []byte }
	var puts []kv
	add := func(k, v []byte) { puts = append(puts, kv{bytes.Clone(k), v}) }
	for _, name := range append([][]byte{bMeta, bMarkHist}, recordBuckets...) {
		b := tx.Bucket(name)
		if b == nil {
			continue // no mark history: made by schema 1, migrated
		}
		puts = puts[:0]
		if err := b.ForEach(func(k, v []byte) error {
			if bytes.Equal(name, bMeta) && !bytes.Equal(k, kBranch) {
				return nil // the magic and the schema number stay raw
			}
			if len(v) == 0 || (v[0] != recordJSON && v[0] != recordMember) {
				return nil // already summed (migrated from schema 1)
			}
			add(k, appendSum(append([]byte{v[0] + 2}, v[1:]...)))
			return nil
		}); err != nil {
			return err
		}
		for _, p := range puts {
			if err := b.Put(p.k, p.v); err != nil {
				return err
			}
		}
	}
	return nil
}

// migrate3to4 splits every session's marks value (schema 2's unsummed
// layout or schema 3's summed one, under the session ID) into blocks of
// 256 member seqs (see marks_codec.go) and moves the mark history from its
// own bucket into the marks bucket, each change beside its block. The new
// history keys are built from the records themselves, whose checksum holds,
// not from the old keys, which had none (movedHistKey).
func migrate3to4(tx *bolt.Tx) error {
	b := tx.Bucket(bMarks)
	if old := tx.Bucket(bMarkHist); old != nil {
		seqOf, err := memberSeqs(tx)
		if err != nil {
			return err
		}
		if err := old.ForEach(func(k, v []byte) error {
			nk, err := movedHistKey(k, v, seqOf, old.Sequence())
			if err != nil {
				return err
			}
			if b.Get(nk) != nil {
				return fmt.Errorf("schema 3 mark history %x: a second change under %x: %w", k, nk, ErrDamaged)
			}
			return b.Put(nk, bytes.Clone(v))
		}); err != nil {
			return err
		}
		// Changes made from now on take the next numbers.
		if err := b.SetSequence(old.Sequence()); err != nil {
			return err
		}
		if err := tx.DeleteBucket(bMarkHist); err != nil {
			return err
		}
	}
	type session struct {
		id uuid.UUID
		es []markEntry
	}
	var ss []session
	if err := b.ForEach(func(k, v []byte) error {
		if len(k) == histKeySize {
			return nil // moved above
		}
		if len(k) != 16 || checkSessionValue(k, v) != nil {
			return fmt.Errorf("schema 3 marks %x: %w", k, errBadRecord)
		}
		s := session{id: uuid.UUID(k)}
		eachEntry(pieceEntries(v), func(seq uint32, m Mark) { s.es = append(s.es, markEntry{seq, m}) })
		ss = append(ss, s)
		return nil
	}); err != nil {
		return err
	}
	for _, s := range ss {
		if err := replaceMarks(b, s.id, s.es); err != nil {
			return err
		}
	}
	return nil
}

// oldHistKey splits a mark history key of schema 2 or 3 (bMarkHist):
// session ID, time (UnixNano), write order and member seq in 36 bytes, or
// 28 without the write order (then 0). ok is false for any other length.
func oldHistKey(k []byte) (sid uuid.UUID, at time.Time, n uint64, seq uint32, ok bool) {
	if len(k) != 36 && len(k) != 28 {
		return sid, at, 0, 0, false
	}
	if len(k) == 36 {
		n = binary.BigEndian.Uint64(k[24:])
	}
	at = time.Unix(0, int64(binary.BigEndian.Uint64(k[16:])))
	return uuid.UUID(k[:16]), at, n, binary.BigEndian.Uint32(k[len(k)-4:]), true
}

// movedHistKey returns the schema 4 key (histKey) of the schema 2 or 3
// mark history record v kept under k, made from the record: its session,
// its member's seq (seqOf) and its time, with the write order of k. A key
// without a checksum can be damaged while every check of the values holds,
// so the old key must name the same session, member seq and time, and a
// write order no later than top (the bucket's sequence); otherwise the
// error wraps ErrDamaged.
func movedHistKey(k, v []byte, seqOf map[uuid.UUID]uint32, top uint64) ([]byte, error) {
	var ch MarkChange
	if err := decode(v, &ch); err != nil {
		return nil, fmt.Errorf("schema 3 mark history %x: %w", k, err)
	}
	sid, at, n, seq, ok := oldHistKey(k)
	mseq, known := seqOf[ch.MemberID]
	if !ok || sid != ch.SessionID || !at.Equal(ch.At) || !known || seq != mseq || n > top {
		return nil, fmt.Errorf("schema 3 mark history %x: the key does not name its change: %w", k, ErrDamaged)
	}
	return histKey(ch.SessionID, mseq, ch.At, n), nil
}

// memberSeqs maps every member's ID to its seq, read from the members'
// records (not the seq index, which a check compares with them).
func memberSeqs(tx *bolt.Tx) (map[uuid.UUID]uint32, error) {
	seqOf := map[uuid.UUID]uint32{}
	err := tx.Bucket(bMembers).ForEach(func(k, v []byte) error {
		var m Member
		if err := decode(v, &m); err != nil {
			return fmt.Errorf("member %x: %w", k, err)
		}
		seqOf[m.ID] = m.Seq
		return nil
	})
	return seqOf, err
}

// migrate1to2 replaces schema 1's one key per mark (session ID + member ID →
// status, reason) with one value per session keyed by member seq, giving
// every member a seq and building the ID-number index.
func migrate1to2(tx *bolt.Tx) error {
	for _, name := range allBuckets {
		if _, err := tx.CreateBucketIfNotExists(name); err != nil {
			return err
		}
	}
	members := tx.Bucket(bMembers)
	seqOf := map[uuid.UUID]uint32{}
	var ms []Member
	if err := members.ForEach(func(k, v []byte) error {
		var m Member
		if err := decode(v, &m); err != nil {
			return err
		}
		ms = append(ms, m)
		return nil
	}); err != nil {
		return err
	}
	for i := range ms {
		m := &ms[i]
		seq, err := tx.Bucket(bMemberSeq).NextSequence()
		if err != nil {
			return err
		}
		m.Seq = uint32(seq)
		seqOf[m.ID] = m.Seq
		if err := tx.Bucket(bMemberSeq).Put(seqKey(m.Seq), m.ID[:]); err != nil {
			return err
		}
		if m.IDNumber != "" {
			if err := tx.Bucket(bIDNumbers).Put([]byte(m.IDNumber), m.ID[:]); err != nil {
				return err
			}
		}
		if err := putRecord(tx, bMembers, m.ID[:], m); err != nil {
			return err
		}
	}
	old := tx.Bucket(bMarks)
	bySession := map[uuid.UUID][]markEntry{}
	if err := old.ForEach(func(k, v []byte) error {
		if len(k) != 32 || len(v) != 2 {
			return fmt.Errorf("schema 1 mark %x: %w", k, errBadRecord)
		}
		seq, ok := seqOf[uuid.UUID(k[16:])]
		if !ok {
			return fmt.Errorf("schema 1 mark for unknown member %x: %w", k[16:], ErrNotFound)
		}
		sid := uuid.UUID(k[:16])
		bySession[sid] = append(bySession[sid], markEntry{seq, Mark{MarkStatus(v[0]), LeaveReason(v[1])}})
		return nil
	}); err != nil {
		return err
	}
	if err := tx.DeleteBucket(bMarks); err != nil {
		return err
	}
	nb, err := tx.CreateBucket(bMarks)
	if err != nil {
		return err
	}
	for sid, es := range bySession {
		sort.Slice(es, func(i, j int) bool { return es[i].Seq < es[j].Seq })
		if err := nb.Put(sid[:], encodeMarks(sid, es)); err != nil {
			return err
		}
	}
	return nil
}
