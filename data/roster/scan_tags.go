package roster

import (
	"bytes"
	"strconv"
	"unicode/utf8"
)

// The XML side of scanSheet: the scanner's methods that check a worksheet
// part is well-formed (character data, references, comments, tags and
// their nesting) and hand each start tag's name and attributes to element.

// text checks character data between tags: only entity and character
// references after '&', and nothing but white space outside the root.
func (s *scanner) text(t []byte) error {
	if len(s.stack) == 0 {
		if len(bytes.TrimSpace(t)) > 0 {
			return s.fail("text outside the root")
		}
		return nil
	}
	return s.refs(t)
}

func (s *scanner) refs(t []byte) error {
	for {
		k := bytes.IndexByte(t, '&')
		if k < 0 {
			return nil
		}
		t = t[k+1:]
		end := bytes.IndexByte(t, ';')
		if end <= 0 || end > 12 {
			return s.fail("bad reference")
		}
		ref := string(t[:end])
		switch ref {
		case "amp", "lt", "gt", "quot", "apos":
		default:
			if !charRef(ref) {
				return s.fail("unknown entity")
			}
		}
		t = t[end+1:]
	}
}

func charRef(ref string) bool {
	if len(ref) < 2 || ref[0] != '#' {
		return false
	}
	var n uint64
	var err error
	if ref[1] == 'x' {
		n, err = strconv.ParseUint(ref[2:], 16, 32)
	} else {
		n, err = strconv.ParseUint(ref[1:], 10, 32)
	}
	return err == nil && n > 0 && n <= utf8.MaxRune
}

func (s *scanner) skip(end string) error {
	k := bytes.Index(s.b[s.i:], []byte(end))
	if k < 0 {
		s.i = len(s.b)
		return s.fail("unterminated " + end)
	}
	s.i += k + len(end)
	return nil
}

// isNameByte reports whether c may be part of an element or attribute name.
func isNameByte(c byte) bool {
	switch c {
	case ' ', '\t', '\r', '\n', '/', '>', '<', '=', '"', '\'', '&':
		return false
	}
	return true
}

func (s *scanner) name() []byte {
	start := s.i
	for s.i < len(s.b) && isNameByte(s.b[s.i]) {
		s.i++
	}
	return s.b[start:s.i]
}

func (s *scanner) spaces() bool {
	start := s.i
	for s.i < len(s.b) && (s.b[s.i] == ' ' || s.b[s.i] == '\t' || s.b[s.i] == '\r' || s.b[s.i] == '\n') {
		s.i++
	}
	return s.i > start
}

func (s *scanner) endTag() error {
	s.i += 2
	name := s.name()
	s.spaces()
	if s.i >= len(s.b) || s.b[s.i] != '>' {
		return s.fail("malformed end tag")
	}
	s.i++
	n := len(s.stack)
	if n == 0 || !bytes.Equal(s.stack[n-1], name) {
		return s.fail("end tag does not match")
	}
	s.stack = s.stack[:n-1]
	return nil
}

// startTag reads a start tag with its attributes and notes rows, cells
// and merged ranges.
func (s *scanner) startTag() error {
	s.i++
	name := s.name()
	if len(name) == 0 {
		return s.fail("malformed start tag")
	}
	local := name
	if k := bytes.LastIndexByte(local, ':'); k >= 0 {
		local = local[k+1:]
	}
	var r, t, st, ref []byte
	for {
		sp := s.spaces()
		if s.i >= len(s.b) {
			return s.fail("unterminated start tag")
		}
		switch s.b[s.i] {
		case '>':
			s.i++
			if len(s.stack) >= maxXMLDepth {
				return s.fail("elements nested too deep")
			}
			s.stack = append(s.stack, name)
			return s.element(local, r, t, st, ref)
		case '/':
			if s.i+1 >= len(s.b) || s.b[s.i+1] != '>' {
				return s.fail("malformed empty tag")
			}
			s.i += 2
			return s.element(local, r, t, st, ref)
		}
		if !sp {
			return s.fail("attributes run together")
		}
		an := s.name()
		s.spaces()
		if len(an) == 0 || s.i >= len(s.b) || s.b[s.i] != '=' {
			return s.fail("malformed attribute")
		}
		s.i++
		s.spaces()
		if s.i >= len(s.b) || (s.b[s.i] != '"' && s.b[s.i] != '\'') {
			return s.fail("unquoted attribute")
		}
		q := s.b[s.i]
		end := bytes.IndexByte(s.b[s.i+1:], q)
		if end < 0 {
			return s.fail("unterminated attribute")
		}
		v := s.b[s.i+1 : s.i+1+end]
		if bytes.IndexByte(v, '<') >= 0 {
			return s.fail("'<' in an attribute")
		}
		if err := s.refs(v); err != nil {
			return err
		}
		s.i += end + 2
		switch string(an) {
		case "r":
			r = v
		case "t":
			t = v
		case "s":
			st = v
		case "ref":
			ref = v
		}
	}
}
