package cli

import (
	"bytes"
	"crypto/sha256"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

	bolt "go.etcd.io/bbolt"

	"branchledger/app/msg"
	"branchledger/data"
)

var cliNow = time.Date(2026, 11, 29, 10, 0, 0, 0, time.Local)

// cliRunner runs verbs in process, in one language, with a fixed clock.
type cliRunner struct {
	t     *testing.T
	words *msg.Catalog
}

func newCLI(t *testing.T, lang string) *cliRunner {
	t.Helper()
	words, err := msg.Load(lang)
	if err != nil {
		t.Fatal(err)
	}
	return &cliRunner{t: t, words: words}
}

// run executes one command line and returns its exit code and output.
func (r *cliRunner) run(args ...string) (code int, stdout, stderr string) {
	var out, errOut bytes.Buffer
	e := &Env{Out: &out, Err: &errOut, Words: r.words, Now: func() time.Time { return cliNow }}
	code = e.Run(args)
	return code, out.String(), errOut.String()
}

// want runs a command line and fails the test unless it exits with code.
func (r *cliRunner) want(code int, args ...string) (stdout, stderr string) {
	r.t.Helper()
	got, stdout, stderr := r.run(args...)
	if got != code {
		r.t.Errorf("branchledger %s: got exit %d, want %d\nstdout: %s\nstderr: %s", strings.Join(args, " "), got, code, stdout, stderr)
	}
	return stdout, stderr
}

func sum(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

func openRead(t *testing.T, path string) *data.Ledger {
	t.Helper()
	l, err := data.Open(path, data.Options{Now: func() time.Time { return cliNow }, ReadOnly: true, NoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = l.Close() })
	return l
}

func TestNew(t *testing.T) {
	r := newCLI(t, "zh-Hans")
	dir := t.TempDir()
	path := filepath.Join(dir, "支部.ledger")
	out, _ := r.want(ExitOK, "new", path, "--branch", "申江区注册登记窗口党支部", "--committee", "机关党委")
	if !strings.Contains(out, path) {
		t.Errorf("new: got %q, want it to name the file", out)
	}
	if b, err := openRead(t, path).Branch(); err != nil || b.Name != "申江区注册登记窗口党支部" || b.Committee != "机关党委" {
		t.Errorf("new ledger's branch: got %+v (%v)", b, err)
	}
	before := sum(t, path)
	if _, stderr := r.want(ExitRefused, "new", "--branch", "另一个", path); !strings.Contains(stderr, r.words.T("error.exists", nil)) {
		t.Errorf("new over an existing file: got stderr %q, want the exists message", stderr)
	}
	if sum(t, path) != before {
		t.Error("new over an existing file changed it")
	}
	// Flags before the file work too; a missing --branch is a usage error.
	r.want(ExitOK, "new", "--branch", "第二支部", filepath.Join(dir, "b.ledger"))
	r.want(ExitUsage, "new", filepath.Join(dir, "c.ledger"))
	if _, err := os.Stat(filepath.Join(dir, "c.ledger")); !os.IsNotExist(err) {
		t.Errorf("new without --branch created a file (stat: %v)", err)
	}
}

// corruptMarks writes marks for a session that does not exist, with raw
// bbolt, behind the ledger's back.
func corruptMarks(t *testing.T, path string) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		marks := tx.Bucket([]byte("marks"))
		_, v := marks.Cursor().First()
		return marks.Put(bytes.Repeat([]byte{0xAB}, 16), slices.Clone(v))
	})
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		t.Fatal(err)
	}
}

func TestDemoAndCheck(t *testing.T) {
	r := newCLI(t, "zh-Hans")
	dir := t.TempDir()
	path := filepath.Join(dir, "demo.ledger")
	r.want(ExitOK, "demo", path)
	l := openRead(t, path)
	ms, err := l.Members()
	if err != nil || len(ms) != 14 {
		t.Errorf("demo: got %d members (%v), want 14", len(ms), err)
	}
	_ = l.Close()
	r.want(ExitRefused, "demo", path) // never over an existing file

	if out, _ := r.want(ExitOK, "check", path); !strings.Contains(out, r.words.T("cli.check_ok", nil)) {
		t.Errorf("check on the demo: got %q, want the sound message", out)
	}
	corruptMarks(t, path)
	out, _ := r.want(ExitRefused, "check", path)
	if !strings.Contains(out, r.words.T("cli.check_bad", map[string]any{"Count": 1})) || !strings.Contains(out, "  - ") {
		t.Errorf("check on a damaged ledger: got %q, want one problem listed", out)
	}

	text := filepath.Join(dir, "notes.ledger")
	if err := os.WriteFile(text, []byte("not a ledger"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, stderr := r.want(ExitRefused, "check", text); !strings.Contains(stderr, r.words.T("error.not_ledger", nil)) {
		t.Errorf("check on a text file: got stderr %q, want the not-a-ledger message", stderr)
	}
	if _, stderr := r.want(ExitRefused, "check", filepath.Join(dir, "missing.ledger")); !strings.Contains(stderr, r.words.T("error.not_found", nil)) {
		t.Errorf("check on a missing file: got stderr %q, want the not-found message", stderr)
	}
}

func TestBackupAndRestore(t *testing.T) {
	r := newCLI(t, "zh-Hans")
	dir, elsewhere := t.TempDir(), t.TempDir()
	path := filepath.Join(dir, "demo.ledger")
	r.want(ExitOK, "demo", path)
	dest := filepath.Join(elsewhere, "copy.ledger")
	r.want(ExitOK, "backup", path, dest)
	r.want(ExitOK, "check", dest)
	before := sum(t, dest)
	r.want(ExitRefused, "backup", path, dest) // never over an existing file
	if sum(t, dest) != before {
		t.Error("backup over an existing file changed it")
	}
	// Into a folder: a dated name inside it.
	r.want(ExitOK, "backup", path, elsewhere)
	if _, err := os.Stat(filepath.Join(elsewhere, "demo-20261129-100000.ledger")); err != nil {
		t.Errorf("backup into a folder: %v", err)
	}

	// Change the ledger, then restore the copy over it.
	l, err := data.Open(path, data.Options{Now: func() time.Time { return cliNow }, NoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	b, err := l.Branch()
	if err != nil {
		t.Fatal(err)
	}
	b.Name = "改过的名字"
	if err := l.SaveBranch(b); err != nil {
		t.Fatal(err)
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	r.want(ExitOK, "restore", dest, path)
	if b, err := openRead(t, path).Branch(); err != nil || b.Name != "申江区市场监管局注册登记窗口党支部" {
		t.Errorf("after restore: got branch %q (%v), want the demo's", b.Name, err)
	}
	kept, err := filepath.Glob(filepath.Join(dir, "backups", "before-restore-*-demo.ledger"))
	if err != nil || len(kept) != 1 {
		t.Fatalf("kept copy: got %v (%v), want one", kept, err)
	}
	if b, err := openRead(t, kept[0]).Branch(); err != nil || b.Name != "改过的名字" {
		t.Errorf("kept copy: got branch %q (%v), want the changed one", b.Name, err)
	}

	text := filepath.Join(elsewhere, "bad.ledger")
	if err := os.WriteFile(text, []byte("not a ledger"), 0o600); err != nil {
		t.Fatal(err)
	}
	before = sum(t, path)
	r.want(ExitRefused, "restore", text, path)
	if sum(t, path) != before {
		t.Error("a refused restore changed the ledger")
	}
}

func TestHelpAndUsage(t *testing.T) {
	r := newCLI(t, "zh-Hans")
	for _, verb := range verbOrder {
		t.Run(verb, func(t *testing.T) {
			r := &cliRunner{t: t, words: r.words}
			for _, h := range []string{"--help", "-h"} {
				code, out, _ := r.run(verb, h)
				if code != ExitOK || !strings.Contains(out, "branchledger "+verb) || !strings.Contains(out, r.words.T("cli.help."+verb, nil)) {
					t.Errorf("%s %s: got exit %d, stdout %q; want 0 and the verb's help", verb, h, code, out)
				}
			}
			file := filepath.Join(t.TempDir(), "x.ledger")
			if code, _, stderr := r.run(verb, "--no-such-flag", file); code != ExitUsage || stderr == "" {
				t.Errorf("%s with an unknown flag: got exit %d, stderr %q; want 2 and a message", verb, code, stderr)
			}
			if code, _, _ := r.run(verb); code != ExitUsage {
				t.Errorf("%s without arguments: got exit %d, want 2", verb, code)
			}
			if code, _, _ := r.run(verb, file, file, file); code != ExitUsage {
				t.Errorf("%s with three files: got exit %d, want 2", verb, code)
			}
		})
	}
	for _, args := range [][]string{{}, {"help"}, {"--help"}, {"-h"}} {
		if code, out, _ := r.run(args...); code != ExitOK || !strings.Contains(out, "branchledger stats") {
			t.Errorf("%q: got exit %d, stdout %q; want 0 and the usage", args, code, out)
		}
	}
	if code, _, stderr := r.run("frobnicate"); code != ExitUsage || !strings.Contains(stderr, "branchledger new") {
		t.Errorf("unknown verb: got exit %d, stderr %q; want 2 and the usage", code, stderr)
	}
}

func hasHan(s string) bool {
	for _, c := range s {
		if unicode.Is(unicode.Han, c) {
			return true
		}
	}
	return false
}

// TestLockedMessage: a ledger open elsewhere is refused with a plain
// message in the user's language, Chinese when LANG asks for it.
func TestLockedMessage(t *testing.T) {
	path := filepath.Join(t.TempDir(), "held.ledger")
	l, err := data.Create(path, data.Branch{Name: "测试支部"}, data.Options{NoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close() // held for the whole test

	zh := newCLI(t, "zh-Hans")
	want := zh.words.T("error.locked", nil)
	if !hasHan(want) {
		t.Fatalf("the zh-Hans locked message %q has no Chinese in it", want)
	}
	// The command gives up on the lock rather than waits (a wait without
	// end would hang here until go test's own timeout).
	if _, stderr := zh.want(ExitRefused, "check", path); strings.TrimSpace(stderr) != want {
		t.Errorf("check on a held ledger: got stderr %q, want %q", stderr, want)
	}

	// Through the top-level Run, the language comes from the environment.
	t.Setenv("LC_ALL", "")
	t.Setenv("LC_MESSAGES", "")
	for _, tc := range []struct{ lang, catalog string }{{"zh_CN.UTF-8", "zh-Hans"}, {"en_US.UTF-8", "en"}} {
		t.Setenv("LANG", tc.lang)
		words, err := msg.Load(tc.catalog)
		if err != nil {
			t.Fatal(err)
		}
		var out, errOut bytes.Buffer
		if code := Run([]string{"stats", path, "--year", "2026"}, &out, &errOut); code != ExitRefused {
			t.Errorf("LANG=%s: got exit %d, want 1", tc.lang, code)
		}
		if got, want := strings.TrimSpace(errOut.String()), words.T("error.locked", nil); got != want {
			t.Errorf("LANG=%s: got %q, want %q", tc.lang, got, want)
		}
		if hasHan(errOut.String()) != (tc.catalog == "zh-Hans") {
			t.Errorf("LANG=%s: got %q, Chinese %v", tc.lang, errOut.String(), tc.catalog == "zh-Hans")
		}
	}
}
