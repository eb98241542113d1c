package roster

import (
	"bytes"
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

func skipPast(b []byte, i int, end string) int {
	k := bytes.Index(b[i:], []byte(end))
	if k < 0 {
		return len(b)
	}
	return i + k + len(end)
}

// readTag reads a start tag's name and attribute text from b[i:] (just
// after '<') and returns the index after its '>'.
func readTag(b []byte, i int) (name, attrs []byte, next int) {
	start := i
	for i < len(b) && b[i] != ' ' && b[i] != '>' && b[i] != '/' && b[i] != '\t' && b[i] != '\n' && b[i] != '\r' {
		i++
	}
	name = b[start:i]
	aStart := i
	var quote byte
	for i < len(b) {
		c := b[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			return name, b[aStart:i], i + 1
		}
		i++
	}
	return name, b[aStart:], len(b)
}

// attr returns the value of attribute key (without a prefix) in the
// attribute text of a tag, or "".
func attr(attrs []byte, key string) string {
	for len(attrs) > 0 {
		eq := bytes.IndexByte(attrs, '=')
		if eq < 0 {
			return ""
		}
		k := bytes.TrimSpace(attrs[:eq])
		rest := bytes.TrimLeft(attrs[eq+1:], " \t\r\n")
		if len(rest) == 0 || (rest[0] != '"' && rest[0] != '\'') {
			return ""
		}
		end := bytes.IndexByte(rest[1:], rest[0])
		if end < 0 {
			return ""
		}
		if string(k) == key {
			return string(rest[1 : 1+end])
		}
		attrs = rest[end+2:]
	}
	return ""
}
