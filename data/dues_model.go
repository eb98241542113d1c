package data

import (
	"errors"
	"fmt"
	"time"

	"branchledger/data/dues"
	"github.com/google/uuid"
)

// This file holds the records of the dues ledger (党费). The rates and
// amounts come from data/dues; these records keep what the branch entered
// and what members paid. All amounts are fen (int64).

// Errors of the dues ledger; app/msg words them for people.
var (
	ErrDuesNoBase       = errors.New("no dues base entered for the year")
	ErrDuesNotDue       = errors.New("member owes no dues that month")
	ErrDuesExempt       = errors.New("member is exempt from dues")
	ErrDuesPaid         = errors.New("month already paid")
	ErrDuesTooMany      = errors.New("more than six months in one payment")
	ErrDuesTooFarAhead  = errors.New("more than six months ahead")
	ErrDuesBadMethod    = errors.New("unknown payment method")
	ErrDuesBadReduction = errors.New("reduction without approval or with a bad amount")
	ErrDuesBadAmount    = errors.New("amount must be above zero")
)

// MaxDuesMonths is the most months one payment may cover, ahead or behind
// (2008 rules: 补交 or 预交 up to six months).
const MaxDuesMonths = 6

// DuesWarnMonths are the unpaid-month counts at which the ledger warns;
// the last is the 党章 rule: six months unpaid without good reason counts
// as leaving the Party.
var DuesWarnMonths = [...]int{3, 5, 6}

// YearMonth is a calendar month as yyyymm (202610).
type YearMonth int32

// MonthOf returns the month of date d.
func MonthOf(d Date) YearMonth { return YearMonth(d.Year()*100 + int(d.Month())) }

// NewYearMonth returns the month m of year y, normalising m outside 1–12
// (month 13 is January of the next year, month 0 December of the year
// before).
func NewYearMonth(y int, m time.Month) YearMonth {
	n := y*12 + int(m) - 1 // months since year 0
	if n < 0 {
		return 0
	}
	return YearMonth(n/12*100 + n%12 + 1)
}

// Year returns the year of ym.
func (ym YearMonth) Year() int { return int(ym) / 100 }

// Month returns the month of ym.
func (ym YearMonth) Month() time.Month { return time.Month(int(ym) % 100) }

// Add returns the month n months after ym (before, when n is negative).
func (ym YearMonth) Add(n int) YearMonth { return NewYearMonth(ym.Year(), ym.Month()+time.Month(n)) }

// String returns "2026-10", or "" for zero.
func (ym YearMonth) String() string {
	if ym == 0 {
		return ""
	}
	return fmt.Sprintf("%04d-%02d", ym.Year(), int(ym.Month()))
}

// DuesMethod is how a payment was made.
type DuesMethod string

// Payment methods.
const (
	PayCash     DuesMethod = "cash"     // 现金
	PayTransfer DuesMethod = "transfer" // 转账
	PayOnline   DuesMethod = "online"   // 线上
)

// DuesMethods returns the payment methods in display order (a new slice
// each call: callers may keep or change it).
func DuesMethods() []DuesMethod { return []DuesMethod{PayCash, PayTransfer, PayOnline} }

func validMethod(m DuesMethod) bool { return m == PayCash || m == PayTransfer || m == PayOnline }

// ReductionKind is a branch decision on a member's dues.
type ReductionKind string

// Reduction kinds.
const (
	DuesReduced ReductionKind = "reduced" // 少交
	DuesExempt  ReductionKind = "exempt"  // 免交
)

// DuesReduction is a 少交 or 免交 decision of the branch, approved by the
// next-level Party committee. It applies to the whole year of its account.
type DuesReduction struct {
	Kind       ReductionKind `json:"kind"`
	MonthlyDue int64         `json:"monthly_due"` // fen; 0 for 免交
	ApprovedBy string        `json:"approved_by"` // the approving committee
	ApprovedOn Date          `json:"approved_on"`
	Reason     string        `json:"reason,omitempty"`
}

// DuesPayment is what was paid for one month.
type DuesPayment struct {
	Month     YearMonth  `json:"month"`
	Amount    int64      `json:"amount"` // fen
	Paid      Date       `json:"paid"`
	Method    DuesMethod `json:"method"`
	SessionID uuid.UUID  `json:"session_id,omitempty"` // collected at this session
	Recorded  time.Time  `json:"recorded"`
}

// DuesAccount is one member's dues for one year: the base fixed at the
// start of the year, the category, any reduction, and the payments for
// the months of that year.
type DuesAccount struct {
	MemberID uuid.UUID     `json:"member_id"`
	Year     int           `json:"year"`
	Category dues.Category `json:"category"`
	// CategoryAssumed is set when the category was not chosen by a person
	// (a base imported from a roster column): it is shown as assumed.
	CategoryAssumed bool  `json:"category_assumed,omitempty"`
	Base            int64 `json:"base"`                    // fen, monthly pay after tax
	FarmerAmount    int64 `json:"farmer_amount,omitempty"` // fen, farmers only (20–100)
	// BaseBy and BaseAt say who entered the base and when; a zero BaseAt
	// means no base has been entered yet.
	BaseBy    string         `json:"base_by,omitempty"`
	BaseAt    time.Time      `json:"base_at,omitempty"`
	Reduction *DuesReduction `json:"reduction,omitempty"`
	Payments  []DuesPayment  `json:"payments,omitempty"`
	Updated   time.Time      `json:"updated"`
}

// HasBase reports whether the year's base (or a farmer's amount, or the
// student/relief category) has been entered.
func (a *DuesAccount) HasBase() bool { return !a.BaseAt.IsZero() }

// Rate returns the rate in permille derived from the base, or false for
// the categories with fixed amounts.
func (a *DuesAccount) Rate() (int, bool) { return dues.Rate(a.Category, a.Base) }

// StandardDue returns the monthly amount the rules give, before any
// reduction, in fen.
func (a *DuesAccount) StandardDue() (int64, error) {
	if !a.HasBase() {
		return 0, ErrDuesNoBase
	}
	return dues.MonthlyDue(a.Category, a.Base, a.FarmerAmount)
}

// MonthlyDue returns the amount due a month in fen: the reduced amount
// when a reduction is recorded (0 when exempt), else StandardDue.
func (a *DuesAccount) MonthlyDue() (int64, error) {
	if a.Reduction != nil {
		return a.Reduction.MonthlyDue, nil
	}
	return a.StandardDue()
}

// PaidFor returns the fen paid for month ym.
func (a *DuesAccount) PaidFor(ym YearMonth) int64 {
	var n int64
	for _, p := range a.Payments {
		if p.Month == ym {
			n += p.Amount
		}
	}
	return n
}

// duesSpan returns the months in which member m owes dues to the branch,
// first and last included, or ok false when none: full and probationary
// members in normal standing, from the month of joining (for a
// probationary member, the month the branch meeting admitted them, 入党日期)
// or of transfer in, whichever is later, to the month of departure.
func duesSpan(m *Member) (first, last YearMonth, ok bool) {
	if m.Category != Full && m.Category != Probationary || m.Joined == 0 {
		return 0, 0, false
	}
	if m.Status == StatusSuspended || m.Status == StatusRemoved && m.Left == nil {
		return 0, 0, false
	}
	first = MonthOf(m.Joined)
	if m.TransferredIn != 0 && MonthOf(m.TransferredIn) > first {
		first = MonthOf(m.TransferredIn)
	}
	last = YearMonth(999912)
	if m.Left != nil {
		last = MonthOf(m.Left.Date)
	}
	return first, last, first <= last
}

// DuesDueIn reports whether member m owes dues for month ym.
func DuesDueIn(m *Member, ym YearMonth) bool {
	first, last, ok := duesSpan(m)
	return ok && first <= ym && ym <= last
}

// ValidateReduction checks a 少交/免交 decision: an approving committee and
// date, and for 少交 an amount above zero and below the standard due.
func ValidateReduction(r *DuesReduction, standard int64) error {
	if r.ApprovedBy == "" || r.ApprovedOn == 0 || !r.ApprovedOn.Valid() {
		return ErrDuesBadReduction
	}
	switch r.Kind {
	case DuesExempt:
		if r.MonthlyDue != 0 {
			return ErrDuesBadReduction
		}
	case DuesReduced:
		if r.MonthlyDue <= 0 || r.MonthlyDue >= standard {
			return ErrDuesBadReduction
		}
	default:
		return ErrDuesBadReduction
	}
	return nil
}
