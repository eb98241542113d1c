package search

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"
)

var matchCases = []struct {
	name, query string
	want        bool
}{
	{"张三", "", true},
	{"张三", "张", true},
	{"张三", "张三", true},
	{"张三", "三", true},
	{"张三", "zs", true},
	{"张三", "ZS", true},
	{"张三", "zhangsan", true},
	{"张三", "zhang san", true},
	{"张三", "zhangs", true},
	{"张三", "zsan", true},
	{"张三", "张s", true},
	{"张三", "san", true},
	{"张三", "zz", false},
	{"张三", "zhangsi", false},
	{"张三", "sz", false},
	{"张三", "李", false},
	{"张三丰", "sf", true},
	{"张三丰", "zf", false}, // not consecutive
	{"张三丰", "zhangsanfeng", true},
	{"曾志强", "zzq", true},  // 曾 as a surname is zēng …
	{"曾志强", "ceng", true}, // … and the dictionary's first reading is céng
	{"吕敏", "lv", true},
	{"吕敏", "lumin", true},
	{"阿不都·热合曼", "abd", true},
	{"阿不都·热合曼", "rehe", true},
	{"Anna 李", "annali", true},
	{"Anna 李", "anl", false}, // a Latin name is typed letter by letter
	{"王晓明2", "wxm2", true},
	{"", "a", false},
}

func TestMatch(t *testing.T) {
	for _, c := range matchCases {
		ix := NewIndex([]string{c.name})
		if got := ix.Match(0, Normalise(c.query)); got != c.want {
			t.Errorf("Match(%q, %q) = %v, want %v", c.name, c.query, got, c.want)
		}
	}
}

func TestKeys(t *testing.T) {
	ix := NewIndex([]string{"张三", "欧阳晓明"})
	for i, want := range [][2]string{{"zhangsan", "zs"}, {"ouyangxiaoming", "oyxm"}} {
		if got := ix.Pinyin(i); got != want[0] {
			t.Errorf("Pinyin(%d) = %q, want %q", i, got, want[0])
		}
		if got := ix.Initials(i); got != want[1] {
			t.Errorf("Initials(%d) = %q, want %q", i, got, want[1])
		}
	}
}

func TestFilterKeepsOrderAndNarrows(t *testing.T) {
	names := []string{"张三", "李四", "赵四", "张晓明", "周杰"}
	ix := NewIndex(names)
	got := ix.Filter("z", nil, nil)
	if want := []int{0, 2, 3, 4}; !slices.Equal(got, want) {
		t.Fatalf("Filter(z) = %v, want %v", got, want)
	}
	got = ix.Filter("zs", got, nil)
	if want := []int{0, 2}; !slices.Equal(got, want) {
		t.Errorf("Filter(zs) over the previous result = %v, want %v", got, want)
	}
}

func TestCompareIsPinyinOrder(t *testing.T) {
	names := []string{"张三", "赵六", "阿明", "王五", "李四", "欧阳晓明", "白雪"}
	ix := NewIndex(names)
	order := []int{0, 1, 2, 3, 4, 5, 6}
	slices.SortFunc(order, ix.Compare)
	var got []string
	for _, i := range order {
		got = append(got, names[i])
	}
	want := []string{"阿明", "白雪", "李四", "欧阳晓明", "王五", "张三", "赵六"}
	if !slices.Equal(got, want) {
		t.Errorf("pinyin order %v, want %v", got, want)
	}
}

// FuzzMatch checks that any name is found by itself, by its full pinyin and
// by its initials, and that no query panics.
func FuzzMatch(f *testing.F) {
	for _, c := range matchCases {
		f.Add(c.name, c.query)
	}
	f.Fuzz(func(t *testing.T, name, query string) {
		ix := NewIndex([]string{name})
		ix.Match(0, Normalise(query))
		n := Normalise(name)
		if n == "" {
			return
		}
		for _, q := range []string{n, ix.Pinyin(0), ix.Initials(0)} {
			if q != "" && len(q) <= 63 && !ix.Match(0, q) {
				t.Errorf("%q does not match its own key %q", name, q)
			}
		}
	})
}

// benchNames makes n Chinese names the way the large example ledger does:
// a common surname and a one- or two-character given name.
func benchNames(n int) []string {
	surnames := []rune("王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
	given := []rune("晓明丽华建国海燕志强静伟敏婷磊秀英军洁勇艳杰娟涛超平刚霞辉鹏芳玲文斌红梅")
	rng := rand.New(rand.NewPCG(5000, 1))
	names := make([]string, n)
	for i := range names {
		var b strings.Builder
		b.WriteRune(surnames[rng.IntN(len(surnames))])
		for k := 1 + rng.IntN(2); k > 0; k-- {
			b.WriteRune(given[rng.IntN(len(given))])
		}
		names[i] = b.String()
	}
	return names
}

// keystrokes are the queries a user produces typing "zhangxm" and then
// "wxm": every prefix, one Filter over all names each.
var keystrokes = []string{"z", "zh", "zha", "zhan", "zhang", "zhangx", "zhangxm", "w", "wx", "wxm"}

// spellings returns every way name i can be typed in full: each character
// as one of its readings or as that reading's first letter, joined. A
// plain substring scan over them is the naive search the index must beat.
func spellings(ix *Index, i int) []string {
	out := []string{""}
	for _, s := range ix.items[i].syl {
		var next []string
		for _, p := range out {
			for _, r := range s.readings {
				next = append(next, p+r)
				if len(r) > 1 {
					next = append(next, p+r[:1])
				}
			}
		}
		out = next
	}
	return out
}

// naiveFilter is the benchmark's floor: every name whose spellings contain
// q, by strings.Contains.
func naiveFilter(spelled [][]string, q string, dst []int) []int {
	for j, sps := range spelled {
		for _, sp := range sps {
			if strings.Contains(sp, q) {
				dst = append(dst, j)
				break
			}
		}
	}
	return dst
}

// The floor of BenchmarkKeystroke must do the same work: for each of the
// benchmark's keystrokes it finds exactly the names the index finds (and
// finds some for the short ones, so neither side can be trivially empty).
func TestNaiveFilterFindsWhatFilterFinds(t *testing.T) {
	names := benchNames(5000)
	ix := NewIndex(names)
	spelled := make([][]string, len(names))
	for i := range names {
		spelled[i] = spellings(ix, i)
	}
	for _, q := range keystrokes {
		got, want := naiveFilter(spelled, q, nil), ix.Filter(q, nil, nil)
		if !slices.Equal(got, want) {
			t.Errorf("%q: naive scan finds %d names, the index %d", q, len(got), len(want))
		}
		if len(want) == 0 && len(q) <= 3 {
			t.Errorf("%q: nothing found; the benchmark's names should hold some", q)
		}
	}
	// And by hand, on a few names: "zhangxm" is 张 typed in full, then
	// the initials of 晓明.
	small := NewIndex([]string{"张晓明", "王晓明", "张敏", "章小梅"})
	sp := make([][]string, small.Len())
	for i := range sp {
		sp[i] = spellings(small, i)
	}
	for q, want := range map[string][]int{"zhangxm": {0, 3}, "wxm": {1}, "zh": {0, 2, 3}, "zhangm": {2}} {
		if got := naiveFilter(sp, q, nil); !slices.Equal(got, want) {
			t.Errorf("naive %q: got %v, want %v", q, got, want)
		}
		if got := small.Filter(q, nil, nil); !slices.Equal(got, want) {
			t.Errorf("Filter %q: got %v, want %v", q, got, want)
		}
	}
}

// BenchmarkKeystroke measures one search-as-you-type keystroke over 5,000
// names (a full Filter, not narrowing the previous result) and reports it
// as a ratio to naiveFilter, a strings.Contains scan over every spelling of
// the same names that finds the same names (TestNaiveFilterFindsWhatFilterFinds).
// The two alternate keystroke by keystroke in the same run, so a busy
// machine slows both alike.
func BenchmarkKeystroke(b *testing.B) {
	names := benchNames(5000)
	ix := NewIndex(names)
	spelled := make([][]string, len(names))
	for i := range names {
		spelled[i] = spellings(ix, i)
	}
	dst := make([]int, 0, len(names))
	var tIndex, tNaive time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		q := keystrokes[i%len(keystrokes)]
		t0 := time.Now()
		dst = ix.Filter(q, nil, dst[:0])
		t1 := time.Now()
		dst = naiveFilter(spelled, q, dst[:0])
		tIndex += t1.Sub(t0)
		tNaive += time.Since(t1)
	}
	b.StopTimer()
	n := float64(b.N)
	b.ReportMetric(float64(tIndex.Nanoseconds())/n/1e3, "µs/keystroke")
	b.ReportMetric(float64(tNaive.Nanoseconds())/n/1e3, "naive-µs/keystroke")
	if tNaive > 0 {
		b.ReportMetric(float64(tIndex)/float64(tNaive), "x-naive")
	}
}

// BenchmarkNewIndex measures building the index of 5,000 names, done once
// when the members screen loads the roster.
func BenchmarkNewIndex(b *testing.B) {
	names := benchNames(5000)
	for i := 0; i < b.N; i++ {
		NewIndex(names)
	}
}

// BenchmarkSort measures sorting 5,000 names in pinyin order with the
// index's keys, against sorting them by code point (the baseline).
func BenchmarkSort(b *testing.B) {
	names := benchNames(5000)
	ix := NewIndex(names)
	order := make([]int, len(names))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for j := range order {
			order[j] = j
		}
		slices.SortFunc(order, ix.Compare)
	}
	b.StopTimer()
	per := float64(b.Elapsed().Nanoseconds()) / float64(b.N)
	start := time.Now()
	for i := 0; i < b.N; i++ {
		for j := range order {
			order[j] = j
		}
		slices.SortFunc(order, func(x, y int) int { return strings.Compare(names[x], names[y]) })
	}
	base := float64(time.Since(start).Nanoseconds()) / float64(b.N)
	b.ReportMetric(per/1e6, "ms/sort")
	b.ReportMetric(per/base, "x-codepoint")
}

func ExampleIndex_Filter() {
	ix := NewIndex([]string{"张三", "李四", "赵四"})
	fmt.Println(ix.Filter("zs", nil, nil))
	// Output: [0 2]
}
