package data

import (
	"slices"
	"time"

	"github.com/google/uuid"
	bolt "go.etcd.io/bbolt"
)

// The 谈心谈话 log, in its own bucket, and the branch's committee term.

// Talk is one 谈心谈话 between two people of the branch.
type Talk struct {
	ID      uuid.UUID `json:"id"`
	Date    Date      `json:"date"`
	A       uuid.UUID `json:"a"`
	B       uuid.UUID `json:"b"`
	Topic   string    `json:"topic,omitempty"`
	Created time.Time `json:"created"`
}

// SaveTalk adds a talk to the log in one transaction. Both people must be
// members of the ledger and different.
func (l *Ledger) SaveTalk(t *Talk) error {
	if !t.Date.Valid() {
		return invalid(FieldDate, ProblemBadDate, nil)
	}
	if t.A == t.B {
		return invalid("talk_with", ProblemSamePerson, nil)
	}
	rec := *t
	rec.ID, rec.Created = newID(), l.Now()
	err := l.update(func(tx *bolt.Tx) error {
		var m Member
		for _, id := range []uuid.UUID{rec.A, rec.B} {
			if err := getMember(tx, id, &m); err != nil {
				return err
			}
		}
		b, err := tx.CreateBucketIfNotExists(bTalks)
		if err != nil {
			return err
		}
		v, err := encode(&rec)
		if err != nil {
			return err
		}
		return b.Put(rec.ID[:], v)
	})
	if err == nil {
		*t = rec
	}
	return err
}

func readTalks(tx *bolt.Tx) ([]Talk, error) {
	b := tx.Bucket(bTalks)
	if b == nil {
		return nil, nil
	}
	var out []Talk
	err := b.ForEach(func(_, v []byte) error {
		var t Talk
		if err := decode(v, &t); err != nil {
			return err
		}
		out = append(out, t)
		return nil
	})
	return out, err
}

// Talks returns the talk log, in the order the talks were entered.
func (l *Ledger) Talks() ([]Talk, error) {
	var out []Talk
	err := l.view(func(tx *bolt.Tx) (err error) {
		out, err = readTalks(tx)
		return err
	})
	return out, err
}

// SetCommitteeTerm records when the branch committee was elected and the
// branch type (which sets the term), in one read-modify-write transaction
// of the branch profile. A zero elected clears the date.
func (l *Ledger) SetCommitteeTerm(elected Date, t BranchType) error {
	if elected != 0 && !elected.Valid() {
		return invalid("committee_elected", ProblemBadDate, nil)
	}
	if elected > l.Today() {
		return invalid("committee_elected", ProblemFuture, nil)
	}
	if !slices.Contains(BranchTypes(), t) {
		return invalid("branch_type", ProblemBadChoice, nil)
	}
	now := l.Now()
	return l.update(func(tx *bolt.Tx) error {
		var b Branch
		if err := decode(tx.Bucket(bMeta).Get(kBranch), &b); err != nil {
			return err
		}
		b.CommitteeElected, b.Type, b.Updated = elected, t, now
		v, err := encode(&b)
		if err != nil {
			return err
		}
		return tx.Bucket(bMeta).Put(kBranch, v)
	})
}
