package app

import (
	"strings"
	"testing"
	"time"

	"branchledger/data"
)

// largeMakeUps is a year of make-ups owed in a 5,000-member branch: the
// 100,000 rows the large example ledger owes, 20 per member over 50
// sessions.
func largeMakeUps() makeupList {
	r := largeRoster(5000)
	var m makeupList
	for s := 0; s < 50; s++ {
		sess := &data.Session{Kind: data.NoonClassroom, Theme: "股权转让登记办理要点", Date: data.NewDate(2026, 1, 2).AddDays(s * 7)}
		for i := s % 2; i < 5000; i += 2 {
			m.rows = append(m.rows, makeupRow{session: sess, member: &r.all[i], mark: "缺席"})
		}
	}
	m.index()
	return m
}

// BenchmarkMakeUpSearch times one search of the make-up list as typed
// (makeupList.filter) on 100,000 rows, against a naive baseline doing the
// same checks row by row: the pinyin match of the row's member's name and
// a substring test of its session's text. Reported: ms per search and the
// ratio.
func BenchmarkMakeUpSearch(b *testing.B) {
	m := largeMakeUps()
	queries := []string{"w", "wang", "王", "wxm", "2026-03", "股权"}
	var tFilter, tNaive time.Duration
	for i := 0; i < b.N; i++ {
		q := queries[i%len(queries)]
		run := []func(){
			func() { m.filter(q) },
			func() {
				lq := strings.ToLower(q)
				for j := range m.rows {
					_ = m.names.Filter(q, []int{int(m.who[j])}, nil) != nil || strings.Contains(m.hays[m.where[j]], lq)
				}
			},
		}
		if i%2 == 1 { // alternate which goes first
			run[0], run[1] = run[1], run[0]
		}
		for k, f := range run {
			t := time.Now()
			f()
			if (k == 0) == (i%2 == 0) {
				tFilter += time.Since(t)
			} else {
				tNaive += time.Since(t)
			}
		}
	}
	n := float64(b.N)
	b.ReportMetric(float64(tFilter.Microseconds())/n/1000, "ms/search")
	b.ReportMetric(float64(tNaive.Microseconds())/n/1000, "naive-ms/search")
	if tNaive > 0 {
		b.ReportMetric(float64(tFilter)/float64(tNaive), "x-naive")
	}
}
