package data

import (
	"errors"
	"fmt"
	"sort"
	"time"

	"github.com/google/uuid"
	bolt "go.etcd.io/bbolt"
)

// DuesPay describes one payment: the months it covers (at most six, a
// catch-up or an advance), when and how it was paid, and the session it
// was collected at, if any. The amount of each month is the month's due
// (less what was already paid for it): it is derived, never typed.
type DuesPay struct {
	Months    []YearMonth
	Paid      Date
	Method    DuesMethod
	SessionID uuid.UUID
}

// DuesCollection is the outcome of recording one payment for many
// members: who paid, who was skipped and why, and the sum in fen.
type DuesCollection struct {
	Paid    []uuid.UUID
	Skipped map[uuid.UUID]error // ErrDuesPaid, ErrDuesNotDue, ErrDuesExempt or ErrDuesNoBase
	Total   int64
}

func (l *Ledger) checkPay(p *DuesPay) error {
	if !validMethod(p.Method) {
		return ErrDuesBadMethod
	}
	if !p.Paid.Valid() || p.Paid > l.Today() {
		return fmt.Errorf("paid on %s: %w", p.Paid, ErrBadDate)
	}
	if len(p.Months) == 0 || len(p.Months) > MaxDuesMonths {
		return ErrDuesTooMany
	}
	seen := map[YearMonth]bool{}
	limit := MonthOf(l.Today()).Add(MaxDuesMonths)
	for _, ym := range p.Months {
		if ym.Month() < 1 || ym.Month() > 12 || seen[ym] {
			return fmt.Errorf("month %d: %w", ym, ErrBadDate)
		}
		if ym > limit {
			return ErrDuesTooFarAhead
		}
		seen[ym] = true
	}
	return nil
}

// PayDues records a payment by one member for the months of p, all of
// them or none, in one transaction. A month already paid in full, not due
// (before joining, after leaving), exempt or without a base refuses the
// whole payment with the matching error.
func (l *Ledger) PayDues(id uuid.UUID, p DuesPay) (total int64, err error) {
	if err := l.checkPay(&p); err != nil {
		return 0, err
	}
	now := l.Now()
	err = l.update(func(tx *bolt.Tx) error {
		var m Member
		if err := getMember(tx, id, &m); err != nil {
			return err
		}
		total, err = payMember(tx, &m, p, now)
		return err
	})
	return total, err
}

// PayDuesMany records the same payment for several members in one
// transaction, as when dues are collected at a meeting. Members for whom
// a month cannot be paid are skipped and listed with the reason; the
// others' payments are all saved, or nothing is.
func (l *Ledger) PayDuesMany(ids []uuid.UUID, p DuesPay) (DuesCollection, error) {
	if err := l.checkPay(&p); err != nil {
		return DuesCollection{}, err
	}
	var out DuesCollection
	now := l.Now()
	err := l.update(func(tx *bolt.Tx) error {
		out = DuesCollection{Skipped: map[uuid.UUID]error{}}
		for _, id := range ids {
			var m Member
			if err := getMember(tx, id, &m); err != nil {
				return err
			}
			if err := payMemberSkipping(tx, &m, p, now, &out); err != nil {
				return err
			}
		}
		return nil
	})
	return out, err
}

// PayDuesAtSession records month's dues for every member marked present or
// late at the session, in one transaction, as collected there on paid by
// method. Members who cannot pay that month are skipped and listed.
func (l *Ledger) PayDuesAtSession(sessionID uuid.UUID, month YearMonth, paid Date, method DuesMethod) (DuesCollection, error) {
	p := DuesPay{Months: []YearMonth{month}, Paid: paid, Method: method, SessionID: sessionID}
	if err := l.checkPay(&p); err != nil {
		return DuesCollection{}, err
	}
	var out DuesCollection
	now := l.Now()
	err := l.update(func(tx *bolt.Tx) error {
		out = DuesCollection{Skipped: map[uuid.UUID]error{}}
		var s Session
		if err := getSession(tx, sessionID, &s); err != nil {
			return err
		}
		present := map[uint32]bool{}
		err := eachMark(tx.Bucket(bMarks), sessionID, func(seq uint32, mk Mark) {
			if mk.Status == Present || mk.Status == Late {
				present[seq] = true
			}
		})
		if err != nil {
			return err
		}
		ms, err := readMembers(tx)
		if err != nil {
			return err
		}
		for i := range ms {
			if !present[ms[i].Seq] {
				continue
			}
			if err := payMemberSkipping(tx, &ms[i], p, now, &out); err != nil {
				return err
			}
		}
		return nil
	})
	return out, err
}

// payMemberSkipping pays for one member of a group; a refusal the rules
// give is a skip, any other error (damage, storage) ends the transaction.
func payMemberSkipping(tx *bolt.Tx, m *Member, p DuesPay, now time.Time, out *DuesCollection) error {
	n, err := payMember(tx, m, p, now)
	switch {
	case err == nil:
		out.Paid = append(out.Paid, m.ID)
		out.Total += n
		return nil
	case errors.Is(err, ErrDuesPaid), errors.Is(err, ErrDuesNotDue), errors.Is(err, ErrDuesExempt), errors.Is(err, ErrDuesNoBase):
		out.Skipped[m.ID] = err
		return nil
	}
	return err
}

// payMember checks every month of p for member m and, when all can be
// paid, writes the payments (each month in its own year's account).
func payMember(tx *bolt.Tx, m *Member, p DuesPay, now time.Time) (int64, error) {
	accounts := map[int]*DuesAccount{}
	months := append([]YearMonth(nil), p.Months...)
	sort.Slice(months, func(i, j int) bool { return months[i] < months[j] })
	var total int64
	for _, ym := range months {
		if !DuesDueIn(m, ym) {
			return 0, fmt.Errorf("%s %s: %w", m.Name, ym, ErrDuesNotDue)
		}
		a := accounts[ym.Year()]
		if a == nil {
			got, err := getDuesAccount(tx, ym.Year(), m.ID)
			if err != nil {
				return 0, err
			}
			a = &got
			accounts[ym.Year()] = a
		}
		due, err := a.MonthlyDue()
		if err != nil {
			return 0, fmt.Errorf("%s %d: %w", m.Name, ym.Year(), err)
		}
		if due == 0 {
			return 0, fmt.Errorf("%s %s: %w", m.Name, ym, ErrDuesExempt)
		}
		owed := due - a.PaidFor(ym)
		if owed <= 0 {
			return 0, fmt.Errorf("%s %s: %w", m.Name, ym, ErrDuesPaid)
		}
		a.Payments = append(a.Payments, DuesPayment{Month: ym, Amount: owed, Paid: p.Paid, Method: p.Method,
			SessionID: p.SessionID, Recorded: now})
		total += owed
	}
	for _, a := range accounts {
		if err := putDuesAccount(tx, a, now); err != nil {
			return 0, err
		}
	}
	return total, nil
}
