package data

import (
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	bolt "go.etcd.io/bbolt"
)

// fileState is what must not change when a file is refused.
type fileState struct {
	isDir bool
	size  int64
	mtime time.Time
	mode  os.FileMode
	hash  [32]byte
	dir   string // the names in the enclosing folder
}

func stateOf(t *testing.T, path string) fileState {
	t.Helper()
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	s := fileState{isDir: st.IsDir(), size: st.Size(), mtime: st.ModTime(), mode: st.Mode()}
	if !st.IsDir() {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		s.hash = sha256.Sum256(b)
	} else {
		s.size = 0 // a folder's size is the file system's business
	}
	s.dir = listDir(t, filepath.Dir(path))
	return s
}

func listDir(t *testing.T, dir string) string {
	t.Helper()
	var names []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		names = append(names, p)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(names)
	return strings.Join(names, "\n")
}

// ageFile sets a file's times an hour back, so that any write shows in
// its mtime.
func ageFile(t *testing.T, path string) {
	t.Helper()
	old := time.Now().Add(-time.Hour).Truncate(time.Second)
	if err := os.Chtimes(path, old, old); err != nil {
		t.Fatal(err)
	}
}

func TestCreate(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "new.ledger")
	l, err := Create(path, Branch{Name: "测试支部"}, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	b, err := l.Branch()
	if err != nil {
		t.Fatal(err)
	}
	if b.Name != "测试支部" || !b.Created.Equal(testNow) || !b.Updated.Equal(testNow) {
		t.Errorf("branch: got %q created %v updated %v, want 测试支部 at %v", b.Name, b.Created, b.Updated, testNow)
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Stat(path); err != nil {
		t.Fatal(err)
	} else if runtime.GOOS != "windows" && st.Mode().Perm() != 0o600 {
		t.Errorf("mode: got %v, want 0600", st.Mode().Perm())
	}
	before := stateOf(t, path)
	if _, err := Create(path, Branch{Name: "另一个支部"}, testOptions()); !errors.Is(err, ErrExists) {
		t.Errorf("Create over an existing ledger: got %v, want ErrExists", err)
	}
	if after := stateOf(t, path); after != before {
		t.Errorf("Create over an existing ledger changed it: %+v, want %+v", after, before)
	}
	if _, err := Open(filepath.Join(dir, "missing.ledger"), testOptions()); !errors.Is(err, ErrNotFound) {
		t.Errorf("Open of a missing file: got %v, want ErrNotFound", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "missing.ledger")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Open of a missing file created it (stat: %v)", err)
	}
}

// rawBolt creates a bbolt file at path and fills it with fill.
func rawBolt(t *testing.T, path string, fill func(tx *bolt.Tx) error) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Update(fill); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
}

// updateRaw changes an existing bbolt file behind the ledger's back.
func updateRaw(t *testing.T, path string, fn func(tx *bolt.Tx) error) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Update(fn); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
}

func truncateCopy(t *testing.T, src, dst string, size func(int64) int64) {
	t.Helper()
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dst, b[:size(int64(len(b)))], 0o600); err != nil {
		t.Fatal(err)
	}
}

// TestRefusesForeignFiles: files that are not ledgers of this version are
// refused with a typed error, and neither they nor their folder change.
func TestRefusesForeignFiles(t *testing.T) {
	demo := demoFile(t, t.TempDir())
	tests := []struct {
		name string
		make func(t *testing.T, path string)
		want error
	}{
		{"text file", func(t *testing.T, p string) {
			putFile(t, p, []byte("姓名,身份证号\n王晓明,310105199001011234\n"))
		}, ErrNotLedger},
		{"xlsx workbook", func(t *testing.T, p string) {
			f := excelize.NewFile()
			if err := f.SetCellValue("Sheet1", "A1", "党员花名册"); err != nil {
				t.Fatal(err)
			}
			buf, err := f.WriteToBuffer() // SaveAs insists on an .xlsx name
			if err != nil {
				t.Fatal(err)
			}
			putFile(t, p, buf.Bytes())
		}, ErrNotLedger},
		{"empty file", func(t *testing.T, p string) { putFile(t, p, nil) }, ErrNotLedger},
		{"zeros", func(t *testing.T, p string) { putFile(t, p, make([]byte, 16384)) }, ErrNotLedger},
		{"folder", func(t *testing.T, p string) {
			if err := os.Mkdir(p, 0o700); err != nil {
				t.Fatal(err)
			}
		}, ErrNotLedger},
		{"demo ledger cut in half", func(t *testing.T, p string) {
			truncateCopy(t, demo, p, func(n int64) int64 { return n / 2 })
		}, ErrDamaged},
		{"demo ledger cut to 5000 bytes", func(t *testing.T, p string) {
			truncateCopy(t, demo, p, func(int64) int64 { return 5000 })
		}, ErrDamaged},
		{"demo ledger cut to one page", func(t *testing.T, p string) {
			truncateCopy(t, demo, p, func(int64) int64 { return 4096 })
		}, ErrDamaged},
		{"empty bbolt file", func(t *testing.T, p string) {
			rawBolt(t, p, func(tx *bolt.Tx) error { return nil })
		}, ErrNotLedger},
		{"another program's bbolt file", func(t *testing.T, p string) {
			rawBolt(t, p, func(tx *bolt.Tx) error {
				b, err := tx.CreateBucket([]byte("settings"))
				if err != nil {
					return err
				}
				return b.Put([]byte("theme"), []byte("dark"))
			})
		}, ErrNotLedger},
		{"bbolt with a meta bucket of another app", func(t *testing.T, p string) {
			rawBolt(t, p, func(tx *bolt.Tx) error {
				b, err := tx.CreateBucket(bMeta)
				if err != nil {
					return err
				}
				if err := b.Put(kApp, []byte("otherapp")); err != nil {
					return err
				}
				return b.Put(kSchema, binary.BigEndian.AppendUint32(nil, 1))
			})
		}, ErrNotLedger},
		{"ledger without a schema", func(t *testing.T, p string) {
			copyTestFile(t, demo, p)
			updateRaw(t, p, func(tx *bolt.Tx) error { return tx.Bucket(bMeta).Delete(kSchema) })
		}, ErrNotLedger},
		{"ledger of schema 0", func(t *testing.T, p string) {
			copyTestFile(t, demo, p)
			updateRaw(t, p, func(tx *bolt.Tx) error {
				return tx.Bucket(bMeta).Put(kSchema, binary.BigEndian.AppendUint32(nil, 0))
			})
		}, ErrNotLedger},
		{"ledger of a newer version", func(t *testing.T, p string) {
			copyTestFile(t, demo, p)
			updateRaw(t, p, func(tx *bolt.Tx) error {
				return tx.Bucket(bMeta).Put(kSchema, binary.BigEndian.AppendUint32(nil, SchemaVersion+1))
			})
		}, ErrNewerVersion},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			path := filepath.Join(t.TempDir(), "x.ledger")
			tc.make(t, path)
			ageFile(t, path)
			before := stateOf(t, path)
			// Backups on, so that a refused file must not get one either.
			opt := Options{Now: testOptions().Now, LockTimeout: 200 * time.Millisecond}
			for _, ro := range []bool{false, true} {
				opt.ReadOnly = ro
				l, err := Open(path, opt)
				if err == nil {
					_ = l.Close()
				}
				if !errors.Is(err, tc.want) {
					t.Errorf("Open(ReadOnly %v): got %v, want %v", ro, err, tc.want)
				}
			}
			// Verify reports a damaged ledger as a problem (what the check
			// command prints) and refuses other files.
			ps, err := Verify(path, opt)
			if tc.want == ErrDamaged {
				if err != nil || len(ps) != 1 || ps[0].Code != CheckDamagedFile {
					t.Errorf("Verify: got %v, %v; want one %s problem", ps, err, CheckDamagedFile)
				}
			} else if !errors.Is(err, tc.want) {
				t.Errorf("Verify: got %v, want %v", err, tc.want)
			}
			if after := stateOf(t, path); after != before {
				t.Errorf("refused file changed:\n got %+v\nwant %+v", after, before)
			}
		})
	}
}

func putFile(t *testing.T, path string, b []byte) {
	t.Helper()
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

func copyTestFile(t *testing.T, src, dst string) {
	t.Helper()
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	putFile(t, dst, b)
}

func TestBranchProfile(t *testing.T) {
	l := newTestLedger(t)
	b, err := l.Branch()
	if err != nil {
		t.Fatal(err)
	}
	b.Secretary, b.LeaveCountsAgainst = "王晓明", true
	if err := l.SaveBranch(b); err != nil {
		t.Fatal(err)
	}
	got, err := l.Branch()
	if err != nil {
		t.Fatal(err)
	}
	if got.Secretary != "王晓明" || !got.LeaveCountsAgainst || got.Name != b.Name {
		t.Errorf("got %+v, want secretary 王晓明 and leave counting against", got)
	}
	var ve *ValidationError
	if err := l.SaveBranch(Branch{}); !errors.As(err, &ve) {
		t.Errorf("SaveBranch without a name: got %v, want a ValidationError", err)
	}
	if got2, err := l.Branch(); err != nil || got2.Name != b.Name {
		t.Errorf("after a refused save: got %q (%v), want %q", got2.Name, err, b.Name)
	}
}

// TestTornMetaPage: bbolt keeps two meta pages so that a meta write torn
// by a power cut falls back to the previous transaction. The header check
// must accept such a file too, including one with 16 KiB pages (what bbolt
// makes on Apple silicon), where the second meta page is not at 4096.
func TestTornMetaPage(t *testing.T) {
	demo := demoFile(t, t.TempDir())
	big := filepath.Join(t.TempDir(), "16k.ledger")
	dst, err := bolt.Open(big, 0o600, &bolt.Options{PageSize: 16384})
	if err != nil {
		t.Fatal(err)
	}
	src, err := bolt.Open(demo, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	err = bolt.Compact(dst, src, 0)
	if err == nil { // one more commit, so that both meta pages hold the whole ledger
		err = dst.Update(func(tx *bolt.Tx) error { return tx.Bucket(bMeta).Put(kApp, []byte(appMagic)) })
	}
	for _, db := range []*bolt.DB{src, dst} {
		if cerr := db.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		t.Fatal(err)
	}
	compareContent(t, "the ledger with 16 KiB pages", contentOf(t, big), contentOf(t, demo))

	for _, tc := range []struct {
		file     string
		pageSize int
	}{{demo, 4096}, {big, 16384}} {
		for page := range 2 {
			path := filepath.Join(t.TempDir(), "torn.ledger")
			b, err := os.ReadFile(tc.file)
			if err != nil {
				t.Fatal(err)
			}
			off := page*tc.pageSize + pageHeaderSize
			clear(b[off : off+metaSize])
			putFile(t, path, b)
			l, err := Open(path, testOptions())
			if err != nil {
				t.Errorf("%d-byte pages, meta page %d torn: Open got %v, want the other meta page used", tc.pageSize, page, err)
				continue
			}
			ms, err := l.Members()
			if err != nil || len(ms) != 14 {
				t.Errorf("%d-byte pages, meta page %d torn: got %d members (%v), want 14", tc.pageSize, page, len(ms), err)
			}
			requireClean(t, l)
			if err := l.Close(); err != nil {
				t.Fatal(err)
			}
		}
	}
}
