package roster

import (
	"fmt"

	"branchledger/data"
)

// Apply saves the plan's new and updated members in one transaction: all
// of them or, on any error, none. Refused and unchanged rows are left
// out; a caller that wants nothing imported while any row is refused
// checks len(p.Refused) first. Each updated member keeps its ID, number
// and history, with an "imported" event added. If a member to update was
// changed since the plan was read, Apply returns ErrStale and saves
// nothing.
func (p *Plan) Apply(l *data.Ledger) error {
	now := l.Now()
	ms := make([]*data.Member, 0, len(p.Add)+len(p.Update))
	for _, r := range p.Add {
		m := r.Member
		ms = append(ms, &m)
	}
	for _, r := range p.Update {
		cur, err := l.Member(r.Member.ID)
		if err != nil {
			return err
		}
		if r.old == nil || !cur.Updated.Equal(r.old.Updated) || len(cur.Events) != len(r.old.Events) || !sameRoster(cur, *r.old) {
			return fmt.Errorf("%s: %w", cur.Name, ErrStale)
		}
		m := r.Member
		m.Events = append(append([]data.MemberEvent(nil), r.Member.Events...),
			data.MemberEvent{At: now, What: "imported", Date: data.DateOf(now), Note: p.Source})
		ms = append(ms, &m)
	}
	if len(ms) == 0 {
		return nil
	}
	return l.SaveMembers(ms)
}
