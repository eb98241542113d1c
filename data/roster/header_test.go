package roster

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// headerCases are header cells as people type them and the field each is
// read as, written out by hand ("" = not used). The fuzzer's finds are
// kept here too.
var headerCases = []struct {
	in, want string
}{
	{"姓名", "name"}, {" 姓 名 ", "name"}, {"姓　名", "name"}, {"名字", "name"}, {"*姓名：", "name"},
	{"身份证号码（18位）", "id_number"}, {"*公民身份号码", "id_number"}, {"身份证号", "id_number"},
	{"身份证号码(必填)", "id_number"}, {"公民身份号码【18位】", "id_number"},
	{"入党时间", "joined"}, {"入党\n日期", "joined"}, {"入党·时间", "joined"},
	{"手机", "phone"}, {"联系方式", "phone"}, {"联系 电话", "phone"},
	{"出生年月", "birth"}, {"出生日期", "birth"},
	{"所在党小组", "group"}, {"党小组", "group"},
	{"人员类别", "category"}, {"人员身份", "category"}, {"党员类型", "category"}, {"党员身份", "category"},
	{"政治面貌", "category"}, {"党员类别", "category"},
	{"转正时间", "confirmed"}, {"工作单位", "post"}, {"工作单位/职务", "post"}, {"工作单位、职务", "post"},
	{"党籍状态", "status"}, {"备注", "notes"},
	{"学历(最高)", "education"}, {"文化程度", "education"},
	{"月工资", "dues_base"}, {"缴费基数", "dues_base"}, {"党费基数（元）", "dues_base"},
	{"籍贯", ""}, {"序号", ""}, {"", ""}, {"合计", ""}, {"爱好", ""}, {"Sheet1", ""},
}

func TestMatchHeader(t *testing.T) {
	for _, tc := range headerCases {
		if got := MatchHeader(tc.in); got != tc.want {
			t.Errorf("header %q: got %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestKnownNotUsed checks that 籍贯 and 序号 are understood as columns the
// ledger does not keep, while an unknown header is left for the user.
func TestKnownNotUsed(t *testing.T) {
	m, err := newMatcher(nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		in          string
		field       string
		known, user bool
	}{
		{"籍贯", "", true, false}, {"序 号", "", true, false}, {"爱好", "", false, false}, {"姓名", "name", true, false},
	} {
		f, known, user := m.match(tc.in)
		if f != tc.field || known != tc.known || user != tc.user {
			t.Errorf("%q: got %q known %v user %v, want %q %v %v", tc.in, f, known, user, tc.field, tc.known, tc.user)
		}
	}
	um, err := newMatcher(map[string]string{"爱 好": "notes", "姓名": "", "人员状态": "党员类别"})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ in, field string }{{"爱好", "notes"}, {"姓名", ""}, {"人员状态", "category"}} {
		if f, known, user := um.match(tc.in); f != tc.field || !known || !user {
			t.Errorf("mapped %q: got %q known %v user %v, want %q by the user", tc.in, f, known, user, tc.field)
		}
	}
	if _, err := newMatcher(map[string]string{"爱好": "hobby"}); err == nil {
		t.Error("a mapping to no field: got no error")
	}
}

func TestParseMapping(t *testing.T) {
	tests := []struct {
		in, header, field string
		ok                bool
	}{
		{"人员状态=category", "人员状态", "category", true},
		{"人员状态=党员类别", "人员状态", "category", true},
		{"工资=dues_base", "工资", "dues_base", true},
		{"爱好=", "爱好", "", true},
		{"爱好=none", "爱好", "", true},
		{"a=b=notes", "a=b", "notes", true},
		{"爱好", "", "", false},
		{"=notes", "", "", false},
		{"爱好=hobby", "", "", false},
	}
	for _, tt := range tests {
		h, f, err := ParseMapping(tt.in)
		if (err == nil) != tt.ok || h != tt.header || f != tt.field {
			t.Errorf("%q: got %q, %q, %v, want %q, %q, ok %v", tt.in, h, f, err, tt.header, tt.field, tt.ok)
		}
	}
}

// TestTwoRowHeader reads headers split over two rows: words split by a
// merged cell (出生/年月) and a group label over its sub-headers.
func TestTwoRowHeader(t *testing.T) {
	m, _ := newMatcher(nil)
	rows := []rawRow{
		{1, []string{"某支部党员花名册"}},
		{2, []string{"序号", "姓名", "出生", "入党情况", "", "联系"}},
		{3, []string{"", "", "年月", "入党时间", "转正时间", "电话"}},
		{4, []string{"1", "张三", "1980.01", "2001.07", "2002.07", "13722607954"}},
	}
	merges := []mergeRange{{3, 2, 4, 2}} // D2:E2 入党情况
	h, last, ok := m.findHeader(rows, func(rr rawRow) []string { return spanCells(rr, merges) })
	if !ok {
		t.Fatal("no header found")
	}
	if last != 2 || h.first != 2 || h.row != 3 {
		t.Errorf("header rows: got index %d, rows %d–%d, want index 2, rows 2–3", last, h.first, h.row)
	}
	want := []string{"", "name", "birth", "joined", "confirmed", "phone"}
	if strings.Join(h.fields, ",") != strings.Join(want, ",") {
		t.Errorf("fields: got %q, want %q", h.fields, want)
	}
	wantNames := []string{"序号", "姓名", "出生年月", "入党时间", "转正时间", "联系电话"}
	if strings.Join(h.names, ",") != strings.Join(wantNames, ",") {
		t.Errorf("names: got %q, want %q", h.names, wantNames)
	}
	// A data row under a one-row header is not taken as its second row.
	rows = []rawRow{{1, []string{"姓名", "身份证号", "出生"}}, {2, []string{"张三", idA, "年月"}}}
	h, last, ok = m.findHeader(rows, func(rr rawRow) []string { return rr.cells })
	if !ok || last != 0 || h.row != 1 {
		t.Errorf("one-row header over data: got ok %v index %d row %v, want row 1", ok, last, h)
	}
}

// FuzzMatchHeader checks the header matcher on any text: the key has no
// spaces or punctuation, matching never panics, and spaces or a middle dot
// typed between the characters of a header never change its field.
func FuzzMatchHeader(f *testing.F) {
	for _, tc := range headerCases {
		f.Add(tc.in)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		key := headerKey(s)
		if headerKey(key) != key {
			t.Errorf("headerKey(%q) = %q is not stable: %q", s, key, headerKey(key))
		}
		if strings.ContainsAny(key, " \t\n　:：*·/()（）") {
			t.Errorf("headerKey(%q) = %q keeps spaces or punctuation", s, key)
		}
		if strings.ContainsAny(s, "([【〔（") {
			return // a remark in brackets is cut, wherever a space falls
		}
		var spaced strings.Builder
		for _, r := range s {
			spaced.WriteRune(r)
			spaced.WriteString(" ·")
		}
		if a, b := MatchHeader(s), MatchHeader(spaced.String()); a != b {
			t.Errorf("%q reads as %q, spaced out as %q", s, a, b)
		}
	})
}

// TestGroupLabelWorkbook reads a real workbook whose header is two rows: a
// merged group label 入党情况 over 入党时间 and 转正时间, words split over
// the rows (联系/电话), other headers merged down. The refused rows, saved
// as a workbook, read back with the same fields.
func TestGroupLabelWorkbook(t *testing.T) {
	b := workbook(t, func(f *excelize.File) {
		setRows(t, f, "Sheet1",
			[]any{"某支部党员花名册"},
			[]any{"姓名", "公民身份号码", "入党情况", nil, "联系"},
			[]any{nil, nil, "入党时间", "转正时间", "电话"},
			[]any{"张三", idA, "2001-07-01", "2002-07-01", "13722607954"},
			[]any{"李四", idB, "2008-07-01", "2009-07-01", "1372260795"},
		)
		for _, m := range [][2]string{{"A1", "E1"}, {"A2", "A3"}, {"B2", "B3"}, {"C2", "D2"}} {
			if err := f.MergeCell("Sheet1", m[0], m[1]); err != nil {
				t.Fatal(err)
			}
		}
	})
	p := readBytes(t, b, nil)
	var cols []string
	for _, c := range p.Columns {
		cols = append(cols, c.Column+" "+c.Header+"="+c.Field)
	}
	want := []string{"A 姓名=name", "B 公民身份号码=id_number", "C 入党时间=joined", "D 转正时间=confirmed", "E 联系电话=phone"}
	if strings.Join(cols, ", ") != strings.Join(want, ", ") {
		t.Errorf("columns: got %q, want %q", cols, want)
	}
	if len(p.Add) != 1 || p.Add[0].Member.Joined != 20010701 || p.Add[0].Member.Confirmed != 20020701 || p.Add[0].Member.Phone != "13722607954" {
		t.Fatalf("张三: got %+v", p.Add)
	}
	if len(p.Refused) != 1 || p.Refused[0].Problems[0].Column != "E" || p.Refused[0].Problems[0].Header != "联系电话" {
		t.Fatalf("李四: got %+v", p.Refused)
	}
	var out bytes.Buffer
	if err := WriteRefused(&out, p, func(key string, _ map[string]any) string { return key }); err != nil {
		t.Fatal(err)
	}
	again := readBytes(t, out.Bytes(), nil)
	cols = nil
	for _, c := range again.Columns {
		if c.Field != "" {
			cols = append(cols, c.Column+" "+c.Header+"="+c.Field)
		}
	}
	if strings.Join(cols, ", ") != strings.Join(want, ", ") {
		t.Errorf("refused rows read back: got %q, want %q", cols, want)
	}
}
