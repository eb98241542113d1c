package data

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"math"
	"time"

	"github.com/google/uuid"
)

// This file is the one place where records become bytes and back.
//
// Every record starts with a one-byte record version naming its encoding.
// Version 1 is JSON and serves every kind of record. Version 2 is the
// compact binary layout of a member (below): the statistics decode all
// members on every call, and JSON took most of their time on a 5,000-member
// ledger. Members are written as version 2; version 1 members, from ledgers
// written before, are still read, and become version 2 when next saved.
//
// Attendance marks have their own layout, in marks_codec.go.

// Record versions. recordVersion is the newest; a larger one is refused.
// Versions 3 and 4 are 1 and 2 followed by a CRC-32C (Castagnoli,
// big-endian) of every byte before it, the version byte included: a byte
// flipped by a failing disk then fails the record instead of changing a
// number. Versions 1 and 2 are read only to migrate ledgers of schema 2.
// Version 5 is the binary dues account, also followed by a CRC-32C.
const (
	recordJSON      = 1
	recordMember    = 2
	recordJSONSum   = 3
	recordMemberSum = 4
	recordDues      = 5 // a dues account with its CRC-32C, see dues_codec.go
	recordVersion   = recordDues
	recordSumSize   = 4
)

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// errBadRecord is a record that fails its checksum or cannot be read: the
// ledger is damaged.
var errBadRecord = fmt.Errorf("%w: a record fails its checksum or has an unknown encoding", ErrDamaged)

// appendSum appends the CRC-32C of b to b.
func appendSum(b []byte) []byte {
	return binary.BigEndian.AppendUint32(b, crc32.Checksum(b, castagnoli))
}

// verifySum returns b without its CRC-32C trailer, or false when the
// trailer does not match.
func verifySum(b []byte) ([]byte, bool) {
	if len(b) < 1+recordSumSize {
		return nil, false
	}
	n := len(b) - recordSumSize
	return b[:n], crc32.Checksum(b[:n], castagnoli) == binary.BigEndian.Uint32(b[n:])
}

func encode(v any) ([]byte, error) {
	switch m := v.(type) {
	case *Member:
		return encodeMember(m)
	case Member:
		return encodeMember(&m)
	case *DuesAccount:
		return encodeDuesAccount(m)
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return appendSum(append([]byte{recordJSONSum}, b...)), nil
}

func decode(b []byte, v any) error {
	if len(b) == 0 {
		return errBadRecord
	}
	switch b[0] {
	case recordJSON, recordJSONSum:
		body := b
		if b[0] == recordJSONSum {
			var ok bool
			if body, ok = verifySum(b); !ok {
				return errBadRecord
			}
		}
		if err := json.Unmarshal(body[1:], v); err != nil {
			return fmt.Errorf("%w: %v", errBadRecord, err)
		}
		return nil
	case recordMember, recordMemberSum:
		if m, ok := v.(*Member); ok {
			return decodeMember(b, m)
		}
		// A member read into some other shape (a few of its fields):
		// go through JSON, as if the record were version 1.
		var m Member
		if err := decodeMember(b, &m); err != nil {
			return err
		}
		j, err := json.Marshal(&m)
		if err != nil {
			return err
		}
		return decode(append([]byte{recordJSON}, j...), v)
	case recordDues:
		if a, ok := v.(*DuesAccount); ok {
			return decodeDuesAccount(b, a)
		}
	}
	return errBadRecord
}

// A version 2 member is, in this order: the ID (16 bytes), the seq
// (uvarint), the twelve text fields (each a uvarint length and UTF-8
// bytes), the four dates (varint yyyymmdd), created and updated (each a
// length byte and time.Time's binary form, which keeps the zone offset),
// the departure (0, or 1 then reason, date, destination, note) and the
// events (a uvarint count, then each one's time, what, date and note).
// Nothing may follow.

func encodeMember(m *Member) ([]byte, error) {
	w := recordWriter{b: make([]byte, 0, 256)}
	w.b = append(w.b, recordMember)
	w.b = append(w.b, m.ID[:]...)
	w.b = binary.AppendUvarint(w.b, uint64(m.Seq))
	for _, s := range [...]string{m.Name, string(m.Gender), m.Ethnicity, m.IDNumber, m.Education, m.Phone, m.Post,
		m.Group, string(m.Category), string(m.Status), m.CommitteeRole, m.Notes} {
		w.str(s)
	}
	for _, d := range [...]Date{m.Birth, m.Joined, m.Confirmed, m.TransferredIn} {
		w.date(d)
	}
	w.time(m.Created)
	w.time(m.Updated)
	if m.Left == nil {
		w.b = append(w.b, 0)
	} else {
		w.b = append(w.b, 1)
		w.str(string(m.Left.Reason))
		w.date(m.Left.Date)
		w.str(m.Left.Destination)
		w.str(m.Left.Note)
	}
	w.b = binary.AppendUvarint(w.b, uint64(len(m.Events)))
	for _, e := range m.Events {
		w.time(e.At)
		w.str(e.What)
		w.date(e.Date)
		w.str(e.Note)
	}
	w.b[0] = recordMemberSum
	return appendSum(w.b), w.err
}

func decodeMember(b []byte, m *Member) error {
	if len(b) > 0 && b[0] == recordMemberSum {
		var ok bool
		if b, ok = verifySum(b); !ok {
			return errBadRecord
		}
	} else if len(b) > 0 && b[0] != recordMember {
		return errBadRecord
	}
	if len(b) < 1+16 {
		return errBadRecord
	}
	// One string for the whole record: the text fields are slices of it,
	// one allocation instead of twelve.
	r := recordReader{b: b, s: string(b), off: 1 + 16}
	var v Member
	v.ID = uuid.UUID(b[1:17])
	seq := r.uvarint()
	if seq > 1<<32-1 {
		r.fail()
	}
	v.Seq = uint32(seq)
	var gender, category, status string
	for _, p := range [...]*string{&v.Name, &gender, &v.Ethnicity, &v.IDNumber, &v.Education, &v.Phone, &v.Post,
		&v.Group, &category, &status, &v.CommitteeRole, &v.Notes} {
		*p = r.str()
	}
	v.Gender, v.Category, v.Status = Gender(gender), Category(category), PartyStatus(status)
	for _, p := range [...]*Date{&v.Birth, &v.Joined, &v.Confirmed, &v.TransferredIn} {
		*p = r.date()
	}
	v.Created = r.time()
	v.Updated = r.time()
	switch r.u8() {
	case 0:
	case 1:
		v.Left = &Departure{Reason: DepartureReason(r.str()), Date: r.date(), Destination: r.str(), Note: r.str()}
	default:
		r.fail()
	}
	// Each event takes at least four bytes: a count beyond that is damage,
	// not a reason to allocate.
	if n := r.uvarint(); n > 0 && n <= uint64(len(b)-r.off)/4 {
		v.Events = make([]MemberEvent, n)
		for i := range v.Events {
			v.Events[i] = MemberEvent{At: r.time(), What: r.str(), Date: r.date(), Note: r.str()}
		}
	} else if n > 0 {
		r.fail()
	}
	if r.err != nil || r.off != len(b) {
		return errBadRecord
	}
	*m = v
	return nil
}

type recordWriter struct {
	b   []byte
	err error
}

func (w *recordWriter) str(s string) {
	w.b = binary.AppendUvarint(w.b, uint64(len(s)))
	w.b = append(w.b, s...)
}

func (w *recordWriter) date(d Date) { w.b = binary.AppendVarint(w.b, int64(d)) }

func (w *recordWriter) time(t time.Time) {
	tb, err := t.MarshalBinary()
	if err != nil {
		w.err = errors.Join(w.err, err)
	}
	w.b = append(w.b, byte(len(tb)))
	w.b = append(w.b, tb...)
}

// recordReader reads a version 2 record; after the first damage it
// reads zero values and keeps errBadRecord.
type recordReader struct {
	b   []byte
	s   string // b as a string, for the text fields to share
	off int
	err error
}

func (r *recordReader) fail() { r.err = errBadRecord }

func (r *recordReader) u8() byte {
	if r.err != nil || r.off >= len(r.b) {
		r.fail()
		return 0
	}
	r.off++
	return r.b[r.off-1]
}

func (r *recordReader) uvarint() uint64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.b[r.off:])
	if n <= 0 {
		r.fail()
		return 0
	}
	r.off += n
	return v
}

func (r *recordReader) str() string {
	n := r.uvarint()
	if r.err != nil || n > uint64(len(r.b)-r.off) {
		r.fail()
		return ""
	}
	s := r.s[r.off : r.off+int(n)]
	r.off += int(n)
	return s
}

func (r *recordReader) date() Date {
	if r.err != nil {
		return 0
	}
	v, n := binary.Varint(r.b[r.off:])
	if n <= 0 || v < math.MinInt32 || v > math.MaxInt32 {
		r.fail()
		return 0
	}
	r.off += n
	return Date(v)
}

func (r *recordReader) time() time.Time {
	n := int(r.u8())
	if r.err != nil || n > len(r.b)-r.off {
		r.fail()
		return time.Time{}
	}
	var t time.Time
	if err := t.UnmarshalBinary(r.b[r.off : r.off+n]); err != nil {
		r.fail()
		return time.Time{}
	}
	r.off += n
	return t
}

func seqKey(seq uint32) []byte { return binary.BigEndian.AppendUint32(nil, seq) }

func pairKey(a, b uuid.UUID) []byte { return append(append(make([]byte, 0, 32), a[:]...), b[:]...) }
