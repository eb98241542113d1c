package data

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"os"
)

// This file is the quick structural check made before bbolt maps a file.
// bbolt trusts every page it reads: a flipped byte in a page header or an
// element offset sends it outside its pages (a fault of the mapped file, a
// panic, or a loop), a damaged free list makes its next write overwrite
// live pages, and a page cut off from its tree (an element count changed,
// a page write lost) silently drops the records in it. So every page
// reachable from the meta page is read here with ordinary reads and
// checked the way bbolt will use it and the way it writes it, and every
// page must be used or free, before any transaction runs.

// pageCheck is the state of one structural check.
type pageCheck struct {
	file []byte // the file up to the high-water mark
	m    diskMeta
	seen []bool // pages reached from the root or listed as free
}

// Element sizes and the bucket-leaf flag of bbolt's page format.
const (
	elemSize       = 16
	bucketLeafFlag = 0x01
	bucketHdrSize  = 16
	maxDepth       = 64
)

// checkPages reads the file at path up to the meta page's high-water mark
// and checks both meta pages' headers, every page reachable from the meta
// page m and the free list, and that together they are every page. It
// returns an error wrapping ErrDamaged naming the first problem.
func checkPages(f *os.File, m diskMeta) error {
	size := int64(m.pgid) * int64(m.pageSize)
	buf := make([]byte, size)
	if _, err := io.ReadFull(io.NewSectionReader(f, 0, size), buf); err != nil {
		return fmt.Errorf("%w: reading pages: %v", ErrDamaged, err)
	}
	c := &pageCheck{file: buf, m: m, seen: make([]bool, m.pgid)}
	c.seen[0], c.seen[1] = true, true
	// Both meta pages name themselves as meta pages. A meta page whose
	// content fails its checksum is a write torn by a power cut, and bbolt
	// then uses the other; but no torn write changes the header (the same
	// bytes before and after), so a wrong header is damage, and the meta
	// bbolt would pick is not to be trusted.
	for id := range uint64(2) {
		h := buf[id*uint64(m.pageSize):]
		if binary.LittleEndian.Uint64(h) != id || binary.LittleEndian.Uint16(h[8:]) != metaPageFlag {
			return fmt.Errorf("%w: meta page %d's header", ErrDamaged, id)
		}
	}
	if err := c.tree(m.root, nil, nil, false, 0); err != nil {
		return err
	}
	if m.freelist != noFreelist {
		if err := c.freelist(); err != nil {
			return err
		}
		// bbolt lists every page it frees (pending ones too): a page
		// neither used nor free means a lost part of a tree, such as a
		// branch or leaf whose element count was lowered or a page write
		// lost, whose records would silently be missing. (bbolt itself
		// leaks pages when it deletes a bucket holding two or more nested
		// buckets too big to be inline, which its own Check reports; a
		// ledger never nests buckets, and checkRecords calls a nested
		// bucket damage.)
		for id, seen := range c.seen {
			if !seen {
				return fmt.Errorf("%w: page %d is neither used nor free", ErrDamaged, id)
			}
		}
	}
	return nil
}

// page returns the bytes of page id and its overflow pages, marking them
// seen; a page reached twice, out of range or not naming itself is damage.
func (c *pageCheck) page(id uint64) ([]byte, error) {
	if id < 2 || id >= c.m.pgid {
		return nil, fmt.Errorf("%w: page %d out of range", ErrDamaged, id)
	}
	ps := uint64(c.m.pageSize)
	h := c.file[id*ps:]
	if binary.LittleEndian.Uint64(h) != id {
		return nil, fmt.Errorf("%w: page %d names itself %d", ErrDamaged, id, binary.LittleEndian.Uint64(h))
	}
	over := uint64(binary.LittleEndian.Uint32(h[12:]))
	if id+over >= c.m.pgid {
		return nil, fmt.Errorf("%w: page %d overflows the file", ErrDamaged, id)
	}
	for p := id; p <= id+over; p++ {
		if c.seen[p] {
			return nil, fmt.Errorf("%w: page %d reached twice", ErrDamaged, p)
		}
		c.seen[p] = true
	}
	return h[:(over+1)*ps], nil
}

// tree checks the bucket tree rooted at page id, whose keys must lie in
// [lo, hi) (nil: unbounded); with exact, its first key must be lo itself.
func (c *pageCheck) tree(id uint64, lo, hi []byte, exact bool, depth int) error {
	if depth > maxDepth {
		return fmt.Errorf("%w: tree too deep at page %d", ErrDamaged, id)
	}
	p, err := c.page(id)
	if err != nil {
		return err
	}
	return c.node(p, id, lo, hi, exact, depth)
}

// node checks one branch or leaf page p (for an inline bucket, the page
// inside the bucket's value, with id 0). Its keys must lie in [lo, hi);
// with exact (a page below a branch) its first key must equal lo, the
// branch's key for it: bbolt finds a child's entry in its parent by the
// child's first key when it writes the child back, and a branch key that
// differs, even one still in order, makes that write add a second entry
// for the same page.
func (c *pageCheck) node(p []byte, id uint64, lo, hi []byte, exact bool, depth int) error {
	le := binary.LittleEndian
	flags, count := le.Uint16(p[8:]), int(le.Uint16(p[10:]))
	bad := func(what string) error { return fmt.Errorf("%w: page %d: %s", ErrDamaged, id, what) }
	if flags != branchPageFlag && flags != leafPageFlag {
		return bad(fmt.Sprintf("flags %#x", flags))
	}
	if pageHeaderSize+count*elemSize > len(p) {
		return bad("too many elements")
	}
	if flags == branchPageFlag && count == 0 {
		return bad("empty branch")
	}
	if exact && count == 0 {
		return bad("empty page below a branch")
	}
	prev := lo
	// bbolt writes the keys (and values) of a page back to back right
	// after its element table: an element pointing elsewhere, or a count
	// changed (which moves where the data should start), is damage.
	data := pageHeaderSize + count*elemSize // where the next element's key must start
	for i := range count {
		e := p[pageHeaderSize+i*elemSize:]
		base := pageHeaderSize + i*elemSize
		if flags == branchPageFlag {
			pos, ksize, child := int(le.Uint32(e)), int(le.Uint32(e[4:])), le.Uint64(e[8:])
			if base+pos != data {
				return bad("element data out of place")
			}
			data += ksize
			k, ok := slice(p, base+pos, ksize)
			if !ok {
				return bad("key outside the page")
			}
			if i == 0 && exact && !bytes.Equal(k, lo) {
				return bad("first key differs from its branch's key")
			}
			if (i > 0 && bytes.Compare(k, prev) <= 0) || (i == 0 && lo != nil && bytes.Compare(k, lo) < 0) ||
				(hi != nil && bytes.Compare(k, hi) >= 0) {
				return bad("keys out of order")
			}
			next := hi
			if i+1 < count {
				n := p[pageHeaderSize+(i+1)*elemSize:]
				if next, ok = slice(p, base+elemSize+int(le.Uint32(n)), int(le.Uint32(n[4:]))); !ok {
					return bad("key outside the page")
				}
			}
			if err := c.tree(child, k, next, true, depth+1); err != nil {
				return err
			}
			prev = k
			continue
		}
		eflags, pos, ksize, vsize := le.Uint32(e), int(le.Uint32(e[4:])), int(le.Uint32(e[8:])), int(le.Uint32(e[12:]))
		if base+pos != data {
			return bad("element data out of place")
		}
		data += ksize + vsize
		k, ok := slice(p, base+pos, ksize)
		if !ok {
			return bad("key outside the page")
		}
		v, ok := slice(p, base+pos+ksize, vsize)
		if !ok || eflags > bucketLeafFlag {
			return bad("value outside the page")
		}
		if i == 0 && exact && !bytes.Equal(k, lo) {
			return bad("first key differs from its branch's key")
		}
		if (prev != nil && bytes.Compare(k, prev) < 0) || (i > 0 && bytes.Equal(k, prev)) ||
			(hi != nil && bytes.Compare(k, hi) >= 0) {
			return bad("keys out of order")
		}
		prev = k
		if eflags == bucketLeafFlag {
			if err := c.bucket(v, depth); err != nil {
				return err
			}
		}
	}
	return nil
}

// bucket checks a bucket header value and the tree it points to.
func (c *pageCheck) bucket(v []byte, depth int) error {
	if len(v) < bucketHdrSize {
		return fmt.Errorf("%w: bucket header too short", ErrDamaged)
	}
	root := binary.LittleEndian.Uint64(v)
	if root != 0 {
		return c.tree(root, nil, nil, false, depth+1)
	}
	inline := v[bucketHdrSize:]
	if len(inline) < pageHeaderSize || binary.LittleEndian.Uint16(inline[8:]) != leafPageFlag {
		return fmt.Errorf("%w: inline bucket", ErrDamaged)
	}
	return c.node(inline, 0, nil, nil, false, depth+1)
}

// freelist checks that the free list names pages in range, none twice and
// none in use.
func (c *pageCheck) freelist() error {
	p, err := c.page(c.m.freelist)
	if err != nil {
		return err
	}
	le := binary.LittleEndian
	if le.Uint16(p[8:]) != freelistPageFlag {
		return fmt.Errorf("%w: free list page flags", ErrDamaged)
	}
	idx, count := 0, uint64(le.Uint16(p[10:]))
	if count == 0xFFFF {
		idx, count = 1, le.Uint64(p[pageHeaderSize:])
	}
	if count > uint64(len(p)-pageHeaderSize)/8-uint64(idx) {
		return fmt.Errorf("%w: free list too long", ErrDamaged)
	}
	for i := range count {
		id := le.Uint64(p[pageHeaderSize+(uint64(idx)+i)*8:])
		if id < 2 || id >= c.m.pgid || c.seen[id] {
			return fmt.Errorf("%w: free list names page %d", ErrDamaged, id)
		}
		c.seen[id] = true
	}
	return nil
}

// slice returns p[off:off+n] when it lies inside p.
func slice(p []byte, off, n int) ([]byte, bool) {
	if off < 0 || n < 0 || off > len(p) || n > len(p)-off {
		return nil, false
	}
	return p[off : off+n], true
}
