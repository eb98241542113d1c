package data

import (
	"errors"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// TestDamagedLazyBucketRecord: a byte flipped inside a record of a bucket
// made by its first write (the example's dues, voluntary dues, 民主评议 and 谈心谈话 records) is
// found when the ledger is opened, like one in the members bucket.
func TestDamagedLazyBucketRecord(t *testing.T) {
	for _, bucket := range [][]byte{bDues, bDuesVoluntary, bReviews, bTalks} {
		t.Run(string(bucket), func(t *testing.T) {
			path := demoFile(t, t.TempDir())
			updateRaw(t, path, func(tx *bolt.Tx) error {
				if tx.Bucket(bucket) == nil {
					t.Fatalf("the example has no %s bucket", bucket)
				}
				k, v := firstKV(tx, bucket)
				if k == nil {
					t.Fatalf("the example has no %s record", bucket)
				}
				v[len(v)/2] ^= 0x10
				return tx.Bucket(bucket).Put(k, v)
			})
			if l, err := Open(path, Options{Now: testOptions().Now, ReadOnly: true}); !errors.Is(err, ErrDamaged) {
				if err == nil {
					_ = l.Close()
				}
				t.Errorf("Open: got %v, want ErrDamaged", err)
			}
		})
	}
}
