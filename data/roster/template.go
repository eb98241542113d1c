package roster

import (
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"

	"branchledger/data"
)

// Template layout: the roster sheet and the hidden sheet that holds the
// party groups for the 党小组 dropdown (a list typed into the validation
// itself is limited to 255 characters; a branch may have many groups).
const (
	templateSheet = "党员花名册"
	choicesSheet  = "选项"
	templateRows  = 1000 // rows prepared with formats and dropdowns
)

// Choice words of the template's dropdowns: the DOMAIN.md vocabulary that
// parseGender, parseCategory and parseStatus read back.
var (
	genderChoices   = []string{"男", "女"}
	categoryChoices = []string{"正式党员", "预备党员", "入党积极分子", "发展对象"}
	statusChoices   = []string{"正常", "停止党籍", "出党"}
)

// WriteTemplate writes 导入模板.xlsx: the header row with the DOMAIN.md
// names, the ID and phone columns formatted as text (so Excel keeps every
// digit), date columns as yyyy-mm-dd, and dropdowns for 性别, 党员类别,
// 党籍状态 and 党小组 (groups, which may be empty).
func WriteTemplate(w io.Writer, groups []string) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", templateSheet); err != nil {
		return err
	}
	head, err := f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Bold: true, Family: "宋体", Size: 11},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true},
		Border:    thinBorder(),
		NumFmt:    49,
	})
	if err != nil {
		return err
	}
	text, err := f.NewStyle(&excelize.Style{NumFmt: 49, Font: &excelize.Font{Family: "宋体", Size: 11}})
	if err != nil {
		return err
	}
	dateFmt := "yyyy-mm-dd"
	date, err := f.NewStyle(&excelize.Style{CustomNumFmt: &dateFmt, Font: &excelize.Font{Family: "宋体", Size: 11}})
	if err != nil {
		return err
	}
	for i, c := range templateColumns {
		col := columnLetter(i)
		ref := col + "1"
		if err := f.SetCellStr(templateSheet, ref, c.Header); err != nil {
			return err
		}
		style, width := 0, 14.0
		switch c.Field {
		case data.FieldIDNumber:
			style, width = text, 22
		case data.FieldPhone:
			style, width = text, 16
		case data.FieldBirth, data.FieldJoined, data.FieldConfirmed, data.FieldTransferredIn:
			style, width = date, 16
		case data.FieldPost, data.FieldNotes:
			width = 28
		}
		if style != 0 {
			if err := f.SetCellStyle(templateSheet, col+"2", fmt.Sprintf("%s%d", col, templateRows+1), style); err != nil {
				return err
			}
		}
		if err := f.SetColWidth(templateSheet, col, col, width); err != nil {
			return err
		}
	}
	last := columnLetter(len(templateColumns) - 1)
	if err := f.SetCellStyle(templateSheet, "A1", last+"1", head); err != nil {
		return err
	}
	if err := f.SetPanes(templateSheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	if err := addDropdowns(f, groups); err != nil {
		return err
	}
	return f.Write(w)
}

// addDropdowns adds the list validations of the template.
func addDropdowns(f *excelize.File, groups []string) error {
	lists := map[string][]string{
		data.FieldGender:   genderChoices,
		data.FieldCategory: categoryChoices,
		data.FieldStatus:   statusChoices,
	}
	for i, c := range templateColumns {
		col := columnLetter(i)
		dv := excelize.NewDataValidation(true)
		dv.SetSqref(fmt.Sprintf("%s2:%s%d", col, col, templateRows+1))
		switch {
		case lists[c.Field] != nil:
			if err := dv.SetDropList(lists[c.Field]); err != nil {
				return err
			}
			dv.SetError(excelize.DataValidationErrorStyleStop, c.Header, "请从下拉列表中选择")
		case c.Field == data.FieldGroup && len(groups) > 0:
			if err := writeChoices(f, groups); err != nil {
				return err
			}
			dv.SetSqrefDropList(fmt.Sprintf("%s!$A$1:$A$%d", choicesSheet, len(groups)))
			// A new group may be typed in: warn, do not stop.
			dv.SetError(excelize.DataValidationErrorStyleWarning, c.Header, "不在已有党小组中，确定要新增吗？")
		default:
			continue
		}
		if err := f.AddDataValidation(templateSheet, dv); err != nil {
			return err
		}
	}
	return nil
}

// writeChoices writes the groups to the hidden choices sheet, as text.
func writeChoices(f *excelize.File, groups []string) error {
	if _, err := f.NewSheet(choicesSheet); err != nil {
		return err
	}
	for i, g := range groups {
		if err := f.SetCellStr(choicesSheet, fmt.Sprintf("A%d", i+1), g); err != nil {
			return err
		}
	}
	return f.SetSheetVisible(choicesSheet, false)
}

func thinBorder() []excelize.Border {
	var bs []excelize.Border
	for _, side := range []string{"left", "right", "top", "bottom"} {
		bs = append(bs, excelize.Border{Type: side, Color: "000000", Style: 1})
	}
	return bs
}
