package data

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"sort"

	"github.com/google/uuid"
)

// This file is the one place where records become bytes and back.
//
// Records (members, sessions, make-ups, …) are JSON behind a one-byte
// record version. Attendance is laid out one value per session, not one key
// per mark: a year's statistics then read a few hundred values instead of a
// million keys. A session's marks value is a version byte followed by
// fixed six-byte entries (member seq uint32, status, reason), sorted by seq.

const recordVersion = 1

const marksVersion = 1

const markEntrySize = 6

var errBadRecord = errors.New("record has an unknown encoding")

func encode(v any) ([]byte, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return append([]byte{recordVersion}, b...), nil
}

func decode(b []byte, v any) error {
	if len(b) == 0 || b[0] != recordVersion {
		return errBadRecord
	}
	if err := json.Unmarshal(b[1:], v); err != nil {
		return fmt.Errorf("%w: %v", errBadRecord, err)
	}
	return nil
}

// markEntry is one decoded mark of a session.
type markEntry struct {
	Seq uint32
	Mark
}

func encodeMarks(es []markEntry) []byte {
	b := make([]byte, 1, 1+len(es)*markEntrySize)
	b[0] = marksVersion
	for _, e := range es {
		b = binary.BigEndian.AppendUint32(b, e.Seq)
		b = append(b, byte(e.Status), byte(e.Reason))
	}
	return b
}

// eachMark calls fn for every entry of an encoded marks value without
// allocating; it is the hot loop of the statistics.
func eachMark(b []byte, fn func(seq uint32, m Mark)) error {
	if err := checkMarks(b); err != nil {
		return err
	}
	for i := 1; i < len(b); i += markEntrySize {
		fn(binary.BigEndian.Uint32(b[i:]), Mark{Status: MarkStatus(b[i+4]), Reason: LeaveReason(b[i+5])})
	}
	return nil
}

// checkMarks reports whether b is a well-formed marks value; empty (no
// marks yet) is.
func checkMarks(b []byte) error {
	if len(b) > 0 && (b[0] != marksVersion || (len(b)-1)%markEntrySize != 0) {
		return errBadRecord
	}
	return nil
}

func decodeMarks(b []byte) ([]markEntry, error) {
	es := make([]markEntry, 0, len(b)/markEntrySize)
	err := eachMark(b, func(seq uint32, m Mark) { es = append(es, markEntry{seq, m}) })
	return es, err
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

func seqKey(seq uint32) []byte { return binary.BigEndian.AppendUint32(nil, seq) }

func pairKey(a, b uuid.UUID) []byte { return append(append(make([]byte, 0, 32), a[:]...), b[:]...) }

func sortEntries(es []markEntry) {
	sort.Slice(es, func(i, j int) bool { return es[i].Seq < es[j].Seq })
}
