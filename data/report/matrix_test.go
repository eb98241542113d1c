package report

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/google/uuid"

	"branchledger/data"
)

// TestMatrixCells reads back every month's sheet of the demo's matrix and
// the year's: each mark (with →补 where the make-up study is recorded),
// the per-session totals under the marks, the per-member totals and
// make-up counts, worked out here from the marks themselves.
func TestMatrixCells(t *testing.T) {
	l := newDemoLedger(t)
	ys := yearStats(t, l)
	f := export(t, l, Options{Year: 2026, Reports: []string{Matrix}})
	nm := len(ys.Members)
	mus, err := l.MakeUps()
	if err != nil {
		t.Fatal(err)
	}
	done := map[[2]uuid.UUID]bool{}
	for _, mu := range mus {
		done[[2]uuid.UUID{mu.SessionID, mu.MemberID}] = true
	}
	// The sessions of each month, in order, are the columns of its sheet.
	byMonth := map[time.Month][]data.SessionStat{}
	for _, h := range ys.Held {
		byMonth[h.Session.Date.Month()] = append(byMonth[h.Session.Date.Month()], h)
	}
	if len(byMonth) != 11 {
		t.Fatalf("demo holds sessions in %d months, want January to November", len(byMonth))
	}
	madeUp, owedAll := make([]int, nm), make([]int, nm)
	for mo, held := range byMonth {
		sh := fmt.Sprintf("考勤汇总（%d月）", mo)
		ns := len(held)
		wantCell(t, f, sh, "A1", fmt.Sprintf("申江区市场监管局注册登记窗口党支部 2026 年%d月考勤汇总", mo))
		wantRow(t, f, sh, 4, []string{"序号", "姓名", "党小组"})
		firstTotal := 3 + ns + 1
		for k, h := range []string{"应到", "出席", "迟到", "请假", "缺席", "未登记", "出勤率", "已补学", "未补学"} {
			wantCell(t, f, sh, cell(firstTotal+k, 4), h)
		}
		counts := make([][7]int, nm) // expected; 1+status (unmarked, present, late, leave, absent); made up
		for j, h := range held {
			wantDate(t, f, sh, cell(4+j, 4), h.Session.Date)
			wantCell(t, f, sh, cell(4+j, 5), kindName(h.Session.Kind))
			marks, err := l.Marks(h.Session.ID)
			if err != nil {
				t.Fatal(err)
			}
			for i, m := range ys.Members {
				want := "—"
				if h.Session.Expects(&m.Member) {
					st := marks[m.Member.ID].Status
					want = map[data.MarkStatus]string{data.Unmarked: "", data.Present: "出", data.Late: "迟",
						data.OnLeave: "假", data.Absent: "缺"}[st]
					counts[i][0]++
					counts[i][1+st]++
					if st == data.OnLeave || st == data.Absent {
						owedAll[i]++
						if done[[2]uuid.UUID{h.Session.ID, m.Member.ID}] {
							want += "→补"
							counts[i][6]++
							madeUp[i]++
						}
					}
				}
				wantCell(t, f, sh, cell(4+j, 6+i), want)
			}
			foot := 6 + nm
			for k, v := range []int{h.Expected, h.Attended(), h.Leave, h.Absent, h.Unmarked} {
				wantCell(t, f, sh, cell(4+j, foot+k), fmt.Sprint(v))
			}
			wantCell(t, f, sh, cell(4+j, foot+5), pct(ys.Rate(h.Counts)))
		}
		for i, m := range ys.Members {
			c := counts[i]
			wantRow(t, f, sh, 6+i, []string{fmt.Sprint(i + 1), m.Member.Name, m.Member.Group})
			for k, v := range []int{c[0], c[1+data.Present], c[1+data.Late], c[1+data.OnLeave], c[1+data.Absent], c[1+data.Unmarked]} {
				wantCell(t, f, sh, cell(firstTotal+k, 6+i), fmt.Sprint(v))
			}
			wantCell(t, f, sh, cell(firstTotal+7, 6+i), fmt.Sprint(c[6]))
			wantCell(t, f, sh, cell(firstTotal+8, 6+i), fmt.Sprint(c[1+data.OnLeave]+c[1+data.Absent]-c[6]))
		}
		wantCell(t, f, sh, cell(1, 6+nm+6), "合计")
		cfs, err := f.GetConditionalFormats(sh)
		if err != nil {
			t.Fatal(err)
		}
		want := fmt.Sprintf("D6:%s%d", col(3+ns), 5+nm)
		if len(cfs) != 1 || len(cfs[want]) != 1 {
			t.Fatalf("%s: conditional formats %v, want one rule over %s", sh, cfs, want)
		}
		if cf := cfs[want][0]; cf.Type != "cell" || cf.Criteria != "equal to" || cf.Value != `"缺"` || cf.Format == nil {
			t.Errorf("rule %+v, want cell == \"缺\" with a format", cf)
		}
	}
	if sum := slices.Max(madeUp); sum == 0 {
		t.Fatal("the demo records no make-up study: the →补 cells went unchecked")
	}
	const year = "考勤汇总（全年）"
	for i, m := range ys.Members {
		wantRow(t, f, year, 5+i, []string{fmt.Sprint(i + 1), m.Member.Name, m.Member.Group, fmt.Sprint(m.Expected),
			fmt.Sprint(m.Present), fmt.Sprint(m.Late), fmt.Sprint(m.Leave), fmt.Sprint(m.Absent), fmt.Sprint(m.Unmarked),
			pct(ys.Rate(m.Counts)), fmt.Sprint(madeUp[i]), fmt.Sprint(owedAll[i] - madeUp[i])})
	}
	wantRow(t, f, year, 5+nm, []string{"全年合计", "全年合计", "全年合计", fmt.Sprint(ys.Total.Expected)})
}
