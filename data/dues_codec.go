package data

import (
	"encoding/binary"

	"branchledger/data/dues"
	"github.com/google/uuid"
)

// A dues account is written as record version 5 (recordDues), a compact binary layout
// like the member's: the grid decodes every account of the year (5,000 on
// a large ledger) on each load, and JSON, with a parsed time per payment,
// took most of that time. In order: the member ID (16 bytes), the year
// (uvarint), the category, a flags byte (1: category assumed), the base
// and the farmer's amount (varint fen), who entered the base and when, the
// reduction (0, or 1 then kind, monthly due, approved by, approved on,
// reason), the payments (a uvarint count, then each one's month, amount,
// paid date, method, session (0, or 1 then 16 bytes) and time recorded),
// and the time updated, then the CRC-32C of all before it. Nothing may
// follow. Version 1 (JSON) accounts are
// still read.

func encodeDuesAccount(a *DuesAccount) ([]byte, error) {
	w := recordWriter{b: make([]byte, 0, 96+len(a.Payments)*40)}
	w.b = append(w.b, recordDues)
	w.b = append(w.b, a.MemberID[:]...)
	w.b = binary.AppendUvarint(w.b, uint64(a.Year))
	w.str(string(a.Category))
	var flags byte
	if a.CategoryAssumed {
		flags |= 1
	}
	w.b = append(w.b, flags)
	w.b = binary.AppendVarint(w.b, a.Base)
	w.b = binary.AppendVarint(w.b, a.FarmerAmount)
	w.str(a.BaseBy)
	w.time(a.BaseAt)
	if r := a.Reduction; r == nil {
		w.b = append(w.b, 0)
	} else {
		w.b = append(w.b, 1)
		w.str(string(r.Kind))
		w.b = binary.AppendVarint(w.b, r.MonthlyDue)
		w.str(r.ApprovedBy)
		w.date(r.ApprovedOn)
		w.str(r.Reason)
	}
	w.b = binary.AppendUvarint(w.b, uint64(len(a.Payments)))
	for _, p := range a.Payments {
		w.b = binary.AppendVarint(w.b, int64(p.Month))
		w.b = binary.AppendVarint(w.b, p.Amount)
		w.date(p.Paid)
		w.str(string(p.Method))
		if p.SessionID == uuid.Nil {
			w.b = append(w.b, 0)
		} else {
			w.b = append(w.b, 1)
			w.b = append(w.b, p.SessionID[:]...)
		}
		w.time(p.Recorded)
	}
	w.time(a.Updated)
	return appendSum(w.b), w.err
}

func decodeDuesAccount(b []byte, a *DuesAccount) error {
	if len(b) == 0 || b[0] != recordDues {
		return errBadRecord
	}
	b, ok := verifySum(b)
	if !ok || len(b) < 1+16 {
		return errBadRecord
	}
	r := recordReader{b: b, s: string(b), off: 1 + 16}
	var v DuesAccount
	v.MemberID = uuid.UUID(b[1:17])
	year := r.uvarint()
	if year > 9999 {
		r.fail()
	}
	v.Year = int(year)
	v.Category = dues.Category(r.str())
	flags := r.u8()
	v.CategoryAssumed = flags&1 != 0
	v.Base = r.varint()
	v.FarmerAmount = r.varint()
	v.BaseBy = r.str()
	v.BaseAt = r.time()
	switch r.u8() {
	case 0:
	case 1:
		v.Reduction = &DuesReduction{Kind: ReductionKind(r.str()), MonthlyDue: r.varint(), ApprovedBy: r.str(),
			ApprovedOn: r.date(), Reason: r.str()}
	default:
		r.fail()
	}
	// Each payment takes at least seven bytes: a count beyond that is
	// damage, not a reason to allocate.
	if n := r.uvarint(); n > 0 && n <= uint64(len(b)-r.off)/7 {
		v.Payments = make([]DuesPayment, n)
		for i := range v.Payments {
			p := &v.Payments[i]
			p.Month = YearMonth(r.varint())
			p.Amount = r.varint()
			p.Paid = r.date()
			p.Method = DuesMethod(r.str())
			switch r.u8() {
			case 0:
			case 1:
				if r.err == nil && len(b)-r.off >= 16 {
					p.SessionID = uuid.UUID(b[r.off : r.off+16])
					r.off += 16
				} else {
					r.fail()
				}
			default:
				r.fail()
			}
			p.Recorded = r.time()
		}
	} else if n > 0 {
		r.fail()
	}
	v.Updated = r.time()
	if r.err != nil || r.off != len(b) {
		return errBadRecord
	}
	*a = v
	return nil
}

// varint reads a signed varint.
func (r *recordReader) varint() int64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Varint(r.b[r.off:])
	if n <= 0 {
		r.fail()
		return 0
	}
	r.off += n
	return v
}
