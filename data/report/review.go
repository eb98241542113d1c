package report

import (
	"fmt"
	"io"
	"os"
	"slices"

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

// WriteReview writes year's 民主评议结果汇总 workbook to w. It returns
// data.ErrNotFound when no appraisal was recorded for the year.
func WriteReview(l *data.Ledger, w io.Writer, year int) error {
	r, err := l.Review(year)
	if err != nil {
		return err
	}
	if r == nil {
		return fmt.Errorf("review %d: %w", year, data.ErrNotFound)
	}
	b, err := l.Branch()
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
	if err := f.SetSheetName(f.GetSheetName(0), reviewSheet); err != nil {
		return err
	}
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	if err := writeReviewSheet(f, st, zh, &b, &s, r, ms); err != nil {
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

func writeReviewSheet(f *excelize.File, st *styles, zh map[string]string, b *data.Branch, s *data.Session, r *data.Review, ms []data.Member) error {
	name, ncols := reviewSheet, len(reviewHeader)
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

	set := func(c, row int, v any, style int) error {
		ref := cell(c, row)
		if err := f.SetCellValue(name, ref, v); err != nil {
			return err
		}
		return f.SetCellStyle(name, ref, ref, style)
	}
	merged := func(row int, text string, style int, height float64) error {
		if err := f.MergeCell(name, cell(1, row), cell(ncols, row)); err != nil {
			return err
		}
		if err := f.SetCellStyle(name, cell(1, row), cell(ncols, row), style); err != nil {
			return err
		}
		if err := f.SetCellValue(name, cell(1, row), text); err != nil {
			return err
		}
		return f.SetRowHeight(name, row, height)
	}
	if err := merged(1, fmt.Sprintf("%s %d 年度民主评议党员结果汇总表", b.Name, r.Year), st.title, 36); err != nil {
		return err
	}
	note := fmt.Sprintf("评议会议：%s %s　参加评议 %d 人，其中评定等次 %d 人、预备党员 %d 人参加评议不评定等次",
		s.Date, zh["kind."+string(s.Kind)], len(rows), len(r.Grades), len(r.Ungraded))
	if err := merged(2, note, st.note, 20); err != nil {
		return err
	}
	for c, h := range reviewHeader {
		if err := set(c+1, 3, h, st.header); err != nil {
			return err
		}
	}
	counts := map[data.Grade]int{}
	for i, m := range rows {
		row := 4 + i
		grade, remark := zh["duties.grade.none"], ""
		if g, ok := r.Grades[m.ID]; ok {
			grade = zh["duties.grade."+string(g)]
			counts[g]++
		} else {
			remark = zh["category.probationary"]
		}
		gender := map[data.Gender]string{data.Male: "男", data.Female: "女"}[m.Gender]
		for c, v := range []any{i + 1, m.Name, gender, zh["category."+string(m.Category)], m.Group, grade, remark} {
			style := st.textC
			if c == 0 {
				style = st.num
			}
			if err := set(c+1, row, v, style); err != nil {
				return err
			}
		}
	}
	next := 4 + len(rows)
	graded := len(r.Grades)
	share := 0.0
	if graded > 0 {
		share = float64(counts[data.GradeExcellent]) / float64(graded) * 100
	}
	lines := []string{
		fmt.Sprintf("评议结果：优秀 %d 人（占评定等次人数的 %.1f%%），合格 %d 人，基本合格 %d 人，不合格 %d 人。",
			counts[data.GradeExcellent], share, counts[data.GradeQualified], counts[data.GradeBasic], counts[data.GradeUnqualified]),
		fmt.Sprintf("评为优秀的党员不超过评定等次人数的三分之一（本次最多 %d 人）；预备党员参加评议，不评定等次。", data.MaxExcellent(graded)),
		"党支部书记（签字）：　　　　　　　　　　　　党支部（盖章）　　　　　　年　　月　　日",
		"上级党组织审核意见：　　　　　　　　　　　　　　　　　　　　　　　　　　年　　月　　日",
	}
	for i, text := range lines {
		if err := merged(next+i, text, st.note, 28); err != nil {
			return err
		}
	}
	widthsBy := []float64{6, 12, 6, 12, 14, 12, 18}
	for c, wd := range widthsBy {
		col, err := excelize.ColumnNumberToName(c + 1)
		if err != nil {
			return err
		}
		if err := f.SetColWidth(name, col, col, wd); err != nil {
			return err
		}
	}
	if err := f.SetPanes(name, &excelize.Panes{Freeze: true, YSplit: 3, TopLeftCell: "A4", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	a4, fitW, fitH, orient := 9, 1, 0, "portrait"
	if err := f.SetPageLayout(name, &excelize.PageLayoutOptions{Size: &a4, Orientation: &orient, FitToWidth: &fitW, FitToHeight: &fitH}); err != nil {
		return err
	}
	on := true
	if err := f.SetSheetProps(name, &excelize.SheetPropsOptions{FitToPage: &on}); err != nil {
		return err
	}
	last := next + len(lines) - 1
	if err := f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: name,
		RefersTo: fmt.Sprintf("'%s'!$3:$3", name)}); err != nil {
		return err
	}
	col, err := excelize.ColumnNumberToName(ncols)
	if err != nil {
		return err
	}
	return f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Area", Scope: name,
		RefersTo: fmt.Sprintf("'%s'!$A$1:$%s$%d", name, col, last)})
}
