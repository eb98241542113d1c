package data

import (
	"cmp"
	"slices"

	"github.com/google/uuid"
	bolt "go.etcd.io/bbolt"
)

// DoneMakeUp is one recorded make-up study with the session it makes up
// and the member who did it, for the list of completed ones.
type DoneMakeUp struct {
	MakeUp  MakeUp
	Session *Session
	Member  *Member
}

// DoneMakeUps lists the recorded make-up studies, newest first: by the
// make-up's date, then the session's date, both descending, then by
// member order. Records whose session or member no longer exists are left
// out (they cannot be shown or corrected). One read transaction.
func (l *Ledger) DoneMakeUps() ([]DoneMakeUp, error) {
	var out []DoneMakeUp
	err := l.view(func(tx *bolt.Tx) error {
		ms, err := readMembers(tx)
		if err != nil {
			return err
		}
		ss, err := readSessions(tx, 0, 0)
		if err != nil {
			return err
		}
		mus, err := readMakeUps(tx)
		if err != nil {
			return err
		}
		mem := make(map[uuid.UUID]*Member, len(ms))
		order := make(map[uuid.UUID]int, len(ms))
		for i := range ms {
			mem[ms[i].ID], order[ms[i].ID] = &ms[i], i
		}
		ses := make(map[uuid.UUID]*Session, len(ss))
		for i := range ss {
			ses[ss[i].ID] = &ss[i]
		}
		for _, mu := range mus {
			s, m := ses[mu.SessionID], mem[mu.MemberID]
			if s == nil || m == nil {
				continue
			}
			out = append(out, DoneMakeUp{MakeUp: mu, Session: s, Member: m})
		}
		slices.SortStableFunc(out, func(a, b DoneMakeUp) int {
			return cmp.Or(cmp.Compare(b.MakeUp.Date, a.MakeUp.Date),
				cmp.Compare(b.Session.Date, a.Session.Date),
				cmp.Compare(order[a.Member.ID], order[b.Member.ID]))
		})
		return nil
	})
	return out, err
}
