// Package search finds and orders Chinese names the way a branch secretary
// types them: by the characters themselves, by full pinyin ("zhangsan"), by
// pinyin initials ("zs"), or by a mix ("zhangs", "zsan"), and sorts names in
// pinyin order. It builds an index once per list of names so that each
// keystroke is a pass over precomputed strings; it knows nothing of Fyne or
// of the ledger.
package search

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mozillazg/go-pinyin"
	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// Index holds the search keys and sort keys of a list of names; item i is
// names[i] of NewIndex. It is read-only after NewIndex, so one Index may be
// used from several goroutines.
type Index struct {
	items []item
}

// item is one name's keys.
type item struct {
	name     string // lower-cased, spaces removed
	full     string // first reading of every character, joined: "zhangsan"
	initials string // first letters of those readings: "zs"
	syl      []syllable
	letters  uint32 // a bit per letter a–z found in any reading
	sortKey  []byte
}

// syllable is what one character of a name may be typed as: the character
// itself, or any prefix of one of its readings (several for characters
// with more than one reading, such as 曾 céng/zēng).
type syllable struct {
	char     string
	readings []string
}

// NewIndex computes the keys of names. It costs a few microseconds a name,
// so callers build it once when the list changes, not per keystroke.
func NewIndex(names []string) *Index {
	col := collate.New(language.Chinese)
	var buf collate.Buffer
	args := pinyin.NewArgs()
	args.Heteronym = true
	ix := &Index{items: make([]item, len(names))}
	for i, n := range names {
		it := &ix.items[i]
		it.name = Normalise(n)
		it.syl = syllables(it.name, args)
		var full, ini strings.Builder
		for _, s := range it.syl {
			full.WriteString(s.readings[0])
			ini.WriteByte(s.readings[0][0])
		}
		it.full, it.initials = full.String(), ini.String()
		for _, s := range it.syl {
			for _, r := range s.readings {
				it.letters |= letterMask(r)
			}
		}
		// Collation keys are compared with bytes.Compare; the buffer is
		// reused, so each key is copied out.
		it.sortKey = bytes.Clone(col.KeyFromString(&buf, n))
		buf.Reset()
	}
	return ix
}

// syllables splits a normalised name into what each character may be
// typed as. Letters and digits stand for themselves; other characters
// (the middle dot of 阿不都·热合曼, punctuation) are skipped.
func syllables(name string, args pinyin.Args) []syllable {
	var out []syllable
	for _, r := range name {
		switch {
		case r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			out = append(out, syllable{char: string(r), readings: []string{string(r)}})
		case unicode.Is(unicode.Han, r):
			var rs []string
			for _, p := range pinyin.SinglePinyin(r, args) {
				rs = appendReading(rs, p)
				if strings.ContainsRune(p, 'v') { // 吕 lv: people also type lu
					rs = appendReading(rs, strings.ReplaceAll(p, "v", "u"))
				}
			}
			if len(rs) == 0 { // a rare character the dictionary lacks
				rs = []string{string(r)}
			}
			out = append(out, syllable{char: string(r), readings: rs})
		}
	}
	return out
}

func appendReading(rs []string, p string) []string {
	for _, have := range rs {
		if have == p {
			return rs
		}
	}
	return append(rs, p)
}

// Normalise prepares a name or a query for matching: lower case, with
// spaces and apostrophes (xi'an) removed.
func Normalise(s string) string {
	s = strings.TrimSpace(s)
	if strings.IndexFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == '\'' || unicode.IsUpper(r) }) < 0 {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if unicode.IsSpace(r) || r == '\'' {
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// Len returns the number of names in the index.
func (ix *Index) Len() int { return len(ix.items) }

// Match reports whether name i matches query q, which must already be
// normalised. An empty query matches every name. A name matches when q is
// a run of its consecutive characters, each typed as itself or as a prefix
// of one of its readings: for 张三丰, "张三", "zs", "zhangsan", "zhangs",
// "zsf", "sanf" and "三f" all match.
func (ix *Index) Match(i int, q string) bool {
	return ix.match(i, q, letterMask(q))
}

// letterMask has a bit for each letter a–z in s.
func letterMask(s string) uint32 {
	var m uint32
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'a' && c <= 'z' {
			m |= 1 << (c - 'a')
		}
	}
	return m
}

// match is Match with the query's letter mask computed once per Filter.
// Every letter of a query must come from some reading of the name, so a
// name lacking one of them is rejected without looking further: most
// names, for most queries.
func (ix *Index) match(i int, q string, qLetters uint32) bool {
	if q == "" {
		return true
	}
	it := &ix.items[i]
	if qLetters&^it.letters != 0 {
		return false
	}
	if strings.Contains(it.name, q) || strings.Contains(it.initials, q) || strings.Contains(it.full, q) {
		return true
	}
	return it.typed(q)
}

// typed reports whether q can be typed over consecutive characters of the
// name, each typed as itself or as a non-empty prefix of one of its
// readings. It tracks the set of query offsets reachable after each
// character as a bit set, so it is linear in the name's length and never
// backtracks; queries longer than 63 bytes only match as plain substrings.
func (it *item) typed(q string) bool {
	if len(q) > 63 {
		return false
	}
	done := uint64(1) << len(q)
	cur := uint64(1) // offset 0: a match may start at any character
	for _, s := range it.syl {
		var next uint64
		for k := 0; k < len(q); k++ {
			if cur&(1<<k) == 0 {
				continue
			}
			rest := q[k:]
			if strings.HasPrefix(rest, s.char) {
				next |= 1 << (k + len(s.char))
			}
			for _, r := range s.readings {
				for m := commonPrefix(r, rest); m >= 1; m-- {
					next |= 1 << (k + m)
				}
			}
		}
		if next&done != 0 {
			return true
		}
		cur = next | 1
	}
	return false
}

func commonPrefix(a, b string) int {
	n := min(len(a), len(b))
	for i := 0; i < n; i++ {
		if a[i] != b[i] {
			return i
		}
	}
	return n
}

// Filter appends to dst the indices among candidates whose names match
// query (normalised here) and returns it, keeping the candidates' order.
// A nil candidates means every name. Typing one more letter can only
// narrow the result, so callers may pass the previous result back in.
func (ix *Index) Filter(query string, candidates []int, dst []int) []int {
	q := Normalise(query)
	qm := letterMask(q)
	if candidates == nil {
		for i := range ix.items {
			if ix.match(i, q, qm) {
				dst = append(dst, i)
			}
		}
		return dst
	}
	for _, i := range candidates {
		if ix.match(i, q, qm) {
			dst = append(dst, i)
		}
	}
	return dst
}

// Compare orders names i and j in pinyin order (the Chinese collation of
// CLDR), returning -1, 0 or +1.
func (ix *Index) Compare(i, j int) int {
	return bytes.Compare(ix.items[i].sortKey, ix.items[j].sortKey)
}

// Initials returns the pinyin initials of name ("zs" for 张三), first
// readings only.
func (ix *Index) Initials(i int) string { return ix.items[i].initials }

// Pinyin returns the full pinyin of name i without separators ("zhangsan"),
// first readings only.
func (ix *Index) Pinyin(i int) string { return ix.items[i].full }
