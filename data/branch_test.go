package data

import (
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"
)

func TestUpdateBranchChangesOnlyWhatItTouches(t *testing.T) {
	l := newTestLedger(t)
	before, err := l.Branch()
	if err != nil {
		t.Fatal(err)
	}
	if err := l.UpdateBranch(func(b *Branch) error {
		b.LeaveCountsAgainst = true
		b.Created = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC) // not the caller's to change
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	got, err := l.Branch()
	if err != nil {
		t.Fatal(err)
	}
	if !got.LeaveCountsAgainst {
		t.Error("LeaveCountsAgainst: got false, want true")
	}
	if got.Name != "测试支部" || !slices.Equal(got.Groups, []string{"第一党小组", "第二党小组"}) {
		t.Errorf("profile: got %q %q, want 测试支部 [第一党小组 第二党小组] kept", got.Name, got.Groups)
	}
	if !got.Created.Equal(before.Created) {
		t.Errorf("Created: got %v, want %v kept", got.Created, before.Created)
	}
	if !got.Updated.Equal(testNow) {
		t.Errorf("Updated: got %v, want the ledger's clock %v", got.Updated, testNow)
	}
}

func TestUpdateBranchWritesNothingOnError(t *testing.T) {
	l := newTestLedger(t)
	boom := errors.New("boom")
	err := l.UpdateBranch(func(b *Branch) error {
		b.Secretary = "王书记"
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("got %v, want the change's own error", err)
	}
	err = l.UpdateBranch(func(b *Branch) error {
		b.Name, b.Secretary = "", "李书记"
		return nil
	})
	var ve *ValidationError
	if !errors.As(err, &ve) || len(ve.Problems) != 1 || ve.Problems[0].Field != "branch" || ve.Problems[0].Code != ProblemRequired {
		t.Fatalf("empty name: got %v, want one ProblemRequired on branch", err)
	}
	got, err := l.Branch()
	if err != nil {
		t.Fatal(err)
	}
	if got.Name != "测试支部" || got.Secretary != "" {
		t.Errorf("after two refused changes: got name %q secretary %q, want 测试支部 and none", got.Name, got.Secretary)
	}
}

// Many writers each adding their own group at once: with the read and the
// write in separate transactions, some additions would be overwritten.
func TestUpdateBranchConcurrentChangesAllKept(t *testing.T) {
	l := newTestLedger(t)
	const n = 40
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = l.UpdateBranch(func(b *Branch) error {
				b.Groups = append(b.Groups, fmt.Sprintf("小组%02d", i))
				return nil
			})
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("writer %d: %v", i, err)
		}
	}
	got, err := l.Branch()
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Groups) != 2+n {
		t.Fatalf("got %d groups, want the 2 first and all %d added", len(got.Groups), n)
	}
	for i := range n {
		if want := fmt.Sprintf("小组%02d", i); !slices.Contains(got.Groups, want) {
			t.Errorf("group %s lost", want)
		}
	}
}
