package roster

import (
	"testing"
)

// TestApplySavesDuesBases: a roster with a 缴费基数 column stores each
// member's base for the ledger's year in the same import, and a row
// without a base leaves the member without one.
func TestApplySavesDuesBases(t *testing.T) {
	l := newTestLedger(t)
	p := readBytes(t, book(t,
		[]any{"姓名", "公民身份号码", "入党日期", "党员类别", "缴费基数"},
		[]any{"张三", "110105198001010024", "2001-07-01", "正式党员", "4,500.50"},
		[]any{"李四", "110105198001010032", "2010-07-01", "正式党员", ""},
	), l)
	if len(p.Refused) != 0 {
		t.Fatalf("refused %+v", p.Refused)
	}
	if err := p.Apply(l); err != nil {
		t.Fatal(err)
	}
	ms, err := l.Members()
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int64{"张三": 450050, "李四": 0}
	for _, m := range ms {
		a, err := l.DuesAccount(m.ID, 2026)
		if err != nil {
			t.Fatal(err)
		}
		if got := a.Base; got != want[m.Name] {
			t.Errorf("%s: base %d fen, want %d", m.Name, got, want[m.Name])
		}
	}
}
