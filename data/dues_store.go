package data

import (
	"encoding/binary"
	"fmt"
	"sort"
	"time"

	"branchledger/data/dues"
	"github.com/google/uuid"
	bolt "go.etcd.io/bbolt"
)

// Dues buckets. They are created by the first write that needs them and
// read as empty when absent, so older ledgers need no migration.
var (
	bDues          = []byte("dues")           // year (uint16) + member ID → DuesAccount
	bDuesVoluntary = []byte("dues_voluntary") // payment ID → VoluntaryDues
)

func duesKey(year int, id uuid.UUID) []byte {
	k := binary.BigEndian.AppendUint16(make([]byte, 0, 18), uint16(year))
	return append(k, id[:]...)
}

// getDuesAccount reads one account; an absent one (or bucket) gives an
// empty account for the member and year.
func getDuesAccount(tx *bolt.Tx, year int, id uuid.UUID) (DuesAccount, error) {
	a := DuesAccount{MemberID: id, Year: year}
	b := tx.Bucket(bDues)
	if b == nil {
		return a, nil
	}
	v := b.Get(duesKey(year, id))
	if v == nil {
		return a, nil
	}
	if err := decode(v, &a); err != nil {
		return a, fmt.Errorf("dues %d %s: %w", year, id, err)
	}
	return a, nil
}

func putDuesAccount(tx *bolt.Tx, a *DuesAccount, now time.Time) error {
	b, err := tx.CreateBucketIfNotExists(bDues)
	if err != nil {
		return err
	}
	a.Updated = now
	v, err := encode(a)
	if err != nil {
		return err
	}
	return b.Put(duesKey(a.Year, a.MemberID), v)
}

// readDuesYear returns every account of year, by member ID.
func readDuesYear(tx *bolt.Tx, year int) (map[uuid.UUID]*DuesAccount, error) {
	out := map[uuid.UUID]*DuesAccount{}
	b := tx.Bucket(bDues)
	if b == nil {
		return out, nil
	}
	prefix := binary.BigEndian.AppendUint16(nil, uint16(year))
	c := b.Cursor()
	for k, v := c.Seek(prefix); len(k) == 18 && k[0] == prefix[0] && k[1] == prefix[1]; k, v = c.Next() {
		a := &DuesAccount{}
		if err := decode(v, a); err != nil {
			return nil, fmt.Errorf("dues %d %x: %w", year, k[2:], err)
		}
		out[a.MemberID] = a
	}
	return out, nil
}

// DuesAccount returns member id's account for year; one never written is
// empty (no base, no payments).
func (l *Ledger) DuesAccount(id uuid.UUID, year int) (DuesAccount, error) {
	var a DuesAccount
	err := l.view(func(tx *bolt.Tx) error {
		var err error
		a, err = getDuesAccount(tx, year, id)
		return err
	})
	return a, err
}

// DuesBase is what SetDuesBase records: the category and the base (fen)
// of a member for a year, and for farmers the monthly amount (fen).
type DuesBase struct {
	Category     dues.Category
	Base         int64
	FarmerAmount int64
}

// SetDuesBase records member id's category and base for year, with who
// entered it (by) and the ledger clock's time, in one transaction. The
// rate is derived, never given. Payments already made stay as they were.
func (l *Ledger) SetDuesBase(id uuid.UUID, year int, base DuesBase, by string) error {
	if _, err := dues.MonthlyDue(base.Category, base.Base, base.FarmerAmount); err != nil {
		return err
	}
	if base.Category != dues.Farmer {
		base.FarmerAmount = 0
	}
	now := l.Now()
	return l.update(func(tx *bolt.Tx) error {
		var m Member
		if err := getMember(tx, id, &m); err != nil {
			return err
		}
		a, err := getDuesAccount(tx, year, id)
		if err != nil {
			return err
		}
		a.Category, a.CategoryAssumed = base.Category, false
		a.Base, a.FarmerAmount = base.Base, base.FarmerAmount
		a.BaseBy, a.BaseAt = by, now
		return putDuesAccount(tx, &a, now)
	})
}

// SetDuesBases records the bases (fen) of several members for year in one
// transaction, as an import of a 月工资/缴费基数 column does. A member's
// category is kept; a member without one is taken as employed, marked as
// assumed. by names who entered them ("导入 花名册.xlsx").
func (l *Ledger) SetDuesBases(year int, bases map[uuid.UUID]int64, by string) error {
	now := l.Now()
	return l.update(func(tx *bolt.Tx) error {
		ids := make([]uuid.UUID, 0, len(bases))
		for id := range bases {
			ids = append(ids, id)
		}
		sort.Slice(ids, func(i, j int) bool { return string(ids[i][:]) < string(ids[j][:]) })
		for _, id := range ids {
			if err := putDuesBase(tx, id, year, bases[id], by, now); err != nil {
				return err
			}
		}
		return nil
	})
}

// putDuesBase writes one member's base (fen) for year inside the caller's
// write transaction tx, for each imported row that carries a base (after
// putMember has given a new member its ID; see SaveMembersWithDuesBases).
// It keeps the category (employed, marked assumed, when there is none)
// and records by and at as who entered it and when.
func putDuesBase(tx *bolt.Tx, id uuid.UUID, year int, base int64, by string, at time.Time) error {
	if base < 0 {
		return dues.ErrNegativeBase
	}
	var m Member
	if err := getMember(tx, id, &m); err != nil {
		return err
	}
	a, err := getDuesAccount(tx, year, id)
	if err != nil {
		return err
	}
	if !a.Category.Valid() {
		a.Category, a.CategoryAssumed = dues.Employed, true
	}
	a.Base, a.BaseBy, a.BaseAt = base, by, at
	return putDuesAccount(tx, &a, at)
}

// SetDuesReduction records (or, with nil, withdraws) a 少交/免交 decision
// for member id's dues of year, in one transaction.
func (l *Ledger) SetDuesReduction(id uuid.UUID, year int, r *DuesReduction) error {
	now := l.Now()
	return l.update(func(tx *bolt.Tx) error {
		a, err := getDuesAccount(tx, year, id)
		if err != nil {
			return err
		}
		if r != nil {
			standard, _ := a.StandardDue()
			if err := ValidateReduction(r, standard); err != nil {
				return err
			}
			c := *r
			r = &c
		}
		a.Reduction = r
		return putDuesAccount(tx, &a, now)
	})
}

// VoluntaryDues is a one-off voluntary payment (自愿交纳), kept apart
// from the monthly dues. ToCentre is derived: 1,000 元 and more goes to
// the Central Committee in full.
type VoluntaryDues struct {
	ID       uuid.UUID  `json:"id"`
	MemberID uuid.UUID  `json:"member_id"`
	Amount   int64      `json:"amount"` // fen
	Paid     Date       `json:"paid"`
	Method   DuesMethod `json:"method"`
	Note     string     `json:"note,omitempty"`
	Recorded time.Time  `json:"recorded"`
}

// ToCentre reports whether the payment goes to the Central Committee.
func (v *VoluntaryDues) ToCentre() bool { return v.Amount >= dues.VoluntaryToCentre }

// RecordVoluntaryDues saves a voluntary payment in one transaction and
// sets its ID.
func (l *Ledger) RecordVoluntaryDues(v *VoluntaryDues) error {
	if v.Amount <= 0 {
		return ErrDuesBadAmount
	}
	if !validMethod(v.Method) {
		return ErrDuesBadMethod
	}
	now := l.Now()
	return l.update(func(tx *bolt.Tx) error {
		var m Member
		if err := getMember(tx, v.MemberID, &m); err != nil {
			return err
		}
		b, err := tx.CreateBucketIfNotExists(bDuesVoluntary)
		if err != nil {
			return err
		}
		c := *v
		if c.ID == uuid.Nil {
			c.ID = newID()
		}
		c.Recorded = now
		val, err := encode(&c)
		if err != nil {
			return err
		}
		if err := b.Put(c.ID[:], val); err != nil {
			return err
		}
		*v = c
		return nil
	})
}

// VoluntaryDuesIn returns the voluntary payments made in year, by date.
func (l *Ledger) VoluntaryDuesIn(year int) ([]VoluntaryDues, error) {
	var out []VoluntaryDues
	err := l.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bDuesVoluntary)
		if b == nil {
			return nil
		}
		return b.ForEach(func(k, v []byte) error {
			var p VoluntaryDues
			if err := decode(v, &p); err != nil {
				return fmt.Errorf("voluntary dues %x: %w", k, err)
			}
			if p.Paid.Year() == year {
				out = append(out, p)
			}
			return nil
		})
	})
	sort.SliceStable(out, func(i, j int) bool { return out[i].Paid < out[j].Paid })
	return out, err
}
