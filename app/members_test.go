package app

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"branchledger/data"
)

// validID returns a GB 11643 ID number for the first 17 characters.
func validID(t testing.TB, first17 string) string {
	t.Helper()
	c := data.IDCheckChar(first17)
	if c == 0 {
		t.Fatalf("bad test ID prefix %q", first17)
	}
	return first17 + string(c)
}

// openMembers shows the members screen of s and waits for the roster.
func openMembers(t testing.TB, s *shell) *membersScreen {
	t.Helper()
	p := s.membersPage()
	if p == nil {
		t.Fatal("no members screen")
	}
	settle(t, s, "the roster to load", func() bool { return p.loaded })
	return p
}

// addMember stores m in the shell's ledger and reloads the roster.
func addMember(t testing.TB, p *membersScreen, m data.Member) data.Member {
	t.Helper()
	if err := p.ledger.SaveMember(&m); err != nil {
		t.Fatal(err)
	}
	done := false
	p.reload(func() { done = true })
	p.run.Wait()
	if !done {
		t.Fatal("the roster did not reload")
	}
	return m
}

func shownNames(p *membersScreen) []string {
	var out []string
	for i := range p.r.rows {
		out = append(out, p.r.member(i).Name)
	}
	return out
}

func TestMembersSearchByPinyin(t *testing.T) {
	s, w := newTestShell(t)
	p := openMembers(t, s)
	if got, want := len(p.r.rows), 14; got != want {
		t.Fatalf("demo roster shows %d members, want %d", got, want)
	}
	addMember(t, p, data.Member{Name: "欧阳晓明", Category: data.Full, Joined: data.NewDate(2015, 7, 1),
		IDNumber: validID(t, "31010519900307123")})

	for _, q := range []string{"oyxm", "ouyangxiaoming", "欧阳", "OYXM"} {
		p.search.SetText("")
		test.Type(p.search, q)
		if got := shownNames(p); !slices.Equal(got, []string{"欧阳晓明"}) {
			t.Errorf("search %q shows %v, want [欧阳晓明]", q, got)
		}
		if !hasText(w, "欧阳晓明") {
			t.Errorf("search %q: the table does not draw 欧阳晓明", q)
		}
	}
	if got, want := p.count.Text, "共 1 名党员，正式 1，预备 0"; got != want {
		t.Errorf("count line %q, want %q", got, want)
	}
	p.search.SetText("")
	test.Type(p.search, "xyzq")
	if got := len(p.r.rows); got != 0 {
		t.Errorf("search xyzq shows %v, want nothing", shownNames(p))
	}
}

func TestMembersCountLine(t *testing.T) {
	s, _ := newTestShell(t)
	p := openMembers(t, s)
	full, prob := 0, 0
	for _, i := range p.r.rows {
		switch p.r.all[i].Category {
		case data.Full:
			full++
		case data.Probationary:
			prob++
		}
	}
	want := "共 14 名党员，正式 " + strconv.Itoa(full) + "，预备 " + strconv.Itoa(prob)
	if got := p.count.Text; got != want {
		t.Errorf("count line %q, want %q", got, want)
	}
}

func TestMembersTableMasks(t *testing.T) {
	s, w := newTestShell(t)
	p := openMembers(t, s)
	m := p.r.member(0)
	if m.IDNumber == "" || m.Phone == "" {
		t.Fatalf("demo member %s has no ID number or phone", m.Name)
	}
	if got, want := p.r.cell(0, colIDNumber), data.MaskIDNumber(m.IDNumber); got != want || !strings.Contains(got, "********") {
		t.Errorf("ID cell %q, want masked %q", got, want)
	}
	if got, want := p.r.cell(0, colPhone), data.MaskPhone(m.Phone); got != want || !strings.Contains(got, "****") {
		t.Errorf("phone cell %q, want masked %q", got, want)
	}
	if hasText(w, m.IDNumber) || hasText(w, m.Phone) {
		t.Errorf("the table draws %s's full ID number or phone", m.Name)
	}
	if !hasText(w, data.MaskIDNumber(m.IDNumber)) {
		t.Errorf("the table does not draw the masked ID %s", data.MaskIDNumber(m.IDNumber))
	}

	// The form masks too, until the eye button is pressed.
	f := p.openForm(m)
	if got := f.id.entry.Text; got != data.MaskIDNumber(m.IDNumber) || !f.id.entry.Disabled() {
		t.Errorf("form ID field %q (disabled %v), want masked and read-only", got, f.id.entry.Disabled())
	}
	test.Tap(f.id.eye)
	if got := f.id.entry.Text; got != m.IDNumber || f.id.entry.Disabled() {
		t.Errorf("after the eye button: %q (disabled %v), want the full number, editable", got, f.id.entry.Disabled())
	}
}

func TestMembersHeaderSorts(t *testing.T) {
	s, w := newTestShell(t)
	p := openMembers(t, s)
	zh := collate.New(language.Chinese)
	names := shownNames(p)
	if !slices.IsSortedFunc(names, zh.CompareString) {
		t.Errorf("names %v are not in pinyin order", names)
	}
	b := findButton(w, "姓名 ▲")
	if b == nil {
		t.Fatalf("no 姓名 ▲ header button among %q", windowTexts(w))
	}
	test.Tap(b)
	if got := shownNames(p); !slices.IsSortedFunc(got, func(a, b string) int { return zh.CompareString(b, a) }) {
		t.Errorf("after tapping 姓名: %v, want reverse pinyin order", got)
	}
	j := findButton(w, "入党日期")
	if j == nil {
		t.Fatalf("no 入党日期 header button among %q", windowTexts(w))
	}
	test.Tap(j)
	var joined []data.Date
	for i := range p.r.rows {
		joined = append(joined, p.r.member(i).Joined)
	}
	if !slices.IsSorted(joined) {
		t.Errorf("after tapping 入党日期: joined dates %v, want ascending", joined)
	}
	if findButton(w, "入党日期 ▲") == nil {
		t.Errorf("the 入党日期 header shows no sort arrow: %q", windowTexts(w))
	}
}

func TestMemberFormChecksumAtField(t *testing.T) {
	s, w := newTestShell(t)
	p := openMembers(t, s)
	f := p.openForm(nil)
	id := validID(t, "31010519900307123")
	bad := id[:17] + string("0123456789X"[(strings.IndexByte("0123456789X", id[17])+1)%11])
	test.Type(f.id.entry, bad)
	want := "公民身份号码校验位不对，请核对是否录入有误"
	if l := f.errs[data.FieldIDNumber]; !l.Visible() || l.Text != want {
		t.Errorf("ID field problem %q (visible %v), want %q", l.Text, l.Visible(), want)
	}
	if !hasText(w, "校验位不对") {
		t.Errorf("the window does not show the checksum message: %q", windowTexts(w))
	}
	if f.birth.entry.Text != "" {
		t.Errorf("birth date filled in from an invalid ID: %q", f.birth.entry.Text)
	}
	// Correcting the last character clears the message and fills in
	// birth date and gender.
	f.id.entry.SetText(id)
	if l := f.errs[data.FieldIDNumber]; l.Visible() {
		t.Errorf("valid ID still shows %q", l.Text)
	}
	if got, want := f.birth.entry.Text, "1990-03-07"; got != want {
		t.Errorf("birth date %q, want %q from the ID number", got, want)
	}
	if got, want := f.gender.Selected, "男"; got != want {
		t.Errorf("gender %q, want %q from the ID number", got, want)
	}
	test.Type(f.phone.entry, "1381234")
	if l := f.errs[data.FieldPhone]; !l.Visible() || !strings.Contains(l.Text, "11 位") {
		t.Errorf("phone problem %q (visible %v), want the 11-digit message", l.Text, l.Visible())
	}
}

func TestMemberFormSaves(t *testing.T) {
	s, w := newTestShell(t)
	p := openMembers(t, s)
	test.Tap(p.add)
	save := findButton(w, "保存")
	if save == nil {
		t.Fatalf("no 保存 button in the new member form: %q", windowTexts(w))
	}
	if findButton(w, "Submit") != nil || findButton(w, "Cancel") != nil || findButton(w, "取消") == nil {
		t.Errorf("form buttons are not 保存/取消: %q", windowTexts(w))
	}
	f := p.form
	id := validID(t, "31010519920815242")
	test.Type(f.name, "林小红")
	test.Type(f.id.entry, id)
	test.Type(f.phone.entry, "13912345678")
	f.group.SetSelected("第二党小组")
	f.category.SetSelectedIndex(1) // 预备党员
	test.Type(f.joined.entry, "2026.3.1")
	test.Type(&f.ethnicity.Entry, "汉族")
	test.Type(&f.committee.Entry, "宣传委员")
	test.Type(f.transferred.entry, "2026-04-02")
	test.Tap(findButton(w, "保存"))

	var got data.Member
	settle(t, s, "the member to be saved", func() bool {
		m, err := s.ledger.MemberByIDNumber(id)
		got = m
		return err == nil
	})
	for _, c := range []struct{ field, got, want string }{
		{"name", got.Name, "林小红"},
		{"gender", string(got.Gender), string(data.Female)},
		{"birth", got.Birth.String(), "1992-08-15"},
		{"phone", got.Phone, "13912345678"},
		{"group", got.Group, "第二党小组"},
		{"category", string(got.Category), string(data.Probationary)},
		{"joined", got.Joined.String(), "2026-03-01"},
		{"status", string(got.Status), string(data.StatusNormal)},
		{"ethnicity", got.Ethnicity, "汉族"},
		{"committee role", got.CommitteeRole, "宣传委员"},
		{"transferred in", got.TransferredIn.String(), "2026-04-02"},
	} {
		if c.got != c.want {
			t.Errorf("saved %s %q, want %q", c.field, c.got, c.want)
		}
	}
	settle(t, s, "the roster to show the new member", func() bool {
		return slices.Contains(shownNames(p), "林小红")
	})
}

func TestMemberFormRefusesInvalid(t *testing.T) {
	s, w := newTestShell(t)
	p := openMembers(t, s)
	f := p.openForm(nil)
	test.Tap(findButton(w, "保存"))
	if l := f.errs[data.FieldName]; !l.Visible() || l.Text != "必须填写" {
		t.Errorf("empty name: problem %q (visible %v), want 必须填写", l.Text, l.Visible())
	}
	if l := f.errs[data.FieldIDNumber]; !l.Visible() {
		t.Error("empty ID number shows no problem after 保存")
	}
	test.Type(f.joined.entry, "29/11/2026")
	if l := f.errs[data.FieldJoined]; !l.Visible() || !strings.Contains(l.Text, "2026-11-29") {
		t.Errorf("d/m/y date: problem %q, want the yyyy-mm-dd hint", l.Text)
	}
	ms, err := s.ledger.Members()
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) != 14 {
		t.Errorf("ledger has %d members after refused saves, want 14", len(ms))
	}
}

func TestMemberTransferOutKeepsHistory(t *testing.T) {
	s, w := newTestShell(t)
	p := openMembers(t, s)
	m := *p.r.member(0)
	p.openForm(&m)
	test.Tap(findButton(w, "转出 / 出党 / 去世"))
	dest := findEntryWithPlaceHolder(w, "转入的党组织名称")
	if dest == nil {
		t.Fatalf("no destination field in the departure dialog: %q", windowTexts(w))
	}
	test.Type(dest, "申江区税务局机关党委")
	test.Tap(findButton(w, "确认"))
	settle(t, s, "the member to leave the active list", func() bool {
		return !slices.Contains(shownNames(p), m.Name) && len(p.r.rows) == 13
	})

	stored, err := s.ledger.Member(m.ID)
	if err != nil {
		t.Fatal(err)
	}
	if stored.Left == nil || stored.Left.Reason != data.TransferOut || stored.Left.Date != data.NewDate(2026, 11, 29) ||
		stored.Left.Destination != "申江区税务局机关党委" {
		t.Errorf("stored departure %+v, want transfer out on 2026-11-29 to 申江区税务局机关党委", stored.Left)
	}

	p.view.SetSelectedIndex(viewPast)
	if got := shownNames(p); !slices.Equal(got, []string{m.Name}) {
		t.Fatalf("past members %v, want [%s]", got, m.Name)
	}
	if got := p.r.cell(0, colStatus); got != "转出 2026-11-29" {
		t.Errorf("status cell %q, want 转出 2026-11-29", got)
	}
	if got := p.count.Text; !strings.HasPrefix(got, "共 1 名往届党员") {
		t.Errorf("count line %q, want 共 1 名往届党员…", got)
	}

	// Restore from the past view.
	p.table.Select(widget.TableCellID{Row: 0, Col: 0})
	if !hasText(w, "转出：申江区税务局机关党委") {
		t.Errorf("the form shows no history line: %q", windowTexts(w))
	}
	test.Tap(findButton(w, "恢复"))
	test.Tap(findButton(w, "恢复")) // the confirmation's own button
	settle(t, s, "the member to be restored", func() bool { return len(p.r.rows) == 0 })
	p.view.SetSelectedIndex(viewActive)
	if got := len(p.r.rows); got != 14 {
		t.Errorf("active members after restore %d, want 14", got)
	}
}
