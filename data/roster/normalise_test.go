package roster

import (
	"testing"

	"branchledger/data"
)

func TestNormalise(t *testing.T) {
	tests := []struct {
		name string
		fn   func(string) string
		in   string
		want string
	}{
		{"clean", clean, "  注册许可窗口\u00a0\u00a0科长 ", "注册许可窗口 科长"},
		{"clean tab and newline", clean, "综合科\t\n科员", "综合科 科员"},
		{"clean ascii", clean, "plain text", "plain text"},
		{"clean ideographic space", clean, "\u3000第一党小组\u3000", "第一党小组"},
		{"name padding", cleanName, "张  三", "张三"},
		{"name with nbsp", cleanName, "\u00a0李四\u200b", "李四"},
		{"latin name keeps space", cleanName, "Ana  Li", "Ana Li"},
		{"ID full width", normaliseID, "３１０１０５１９６９０４１１６８３ｘ", "31010519690411683X"},
		{"ID trailing space", normaliseID, "310105196401173912 ", "310105196401173912"},
		{"ID lower x", normaliseID, "31010519690411683x", "31010519690411683X"},
		{"ID inner spaces", normaliseID, "310105 19690411 683X", "31010519690411683X"},
		{"phone spaced", normalisePhone, "137 2260 7954", "13722607954"},
		{"phone hyphens", normalisePhone, "137-2260-7954", "13722607954"},
		{"phone country code", normalisePhone, "+86 13722607954", "13722607954"},
		{"phone 86 prefix", normalisePhone, "8613722607954", "13722607954"},
		{"phone full width", normalisePhone, "１３７２２６０７９５４", "13722607954"},
		{"phone as E notation", normalisePhone, "1.3722607954E+10", "13722607954"},
		{"landline", normalisePhone, "021-12345678", "021-12345678"},
		{"ethnicity short", normaliseEthnicity, "汉", "汉族"},
		{"ethnicity two chars", normaliseEthnicity, "蒙古", "蒙古族"},
		{"ethnicity full", normaliseEthnicity, "回族", "回族"},
		{"ethnicity unknown", normaliseEthnicity, "外籍", "外籍"},
	}
	for _, tt := range tests {
		if got := tt.fn(tt.in); got != tt.want {
			t.Errorf("%s(%q): got %q, want %q", tt.name, tt.in, got, tt.want)
		}
	}
}

func TestChoices(t *testing.T) {
	genders := map[string]data.Gender{"男": data.Male, " 女 ": data.Female, "男性": data.Male, "F": data.Female, "": ""}
	for in, want := range genders {
		if got, ok := parseGender(in); !ok || got != want {
			t.Errorf("parseGender(%q): got %q, %v, want %q", in, got, ok, want)
		}
	}
	if _, ok := parseGender("未知"); ok {
		t.Errorf("parseGender(未知): got ok, want refused")
	}
	cats := map[string]data.Category{"正式党员": data.Full, "预备党员": data.Probationary, "预备": data.Probationary,
		"入党积极分子": data.Activist, "发展对象": data.Candidate, "中共党员": data.Full}
	for in, want := range cats {
		if got, ok := parseCategory(in); !ok || got != want {
			t.Errorf("parseCategory(%q): got %q, %v, want %q", in, got, ok, want)
		}
	}
	if _, ok := parseCategory("群众"); ok {
		t.Errorf("parseCategory(群众): got ok, want refused")
	}
	sts := map[string]data.PartyStatus{"": data.StatusNormal, "正常": data.StatusNormal, "停止党籍": data.StatusSuspended, "出党": data.StatusRemoved}
	for in, want := range sts {
		if got, ok := parseStatus(in); !ok || got != want {
			t.Errorf("parseStatus(%q): got %q, %v, want %q", in, got, ok, want)
		}
	}
}

func TestLostDigits(t *testing.T) {
	tests := []struct {
		id      string
		numeric bool
		want    bool
	}{
		{"310105196401173912", false, false},
		{"310105196401173912", true, true},  // a number cell, even with every digit
		{"310105199401141000", true, true},  // Excel's 15 significant digits
		{"310105199401141000", false, true}, // the same, pasted as text, failing the checksum
		{"3.10105E+17", false, true},
		{"3.10105199401141E+17", false, true},
		{"310105199401141.0", false, true},
		{"", true, false},
		{"31010519690411683X", false, false},
	}
	for _, tt := range tests {
		if got := lostDigits(tt.id, tt.numeric); got != tt.want {
			t.Errorf("lostDigits(%q, %v): got %v, want %v", tt.id, tt.numeric, got, tt.want)
		}
	}
}

func TestFieldNamesFollowColumns(t *testing.T) {
	if len(fieldNames) != len(templateColumns) {
		t.Fatalf("fields: got %d, want %d", len(fieldNames), len(templateColumns))
	}
	for i, c := range templateColumns {
		if fieldIndex(c.Field) != i {
			t.Errorf("fieldIndex(%q): got %d, want %d", c.Field, fieldIndex(c.Field), i)
		}
		if fieldNames[i] != c.Field {
			t.Errorf("field %d: got %q, want %q", i, fieldNames[i], c.Field)
		}
		if MatchHeader(c.Header) != c.Field {
			t.Errorf("template header %q does not read back as %q", c.Header, c.Field)
		}
	}
}
