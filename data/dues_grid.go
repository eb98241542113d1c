package data

import (
	"errors"
	"time"

	"github.com/google/uuid"
	bolt "go.etcd.io/bbolt"
)

// DuesState is the state of one member-month in the dues grid.
type DuesState uint8

// Dues states.
const (
	DuesNotDue   DuesState = iota // before joining or after leaving: nothing owed
	DuesUpcoming                  // a month not begun yet, unpaid
	DuesSettled                   // paid in full (ahead of time included)
	DuesOwed                      // begun and not paid in full
	DuesWaived                    // 免交 by an approved decision
	// DuesNotKept is a month of a year for which the ledger has no dues
	// record of the member (no base entered): the branch kept no dues
	// here then, so nothing is owed or missing — the records start when a
	// base is entered.
	DuesNotKept
)

// DuesCell is one member-month: what is due, what was paid (fen) and the
// state.
type DuesCell struct {
	Due   int64
	Paid  int64
	State DuesState
}

// Owed returns the fen still owed for the month: due less paid for a
// month begun and not settled, else 0.
func (c DuesCell) Owed() int64 {
	if c.State != DuesOwed {
		return 0
	}
	return c.Due - c.Paid
}

// DuesRow is one member's line of a year's dues.
type DuesRow struct {
	Member  Member
	Account DuesAccount
	// Kept is false when the ledger has no dues record of the member for
	// the year (no base entered): the months are DuesNotKept.
	Kept bool
	// DueKnown is false while no base is entered: Due is then 0.
	DueKnown bool
	Due      int64 // fen a month, after any reduction
	Cells    [12]DuesCell
	Owed     []YearMonth // months of the year begun and not paid in full
	// Unpaid counts the unpaid months in a row up to the year's reference
	// month (across the year before, too, if the ledger kept dues for the
	// member then: months before the records began are not missing); Warning is the largest of
	// DuesWarnMonths it has reached, or 0.
	Unpaid      int
	Warning     int
	PaidThrough YearMonth // the last month paid in full (党费交至), 0 if none
	DueTotal    int64
	PaidTotal   int64
	OwedTotal   int64 // fen owed for the months begun (known dues only)
}

// DuesYear is the dues grid of one year: a row per member who owed dues
// in any month of it, and totals in fen.
type DuesYear struct {
	Year int
	// AsOf is the reference month: the ledger's current month, or December
	// for a past year. Months after it are upcoming, not owed.
	AsOf      YearMonth
	Rows      []DuesRow
	MonthDue  [12]int64
	MonthPaid [12]int64
	MonthOwed [12]int64 // owed for the month, once begun
	DueTotal  int64
	PaidTotal int64
	OwedTotal int64
	Voluntary []VoluntaryDues
}

// DuesYear returns the dues grid of year, read in one transaction.
func (l *Ledger) DuesYear(year int) (*DuesYear, error) {
	asOf := MonthOf(l.Today())
	if dec := NewYearMonth(year, time.December); asOf > dec {
		asOf = dec
	}
	y := &DuesYear{Year: year, AsOf: asOf}
	err := l.view(func(tx *bolt.Tx) error {
		ms, err := readMembers(tx)
		if err != nil {
			return err
		}
		years := [3]map[uuid.UUID]*DuesAccount{}
		for i := range years {
			if years[i], err = readDuesYear(tx, year-1+i); err != nil {
				return err
			}
		}
		y.Rows = make([]DuesRow, 0, len(ms))
		jan, dec := NewYearMonth(year, time.January), NewYearMonth(year, time.December)
		for i := range ms {
			m := &ms[i]
			first, last, ok := duesSpan(m)
			a := years[1][m.ID]
			if (!ok || first > dec || last < jan) && a == nil {
				continue
			}
			y.Rows = append(y.Rows, duesRow(m, year, asOf, years[0][m.ID], a, years[2][m.ID]))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, r := range y.Rows {
		for i, c := range r.Cells {
			y.MonthDue[i] += c.Due
			y.MonthPaid[i] += c.Paid
			y.MonthOwed[i] += c.Owed()
		}
		y.DueTotal += r.DueTotal
		y.PaidTotal += r.PaidTotal
		y.OwedTotal += r.OwedTotal
	}
	y.Voluntary, err = l.VoluntaryDuesIn(year)
	return y, err
}

// duesRow builds one member's row from the accounts of the year before,
// the year and the year after (any may be nil).
func duesRow(m *Member, year int, asOf YearMonth, prev, cur, next *DuesAccount) DuesRow {
	r := DuesRow{Member: *m, Account: DuesAccount{MemberID: m.ID, Year: year}, Kept: cur != nil}
	if cur != nil {
		r.Account = *cur
	}
	due, err := r.Account.MonthlyDue()
	r.DueKnown, r.Due = err == nil, due
	for i := range r.Cells {
		ym := NewYearMonth(year, time.Month(i+1))
		c := monthCell(m, &r.Account, ym, asOf)
		if !r.Kept && c.State != DuesNotDue {
			c = DuesCell{State: DuesNotKept}
		}
		r.Cells[i] = c
		r.DueTotal += c.Due
		r.PaidTotal += c.Paid
		r.OwedTotal += c.Owed()
		if c.State == DuesOwed {
			r.Owed = append(r.Owed, ym)
		}
	}
	// The run of unpaid months ending at the reference month.
	accounts := map[int]*DuesAccount{year - 1: prev, year: cur, year + 1: next}
	for ym := asOf; ym.Year() >= year-1; ym = ym.Add(-1) {
		a := accounts[ym.Year()]
		if a == nil {
			break // no dues kept that year in this ledger: not missing
		}
		if monthCell(m, a, ym, asOf).State != DuesOwed {
			break
		}
		r.Unpaid++
	}
	for _, w := range DuesWarnMonths {
		if r.Unpaid >= w {
			r.Warning = w
		}
	}
	for _, a := range []*DuesAccount{next, cur, prev} {
		if r.PaidThrough == 0 && a != nil {
			r.PaidThrough = lastSettled(m, a)
		}
	}
	return r
}

// monthCell judges one month of a member's account as of month asOf.
func monthCell(m *Member, a *DuesAccount, ym, asOf YearMonth) DuesCell {
	c := DuesCell{Paid: a.PaidFor(ym)}
	if !DuesDueIn(m, ym) {
		c.State = DuesNotDue
		return c
	}
	due, err := a.MonthlyDue()
	switch {
	case errors.Is(err, ErrDuesNoBase):
		// Unknown amount: owed once begun unless something was paid.
	case err != nil:
		return c
	case due == 0:
		c.State = DuesWaived
		return c
	default:
		c.Due = due
	}
	switch {
	case c.Paid > 0 && c.Paid >= c.Due:
		c.State = DuesSettled
	case ym <= asOf:
		c.State = DuesOwed
	default:
		c.State = DuesUpcoming
	}
	return c
}

// lastSettled returns the last month of a's year paid in full, or 0.
func lastSettled(m *Member, a *DuesAccount) YearMonth {
	for mo := time.December; mo >= time.January; mo-- {
		ym := NewYearMonth(a.Year, mo)
		if monthCell(m, a, ym, 0).State == DuesSettled {
			return ym
		}
	}
	return 0
}

// DuesPaidThrough returns the 党费交至 month of member id: the last month
// paid in full, looking from the year after today back to the year the
// member joined; 0 when nothing was paid. It goes on a transfer letter.
func (l *Ledger) DuesPaidThrough(id uuid.UUID) (YearMonth, error) {
	var out YearMonth
	err := l.view(func(tx *bolt.Tx) error {
		var m Member
		if err := getMember(tx, id, &m); err != nil {
			return err
		}
		stop := m.Joined.Year()
		for y := l.Today().Year() + 1; y >= stop && y > 1900; y-- {
			a, err := getDuesAccount(tx, y, id)
			if err != nil {
				return err
			}
			if out = lastSettled(&m, &a); out != 0 {
				return nil
			}
		}
		return nil
	})
	return out, err
}
