package data

import (
	"fmt"
	"slices"
	"testing"

	"github.com/google/uuid"
)

func TestStudyHours(t *testing.T) {
	l := newTestLedger(t)
	var ptrs []*Member
	for i, n := range []string{"出席者", "补学默认", "补学两学时", "委员"} {
		m := makeMember(n, i)
		ptrs = append(ptrs, &m)
	}
	ptrs[3].CommitteeRole = "组织委员"
	if err := l.SaveMembers(ptrs); err != nil {
		t.Fatal(err)
	}
	s := Session{Kind: PartyLecture, Theme: "党课", Date: 20260305, Start: "08:00", End: "12:30"} // 4.5 学时
	big := Session{Kind: GeneralMeeting, Theme: "集中学习", Date: 20260310, StudyHours: 30}
	if err := l.SaveSessions([]*Session{&s, &big}); err != nil {
		t.Fatal(err)
	}
	if err := l.SetMarks(s.ID, map[uuid.UUID]Mark{ptrs[0].ID: {Status: Present}, ptrs[1].ID: {Status: Absent},
		ptrs[2].ID: {Status: OnLeave, Reason: Sick}, ptrs[3].ID: {Status: Late}}, false); err != nil {
		t.Fatal(err)
	}
	if err := l.SetMarks(big.ID, map[uuid.UUID]Mark{ptrs[0].ID: {Status: Present}, ptrs[3].ID: {Status: Present}}, false); err != nil {
		t.Fatal(err)
	}
	for _, mu := range []*MakeUp{
		{SessionID: s.ID, MemberID: ptrs[1].ID, Date: 20260312, Method: SelfStudy},
		{SessionID: s.ID, MemberID: ptrs[2].ID, Date: 20260312, Method: TalkWithSec, Hours: 2},
	} {
		if err := l.SaveMakeUp(mu); err != nil {
			t.Fatal(err)
		}
	}
	hs, err := l.StudyHours(2026)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, h := range hs {
		got = append(got, fmt.Sprintf("%s %v+%v/%v short=%v", h.Member.Name, h.Sessions, h.MakeUps, h.Required, h.Short()))
	}
	want := []string{
		"出席者 34.5+0/32 short=false",
		"补学默认 0+4.5/32 short=true",
		"补学两学时 0+2/32 short=true",
		"委员 34.5+0/56 short=true",
	}
	if !slices.Equal(got, want) {
		t.Errorf("study hours:\n got %q\nwant %q", got, want)
	}
}

func TestTalkDutiesSummedUp(t *testing.T) {
	// Five committee members have ten pairs: more than five are summed up
	// in one duty.
	in := dutyInput{today: 20261129, branch: Branch{Name: "测试支部", CommitteeElected: 20250101}}
	for i := 0; i < 5; i++ {
		m := makeMember(fmt.Sprintf("委员%d", i), i)
		m.ID, m.CommitteeRole = uuid.New(), "委员"
		in.members = append(in.members, m)
	}
	in.talks = []Talk{{Date: 20260101, A: in.members[0].ID, B: in.members[1].ID}}
	ds := talkDuties(&in)
	if len(ds) != 1 || ds[0].Count != 9 || len(ds[0].Names) != 5 || ds[0].Names[0] != "委员0、委员2" || ds[0].Subject != "测试支部" {
		t.Errorf("got %+v, want one duty for 9 pairs naming the first five", ds)
	}
}
