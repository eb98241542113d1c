package roster

import "testing"

func TestParseYuan(t *testing.T) {
	tests := []struct {
		in  string
		fen int64
		ok  bool
	}{
		{"5000", 500000, true}, {"5000元", 500000, true}, {"￥5,000.50", 500050, true}, {"¥ 3000.5", 300050, true},
		{"5000.05 元", 500005, true}, {"０.０１", 1, true}, {"4999.999999999999", 500000, true}, // a number cell's noise
		{"12000.1000000000004", 1200010, true}, {"1E4", 1000000, true},
		{"5000.123", 0, false}, {"-5000", 0, false}, {"五千", 0, false}, {"", 0, false}, {"5000.", 0, false},
		{".5", 0, false}, {"1E20", 0, false}, {"99999999999", 0, false},
	}
	for _, tt := range tests {
		if fen, ok := parseYuan(tt.in); fen != tt.fen || ok != tt.ok {
			t.Errorf("parseYuan(%q): got %d, %v, want %d, %v", tt.in, fen, ok, tt.fen, tt.ok)
		}
	}
	if got := Yuan(500005); got != "5000.05" {
		t.Errorf("Yuan(500005): got %q, want 5000.05", got)
	}
}

func TestNormaliseIDAsTyped(t *testing.T) {
	tests := map[string]string{
		"31010519800102006x":         "31010519800102006X",
		"31010419900720006×":         "31010419900720006X",
		"32010219880808004Ⅹ":         "32010219880808004X",
		"'310105198001020115":        "310105198001020115",
		"\t440524197202020117\u200b": "440524197202020117",
		"440524 19700101 006X":       "44052419700101006X",
		"３１０１０５１９８００１０２０１１５": "310105198001020115",
	}
	for in, want := range tests {
		if got := normaliseID(in); got != want {
			t.Errorf("normaliseID(%q): got %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{"310105520102011": "310105195201020116", "310105561315022": "", "31010552010201": ""} {
		if got := ConvertOldID(in); got != want {
			t.Errorf("ConvertOldID(%q): got %q, want %q", in, got, want)
		}
	}
}
