package data

import (
	"fmt"
	"sort"

	"github.com/google/uuid"
	bolt "go.etcd.io/bbolt"
)

// migrate brings a ledger written by an older schema up to SchemaVersion in
// one transaction: either the whole migration lands or the file is as it was.
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
		return tx.Bucket(bMeta).Put(kSchema, seqKey(SchemaVersion))
	})
}

// migrations[v] upgrades schema v to v+1.
var migrations = map[uint32]func(tx *bolt.Tx) error{
	1: migrate1to2,
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
		if err := nb.Put(sid[:], encodeMarks(es)); err != nil {
			return err
		}
	}
	return nil
}
