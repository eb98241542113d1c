package data

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// TestBranchKeyMustNameItsChild: a byte flipped in a branch page's key,
// leaving the keys in order, is damage. bbolt finds a child's entry in its
// branch by the child's first key; before the check, such a ledger opened
// and its next write gave a page two entries (the tester's repro B).
func TestBranchKeyMustNameItsChild(t *testing.T) {
	l := newTestLedger(t)
	manyMembers(t, l, 600) // the members bucket needs branch pages
	path := l.path
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	good, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	at, ok := lowerBranchKey(good, 4096)
	if !ok {
		t.Fatal("no branch page with a key that can be lowered in order")
	}
	bad := bytes.Clone(good)
	bad[at]--
	if err := os.WriteFile(path, bad, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(path, testOptions()); !errors.Is(err, ErrDamaged) {
		t.Fatalf("Open with a branch key lowered at byte %d: %v, want ErrDamaged", at, err)
	}
	after, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(after, bad) {
		t.Error("the damaged ledger was written to")
	}
}

// lowerBranchKey finds, in a file of 4 KiB pages, a branch page whose
// second or later key can be lowered by one in its last non-zero byte and
// stay above the key before it, and returns that byte's offset in file.
func lowerBranchKey(file []byte, ps int) (int, bool) {
	le := binary.LittleEndian
	for off := 2 * ps; off+ps <= len(file); off += ps {
		p := file[off : off+ps]
		if le.Uint16(p[8:]) != branchPageFlag {
			continue
		}
		count := int(le.Uint16(p[10:]))
		key := func(i int) (int, []byte) {
			e := pageHeaderSize + i*elemSize
			pos := e + int(le.Uint32(p[e:]))
			return pos, p[pos : pos+int(le.Uint32(p[e+4:]))]
		}
		for i := 1; i < count; i++ {
			_, prev := key(i - 1)
			pos, k := key(i)
			j := len(k) - 1
			for j >= 0 && k[j] == 0 {
				j--
			}
			if j < 0 {
				continue
			}
			lowered := bytes.Clone(k)
			lowered[j]--
			if bytes.Compare(lowered, prev) > 0 {
				return off + pos + j, true
			}
		}
	}
	return 0, false
}

// TestHealthyTreesPassThePageCheck: files bbolt wrote after thousands of
// random puts and deletes, keys of many lengths, values small and large
// (overflow pages), nested and dropped buckets, every fill percent, pages
// freed while a reader holds them, all pass the structural check, read
// while the database is open as a crash would leave it: the branch-key,
// data-layout and every-page-accounted-for rules hold for every tree
// bbolt writes, not only ledgers'.
func TestHealthyTreesPassThePageCheck(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for round := range 4 {
		path := filepath.Join(t.TempDir(), fmt.Sprintf("r%d.db", round))
		// Mapped large enough from the start: a growing file would wait
		// for the reader held across a write to end.
		db, err := bolt.Open(path, 0o600, &bolt.Options{InitialMmapSize: 1 << 27})
		if err != nil {
			t.Fatal(err)
		}
		var live [][]byte
		for i := range 60 {
			// Now and then a reader holds the old pages while a write
			// frees them (they are then pending in the free list).
			var reader *bolt.Tx
			if i%7 == 3 {
				if reader, err = db.Begin(false); err != nil {
					t.Fatal(err)
				}
			}
			err := db.Update(func(tx *bolt.Tx) error {
				if i%11 == 5 {
					if err := tx.DeleteBucket([]byte("b")); err != nil && !errors.Is(err, berrors.ErrBucketNotFound) {
						return err
					}
					live = live[:0]
				}
				b, err := tx.CreateBucketIfNotExists([]byte("b"))
				if err != nil {
					return err
				}
				b.FillPercent = []float64{0.1, 0.5, 0.9, 1}[i%4]
				for range 200 {
					switch r := rng.IntN(10); {
					case r < 6 || len(live) == 0:
						k := make([]byte, 1+rng.IntN(40))
						for i := range k {
							k[i] = byte(rng.IntN(256))
						}
						k[0] %= 0xff // 0xff starts the nested buckets' names
						v := make([]byte, rng.IntN(300))
						if rng.IntN(50) == 0 {
							v = make([]byte, 5000+rng.IntN(9000))
						}
						if err := b.Put(k, v); err != nil {
							return err
						}
						live = append(live, k)
					case r < 9:
						i := rng.IntN(len(live))
						if err := b.Delete(live[i]); err != nil {
							return err
						}
						live[i] = live[len(live)-1]
						live = live[:len(live)-1]
					default:
						nb, err := b.CreateBucketIfNotExists([]byte{0xff, byte(rng.IntN(8))})
						if err != nil {
							return err
						}
						if err := nb.Put([]byte{byte(rng.IntN(256)), byte(rng.IntN(256))}, make([]byte, rng.IntN(600))); err != nil {
							return err
						}
					}
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if reader != nil {
				if err := reader.Rollback(); err != nil {
					t.Fatal(err)
				}
			}
			if i%10 == 9 { // every state a crash could leave, not only the last
				if err := checkFile(path); err != nil {
					t.Fatalf("round %d, commit %d: a healthy file fails the page check: %v", round, i, err)
				}
			}
		}
		if err := db.Close(); err != nil {
			t.Fatal(err)
		}
		if err := checkFile(path); err != nil {
			t.Fatalf("round %d: a healthy file fails the page check: %v", round, err)
		}
	}
}

// TestCheckWaitsForTheWriter: while another holder writes the ledger, its
// pages are in flux; the structural check is made only under the shared
// lock, so a reader gets ErrLocked, never "damaged". The pages a commit
// would be rewriting are modelled by scribbling over a data page on disk
// while the writer holds the lock (before, the unlocked check read it and
// called the ledger damaged — 15 times in 2,000 opens against a busy
// writer in a tester's run).
func TestCheckWaitsForTheWriter(t *testing.T) {
	l := newTestLedger(t)
	manyMembers(t, l, 100)
	path := l.path
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	page := make([]byte, 4096)
	if _, err := f.ReadAt(page, 2*4096); err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteAt(bytes.Repeat([]byte{0x5a}, 4096), 2*4096); err != nil {
		t.Fatal(err)
	}
	for _, opt := range []Options{
		{Now: testOptions().Now, ReadOnly: true, LockTimeout: 20 * time.Millisecond},
		{Now: testOptions().Now, ReadOnly: true, Salvage: true, LockTimeout: 20 * time.Millisecond},
		{Now: testOptions().Now, NoBackup: true, LockTimeout: 20 * time.Millisecond},
	} {
		if other, err := Open(path, opt); !errors.Is(err, ErrLocked) {
			if err == nil {
				_ = other.Close()
			}
			t.Errorf("Open(%+v) while the writer holds the ledger: got %v, want ErrLocked", opt, err)
		}
	}
	if err := Restore(path, filepath.Join(t.TempDir(), "copy.ledger"), Options{Now: testOptions().Now, LockTimeout: 20 * time.Millisecond}); !errors.Is(err, ErrLocked) {
		t.Errorf("Restore from a ledger being written: got %v, want ErrLocked", err)
	}
	if _, err := f.WriteAt(page, 2*4096); err != nil {
		t.Fatal(err)
	}
}
