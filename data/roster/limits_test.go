package roster

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"hash/crc32"
	"io"
	"testing"
	"time"
)

// deflatedSpaces returns a worksheet of size bytes (mostly spaces) deflated
// to about a thousandth of that, with its CRC-32.
func deflatedSpaces(t *testing.T, size int64) ([]byte, uint32) {
	t.Helper()
	var deflated bytes.Buffer
	fw, err := flate.NewWriter(&deflated, flate.BestSpeed)
	if err != nil {
		t.Fatal(err)
	}
	crc := crc32.NewIEEE()
	w := io.MultiWriter(fw, crc)
	head := []byte(`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
	if _, err := w.Write(head); err != nil {
		t.Fatal(err)
	}
	chunk := bytes.Repeat([]byte(" "), 1<<20)
	for n := int64(len(head)); n < size; n += int64(len(chunk)) {
		if _, err := w.Write(chunk[:min(int64(len(chunk)), size-n)]); err != nil {
			t.Fatal(err)
		}
	}
	if err := fw.Close(); err != nil {
		t.Fatal(err)
	}
	return deflated.Bytes(), crc.Sum32()
}

// bomb returns a real roster workbook whose first worksheet is replaced by
// the deflated one; its zip headers tell the true uncompressed size, or,
// with lie, claim 4 KB.
func bomb(t *testing.T, deflated []byte, crc uint32, size int64, lie bool) []byte {
	t.Helper()
	src := book(t, []any{"姓名", "身份证号"}, []any{"张三", idA})
	zr, err := zip.NewReader(bytes.NewReader(src), int64(len(src)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		if f.Name != "xl/worksheets/sheet1.xml" {
			if err := zw.Copy(f); err != nil {
				t.Fatal(err)
			}
			continue
		}
		h := &zip.FileHeader{Name: f.Name, Method: zip.Deflate, CRC32: crc,
			CompressedSize64: uint64(len(deflated)), UncompressedSize64: uint64(size)}
		if lie {
			h.UncompressedSize64 = 4096
		}
		rw, err := zw.CreateRaw(h)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := rw.Write(deflated); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// TestZipBomb: a file of about 1 MB that unzips to 1 GB is refused from
// its zip headers, before anything is inflated; one whose headers lie
// about the size is stopped where the lie runs out.
func TestZipBomb(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 1 GB zip bomb")
	}
	const size = 1 << 30
	deflated, crc := deflatedSpaces(t, size)
	for _, lie := range []bool{false, true} {
		b := bomb(t, deflated, crc, size, lie)
		if len(b) > 2<<20 {
			t.Fatalf("bomb: got %d bytes, want about 1 MB", len(b))
		}
		// The refusal reads zip headers only; inflating 1 GB would take
		// seconds and a gigabyte of memory. The best of three runs is
		// taken, as other work may share the machine.
		took := time.Duration(1 << 62)
		var err error
		for i := 0; i < 3; i++ {
			start := time.Now()
			_, err = Read(bytes.NewReader(b), Options{Today: testToday})
			took = min(took, time.Since(start))
		}
		if !lie && !errors.Is(err, ErrTooLarge) {
			t.Errorf("bomb: got %v, want ErrTooLarge", err)
		}
		if lie && err == nil {
			t.Errorf("bomb with lying headers: got no error, want it refused")
		}
		if took > time.Second {
			t.Errorf("lying headers %v: refused after %v, want under a second", lie, took)
		}
		t.Logf("%d-byte bomb (lying headers %v) refused in %v: %v", len(b), lie, took, err)
	}
}
