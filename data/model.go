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

// Kind is the kind of an organisational-life session, with the DOMAIN.md codes.
type Kind string

// Session kinds (三会一课 plus the others a branch runs).
const (
	GeneralMeeting   Kind = "general_meeting"   // 支部党员大会
	CommitteeMeeting Kind = "committee_meeting" // 支部委员会
	GroupMeeting     Kind = "group_meeting"     // 党小组会
	PartyLecture     Kind = "party_lecture"     // 党课
	ThemedPartyDay   Kind = "themed_party_day"  // 主题党日
	NoonClassroom    Kind = "noon_classroom"    // 正午课堂
	OrgLifeMeeting   Kind = "org_life_meeting"  // 组织生活会
	JointActivity    Kind = "joint_activity"    // 联建活动
)

// Kinds returns every session kind in display order (a new slice each
// call: callers may keep or change it).
func Kinds() []Kind {
	return []Kind{GeneralMeeting, CommitteeMeeting, GroupMeeting, PartyLecture,
		ThemedPartyDay, NoonClassroom, OrgLifeMeeting, JointActivity}
}

// Guest is a person from an alliance unit attending a session (列席).
type Guest struct {
	Name string `json:"name"`
	Unit string `json:"unit,omitempty"`
}

// Session is one organisational-life session (组织生活 / 活动).
type Session struct {
	ID          uuid.UUID `json:"id"`
	Kind        Kind      `json:"kind"`
	Theme       string    `json:"theme"`
	Date        Date      `json:"date"`
	Start       string    `json:"start,omitempty"` // "12:00"
	End         string    `json:"end,omitempty"`   // "13:00"
	Place       string    `json:"place,omitempty"`
	Host        string    `json:"host,omitempty"`
	Recorder    string    `json:"recorder,omitempty"`
	Speaker     string    `json:"speaker,omitempty"`
	Minutes     string    `json:"minutes,omitempty"`
	Outcomes    string    `json:"outcomes,omitempty"` // 决议/成果
	Guests      []Guest   `json:"guests,omitempty"`
	Attachments []string  `json:"attachments,omitempty"`
	// ThemedDay marks a session (usually a Noon Classroom) that counts as the
	// month's themed Party day.
	ThemedDay bool      `json:"themed_day,omitempty"`
	Group     string    `json:"group,omitempty"` // the party group a group meeting is for
	SeriesID  uuid.UUID `json:"series_id,omitempty"`
	Cancelled bool      `json:"cancelled,omitempty"`
	Closed    bool      `json:"closed,omitempty"` // 结束登记: marks need confirmation to change
	Created   time.Time `json:"created"`
	Updated   time.Time `json:"updated"`
}

// Expects reports whether member m is expected (应到) at the session:
// members in the branch on the session date; a group meeting expects only
// its group; a committee meeting only the committee.
func (s *Session) Expects(m *Member) bool {
	return m.InBranchOn(s.Date) && s.admits(m)
}

// audience is whom a session is for, besides being in the branch on its
// date: this and admits are the one statement of the rule, which the
// statistics engine (attendees.go) also follows.
type audience int

const (
	everyone      audience = iota
	committeeOnly          // a committee meeting: the committee
	groupOnly              // a group meeting of one group: that group
)

func (s *Session) audience() audience {
	switch {
	case s.Kind == CommitteeMeeting:
		return committeeOnly
	case s.Kind == GroupMeeting && s.Group != "":
		return groupOnly
	}
	return everyone
}

// admits reports whether m belongs to the session's audience, whatever
// the date.
func (s *Session) admits(m *Member) bool {
	switch s.audience() {
	case committeeOnly:
		return m.CommitteeRole != ""
	case groupOnly:
		return m.Group == s.Group
	}
	return true
}

// CountsAsThemedDay reports whether the session satisfies the monthly
// themed Party day rule: a themed Party day, or any session marked as the
// month's themed Party day (usually a Noon Classroom; branches also hold it
// together with a party lecture or a joint activity).
func (s *Session) CountsAsThemedDay() bool {
	return s.Kind == ThemedPartyDay || s.ThemedDay
}

// MarkStatus is one attendance mark. The absence of a mark (未登记) is a
// state of its own and is not absent.
type MarkStatus uint8

// Mark statuses. Unmarked is the zero value.
const (
	Unmarked MarkStatus = iota // 未登记
	Present                    // 出席
	Late                       // 迟到
	OnLeave                    // 请假
	Absent                     // 缺席
)

// MarkStatuses returns the statuses a user can set, in check-in order.
func MarkStatuses() []MarkStatus { return []MarkStatus{Present, Late, OnLeave, Absent} }

// Code returns the stable name of the status ("present", …).
func (s MarkStatus) Code() string {
	switch s {
	case Present:
		return "present"
	case Late:
		return "late"
	case OnLeave:
		return "leave"
	case Absent:
		return "absent"
	}
	return "unmarked"
}

// LeaveReason is why a member was on leave.
type LeaveReason uint8

// Leave reasons.
const (
	NoReason LeaveReason = iota
	OnDuty               // 因公
	Sick                 // 因病
	Personal             // 因事
)

// LeaveReasons returns the reasons in picker order.
func LeaveReasons() []LeaveReason { return []LeaveReason{OnDuty, Sick, Personal} }

// Code returns the stable name of the reason ("duty", …), "" for none.
func (r LeaveReason) Code() string {
	switch r {
	case OnDuty:
		return "duty"
	case Sick:
		return "sick"
	case Personal:
		return "personal"
	}
	return ""
}

// Mark is one member's attendance at one session.
type Mark struct {
	Status MarkStatus  `json:"status"`
	Reason LeaveReason `json:"reason,omitempty"`
}

// OwesMakeUp reports whether the mark leaves a make-up study owed.
func (m Mark) OwesMakeUp() bool { return m.Status == OnLeave || m.Status == Absent }

// MakeUpMethod is how a make-up study (补学) was done.
type MakeUpMethod string

// Make-up methods.
const (
	SelfStudy    MakeUpMethod = "self_study"    // 自学材料
	TalkWithSec  MakeUpMethod = "talk"          // 与书记谈话
	OtherSession MakeUpMethod = "other_session" // 参加其他场次
)

// MakeUp records a make-up study done by a member for a missed session.
type MakeUp struct {
	SessionID uuid.UUID    `json:"session_id"`
	MemberID  uuid.UUID    `json:"member_id"`
	Date      Date         `json:"date"`
	Method    MakeUpMethod `json:"method"`
	Note      string       `json:"note,omitempty"`
	Created   time.Time    `json:"created"`
}

// Branch is the branch profile kept in the ledger.
type Branch struct {
	Name      string   `json:"name"`
	Committee string   `json:"committee,omitempty"` // 上级党委 / 党工委
	Secretary string   `json:"secretary,omitempty"`
	Groups    []string `json:"groups,omitempty"` // 党小组, in display order
	// LeaveCountsAgainst switches the attendance rate to
	// (present+late)/expected; by default leave is taken out of the
	// denominator.
	LeaveCountsAgainst bool      `json:"leave_counts_against,omitempty"`
	Created            time.Time `json:"created"`
	Updated            time.Time `json:"updated"`
}

// Series is a recurring session plan, such as the weekly Noon Classroom.
// Generating it creates ordinary sessions that can then be moved or
// cancelled one by one.
type Series struct {
	ID        uuid.UUID    `json:"id"`
	Kind      Kind         `json:"kind"`
	Theme     string       `json:"theme"`
	Weekday   time.Weekday `json:"weekday"`
	Start     string       `json:"start,omitempty"`
	End       string       `json:"end,omitempty"`
	Place     string       `json:"place,omitempty"`
	Host      string       `json:"host,omitempty"`
	From      Date         `json:"from"`
	To        Date         `json:"to"`
	ThemedDay bool         `json:"themed_day,omitempty"`
	Created   time.Time    `json:"created"`
}

// ExportRecord is the trace an export leaves in the ledger, so that full ID
// numbers leaving the machine can be accounted for.
type ExportRecord struct {
	ID      uuid.UUID `json:"id"`
	At      time.Time `json:"at"`
	Reports []string  `json:"reports"`
	Year    int       `json:"year,omitempty"`
	FullIDs bool      `json:"full_ids"`
	File    string    `json:"file"`
}

// MarkChange is one entry of a closed session's mark history: the value a
// mark had before it was changed after the session was closed.
type MarkChange struct {
	SessionID uuid.UUID `json:"session_id"`
	MemberID  uuid.UUID `json:"member_id"`
	At        time.Time `json:"at"`
	Old       Mark      `json:"old"`
	New       Mark      `json:"new"`
}
