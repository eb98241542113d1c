package report

import (
	"math"

	"github.com/xuri/excelize/v2"
)

// Fonts of the official look (DOMAIN.md, and the government forms'
// habit): titles in the heavy 黑体 (方正小标宋简体 when Options.TitleFont
// names it), the body in 宋体. Both come with every Chinese Windows, macOS
// (as their metric-compatible stand-ins) and WPS.
const (
	fontBody  = "宋体"
	fontTitle = "黑体"
)

// Number formats. Dates are real date cells shown as 2026-11-29.
const (
	fmtDate = "yyyy-mm-dd"
	fmtRate = "0.0%"
)

// styles are the cell styles of one workbook, made once.
type styles struct {
	title, note                 int // title row; the line under it
	section                     int // a table's heading on the summary
	header, headerDate, headerV int // column headers; dates and vertical text in the matrix
	text, textWrap, textC       int // bordered body text: left, wrapped, centred
	date, num, rate             int
	textB, numB, rateB          int // total rows
	rateV                       int // a total rate in a narrow matrix column, turned on its side
	label                       int // sign-in field labels
	mark                        int // a matrix cell
	signature                   int // the sign-in sheet's tall blank cell
	missing                     int // a month that lacks its required session
	sign                        int // the signature line under a form
	plain                       int // a streamed row's own style: the body font, no border
	noteR                       int // a note line set right (the minutes' 第 N 次)
	noteWrap                    int // the note under a form's title, wrapped
	textTop                     int // long bordered text from the top (the minutes)
	numV                        int // a total in a narrow matrix column, turned on its side
	markDone                    int // a matrix cell whose 补学 is done
	absentCF                    int // conditional format: 缺 in the matrix
}

func border() []excelize.Border {
	var bs []excelize.Border
	for _, t := range []string{"left", "right", "top", "bottom"} {
		bs = append(bs, excelize.Border{Type: t, Color: "000000", Style: 1})
	}
	return bs
}

// newStylesTitled makes the styles of one workbook with titles in the
// font named fontTitle.
func newStylesTitled(f *excelize.File, fontTitle string) (*styles, error) {
	body := func(bold bool) *excelize.Font { return &excelize.Font{Family: fontBody, Size: 11, Bold: bold} }
	left := &excelize.Alignment{Horizontal: "left", Vertical: "center"}
	wrap := &excelize.Alignment{Horizontal: "left", Vertical: "center", WrapText: true}
	centre := &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}
	date, rate := fmtDate, fmtRate
	st := &styles{}
	for _, d := range []struct {
		id *int
		s  excelize.Style
	}{
		{&st.title, excelize.Style{Font: &excelize.Font{Family: fontTitle, Size: 16, Bold: true},
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}}},
		{&st.section, excelize.Style{Font: &excelize.Font{Family: fontTitle, Size: 12, Bold: true}, Alignment: left}},
		{&st.note, excelize.Style{Font: &excelize.Font{Family: fontBody, Size: 10}, Alignment: left}},
		{&st.header, excelize.Style{Font: body(true), Alignment: centre, Border: border()}},
		{&st.headerDate, excelize.Style{Font: &excelize.Font{Family: fontBody, Size: 9}, Border: border(), CustomNumFmt: &date,
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", TextRotation: 90}}},
		{&st.headerV, excelize.Style{Font: &excelize.Font{Family: fontBody, Size: 9}, Border: border(),
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top", TextRotation: 255}}},
		{&st.text, excelize.Style{Font: body(false), Alignment: left, Border: border()}},
		{&st.textWrap, excelize.Style{Font: body(false), Alignment: wrap, Border: border()}},
		{&st.textC, excelize.Style{Font: body(false), Alignment: centre, Border: border()}},
		{&st.date, excelize.Style{Font: body(false), Alignment: centre, Border: border(), CustomNumFmt: &date}},
		{&st.num, excelize.Style{Font: body(false), Alignment: centre, Border: border(), NumFmt: 1}},
		{&st.rate, excelize.Style{Font: body(false), Alignment: centre, Border: border(), CustomNumFmt: &rate}},
		{&st.textB, excelize.Style{Font: body(true), Alignment: centre, Border: border()}},
		{&st.numB, excelize.Style{Font: body(true), Alignment: centre, Border: border(), NumFmt: 1}},
		{&st.rateB, excelize.Style{Font: body(true), Alignment: centre, Border: border(), CustomNumFmt: &rate}},
		{&st.rateV, excelize.Style{Font: &excelize.Font{Family: fontBody, Size: 9, Bold: true}, Border: border(), CustomNumFmt: &rate,
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", TextRotation: 90}}},
		{&st.label, excelize.Style{Font: body(true), Alignment: centre, Border: border()}},
		{&st.mark, excelize.Style{Font: &excelize.Font{Family: fontBody, Size: 10}, Border: border(),
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}}},
		{&st.signature, excelize.Style{Font: body(false), Alignment: centre, Border: border()}},
		{&st.plain, excelize.Style{Font: body(false)}},
		{&st.noteWrap, excelize.Style{Font: &excelize.Font{Family: fontBody, Size: 10}, Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "center", WrapText: true}}},
		{&st.noteR, excelize.Style{Font: &excelize.Font{Family: fontBody, Size: 12}, Alignment: &excelize.Alignment{Horizontal: "right", Vertical: "center"}}},
		{&st.textTop, excelize.Style{Font: body(false), Border: border(), Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "top", WrapText: true}}},
		{&st.numV, excelize.Style{Font: &excelize.Font{Family: fontBody, Size: 9, Bold: true}, Border: border(), NumFmt: 1,
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", TextRotation: 90}}},
		{&st.sign, excelize.Style{Font: &excelize.Font{Family: fontBody, Size: 12}, Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "bottom"}}},
		{&st.markDone, excelize.Style{Font: &excelize.Font{Family: fontBody, Size: 8}, Border: border(),
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}}},
		{&st.missing, excelize.Style{Font: &excelize.Font{Family: fontBody, Size: 11, Bold: true, Color: "9C0006"},
			Alignment: centre, Border: border(), NumFmt: 1,
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFC7CE"}}}},
	} {
		id, err := f.NewStyle(&d.s)
		if err != nil {
			return nil, err
		}
		*d.id = id
	}
	var err error
	st.absentCF, err = f.NewConditionalStyle(&excelize.Style{
		Font: &excelize.Font{Color: "9C0006", Bold: true},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFC7CE"}},
	})
	return st, err
}

// textWidth is the width of s in Excel column units: a Chinese character
// (or any wide character) takes about two, as it does on screen and paper.
func textWidth(s string) float64 {
	w := 0.0
	for _, r := range s {
		if r >= 0x2E80 { // CJK, full-width forms and punctuation
			w += 2
		} else {
			w++
		}
	}
	return w
}

// fitWidth returns a column width that fits the widest of texts, within
// [lo, hi]; longer texts wrap.
func fitWidth(lo, hi float64, texts ...string) float64 {
	w := lo
	for _, t := range texts {
		w = max(w, textWidth(t)+2)
	}
	return min(w, hi)
}

// widths tracks the widest text of each column while rows are prepared.
type widths []float64

func (ws widths) fit(col int, s string) {
	ws[col] = max(ws[col], textWidth(s)+2)
}

func (ws widths) clamp(lo, hi float64) widths {
	for i := range ws {
		ws[i] = min(max(ws[i], lo), hi)
	}
	return ws
}

// lineHeight is the height of one line of 11-point 宋体 in points, with
// the row's padding added once.
const (
	lineHeight = 14.5
	rowPadding = 4
)

// fitHeight returns a row height that shows every text of the row in
// full, wrapping in its column (ws[i] wide; 0 skips a cell covered by a
// merge), or 0 for the default height when every text fits on one line.
// Excel does not grow rows to wrapped text when it opens a file, so the
// height is written.
func fitHeight(cells []excelize.Cell, ws []float64) float64 {
	lines := 1.0
	for i, c := range cells {
		s, ok := c.Value.(string)
		if !ok || i >= len(ws) || ws[i] <= 0 {
			continue
		}
		lines = max(lines, math.Ceil(textWidth(s)/max(1, ws[i]-1.5)))
	}
	if lines <= 1 {
		return 0
	}
	return min(lines*lineHeight+rowPadding, maxRowHeight)
}
