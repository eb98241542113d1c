package report

import (
	"fmt"
	"strings"

	"branchledger/assets"
	"branchledger/data"
)

// The reports are official forms sent to a Chinese Party committee: their
// words are Chinese whatever the language of the window. The names of kinds,
// categories, statuses and reasons come from the Chinese translation file,
// the one place they are written; the phrasing only reports use is here.

// zh holds the Chinese messages. It is filled once when the package loads
// and only read afterwards: a lookup table, not state.
var zh = mustWords("zh-Hans")

func mustWords(lang string) map[string]string {
	w, err := assets.Words(lang)
	if err != nil {
		panic("report: the embedded translations do not parse: " + err.Error()) // a build defect, caught by every test
	}
	return w
}

// label returns the Chinese words for key, or fallback when there are none.
func label(key, fallback string) string {
	if v, ok := zh[key]; ok {
		return v
	}
	return fallback
}

func kindName(k data.Kind) string { return label("kind."+string(k), string(k)) }

func genderName(g data.Gender) string {
	if g == "" {
		return ""
	}
	return label("gender."+string(g), "")
}

func categoryName(c data.Category) string { return label("category."+string(c), string(c)) }

func statusName(s data.PartyStatus) string { return label("status."+string(s), string(s)) }

func reasonName(r data.LeaveReason) string {
	if r == data.NoReason {
		return ""
	}
	return label("reason."+r.Code(), "")
}

// categories lists the categories in the order the summary counts them.
func categories() []data.Category {
	return []data.Category{data.Full, data.Probationary, data.Candidate, data.Activist}
}

func departureText(d *data.Departure) string {
	switch d.Reason {
	case data.TransferOut:
		if d.Destination != "" {
			return fmt.Sprintf("%s 转出至%s", d.Date, d.Destination)
		}
		return fmt.Sprintf("%s 转出", d.Date)
	case data.Removed:
		return fmt.Sprintf("%s 出党", d.Date)
	case data.Deceased:
		return fmt.Sprintf("%s 去世", d.Date)
	}
	return d.Date.String()
}

// Marks of the attendance matrix: one character a cell.
const (
	markPresent     = "出"
	markLate        = "迟"
	markLeave       = "假"
	markAbsent      = "缺"
	markNotExpected = "—"
)

func markChar(s data.MarkStatus) string {
	switch s {
	case data.Present:
		return markPresent
	case data.Late:
		return markLate
	case data.OnLeave:
		return markLeave
	case data.Absent:
		return markAbsent
	}
	return "" // 未登记 stays blank: it is not absence
}

// rateRule states the attendance-rate rule a report used (DOMAIN.md: every
// report says which).
func rateRule(leaveCounts bool) string {
	if leaveCounts {
		return "出勤率 =（出席＋迟到）÷ 应到，请假计入缺勤"
	}
	return "出勤率 =（出席＋迟到）÷（应到－请假），请假不计入缺勤"
}

// leaveNote is the short form of the rule, beside a rate.
func leaveNote(leaveCounts bool) string {
	if leaveCounts {
		return "请假计入缺勤"
	}
	return "请假不计入缺勤"
}

// maskNote is the title-row note on personal numbers.
func maskNote(full bool) string {
	if full {
		return "（含完整身份证号、电话，请妥善保管）"
	}
	return "（身份证号、电话已隐去部分数字）"
}

// ruleText says what the branch work regulations require of a kind.
func ruleText(k data.Kind) string {
	for _, r := range data.Rules() {
		if r.Kind != k {
			continue
		}
		switch r.Period {
		case data.Monthly:
			if k == data.ThemedPartyDay {
				return "每月 1 次（标记的正午课堂计入）"
			}
			return "每月至少 1 次"
		case data.Quarterly:
			return "每季度至少 1 次"
		case data.Yearly:
			return "每年至少 1 次"
		}
	}
	switch k {
	case data.NoonClassroom:
		return "每周一次，可计为主题党日"
	case data.JointActivity:
		return "与联建单位共同开展"
	}
	return ""
}

// periodText renders a compliance period key ("2026-03", "2026-Q2",
// "2026") the way a form does ("3月", "第二季度", "全年").
func periodText(key string) string {
	switch {
	case strings.Contains(key, "-Q"):
		q := key[strings.Index(key, "-Q")+2:]
		return "第" + map[string]string{"1": "一", "2": "二", "3": "三", "4": "四"}[q] + "季度"
	case len(key) == 7:
		var m int
		if _, err := fmt.Sscanf(key[5:], "%d", &m); err == nil {
			return fmt.Sprintf("%d月", m)
		}
	case len(key) == 4:
		return "全年"
	}
	return key
}

func periodsText(keys []string) string {
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = periodText(k)
	}
	return strings.Join(out, "、")
}
