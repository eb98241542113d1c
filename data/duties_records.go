package data

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"slices"
	"time"

	"github.com/google/uuid"
	bolt "go.etcd.io/bbolt"
)

// The records of the duties: 转正 decisions, 民主评议 results and the
// 谈心谈话 log. Each kind lives in its own bucket, created by the first
// write and read as empty while absent, so older ledgers need no migration.

var (
	bConfirmations = []byte("duty_confirmations")
	bReviews       = []byte("duty_reviews")
	bTalks         = []byte("duty_talks")
)

// ConfirmationResult is the outcome of the branch meeting on a
// probationary member (《中国共产党发展党员工作细则》第三十二条).
type ConfirmationResult string

// Confirmation results.
const (
	ConfirmOnTime ConfirmationResult = "on_time"   // 按期转正
	ConfirmExtend ConfirmationResult = "extended"  // 延长预备期
	ConfirmCancel ConfirmationResult = "cancelled" // 取消预备党员资格
)

// ConfirmationResults returns the results in picker order (a new slice
// each call: callers may keep or change it).
func ConfirmationResults() []ConfirmationResult {
	return []ConfirmationResult{ConfirmOnTime, ConfirmExtend, ConfirmCancel}
}

// Confirmation is the decision of a general meeting (支部党员大会) on a
// probationary member. Meeting is the date of that session.
type Confirmation struct {
	MemberID  uuid.UUID          `json:"member_id"`
	SessionID uuid.UUID          `json:"session_id"`
	Meeting   Date               `json:"meeting"`
	Result    ConfirmationResult `json:"result"`
	// ProbationEnd is the day the probation being decided on ended.
	ProbationEnd Date `json:"probation_end"`
	// ExtendedUntil is the new end of the probation when it was extended.
	ExtendedUntil Date      `json:"extended_until,omitempty"`
	Note          string    `json:"note,omitempty"`
	Created       time.Time `json:"created"`
}

// Problem codes of the duty records.
const (
	ProblemNotProbationary   = "problem.not_probationary"
	ProblemNotGeneralMeeting = "problem.not_general_meeting"
	ProblemConfirmationEarly = "problem.confirmation_early"
	ProblemAlreadyDecided    = "problem.already_decided"
	ProblemExtendedTwice     = "problem.extended_twice"
	ProblemExtensionLength   = "problem.extension_length"
	ProblemExcellentCap      = "problem.excellent_cap"
	ProblemProbationaryGrade = "problem.probationary_graded"
	ProblemReviewSession     = "problem.review_session"
	ProblemSamePerson        = "problem.same_person"
)

func invalid(field, code string, args map[string]any) error {
	return &ValidationError{Problems: []Problem{{Field: field, Code: code, Args: args}}}
}

func confirmationKey(member uuid.UUID, meeting Date) []byte {
	return binary.BigEndian.AppendUint32(append([]byte(nil), member[:]...), uint32(meeting))
}

// readConfirmations returns the decisions on one member, oldest first
// (uuid.Nil: on every member).
func readConfirmations(tx *bolt.Tx, member uuid.UUID) ([]Confirmation, error) {
	b := tx.Bucket(bConfirmations)
	if b == nil {
		return nil, nil
	}
	var out []Confirmation
	c := b.Cursor()
	var prefix []byte
	if member != uuid.Nil {
		prefix = member[:]
	}
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		var r Confirmation
		if err := decode(v, &r); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

// Confirmations returns the 转正 decisions on a member, oldest first;
// uuid.Nil gives every member's.
func (l *Ledger) Confirmations(member uuid.UUID) ([]Confirmation, error) {
	var out []Confirmation
	err := l.view(func(tx *bolt.Tx) (err error) {
		out, err = readConfirmations(tx, member)
		return err
	})
	return out, err
}

// probationState returns the day the member's current probation ends and
// whether it was already extended, from the decisions taken so far;
// decided is set when the member was confirmed or removed.
func probationState(m *Member, recs []Confirmation) (end Date, extended, decided bool) {
	end = ProbationEnd(m.Joined)
	for _, r := range recs {
		switch r.Result {
		case ConfirmExtend:
			end, extended = r.ExtendedUntil, true
		default:
			decided = true
		}
	}
	return end, extended, decided
}

// RecordConfirmation stores the decision c of the general meeting
// c.SessionID on the probationary member c.MemberID and changes the member
// accordingly, in one transaction: 按期转正 makes them a full member with
// 转正日期 the day their probation ended (the party standing counts from
// 预备期满之日); 延长预备期 (once, 6 to 12 months after the end) moves the
// end; 取消预备党员资格 records their removal on the meeting day. The
// meeting may not be held before the probation ends. c.Meeting and
// c.ProbationEnd are filled in from the session and the member. Refusals
// are *ValidationError with the problem codes above.
func (l *Ledger) RecordConfirmation(c *Confirmation) error {
	switch c.Result {
	case ConfirmOnTime, ConfirmExtend, ConfirmCancel:
	default:
		return invalid("result", ProblemBadChoice, nil)
	}
	now := l.Now()
	rec := *c
	err := l.update(func(tx *bolt.Tx) error {
		var m Member
		if err := getMember(tx, rec.MemberID, &m); err != nil {
			return err
		}
		if m.Category != Probationary || !m.Active() || m.Joined == 0 {
			return invalid("member", ProblemNotProbationary, map[string]any{"Name": m.Name})
		}
		var s Session
		if err := getSession(tx, rec.SessionID, &s); err != nil {
			return err
		}
		if s.Kind != GeneralMeeting || s.Cancelled {
			return invalid("session", ProblemNotGeneralMeeting, nil)
		}
		recs, err := readConfirmations(tx, m.ID)
		if err != nil {
			return err
		}
		end, extended, decided := probationState(&m, recs)
		if decided {
			return invalid("member", ProblemAlreadyDecided, map[string]any{"Name": m.Name})
		}
		rec.Meeting, rec.ProbationEnd, rec.Created = s.Date, end, now
		if rec.Meeting < end {
			return invalid("session", ProblemConfirmationEarly, map[string]any{"End": end.String()})
		}
		switch rec.Result {
		case ConfirmOnTime:
			rec.ExtendedUntil = 0
			m.Category, m.Confirmed = Full, end
		case ConfirmExtend:
			if extended {
				return invalid("result", ProblemExtendedTwice, nil)
			}
			if !ValidExtension(end, rec.ExtendedUntil) {
				return invalid("extended_until", ProblemExtensionLength, map[string]any{
					"From": end.AddMonths(MinExtensionMonths).String(), "To": end.AddMonths(MaxExtensionMonths).String()})
			}
		case ConfirmCancel:
			rec.ExtendedUntil = 0
			m.Left = &Departure{Reason: Removed, Date: rec.Meeting}
			m.Status = StatusRemoved
		}
		m.Events = append(m.Events, MemberEvent{At: now, What: "confirmation:" + string(rec.Result), Date: rec.Meeting})
		if err := putMember(tx, &m, now, false); err != nil {
			return err
		}
		b, err := tx.CreateBucketIfNotExists(bConfirmations)
		if err != nil {
			return err
		}
		v, err := encode(&rec)
		if err != nil {
			return err
		}
		return b.Put(confirmationKey(m.ID, rec.Meeting), v)
	})
	if err == nil {
		*c = rec
	}
	return err
}

// Grade is a member's 民主评议 result.
type Grade string

// Grades, best first.
const (
	GradeExcellent   Grade = "excellent"   // 优秀
	GradeQualified   Grade = "qualified"   // 合格
	GradeBasic       Grade = "basic"       // 基本合格
	GradeUnqualified Grade = "unqualified" // 不合格
)

// Grades returns the grades, best first (a new slice each call: callers
// may keep or change it).
func Grades() []Grade { return []Grade{GradeExcellent, GradeQualified, GradeBasic, GradeUnqualified} }

// Review is one year's 民主评议党员: the session where it was done (an
// 组织生活会 or a 支部党员大会) and each graded member's grade. Probationary
// members take part but are not graded; they are listed in Ungraded.
type Review struct {
	Year      int                 `json:"year"`
	SessionID uuid.UUID           `json:"session_id"`
	Date      Date                `json:"date"`
	Grades    map[uuid.UUID]Grade `json:"grades"`
	Ungraded  []uuid.UUID         `json:"ungraded,omitempty"`
	Updated   time.Time           `json:"updated"`
}

// CheckGrades returns the problem of a set of grades, nil when none: 优秀
// at most one third of those graded (MaxExcellent), no unknown grade.
func CheckGrades(grades map[uuid.UUID]Grade) *Problem {
	excellent := 0
	for _, g := range grades {
		if !slices.Contains(Grades(), g) {
			return &Problem{Field: "grade", Code: ProblemBadChoice}
		}
		if g == GradeExcellent {
			excellent++
		}
	}
	if max := MaxExcellent(len(grades)); excellent > max {
		return &Problem{Field: "grade", Code: ProblemExcellentCap,
			Args: map[string]any{"Excellent": excellent, "Max": max, "Graded": len(grades)}}
	}
	return nil
}

func reviewKey(year int) []byte { return binary.BigEndian.AppendUint32(nil, uint32(year)) }

// SaveReview stores the year's 民主评议, replacing an earlier record of the
// same year, in one transaction. It refuses more 优秀 than one third of
// those graded, a grade for a probationary member, and a session that is
// not a 组织生活会 or 支部党员大会 of that year or of the next year's first
// quarter (CatchUpUntil: a year's appraisal is often held early the next).
func (l *Ledger) SaveReview(r *Review) error {
	if p := CheckGrades(r.Grades); p != nil {
		return &ValidationError{Problems: []Problem{*p}}
	}
	rec := *r
	rec.Updated = l.Now()
	err := l.update(func(tx *bolt.Tx) error {
		var s Session
		if err := getSession(tx, rec.SessionID, &s); err != nil {
			return err
		}
		if s.Cancelled || (s.Kind != OrgLifeMeeting && s.Kind != GeneralMeeting) ||
			s.Date < NewDate(rec.Year, 1, 1) || s.Date > CatchUpUntil(rec.Year) {
			return invalid("session", ProblemReviewSession, map[string]any{"Year": rec.Year})
		}
		rec.Date = s.Date
		for id := range rec.Grades {
			var m Member
			if err := getMember(tx, id, &m); err != nil {
				return err
			}
			if m.Category != Full {
				return invalid("grade", ProblemProbationaryGrade, map[string]any{"Name": m.Name})
			}
		}
		for _, id := range rec.Ungraded {
			var m Member
			if err := getMember(tx, id, &m); err != nil {
				return err
			}
		}
		b, err := tx.CreateBucketIfNotExists(bReviews)
		if err != nil {
			return err
		}
		v, err := encode(&rec)
		if err != nil {
			return err
		}
		return b.Put(reviewKey(rec.Year), v)
	})
	if err == nil {
		*r = rec
	}
	return err
}

func readReview(tx *bolt.Tx, year int) (*Review, error) {
	b := tx.Bucket(bReviews)
	if b == nil {
		return nil, nil
	}
	v := b.Get(reviewKey(year))
	if v == nil {
		return nil, nil
	}
	var r Review
	if err := decode(v, &r); err != nil {
		return nil, fmt.Errorf("review %d: %w", year, err)
	}
	return &r, nil
}

// Review returns the year's 民主评议, nil when none was recorded.
func (l *Ledger) Review(year int) (*Review, error) {
	var out *Review
	err := l.view(func(tx *bolt.Tx) (err error) {
		out, err = readReview(tx, year)
		return err
	})
	return out, err
}
