package data

import (
	"time"

	"github.com/google/uuid"
)

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
	// Hours is the 学时 the make-up counts for; zero means the missed
	// session's hours.
	Hours float64 `json:"hours,omitempty"`
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
