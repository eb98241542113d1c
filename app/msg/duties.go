package msg

import "branchledger/data"

// DutyArgs returns the values the words of a duty's rule
// ("duties.rule.KEY") fill in: Due, From, Year, Count and Years (the
// committee's term).
func DutyArgs(d *data.Duty, b *data.Branch) map[string]any {
	return map[string]any{"Due": d.Due.String(), "From": d.From.String(), "Year": d.Year,
		"Count": d.Count, "Years": data.TermYears(b.Type)}
}

// DutySourceKey returns the translation key of the source of a duty's rule.
func DutySourceKey(d *data.Duty) string { return "duties.source." + string(d.Kind) }
