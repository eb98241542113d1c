package report

import (
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"

	"branchledger/assets"
	"branchledger/data"
)

// The 民主评议结果汇总 report: one year's democratic appraisal as the form
// sent upward — a title, the session where it was done, one row per member
// who took part with their grade, the totals by grade, and the signature
// lines of the branch and of the higher committee.

const reviewSheet = "民主评议结果汇总"

var reviewHeader = [...]string{"序号", "姓名", "性别", "党员类别", "党小组", "评议等次", "备注"}

// WriteReview writes year's 民主评议结果汇总 workbook to w, its title in
// 方正小标宋简体 when the machine has it (InstalledTitleFont over
// FontDirs: a walk of the font folders, so not on the UI thread) and in
// 黑体 otherwise. It returns data.ErrNotFound when no appraisal was
// recorded for the year.
func WriteReview(l *data.Ledger, w io.Writer, year int) error {
	return writeReview(l, w, year, InstalledTitleFont(FontDirs()))
}

// writeReview is WriteReview with the title font given; "" means 黑体.
func writeReview(l *data.Ledger, w io.Writer, year int, titleFont string) error {
	r, err := l.Review(year)
	if err != nil {
		return err
	}
	if r == nil {
		return fmt.Errorf("review %d: %w", year, data.ErrNotFound)
	}
	branch, err := l.Branch()
	if err != nil {
		return err
	}
	ms, err := l.Members()
	if err != nil {
		return err
	}
	s, err := l.Session(r.SessionID)
	if err != nil {
		return err
	}
	zh, err := assets.Words("zh-Hans")
	if err != nil {
		return err
	}
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetDefaultFont(fontBody); err != nil {
		return err
	}
	if titleFont == "" {
		titleFont = fontTitle
	}
	st, err := newStylesTitled(f, titleFont)
	if err != nil {
		return err
	}
	// The book the yearly reports share, as far as the form's furniture
	// needs it: the branch profile, today (填报日期) and the styles.
	b := &book{l: l, opt: Options{Year: year, TitleFont: titleFont}, f: f, st: st,
		ys: &data.YearStats{Year: year, Branch: branch}, today: l.Today(), first: true}
	if err := writeReviewSheet(b, zh, &s, r, ms); err != nil {
		return err
	}
	_, err = f.WriteTo(w)
	return err
}

// WriteReviewFile writes year's report to path atomically (a temporary
// file renamed over it), refusing a target that another program holds
// open or that is read-only as WriteFile does.
func WriteReviewFile(l *data.Ledger, path string, year int) error {
	if err := checkTarget(path); err != nil {
		return err
	}
	if err := data.WriteFileAtomic(path, func(f *os.File) error { return WriteReview(l, f, year) }); err != nil {
		return targetError(path, err)
	}
	return nil
}

// writeReviewSheet writes the form: its head (title, 填报 line, the
// meeting), a row per member who took part, the results and the rule of
// the one third, the signatures, and the higher committee's line.
func writeReviewSheet(b *book, zh map[string]string, s *data.Session, r *data.Review, ms []data.Member) error {
	st, ncols := b.st, len(reviewHeader)
	ungraded := map[[16]byte]bool{}
	for _, id := range r.Ungraded {
		ungraded[id] = true
	}
	var rows []*data.Member
	for i := range ms {
		if _, ok := r.Grades[ms[i].ID]; ok || ungraded[ms[i].ID] {
			rows = append(rows, &ms[i])
		}
	}
	slices.SortStableFunc(rows, func(a, b *data.Member) int { return int(a.Seq) - int(b.Seq) })

	// The head, the members, two result lines, a blank row, the
	// signatures and the higher committee's line.
	next := formRows + 1 + len(rows)
	last := next + 2 + footRows
	w, err := b.newSheet(reviewSheet, page{cols: ncols, rows: last}, false)
	if err != nil {
		return err
	}
	ws := widths{6, 12, 6, 12, 14, 12, 18} // 80 units: about an A4 portrait page
	if err := w.widths(ws); err != nil {
		return err
	}
	if err := w.freeze(0, formRows); err != nil {
		return err
	}
	title := fmt.Sprintf("%s %d 年度民主评议党员结果汇总表", b.ys.Branch.Name, r.Year)
	note := fmt.Sprintf("评议会议：%s %s　参加评议 %d 人，其中评定等次 %d 人、预备党员 %d 人参加评议不评定等次",
		s.Date, zh["kind."+string(s.Kind)], len(rows), len(r.Grades), len(r.Ungraded))
	if err := w.formHead(b, ncols, title, note); err != nil {
		return err
	}
	// The 填报 line is written for the landscape reports; on this
	// portrait page it is broken before 联系电话 and wraps.
	if err := wrapped(w, 2, portraitFormLine(b.formLine(), w.headWidth), st.noteWrap, 20); err != nil {
		return err
	}
	if err := w.row(formRows, headerCells(st, reviewHeader[:]), 24); err != nil {
		return err
	}
	counts := map[data.Grade]int{}
	for i, m := range rows {
		grade, remark := zh["duties.grade.none"], ""
		if g, ok := r.Grades[m.ID]; ok {
			grade = zh["duties.grade."+string(g)]
			counts[g]++
		} else {
			remark = zh["category.probationary"]
		}
		gender := map[data.Gender]string{data.Male: "男", data.Female: "女"}[m.Gender]
		row := []excelize.Cell{{StyleID: st.num, Value: i + 1}}
		for _, v := range []string{m.Name, gender, zh["category."+string(m.Category)], m.Group, grade, remark} {
			row = append(row, excelize.Cell{StyleID: st.textC, Value: v})
		}
		if err := w.row(formRows+1+i, row, max(20, fitHeight(row, ws))); err != nil {
			return err
		}
	}
	graded := len(r.Grades)
	share := 0.0
	if graded > 0 {
		share = float64(counts[data.GradeExcellent]) / float64(graded) * 100
	}
	lines := []string{
		fmt.Sprintf("评议结果：优秀 %d 人（占评定等次人数的 %.1f%%），合格 %d 人，基本合格 %d 人，不合格 %d 人。",
			counts[data.GradeExcellent], share, counts[data.GradeQualified], counts[data.GradeBasic], counts[data.GradeUnqualified]),
		fmt.Sprintf("评为优秀的党员不超过评定等次人数的三分之一（本次最多 %d 人）；预备党员参加评议，不评定等次。", data.MaxExcellent(graded)),
	}
	for i, text := range lines {
		if err := w.merge(1, next+i, ncols, next+i); err != nil {
			return err
		}
		if err := wrapped(w, next+i, text, st.noteWrap, 28); err != nil {
			return err
		}
	}
	sign, err := w.formFoot(b, next+len(lines), ncols)
	if err != nil {
		return err
	}
	if err := higherLine(b, w, sign+1, ncols); err != nil {
		return err
	}
	if err := w.finish(); err != nil {
		return err
	}
	return w.print(formRows, formRows, ncols, last)
}

// portraitFormLine breaks the 填报 line before 联系电话 when it is wider
// than width, so that a narrow page does not wrap it inside the date.
func portraitFormLine(line string, width float64) string {
	if textWidth(line) <= width-1.5 {
		return line
	}
	return strings.Replace(line, "　　联系电话：", "\n联系电话：", 1)
}

// wrapped writes text in column A of row r (merged across the page), at
// least minHeight tall and as tall as its lines, each wrapped in the
// page's width, need.
func wrapped(w *sheetWriter, r int, text string, style int, minHeight float64) error {
	lines := 0.0
	for _, l := range strings.Split(text, "\n") {
		lines += max(1, math.Ceil(textWidth(l)/max(1, w.headWidth-1.5)))
	}
	h := minHeight
	if lines > 1 {
		h = max(h, min(lines*lineHeight+rowPadding, maxRowHeight))
	}
	return w.row(r, []excelize.Cell{{StyleID: style, Value: text}}, h)
}

// higherLine is the higher committee's line under the signatures, split
// where the signature line is: its opinion on the left, the date on the
// right, with room to write.
func higherLine(b *book, w *sheetWriter, r, ncols int) error {
	half := max(1, ncols/2)
	if err := w.merge(1, r, half, r); err != nil {
		return err
	}
	if err := w.merge(half+1, r, ncols, r); err != nil {
		return err
	}
	row := make([]excelize.Cell, half+1)
	row[0] = excelize.Cell{StyleID: b.st.sign, Value: "上级党组织审核意见："}
	row[half] = excelize.Cell{StyleID: b.st.sign, Value: "　　　　　　　　年　　月　　日"}
	return w.row(r, row, 60)
}
