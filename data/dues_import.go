package data

import (
	"time"

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
	return l.saveMembers(ms, func(tx *bolt.Tx, i int, m *Member, now time.Time) error {
		if bases[i] == NoDuesBase {
			return nil
		}
		return putDuesBase(tx, m.ID, year, bases[i], by, now)
	})
}
