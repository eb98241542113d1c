package cli

import (
	"encoding/json"
	"flag"
	"fmt"

	"branchledger/app/msg"
	"branchledger/data"
)

// agendaJSON is the stable JSON form of `branchledger agenda --json`.
type agendaJSON struct {
	Duties []dutyJSON `json:"duties"`
}

// dutyJSON is one duty: kind is one of confirmation, election,
// org_life_meeting, review, talk, study_hours; subject a member's or the
// branch's name; due yyyy-mm-dd; rule and source in the user's language.
type dutyJSON struct {
	Kind    data.DutyKind `json:"kind"`
	Subject string        `json:"subject"`
	Due     string        `json:"due"`
	Rule    string        `json:"rule"`
	Source  string        `json:"source"`
	Overdue bool          `json:"overdue"`
}

func runAgenda(e *Env, args []string) int {
	fs := flag.NewFlagSet("agenda", flag.ContinueOnError)
	days := fs.Int("days", 60, "cli.flag.days")
	asJSON := fs.Bool("json", false, "cli.flag.json")
	pos, code := e.parse(fs, "agenda", args, 1)
	if code >= 0 {
		return code
	}
	l, err := e.openToRead(pos[0])
	if err != nil {
		return e.fail(err)
	}
	defer l.Close()
	b, err := l.Branch()
	if err != nil {
		return e.fail(err)
	}
	ds, err := l.Duties(*days)
	if err != nil {
		return e.fail(err)
	}
	out := agendaJSON{Duties: []dutyJSON{}}
	for i := range ds {
		d := &ds[i]
		out.Duties = append(out.Duties, dutyJSON{Kind: d.Kind, Subject: d.Subject, Due: d.Due.String(),
			Rule: e.Words.T("duties.rule."+d.Rule, msg.DutyArgs(d, &b)), Source: e.Words.T(msg.DutySourceKey(d), nil), Overdue: d.Overdue})
	}
	if *asJSON {
		enc := json.NewEncoder(e.Out)
		enc.SetIndent("", "  ")
		if err := enc.Encode(out); err != nil {
			return e.fail(err)
		}
		return ExitOK
	}
	fmt.Fprintln(e.Out, e.Words.T("cli.agenda.title", map[string]any{"Branch": b.Name, "Today": l.Today().String(), "Days": *days}))
	if len(ds) == 0 {
		fmt.Fprintln(e.Out, "  "+e.Words.T("duties.none", nil))
	}
	for _, j := range out.Duties {
		mark := ""
		if j.Overdue {
			mark = " [" + e.Words.T("duties.overdue", nil) + "]"
		}
		fmt.Fprintf(e.Out, "%s%s  %s  %s\n    %s — %s\n", j.Due, mark, e.Words.T("duties.kind."+string(j.Kind), nil), j.Subject, j.Rule, j.Source)
	}
	return ExitOK
}
