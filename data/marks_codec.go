package data

import (
	"bytes"
	"encoding/binary"
	"sort"

	"github.com/google/uuid"
	bolt "go.etcd.io/bbolt"
)

// Attendance is not stored one key per mark: a year's statistics would
// then read a million keys. Nor, from schema 4 on, one value per session:
// a committed mark rewrote the session's whole attendance (30 KB, eight
// pages, at 5,000 members), which kept a commit well above bbolt's own
// minimum of two fdatasyncs (issue 14). A session's marks are kept in
// blocks: the marks of the members whose seq falls in one run of 256
// consecutive seqs (seq >> markBlockBits), under the key session ID +
// block number (big-endian uint32), so that a mark rewrites one value of
// at most 1.5 KB and the statistics still read a few values per session.
//
// A block's value is the version byte marksBlockVersion, the session ID
// and block number it belongs to (so that a value that lands under another
// key is noticed), six-byte entries (member seq uint32, status, reason)
// sorted by seq, and a CRC-32C of all of it. An empty block is not stored.
//
// A change made to a closed session's marks is kept in the same bucket,
// right after its block (histKey in marks.go), as a record (encode).
//
// Schemas 2 and 3 kept one value per session under the bare session ID:
// entries only (marksVersionOld), or the session ID, entries and CRC-32C
// (marksVersion). They are read to migrate a ledger and to look at older
// backups; sessionEntries reads both layouts alike.
const (
	marksVersionOld   = 1
	marksVersion      = 2
	marksBlockVersion = 3
	markBlockBits     = 8          // 256 seqs per block
	marksHeaderSize   = 1 + 16     // version byte and session ID
	blockHeaderSize   = 1 + 16 + 4 // version byte, session ID, block number
	blockKeySize      = 16 + 4
	markEntrySize     = 6
	marksTrailerSize  = recordSumSize
)

// markEntry is one decoded mark of a session.
type markEntry struct {
	Seq uint32
	Mark
}

// blockOf returns the block a member seq's marks are kept in.
func blockOf(seq uint32) uint32 { return seq >> markBlockBits }

// blockKey is the key of session sid's marks in block blk.
func blockKey(sid uuid.UUID, blk uint32) []byte {
	return binary.BigEndian.AppendUint32(append(make([]byte, 0, blockKeySize), sid[:]...), blk)
}

// encodeBlock lays out the marks es (sorted by seq, all in block blk) of
// session sid.
func encodeBlock(sid uuid.UUID, blk uint32, es []markEntry) []byte {
	b := make([]byte, 0, blockHeaderSize+len(es)*markEntrySize+marksTrailerSize)
	b = append(b, marksBlockVersion)
	b = append(b, sid[:]...)
	b = binary.BigEndian.AppendUint32(b, blk)
	return appendSum(appendEntries(b, es))
}

// appendEntries appends the six-byte entries of es to b.
func appendEntries(b []byte, es []markEntry) []byte {
	for _, e := range es {
		b = binary.BigEndian.AppendUint32(b, e.Seq)
		b = append(b, byte(e.Status), byte(e.Reason))
	}
	return b
}

// encodeMarks lays out a whole session's marks as schema 3 did (version
// marksVersion under the bare session ID): migrate1to2 writes it, and
// migrate3to4, in the same transaction, splits it into blocks; tests make
// schema-3 ledgers with it.
func encodeMarks(sid uuid.UUID, es []markEntry) []byte {
	b := make([]byte, 0, marksHeaderSize+len(es)*markEntrySize+marksTrailerSize)
	b = append(b, marksVersion)
	b = append(b, sid[:]...)
	return appendSum(appendEntries(b, es))
}

// checkPiece reports whether v is a well-formed marks value for key k
// whose checksum holds and which names the key it sits under: a block
// under a 20-byte key, or a schema 2 or 3 session value under a 16-byte
// one. Whether its entries are in order and known is the domain check's
// part (Check).
func checkPiece(k, v []byte) error {
	switch {
	case v == nil:
		return errBadRecord // a nested bucket, not a value
	case len(k) == 16:
		return checkSessionValue(k, v)
	case len(k) != blockKeySize || len(v) < blockHeaderSize+marksTrailerSize ||
		v[0] != marksBlockVersion || (len(v)-blockHeaderSize-marksTrailerSize)%markEntrySize != 0:
		return errBadRecord
	case !bytes.Equal(v[1:blockHeaderSize], k):
		return errBadRecord // the value of another session or block
	}
	if _, ok := verifySum(v); !ok {
		return errBadRecord
	}
	return nil
}

// checkSessionValue checks a schema 2 or 3 value of a whole session's
// marks under the session ID k. No version ever stored a session without
// marks (its key was deleted), so an empty value, or schema 2's unsummed
// one without entries, is damage: a value length zeroed in the page.
func checkSessionValue(k, v []byte) error {
	switch {
	case len(v) == 0:
		return errBadRecord
	case v[0] == marksVersionOld && len(v) > 1 && (len(v)-1)%markEntrySize == 0:
		return nil
	case v[0] != marksVersion || len(v) < marksHeaderSize+marksTrailerSize ||
		(len(v)-marksHeaderSize-marksTrailerSize)%markEntrySize != 0 ||
		!bytes.Equal(v[1:marksHeaderSize], k):
		return errBadRecord
	}
	if _, ok := verifySum(v); !ok {
		return errBadRecord
	}
	return nil
}

// pieceEntries returns the six-byte entries of a marks value that passed
// checkPiece.
func pieceEntries(v []byte) []byte {
	switch {
	case len(v) == 0:
		return nil
	case v[0] == marksVersionOld:
		return v[1:]
	case v[0] == marksVersion:
		return v[marksHeaderSize : len(v)-marksTrailerSize]
	}
	return v[blockHeaderSize : len(v)-marksTrailerSize]
}

// sessionEntries calls fn with the entries of each stored piece of session
// sid's marks, in seq order, without allocating; it is the hot loop of the
// statistics. A piece that fails checkPiece gives errBadRecord, after fn
// has seen the pieces before it.
func sessionEntries(b *bolt.Bucket, sid uuid.UUID, fn func(entries []byte)) error {
	c := b.Cursor()
	for k, v := c.Seek(sid[:]); len(k) >= 16 && bytes.Equal(k[:16], sid[:]); k, v = c.Next() {
		if len(k) == histKeySize {
			continue // a change to the marks (MarkHistory)
		}
		if err := checkPiece(k, v); err != nil {
			return err
		}
		fn(pieceEntries(v))
	}
	return nil
}

// markSource reads the stored marks of a session: it calls fn with the
// six-byte entries of each stored piece, in seq order (sessionEntries on
// the marks bucket; tests give their own).
type markSource func(sid uuid.UUID, fn func(entries []byte)) error

// marksIn is the markSource of a marks bucket.
func marksIn(b *bolt.Bucket) markSource {
	return func(sid uuid.UUID, fn func([]byte)) error { return sessionEntries(b, sid, fn) }
}

// eachMark calls fn for every stored mark of session sid, in seq order.
func eachMark(b *bolt.Bucket, sid uuid.UUID, fn func(seq uint32, m Mark)) error {
	return sessionEntries(b, sid, func(e []byte) { eachEntry(e, fn) })
}

// eachEntry calls fn for every six-byte entry of e.
func eachEntry(e []byte, fn func(seq uint32, m Mark)) {
	for i := 0; i+markEntrySize <= len(e); i += markEntrySize {
		fn(binary.BigEndian.Uint32(e[i:]), Mark{Status: MarkStatus(e[i+4]), Reason: LeaveReason(e[i+5])})
	}
}

// hasMarks reports whether session sid has any mark stored.
func hasMarks(b *bolt.Bucket, sid uuid.UUID) bool {
	c := b.Cursor()
	for k, _ := c.Seek(sid[:]); len(k) >= 16 && bytes.Equal(k[:16], sid[:]); k, _ = c.Next() {
		if len(k) != histKeySize {
			return true
		}
	}
	return false
}

// readBlock returns the marks of session sid in block blk.
func readBlock(b *bolt.Bucket, sid uuid.UUID, blk uint32) ([]markEntry, error) {
	k := blockKey(sid, blk)
	v := b.Get(k)
	if v == nil {
		return nil, nil
	}
	if err := checkPiece(k, v); err != nil {
		return nil, err
	}
	e := pieceEntries(v)
	es := make([]markEntry, 0, len(e)/markEntrySize+1) // room for one more
	eachEntry(e, func(seq uint32, m Mark) { es = append(es, markEntry{seq, m}) })
	return es, nil
}

// putBlock stores the marks es (sorted, all in block blk) of session sid,
// or removes the block when es is empty.
func putBlock(b *bolt.Bucket, sid uuid.UUID, blk uint32, es []markEntry) error {
	if len(es) == 0 {
		return b.Delete(blockKey(sid, blk))
	}
	return b.Put(blockKey(sid, blk), encodeBlock(sid, blk, es))
}

// replaceMarks makes es (sorted by seq) the whole attendance of session
// sid: every piece stored before is removed, in either layout; the
// session's mark history stays.
func replaceMarks(b *bolt.Bucket, sid uuid.UUID, es []markEntry) error {
	var old [][]byte
	c := b.Cursor()
	for k, _ := c.Seek(sid[:]); len(k) >= 16 && bytes.Equal(k[:16], sid[:]); k, _ = c.Next() {
		if len(k) != histKeySize {
			old = append(old, bytes.Clone(k))
		}
	}
	for _, k := range old {
		if err := b.Delete(k); err != nil {
			return err
		}
	}
	for i := 0; i < len(es); {
		j := i + 1
		for j < len(es) && blockOf(es[j].Seq) == blockOf(es[i].Seq) {
			j++
		}
		if err := putBlock(b, sid, blockOf(es[i].Seq), es[i:j]); err != nil {
			return err
		}
		i = j
	}
	return nil
}

// setMarkEntry inserts or replaces (or, for Unmarked, removes) one entry,
// keeping es sorted by seq. It returns the previous mark.
func setMarkEntry(es []markEntry, seq uint32, m Mark) ([]markEntry, Mark) {
	i := sort.Search(len(es), func(i int) bool { return es[i].Seq >= seq })
	if i < len(es) && es[i].Seq == seq {
		old := es[i].Mark
		if m.Status == Unmarked {
			return append(es[:i], es[i+1:]...), old
		}
		es[i].Mark = m
		return es, old
	}
	if m.Status == Unmarked {
		return es, Mark{}
	}
	es = append(es, markEntry{})
	copy(es[i+1:], es[i:])
	es[i] = markEntry{seq, m}
	return es, Mark{}
}

func sortEntries(es []markEntry) {
	sort.Slice(es, func(i, j int) bool { return es[i].Seq < es[j].Seq })
}
