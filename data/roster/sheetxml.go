package roster

import (
	"encoding/xml"
	"path"
	"strings"

	"github.com/xuri/excelize/v2"
)

// mergeRange is a merged block of cells, 0-based columns and Excel rows.
type mergeRange struct {
	col1, row1, col2, row2 int
}

// sheetParts maps each sheet name to the path of its worksheet part, read
// from the workbook and its relationships the way excelize resolves them.
func sheetParts(f *excelize.File) map[string]string {
	load := func(name string) []byte {
		v, ok := f.Pkg.Load(name)
		if !ok {
			return nil
		}
		b, _ := v.([]byte)
		return b
	}
	type rel struct {
		ID     string `xml:"Id,attr"`
		Type   string `xml:"Type,attr"`
		Target string `xml:"Target,attr"`
	}
	type rels struct {
		Rels []rel `xml:"Relationship"`
	}
	var root rels
	wbPath := "xl/workbook.xml"
	if xml.Unmarshal(load("_rels/.rels"), &root) == nil {
		for _, r := range root.Rels {
			if strings.HasSuffix(r.Type, "/officeDocument") {
				wbPath = strings.TrimPrefix(r.Target, "/")
			}
		}
	}
	dir := path.Dir(wbPath)
	var wbRels rels
	if xml.Unmarshal(load(strings.TrimPrefix(dir+"/_rels/"+path.Base(wbPath)+".rels", "./")), &wbRels) != nil {
		return nil
	}
	var wb struct {
		Sheets []struct {
			Name  string     `xml:"name,attr"`
			Attrs []xml.Attr `xml:",any,attr"`
		} `xml:"sheets>sheet"`
	}
	if xml.Unmarshal(load(wbPath), &wb) != nil {
		return nil
	}
	parts := map[string]string{}
	for _, s := range wb.Sheets {
		var id string
		for _, a := range s.Attrs {
			if a.Name.Local == "id" && strings.Contains(a.Name.Space, "relationships") {
				id = a.Value
			}
		}
		for _, r := range wbRels.Rels {
			if r.ID != id || id == "" {
				continue
			}
			p := strings.TrimPrefix(path.Clean(dir+"/"+r.Target), "/")
			if strings.HasPrefix(r.Target, "/") {
				p = strings.TrimPrefix(path.Clean(r.Target), "/")
			}
			parts[s.Name] = p
		}
	}
	return parts
}

// parseRange reads "A2:A8".
func parseRange(ref string) (mergeRange, bool) {
	a, b, ok := strings.Cut(ref, ":")
	if !ok {
		return mergeRange{}, false
	}
	c1, r1, err1 := excelize.CellNameToCoordinates(a)
	c2, r2, err2 := excelize.CellNameToCoordinates(b)
	if err1 != nil || err2 != nil {
		return mergeRange{}, false
	}
	return mergeRange{min(c1, c2) - 1, min(r1, r2), max(c1, c2) - 1, max(r1, r2)}, true
}
