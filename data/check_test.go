package data

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/google/uuid"
	bolt "go.etcd.io/bbolt"
)

func TestCheckSound(t *testing.T) {
	for _, tc := range []struct {
		name string
		l    *Ledger
	}{{"empty ledger", newTestLedger(t)}, {"demo ledger", newDemoLedger(t)}} {
		ps, err := tc.l.Check()
		if err != nil {
			t.Fatal(err)
		}
		if len(ps) > 0 {
			t.Errorf("%s: got %d problems, first %+v; want none", tc.name, len(ps), ps[0])
		}
	}
}

// firstKV returns a copy of the first key and value of a bucket.
func firstKV(tx *bolt.Tx, bucket []byte) ([]byte, []byte) {
	k, v := tx.Bucket(bucket).Cursor().First()
	return slices.Clone(k), slices.Clone(v)
}

// rewrite decodes a record, changes it and puts it back.
func rewrite[T any](tx *bolt.Tx, bucket, key []byte, change func(*T)) error {
	var x T
	if err := decode(tx.Bucket(bucket).Get(key), &x); err != nil {
		return err
	}
	change(&x)
	return putRecord(tx, bucket, key, &x)
}

// leakPage raises the high-water mark of both bbolt meta pages by one page
// and grows the file to match: the new page is neither reachable nor
// free, a page-level inconsistency.
func leakPage(t *testing.T, path string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	le := binary.LittleEndian
	var hw uint64
	var ps int
	for _, off := range []int{0, 4096} {
		m := b[off+pageHeaderSize : off+pageHeaderSize+metaSize]
		ps = int(le.Uint32(m[8:]))
		pgid := le.Uint64(m[40:]) + 1
		le.PutUint64(m[40:], pgid)
		h := fnv.New64a()
		_, _ = h.Write(m[:56])
		le.PutUint64(m[56:], h.Sum64())
		hw = max(hw, pgid)
	}
	if need := int(hw) * ps; len(b) < need {
		b = append(b, make([]byte, need-len(b))...)
	}
	putFile(t, path, b)
}

// TestCheckFindsCorruption damages a demo ledger behind the ledger's back,
// one way per case, and requires Check to name the damage.
func TestCheckFindsCorruption(t *testing.T) {
	demo := demoFile(t, t.TempDir())
	bad := func(tx *bolt.Tx, bucket, key, value []byte) error { return tx.Bucket(bucket).Put(key, value) }
	tests := []struct {
		name    string
		corrupt func(tx *bolt.Tx) error
		want    string
	}{
		{"marks of an unknown session", func(tx *bolt.Tx) error {
			_, v := firstKV(tx, bMarks)
			return bad(tx, bMarks, newID().NodeID(), v) // 6 bytes: not even a session key
		}, CheckOrphanMarks},
		{"marks of a session that is not there", func(tx *bolt.Tx) error {
			k, v := firstKV(tx, bMarks)
			_, blk, es := decodePiece(t, k, v)
			id := newID()
			return bad(tx, bMarks, blockKey(id, blk), encodeBlock(id, blk, es))
		}, CheckOrphanMarks},
		{"marks moved under another session", func(tx *bolt.Tx) error {
			k, v := firstKV(tx, bMarks)
			c := tx.Bucket(bSessions).Cursor()
			other, _ := c.First()
			if string(other) == string(k[:16]) {
				other, _ = c.Next()
			}
			return bad(tx, bMarks, blockKey(uuid.UUID(other), 0), v)
		}, CheckBadRecord},
		{"marks moved under another block", func(tx *bolt.Tx) error {
			k, v := firstKV(tx, bMarks)
			return bad(tx, bMarks, blockKey(uuid.UUID(k[:16]), 1), v)
		}, CheckBadRecord},
		{"marks of block 0 stored as block 1", func(tx *bolt.Tx) error {
			// Self-consistent and summed, but seqs 1–14 belong in block 0.
			k, v := firstKV(tx, bMarks)
			sid, _, es := decodePiece(t, k, v)
			return errors.Join(tx.Bucket(bMarks).Delete(k), bad(tx, bMarks, blockKey(sid, 1), encodeBlock(sid, 1, es)))
		}, CheckBadMark},
		{"mark of an unknown member seq", func(tx *bolt.Tx) error {
			return resumMarks(tx, func(es []markEntry) []markEntry {
				return append(es, markEntry{999, Mark{Status: Present}})
			})
		}, CheckUnknownSeq},
		{"mark with a status out of range", func(tx *bolt.Tx) error {
			return resumMarks(tx, func(es []markEntry) []markEntry { es[0].Status = Absent + 1; return es })
		}, CheckBadMark},
		{"mark stored as unmarked", func(tx *bolt.Tx) error {
			return resumMarks(tx, func(es []markEntry) []markEntry { es[0].Status = Unmarked; return es })
		}, CheckBadMark},
		{"marks out of order", func(tx *bolt.Tx) error {
			// The first member again, at the end.
			return resumMarks(tx, func(es []markEntry) []markEntry { return append(es, es[0]) })
		}, CheckBadMark},
		{"marks failing their checksum", func(tx *bolt.Tx) error {
			k, v := firstKV(tx, bMarks)
			v[blockHeaderSize+4] ^= 1
			return bad(tx, bMarks, k, v)
		}, CheckBadRecord},
		{"marks value cut short", func(tx *bolt.Tx) error {
			k, v := firstKV(tx, bMarks)
			return bad(tx, bMarks, k, v[:len(v)-1])
		}, CheckBadRecord},
		{"member record unreadable", func(tx *bolt.Tx) error {
			k, _ := firstKV(tx, bMembers)
			return bad(tx, bMembers, k, []byte{recordVersion, '{'})
		}, CheckBadRecord},
		{"member record of an unknown version", func(tx *bolt.Tx) error {
			k, v := firstKV(tx, bMembers)
			v[0] = recordVersion + 1
			return bad(tx, bMembers, k, v)
		}, CheckBadRecord},
		{"member without its seq index", func(tx *bolt.Tx) error {
			k, _ := firstKV(tx, bMemberSeq)
			return tx.Bucket(bMemberSeq).Delete(k)
		}, CheckSeqIndex},
		{"seq index pointing nowhere", func(tx *bolt.Tx) error {
			id := newID()
			return bad(tx, bMemberSeq, seqKey(9999), id[:])
		}, CheckSeqIndex},
		{"two members with one seq", func(tx *bolt.Tx) error {
			k, _ := firstKV(tx, bMembers)
			c := tx.Bucket(bMembers).Cursor()
			c.First()
			k2, _ := c.Next()
			var first Member
			if err := decode(tx.Bucket(bMembers).Get(k), &first); err != nil {
				return err
			}
			return rewrite(tx, bMembers, slices.Clone(k2), func(m *Member) { m.Seq = first.Seq })
		}, CheckSeqIndex},
		{"member without its ID-number index", func(tx *bolt.Tx) error {
			k, _ := firstKV(tx, bIDNumbers)
			return tx.Bucket(bIDNumbers).Delete(k)
		}, CheckIDIndex},
		{"ID-number index pointing at another member", func(tx *bolt.Tx) error {
			k, _ := firstKV(tx, bIDNumbers)
			c := tx.Bucket(bMembers).Cursor()
			c.First()
			other, _ := c.Next()
			if string(tx.Bucket(bIDNumbers).Get(k)) == string(other) {
				other, _ = c.Next()
			}
			return bad(tx, bIDNumbers, k, slices.Clone(other))
		}, CheckIDIndex},
		{"session record unreadable", func(tx *bolt.Tx) error {
			k, _ := firstKV(tx, bSessions)
			return bad(tx, bSessions, k, []byte("not a record"))
		}, CheckBadRecord},
		{"session of an unknown kind", func(tx *bolt.Tx) error {
			k, _ := firstKV(tx, bSessions)
			return rewrite(tx, bSessions, k, func(s *Session) { s.Kind = "party" })
		}, CheckBadKind},
		{"make-up of an unknown member", func(tx *bolt.Tx) error {
			k, _ := firstKV(tx, bMakeUps)
			return rewrite(tx, bMakeUps, k, func(mu *MakeUp) { mu.MemberID = newID() })
		}, CheckOrphanMakeUp},
		{"make-up of an unknown session", func(tx *bolt.Tx) error {
			k, _ := firstKV(tx, bMakeUps)
			return rewrite(tx, bMakeUps, k, func(mu *MakeUp) { mu.SessionID = newID() })
		}, CheckOrphanMakeUp},
		{"branch profile unreadable", func(tx *bolt.Tx) error {
			return bad(tx, bMeta, kBranch, []byte{recordVersion, '['})
		}, CheckBadRecord},
		{"mark history record unreadable", func(tx *bolt.Tx) error {
			s, _ := firstKV(tx, bSessions)
			return bad(tx, bMarks, histKey(uuid.UUID(s), 1, testNow, 1), []byte{recordVersion})
		}, CheckBadRecord},
		{"export record unreadable", func(tx *bolt.Tx) error {
			id := newID()
			return bad(tx, bExports, id[:], []byte(`{"file":"x.xlsx"}`)) // no version byte
		}, CheckBadRecord},
		{"a bucket missing", func(tx *bolt.Tx) error { return tx.DeleteBucket(bMakeUps) }, CheckBolt},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			path := filepath.Join(t.TempDir(), "bad.ledger")
			copyTestFile(t, demo, path)
			updateRaw(t, path, tc.corrupt)
			checkFinds(t, path, tc.want)
		})
	}
	t.Run("a leaked page", func(t *testing.T) {
		t.Parallel()
		path := filepath.Join(t.TempDir(), "bad.ledger")
		copyTestFile(t, demo, path)
		leakPage(t, path)
		// A page neither used nor free is a lost part of a tree: the
		// structural check refuses the file.
		checkFinds(t, path, CheckDamagedFile)
	})
}

// resumMarks changes the first session's marks through edit and stores
// them with a valid checksum, as a program with a bug would.
func resumMarks(tx *bolt.Tx, edit func([]markEntry) []markEntry) error {
	k, v := firstKV(tx, bMarks)
	if err := checkPiece(k, v); err != nil || len(k) != blockKeySize {
		return fmt.Errorf("first marks %x: %v", k, err)
	}
	var es []markEntry
	eachEntry(pieceEntries(v), func(seq uint32, m Mark) { es = append(es, markEntry{seq, m}) })
	blk := binary.BigEndian.Uint32(k[16:])
	return tx.Bucket(bMarks).Put(k, encodeBlock(uuid.UUID(k[:16]), blk, edit(es)))
}

// checkFinds requires Verify (the check command's path) to report code.
func checkFinds(t *testing.T, path, code string) {
	t.Helper()
	ps, err := Verify(path, testOptions())
	if err != nil {
		t.Fatalf("Verify: %v", err)
	}
	var codes []string
	for _, p := range ps {
		codes = append(codes, p.Code)
		if p.Args["Where"] == nil {
			t.Errorf("problem %s names no record", p.Code)
		}
	}
	if !slices.Contains(codes, code) {
		t.Errorf("got problems %v, want %s among them", codes, code)
	}
}

// TestDamagedPages zeroes each page of a demo ledger in turn, as a disk
// error or a half-synced copy might. Nothing may crash: the file is either
// refused as damaged, or it opens and Check reports the damage (a
// free page may be lost without harm), and reading it gives errors, not
// panics.
func TestDamagedPages(t *testing.T) {
	demo := demoFile(t, t.TempDir())
	b, err := os.ReadFile(demo)
	if err != nil {
		t.Fatal(err)
	}
	want := contentOf(t, demo)
	const ps = 4096
	var refused, reported, harmless int
	for pg := 2; pg*ps < len(b); pg++ {
		path := filepath.Join(t.TempDir(), "damaged.ledger")
		c := slices.Clone(b)
		clear(c[pg*ps : (pg+1)*ps])
		putFile(t, path, c)
		func() {
			defer func() {
				if r := recover(); r != nil {
					t.Errorf("page %d zeroed: panic %v", pg, r)
				}
			}()
			l, err := Open(path, testOptions())
			if err != nil {
				if !errors.Is(err, ErrDamaged) {
					t.Errorf("page %d zeroed: Open got %v, want ErrDamaged or success", pg, err)
				}
				refused++
				return
			}
			problems, err := l.Check()
			if err != nil {
				t.Errorf("page %d zeroed: Check: %v", pg, err)
			}
			// Whatever the screens read must fail softly.
			_, _ = l.Members()
			ss, _ := l.Sessions(0, 0)
			for _, s := range ss {
				_, _ = l.Marks(s.ID)
			}
			_, _ = l.YearStats(2026)
			_, _ = l.MakeUps()
			if err := l.Close(); err != nil {
				t.Fatal(err)
			}
			if len(problems) > 0 {
				reported++
				return
			}
			// A clean Check must mean the records are all there.
			compareContent(t, fmt.Sprintf("page %d zeroed, Check clean", pg), contentOf(t, path), want)
			harmless++
		}()
	}
	t.Logf("%d pages: %d refused, %d reported by Check, %d harmless (free)", len(b)/ps-2, refused, reported, harmless)
}
