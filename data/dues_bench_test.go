package data

import (
	"encoding/binary"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/uuid"
	bolt "go.etcd.io/bbolt"
)

// The dues benchmarks run on the large ledger (5,000 members) with a year
// of dues: every member's 2026 base and payments for January to October.

// largeDues opens the large ledger and gives every member a 2026 base and
// ten months paid, in three transactions.
func largeDues(b *testing.B) (*Ledger, []Member) {
	b.Helper()
	l := openLarge(b, false)
	ms, err := l.Members()
	if err != nil {
		b.Fatal(err)
	}
	ids := make([]uuid.UUID, len(ms))
	bases := map[uuid.UUID]int64{}
	for i, m := range ms {
		ids[i] = m.ID
		bases[m.ID] = int64(250000 + i*300) // 2500 to 17500 元: every bracket
	}
	if err := l.SetDuesBases(2026, bases, "基准测试"); err != nil {
		b.Fatal(err)
	}
	for _, months := range [][]YearMonth{{202601, 202602, 202603, 202604, 202605, 202606}, {202607, 202608, 202609, 202610}} {
		if _, err := l.PayDuesMany(ids, DuesPay{Months: months, Paid: NewDate(2026, 11, 2), Method: PayTransfer}); err != nil {
			b.Fatal(err)
		}
	}
	return l, ms
}

// naiveDuesRead is the floor of loading the grid: one read transaction
// that decodes every member and every 2026 dues record, and nothing else
// (no months judged, no arrears, no totals, no other years).
func naiveDuesRead(l *Ledger) error {
	return l.db.View(func(tx *bolt.Tx) error {
		if _, err := readMembers(tx); err != nil {
			return err
		}
		prefix := binary.BigEndian.AppendUint16(nil, 2026)
		c := tx.Bucket(bDues).Cursor()
		for k, v := c.Seek(prefix); len(k) == 18 && k[0] == prefix[0] && k[1] == prefix[1]; k, v = c.Next() {
			var a DuesAccount
			if err := decode(v, &a); err != nil {
				return err
			}
		}
		return nil
	})
}

// BenchmarkDuesYear loads the year's dues grid (DuesYear: 5,000 rows with
// their months, arrears across the year before, warnings and totals)
// against the naive read of the same records.
func BenchmarkDuesYear(b *testing.B) {
	l, _ := largeDues(b)
	sm := newSamples(b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sm.floor = append(sm.floor, floorOf(b, func() error { return naiveDuesRead(l) }))
		sm.op = append(sm.op, timed(b, func() error {
			y, err := l.DuesYear(2026)
			if err == nil && len(y.Rows) < 4000 {
				b.Fatalf("%d rows", len(y.Rows))
			}
			return err
		}))
	}
	b.StopTimer()
	sm.report(b)
}

// fdatasyncFloor is the floor of a commit: one byte rewritten at the
// start of an existing file and synced.
func fdatasyncFloor(f *os.File) error {
	if _, err := f.WriteAt([]byte{1}, 0); err != nil {
		return err
	}
	return f.Sync()
}

// rewriteDues is the second floor of a collection: one write transaction
// that puts back the year's 5,000 account values unchanged (bbolt's own
// cost of rewriting that many values and committing), with no decoding
// and no rules.
func rewriteDues(l *Ledger, year int) error {
	return l.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bDues)
		prefix := binary.BigEndian.AppendUint16(nil, uint16(year))
		var keys, vals [][]byte
		c := b.Cursor()
		for k, v := c.Seek(prefix); len(k) == 18 && k[0] == prefix[0] && k[1] == prefix[1]; k, v = c.Next() {
			keys = append(keys, append([]byte(nil), k...))
			vals = append(vals, append([]byte(nil), v...))
		}
		for i := range keys {
			if err := b.Put(keys[i], vals[i]); err != nil {
				return err
			}
		}
		return nil
	})
}

// BenchmarkDuesCollect records a month's dues for everyone present at a
// session where all 5,000 members were present (PayDuesAtSession: one
// transaction rewriting 5,000 accounts), against two floors: one synced
// write of an existing file (x-floor) and bbolt rewriting 5,000 account
// values unchanged in one transaction (x-rewrite). Each iteration pays an earlier month of 2025 and before,
// so that nobody has paid it yet; the bases of each year are entered with
// the timer stopped.
func BenchmarkDuesCollect(b *testing.B) {
	l, ms := largeDues(b)
	s := Session{Kind: ThemedPartyDay, Theme: "主题党日", Date: NewDate(2026, 11, 6), Closed: true}
	if err := l.SaveSession(&s); err != nil {
		b.Fatal(err)
	}
	all := map[uuid.UUID]Mark{}
	for _, m := range ms {
		all[m.ID] = Mark{Status: Present}
	}
	if err := l.SetMarks(s.ID, all, true); err != nil {
		b.Fatal(err)
	}
	f, err := os.Create(filepath.Join(b.TempDir(), "floor"))
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	if _, err := f.Write(make([]byte, 4096)); err != nil {
		b.Fatal(err)
	}
	sm := newSamples(b.N)
	var rewrite []time.Duration
	paid := 0
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ym := NewYearMonth(2025, time.December).Add(-i)
		if ym.Month() == time.December || i == 0 {
			b.StopTimer()
			bases := map[uuid.UUID]int64{}
			for j, m := range ms {
				bases[m.ID] = int64(250000 + j*300)
			}
			if err := l.SetDuesBases(ym.Year(), bases, "基准测试"); err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
		}
		sm.floor = append(sm.floor, floorOf(b, func() error { return fdatasyncFloor(f) }))
		rewrite = append(rewrite, floorOf(b, func() error { return rewriteDues(l, 2026) }))
		sm.op = append(sm.op, timed(b, func() error {
			c, err := l.PayDuesAtSession(s.ID, ym, NewDate(2026, 11, 6), PayCash)
			paid += len(c.Paid)
			return err
		}))
	}
	b.StopTimer()
	if paid == 0 {
		b.Fatal("nobody paid")
	}
	b.ReportMetric(float64(paid)/float64(b.N), "paid/op")
	b.ReportMetric(median(rewrite).Seconds()*1000, "rewrite-med-ms")
	b.ReportMetric(float64(median(sm.op))/float64(median(rewrite)), "x-rewrite")
	sm.report(b)
}
