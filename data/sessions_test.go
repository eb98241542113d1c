package data

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/google/uuid"
)

func dates(ss []Session) []string {
	out := []string{}
	for _, s := range ss {
		out = append(out, s.Date.String())
	}
	return out
}

func TestGenerateSeries(t *testing.T) {
	d := func(s string) Date {
		v, err := ParseDate(s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	tests := []struct {
		name     string
		weekday  time.Weekday
		from, to string
		holidays []string
		want     []string
	}{
		{"Fridays from a Wednesday", time.Friday, "2026-11-04", "2026-11-30", nil,
			[]string{"2026-11-06", "2026-11-13", "2026-11-20", "2026-11-27"}},
		{"starts on its weekday", time.Friday, "2026-11-06", "2026-11-20", nil,
			[]string{"2026-11-06", "2026-11-13", "2026-11-20"}},
		{"ends the day before a Friday", time.Friday, "2026-11-06", "2026-11-19", nil,
			[]string{"2026-11-06", "2026-11-13"}},
		{"holidays skipped", time.Friday, "2026-09-25", "2026-10-16", []string{"2026-10-02", "2026-10-09", "2026-10-01"},
			[]string{"2026-09-25", "2026-10-16"}},
		{"month ends", time.Friday, "2026-07-24", "2026-08-07", nil,
			[]string{"2026-07-24", "2026-07-31", "2026-08-07"}},
		{"February of a leap year", time.Thursday, "2024-02-22", "2024-03-07", nil,
			[]string{"2024-02-22", "2024-02-29", "2024-03-07"}},
		{"across a year", time.Friday, "2026-12-16", "2027-01-15", []string{"2027-01-01"},
			[]string{"2026-12-18", "2026-12-25", "2027-01-08", "2027-01-15"}},
		{"Sunday series from a Saturday", time.Sunday, "2026-10-31", "2026-11-08", nil,
			[]string{"2026-11-01", "2026-11-08"}},
		{"one day, right weekday", time.Friday, "2026-11-27", "2026-11-27", nil, []string{"2026-11-27"}},
		{"one day, wrong weekday", time.Friday, "2026-11-26", "2026-11-26", nil, []string{}},
		{"From after To", time.Friday, "2026-12-31", "2026-01-01", nil, []string{}},
		{"everything a holiday", time.Friday, "2026-11-06", "2026-11-13", []string{"2026-11-06", "2026-11-13"}, []string{}},
		{"no From", time.Friday, "", "2026-11-13", nil, []string{}},
		{"no To", time.Friday, "2026-11-06", "", nil, []string{}},
		{"weekday out of range", time.Weekday(9), "2026-11-06", "2026-11-30", nil, []string{}},
		{"negative weekday", time.Weekday(-3), "2026-11-06", "2026-11-30", nil, []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hol := map[Date]bool{}
			for _, h := range tt.holidays {
				hol[d(h)] = true
			}
			sr := &Series{ID: uuid.New(), Kind: NoonClassroom, Theme: "正午课堂", Weekday: tt.weekday, Start: "12:00", End: "13:00",
				Place: "窗口会议室", Host: "王晓明", From: d(tt.from), To: d(tt.to), ThemedDay: true}
			got := GenerateSeries(sr, hol)
			if !slices.Equal(dates(got), tt.want) {
				t.Fatalf("got %v, want %v", dates(got), tt.want)
			}
			for _, s := range got {
				if s.Date.Weekday() != tt.weekday || s.Kind != NoonClassroom || s.Theme != "正午课堂" || s.Start != "12:00" ||
					s.End != "13:00" || s.Place != "窗口会议室" || s.Host != "王晓明" || !s.ThemedDay || s.SeriesID != sr.ID || s.ID != uuid.Nil {
					t.Errorf("session %+v does not carry the series", s)
				}
			}
		})
	}
}

func TestSaveSeriesMoveAndCancel(t *testing.T) {
	l := newTestLedger(t)
	sr := &Series{Kind: NoonClassroom, Theme: "正午课堂", Weekday: time.Friday, Start: "12:00", End: "13:00",
		From: NewDate(2026, 12, 1), To: NewDate(2027, 1, 31)}
	gen, err := l.SaveSeries(sr, map[Date]bool{NewDate(2027, 1, 1): true}, false)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(gen), 8; got != want { // 4 Fridays in December, 5 in January less New Year's Day
		t.Fatalf("got %d sessions, want %d", got, want)
	}
	if sr.ID == uuid.Nil || gen[0].ID == uuid.Nil || gen[0].SeriesID != sr.ID {
		t.Fatalf("series or sessions without IDs: %v %v %v", sr.ID, gen[0].ID, gen[0].SeriesID)
	}
	// Move one session to Thursday and cancel another; the rest stay.
	moved, cancelled := gen[2], gen[3]
	moved.Date = moved.Date.AddDays(-1)
	cancelled.Cancelled = true
	if err := l.SaveSessions([]*Session{&moved, &cancelled}); err != nil {
		t.Fatal(err)
	}
	ss, err := l.Sessions(NewDate(2026, 12, 1), NewDate(2027, 1, 31))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"2026-12-04", "2026-12-11", "2026-12-17", "2026-12-25", "2027-01-08", "2027-01-15", "2027-01-22", "2027-01-29"}
	if !slices.Equal(dates(ss), want) {
		t.Fatalf("got %v, want %v", dates(ss), want)
	}
	for _, s := range ss {
		if got, want := s.Cancelled, s.ID == cancelled.ID; got != want {
			t.Errorf("%s cancelled = %v, want %v", s.Date, got, want)
		}
		if s.SeriesID != sr.ID {
			t.Errorf("%s lost its series", s.Date)
		}
	}
	// A year's range sees only its own part of the series.
	ss, err = l.Sessions(NewDate(2027, 1, 1), NewDate(2027, 12, 31))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(ss), 4; got != want {
		t.Errorf("2027 has %d sessions of the series, want %d", got, want)
	}
}

func TestValidateSession(t *testing.T) {
	tests := []struct {
		name   string
		change func(s *Session)
		want   []string
	}{
		{"valid", func(s *Session) {}, []string{}},
		{"no times", func(s *Session) { s.Start, s.End = "", "" }, []string{}},
		{"bad kind", func(s *Session) { s.Kind = "meeting" }, []string{"kind:bad_choice"}},
		{"theme required", func(s *Session) { s.Theme = " " }, []string{"theme:required"}},
		{"date required", func(s *Session) { s.Date = 0 }, []string{"date:required"}},
		{"bad date", func(s *Session) { s.Date = 20260230 }, []string{"date:bad_date"}},
		{"bad start", func(s *Session) { s.Start = "12.00" }, []string{"start:bad_time"}},
		{"bad end", func(s *Session) { s.End = "25:00" }, []string{"end:bad_time"}},
		{"end before start", func(s *Session) { s.End = "11:00" }, []string{"end:end_before_start"}},
		{"end at start", func(s *Session) { s.End = s.Start }, []string{"end:end_before_start"}},
	}
	for _, tt := range tests {
		s := Session{Kind: NoonClassroom, Theme: "正午课堂", Date: NewDate(2026, 11, 27), Start: "12:00", End: "13:00"}
		tt.change(&s)
		if got := problemList(ValidateSession(&s)); !slices.Equal(got, tt.want) {
			t.Errorf("%s: got %v, want %v", tt.name, got, tt.want)
		}
	}
	l := newTestLedger(t)
	bad := &Session{Kind: NoonClassroom, Date: NewDate(2026, 11, 27)}
	var ve *ValidationError
	if err := l.SaveSession(bad); !errors.As(err, &ve) || bad.ID != uuid.Nil {
		t.Errorf("SaveSession of a session without theme: got %v (ID %v), want a ValidationError and nothing stored", err, bad.ID)
	}
}

// A session form left open must not undo what check-in did meanwhile:
// saving the copy it read after registration was closed is refused, and
// the closed session stays closed.
func TestSaveSessionRefusesAStaleCopy(t *testing.T) {
	l := newTestLedger(t)
	s := &Session{Kind: GeneralMeeting, Theme: "支部党员大会", Date: NewDate(2026, 11, 20)}
	if err := l.SaveSession(s); err != nil {
		t.Fatal(err)
	}
	form := *s // what the form read

	// A minute later, check-in closes registration.
	l.opt.Now = func() time.Time { return testNow.Add(time.Minute) }
	if err := l.CloseSession(s.ID, true); err != nil {
		t.Fatal(err)
	}
	form.Theme = "支部党员大会：增补支委"
	if err := l.SaveSession(&form); !errors.Is(err, ErrStale) {
		t.Fatalf("saving the stale copy: got %v, want ErrStale", err)
	}
	got, err := l.Session(s.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !got.Closed || got.Theme != "支部党员大会" {
		t.Errorf("after the refused save: closed %v, theme %q; want still closed with the old theme", got.Closed, got.Theme)
	}
	// Read again, the same change saves, and the copy is up to date for
	// the next one.
	fresh := got
	fresh.Theme = "支部党员大会：增补支委"
	if err := l.SaveSession(&fresh); err != nil {
		t.Fatalf("saving a fresh copy: %v", err)
	}
	fresh.Place = "三楼会议室"
	if err := l.SaveSession(&fresh); err != nil {
		t.Fatalf("saving the returned copy again: %v", err)
	}
	if got, err = l.Session(s.ID); err != nil || !got.Closed || got.Place != "三楼会议室" {
		t.Errorf("after two saves: %+v, %v; want closed, in 三楼会议室", got, err)
	}
}
