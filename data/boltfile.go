package data

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"os"
)

// This file reads bbolt's file format just enough to refuse a file before
// bbolt maps it: bbolt trusts its pages, and a foreign, truncated or
// damaged file would otherwise crash the program (or, empty, be
// initialised as a new database).

// The layout of bbolt's meta page (format version 2).
const (
	boltMagic      = 0xED0CDAED
	boltVersion    = 2
	pageHeaderSize = 16
	metaSize       = 64
)

type diskMeta struct {
	pageSize uint32
	root     uint64 // page of the root bucket
	freelist uint64 // page of the free list, or noFreelist
	pgid     uint64 // high-water mark
	txid     uint64
}

// Page flags and the "no free list" page id of bbolt's file format.
const (
	branchPageFlag   = 0x01
	leafPageFlag     = 0x02
	metaPageFlag     = 0x04
	freelistPageFlag = 0x10
	noFreelist       = ^uint64(0)
)

func parseMeta(b []byte) (diskMeta, bool) {
	if len(b) < pageHeaderSize+metaSize {
		return diskMeta{}, false
	}
	m := b[pageHeaderSize : pageHeaderSize+metaSize]
	le := binary.LittleEndian
	if le.Uint32(m[0:]) != boltMagic || le.Uint32(m[4:]) != boltVersion {
		return diskMeta{}, false
	}
	h := fnv.New64a()
	_, _ = h.Write(m[:56]) // hash.Hash never returns an error
	if h.Sum64() != le.Uint64(m[56:]) {
		return diskMeta{}, false
	}
	return diskMeta{pageSize: le.Uint32(m[8:]), root: le.Uint64(m[16:]), freelist: le.Uint64(m[32:]),
		pgid: le.Uint64(m[40:]), txid: le.Uint64(m[48:])}, true
}

// checkFile is the quick structural check made before bbolt opens a file:
// a file that is not a bbolt database gives ErrNotLedger, one whose pages
// are inconsistent ErrDamaged.
func checkFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("%s: %w", path, ErrNotFound)
		}
		return err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return err
	}
	if info.IsDir() {
		return fmt.Errorf("%s: %w: a folder", path, ErrNotLedger)
	}
	size := info.Size()
	buf := make([]byte, pageHeaderSize+metaSize)
	if _, err := io.ReadFull(f, buf); err != nil {
		return fmt.Errorf("%s: %w: too short", path, ErrNotLedger)
	}
	m0, ok0 := parseMeta(buf)
	var best diskMeta
	if ok0 {
		best = m0
	}
	// The second meta page sits one page in. When the first is damaged (a
	// write torn by a power cut) its page size is unknown, and, as bbolt
	// does, every size is tried: 4096 on most systems, 16384 on Apple
	// silicon.
	sizes := []int64{int64(m0.pageSize)}
	if !ok0 {
		sizes = []int64{1 << 10, 2 << 10, 4 << 10, 8 << 10, 16 << 10, 32 << 10, 64 << 10}
	}
	for _, ps := range sizes {
		if _, err := f.ReadAt(buf, ps); err != nil {
			break
		}
		if m1, ok := parseMeta(buf); ok && int64(m1.pageSize) == ps {
			if !ok0 || m1.txid > m0.txid {
				best = m1
			}
			ok0 = true
			break
		}
	}
	if !ok0 {
		return fmt.Errorf("%s: %w", path, ErrNotLedger)
	}
	if best.pageSize < 512 || best.pageSize > 1<<16 || size < int64(best.pgid)*int64(best.pageSize) || best.pgid < 4 {
		return fmt.Errorf("%s: %w: truncated", path, ErrDamaged)
	}
	if err := checkPages(f, best); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}
