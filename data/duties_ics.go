package data

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"
)

// The duties as an iCalendar file (RFC 5545) for the secretary's phone or
// Outlook: one all-day event per duty on its due date, with a reminder on
// the day its reminder period begins. No Go iCalendar library in the
// project's reach is kept well enough to be worth a dependency for the
// few properties written here.

// ICSEvent is one all-day event of an .ics file. Summary and Description
// are in the user's language; Alarms are the days a reminder fires (at
// 09:00 China time).
type ICSEvent struct {
	UID         string
	Date        Date
	Summary     string
	Description string
	Alarms      []Date
}

// DutyAlarms returns the days the rules remind of a duty: a month before
// a probation ends and the day after (overdue); 6 and 3 months before a
// committee's term ends, the day it ends and monthly for a year after; the
// day a yearly duty's reminder period begins (1 October).
func DutyAlarms(d *Duty) []Date {
	switch {
	case d.Kind == DutyConfirmation:
		return []Date{d.Remind, d.Due.AddDays(1)}
	case d.Rule == RuleElection:
		return ElectionReminders(d.Due, d.Due.AddMonths(12))
	}
	return []Date{d.Remind}
}

// DutyUID returns a stable identifier of a duty, so that a calendar
// importing a newer file updates the event instead of adding a second one.
func DutyUID(d *Duty) string {
	h := sha256.Sum256([]byte(fmt.Sprintf("%s|%s|%s|%s|%d", d.Kind, d.Rule, d.MemberID, d.Subject, d.Year)))
	return hex.EncodeToString(h[:12]) + "@branchledger"
}

// WriteICS writes a VCALENDAR named name with evs to w: CRLF line ends,
// lines folded at 75 octets without splitting a character, text escaped
// (backslash, semicolon, comma, newline), dates as DTSTART;VALUE=DATE.
// stamp is the DTSTAMP of every event.
func WriteICS(w io.Writer, name string, evs []ICSEvent, stamp time.Time) error {
	bw := bufio.NewWriter(w)
	line := func(s string) { writeFolded(bw, s) }
	line("BEGIN:VCALENDAR")
	line("VERSION:2.0")
	line("PRODID:-//Branch Ledger//支部台账//ZH")
	line("CALSCALE:GREGORIAN")
	line("METHOD:PUBLISH")
	line("X-WR-CALNAME:" + escapeText(name))
	st := stamp.UTC().Format("20060102T150405Z")
	for _, e := range evs {
		line("BEGIN:VEVENT")
		line("UID:" + escapeText(e.UID))
		line("DTSTAMP:" + st)
		line("DTSTART;VALUE=DATE:" + icsDate(e.Date))
		line("DTEND;VALUE=DATE:" + icsDate(e.Date.AddDays(1)))
		line("SUMMARY:" + escapeText(e.Summary))
		if e.Description != "" {
			line("DESCRIPTION:" + escapeText(e.Description))
		}
		line("TRANSP:TRANSPARENT")
		for _, a := range e.Alarms {
			line("BEGIN:VALARM")
			line("ACTION:DISPLAY")
			line("DESCRIPTION:" + escapeText(e.Summary))
			// 09:00 in China (UTC+8) is 01:00 UTC.
			line("TRIGGER;VALUE=DATE-TIME:" + icsDate(a) + "T010000Z")
			line("END:VALARM")
		}
		line("END:VEVENT")
	}
	line("END:VCALENDAR")
	return bw.Flush()
}

func icsDate(d Date) string { return fmt.Sprintf("%04d%02d%02d", d.Year(), int(d.Month()), d.Day()) }

// escapeText escapes a TEXT value (RFC 5545 3.3.11).
func escapeText(s string) string {
	return strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\r\n", `\n`, "\n", `\n`, "\r", `\n`).Replace(s)
}

// writeFolded writes one content line, folded so that no line is longer
// than 75 octets (RFC 5545 3.1): a continuation starts with one space.
// A UTF-8 character is never split. A failed write sticks in w and is
// returned by its Flush.
func writeFolded(w *bufio.Writer, s string) {
	limit := 75
	for len(s) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		_, _ = w.WriteString(s[:cut])
		_, _ = w.WriteString("\r\n ")
		s = s[cut:]
		limit = 74 // the leading space counts
	}
	_, _ = w.WriteString(s)
	_, _ = w.WriteString("\r\n")
}
