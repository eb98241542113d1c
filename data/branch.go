package data

import bolt "go.etcd.io/bbolt"

// UpdateBranch changes the branch profile in one write transaction: change
// gets the profile as stored and edits it in place, and the result is
// written back before any other write can come between. So two screens
// saving different fields (the profile on 设置, the leave rule on 统计)
// cannot undo each other, as a read in one transaction and a write in
// another could. An error from change, or a profile left without a name
// (a *ValidationError), writes nothing. Created is kept and Updated set to
// the ledger's clock.
func (l *Ledger) UpdateBranch(change func(*Branch) error) error {
	return l.update(func(tx *bolt.Tx) error {
		var b Branch
		if err := decode(tx.Bucket(bMeta).Get(kBranch), &b); err != nil {
			return err
		}
		created := b.Created
		if err := change(&b); err != nil {
			return err
		}
		if b.Name == "" {
			return &ValidationError{Problems: []Problem{{Field: "branch", Code: ProblemRequired}}}
		}
		b.Created, b.Updated = created, l.Now()
		v, err := encode(&b)
		if err != nil {
			return err
		}
		return tx.Bucket(bMeta).Put(kBranch, v)
	})
}
