package data

import (
	"os"
	"path/filepath"
	"testing"
)

// smallLedgerBytes is a ledger of two members and one session, 16 KiB of
// pages or so: small enough to fuzz.
func smallLedgerBytes(t testing.TB) []byte {
	t.Helper()
	path := filepath.Join(t.TempDir(), "small.ledger")
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
	s := Session{Kind: NoonClassroom, Theme: "正午课堂", Date: NewDate(2026, 11, 27), Start: "12:00", End: "13:00"}
	if err := l.SaveSession(&s); err != nil {
		t.Fatal(err)
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// FuzzOpenDamaged feeds arbitrary file contents to the open-time checks
// and, when a file passes them, to the reads the screens make. Nothing may
// panic or fault (a panic fails the fuzzer); every outcome is an error or
// data. Seeded with a small ledger and copies of it with a byte changed in
// each page header and element table.
func FuzzOpenDamaged(f *testing.F) {
	good := smallLedgerBytes(f)
	f.Add(good)
	for off := 4096; off < len(good); off += 4096 {
		for _, d := range []int{0, 8, 10, 12, 16, 20, 24, 28} {
			b := append([]byte(nil), good...)
			b[off+d] ^= 0x5a
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		path := filepath.Join(t.TempDir(), "x.ledger")
		if err := os.WriteFile(path, b, 0o600); err != nil {
			t.Fatal(err)
		}
		if _, err := Verify(path, testOptions()); err != nil {
			return
		}
		l, err := Open(path, Options{Now: testOptions().Now, ReadOnly: true, NoBackup: true, Salvage: true})
		if err != nil {
			return
		}
		defer l.Close()
		_, _ = l.Members()
		_, _ = l.Sessions(0, 0)
		_, _ = l.YearStats(2026)
	})
}
