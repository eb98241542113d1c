package data

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/uuid"
	bolt "go.etcd.io/bbolt"
)

// piece is one stored marks value with its key.
type piece struct{ k, v []byte }

// piecesOf lays out the marks es (sorted by seq) of session sid as they are
// stored: one block per 256 seqs.
func piecesOf(sid uuid.UUID, es []markEntry) []piece {
	var out []piece
	for i := 0; i < len(es); {
		blk := es[i].Seq / 256
		j := i
		for j < len(es) && es[j].Seq/256 == blk {
			j++
		}
		out = append(out, piece{blockKey(sid, blk), encodeBlock(sid, blk, es[i:j])})
		i = j
	}
	return out
}

// sourceOf is a markSource over stored pieces by session, checked as the
// marks bucket's are.
func sourceOf(m map[uuid.UUID][]piece) markSource {
	return func(sid uuid.UUID, fn func([]byte)) error {
		for _, p := range m[sid] {
			if err := checkPiece(p.k, p.v); err != nil {
				return err
			}
			fn(pieceEntries(p.v))
		}
		return nil
	}
}

// decodePiece returns the session, block and entries of a stored block.
func decodePiece(t testing.TB, k, v []byte) (uuid.UUID, uint32, []markEntry) {
	t.Helper()
	if err := checkPiece(k, v); err != nil || len(k) != 20 {
		t.Fatalf("piece %x: %v", k, err)
	}
	var es []markEntry
	eachEntry(pieceEntries(v), func(seq uint32, m Mark) { es = append(es, markEntry{seq, m}) })
	return uuid.UUID(k[:16]), binary.BigEndian.Uint32(k[16:]), es
}

// TestBlockLayout pins the bytes of a stored block, worked out by hand,
// with the CRC-32C computed by the standard library.
func TestBlockLayout(t *testing.T) {
	sid := uuid.MustParse("00112233-4455-6677-8899-aabbccddeeff")
	got := encodeBlock(sid, 2, []markEntry{{512, Mark{Status: Present}}, {700, Mark{Status: OnLeave, Reason: Sick}}})
	want := []byte{3, 0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff,
		0, 0, 0, 2, // block 2: seqs 512–767
		0, 0, 2, 0, byte(Present), 0, // seq 512
		0, 0, 2, 0xbc, byte(OnLeave), byte(Sick), // seq 700
	}
	want = binary.BigEndian.AppendUint32(want, crc32.Checksum(want, crc32.MakeTable(crc32.Castagnoli)))
	if !bytes.Equal(got, want) {
		t.Fatalf("block:\n got %x\nwant %x", got, want)
	}
	key := append(sid[:], 0, 0, 0, 2)
	if k := blockKey(sid, 2); !bytes.Equal(k, key) {
		t.Errorf("key %x, want %x", k, key)
	}
	if err := checkPiece(key, got); err != nil {
		t.Errorf("the block under its own key: %v", err)
	}
	other := uuid.MustParse("00112233-4455-6677-8899-aabbccddeef0")
	for name, k := range map[string][]byte{
		"another block":   append(sid[:], 0, 0, 0, 3),
		"another session": append(other[:], 0, 0, 0, 2),
		"a session key":   sid[:],
		"a short key":     sid[:10],
	} {
		if err := checkPiece(k, got); !errors.Is(err, ErrDamaged) {
			t.Errorf("the block under %s: got %v, want ErrDamaged", name, err)
		}
	}
	if err := checkPiece(key, got[:len(got)-1]); !errors.Is(err, ErrDamaged) {
		t.Errorf("cut short: got %v, want ErrDamaged", err)
	}
	if err := checkPiece(key, nil); !errors.Is(err, ErrDamaged) {
		t.Errorf("a nested bucket: got %v, want ErrDamaged", err)
	}
}

// TestMarksSplitIntoBlocks: a session's marks land in one value per 256
// member seqs, and a mark rewrites only its own block.
func TestMarksSplitIntoBlocks(t *testing.T) {
	l := newTestLedger(t)
	s := &Session{Kind: NoonClassroom, Theme: "正午课堂", Date: NewDate(2026, 11, 27)}
	if err := l.SaveSession(s); err != nil {
		t.Fatal(err)
	}
	ms := manyMembers(t, l, 600) // seqs 1–600: blocks 0 (1–255), 1 (256–511), 2 (512–600)
	all := map[uuid.UUID]Mark{}
	for _, m := range ms {
		all[m.ID] = Mark{Status: Present}
	}
	if err := l.SetMarks(s.ID, all, false); err != nil {
		t.Fatal(err)
	}
	blocks := func() map[uint32]int {
		t.Helper()
		out := map[uint32]int{}
		if err := l.view(func(tx *bolt.Tx) error {
			return tx.Bucket(bMarks).ForEach(func(k, v []byte) error {
				sid, blk, es := decodePiece(t, k, v)
				if sid != s.ID {
					t.Errorf("block of session %s", sid)
				}
				out[blk] = len(es)
				return nil
			})
		}); err != nil {
			t.Fatal(err)
		}
		return out
	}
	if got := blocks(); len(got) != 3 || got[0] != 255 || got[1] != 256 || got[2] != 89 {
		t.Errorf("blocks after 全部出席: got %v, want map[0:255 1:256 2:89]", got)
	}
	// Unmarking the 89 members of the last block removes it.
	clear := map[uuid.UUID]Mark{}
	for _, m := range ms[511:] {
		clear[m.ID] = Mark{}
	}
	if err := l.SetMarks(s.ID, clear, false); err != nil {
		t.Fatal(err)
	}
	if got := blocks(); len(got) != 2 || got[0] != 255 || got[1] != 256 {
		t.Errorf("blocks after unmarking seqs 512–600: got %v, want map[0:255 1:256]", got)
	}
	got, err := l.Marks(s.ID)
	if err != nil || len(got) != 511 || got[ms[0].ID] != (Mark{Status: Present}) || got[ms[510].ID] != (Mark{Status: Present}) {
		t.Errorf("marks: %d (%v), want 511 present", len(got), err)
	}
}

// manyMembers saves n members (seqs 1 to n on a new ledger).
func manyMembers(t *testing.T, l *Ledger, n int) []*Member {
	t.Helper()
	ms := make([]*Member, n)
	for i := range ms {
		m := makeMember("党员", i)
		// Unique numbers: a birth day per member from 1950 on.
		m.Birth = NewDate(1950, 1, 1).AddDays(i)
		m.IDNumber = fakeIDNumber(m.Birth, 100, m.Gender)
		ms[i] = &m
	}
	if err := l.SaveMembers(ms); err != nil {
		t.Fatal(err)
	}
	return ms
}

// TestMarkHistoryOrder: changes kept beside different blocks, at moving
// and at equal times, come back oldest first, in the order written.
func TestMarkHistoryOrder(t *testing.T) {
	now := testNow
	opt := testOptions()
	opt.Now = func() time.Time { return now }
	l, err := Create(filepath.Join(t.TempDir(), "h.ledger"), Branch{Name: "测试支部"}, opt)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	ms := manyMembers(t, l, 300)
	low, high := ms[4].ID, ms[279].ID // seqs 5 (block 0) and 280 (block 1)
	s := &Session{Kind: GeneralMeeting, Theme: "支部党员大会", Date: NewDate(2026, 10, 20), Closed: true}
	if err := l.SaveSession(s); err != nil {
		t.Fatal(err)
	}
	t0, t1, t2 := testNow, testNow.Add(time.Minute), testNow.Add(2*time.Minute)
	steps := []struct {
		at  time.Time
		who uuid.UUID
		m   Mark
	}{
		{t0, high, Mark{Status: Present}},
		{t1, low, Mark{Status: Absent}},
		{t1, high, Mark{Status: Late}},
		{t2, low, Mark{Status: OnLeave, Reason: Sick}},
		{t2, high, Mark{Status: Present}},
	}
	for _, st := range steps {
		now = st.at
		if err := l.SetMark(s.ID, st.who, st.m, true); err != nil {
			t.Fatal(err)
		}
	}
	h, err := l.MarkHistory(s.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := []MarkChange{
		{MemberID: high, At: t0, New: Mark{Status: Present}},
		{MemberID: low, At: t1, New: Mark{Status: Absent}},
		{MemberID: high, At: t1, Old: Mark{Status: Present}, New: Mark{Status: Late}},
		{MemberID: low, At: t2, Old: Mark{Status: Absent}, New: Mark{Status: OnLeave, Reason: Sick}},
		{MemberID: high, At: t2, Old: Mark{Status: Late}, New: Mark{Status: Present}},
	}
	if len(h) != len(want) {
		t.Fatalf("history: %d changes, want %d: %+v", len(h), len(want), h)
	}
	for i, w := range want {
		if g := h[i]; g.SessionID != s.ID || g.MemberID != w.MemberID || !g.At.Equal(w.At) || g.Old != w.Old || g.New != w.New {
			t.Errorf("history[%d]: got %+v, want %+v", i, g, w)
		}
	}
	requireClean(t, l)
}
