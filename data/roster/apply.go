package roster

import (
	"errors"
	"fmt"
	"io"

	"branchledger/data"
)

// Apply saves the plan's new and updated members in one transaction: all
// of them or, on any error, none. Refused and unchanged rows are left
// out; a caller that wants nothing imported while any row is refused
// checks len(p.Refused) first. Each updated member keeps its ID, number
// and history, with an "imported" event added. The check that a member
// to update was not changed since the plan was read runs inside the write
// transaction (data.Ledger.SaveMembers compares each stored member's
// Updated time); if one was, Apply returns ErrStale and saves nothing. A
// member added meanwhile with the same ID number gives data.ErrDuplicateID.
// The dues bases of the rows (Row.DuesBase, a 月工资/缴费基数 column) are
// saved in the same transaction as this year's bases.
func (p *Plan) Apply(l *data.Ledger) error {
	now := l.Now()
	ms := make([]*data.Member, 0, len(p.Add)+len(p.Update))
	bases := make([]int64, 0, cap(ms))
	// Updates first: a plan applied over a changed ledger reports the
	// change (ErrStale) rather than a member added meanwhile.
	for _, r := range p.Update {
		m := r.Member
		m.Events = append(append([]data.MemberEvent(nil), r.Member.Events...),
			data.MemberEvent{At: now, What: "imported", Date: data.DateOf(now), Note: p.Source})
		ms = append(ms, &m)
		bases = append(bases, duesBase(r))
	}
	for _, r := range p.Add {
		m := r.Member
		ms = append(ms, &m)
		bases = append(bases, duesBase(r))
	}
	if len(ms) == 0 {
		return nil
	}
	err := l.SaveMembersWithDuesBases(ms, now.Year(), bases, "导入 "+p.Source)
	if errors.Is(err, data.ErrStale) {
		return fmt.Errorf("%w: %w", ErrStale, err)
	}
	return err
}

// Preview reads a roster workbook against a ledger's members and party
// groups, with the ledger's today: what the window and the command line
// both show before anything is imported. opt.Today, Existing and Groups
// are filled from the ledger; the other options are the caller's.
func Preview(l *data.Ledger, r io.Reader, opt Options) (*Plan, error) {
	ms, err := l.Members()
	if err != nil {
		return nil, err
	}
	b, err := l.Branch()
	if err != nil {
		return nil, err
	}
	opt.Today, opt.Existing, opt.Groups = l.Today(), ms, b.Groups
	return Read(r, opt)
}

// duesBase is a row's dues base in fen, or data.NoDuesBase when the file
// gives none.
func duesBase(r *Row) int64 {
	if r.DuesBase > 0 {
		return r.DuesBase
	}
	return data.NoDuesBase
}
