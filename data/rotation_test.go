package data

import (
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// TestBackupRotationClock opens a ledger on many days with a clock that
// runs, jumps to 2099, jumps back to last year and comes back: the newest
// copies made are kept, whatever dates their names carry, and the one just
// made is never the one removed.
func TestBackupRotationClock(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "支部.ledger")
	l, err := Create(path, Branch{Name: "测试支部"}, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	days := []time.Time{
		time.Date(2026, 11, 1, 9, 0, 0, 0, time.Local),
		time.Date(2026, 11, 2, 9, 0, 0, 0, time.Local),
		time.Date(2099, 1, 1, 9, 0, 0, 0, time.Local), // the clock runs far ahead
		time.Date(2099, 1, 2, 9, 0, 0, 0, time.Local),
		time.Date(2025, 11, 3, 9, 0, 0, 0, time.Local), // then back to last year
	}
	for d := 4; d <= 12; d++ { // then right again
		days = append(days, time.Date(2026, 11, d, 9, 0, 0, 0, time.Local))
	}
	var names [][]string
	for _, at := range days {
		openClose(t, path, Options{Now: func() time.Time { return at }})
		names = append(names, backupNames(t, path))
	}
	// After the 2099 days, the day from last year is still made and kept.
	if want := []string{"支部-g000005-20251103-090000.ledger", "支部-g000004-20990102-090000.ledger",
		"支部-g000003-20990101-090000.ledger", "支部-g000002-20261102-090000.ledger",
		"支部-g000001-20261101-090000.ledger"}; !reflect.DeepEqual(names[4], want) {
		t.Errorf("after the clock jumped: got %v, want %v", names[4], want)
	}
	// Fourteen made, ten kept: the four made first are gone, the 2099
	// ones among them; the last one made is first.
	want := []string{}
	for d := 12; d >= 4; d-- {
		want = append(want, fmt.Sprintf("支部-g%06d-202611%02d-090000.ledger", d+2, d))
	}
	want = append(want, "支部-g000005-20251103-090000.ledger")
	if got := names[len(names)-1]; !reflect.DeepEqual(got, want) {
		t.Errorf("after 14 days: got %v, want %v", got, want)
	}
}

// TestNewestGoodBackup makes three daily backups of a small ledger (the
// third after adding a session), damages the newest, and requires the
// second: its date and counts written literally. A ledger without backups
// gives ErrNotFound.
func TestNewestGoodBackup(t *testing.T) {
	path := filepath.Join(t.TempDir(), "支部.ledger")
	l, err := Create(path, Branch{Name: "测试支部"}, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	for i, name := range []string{"王晓明", "李丽华"} {
		m := makeMember(name, i)
		if err := l.SaveMember(&m); err != nil {
			t.Fatal(err)
		}
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := NewestGoodBackup(path); !errors.Is(err, ErrNotFound) {
		t.Errorf("no backups: got %v, want ErrNotFound", err)
	}
	openClose(t, path, Options{Now: dayClock(1, 9, 0)})
	openClose(t, path, Options{Now: dayClock(2, 9, 0)})
	l, err = Open(path, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	s := Session{Kind: NoonClassroom, Theme: "正午课堂", Date: NewDate(2026, 11, 27), Start: "12:00", End: "13:00"}
	if err := l.SaveSession(&s); err != nil {
		t.Fatal(err)
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	openClose(t, path, Options{Now: dayClock(3, 9, 0)})
	bs := backupNames(t, path)
	if len(bs) != 3 {
		t.Fatalf("backups %v, want three", bs)
	}
	newest := filepath.Join(BackupDir(path), bs[0])
	got, err := NewestGoodBackup(path)
	if err != nil || got.Path != newest || got.Members != 2 || got.Sessions != 1 {
		t.Errorf("all sound: got %+v, %v; want %s with 2 members, 1 session", got, err, bs[0])
	}
	updateRaw(t, newest, func(tx *bolt.Tx) error {
		k, v := firstKV(tx, bMembers)
		v[len(v)-1] ^= 0x10 // the checksum itself
		return tx.Bucket(bMembers).Put(k, v)
	})
	got, err = NewestGoodBackup(path)
	want := BackupInfo{Path: filepath.Join(BackupDir(path), "支部-g000002-20261102-090000.ledger"),
		Made: time.Date(2026, 11, 2, 9, 0, 0, 0, time.Local), Members: 2, Sessions: 0}
	if err != nil || got != want {
		t.Errorf("newest damaged: got %+v, %v; want %+v", got, err, want)
	}
}
