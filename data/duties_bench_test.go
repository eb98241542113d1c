package data

import "testing"

// BenchmarkDuties is the 待办 card and `branchledger agenda` on the large
// ledger (5,000 members, 1,000 sessions, 1,000,000 marks): the duty rules,
// the talk pairs and the year's study hours, against the floor of reading
// the whole file.
func BenchmarkDuties(b *testing.B) {
	l := openLarge(b, true)
	sm := newSamples(b.N)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sm.floor = append(sm.floor, floorOf(b, func() error { return readWhole(l.Path()) }))
		sm.op = append(sm.op, timed(b, func() error {
			ds, err := l.Duties(60)
			if err == nil && len(ds) == 0 {
				b.Fatal("no duties on the large ledger")
			}
			return err
		}))
	}
	b.StopTimer()
	sm.report(b)
}
