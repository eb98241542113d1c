package data

import (
	bolt "go.etcd.io/bbolt"
)

// NoDuesBase marks a member without a base in SaveMembersWithDuesBases.
const NoDuesBase int64 = -1

// SaveMembersWithDuesBases is SaveMembers for an import that carries a
// 月工资/缴费基数 column: the members and their bases (fen) for year are
// saved in one transaction, all or nothing. bases[i] is ms[i]'s base, or
// NoDuesBase; by names the source ("导入 花名册.xlsx"). A member's dues
// category is kept, or taken as employed and marked assumed (see
// SetDuesBases). Each member is validated as SaveMembers does, and an
// update is refused with ErrStale when the stored member changed since it
// was read.
func (l *Ledger) SaveMembersWithDuesBases(ms []*Member, year int, bases []int64, by string) error {
	if len(bases) != len(ms) {
		return ErrDuesBadAmount
	}
	today := l.Today()
	for _, m := range ms {
		if m.Status == "" {
			m.Status = StatusNormal
		}
		if ps := ValidateMember(m, today); len(ps) > 0 {
			return &ValidationError{Problems: ps}
		}
	}
	now := l.Now()
	staged := make([]Member, len(ms))
	err := l.update(func(tx *bolt.Tx) error {
		for i, in := range ms {
			m := *in
			if err := putMember(tx, &m, now, true); err != nil {
				return err
			}
			if bases[i] != NoDuesBase {
				if err := putDuesBase(tx, m.ID, year, bases[i], by, now); err != nil {
					return err
				}
			}
			staged[i] = m
		}
		return nil
	})
	if err != nil {
		return err
	}
	for i := range ms {
		*ms[i] = staged[i]
	}
	return nil
}
