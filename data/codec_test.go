package data

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/google/uuid"
	bolt "go.etcd.io/bbolt"
)

// fullMember has every field of a Member set, with times in two zones.
func fullMember() Member {
	cst := time.FixedZone("", 8*3600)
	return Member{
		ID: uuid.MustParse("019ad0e4-7c3a-7d2e-9b1f-3c4d5e6f7a8b"), Seq: 4711, Name: "王晓明", Gender: Male, Ethnicity: "汉族",
		Birth: NewDate(1985, 3, 12), IDNumber: idMale1985, Education: "大学本科", Phone: "13800138000",
		Post: "注册许可窗口 科长", Group: group1, Category: Full, Joined: NewDate(2008, 7, 1), Confirmed: NewDate(2009, 7, 1),
		Status: StatusRemoved, TransferredIn: NewDate(2015, 3, 2), CommitteeRole: "书记", Notes: "多行\n备注 \"引号\"",
		Left: &Departure{Reason: Removed, Date: NewDate(2026, 5, 1), Destination: "", Note: "党员大会决议"},
		Events: []MemberEvent{
			{At: time.Date(2026, 5, 1, 9, 30, 0, 123456789, cst), What: "left:removed", Date: NewDate(2026, 5, 1)},
			{At: time.Date(2026, 6, 1, 9, 30, 0, 0, time.UTC), What: "restored", Note: "复议"},
		},
		Created: time.Date(2020, 1, 2, 3, 4, 5, 6, cst), Updated: time.Date(2026, 11, 29, 10, 0, 0, 0, cst),
	}
}

// sameMember compares members with times compared as instants.
func sameMember(t *testing.T, got, want Member) {
	t.Helper()
	if !got.Created.Equal(want.Created) || !got.Updated.Equal(want.Updated) {
		t.Errorf("times: got %v %v, want %v %v", got.Created, got.Updated, want.Created, want.Updated)
	}
	if len(got.Events) != len(want.Events) {
		t.Fatalf("events: got %d, want %d", len(got.Events), len(want.Events))
	}
	for i := range want.Events {
		if !got.Events[i].At.Equal(want.Events[i].At) {
			t.Errorf("event %d at %v, want %v", i, got.Events[i].At, want.Events[i].At)
		}
		got.Events[i].At = want.Events[i].At
	}
	got.Created, got.Updated = want.Created, want.Updated
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
}

func TestMemberRecordRoundTrip(t *testing.T) {
	for _, m := range []Member{fullMember(), {}, {Name: "李", Events: []MemberEvent{{What: "imported"}}}} {
		b, err := encode(&m)
		if err != nil {
			t.Fatal(err)
		}
		if b[0] != recordMemberSum {
			t.Fatalf("member written as version %d, want %d", b[0], recordMemberSum)
		}
		var got Member
		if err := decode(b, &got); err != nil {
			t.Fatal(err)
		}
		sameMember(t, got, m)
		// Decoding over a used Member leaves nothing of it behind.
		stale := fullMember()
		if err := decode(b, &stale); err != nil {
			t.Fatal(err)
		}
		sameMember(t, stale, m)
	}
}

func TestMemberRecordVersion1StillRead(t *testing.T) {
	m := fullMember()
	j, err := json.Marshal(&m)
	if err != nil {
		t.Fatal(err)
	}
	var got Member
	if err := decode(append([]byte{recordJSON}, j...), &got); err != nil {
		t.Fatal(err)
	}
	sameMember(t, got, m)
}

func TestMemberRecordIntoOtherShapes(t *testing.T) {
	m := fullMember()
	b, err := encode(&m)
	if err != nil {
		t.Fatal(err)
	}
	var few struct {
		Name   string `json:"name"`
		Joined Date   `json:"joined"`
	}
	if err := decode(b, &few); err != nil || few.Name != m.Name || few.Joined != m.Joined {
		t.Errorf("got %+v, %v; want %s %s", few, err, m.Name, m.Joined)
	}
}

func TestMemberRecordDamaged(t *testing.T) {
	m := fullMember()
	good, err := encode(&m)
	if err != nil {
		t.Fatal(err)
	}
	for n := 0; n < len(good); n++ {
		var got Member
		if err := decode(good[:n], &got); !errors.Is(err, errBadRecord) {
			t.Fatalf("cut to %d bytes: got %v, want errBadRecord", n, err)
		}
	}
	var got Member
	if err := decode(append(bytes.Clone(good), 0), &got); !errors.Is(err, errBadRecord) {
		t.Errorf("a byte too many: got %v, want errBadRecord", err)
	}
	if err := decode(append([]byte{recordVersion + 1}, good[1:]...), &got); !errors.Is(err, errBadRecord) {
		t.Errorf("newer version: got %v, want errBadRecord", err)
	}
}

// TestMembersStoredCompact checks that a ledger's members are stored in
// the binary layout and read back whole through the store.
func TestMembersStoredCompact(t *testing.T) {
	l := newTestLedger(t)
	m := person("甲", 1, Full, NewDate(2000, 7, 1), group1)
	m.Notes = "备注"
	if err := l.SaveMember(m); err != nil {
		t.Fatal(err)
	}
	if err := l.SetDeparture(m.ID, Departure{Reason: TransferOut, Date: NewDate(2026, 9, 1), Destination: "区税务局党支部"}); err != nil {
		t.Fatal(err)
	}
	err := l.view(func(tx *bolt.Tx) error {
		if v := tx.Bucket(bMembers).Get(m.ID[:]); len(v) == 0 || v[0] != recordMemberSum {
			t.Errorf("stored as %v, want version %d", v, recordMemberSum)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	got, err := l.Member(m.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Name != "甲" || got.Notes != "备注" || got.Left == nil || got.Left.Destination != "区税务局党支部" ||
		len(got.Events) != 1 || got.Seq != m.Seq || !got.Created.Equal(testNow) {
		t.Errorf("read back %+v", got)
	}
}

func FuzzDecodeMember(f *testing.F) {
	for _, m := range []Member{fullMember(), {}} {
		b, err := encode(&m)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte{recordMember})
	f.Add([]byte{recordJSON, '{', '}'})
	f.Fuzz(func(t *testing.T, b []byte) {
		var m Member
		if err := decode(b, &m); err != nil {
			return
		}
		if b[0] != recordMemberSum {
			return
		}
		// Whatever decodes encodes back to a record that decodes the same.
		again, err := encode(&m)
		if err != nil {
			return // a time the binary form cannot hold
		}
		var m2 Member
		if err := decode(again, &m2); err != nil {
			t.Fatalf("re-encoded record does not decode: %v", err)
		}
		sameMember(t, m2, m)
	})
}

// TestEveryBitFlipIsCaught flips each bit of an encoded member, session
// and marks value in turn: every copy must be refused with ErrDamaged,
// never decoded into different values (CRC-32C catches every 1-bit error).
func TestEveryBitFlipIsCaught(t *testing.T) {
	m := fullMember()
	mb, err := encode(&m)
	if err != nil {
		t.Fatal(err)
	}
	s := Session{ID: newID(), Kind: NoonClassroom, Theme: "正午课堂", Date: NewDate(2026, 11, 27)}
	sb, err := encode(&s)
	if err != nil {
		t.Fatal(err)
	}
	sid := newID()
	kb := encodeBlock(sid, 0, []markEntry{{1, Mark{Status: Present}}, {2, Mark{Status: OnLeave, Reason: Sick}}})
	for _, tc := range []struct {
		name string
		b    []byte
		read func([]byte) error
	}{
		{"member", mb, func(b []byte) error { var got Member; return decode(b, &got) }},
		{"session", sb, func(b []byte) error { var got Session; return decode(b, &got) }},
		{"marks", kb, func(b []byte) error { return checkPiece(blockKey(sid, 0), b) }},
	} {
		if err := tc.read(tc.b); err != nil {
			t.Fatalf("%s: the undamaged value: %v", tc.name, err)
		}
		for bit := range len(tc.b) * 8 {
			c := bytes.Clone(tc.b)
			c[bit/8] ^= 1 << (bit % 8)
			if err := tc.read(c); !errors.Is(err, ErrDamaged) {
				t.Errorf("%s, bit %d flipped: got %v, want ErrDamaged", tc.name, bit, err)
			}
		}
	}
}
