package data

import (
	"cmp"
	"slices"

	"github.com/google/uuid"
	bolt "go.etcd.io/bbolt"
)

// namesShown is how many names a summing-up duty lists; the rest is a count.
const namesShown = 5

// dutyInput is everything the duty rules read, as of one day.
type dutyInput struct {
	today    Date
	branch   Branch
	members  []Member
	sessions []Session
	confirms []Confirmation
	reviews  map[int]bool // years with a 民主评议 record
	talks    []Talk
	hours    []MemberHours // this year's study hours
}

// Duties returns every duty that is due within days days of the ledger's
// today or overdue, or whose reminder period has begun, soonest first.
// It reads the ledger in one transaction.
func (l *Ledger) Duties(days int) ([]Duty, error) {
	today := l.Today()
	var in dutyInput
	err := l.view(func(tx *bolt.Tx) error {
		var err error
		in, err = readDutyInput(tx, today)
		return err
	})
	if err != nil {
		return nil, err
	}
	return dueWithin(computeDuties(&in), today, days), nil
}

func readDutyInput(tx *bolt.Tx, today Date) (dutyInput, error) {
	in := dutyInput{today: today, reviews: map[int]bool{}}
	if err := decode(tx.Bucket(bMeta).Get(kBranch), &in.branch); err != nil {
		return in, err
	}
	var err error
	if in.members, err = readMembers(tx); err != nil {
		return in, err
	}
	if in.sessions, err = readSessions(tx, NewDate(today.Year()-1, 1, 1), NewDate(today.Year(), 12, 31)); err != nil {
		return in, err
	}
	if in.confirms, err = readConfirmations(tx, uuid.Nil); err != nil {
		return in, err
	}
	for _, y := range []int{today.Year() - 1, today.Year()} {
		r, err := readReview(tx, y)
		if err != nil {
			return in, err
		}
		in.reviews[y] = r != nil
	}
	if in.talks, err = readTalks(tx); err != nil {
		return in, err
	}
	in.hours, err = studyHours(tx, in.members, in.sessions, today.Year(), today)
	return in, err
}

// dueWithin keeps the duties overdue, due by today+days, or in their
// reminder period, sorted by due date then kind and subject.
func dueWithin(all []Duty, today Date, days int) []Duty {
	limit := today.AddDays(days)
	var out []Duty
	for _, d := range all {
		if d.Overdue || d.Due <= limit || d.Remind <= today {
			out = append(out, d)
		}
	}
	slices.SortStableFunc(out, func(a, b Duty) int {
		return cmp.Or(cmp.Compare(a.Due, b.Due), cmp.Compare(a.Kind, b.Kind), cmp.Compare(a.Subject, b.Subject))
	})
	return out
}

// computeDuties applies the rules to in and returns every open duty,
// whatever its date.
func computeDuties(in *dutyInput) []Duty {
	today, year, name := in.today, in.today.Year(), in.branch.Name
	var out []Duty

	// 预备党员转正.
	byMember := map[uuid.UUID][]Confirmation{}
	for _, c := range in.confirms {
		byMember[c.MemberID] = append(byMember[c.MemberID], c)
	}
	for i := range in.members {
		m := &in.members[i]
		if m.Category != Probationary || !m.Active() || m.Status != StatusNormal || m.Joined == 0 {
			continue
		}
		end, extended, decided := probationState(m, byMember[m.ID])
		if decided {
			continue
		}
		rule := RuleConfirmation
		if extended {
			rule = RuleConfirmationExtended
		}
		out = append(out, Duty{Kind: DutyConfirmation, Subject: m.Name, MemberID: m.ID, Due: end, From: end,
			Remind: end.AddMonths(-1), Overdue: today > end, Rule: rule})
	}

	// 换届.
	if in.branch.CommitteeElected == 0 {
		out = append(out, Duty{Kind: DutyElection, Subject: name, Due: today, Remind: today, Rule: RuleElectionMissing})
	} else {
		end := TermEnd(in.branch.CommitteeElected, in.branch.Type)
		out = append(out, Duty{Kind: DutyElection, Subject: name, Due: end, Remind: end.AddMonths(-6),
			Overdue: today > end, Rule: RuleElection})
	}

	out = append(out, yearlyDuties(in)...)

	out = append(out, talkDuties(in)...)

	// 学时.
	var short []string
	for _, h := range in.hours {
		if h.Short() {
			short = append(short, h.Member.Name)
		}
	}
	if len(short) > 0 {
		out = append(out, summary(Duty{Kind: DutyStudyHours, Subject: name, Due: NewDate(year, 12, 31),
			Remind: YearlyRemindFrom(year), Rule: RuleStudyHours, Year: year}, short))
	}
	return out
}

// yearlyDuties returns the 组织生活会 and 民主评议 not yet held this year
// and, until 31 March (CatchUpUntil), last year's when the ledger was kept
// in last year's fourth quarter. Branches often hold a year's 组织生活会
// early the next year: an 组织生活会 held by 31 March counts for last year
// when last year had none, and then not for this year.
func yearlyDuties(in *dutyInput) []Duty {
	today, year, name := in.today, in.today.Year(), in.branch.Name
	held := func(from, to Date) (Date, bool) {
		for _, s := range in.sessions {
			if s.Kind == OrgLifeMeeting && !s.Cancelled && s.Date >= from && s.Date <= to && s.Date <= today {
				return s.Date, true
			}
		}
		return 0, false
	}
	var out []Duty
	add := func(k DutyKind, rule string, y int) {
		due := NewDate(y, 12, 31)
		out = append(out, Duty{Kind: k, Subject: name, Due: due, Remind: YearlyRemindFrom(y),
			Overdue: today > due, Rule: rule, Year: y})
	}
	thisFrom := NewDate(year, 1, 1)
	created := DateOf(in.branch.Created)
	if !in.branch.Created.IsZero() && created <= YearlyRemindFrom(year-1) {
		show := today <= CatchUpUntil(year-1)
		if _, ok := held(NewDate(year-1, 1, 1), NewDate(year-1, 12, 31)); !ok {
			if d, ok := held(thisFrom, CatchUpUntil(year-1)); ok {
				thisFrom = d.AddDays(1) // that meeting was last year's
			} else if show {
				add(DutyOrgLife, RuleOrgLife, year-1)
			}
		}
		if show && !in.reviews[year-1] {
			add(DutyReview, RuleReview, year-1)
		}
	}
	if _, ok := held(thisFrom, NewDate(year, 12, 31)); !ok {
		add(DutyOrgLife, RuleOrgLife, year)
	}
	if !in.reviews[year] {
		add(DutyReview, RuleReview, year)
	}
	return out
}

// CatchUpUntil is the last day a year's 组织生活会 and 民主评议 may still be
// held or recorded for it: 31 March of the next year.
func CatchUpUntil(year int) Date { return NewDate(year+1, 3, 31) }

// summary fills a summing-up duty's count and first names.
func summary(d Duty, names []string) Duty {
	d.Count = len(names)
	d.Names = names[:min(len(names), namesShown)]
	return d
}

// talkDuties returns this year's 谈心谈话 reminders: each pair of committee
// members who have not talked (summed up in one duty beyond five pairs),
// and one duty for the members no committee member has talked with. At
// 5,000 members this stays two or three lines.
func talkDuties(in *dutyInput) []Duty {
	year := in.today.Year()
	type pair struct{ a, b uuid.UUID }
	var committee, others []*Member
	onCommittee := map[uuid.UUID]bool{}
	for i := range in.members {
		m := &in.members[i]
		if !m.InBranchOn(in.today) {
			continue
		}
		if m.CommitteeRole != "" {
			committee = append(committee, m)
			onCommittee[m.ID] = true
		} else {
			others = append(others, m)
		}
	}
	talked := map[pair]bool{}    // between two committee members
	seen := map[uuid.UUID]bool{} // members a committee member talked with
	for _, t := range in.talks {
		if t.Date.Year() != year {
			continue
		}
		switch {
		case onCommittee[t.A] && onCommittee[t.B]:
			talked[pair{t.A, t.B}], talked[pair{t.B, t.A}] = true, true
		case onCommittee[t.A]:
			seen[t.B] = true
		case onCommittee[t.B]:
			seen[t.A] = true
		}
	}
	base := Duty{Kind: DutyTalk, Subject: in.branch.Name, Due: NewDate(year, 12, 31),
		Remind: YearlyRemindFrom(year), Year: year}
	var out []Duty
	var pairs [][2]*Member
	missingPairs := 0
	for i, a := range committee {
		for _, b := range committee[i+1:] {
			if !talked[pair{a.ID, b.ID}] {
				missingPairs++
				if len(pairs) <= namesShown {
					pairs = append(pairs, [2]*Member{a, b})
				}
			}
		}
	}
	if missingPairs > namesShown {
		d := base
		d.Rule, d.Count = RuleTalkCommittee, missingPairs
		for _, p := range pairs[:namesShown] {
			d.Names = append(d.Names, p[0].Name+"、"+p[1].Name)
		}
		out = append(out, d)
	} else {
		for _, p := range pairs {
			d := base
			d.Rule, d.Subject, d.MemberID = RuleTalkCommittee, p[0].Name+"、"+p[1].Name, p[0].ID
			out = append(out, d)
		}
	}
	var missing []string
	for _, m := range others {
		if !seen[m.ID] {
			missing = append(missing, m.Name)
		}
	}
	if len(missing) > 0 {
		d := base
		d.Rule = RuleTalkMembers
		out = append(out, summary(d, missing))
	}
	return out
}
