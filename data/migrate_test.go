package data

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/uuid"
	bolt "go.etcd.io/bbolt"
)

// schema1Member is a member record as schema 1 wrote it: no seq.
type schema1Member struct {
	ID        uuid.UUID   `json:"id"`
	Name      string      `json:"name"`
	Gender    Gender      `json:"gender,omitempty"`
	Birth     Date        `json:"birth,omitempty"`
	IDNumber  string      `json:"id_number,omitempty"`
	Group     string      `json:"group,omitempty"`
	Category  Category    `json:"category"`
	Joined    Date        `json:"joined,omitempty"`
	Status    PartyStatus `json:"status"`
	Left      *Departure  `json:"left,omitempty"`
	Created   time.Time   `json:"created"`
	Updated   time.Time   `json:"updated"`
	Committee string      `json:"committee_role,omitempty"`
}

// schema1 is the content of a schema-1 ledger written by the test.
type schema1 struct {
	branch   Branch
	members  []schema1Member
	sessions []Session
	marks    map[markKey]Mark
	makeUps  []MakeUp
}

func newSchema1() *schema1 {
	at := testNow.Add(-400 * 24 * time.Hour).Round(time.Second)
	v := &schema1{
		branch: Branch{Name: "老版本支部", Committee: "机关党委", Groups: []string{"第一党小组", "第二党小组"}, Created: at, Updated: at},
		marks:  map[markKey]Mark{},
	}
	names := []string{"王晓明", "李丽华", "张建国", "刘海燕", "陈志强", "杨静"}
	for i, name := range names {
		g := Male
		if i%2 == 1 {
			g = Female
		}
		birth := NewDate(1975+i*3, time.Month(1+i), 10+i)
		m := schema1Member{ID: newID(), Name: name, Gender: g, Birth: birth, IDNumber: fakeIDNumber(birth, 200+i, g),
			Group: v.branch.Groups[i%2], Category: Full, Joined: NewDate(2000+i, 7, 1), Status: StatusNormal, Created: at, Updated: at}
		if i == 0 {
			m.Committee = "书记"
		}
		if i == 5 {
			m.Left = &Departure{Reason: TransferOut, Date: NewDate(2026, 6, 30), Destination: "区税务局党支部"}
		}
		v.members = append(v.members, m)
	}
	for i, kind := range []Kind{NoonClassroom, GeneralMeeting, GroupMeeting, PartyLecture} {
		v.sessions = append(v.sessions, Session{ID: newID(), Kind: kind, Theme: "第" + string(rune('一'+i)) + "次活动",
			Date: NewDate(2026, time.Month(3+i), 6), Start: "12:00", End: "13:00", Closed: true, Created: at, Updated: at})
	}
	statuses := []Mark{{Status: Present}, {Status: Late}, {Status: OnLeave, Reason: OnDuty}, {Status: OnLeave, Reason: Sick},
		{Status: OnLeave, Reason: Personal}, {Status: Absent}}
	for si, s := range v.sessions[:3] { // the fourth session has no marks at all
		for mi, m := range v.members {
			if (si+mi)%4 == 3 {
				continue // 未登记
			}
			v.marks[markKey{s.ID, m.ID}] = statuses[(si*5+mi)%len(statuses)]
		}
	}
	v.makeUps = []MakeUp{{SessionID: v.sessions[0].ID, MemberID: v.members[2].ID, Date: NewDate(2026, 3, 9), Method: SelfStudy, Created: at}}
	return v
}

// write creates the schema-1 ledger at path with raw bbolt, laid out as
// migrate1to2 expects: meta, members, sessions, makeups, and one key per
// mark (session ID + member ID → status, reason).
func (v *schema1) write(t *testing.T, path string) {
	t.Helper()
	rec := func(x any) []byte {
		b, err := json.Marshal(x)
		if err != nil {
			t.Fatal(err)
		}
		return append([]byte{0x01}, b...)
	}
	rawBolt(t, path, func(tx *bolt.Tx) error {
		bucket := func(name string) *bolt.Bucket {
			b, err := tx.CreateBucket([]byte(name))
			if err != nil {
				t.Fatal(err)
			}
			return b
		}
		put := func(b *bolt.Bucket, k, v []byte) {
			if err := b.Put(k, v); err != nil {
				t.Fatal(err)
			}
		}
		meta := bucket("meta")
		put(meta, []byte("app"), []byte("branchledger"))
		put(meta, []byte("schema"), binary.BigEndian.AppendUint32(nil, 1))
		put(meta, []byte("branch"), rec(v.branch))
		members := bucket("members")
		for _, m := range v.members {
			put(members, m.ID[:], rec(m))
		}
		sessions := bucket("sessions")
		for _, s := range v.sessions {
			put(sessions, s.ID[:], rec(s))
		}
		marks := bucket("marks")
		for k, m := range v.marks {
			put(marks, append(append([]byte{}, k.session[:]...), k.member[:]...), []byte{byte(m.Status), byte(m.Reason)})
		}
		makeUps := bucket("makeups")
		for _, mu := range v.makeUps {
			put(makeUps, append(append([]byte{}, mu.SessionID[:]...), mu.MemberID[:]...), rec(mu))
		}
		return nil
	})
}

func rawSchema(t *testing.T, path string) uint32 {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var s uint32
	if err := db.View(func(tx *bolt.Tx) error {
		s = binary.BigEndian.Uint32(tx.Bucket(bMeta).Get(kSchema))
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return s
}

// checkSchema1Content compares everything of v with what l reads.
func checkSchema1Content(t *testing.T, l *Ledger, v *schema1) {
	t.Helper()
	b, err := l.Branch()
	if err != nil {
		t.Fatal(err)
	}
	if b.Name != v.branch.Name || b.Committee != v.branch.Committee || len(b.Groups) != 2 {
		t.Errorf("branch: got %+v, want %+v", b, v.branch)
	}
	ms, err := l.Members()
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) != len(v.members) {
		t.Fatalf("members: got %d, want %d", len(ms), len(v.members))
	}
	seqs := map[uint32]bool{}
	for i, m := range ms {
		w := v.members[i] // v7 IDs sort in creation order
		if m.ID != w.ID || m.Name != w.Name || m.IDNumber != w.IDNumber || m.Group != w.Group || m.Birth != w.Birth ||
			m.CommitteeRole != w.Committee || (m.Left == nil) != (w.Left == nil) || !m.Created.Equal(w.Created) {
			t.Errorf("member %d: got %+v, want %+v", i, m, w)
		}
		if m.Seq == 0 || seqs[m.Seq] {
			t.Errorf("member %s: got seq %d, want a fresh non-zero seq", m.Name, m.Seq)
		}
		seqs[m.Seq] = true
		if got, err := l.MemberByIDNumber(w.IDNumber); err != nil || got.ID != w.ID {
			t.Errorf("MemberByIDNumber(%s): got %v (%v), want %s", MaskIDNumber(w.IDNumber), got.ID, err, w.ID)
		}
	}
	ss, err := l.Sessions(0, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(ss) != len(v.sessions) {
		t.Fatalf("sessions: got %d, want %d", len(ss), len(v.sessions))
	}
	got := map[markKey]Mark{}
	for i, s := range ss {
		if s.ID != v.sessions[i].ID || s.Theme != v.sessions[i].Theme || s.Date != v.sessions[i].Date {
			t.Errorf("session %d: got %+v, want %+v", i, s, v.sessions[i])
		}
		marks, err := l.Marks(s.ID)
		if err != nil {
			t.Fatal(err)
		}
		for m, mk := range marks {
			got[markKey{s.ID, m}] = mk
		}
	}
	if !maps.Equal(got, v.marks) {
		t.Errorf("marks after migration: %s", diffMarks(got, v.marks))
	}
	mus, err := l.MakeUps()
	if err != nil {
		t.Fatal(err)
	}
	if len(mus) != 1 || mus[0].SessionID != v.makeUps[0].SessionID || mus[0].MemberID != v.makeUps[0].MemberID || mus[0].Method != SelfStudy {
		t.Errorf("make-ups: got %+v, want %+v", mus, v.makeUps)
	}
	ps, err := l.Check()
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) > 0 {
		t.Errorf("Check after migration: got %+v, want no problems", ps)
	}
}

// TestMigrateSchema1 opens a ledger written by schema 1 (one key per
// mark) and requires every record and mark back through the schema-2 API.
func TestMigrateSchema1(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.ledger")
	v := newSchema1()
	v.write(t, path)
	if got := rawSchema(t, path); got != 1 {
		t.Fatalf("written schema: got %d, want 1", got)
	}

	// Read-only users (check, stats) cannot migrate and must not write.
	ageFile(t, path)
	before := stateOf(t, path)
	if _, err := Open(path, Options{Now: testOptions().Now, ReadOnly: true}); !errors.Is(err, ErrOlderVersion) {
		t.Errorf("read-only Open of schema 1: got %v, want ErrOlderVersion", err)
	}
	if after := stateOf(t, path); after != before {
		t.Errorf("read-only Open of schema 1 changed the file: %+v, want %+v", after, before)
	}

	l, err := Open(path, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	checkSchema1Content(t, l, v)
	// The migrated ledger works: a new member gets the next seq.
	m := makeMember("赵新", 60)
	if err := l.SaveMember(&m); err != nil {
		t.Fatal(err)
	}
	if want := uint32(len(v.members) + 1); m.Seq != want {
		t.Errorf("new member after migration: got seq %d, want %d", m.Seq, want)
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	if got := rawSchema(t, path); got != SchemaVersion {
		t.Errorf("schema after migration: got %d, want %d", got, SchemaVersion)
	}

	// Opening again does not migrate again.
	l, err = Open(path, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	ms, err := l.Members()
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) != len(v.members)+1 {
		t.Errorf("members after reopening: got %d, want %d", len(ms), len(v.members)+1)
	}
}

// TestMigrateFailureLeavesFile: a schema-1 ledger the migration cannot
// read (a mark for a member that is not there) is refused and left as it
// was: the migration is one transaction, made after a backup.
func TestMigrateFailureLeavesFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bad.ledger")
	v := newSchema1()
	v.marks[markKey{v.sessions[0].ID, newID()}] = Mark{Status: Present}
	v.write(t, path)
	ageFile(t, path)
	before := stateOf(t, path)
	l, err := Open(path, testOptions())
	if err == nil {
		_ = l.Close()
		t.Fatal("Open of a schema-1 ledger with a mark of an unknown member: got nil error, want one")
	}
	if !errors.Is(err, ErrNotFound) {
		t.Errorf("got %v, want ErrNotFound", err)
	}
	// The copy made before every migration is there, in the old layout;
	// apart from it nothing changed.
	if bs, err := Backups(path); err != nil || len(bs) != 1 || rawSchema(t, bs[0]) != 1 {
		t.Errorf("backups: %v (%v), want the schema-1 copy made before migrating", bs, err)
	}
	if err := os.RemoveAll(BackupDir(path)); err != nil {
		t.Fatal(err)
	}
	if after := stateOf(t, path); after != before {
		t.Errorf("failed migration changed the file: %+v, want %+v", after, before)
	}
	if got := rawSchema(t, path); got != 1 {
		t.Errorf("schema after a failed migration: got %d, want 1", got)
	}
}
