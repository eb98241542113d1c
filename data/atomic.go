package data

import (
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"
)

// This file is the one atomic file write of the program, used by backups,
// restores and the Excel reports: the content goes to a temporary file
// beside the target, is synced, and is renamed over the target, whose
// folder is then synced. The target holds either its old content or the
// whole new one, whatever happens in between.

// MaxNameBytes is the longest file name (one path element) written: 255
// bytes is the limit of ext4, APFS and NTFS (255 UTF-16 units, which a
// UTF-8 name of 255 bytes never exceeds).
const MaxNameBytes = 255

// tempOverhead is what a temporary name adds to the name it is made from:
// "." before, "." and up to ten random digits and ".restore" after.
const tempOverhead = 1 + 1 + 10 + len(".restore")

// fitName cuts s (at a character boundary) so that it takes at most n
// bytes.
func fitName(s string, n int) string {
	if len(s) <= n {
		return s
	}
	s = s[:max(n, 0)]
	for len(s) > 0 && !utf8.ValidString(s) {
		s = s[:len(s)-1]
	}
	return s
}

// tempPrefix is the start of the name of every temporary file made for
// the target named base: "." and base, cut so that the temporary name
// stays a legal file name, and ".".
func tempPrefix(base string) string {
	return "." + fitName(base, MaxNameBytes-tempOverhead) + "."
}

// AtomicFile is a file being written in place of Target. Write to File,
// then Commit; Abort (safe after Commit) removes what was written.
type AtomicFile struct {
	// Target is where the file lands on Commit.
	Target string
	// File is the temporary file beside Target.
	File *os.File
	done bool
}

// CreateAtomic starts writing a file that will replace path. The
// temporary file is created beside it, readable by its owner only, with a
// name that a later Open of a ledger in that folder recognises as left
// over (".NAME.123.tmp").
func CreateAtomic(path string) (*AtomicFile, error) {
	f, err := os.CreateTemp(filepath.Dir(path), tempPrefix(filepath.Base(path))+"*.tmp")
	if err != nil {
		return nil, err
	}
	if err := f.Chmod(0o600); err != nil {
		_ = f.Close()
		_ = os.Remove(f.Name())
		return nil, err
	}
	return &AtomicFile{Target: path, File: f}, nil
}

// Commit syncs and closes the temporary file, runs before (when not nil;
// its error aborts), and renames the file over Target. On any error the
// temporary file is removed and Target is as it was.
func (a *AtomicFile) Commit(before func() error) (err error) {
	defer func() {
		if err != nil {
			a.Abort()
		}
	}()
	if err = a.File.Sync(); err != nil {
		return err
	}
	if err = a.File.Close(); err != nil {
		return err
	}
	if before != nil {
		if err = before(); err != nil {
			return err
		}
	}
	if err = os.Rename(a.File.Name(), a.Target); err != nil {
		return err
	}
	a.done = true
	SyncDir(filepath.Dir(a.Target))
	return nil
}

// Abort removes the temporary file unless it was committed.
func (a *AtomicFile) Abort() {
	if a.done {
		return
	}
	a.done = true
	_ = a.File.Close()           // may be closed already; nothing to keep
	_ = os.Remove(a.File.Name()) // the partial file is ours alone
}

// WriteFileAtomic writes path through write and an AtomicFile.
func WriteFileAtomic(path string, write func(f *os.File) error) error {
	a, err := CreateAtomic(path)
	if err != nil {
		return err
	}
	if err := write(a.File); err != nil {
		a.Abort()
		return err
	}
	return a.Commit(nil)
}

// SyncDir makes a rename in dir durable where the platform allows it (not
// on Windows, where it is a no-op).
func SyncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync() // best effort: Windows cannot sync a folder
		_ = d.Close()
	}
}

// removeTemps removes, in dir, the files named like the temporary files
// made for a target named base (prefix tempPrefix(base), then digits, then
// one of suffixes). They are left by a write that was interrupted (a
// power cut, a killed process) and are never anyone's data.
func removeTemps(dir, base string, suffixes ...string) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	prefix := tempPrefix(base)
	for _, e := range ents {
		n := e.Name()
		if !e.Type().IsRegular() || !strings.HasPrefix(n, prefix) {
			continue
		}
		for _, s := range suffixes {
			if mid, ok := strings.CutSuffix(n[len(prefix):], s); ok && mid != "" && AllDigits(mid) {
				_ = os.Remove(filepath.Join(dir, n)) // best effort: a leftover, not data
				break
			}
		}
	}
}
