package data

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// The benchmarks run on the large ledger (demo.WriteLarge: 5,000 members,
// 1,000 sessions, 1,000,000 marks). Writing it takes well under a second, so
// every benchmark builds its own copy in b.TempDir(): nothing is cached
// between runs or kept in package state, and ordinary `go test` never
// builds it.
//
// Every figure is also reported as a ratio to a floor measured in the same
// run on the same disk ("x-floor"), so that runs on different machines can
// be compared. The floor runs interleaved with the measured operation, so
// that drift in the machine's speed affects both alike.

// largeLedger writes the large example ledger into a temporary folder and
// returns its path.
func largeLedger(b *testing.B) string {
	b.Helper()
	path := filepath.Join(b.TempDir(), "large.ledger")
	if err := writeLargeDemo(path, testOptions()); err != nil {
		b.Fatal(err)
	}
	return path
}

func openLarge(b *testing.B, readOnly bool) *Ledger {
	b.Helper()
	opt := testOptions()
	opt.ReadOnly = readOnly
	l, err := Open(largeLedger(b), opt)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = l.Close() })
	return l
}

// timed runs fn and returns how long it took.
func timed(b *testing.B, fn func() error) time.Duration {
	b.Helper()
	t := time.Now()
	if err := fn(); err != nil {
		b.Fatal(err)
	}
	return time.Since(t)
}

// floorOf runs the floor with the benchmark timer stopped, so that ns/op,
// B/op and allocs/op describe the measured operation alone.
func floorOf(b *testing.B, fn func() error) time.Duration {
	b.Helper()
	b.StopTimer()
	d := timed(b, fn)
	b.StartTimer()
	return d
}

// samples keeps each iteration's time of the operation and of its floor.
// The figures are medians: on a shared machine a few iterations stall
// behind other work, and a median does not let them speak for the rest.
type samples struct{ op, floor []time.Duration }

func newSamples(n int) *samples {
	return &samples{op: make([]time.Duration, 0, n), floor: make([]time.Duration, 0, n)}
}

// report adds the median operation ("med-ms"), the median floor
// ("floor-med-ms") and their ratio ("x-floor") to the benchmark's line,
// and the ratio of the totals ("x-floor-mean"), which the stalls do move.
func (s *samples) report(b *testing.B) {
	op, floor := median(s.op), median(s.floor)
	b.ReportMetric(op.Seconds()*1000, "med-ms")
	b.ReportMetric(floor.Seconds()*1000, "floor-med-ms")
	if floor > 0 {
		b.ReportMetric(float64(op)/float64(floor), "x-floor")
	}
	if total := sum(s.floor); total > 0 {
		b.ReportMetric(float64(sum(s.op))/float64(total), "x-floor-mean")
	}
}

func sum(ds []time.Duration) time.Duration {
	var t time.Duration
	for _, d := range ds {
		t += d
	}
	return t
}

func median(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	ds = slices.Clone(ds)
	slices.Sort(ds)
	return ds[len(ds)/2]
}

// twoDatasyncs is the floor of a committed write, what bbolt needs at
// least per commit: a page written into an existing file and
// fdatasync'd, then the meta page written and fdatasync'd (see
// datasync_*_test.go; f is created once, before the timing).
func twoDatasyncs(f *os.File, i int) error {
	page := make([]byte, 4096)
	page[0] = byte(i)
	for _, off := range []int64{4096, 0} {
		if _, err := f.WriteAt(page, off); err != nil {
			return err
		}
		if err := datasync(f); err != nil {
			return err
		}
	}
	return nil
}

// floorFile creates the existing file twoDatasyncs writes into.
func floorFile(b *testing.B) *os.File {
	b.Helper()
	f, err := os.Create(filepath.Join(b.TempDir(), "floor"))
	if err != nil {
		b.Fatal(err)
	}
	if _, err := f.Write(make([]byte, 8192)); err != nil {
		b.Fatal(err)
	}
	if err := f.Sync(); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = f.Close() })
	return f
}

// readWhole is the floor of a read: the ledger file's bytes read once.
func readWhole(path string) error {
	_, err := os.ReadFile(path)
	return err
}

// BenchmarkSetMark commits one attendance mark (SetMark, one transaction
// with its fsyncs) against the floor of two fdatasyncs of an existing file
// (twoDatasyncs), at an "open" session during check-in and at a "closed"
// one after 结束登记, where a change also records the old value in the
// mark history. For scale it also times what bbolt alone needs to commit
// the same change: a bare write transaction putting the open session's
// block back as it is (no checks, no decoding), "bbolt". Each iteration
// times the floor, then the three in rotating order, so that all meet the
// same disk; ns/op is the three together. Reported: the medians
// (floor-med-ms, open-med-ms, closed-med-ms, bbolt-med-ms) and each one's
// ratio to the floor (open-x-floor …).
func BenchmarkSetMark(b *testing.B) {
	l := openLarge(b, false)
	ss, err := l.Sessions(NewDate(2026, 11, 1), NewDate(2026, 11, 30))
	if err != nil || len(ss) < 2 {
		b.Fatalf("sessions: %v (%d)", err, len(ss))
	}
	ms, err := l.Members()
	if err != nil {
		b.Fatal(err)
	}
	who := ms[len(ms)/2].ID
	open, closed := ss[len(ss)-1], ss[len(ss)-2]
	if err := l.CloseSession(open.ID, false); err != nil {
		b.Fatal(err)
	}
	if err := l.SetMark(open.ID, who, Mark{Status: Present}, false); err != nil {
		b.Fatal(err)
	}
	var seq uint32
	for _, m := range ms {
		if m.ID == who {
			seq = m.Seq
		}
	}
	block := blockKey(open.ID, blockOf(seq))
	bare := func() error {
		return l.db.Update(func(tx *bolt.Tx) error {
			m := tx.Bucket(bMarks)
			return m.Put(block, bytes.Clone(m.Get(block)))
		})
	}
	ff := floorFile(b)
	floor := make([]time.Duration, 0, b.N)
	names := []string{"open", "closed", "bbolt"}
	ops := map[string][]time.Duration{}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		floor = append(floor, floorOf(b, func() error { return twoDatasyncs(ff, i) }))
		st := Present
		if i%2 == 1 {
			st = Late
		}
		for j := range names {
			name := names[(i+j)%len(names)]
			op := map[string]func() error{
				"open":   func() error { return l.SetMark(open.ID, who, Mark{Status: st}, true) },
				"closed": func() error { return l.SetMark(closed.ID, who, Mark{Status: st}, true) },
				"bbolt":  bare,
			}[name]
			ops[name] = append(ops[name], timed(b, op))
		}
	}
	b.StopTimer()
	f := median(floor)
	b.ReportMetric(f.Seconds()*1000, "floor-med-ms")
	for _, name := range names {
		op := median(ops[name])
		b.ReportMetric(op.Seconds()*1000, name+"-med-ms")
		if f > 0 {
			b.ReportMetric(float64(op)/float64(f), name+"-x-floor")
		}
	}
}

// BenchmarkOpenRoster opens the large ledger (no automatic backup: that
// runs at most once a day), loads the roster and this year's sessions, and
// closes it, against the floor of reading the file's bytes once.
func BenchmarkOpenRoster(b *testing.B) {
	path := largeLedger(b)
	opt := testOptions()
	sm := newSamples(b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sm.floor = append(sm.floor, floorOf(b, func() error { return readWhole(path) }))
		sm.op = append(sm.op, timed(b, func() error {
			l, err := Open(path, opt)
			if err != nil {
				return err
			}
			ms, err := l.Members()
			if err == nil && len(ms) != largeMembers {
				b.Fatalf("got %d members, want %d", len(ms), largeMembers)
			}
			if err == nil {
				_, err = l.Sessions(NewDate(2026, 1, 1), NewDate(2026, 12, 31))
			}
			if cerr := l.Close(); err == nil {
				err = cerr
			}
			return err
		}))
	}
	b.StopTimer()
	sm.report(b)
}

// BenchmarkOpenCheck is the quick check every Open makes of the large
// ledger, in its two parts, against the floor of reading the file's bytes
// once: "pages" reads every page in use and checks its structure (before
// bbolt maps the file), "records" verifies the CRC-32C of every record
// and marks value and that each marks value names its session, "domain"
// decodes every record and checks keys, indexes and references, and
// "open" is a whole read-only Open and Close (all three).
func BenchmarkOpenCheck(b *testing.B) {
	path := largeLedger(b)
	opt := testOptions()
	opt.ReadOnly = true
	l, err := Open(path, opt)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = l.Close() })
	for _, part := range []struct {
		name string
		fn   func() error
	}{
		{"pages", func() error { return checkFile(path) }},
		{"records", func() error {
			return l.view(func(tx *bolt.Tx) error { return checkRecords(tx, SchemaVersion) })
		}},
		{"domain", func() error {
			return l.view(func(tx *bolt.Tx) error {
				if ps := checkDomain(tx); len(ps) > 0 {
					b.Fatalf("problems %v", ps)
				}
				return nil
			})
		}},
		{"open", func() error {
			l, err := Open(path, opt)
			if err != nil {
				return err
			}
			return l.Close()
		}},
	} {
		b.Run(part.name, func(b *testing.B) {
			sm := newSamples(b.N)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				sm.floor = append(sm.floor, floorOf(b, func() error { return readWhole(path) }))
				sm.op = append(sm.op, timed(b, part.fn))
			}
			b.StopTimer()
			sm.report(b)
		})
	}
}

// BenchmarkYearStats computes a year's statistics for all members on an
// open ledger, against the floor of reading the file's bytes once.
func BenchmarkYearStats(b *testing.B) {
	l := openLarge(b, true)
	sm := newSamples(b.N)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sm.floor = append(sm.floor, floorOf(b, func() error { return readWhole(l.Path()) }))
		sm.op = append(sm.op, timed(b, func() error {
			ys, err := l.YearStats(2026)
			if err == nil && (len(ys.Members) != largeMembers || len(ys.Held) != largeSessions) {
				b.Fatalf("got %d members %d sessions, want %d %d", len(ys.Members), len(ys.Held), largeMembers, largeSessions)
			}
			return err
		}))
	}
	b.StopTimer()
	sm.report(b)
}

// BenchmarkOpenYearStats is what `branchledger stats` does: open the
// ledger read-only, compute the year, close.
func BenchmarkOpenYearStats(b *testing.B) {
	path := largeLedger(b)
	opt := testOptions()
	opt.ReadOnly = true
	sm := newSamples(b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sm.floor = append(sm.floor, floorOf(b, func() error { return readWhole(path) }))
		sm.op = append(sm.op, timed(b, func() error {
			l, err := Open(path, opt)
			if err != nil {
				return err
			}
			_, err = l.YearStats(2026)
			if cerr := l.Close(); err == nil {
				err = cerr
			}
			return err
		}))
	}
	b.StopTimer()
	sm.report(b)
}

// BenchmarkYearStatsMemory measures the memory of one year's statistics:
// "alloc-MB" is the heap allocated during the call (runtime TotalAlloc
// delta), an upper bound of the peak heap growth; "retained-MB" is the
// live heap the result keeps after a GC.
func BenchmarkYearStatsMemory(b *testing.B) {
	l := openLarge(b, true)
	var alloc, retained uint64
	var before, after runtime.MemStats
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		runtime.GC()
		runtime.ReadMemStats(&before)
		b.StartTimer()
		ys, err := l.YearStats(2026)
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		runtime.ReadMemStats(&after)
		alloc += after.TotalAlloc - before.TotalAlloc
		runtime.GC()
		runtime.ReadMemStats(&after)
		retained += after.HeapAlloc - min(after.HeapAlloc, before.HeapAlloc)
		runtime.KeepAlive(ys)
		b.StartTimer()
	}
	b.StopTimer()
	n := float64(b.N)
	b.ReportMetric(float64(alloc)/n/(1<<20), "alloc-MB/op")
	b.ReportMetric(float64(retained)/n/(1<<20), "retained-MB/op")
}
