package data

import (
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// recordBuckets hold records written by encode; their values carry a
// checksum from schema 3 on.
var recordBuckets = [][]byte{bMembers, bSessions, bMakeUps, bSeries, bExports}

// lazyRecordBuckets hold records written by encode too, but are created by
// the first write that needs them (dues, duties): absent is empty.
var lazyRecordBuckets = [][]byte{bDues, bDuesVoluntary, bConfirmations, bReviews, bTalks}

// checkRecords is the quick check of every record made when a ledger is
// opened, after the structural check of its pages: every bucket is there,
// every record's and marks value's checksum holds (schema 3), every marks
// value sits under the session it names, the indexes hold IDs. It reads
// no record's fields, so it costs little more than reading the file.
func checkRecords(tx *bolt.Tx, schema uint32) error {
	if schema < 2 {
		return nil // one key per mark, buckets made by the migration
	}
	buckets, records := allBuckets, recordBuckets
	if schema < 4 { // the mark history had a bucket of its own
		buckets, records = append(buckets, bMarkHist), append(records, bMarkHist)
	}
	for _, name := range buckets {
		if tx.Bucket(name) == nil {
			return fmt.Errorf("%w: bucket %s missing", ErrDamaged, name)
		}
	}
	summed := schema >= 3
	record := func(what string, k, v []byte) error {
		if v == nil {
			return fmt.Errorf("%w: %s %x is a bucket", ErrDamaged, what, k)
		}
		if !summed {
			return nil
		}
		if len(v) == 0 || (v[0] != recordJSONSum && v[0] != recordMemberSum && v[0] != recordDues) {
			return fmt.Errorf("%w: %s %x: record version", ErrDamaged, what, k)
		}
		if _, ok := verifySum(v); !ok {
			return fmt.Errorf("%w: %s %x fails its checksum", ErrDamaged, what, k)
		}
		return nil
	}
	if err := record("branch", kBranch, tx.Bucket(bMeta).Get(kBranch)); err != nil {
		return err
	}
	for _, name := range records {
		if err := tx.Bucket(name).ForEach(func(k, v []byte) error { return record(string(name), k, v) }); err != nil {
			return err
		}
	}
	for _, name := range lazyRecordBuckets {
		b := tx.Bucket(name)
		if b == nil {
			continue
		}
		if err := b.ForEach(func(k, v []byte) error { return record(string(name), k, v) }); err != nil {
			return err
		}
	}
	// From schema 4 a session's marks are kept in blocks, with the record
	// of each change after closing beside its block; before, in one value
	// under the session ID, summed from schema 3.
	if err := tx.Bucket(bMarks).ForEach(func(k, v []byte) error {
		if len(k) == histKeySize && schema >= 4 {
			return record("mark history", k, v)
		}
		blocks := len(k) == blockKeySize
		if checkPiece(k, v) != nil || blocks != (schema >= 4) || (summed && !blocks && len(v) > 0 && v[0] != marksVersion) {
			return fmt.Errorf("%w: marks %x", ErrDamaged, k)
		}
		return nil
	}); err != nil {
		return err
	}
	if err := tx.Bucket(bMemberSeq).ForEach(func(k, v []byte) error {
		if len(k) != 4 || len(v) != 16 {
			return fmt.Errorf("%w: seq index %x", ErrDamaged, k)
		}
		return nil
	}); err != nil {
		return err
	}
	return tx.Bucket(bIDNumbers).ForEach(func(k, v []byte) error {
		if len(v) != 16 {
			return fmt.Errorf("%w: id index", ErrDamaged)
		}
		return nil
	})
}
