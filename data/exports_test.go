package data

// The export trace and concurrent use of one ledger.

import (
	"path/filepath"
	"sync"
	"testing"

	"github.com/google/uuid"
)

func TestExports(t *testing.T) {
	l := newTestLedger(t)
	for i, file := range []string{"a.xlsx", "b.xlsx"} {
		r := ExportRecord{Reports: []string{"roster"}, Year: 2026, FullIDs: i == 1, File: file}
		if err := l.RecordExport(&r); err != nil {
			t.Fatal(err)
		}
		if r.ID == uuid.Nil || !r.At.Equal(testNow) {
			t.Errorf("record %d: got ID %s at %v, want an ID at %v", i, r.ID, r.At, testNow)
		}
	}
	rs, err := l.Exports()
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 2 || rs[0].File != "b.xlsx" || !rs[0].FullIDs || rs[1].File != "a.xlsx" {
		t.Errorf("exports: got %+v, want b.xlsx (full IDs) then a.xlsx", rs)
	}
}

// TestConcurrentUse: the ledger is used from several goroutines at once
// (the UI goroutine and background work); run with -race.
func TestConcurrentUse(t *testing.T) {
	f := newMarkFixture(t)
	statuses := []Mark{{Status: Present}, {Status: Late}, {Status: OnLeave, Reason: OnDuty}, {Status: Absent}}
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for i, m := range f.ms {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range 20 {
				if err := f.l.SetMark(f.openID, m.ID, statuses[(i+j)%len(statuses)], false); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	for range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 20 {
				if _, err := f.l.YearStats(2026); err != nil {
					errs <- err
					return
				}
				if _, err := f.l.SessionCounts(f.openID); err != nil {
					errs <- err
					return
				}
				if _, err := f.l.Marks(f.openID); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	// A hot backup taken in the middle of the writes is a consistent ledger.
	backups := make([]string, 3)
	for i := range backups {
		backups[i] = filepath.Join(t.TempDir(), "hot.ledger")
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := f.l.Backup(backups[i]); err != nil {
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	for _, b := range backups {
		if ps, err := Verify(b, testOptions()); err != nil || len(ps) > 0 {
			t.Errorf("hot backup during writes: got %v, %v; want a sound ledger", ps, err)
		}
	}
	for err := range errs {
		t.Error(err)
	}
	got := f.marks(t, f.openID)
	for i, m := range f.ms {
		if want := statuses[(i+19)%len(statuses)]; got[m.ID] != want {
			t.Errorf("%s: got %+v, want the last write %+v", m.Name, got[m.ID], want)
		}
	}
	requireClean(t, f.l)
}
