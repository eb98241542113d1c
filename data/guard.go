package data

import (
	"errors"
	"fmt"
	"os"
	"runtime/debug"
	"syscall"

	bolt "go.etcd.io/bbolt"
)

// This file is the boundary between bbolt and the rest of the program.
// bbolt maps the ledger file into memory and trusts its pages; whatever a
// damaged file makes it do while reading (a fault of the mapped memory, an
// assertion, an index out of range) stops here and becomes ErrDamaged.

// openBolt opens the bbolt file, turning a fault or panic while bbolt
// reads its first pages into ErrDamaged.
func openBolt(path string, opt Options, readOnly bool) (db *bolt.DB, err error) {
	defer recoverDamage(&err)
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	db, err = bolt.Open(path, 0o600, opt.boltOptions(readOnly))
	if err != nil {
		return nil, mapOpenError(path, err)
	}
	return db, nil
}

// lockedCheck opens the file at path read-only through bbolt, which takes
// its shared lock (waiting up to the lock timeout while another process
// writes, then ErrLocked) and reads nothing but the meta pages, and then
// makes the structural check (checkFile) while holding it: a writer
// elsewhere reuses pages as it commits, and the check reading them then
// would call a healthy ledger damaged. A file bbolt cannot open is
// classified by checkFile (not a ledger, damaged, missing). The caller
// closes the returned database.
func lockedCheck(path string, opt Options) (*bolt.DB, error) {
	db, err := openBolt(path, opt, true)
	if err != nil {
		if errors.Is(err, ErrLocked) {
			return nil, err
		}
		if cerr := checkFile(path); cerr != nil {
			return nil, cerr
		}
		return nil, err
	}
	if err := checkFile(path); err != nil {
		_ = db.Close()
		return nil, err
	}
	return db, nil
}

// safeView runs fn in a read transaction of db, with faults of the mapped
// file and bbolt's panics turned into ErrDamaged.
func safeView(db *bolt.DB, fn func(tx *bolt.Tx) error) (err error) {
	defer recoverDamage(&err)
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	return db.View(fn)
}

// canOnlyRead reports an error from opening a file for writing that
// still allows reading it: permission denied, a read-only file system.
func canOnlyRead(err error) bool {
	return errors.Is(err, os.ErrPermission) || errors.Is(err, syscall.EROFS) || isWriteProtected(err)
}

// view runs fn in a read transaction. A fault of the mapped file or a
// panic while reading (bbolt trusts its pages) becomes ErrDamaged, and the
// ledger then refuses writes.
func (l *Ledger) view(fn func(tx *bolt.Tx) error) (err error) {
	defer l.noteDamageOf(&err)
	return safeView(l.db, fn)
}

// update runs fn in a write transaction, unless the ledger is damaged or
// read-only.
func (l *Ledger) update(fn func(tx *bolt.Tx) error) (err error) {
	if d := l.Damage(); d != nil {
		return d
	}
	if l.db.IsReadOnly() {
		return fmt.Errorf("%s: %w", l.path, ErrReadOnly)
	}
	defer l.noteDamageOf(&err)
	defer recoverDamage(&err)
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	return l.db.Update(fn)
}

func (l *Ledger) noteDamageOf(err *error) { l.noteDamage(*err) }

// recoverDamage turns a panic while bbolt reads the file (its assertions,
// an index out of range of a damaged page, a fault of the mapped file
// under debug.SetPanicOnFault) into ErrDamaged, so that a damaged file
// gives the user an error instead of ending the program. bbolt has rolled
// the transaction back by then. It must be deferred directly.
func recoverDamage(err *error) {
	if r := recover(); r != nil {
		*err = fmt.Errorf("%w: %v", ErrDamaged, r)
	}
}
