package data

import (
	"time"

	"github.com/google/uuid"
)

// The yearly and one-off duties the rules set for a branch besides its
// regular meetings: 预备党员转正, 换届, the year's 组织生活会 and 民主评议党员,
// 谈心谈话 and 学时. This file holds the pure rules (dates in, dates out);
// duties_store.go reads the ledger and applies them.

// DutyKind names a kind of duty, with the codes of `branchledger agenda --json`.
type DutyKind string

// Duty kinds.
const (
	DutyConfirmation DutyKind = "confirmation"     // 预备党员转正
	DutyElection     DutyKind = "election"         // 支部委员会换届
	DutyOrgLife      DutyKind = "org_life_meeting" // 组织生活会
	DutyReview       DutyKind = "review"           // 民主评议党员
	DutyTalk         DutyKind = "talk"             // 谈心谈话
	DutyStudyHours   DutyKind = "study_hours"      // 学时
)

// DutyKinds returns the duty kinds in display order (a new slice each
// call: callers may keep or change it).
func DutyKinds() []DutyKind {
	return []DutyKind{DutyConfirmation, DutyElection, DutyOrgLife, DutyReview, DutyTalk, DutyStudyHours}
}

// Rule keys name the rule behind a duty; the words and the source to cite
// are in the translation files under "duties.rule.KEY" and "duties.source.KIND".
const (
	RuleConfirmation         = "confirmation"          // the probation year ends
	RuleConfirmationExtended = "confirmation_extended" // the extended probation ends
	RuleElection             = "election"              // the committee's term ends
	RuleElectionMissing      = "election_missing"      // no election date recorded
	RuleOrgLife              = "org_life_meeting"      // the year's 组织生活会 not yet held
	RuleReview               = "review"                // the year's 民主评议 not yet done
	RuleTalkCommittee        = "talk_committee"        // two committee members have not talked
	RuleTalkMembers          = "talk_members"          // members no committee member talked with
	RuleStudyHours           = "study_hours"           // members short of their study hours
)

// Duty is one thing the branch must do by a date.
type Duty struct {
	Kind DutyKind `json:"kind"`
	// Subject is the member or the branch the duty is about; for a duty
	// that sums up many members it is the branch, and Count says how many.
	Subject  string    `json:"subject"`
	MemberID uuid.UUID `json:"member_id,omitempty"`
	// Due is the last day to do it (or the day from which it is due, for
	// 转正: the meeting may be held from Due and should be held then).
	Due Date `json:"due"`
	// From is the first day it may be done, when the rules set one (the
	// 转正 meeting may not be held before the probation ends).
	From Date `json:"from,omitempty"`
	// Remind is the first day the duty is shown as coming.
	Remind  Date   `json:"remind"`
	Overdue bool   `json:"overdue"`
	Rule    string `json:"rule"`
	// Count is the number of members or pairs a summing-up duty stands for.
	Count int `json:"count,omitempty"`
	// Names lists the first few members or pairs of a summing-up duty.
	Names []string `json:"names,omitempty"`
	// Year is the year of a yearly duty.
	Year int `json:"year,omitempty"`
}

// AddMonths returns the date n months after d. When the target month has
// no such day, the period ends on that month's last day: 2024-01-31 plus
// one month is 2024-02-29, and 2024-02-29 plus twelve months is
// 2025-02-28. This is the rule for periods counted in months or years in
// 《中华人民共和国民法典》第二百零三条 ("没有对应日的，月末日为期间的最后一日"),
// which the Party rules on probation and terms do not override; Go's
// AddDate would instead roll over into the next month (2025-03-01).
func (d Date) AddMonths(n int) Date {
	y, m := d.Year(), int(d.Month())-1+n
	y += m / 12
	m %= 12
	if m < 0 {
		m += 12
		y--
	}
	day := d.Day()
	if last := daysIn(y, time.Month(m+1)); day > last {
		day = last
	}
	return Date(y*10000 + (m+1)*100 + day)
}

// AddYears returns the date n years after d, by the month-end rule of AddMonths.
func (d Date) AddYears(n int) Date { return d.AddMonths(12 * n) }

func daysIn(year int, m time.Month) int {
	return time.Date(year, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// ProbationEnd returns the day the one-year probation of a member admitted
// on joined (the branch meeting that admitted them, 入党日期) is complete:
// the same day a year later, 2025-12-13 → 2026-12-13; a probation from 29
// February ends on 28 February (AddMonths). The 转正 meeting may be held
// from that day, not before. Source: 《中国共产党发展党员工作细则》第三十二条
// and 《中国共产党章程》第七条.
func ProbationEnd(joined Date) Date { return joined.AddYears(1) }

// Probation extensions (延长预备期) are at least 6 and at most 12 months,
// and are granted once (《中国共产党发展党员工作细则》第三十二条).
const (
	MinExtensionMonths = 6
	MaxExtensionMonths = 12
)

// ValidExtension reports whether an extension of the probation that ended
// on end until until is within the rule: at least 6 months and at most 12
// months after end, by the month-end rule of AddMonths.
func ValidExtension(end, until Date) bool {
	return until >= end.AddMonths(MinExtensionMonths) && until <= end.AddMonths(MaxExtensionMonths)
}

// BranchType is the kind of unit a branch belongs to; it sets the term of
// its committee.
type BranchType string

// Branch types. The zero value is an ordinary branch (机关、企事业单位等).
const (
	BranchOrdinary  BranchType = ""          // 机关、企事业单位等
	BranchVillage   BranchType = "village"   // 村
	BranchCommunity BranchType = "community" // 社区
)

// BranchTypes returns the branch types in picker order (a new slice each
// call: callers may keep or change it).
func BranchTypes() []BranchType { return []BranchType{BranchOrdinary, BranchVillage, BranchCommunity} }

// TermYears returns the years of a branch committee's term: 5 for 村 and
// 社区 branches, 3 for the others (中共中央办公厅《关于党的基层组织任期的意见》, 2018).
func TermYears(t BranchType) int {
	if t == BranchVillage || t == BranchCommunity {
		return 5
	}
	return 3
}

// TermEnd returns the day a committee elected on elected reaches the end
// of its term.
func TermEnd(elected Date, t BranchType) Date { return elected.AddYears(TermYears(t)) }

// ElectionReminders returns the days to remind of an election for a term
// ending on end, up to and including upTo: 6 and 3 months before the end,
// the end itself, then monthly once it is overdue.
func ElectionReminders(end, upTo Date) []Date {
	var out []Date
	for _, d := range []Date{end.AddMonths(-6), end.AddMonths(-3), end} {
		if d <= upTo {
			out = append(out, d)
		}
	}
	for n := 1; ; n++ {
		d := end.AddMonths(n)
		if d > upTo {
			return out
		}
		out = append(out, d)
	}
}

// YearlyRemindFrom is the first day of the year from which a yearly duty
// not yet done (组织生活会, 民主评议, 谈心谈话, 学时) is shown: 1 October, as
// the 组织生活会 and 民主评议 are usually held in the fourth quarter.
func YearlyRemindFrom(year int) Date { return NewDate(year, 10, 1) }

// MaxExcellent returns the most members who may be graded 优秀 when graded
// members are graded: one third, rounded down (14 → 4, 3 → 1, 2 → 0).
func MaxExcellent(graded int) int { return graded / 3 }

// Study-hour requirements per year (《2019—2023年全国党员教育培训工作规划》):
// every member at least 32 学时, the secretary and the committee at least 56.
const (
	StudyHoursMember    = 32
	StudyHoursCommittee = 56
)

// RequiredStudyHours returns the study hours a member owes in a year.
func RequiredStudyHours(m *Member) float64 {
	if m.CommitteeRole != "" {
		return StudyHoursCommittee
	}
	return StudyHoursMember
}

// Hours returns the study hours a session carries: StudyHours when set,
// else its duration in hours rounded down to a half hour (12:00–13:00 is 1;
// 14:00–16:45 is 2.5), else 0 when it has no times.
func (s *Session) Hours() float64 {
	if s.StudyHours > 0 {
		return s.StudyHours
	}
	a, ok1 := ParseClock(s.Start)
	b, ok2 := ParseClock(s.End)
	if !ok1 || !ok2 || b <= a {
		return 0
	}
	return float64((b-a)/30) / 2
}
