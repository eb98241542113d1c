// Package demo writes the example ledgers: the registration-window branch
// of DOMAIN.md with fictional people (Write), and a large ledger for
// benchmarks and stress tests (WriteLarge). Everything is derived from a
// fixed seed and the clock in data.Options, so the same day gives the same
// ledger; many tests assert figures of these ledgers, so a change in the
// order of the random draws changes them all.
//
// The generator goes through data's exported API only, as the window and
// the command line do.
package demo

import (
	"fmt"
	"math/rand/v2"
	"time"

	"branchledger/data"
	"github.com/google/uuid"
)

var surnames = []rune("王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")

var givenNames = []string{"晓明", "丽华", "建国", "海燕", "志强", "静", "伟", "敏", "婷婷", "磊", "秀英", "军", "洁", "勇", "艳", "杰", "娟", "涛", "明", "超",
	"佳怡", "子涵", "思远", "雨萱", "浩然", "欣怡", "宇航", "梦琪", "俊杰", "诗涵"}

var themes = []string{
	"股权转让登记办理要点", "经营范围变更规范表述", "企业简易注销流程解读", "个体工商户转企业实务",
	"市场主体登记管理条例学习", "住所（经营场所）登记实务", "法定代表人变更常见问题", "分支机构设立登记",
	"营业执照电子化应用", "企业年报公示辅导", "公司章程修改备案", "外资企业登记政策解读",
	"“一网通办”窗口服务规范", "企业名称自主申报", "歇业备案政策解读", "注册资本认缴制度调整",
	"优化营商环境条例学习", "窗口廉洁服务案例研讨", "个性化文书模板编制交流", "群众满意度回访分析",
}

var posts = []string{"注册许可窗口 科长", "注册许可窗口 副科长", "注册许可窗口 科员", "综合科 科员", "注册许可窗口 四级主任科员", "注册许可窗口 一级科员"}

var educations = []string{"大学本科", "硕士研究生", "大学专科", "大学本科"}

// now reads the clock of opt, as the ledger will: nil means time.Now.
func now(opt data.Options) time.Time {
	if opt.Now != nil {
		return opt.Now()
	}
	return time.Now()
}

// idNumber builds a valid fictional ID number for a Shanghai birth.
func idNumber(birth data.Date, serial int, g data.Gender) string {
	if (serial%2 == 1) != (g == data.Male) {
		serial++
	}
	first := fmt.Sprintf("310105%08d%03d", int(birth), serial%1000)
	return first + string(data.IDCheckChar(first))
}

// member draws a member of group, the i-th generated, as of today.
func member(rng *rand.Rand, i int, today data.Date, group string) data.Member {
	g := data.Male
	if rng.IntN(2) == 0 {
		g = data.Female
	}
	age := 24 + rng.IntN(35)
	birth := data.NewDate(today.Year()-age, time.Month(1+rng.IntN(12)), 1+rng.IntN(28))
	joined := birth.AddDays(365*(19+rng.IntN(min(age-20, 15)+1)) + rng.IntN(300))
	if joined > today.AddDays(-400) {
		joined = today.AddDays(-400 - rng.IntN(300))
	}
	m := data.Member{
		Name:      string(surnames[(i*7+rng.IntN(3))%len(surnames)]) + givenNames[(i*11+rng.IntN(5))%len(givenNames)],
		Gender:    g,
		Ethnicity: "汉族",
		Birth:     birth,
		IDNumber:  idNumber(birth, 100+i%800, g),
		Education: educations[rng.IntN(len(educations))],
		Phone:     fmt.Sprintf("13%d%08d", 5+rng.IntN(5), rng.IntN(100000000)),
		Post:      posts[rng.IntN(len(posts))],
		Group:     group,
		Category:  data.Full,
		Joined:    joined,
		Confirmed: data.NewDate(joined.Year()+1, joined.Month(), joined.Day()),
		Status:    data.StatusNormal,
	}
	if m.Confirmed > today {
		m.Confirmed = 0
		m.Category = data.Probationary
	}
	return m
}

// mark draws a mark: mostly present, some late, on leave or absent.
func mark(rng *rand.Rand) data.Mark {
	switch r := rng.IntN(100); {
	case r < 84:
		return data.Mark{Status: data.Present}
	case r < 90:
		return data.Mark{Status: data.Late}
	case r < 97:
		return data.Mark{Status: data.OnLeave, Reason: data.LeaveReasons()[rng.IntN(len(data.LeaveReasons()))]}
	default:
		return data.Mark{Status: data.Absent}
	}
}

// Write creates the example ledger of the reference branch at path: 14
// members in two party groups and a year of sessions (every Friday's Noon
// Classroom, monthly committee and group meetings, quarterly lectures and
// general meetings) with marks up to today and some make-up studies.
func Write(path string, opt data.Options) error {
	l, err := data.Create(path, data.Branch{
		Name: "申江区市场监管局注册登记窗口党支部", Committee: "申江区市场监督管理局机关党委",
		Secretary: "", Groups: []string{"第一党小组", "第二党小组"},
		// The example's records cover its whole year.
		RecordsFrom: data.NewDate(data.DateOf(now(opt)).Year(), 1, 1),
	}, opt)
	if err != nil {
		return err
	}
	err = fill(l)
	if cerr := l.Close(); err == nil {
		err = cerr
	}
	return err
}

// fill adds the example's members, sessions, marks, make-ups, duties and
// dues to the new ledger l.
func fill(l *data.Ledger) error {
	today := l.Today()
	year := today.Year()
	rng := rand.New(rand.NewPCG(2026, 1129))
	groups := []string{"第一党小组", "第二党小组"}
	roles := []string{"书记", "组织委员", "宣传委员"}
	ms := make([]*data.Member, 14)
	for i := range ms {
		m := member(rng, i, today, groups[i/7])
		if i < len(roles) {
			m.CommitteeRole = roles[i]
		}
		if i == 12 || i == 13 { // two probationary members who joined last year
			m.Category, m.Joined, m.Confirmed = data.Probationary, data.NewDate(year-1, 12, 1+i), 0
		}
		ms[i] = &m
	}
	if err := l.SaveMembers(ms); err != nil {
		return err
	}
	b, err := l.Branch()
	if err != nil {
		return err
	}
	b.Secretary = ms[0].Name
	if err := l.SaveBranch(b); err != nil {
		return err
	}
	holidays := map[data.Date]bool{}
	for _, d := range []data.Date{data.NewDate(year, 1, 30), data.NewDate(year, 2, 20), data.NewDate(year, 5, 1), data.NewDate(year, 10, 2)} {
		holidays[d] = true
	}
	noon := &data.Series{Kind: data.NoonClassroom, Theme: "正午课堂", Weekday: time.Friday, Start: "12:00", End: "13:00",
		Place: "窗口会议室", Host: ms[0].Name, From: data.NewDate(year, 1, 1), To: data.NewDate(year, 12, 31)}
	gen := data.GenerateSeries(noon, holidays)
	var ss []*data.Session
	lastMonth := time.Month(0)
	for i := range gen {
		s := gen[i]
		s.Theme = "正午课堂：" + themes[i%len(themes)]
		s.Recorder = ms[1].Name
		if s.Date.Month() != lastMonth { // the month's first classroom is its themed Party day
			s.ThemedDay, lastMonth = true, s.Date.Month()
		}
		if i%9 == 4 {
			s.Outcomes = fmt.Sprintf("形成个性化文书模板 %d 份", 2+i%5)
		}
		ss = append(ss, &s)
	}
	for m := time.January; m <= time.December; m++ {
		if m != time.August { // the branch missed August's committee meeting
			ss = append(ss, &data.Session{Kind: data.CommitteeMeeting, Theme: "支委会：研究本月党建工作", Date: workday(data.NewDate(year, m, 5)), Start: "16:30", End: "17:30",
				Place: "支部书记办公室", Host: ms[0].Name, Recorder: ms[1].Name})
		}
		for gi, g := range groups {
			ss = append(ss, &data.Session{Kind: data.GroupMeeting, Theme: g + "学习会", Date: workday(data.NewDate(year, m, 12+gi)), Start: "12:10", End: "12:50",
				Place: "窗口会议室", Group: g, Host: ms[gi*7].Name, Recorder: ms[gi*7+1].Name})
		}
		if m%3 == 1 {
			ss = append(ss, &data.Session{Kind: data.GeneralMeeting, Theme: "支部党员大会", Date: workday(data.NewDate(year, m, 20)), Start: "14:00", End: "15:30",
				Place: "三楼会议室", Host: ms[0].Name, Recorder: ms[1].Name})
		}
		if m%3 == 2 {
			ss = append(ss, &data.Session{Kind: data.PartyLecture, Theme: "党课：以高质量党建引领窗口服务", Date: workday(data.NewDate(year, m, 24)), Start: "14:00", End: "15:00",
				Place: "三楼会议室", Host: ms[0].Name, Speaker: ms[0].Name, Recorder: ms[2].Name})
		}
	}
	ss = append(ss, &data.Session{Kind: data.OrgLifeMeeting, Theme: "年度组织生活会暨民主评议党员", Date: data.NewDate(year, 12, 18), Start: "14:00", End: "17:00",
		Place: "三楼会议室", Host: ms[0].Name, Recorder: ms[1].Name})
	ss = append(ss, &data.Session{Kind: data.JointActivity, Theme: "联建共建：企业开办服务开放日", Date: data.NewDate(year, 6, 16), Start: "09:30", End: "11:30",
		Place: "政务服务中心", Host: ms[0].Name, Guests: []data.Guest{{Name: "周海峰", Unit: "申江航空产业联盟"}, {Name: "陆敏", Unit: "区税务局第一党支部"}}})
	for _, s := range ss {
		s.Closed = s.Date < today
	}
	all, err := l.Members()
	if err != nil {
		return err
	}
	marks := make([]map[uuid.UUID]data.Mark, len(ss))
	for i, s := range ss {
		if s.Date > today {
			continue
		}
		marks[i] = map[uuid.UUID]data.Mark{}
		for _, m := range data.ExpectedMembers(s, all) {
			marks[i][m.ID] = mark(rng)
		}
	}
	if err := l.SaveSessionsWithMarks(ss, marks); err != nil {
		return err
	}
	owed, err := l.OwedMakeUps(0, today.AddDays(-7))
	if err != nil {
		return err
	}
	for i, o := range owed {
		if i%3 == 2 {
			continue // leave some owed, as in life
		}
		method := []data.MakeUpMethod{data.SelfStudy, data.TalkWithSec, data.OtherSession}[i%3]
		if err := l.SaveMakeUp(&data.MakeUp{SessionID: o.Session.ID, MemberID: o.Member.ID, Date: o.Session.Date.AddDays(3 + i%4), Method: method}); err != nil {
			return err
		}
	}
	if err := fillDuties(l, today); err != nil {
		return err
	}
	return fillDues(l)
}

// workday moves a date that falls on a weekend to the Monday after: the
// branch meets on working days.
func workday(d data.Date) data.Date {
	switch d.Weekday() {
	case time.Saturday:
		return d.AddDays(2)
	case time.Sunday:
		return d.AddDays(1)
	}
	return d
}
