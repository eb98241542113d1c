package data

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	bolt "go.etcd.io/bbolt"
)

// KeepBackups is how many automatic backups are kept beside a ledger.
const KeepBackups = 10

// BackupDir returns the folder where automatic backups of the ledger at
// path are kept: "backups" beside it.
func BackupDir(path string) string { return filepath.Join(filepath.Dir(path), "backups") }

func backupPrefix(path string) string {
	return strings.TrimSuffix(filepath.Base(path), filepath.Ext(path)) + "-"
}

// Backups lists the automatic backups of the ledger at path, newest first.
func Backups(path string) ([]string, error) {
	dir := BackupDir(path)
	ents, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	prefix := backupPrefix(path)
	var out []string
	for _, e := range ents {
		n := e.Name()
		// name-20261129-060102.ledger: the stamp sorts as text.
		if e.Type().IsRegular() && strings.HasPrefix(n, prefix) && strings.HasSuffix(n, ".ledger") &&
			len(n) == len(prefix)+len("20261129-060102.ledger") {
			out = append(out, filepath.Join(dir, n))
		}
	}
	sort.Sort(sort.Reverse(sort.StringSlice(out)))
	return out, nil
}

// autoBackup makes the day's backup if there is none yet (or, with
// force, in any case), then keeps the newest KeepBackups.
func (l *Ledger) autoBackup(force bool) error {
	now := l.Now()
	existing, err := Backups(l.path)
	if err != nil {
		return err
	}
	stamp := now.Format("20060102")
	if !force && len(existing) > 0 && strings.HasPrefix(strings.TrimPrefix(filepath.Base(existing[0]), backupPrefix(l.path)), stamp) {
		return nil
	}
	if err := os.MkdirAll(BackupDir(l.path), 0o700); err != nil {
		return err
	}
	dest := filepath.Join(BackupDir(l.path), backupPrefix(l.path)+now.Format("20060102-150405")+".ledger")
	if err := l.Backup(dest); err != nil {
		return err
	}
	existing, err = Backups(l.path)
	if err != nil {
		return err
	}
	for _, old := range existing[min(len(existing), KeepBackups):] {
		if err := os.Remove(old); err != nil {
			return err
		}
	}
	return nil
}

// Backup writes a consistent hot copy of the ledger to dest: written to a
// temporary file beside dest, synced, then renamed, so dest is either the
// old file or the whole new copy.
func (l *Ledger) Backup(dest string) error {
	return l.view(func(tx *bolt.Tx) error {
		return writeAtomic(dest, func(f *os.File) error {
			_, err := tx.WriteTo(f)
			return err
		})
	})
}

// writeAtomic writes a file through a temporary file in the same folder,
// fsyncs it and renames it over path.
func writeAtomic(path string, write func(f *os.File) error) (err error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			_ = f.Close()
			_ = os.Remove(tmp)
		}
	}()
	if err = f.Chmod(0o600); err != nil {
		return err
	}
	if err = write(f); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	if err = os.Rename(tmp, path); err != nil {
		return err
	}
	syncDir(filepath.Dir(path))
	return nil
}

// syncDir makes a rename durable where the platform allows it (not on Windows).
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync() // best effort: Windows cannot sync a folder
		_ = d.Close()
	}
}

// Verify opens the file at path read-only and checks it completely: a
// ledger of a schema this build reads, whose bbolt pages are consistent and
// whose records satisfy the domain invariants.
func Verify(path string, opt Options) ([]Problem, error) {
	opt.ReadOnly, opt.NoBackup = true, true
	l, err := Open(path, opt)
	if err != nil {
		return nil, err
	}
	defer l.Close()
	return l.Check()
}

// Restore brings back a backup over target after verifying it. The backup
// is copied beside the target and that copy is verified (and migrated when
// it comes from an older version), so what lands is exactly what was
// checked and the backup itself is only read. The current target, when
// there is one, is first kept in the backups folder, so a restore never
// loses anything. A target held open elsewhere is refused with ErrLocked; a
// target that is not a ledger is refused and left alone.
func Restore(backup, target string, opt Options) error {
	if err := checkHeader(backup); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	tmp, err := copyBeside(backup, target)
	if err != nil {
		return err
	}
	placed := false
	defer func() {
		if !placed {
			_ = os.Remove(tmp)
		}
	}()
	if err := verifyCopy(tmp, opt); err != nil {
		return fmt.Errorf("backup %s: %w", backup, err)
	}
	if err := keepCurrent(target, opt); err != nil {
		return err
	}
	if err := os.Rename(tmp, target); err != nil {
		return err
	}
	placed = true
	syncDir(filepath.Dir(target))
	return nil
}

// copyBeside copies src to a new hidden file in target's folder, synced,
// and returns its name; renaming it over target is then atomic.
func copyBeside(src, target string) (_ string, err error) {
	in, err := os.Open(src)
	if err != nil {
		return "", err
	}
	defer in.Close()
	f, err := os.CreateTemp(filepath.Dir(target), "."+filepath.Base(target)+".*.restore")
	if err != nil {
		return "", err
	}
	defer func() {
		if err != nil {
			_ = f.Close()
			_ = os.Remove(f.Name())
		}
	}()
	if err = f.Chmod(0o600); err != nil {
		return "", err
	}
	if _, err = f.ReadFrom(in); err != nil {
		return "", err
	}
	if err = f.Sync(); err != nil {
		return "", err
	}
	return f.Name(), f.Close()
}

// verifyCopy opens the copy of a backup (migrating an older schema) and
// requires a clean Check.
func verifyCopy(path string, opt Options) error {
	l, err := Open(path, Options{Now: opt.Now, LockTimeout: opt.LockTimeout, NoBackup: true})
	if err != nil {
		return err
	}
	ps, err := l.Check()
	if cerr := l.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if len(ps) > 0 {
		return fmt.Errorf("%d problems, first %s: %w", len(ps), ps[0].Code, ErrNotLedger)
	}
	return nil
}

// keepCurrent copies the ledger at target, if there is one, into its
// backups folder as before-restore-STAMP-NAME. Opening it for writing
// makes sure no one else has it open and that it is a ledger.
func keepCurrent(target string, opt Options) error {
	if _, err := os.Lstat(target); errors.Is(err, os.ErrNotExist) {
		return nil
	} else if err != nil {
		return err
	}
	cur, err := Open(target, Options{Now: opt.Now, LockTimeout: opt.LockTimeout, NoBackup: true})
	if err != nil {
		return err // locked, or not a ledger: never overwrite it
	}
	err = os.MkdirAll(BackupDir(target), 0o700)
	if err == nil {
		err = cur.Backup(freeName(BackupDir(target), "before-restore-"+cur.Now().Format("20060102-150405"), filepath.Base(target)))
	}
	if cerr := cur.Close(); err == nil {
		err = cerr
	}
	return err
}

// freeName returns dir/prefix-name, or dir/prefix-N-name for the first N
// not taken: two restores in one second must not overwrite the first
// kept copy.
func freeName(dir, prefix, name string) string {
	p := filepath.Join(dir, prefix+"-"+name)
	for n := 2; ; n++ {
		if _, err := os.Lstat(p); errors.Is(err, os.ErrNotExist) {
			return p
		}
		p = filepath.Join(dir, fmt.Sprintf("%s-%d-%s", prefix, n, name))
	}
}
