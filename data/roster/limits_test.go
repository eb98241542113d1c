package roster

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"hash/crc32"
	"io"
	"runtime"
	"strings"
	"testing"
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
// about the size is stopped where the lie runs out. What shows that
// nothing was inflated is the memory the refusal allocated, not a time.
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
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		_, err := Read(bytes.NewReader(b), Options{Today: testToday})
		runtime.ReadMemStats(&after)
		if !lie && !errors.Is(err, ErrTooLarge) {
			t.Errorf("bomb: got %v, want ErrTooLarge", err)
		}
		if lie && err == nil {
			t.Errorf("bomb with lying headers: got no error, want it refused")
		}
		// Reading the file and excelize's bounded buffers take a few tens
		// of megabytes; inflating the bomb would take a gigabyte.
		if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 400<<20 {
			t.Errorf("lying headers %v: the refusal allocated %d MB, want far less than the 1 GB inside", lie, alloc>>20)
		}
	}
}

// TestPartLimits refuses a worksheet nested deeper than any real one, and
// a part whose zip header says it unzips past maxPartSize.
func TestPartLimits(t *testing.T) {
	deep := `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` +
		strings.Repeat("<x>", 10000) + strings.Repeat("</x>", 10000) + `</sheetData></worksheet>`
	var deflated bytes.Buffer
	fw, err := flate.NewWriter(&deflated, flate.BestSpeed)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fw.Write([]byte(deep)); err != nil {
		t.Fatal(err)
	}
	if err := fw.Close(); err != nil {
		t.Fatal(err)
	}
	b := bomb(t, deflated.Bytes(), crc32.ChecksumIEEE([]byte(deep)), int64(len(deep)), false)
	if _, err := Read(bytes.NewReader(b), Options{Today: testToday}); !errors.Is(err, ErrDamaged) {
		t.Errorf("10,000 nested elements: got %v, want ErrDamaged", err)
	}
	sp, crc := deflatedSpaces(t, maxPartSize+1)
	b = bomb(t, sp, crc, maxPartSize+1, false)
	if _, err := Read(bytes.NewReader(b), Options{Today: testToday}); !errors.Is(err, ErrTooLarge) {
		t.Errorf("a part over %d bytes: got %v, want ErrTooLarge", maxPartSize, err)
	}
}

// TestDamagedSharedStrings refuses a workbook whose shared strings (the
// text of its cells) are not well-formed, rather than reading blanks.
func TestDamagedSharedStrings(t *testing.T) {
	src := book(t, []any{"姓名", "身份证号"}, []any{"张三", idA})
	zr, err := zip.NewReader(bytes.NewReader(src), int64(len(src)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	found := false
	for _, f := range zr.File {
		if f.Name != "xl/sharedStrings.xml" {
			if err := zw.Copy(f); err != nil {
				t.Fatal(err)
			}
			continue
		}
		found = true
		w, err := zw.Create(f.Name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>姓名</t></si><si><t>身份证号</t><si>`)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if !found {
		t.Fatal("the test workbook has no shared strings")
	}
	_, err = Read(bytes.NewReader(out.Bytes()), Options{Today: testToday})
	if !errors.Is(err, ErrDamaged) || MessageKey(err) != "import.error.damaged_text" {
		t.Errorf("damaged shared strings: got %v (%s), want ErrDamaged with the shared-text words", err, MessageKey(err))
	}
}
