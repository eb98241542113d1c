package app

import (
	"slices"
	"strconv"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"branchledger/data"
)

// findEntryWithPlaceHolder returns the first entry in the top-most dialog
// or the window whose placeholder is ph, or nil.
func findEntryWithPlaceHolder(w fyne.Window, ph string) *widget.Entry {
	return findObject(w, func(e *widget.Entry) bool { return e.PlaceHolder == ph })
}

// largeRoster makes a roster of n members in 50 groups, as the large
// example ledger has, without a ledger: the table works on memory only.
func largeRoster(n int) *roster {
	surnames := []rune("王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
	given := []rune("晓明丽华建国海燕志强静伟敏婷磊秀英军洁勇艳杰娟涛超平刚霞辉鹏芳玲文斌红梅")
	ms := make([]data.Member, n)
	var groups []string
	for g := 1; g <= 50; g++ {
		groups = append(groups, "第"+strconv.Itoa(g)+"党小组")
	}
	for i := range ms {
		name := string(surnames[i%len(surnames)]) + string(given[(i/7)%len(given)]) + string(given[(i/3)%len(given)])
		ms[i] = data.Member{Name: name, Seq: uint32(i + 1), Category: data.Full, Status: data.StatusNormal,
			Group: groups[i%50], Joined: data.NewDate(1990+i%30, 7, 1), Phone: "13800138000", IDNumber: "310105199003071236"}
	}
	r := &roster{sortCol: colName}
	r.load(ms, newRosterIndex(ms), groups)
	return r
}

// BenchmarkRosterKeystroke is one search-as-you-type keystroke on the
// members screen over 5,000 members: the view/group/category filters and
// the pinyin search, as onSearchChanged runs them (narrowing the last
// result while the query grows). Its floor is the search index's own full
// pass over the same names for the same query (what the screen shows with
// no filter set; TestRosterNarrowingMatchesFullSearch checks they agree),
// alternating keystroke by keystroke in the same run.
func BenchmarkRosterKeystroke(b *testing.B) {
	r := largeRoster(5000)
	keys := []string{"z", "zh", "zha", "zhan", "zhang", "zhangx", "zhangxm", "w", "wx", "wxm"}
	dst := make([]int, 0, len(r.all))
	var tScreen, tIndex time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		q := keys[i%len(keys)]
		t0 := time.Now()
		r.query = q
		r.filter()
		t1 := time.Now()
		dst = r.ix.Filter(q, nil, dst[:0])
		tScreen += t1.Sub(t0)
		tIndex += time.Since(t1)
	}
	b.StopTimer()
	n := float64(b.N)
	b.ReportMetric(float64(tScreen.Nanoseconds())/n/1e3, "µs/keystroke")
	if tIndex > 0 {
		b.ReportMetric(float64(tScreen)/float64(tIndex), "x-fullpass")
	}
}

// BenchmarkRosterSort is a header click on 姓名 over 5,000 members: a
// stable sort in pinyin order, then the filters.
func BenchmarkRosterSort(b *testing.B) {
	r := largeRoster(5000)
	for i := 0; i < b.N; i++ {
		r.setSort(colName)
	}
}

func TestRosterNarrowingMatchesFullSearch(t *testing.T) {
	r := largeRoster(3000)
	full := largeRoster(3000)
	for _, q := range []string{"z", "zh", "zha", "zhang", "zhangx", "zhang", "w", "wx", "wxm", "wxmz", ""} {
		r.query = q
		r.filter()
		full.query = q
		full.lastRows = nil // no narrowing
		full.filter()
		if !slices.Equal(r.rows, full.rows) {
			t.Errorf("query %q: narrowed %d rows, full search %d rows", q, len(r.rows), len(full.rows))
		}
		if q == "zha" {
			r.setSort(colJoined) // a re-sort must not reuse the old order
			full.setSort(colJoined)
		}
	}
}
