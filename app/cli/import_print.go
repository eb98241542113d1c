package cli

import (
	"fmt"
	"strings"

	"branchledger/data/roster"
)

// printImport writes what an import read and did, for people: every
// column and how it was read, every member row with its action (an
// update with old → new, inferred values with why), then the problems.
func (e *Env) printImport(plan *roster.Plan, out importJSON, apply bool, words roster.Words) {
	fmt.Fprintln(e.Out, words("import.columns", nil))
	for _, c := range plan.Columns {
		fmt.Fprintln(e.Out, "  "+roster.DescribeColumn(c, words))
	}
	fmt.Fprintln(e.Out, words("import.members", nil))
	for _, r := range plan.Rows() {
		fmt.Fprintln(e.Out, "  "+roster.DescribeRow(r, words))
		for _, in := range r.Inferred {
			fmt.Fprintln(e.Out, "      "+roster.DescribeInferred(in, words))
		}
	}
	rows := len(plan.Add) + len(plan.Update) + len(plan.Unchanged) + len(plan.Refused)
	fmt.Fprintln(e.Out, words("roster.summary", map[string]any{"Rows": rows, "Add": len(plan.Add),
		"Update": len(plan.Update), "Unchanged": len(plan.Unchanged), "Refused": len(plan.Refused)}))
	for _, p := range plan.Problems() {
		fmt.Fprintln(e.Out, "  "+roster.Describe(p, words))
	}
	if n := len(plan.OldIDs()); n > 0 {
		fmt.Fprintln(e.Out, words("import.old_ids_hint", map[string]any{"Count": n}))
	}
	var unknown []string
	for _, c := range plan.Columns {
		if !c.Known && c.Field == "" {
			unknown = append(unknown, c.Header)
		}
	}
	if len(unknown) > 0 {
		fmt.Fprintln(e.Out, words("import.map_hint", map[string]any{"Headers": strings.Join(unknown, "、")}))
	}
	counts := map[string]any{"Add": out.Added, "Update": out.Updated, "Refused": len(plan.Refused)}
	switch {
	case !apply:
		fmt.Fprintln(e.Out, words("roster.not_imported", counts))
	case out.DryRun:
		fmt.Fprintln(e.Out, words("roster.dry_run", nil))
	default:
		fmt.Fprintln(e.Out, words("roster.imported", counts))
		if len(plan.Refused) > 0 {
			fmt.Fprintln(e.Out, words("roster.skipped_bad", counts))
		}
	}
}
