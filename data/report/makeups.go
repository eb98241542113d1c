package report

import (
	"github.com/google/uuid"

	"branchledger/data"
)

// makeUpKey is a (session, member) pair.
type makeUpKey [2]uuid.UUID

// makeUpsDone returns the make-up studies of the ledger by (session,
// member), read once per workbook.
func (b *book) makeUpsDone() (map[makeUpKey]data.MakeUp, error) {
	if b.makeUps != nil {
		return b.makeUps, nil
	}
	mus, err := b.l.MakeUps()
	if err != nil {
		return nil, err
	}
	b.makeUps = make(map[makeUpKey]data.MakeUp, len(mus))
	for _, mu := range mus {
		b.makeUps[makeUpKey{mu.SessionID, mu.MemberID}] = mu
	}
	return b.makeUps, nil
}

// memberList returns every member of the ledger in ledger order,
// departed ones included, read once per workbook.
func (b *book) memberList() ([]data.Member, error) {
	if b.members != nil {
		return b.members, nil
	}
	ms, err := b.l.Members()
	if err != nil {
		return nil, err
	}
	if ms == nil {
		ms = []data.Member{}
	}
	b.members = ms
	return ms, nil
}

// creditsText names the rules a session counts toward besides its own
// kind ("计为主题党日、党课"), or "".
func creditsText(s *data.Session) string {
	var names []string
	for _, k := range data.Kinds() {
		if s.Credited(k) {
			names = append(names, kindName(k))
		}
	}
	if len(names) == 0 {
		return ""
	}
	out := "计为"
	for i, n := range names {
		if i > 0 {
			out += "、"
		}
		out += n
	}
	return out
}
