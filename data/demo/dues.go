package demo

import (
	"time"

	"branchledger/data"
	"branchledger/data/dues"
	"github.com/google/uuid"
)

// fillDues gives the example ledger a year of dues: every member's base
// (the window staff are employed), one 少交 decision approved by the
// committee, the dues collected at each month's themed Party day from those
// present and by transfer from the others a few days later, two members in
// arrears (three and five months) and one voluntary payment that goes to
// the centre.
func fillDues(l *data.Ledger) error {
	today := l.Today()
	year := today.Year()
	ms, err := l.Members()
	if err != nil {
		return err
	}
	b, err := l.Branch()
	if err != nil {
		return err
	}
	by := "组织委员 " + ms[1].Name
	// After-tax monthly pay in fen, chosen to fall in every employed bracket.
	bases := []int64{1260000, 985000, 876050, 742000, 655000, 520000, 500000, 498000, 455000, 412000, 380000, 300000, 290000, 275000}
	for i, m := range ms {
		if err := l.SetDuesBase(m.ID, year, data.DuesBase{Category: dues.Employed, Base: bases[i%len(bases)]}, by); err != nil {
			return err
		}
	}
	hardship := ms[9].ID
	if err := l.SetDuesReduction(hardship, year, &data.DuesReduction{Kind: data.DuesReduced, MonthlyDue: 1000,
		ApprovedBy: b.Committee, ApprovedOn: data.NewDate(year, 1, 20), Reason: "家庭困难，经支部大会决定、上级党委批准"}); err != nil {
		return err
	}
	// Arrears: the last months up to now unpaid.
	cur := data.MonthOf(today)
	unpaidFrom := map[uuid.UUID]data.YearMonth{ms[6].ID: cur.Add(-2), ms[11].ID: cur.Add(-4)}
	ss, err := l.Sessions(data.NewDate(year, 1, 1), today)
	if err != nil {
		return err
	}
	for _, s := range ss {
		if !s.CountsAsThemedDay() || s.Cancelled {
			continue
		}
		ym := data.MonthOf(s.Date)
		marks, err := l.Marks(s.ID)
		if err != nil {
			return err
		}
		var present, others []uuid.UUID
		for _, m := range ms {
			if from, late := unpaidFrom[m.ID]; late && ym >= from || !data.DuesDueIn(&m, ym) {
				continue
			}
			if st := marks[m.ID].Status; st == data.Present || st == data.Late {
				present = append(present, m.ID)
			} else {
				others = append(others, m.ID)
			}
		}
		pay := data.DuesPay{Months: []data.YearMonth{ym}, Paid: s.Date, Method: data.PayCash, SessionID: s.ID}
		if _, err := l.PayDuesMany(present, pay); err != nil {
			return err
		}
		later := s.Date.AddDays(3)
		if later > today {
			later = today
		}
		if _, err := l.PayDuesMany(others, data.DuesPay{Months: []data.YearMonth{ym}, Paid: later, Method: data.PayTransfer}); err != nil {
			return err
		}
	}
	if d := data.NewDate(year, time.July, 1); d <= today {
		return l.RecordVoluntaryDues(&data.VoluntaryDues{MemberID: ms[0].ID, Amount: 200000, Paid: d, Method: data.PayTransfer,
			Note: "七一自愿交纳特殊党费"})
	}
	return nil
}
