package cli

import (
	"encoding/json"
	"flag"
	"fmt"
	"strings"
	"text/tabwriter"

	"branchledger/app/msg"
	"branchledger/data"
	"branchledger/data/dues"
)

// duesJSON is the stable JSON form of `branchledger dues --json`. Amounts
// are 元 as JSON numbers (fen / 100, exact to the fen); the rate is a
// fraction (0.015 for 1.5 %), null for the fixed amounts; base is null
// while none is entered.
type duesJSON struct {
	Year    int              `json:"year"`
	Members []duesMemberJSON `json:"members"`
}

type duesMemberJSON struct {
	ID         string             `json:"id"`
	Name       string             `json:"name"`
	Category   *dues.Category     `json:"category"` // null without a dues record for the year
	Base       *float64           `json:"base"`
	Rate       *float64           `json:"rate"`
	MonthlyDue *float64           `json:"monthly_due"`
	Reduced    *duesReducedJSON   `json:"reduced"`
	Paid       map[string]float64 `json:"paid"`
	OwedMonths []string           `json:"owed_months"`
}

type duesReducedJSON struct {
	Kind       string  `json:"kind"` // 少交 or 免交
	MonthlyDue float64 `json:"monthly_due"`
	ApprovedBy string  `json:"approved_by"`
	ApprovedOn string  `json:"approved_on"`
}

func yuan(fen int64) float64 { return float64(fen) / 100 }

func yuanPtr(fen int64) *float64 { v := yuan(fen); return &v }

func duesMember(r *data.DuesRow) duesMemberJSON {
	j := duesMemberJSON{ID: r.Member.ID.String(), Name: r.Member.Name, Paid: map[string]float64{}, OwedMonths: []string{}}
	if c := r.Account.Category; c.Valid() {
		j.Category = &c
	}
	if r.Account.HasBase() {
		j.Base = yuanPtr(r.Account.Base)
		if pm, ok := r.Account.Rate(); ok {
			v := float64(pm) / 1000
			j.Rate = &v
		}
	}
	if r.DueKnown {
		j.MonthlyDue = yuanPtr(r.Due)
	}
	if red := r.Account.Reduction; red != nil {
		kind := "少交"
		if red.Kind == data.DuesExempt {
			kind = "免交"
		}
		j.Reduced = &duesReducedJSON{Kind: kind, MonthlyDue: yuan(red.MonthlyDue), ApprovedBy: red.ApprovedBy, ApprovedOn: red.ApprovedOn.String()}
	}
	paid := map[string]int64{} // summed in fen, so several payments add exactly
	for _, p := range r.Account.Payments {
		paid[p.Month.String()] += p.Amount
	}
	for k, v := range paid {
		j.Paid[k] = yuan(v)
	}
	for _, ym := range r.Owed {
		j.OwedMonths = append(j.OwedMonths, ym.String())
	}
	return j
}

// runDues prints a year's dues: `branchledger dues FILE.ledger --year 2026
// [--json]`.
func runDues(e *Env, args []string) int {
	fs := flag.NewFlagSet("dues", flag.ContinueOnError)
	year := fs.Int("year", e.Now().Year(), "cli.flag.year")
	asJSON := fs.Bool("json", false, "cli.flag.json")
	pos, code := e.parse(fs, "dues", args, 1)
	if code >= 0 {
		return code
	}
	l, err := e.openToRead(pos[0])
	if err != nil {
		return e.fail(err)
	}
	defer l.Close()
	y, err := l.DuesYear(*year)
	if err != nil {
		return e.fail(err)
	}
	out := duesJSON{Year: y.Year, Members: []duesMemberJSON{}}
	for i := range y.Rows {
		out.Members = append(out.Members, duesMember(&y.Rows[i]))
	}
	if *asJSON {
		enc := json.NewEncoder(e.Out)
		enc.SetIndent("", "  ")
		if err := enc.Encode(out); err != nil {
			return e.fail(err)
		}
		return ExitOK
	}
	e.printDues(y)
	return ExitOK
}

// printDues writes the year as a table for people.
func (e *Env) printDues(y *data.DuesYear) {
	w := e.Words
	fmt.Fprintln(e.Out, w.T("dues.cli.title", map[string]any{"Year": y.Year, "AsOf": y.AsOf.String()}))
	tw := tabwriter.NewWriter(e.Out, 0, 2, 2, ' ', 0)
	fmt.Fprintln(tw, strings.Join([]string{w.T("dues.col.name", nil), w.T("dues.col.category", nil), w.T("dues.col.base", nil),
		w.T("dues.col.rate", nil), w.T("dues.col.due", nil), w.T("dues.col.paid_year", nil), w.T("dues.col.owed", nil),
		w.T("dues.col.warning", nil)}, "\t"))
	for i := range y.Rows {
		r := &y.Rows[i]
		base, rate, due := "—", "—", "—"
		if r.Account.HasBase() {
			base = dues.FormatYuan(r.Account.Base)
			if pm, ok := r.Account.Rate(); ok {
				rate = fmt.Sprintf("%g%%", float64(pm)/10)
			} else {
				rate = w.T("dues.rate.fixed", nil)
			}
		}
		if r.DueKnown {
			due = dues.FormatYuan(r.Due)
		}
		cat := "—"
		if r.Account.Category.Valid() {
			cat = w.T("dues.category."+string(r.Account.Category), nil)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%d\t%s\n", r.Member.Name, cat,
			base, rate, due, dues.FormatYuan(r.PaidTotal), len(r.Owed), duesWarningText(w, r))
	}
	_ = tw.Flush() // output to the terminal; nothing to save
	fmt.Fprintln(e.Out, w.T("dues.cli.totals", map[string]any{"Due": dues.FormatYuan(y.DueTotal), "Paid": dues.FormatYuan(y.PaidTotal),
		"Owed": dues.FormatYuan(y.OwedTotal)}))
	for _, v := range y.Voluntary {
		if v.ToCentre() {
			fmt.Fprintln(e.Out, w.T("dues.voluntary.to_centre_line", map[string]any{"Date": v.Paid.String(), "Amount": dues.FormatYuan(v.Amount)}))
		}
	}
}

// duesWarningText words a row's warning: 3 and 5 months, and the
// six-month rule of the Party constitution.
func duesWarningText(w *msg.Catalog, r *data.DuesRow) string {
	switch r.Warning {
	case 0:
		return ""
	case 6:
		return w.T("dues.warning.six", map[string]any{"Months": r.Unpaid})
	}
	return w.T("dues.warning.months", map[string]any{"Months": r.Unpaid})
}
