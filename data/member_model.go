package data

import (
	"time"

	"github.com/google/uuid"
)

// Gender is a member's 性别.
type Gender string

// Genders.
const (
	Male   Gender = "male"   // 男
	Female Gender = "female" // 女
)

// Category is a member's 党员类别.
type Category string

// Categories. Only full and probationary members are expected at sessions;
// activists and candidates are kept on the roster for development work.
const (
	Full         Category = "full"         // 正式党员
	Probationary Category = "probationary" // 预备党员
	Activist     Category = "activist"     // 入党积极分子
	Candidate    Category = "candidate"    // 发展对象
)

// PartyStatus is a member's 党籍状态.
type PartyStatus string

// Party statuses.
const (
	StatusNormal    PartyStatus = "normal"    // 正常
	StatusSuspended PartyStatus = "suspended" // 停止党籍
	StatusRemoved   PartyStatus = "removed"   // 出党
)

// DepartureReason says how a member left the branch. Members are never
// deleted; a departure is a state change with a date.
type DepartureReason string

// Departure reasons.
const (
	TransferOut DepartureReason = "transfer_out" // 转出
	Removed     DepartureReason = "removed"      // 出党
	Deceased    DepartureReason = "deceased"     // 去世
)

// Departure records when and how a member left the branch.
type Departure struct {
	Reason      DepartureReason `json:"reason"`
	Date        Date            `json:"date"`
	Destination string          `json:"destination,omitempty"` // for a transfer out
	Note        string          `json:"note,omitempty"`
}

// MemberEvent is one entry in a member's history: a departure, a
// restoration, or an import update.
type MemberEvent struct {
	At   time.Time `json:"at"`
	What string    `json:"what"` // "left:transfer_out", "restored", "imported", …
	Date Date      `json:"date,omitempty"`
	Note string    `json:"note,omitempty"`
}

// Member is one Party member (党员) of the branch, with the fields of the
// official roster.
type Member struct {
	ID            uuid.UUID     `json:"id"`
	Seq           uint32        `json:"seq"` // ledger-local number used by the attendance layout
	Name          string        `json:"name"`
	Gender        Gender        `json:"gender,omitempty"`
	Ethnicity     string        `json:"ethnicity,omitempty"`
	Birth         Date          `json:"birth,omitempty"`
	IDNumber      string        `json:"id_number,omitempty"`
	Education     string        `json:"education,omitempty"`
	Phone         string        `json:"phone,omitempty"`
	Post          string        `json:"post,omitempty"` // 工作单位及职务
	Group         string        `json:"group,omitempty"`
	Category      Category      `json:"category"`
	Joined        Date          `json:"joined,omitempty"`
	Confirmed     Date          `json:"confirmed,omitempty"`
	Status        PartyStatus   `json:"status"`
	TransferredIn Date          `json:"transferred_in,omitempty"`
	CommitteeRole string        `json:"committee_role,omitempty"` // 支部委员会 post, empty when not on the committee
	Notes         string        `json:"notes,omitempty"`
	Left          *Departure    `json:"left,omitempty"`
	Events        []MemberEvent `json:"events,omitempty"`
	Created       time.Time     `json:"created"`
	Updated       time.Time     `json:"updated"`
}

// Active reports whether the member is still in the branch (not
// transferred out, removed or deceased).
func (m *Member) Active() bool { return m.Left == nil && m.Status != StatusRemoved }

// Voting reports whether the member has a vote now (a full member in good
// standing); quorum is counted over voting members.
func (m *Member) Voting() bool { return m.Category == Full && m.Status == StatusNormal }

// VotingOn reports whether the member had a vote on d: expected on d and a
// full member by then. A member confirmed after d was still probationary
// on d, so confirming someone does not change the quorum of past meetings.
func (m *Member) VotingOn(d Date) bool {
	return m.Category == Full && m.InBranchOn(d) && (m.Confirmed == 0 || m.Confirmed <= d)
}

// InBranchOn reports whether the member belonged to the branch on d and is
// expected at its sessions: a full or probationary member in normal
// standing who had arrived by d and had not left before d.
func (m *Member) InBranchOn(d Date) bool {
	from, until := m.expectedSpan()
	return from <= d && d < until
}

// endOfTime is later than every date.
const endOfTime = Date(1<<31 - 1)

// expectedSpan returns the days a member is expected at sessions: from <=
// d < until. Only full and probationary members count. A member arrives on
// TransferredIn (or, without it, Joined) and leaves on the departure date;
// a member removed from the Party keeps the days before the removal, so
// the history of old sessions does not change. Suspended members and
// members removed without a date are never expected (from == until).
func (m *Member) expectedSpan() (from, until Date) {
	if m.Category != Full && m.Category != Probationary {
		return 0, 0
	}
	switch {
	case m.Status == StatusNormal:
	case m.Status == StatusRemoved && m.Left != nil:
	default:
		return 0, 0
	}
	from = m.Joined
	if m.TransferredIn != 0 {
		from = m.TransferredIn
	}
	until = endOfTime
	if m.Left != nil {
		until = m.Left.Date
	}
	if until < from {
		return 0, 0
	}
	return from, until
}

// onRosterOn reports whether the member was on the branch's roster on d,
// whatever their category and standing: arrived by d and not yet left.
func (m *Member) onRosterOn(d Date) bool {
	if m.Left != nil && m.Left.Date <= d || m.Left == nil && m.Status == StatusRemoved {
		return false
	}
	arrived := m.Joined
	if m.TransferredIn != 0 {
		arrived = m.TransferredIn
	}
	return arrived <= d
}
