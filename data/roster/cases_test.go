package roster

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"branchledger/data"
)

// validID completes 17 digits with their GB 11643 check character.
func validID(first17 string) string {
	return first17 + string(data.IDCheckChar(first17))
}

var (
	idA = validID("31010519800102001") // male, born 1980-01-02
	idB = validID("31010519850315002") // female, born 1985-03-15
	idC = validID("31010519900720003") // male, born 1990-07-20
)

func TestReadHabits(t *testing.T) {
	b := book(t,
		[]any{"市场监督管理局某党支部党员花名册"},
		[]any{"填报日期：2026年11月20日"},
		[]any{"序号", "姓 名", "性别", "民族", "出生年月", "身份证号码（18位）", "手机", "工作单位", "职务", "入党时间", "转正时间"},
		[]any{"1", "\u00a0张  三 ", "男", "汉", 29222, widen(idA), "137 2260 7954", "注册窗口", "科长", "2001.7", "2002年7月1日"},
		[]any{},
		[]any{"2", "李四", "女", "回", time.Date(1985, 3, 15, 0, 0, 0, 0, time.UTC), strings.ToLower(idB), "13722607955", "综合科", "", "201007", "20110701"},
		[]any{"序号", "姓名", "性别"}, // the header again, as on a printed second page
		[]any{"3", "王五", "", "", "", idC + " ", "", "", "", "2012/7/1", ""},
		[]any{"合计", "共3人"},
	)
	p := readBytes(t, b, nil)
	if len(p.Refused) != 0 {
		t.Fatalf("refused: %+v", p.Problems())
	}
	if len(p.Add) != 3 {
		t.Fatalf("rows to add: got %d, want 3", len(p.Add))
	}
	if p.Sheets[0].HeaderRow != 3 {
		t.Errorf("header row: got %d, want 3", p.Sheets[0].HeaderRow)
	}
	a, bm, c := p.Add[0].Member, p.Add[1].Member, p.Add[2].Member
	checks := []struct{ what, got, want string }{
		{"name", a.Name, "张三"},
		{"row", strings.Repeat("x", p.Add[0].Row), strings.Repeat("x", 4)},
		{"ethnicity", a.Ethnicity, "汉族"},
		{"birth from a serial", a.Birth.String(), "1980-01-02"},
		{"full-width ID", a.IDNumber, idA},
		{"phone", a.Phone, "13722607954"},
		{"post in two columns", a.Post, "注册窗口 科长"},
		{"yyyy.m", a.Joined.String(), "2001-07-01"},
		{"yyyy年m月d日", a.Confirmed.String(), "2002-07-01"},
		{"category from confirmed", string(a.Category), string(data.Full)},
		{"real date", bm.Birth.String(), "1985-03-15"},
		{"ethnicity 回", bm.Ethnicity, "回族"},
		{"lower-case x", bm.IDNumber, idB},
		{"post in one column", bm.Post, "综合科"},
		{"yyyymm", bm.Joined.String(), "2010-07-01"},
		{"yyyymmdd", bm.Confirmed.String(), "2011-07-01"},
		{"gender from ID", string(c.Gender), string(data.Male)},
		{"birth from ID", c.Birth.String(), "1990-07-20"},
		{"trailing space in ID", c.IDNumber, idC},
		{"status", string(c.Status), string(data.StatusNormal)},
	}
	for _, ck := range checks {
		if ck.got != ck.want {
			t.Errorf("%s: got %q, want %q", ck.what, ck.got, ck.want)
		}
	}
}

// widen writes s in full-width characters, as a full-width input method does.
func widen(s string) string {
	var b strings.Builder
	for _, r := range s {
		b.WriteRune(r - '!' + 0xFF01)
	}
	return b.String()
}

func TestReadRefusesIDNumbers(t *testing.T) {
	lostZeros := idB[:15] + "000"
	if data.CheckIDNumber(lostZeros) == "" {
		t.Fatal("pick another ID: its zeroed form passes the checksum")
	}
	head := []any{"姓名", "身份证号", "入党日期"}
	var num int64
	for _, ch := range idA {
		num = num*10 + int64(ch-'0')
	}
	tests := []struct {
		name string
		id   any
		code string
	}{
		{"number cell that passes the checksum", num, ProblemIDAsNumber},
		{"float cell", float64(num), ProblemIDAsNumber},
		{"text in E notation", "3.10105E+17", ProblemIDAsNumber},
		{"text with lost zeros", lostZeros, ProblemIDAsNumber},
		{"wrong checksum", idA[:17] + "0", data.ProblemIDChecksum},
		{"too short", "31010519800102", data.ProblemIDLength},
		{"missing", "", data.ProblemRequired},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := readBytes(t, book(t, head, []any{"张三", tt.id, "2001-07-01"}), nil)
			if len(p.Refused) != 1 || len(p.Add) != 0 {
				t.Fatalf("refused, added: got %d, %d, want 1, 0", len(p.Refused), len(p.Add))
			}
			got := p.Refused[0].Problems
			if len(got) == 0 || got[0].Code != tt.code || got[0].Column != "B" || got[0].Header != "身份证号" {
				t.Errorf("problems: got %+v, want %s at B (身份证号)", got, tt.code)
			}
		})
	}
}

// workbook builds a multi-sheet workbook: sheet name → rows.
func workbook(t *testing.T, build func(f *excelize.File)) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	build(f)
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func setRows(t *testing.T, f *excelize.File, sheet string, rows ...[]any) {
	t.Helper()
	if idx, _ := f.GetSheetIndex(sheet); idx < 0 {
		if _, err := f.NewSheet(sheet); err != nil {
			t.Fatal(err)
		}
	}
	for r, row := range rows {
		ref, _ := excelize.CoordinatesToCellName(1, r+1)
		if err := f.SetSheetRow(sheet, ref, &row); err != nil {
			t.Fatal(err)
		}
	}
}

func TestReadSheets(t *testing.T) {
	b := workbook(t, func(f *excelize.File) {
		head := []any{"姓名", "身份证号", "入党日期"}
		setRows(t, f, "Sheet1", []any{"说明：每个党小组一张工作表。"})
		setRows(t, f, "第一党小组", head, []any{"张三", idA, "2001-07-01"}, []any{"李四", idB, "2008-07-01"})
		setRows(t, f, "第二党小组", head, []any{"王五", idC, "2012-07-01"}, []any{"张三", idA, "2001-07-01"})
		setRows(t, f, "旧名单", head, []any{"赵六", validID("31010519700101004"), "1995-07-01"})
		if err := f.SetSheetVisible("旧名单", false); err != nil {
			t.Fatal(err)
		}
	})
	p := readBytes(t, b, nil)
	if len(p.Add) != 3 || len(p.Refused) != 1 {
		t.Fatalf("added, refused: got %d, %d, want 3, 1", len(p.Add), len(p.Refused))
	}
	for _, r := range p.Add {
		if r.Member.Group != r.Sheet {
			t.Errorf("%s group: got %q, want the sheet name %q", r.Member.Name, r.Member.Group, r.Sheet)
		}
	}
	dup := p.Refused[0].Problems[0]
	if dup.Code != ProblemDuplicateRowFrom || dup.Args["Sheet"] != "第一党小组" || dup.Args["Row"] != 2 {
		t.Errorf("duplicate across sheets: got %+v", dup)
	}
	var hidden []string
	for _, sh := range p.Sheets {
		if sh.Hidden {
			hidden = append(hidden, sh.Name)
		}
	}
	if strings.Join(hidden, ",") != "旧名单" {
		t.Errorf("hidden sheets: got %v, want [旧名单]", hidden)
	}
}

func TestReadMergedGroupCells(t *testing.T) {
	b := workbook(t, func(f *excelize.File) {
		setRows(t, f, "Sheet1",
			[]any{"党小组", "姓名", "身份证号", "入党日期"},
			[]any{"第一党小组", "张三", idA, "2001-07-01"},
			[]any{nil, "李四", idB, "2008-07-01"},
			[]any{"第二党小组", "王五", idC, "2012-07-01"},
		)
		if err := f.MergeCell("Sheet1", "A2", "A3"); err != nil {
			t.Fatal(err)
		}
	})
	p := readBytes(t, b, nil)
	var got []string
	for _, r := range p.Add {
		got = append(got, r.Member.Name+":"+r.Member.Group)
	}
	if want := "张三:第一党小组 李四:第一党小组 王五:第二党小组"; strings.Join(got, " ") != want {
		t.Errorf("groups: got %v, want %s", got, want)
	}
}

func TestReadUpdatesExisting(t *testing.T) {
	l := newTickingLedger(t)
	old := data.Member{Name: "张三", IDNumber: idA, Category: data.Full, Joined: 20010701, Phone: "13700000000",
		Education: "大学本科", CommitteeRole: "组织委员"}
	if err := l.SaveMember(&old); err != nil {
		t.Fatal(err)
	}
	b := book(t,
		[]any{"姓名", "身份证号", "联系电话", "学历", "入党日期"},
		[]any{"张三", idA, "13722607954", "", "2001-07-01"},
		[]any{"李四", idB, "", "", "2008-07-01"},
	)
	p := readBytes(t, b, l)
	if len(p.Update) != 1 || len(p.Add) != 1 {
		t.Fatalf("update, add: got %d, %d, want 1, 1", len(p.Update), len(p.Add))
	}
	if err := p.Apply(l); err != nil {
		t.Fatal(err)
	}
	got, err := l.MemberByIDNumber(idA)
	if err != nil {
		t.Fatal(err)
	}
	if got.ID != old.ID || got.Seq != old.Seq {
		t.Errorf("ID, seq: got %v, %d, want %v, %d", got.ID, got.Seq, old.ID, old.Seq)
	}
	if got.Phone != "13722607954" || got.Education != "大学本科" || got.CommitteeRole != "组织委员" {
		t.Errorf("phone, education, committee role: got %q, %q, %q, want the new phone and the kept others", got.Phone, got.Education, got.CommitteeRole)
	}
	if n := len(got.Events); n != 1 || got.Events[0].What != "imported" || got.Events[0].Note != "test.xlsx" {
		t.Errorf("events: got %+v, want one imported from test.xlsx", got.Events)
	}
	ms, err := l.Members()
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) != 2 {
		t.Errorf("members: got %d, want 2", len(ms))
	}
	// The same file again changes nothing.
	again := readBytes(t, b, l)
	if len(again.Unchanged) != 2 || len(again.Update)+len(again.Add) != 0 {
		t.Errorf("unchanged on the second read: got %d (update %d, add %d), want 2", len(again.Unchanged), len(again.Update), len(again.Add))
	}
	// A plan made before the ledger changed is not applied over it.
	if err := l.SaveMember(&got); err != nil {
		t.Fatal(err)
	}
	if err := p.Apply(l); !errors.Is(err, ErrStale) {
		t.Errorf("stale apply: got %v, want ErrStale", err)
	}
}

func TestApplyIsAllOrNothing(t *testing.T) {
	l := newTestLedger(t)
	p := readBytes(t, book(t,
		[]any{"姓名", "身份证号", "入党日期"},
		[]any{"张三", idA, "2001-07-01"},
		[]any{"李四", idB, "2008-07-01"},
	), l)
	// Someone else adds 李四 between the preview and the confirmation.
	if err := l.SaveMember(&data.Member{Name: "李四", IDNumber: idB, Category: data.Full, Joined: 20080701}); err != nil {
		t.Fatal(err)
	}
	if err := p.Apply(l); !errors.Is(err, data.ErrDuplicateID) {
		t.Fatalf("apply: got %v, want ErrDuplicateID", err)
	}
	if _, err := l.MemberByIDNumber(idA); !errors.Is(err, data.ErrNotFound) {
		t.Errorf("张三 after a failed apply: got %v, want not found", err)
	}
}

func TestReadErrors(t *testing.T) {
	tests := []struct {
		name string
		in   []byte
		want error
	}{
		{"empty", nil, ErrNotWorkbook},
		{"text", []byte("姓名,身份证号\n"), ErrNotWorkbook},
		{"old xls", append(append([]byte(nil), oleHeader...), make([]byte, 512)...), ErrOldFormat},
		{"no header", book(t, []any{"说明"}, []any{"a", "b"}), ErrNoHeader},
	}
	for _, tt := range tests {
		_, err := Read(bytes.NewReader(tt.in), Options{Today: testToday})
		if !errors.Is(err, tt.want) {
			t.Errorf("%s: got %v, want %v", tt.name, err, tt.want)
		}
		if MessageKey(err) == "" {
			t.Errorf("%s: no message key for %v", tt.name, err)
		}
	}
	_, err := Read(bytes.NewReader(make([]byte, 2048)), Options{MaxFileSize: 1024})
	if !errors.Is(err, ErrTooLarge) {
		t.Errorf("over MaxFileSize: got %v, want ErrTooLarge", err)
	}
}
