package data

import (
	"time"

	"github.com/google/uuid"
)

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
	ThemedDay bool `json:"themed_day,omitempty"`
	// Credits are the rules, besides its own kind's, that the session
	// counts toward (DOMAIN.md: one session can serve several rules): a
	// Noon Classroom credited with ThemedPartyDay and PartyLecture is the
	// month's themed Party day and the quarter's party lecture. Chosen on
	// the session form; ThemedDay is the older spelling of a
	// ThemedPartyDay credit and still counts.
	Credits   []Kind    `json:"credits,omitempty"`
	Group     string    `json:"group,omitempty"` // the party group a group meeting is for
	SeriesID  uuid.UUID `json:"series_id,omitempty"`
	Cancelled bool      `json:"cancelled,omitempty"`
	Closed    bool      `json:"closed,omitempty"` // 结束登记: marks need confirmation to change
	Created   time.Time `json:"created"`
	Updated   time.Time `json:"updated"`
	// StudyHours is the 学时 the session counts for; zero means "from its
	// duration" (Session.Hours).
	StudyHours float64 `json:"study_hours,omitempty"`
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
	return s.CountsAs(ThemedPartyDay)
}

// CountsAs reports whether the session counts toward the rule of kind k:
// it is of that kind, or credited with it (Credits, or ThemedDay for the
// themed Party day).
func (s *Session) CountsAs(k Kind) bool {
	if s.Kind == k || k == ThemedPartyDay && s.ThemedDay {
		return true
	}
	for _, c := range s.Credits {
		if c == k {
			return true
		}
	}
	return false
}

// Credited reports whether the session counts toward the rule of kind k
// through a credit rather than by its own kind.
func (s *Session) Credited(k Kind) bool { return s.Kind != k && s.CountsAs(k) }

// Branch is the branch profile kept in the ledger.
type Branch struct {
	Name      string   `json:"name"`
	Committee string   `json:"committee,omitempty"` // 上级党委 / 党工委
	Secretary string   `json:"secretary,omitempty"`
	Groups    []string `json:"groups,omitempty"` // 党小组, in display order
	// LeaveCountsAgainst switches the attendance rate to
	// (present+late)/expected; by default leave is taken out of the
	// denominator.
	LeaveCountsAgainst bool `json:"leave_counts_against,omitempty"`
	// RecordsFrom is the day this ledger's records begin; the rules are
	// judged only from then on (DOMAIN.md "The start of the records").
	// Zero means the day the ledger was created (see RecordsStart).
	RecordsFrom Date `json:"records_from,omitempty"`
	// Reporter (填报人) and ReporterPhone (联系电话) are printed under the
	// title of every report, with the branch name as 填报单位.
	Reporter      string    `json:"reporter,omitempty"`
	ReporterPhone string    `json:"reporter_phone,omitempty"`
	Created       time.Time `json:"created"`
	Updated       time.Time `json:"updated"`
	// CommitteeElected is the day the current branch committee was elected
	// (换届); Type sets the length of its term (TermYears).
	CommitteeElected Date       `json:"committee_elected,omitempty"`
	Type             BranchType `json:"type,omitempty"`
}

// RecordsStart returns the first day the ledger's records cover:
// RecordsFrom, or the day the ledger was created when it is not set.
// Periods that ended before it are not judged by the rules.
func (b *Branch) RecordsStart() Date {
	if b.RecordsFrom != 0 {
		return b.RecordsFrom
	}
	if b.Created.IsZero() {
		return 0
	}
	return DateOf(b.Created)
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
