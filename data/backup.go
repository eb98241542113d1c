package data

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	bolt "go.etcd.io/bbolt"
)

// KeepBackups is how many automatic backups are kept beside a ledger.
const KeepBackups = 10

// BackupDir returns the folder where automatic backups of the ledger at
// path are kept: "backups" beside it.
func BackupDir(path string) string { return filepath.Join(filepath.Dir(path), "backups") }

// backupOverhead is what a backup name adds to the ledger's name:
// "-g000042-20261129-060102.ledger".
const backupOverhead = len("-g000042-20261129-060102.ledger")

// backupPrefix is the start of every backup name of the ledger at path:
// its name without ".ledger", cut so that a backup's temporary name stays
// a legal file name, and "-".
func backupPrefix(path string) string {
	stem := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	return fitName(stem, MaxNameBytes-tempOverhead-backupOverhead) + "-"
}

// backupName is a parsed backup file name: PREFIX-gNNNNNN-STAMP.ledger
// (gen counts the backups made, so that they are ordered by when they
// were made whatever the clock said) or, from earlier versions,
// PREFIX-STAMP.ledger (gen 0).
type backupName struct {
	path  string
	gen   int
	stamp string // 20261129-060102
}

func parseBackupName(prefix, name string) (backupName, bool) {
	rest, ok := strings.CutPrefix(name, prefix)
	if !ok {
		return backupName{}, false
	}
	if rest, ok = strings.CutSuffix(rest, ".ledger"); !ok {
		return backupName{}, false
	}
	gen := 0
	if len(rest) == len("g000042-20261129-060102") && rest[0] == 'g' && rest[7] == '-' && AllDigits(rest[1:7]) {
		gen, _ = strconv.Atoi(rest[1:7]) // six digits: cannot fail
		rest = rest[8:]
	}
	if len(rest) != len("20261129-060102") || rest[8] != '-' || !AllDigits(rest[:8]) || !AllDigits(rest[9:]) {
		return backupName{}, false
	}
	return backupName{gen: gen, stamp: rest}, true
}

// backupsOf lists the backups of the ledger at path, newest first: by
// generation, then (for those of earlier versions) by stamp.
func backupsOf(path string) ([]backupName, error) {
	dir := BackupDir(path)
	ents, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	prefix := backupPrefix(path)
	var out []backupName
	for _, e := range ents {
		if b, ok := parseBackupName(prefix, e.Name()); ok && e.Type().IsRegular() {
			b.path = filepath.Join(dir, e.Name())
			out = append(out, b)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].gen != out[j].gen {
			return out[i].gen > out[j].gen
		}
		return out[i].stamp > out[j].stamp
	})
	return out, nil
}

// Backups lists the automatic backups of the ledger at path, the most
// recently made first (in the order they were made, not by the clock's
// date in their names).
func Backups(path string) ([]string, error) {
	bs, err := backupsOf(path)
	out := make([]string, len(bs))
	for i, b := range bs {
		out[i] = b.path
	}
	return out, err
}

// autoBackup makes the day's backup if there is none yet (or, with
// force, in any case); see BackupNow.
func (l *Ledger) autoBackup(force bool) error {
	existing, err := backupsOf(l.path)
	if err != nil {
		return err
	}
	if !force && len(existing) > 0 && existing[0].stamp[:8] == l.Now().Format("20060102") {
		return nil
	}
	_, err = l.BackupNow()
	return err
}

// BackupNow makes a backup in the backups folder beside the ledger, named
// PREFIX-gNNNNNN-STAMP.ledger with the next generation, and then keeps the
// KeepBackups most recently made. The one just made is never removed,
// whatever the clock says: a clock set to 2099 or to last year cannot push
// the history out. It returns the backup's path.
func (l *Ledger) BackupNow() (string, error) {
	existing, err := backupsOf(l.path)
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(BackupDir(l.path), 0o700); err != nil {
		return "", err
	}
	gen := 1
	if len(existing) > 0 {
		gen = existing[0].gen + 1
	}
	stamp := l.Now().Format("20060102-150405")
	dest := filepath.Join(BackupDir(l.path), fmt.Sprintf("%sg%06d-%s.ledger", backupPrefix(l.path), gen%1000000, stamp))
	if err := l.Backup(dest); err != nil {
		return "", err
	}
	if existing, err = backupsOf(l.path); err != nil {
		return dest, err
	}
	kept := 1 // dest
	for _, old := range existing {
		if old.path == dest {
			continue
		}
		if kept < KeepBackups {
			kept++
			continue
		}
		if err := os.Remove(old.path); err != nil {
			return dest, err
		}
	}
	return dest, nil
}

// Backup writes a consistent hot copy of the ledger to dest (atomically,
// see WriteFileAtomic). A damaged ledger is not copied: a backup must be
// one that can be restored.
func (l *Ledger) Backup(dest string) error {
	if d := l.Damage(); d != nil {
		return d
	}
	return l.view(func(tx *bolt.Tx) error {
		// The copy is only as good as the records in it.
		schema, err := readSchema(tx)
		if err != nil {
			return err
		}
		if err := checkRecords(tx, schema); err != nil {
			return err
		}
		return WriteFileAtomic(dest, func(f *os.File) error {
			_, err := tx.WriteTo(f)
			return err
		})
	})
}

// removeLeftovers removes the temporary files that interrupted writes
// (backups, restores, reports recorded in the ledger) left behind. Called
// when the ledger is open for writing, so no other process is writing
// them.
func (l *Ledger) removeLeftovers() {
	removeTemps(filepath.Dir(l.path), filepath.Base(l.path), ".tmp", ".restore")
	if ents, err := os.ReadDir(BackupDir(l.path)); err == nil {
		prefix := backupPrefix(l.path)
		for _, e := range ents {
			// .PREFIX-g000042-20261129-060102.ledger.123.tmp, or a copy
			// kept before a restore.
			n, ok := strings.CutSuffix(strings.TrimPrefix(e.Name(), "."), ".tmp")
			dot := strings.LastIndexByte(n, '.')
			if !ok || !strings.HasPrefix(e.Name(), ".") || dot < 0 || !AllDigits(n[dot+1:]) || !e.Type().IsRegular() {
				continue
			}
			if _, isBackup := parseBackupName(prefix, n[:dot]); isBackup ||
				(strings.HasPrefix(n, "before-restore-") || strings.HasPrefix(n, "damaged-")) {
				_ = os.Remove(filepath.Join(BackupDir(l.path), e.Name())) // a leftover, not data
			}
		}
	}
	seen := map[string]bool{}
	exps, err := l.Exports()
	if err != nil {
		return
	}
	for _, e := range exps {
		if e.File != "" && !seen[e.File] {
			seen[e.File] = true
			removeTemps(filepath.Dir(e.File), filepath.Base(e.File), ".tmp")
		}
	}
}

// Verify opens the file at path read-only and checks it completely: a
// ledger of a schema this build reads, whose bbolt pages are consistent and
// whose records satisfy the domain invariants.
//
// A file whose pages are damaged gives the one problem CheckBolt; one
// whose records fail their checksums is checked on as far as it can be.
func Verify(path string, opt Options) ([]Problem, error) {
	opt.ReadOnly, opt.NoBackup, opt.Salvage = true, true, true
	l, err := Open(path, opt)
	if errors.Is(err, ErrDamaged) {
		return []Problem{checkProblem(CheckDamagedFile, err.Error())}, nil
	}
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
	// Checked and copied under the backup's shared lock, so that no one
	// writes it meanwhile (a backup is rarely open, but it is a ledger).
	src, err := lockedCheck(backup, opt)
	if err != nil {
		return backupErr(backup, err)
	}
	tmp, err := copyBeside(backup, target)
	if cerr := src.Close(); err == nil {
		err = cerr
	}
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
		return backupErr(backup, err)
	}
	if err := keepCurrent(target, opt); err != nil {
		return err
	}
	if err := os.Rename(tmp, target); err != nil {
		return err
	}
	placed = true
	SyncDir(filepath.Dir(target))
	return nil
}

// backupErr names the backup a restore could not use; damage is the
// backup's, ErrBackupDamaged.
func backupErr(backup string, err error) error {
	if errors.Is(err, ErrDamaged) {
		return fmt.Errorf("backup %s: %w: %w", backup, ErrBackupDamaged, err)
	}
	return fmt.Errorf("backup %s: %w", backup, err)
}

// copyBeside copies src to a new hidden file in target's folder, synced,
// and returns its name; renaming it over target is then atomic.
func copyBeside(src, target string) (_ string, err error) {
	in, err := os.Open(src)
	if err != nil {
		return "", err
	}
	defer in.Close()
	f, err := os.CreateTemp(filepath.Dir(target), tempPrefix(filepath.Base(target))+"*.restore")
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
	l, err := Open(path, Options{Now: opt.Now, LockTimeout: opt.LockTimeout, NoBackup: true, keepTemps: true, oldKept: true})
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
		return fmt.Errorf("%d problems, first %s: %w", len(ps), ps[0].Code, ErrDamaged)
	}
	return nil
}

// keepCurrent copies the ledger at target, if there is one, into its
// backups folder as before-restore-STAMP-NAME, or, when it is damaged, its
// bytes as they are as damaged-STAMP-NAME: a restore never deletes
// anything. Opening it first makes sure no one else has it open and that
// it is a ledger.
func keepCurrent(target string, opt Options) error {
	if _, err := os.Lstat(target); errors.Is(err, os.ErrNotExist) {
		return nil
	} else if err != nil {
		return err
	}
	o := Options{Now: opt.Now, LockTimeout: opt.LockTimeout, NoBackup: true, keepTemps: true}
	cur, err := Open(target, o)
	if errors.Is(err, ErrDamaged) {
		// Held read-only (shared lock) while its bytes are copied; a
		// file so damaged that bbolt cannot even map it is copied as it is.
		o.ReadOnly, o.Salvage = true, true
		if cur, err = Open(target, o); err != nil && !errors.Is(err, ErrLocked) {
			cur, err = nil, nil
		}
		if err == nil {
			err = os.MkdirAll(BackupDir(target), 0o700)
		}
		if err == nil {
			err = copyFile(target, freeName(BackupDir(target), "damaged-"+o.now().Format("20060102-150405"), filepath.Base(target)))
		}
		if cur != nil {
			if cerr := cur.Close(); err == nil {
				err = cerr
			}
		}
		return err
	}
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

// copyFile copies src's bytes to dest atomically.
func copyFile(src, dest string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	return WriteFileAtomic(dest, func(f *os.File) error {
		_, err := f.ReadFrom(in)
		return err
	})
}

// freeName returns dir/prefix-name, or dir/prefix-N-name for the first N
// not taken: two restores in one second must not overwrite the first
// kept copy. The name is cut to stay a legal file name.
func freeName(dir, prefix, name string) string {
	fit := func(s string) string { return fitName(s, MaxNameBytes-tempOverhead) }
	p := filepath.Join(dir, fit(prefix+"-"+name))
	for n := 2; ; n++ {
		if _, err := os.Lstat(p); errors.Is(err, os.ErrNotExist) {
			return p
		}
		p = filepath.Join(dir, fit(fmt.Sprintf("%s-%d-%s", prefix, n, name)))
	}
}
