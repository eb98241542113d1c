package app

import (
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"branchledger/data"
)

// How attendance rates (出勤率) and counts are written on every screen, so
// that a secretary can recount them by hand: one term, the rule one click
// away, and no percentage while some expected members are still unmarked.

// rateText is "92.3%"; "待登记（未登记 4,000 人）" while some expected
// members are unmarked (a percentage of the marked would mislead); "—"
// when nobody counts (everyone on leave, or nothing expected).
func rateText(c data.Counts, leaveCounts bool) string {
	if c.Pending() {
		return lang.L("rate.pending", map[string]any{"Count": thousands(c.Unmarked)})
	}
	den := c.Expected
	if !leaveCounts {
		den -= c.Leave
	}
	if den <= 0 {
		return "—"
	}
	return fmt.Sprintf("%.1f%%", c.Rate(leaveCounts)*100)
}

// countsText is the live line "应到 14 · 实到 12 · 请假 1 · 缺席 1 ·
// 出勤率 92.3%", with 迟到 and 未登记 added when there are any (and then
// "出勤率 待登记").
func countsText(c data.Counts, leaveCounts bool) string {
	rate := rateText(c, leaveCounts)
	if c.Pending() {
		rate = lang.L("rate.pending_short") // the line names the unmarked already
	}
	args := map[string]any{"Expected": thousands(c.Expected), "Attended": thousands(c.Attended()), "Late": thousands(c.Late),
		"Leave": thousands(c.Leave), "Absent": thousands(c.Absent), "Unmarked": thousands(c.Unmarked), "Rate": rate}
	key := "sessions.counts"
	switch {
	case c.Late > 0 && c.Unmarked > 0:
		key = "sessions.counts_late_unmarked"
	case c.Late > 0:
		key = "sessions.counts_late"
	case c.Unmarked > 0:
		key = "sessions.counts_unmarked"
	}
	return lang.L(key, args)
}

// rateRuleKey is the translation key of the rule text for the branch's
// setting.
func rateRuleKey(leaveCounts bool) string {
	if leaveCounts {
		return "stats.rule.leave_counts"
	}
	return "stats.rule.leave_excluded"
}

// newRateRuleButton is the small "出勤率口径" button placed beside every
// rate: it shows the rule in use (leaveCounts is asked when tapped, so the
// button follows a change of the setting) and how unmarked members are
// treated.
func newRateRuleButton(w fyne.Window, leaveCounts func() bool) *widget.Button {
	b := widget.NewButtonWithIcon(lang.L("rate.rule_button"), theme.InfoIcon(), func() {
		text := lang.L(rateRuleKey(leaveCounts())) + "\n" + lang.L("rate.rule_unmarked")
		l := widget.NewLabel(text)
		l.Wrapping = fyne.TextWrapWord
		d := dialog.NewCustom(lang.L("settings.rate"), lang.L("button.close"), l, w)
		d.Resize(fyne.NewSize(min(520, w.Canvas().Size().Width*0.95), 240))
		d.Show()
	})
	b.Importance = widget.LowImportance
	return b
}

// countOrNone is thousands(n) for a message that leaves a part out when
// the count is none ({{if .Refused}}): nil for 0, since any non-empty
// text would count as true there.
func countOrNone(n int) any {
	if n == 0 {
		return nil
	}
	return thousands(n)
}

// thousands writes n with thousands separators: 5000 → "5,000".
func thousands(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// capJoin joins at most n of items with sep and, when there are more,
// says how many in all ("…等 200 个"): no label built on the UI goroutine
// may hold an unbounded list, whose line breaking Fyne measures one
// candidate at a time.
func capJoin(items []string, n int, sep string) string {
	if len(items) <= n {
		return strings.Join(items, sep)
	}
	return strings.Join(items[:n], sep) + lang.L("list.more", map[string]any{"Count": thousands(len(items))})
}

// clipRunes shortens s to at most n characters, the last being "…" when
// it was cut. Labels in lists are clipped rather than ellipsised by Fyne,
// whose ellipsis shapes the text with a fresh HarfBuzz font each time
// (several milliseconds a label on the UI goroutine); this marks the cut
// of long free text cheaply.
func clipRunes(s string, n int) string {
	r := []rune(s)
	if len(r) <= n || n < 1 {
		return s
	}
	return string(r[:n-1]) + "…"
}
