package data

import (
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"sync"
	"time"

	"github.com/google/uuid"
	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// Sentinel errors of the ledger store. The UI and the command line turn
// them into words for people.
var (
	ErrLocked        = errors.New("ledger is open elsewhere")
	ErrNotLedger     = errors.New("file is not a ledger")
	ErrNewerVersion  = errors.New("ledger was written by a newer version")
	ErrOlderVersion  = errors.New("ledger must be opened for writing once to be upgraded")
	ErrNotFound      = errors.New("not found")
	ErrExists        = errors.New("file already exists")
	ErrSessionClosed = errors.New("session is closed")
	ErrDuplicateID   = errors.New("id number already in the ledger")
	ErrStale         = errors.New("record changed since it was read")
	// ErrDamaged is a ledger whose pages or records fail their checks: a
	// flipped byte, a zeroed range, a file cut short. Such a ledger is
	// never written to; it can be opened read-only with Options.Salvage.
	ErrDamaged = errors.New("ledger is damaged")
	// ErrReadOnly is a write refused because the ledger was opened
	// read-only (asked for, or because its file or media cannot be
	// written).
	ErrReadOnly = errors.New("ledger is open read-only")
	// ErrBackupDamaged is a restore refused because the backup chosen
	// fails its checks; it wraps ErrDamaged's error too. Nothing changed.
	ErrBackupDamaged = errors.New("backup is damaged")
	// ErrUpgradeNeedsBackup is why a ledger of an older schema opened for
	// writing was opened read-only instead (ReadOnlyProblem): its copy in
	// the old layout could not be made (the backups folder cannot be
	// created or written, the disk is full), and an upgrade is never made
	// without one. The ledger is unchanged.
	ErrUpgradeNeedsBackup = errors.New("ledger was not upgraded: the backup before the upgrade failed")
)

// ValidationError carries the field-level problems that stopped a save.
type ValidationError struct {
	Problems []Problem
}

func (e *ValidationError) Error() string {
	return fmt.Sprintf("%d problems, first %s: %s", len(e.Problems), e.Problems[0].Field, e.Problems[0].Code)
}

// SchemaVersion is the layout this build writes. Version 1 kept one key per
// attendance mark; version 2 keeps one value per session; version 3 adds a
// CRC-32C to every record and marks value (see codec.go); version 4 keeps
// a session's marks in blocks of 256 members (see marks_codec.go).
const SchemaVersion = 4

const appMagic = "branchledger"

// Bucket and key names.
var (
	bMeta      = []byte("meta")
	bMembers   = []byte("members")
	bMemberSeq = []byte("member_seq")
	bIDNumbers = []byte("id_numbers")
	bSessions  = []byte("sessions")
	bMarks     = []byte("marks")
	bMarkHist  = []byte("mark_history") // up to schema 3; since, in bMarks
	bMakeUps   = []byte("makeups")
	bSeries    = []byte("series")
	bExports   = []byte("exports")

	kApp    = []byte("app")
	kSchema = []byte("schema")
	kBranch = []byte("branch")

	allBuckets = [][]byte{bMeta, bMembers, bMemberSeq, bIDNumbers, bSessions, bMarks, bMakeUps, bSeries, bExports}
)

// Options configure Open and Create. The zero value is usable.
type Options struct {
	// Now is the clock; nil means time.Now. Tests pass a fixed clock.
	Now func() time.Time
	// LockTimeout bounds the wait for a ledger held by another process;
	// zero means one second.
	LockTimeout time.Duration
	// NoBackup turns off the automatic daily backup on open.
	NoBackup bool
	// ReadOnly opens the ledger for reading only (check, export, stats).
	// A ledger of an older schema (2 or 3: a backup, or a file on
	// read-only media) is then read as it is, not migrated; schema 1 gives
	// ErrOlderVersion.
	ReadOnly bool
	// Salvage, with ReadOnly, opens a ledger whose records fail their
	// checks anyway, so that what is still readable can be looked at and
	// copied out: Damage then says what was found, a read of a damaged
	// record fails with ErrDamaged, nothing is ever written. A file whose
	// pages are damaged is refused even so (bbolt would follow them into a
	// crash or an endless loop).
	Salvage bool

	// keepTemps leaves the temporary files beside the ledger alone: a
	// restore opens the file it is about to replace, beside its own.
	keepTemps bool
	// oldKept says the file in its older layout is kept elsewhere (a
	// restore's temporary copy of a backup, whose source stays): it is
	// migrated without a backup of its own.
	oldKept bool
}

func (o Options) now() time.Time {
	if o.Now != nil {
		return o.Now()
	}
	return time.Now()
}

func (o Options) boltOptions(readOnly bool) *bolt.Options {
	t := o.LockTimeout
	if t == 0 {
		t = time.Second
	}
	return &bolt.Options{Timeout: t, ReadOnly: readOnly}
}

// Ledger is one open ledger file. Its methods are safe for concurrent use;
// each user action is one bbolt transaction.
type Ledger struct {
	db        *bolt.DB
	path      string
	opt       Options
	backupErr error
	// readOnlyWhy is why a ledger asked for writing was opened read-only
	// (its file or media cannot be written), or nil.
	readOnlyWhy error

	mu     sync.Mutex
	damage error // the first damage found, or nil
}

// Path returns the ledger's file name.
func (l *Ledger) Path() string { return l.path }

// Today returns the ledger clock's date.
func (l *Ledger) Today() Date { return DateOf(l.opt.now()) }

// Now returns the ledger clock's time.
func (l *Ledger) Now() time.Time { return l.opt.now() }

// BackupProblem returns the error of the automatic backup made when the
// ledger was opened, or nil. The ledger works without it, but the user
// should be told.
func (l *Ledger) BackupProblem() error { return l.backupErr }

// ReadOnly reports whether the ledger is open for reading only.
func (l *Ledger) ReadOnly() bool { return l.db.IsReadOnly() }

// ReadOnlyProblem returns why a ledger asked for writing was opened
// read-only instead (the operating system's error: a read-only file,
// folder or medium), or nil.
func (l *Ledger) ReadOnlyProblem() error { return l.readOnlyWhy }

// Damage returns the damage found in the ledger (wrapping ErrDamaged) since
// it was opened, or nil. A damaged ledger refuses every write.
func (l *Ledger) Damage() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.damage
}

func (l *Ledger) noteDamage(err error) {
	if !errors.Is(err, ErrDamaged) {
		return
	}
	l.mu.Lock()
	if l.damage == nil {
		l.damage = err
	}
	l.mu.Unlock()
}

// Close closes the ledger file.
func (l *Ledger) Close() error { return l.db.Close() }

// Create makes a new ledger at path for branch b. It refuses to overwrite an
// existing file.
func Create(path string, b Branch, opt Options) (*Ledger, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		if errors.Is(err, os.ErrExist) {
			return nil, fmt.Errorf("%s: %w", path, ErrExists)
		}
		return nil, err
	}
	if err := f.Close(); err != nil {
		return nil, err
	}
	db, err := bolt.Open(path, 0o600, opt.boltOptions(false))
	if err != nil {
		_ = os.Remove(path) // the empty file we just made; nothing of the user's
		return nil, mapOpenError(path, err)
	}
	now := opt.now()
	b.Created, b.Updated = now, now
	err = db.Update(func(tx *bolt.Tx) error {
		for _, name := range allBuckets {
			if _, err := tx.CreateBucketIfNotExists(name); err != nil {
				return err
			}
		}
		meta := tx.Bucket(bMeta)
		if err := meta.Put(kApp, []byte(appMagic)); err != nil {
			return err
		}
		if err := meta.Put(kSchema, binary.BigEndian.AppendUint32(nil, SchemaVersion)); err != nil {
			return err
		}
		v, err := encode(&b)
		if err != nil {
			return err
		}
		return meta.Put(kBranch, v)
	})
	if err != nil {
		_ = db.Close()
		_ = os.Remove(path)
		return nil, err
	}
	return &Ledger{db: db, path: path, opt: opt}, nil
}

// Open opens an existing ledger. A file that is not a ledger (or comes
// from a newer version) is refused and never written to; a ledger held by
// another process gives ErrLocked within the lock timeout. Every open
// first checks the file's structure and every record's checksum: a damaged
// ledger gives ErrDamaged (with opt.Salvage and opt.ReadOnly it is opened
// read-only instead, Damage reporting what was found). A ledger whose file
// or media cannot be written opens read-only (see ReadOnlyProblem).
// Opened for writing, the temporary files that interrupted writes left
// beside it are removed and, unless opt.NoBackup is set, a backup is made
// at most once a day. A ledger of an older schema opened for writing is
// backed up and then migrated (see migrate); if the backup fails it is not
// migrated but opened read-only as it is, ReadOnlyProblem wrapping
// ErrUpgradeNeedsBackup (schema 1, which cannot be read as it is, is
// refused with that error).
func Open(path string, opt Options) (*Ledger, error) {
	salvage := opt.Salvage && opt.ReadOnly
	var ferr error // the records' damage, when salvaging
	// Verify read-only first, so that a foreign, newer or damaged file is
	// never opened for writing.
	db, err := lockedCheck(path, opt)
	if err != nil {
		return nil, err
	}
	var schema uint32
	err = safeView(db, func(tx *bolt.Tx) error {
		var err error
		if schema, err = readSchema(tx); err != nil {
			return err
		}
		if err := checkRecords(tx, schema); err != nil || schema < 2 {
			return err
		}
		// The domain invariants too: a byte flipped in a key leaves
		// every checksum intact but files a record under another name.
		return domainDamage(tx)
	})
	if err != nil && salvage && errors.Is(err, ErrDamaged) {
		ferr, err = err, nil
	}
	if err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if opt.ReadOnly {
		// Schema 2 and 3 are read as they are; schema 1, one key per
		// mark, only through its migration.
		if schema < 2 {
			_ = db.Close()
			return nil, fmt.Errorf("%s: schema %d: %w", path, schema, ErrOlderVersion)
		}
		l := &Ledger{db: db, path: path, opt: opt}
		if ferr != nil {
			l.damage = fmt.Errorf("%s: %w", path, ferr)
		}
		return l, nil
	}
	if err := db.Close(); err != nil {
		return nil, err
	}
	db, err = openBolt(path, opt, false)
	if err != nil && canOnlyRead(err) {
		// A read-only file, folder or medium (a CD, a write-protected
		// stick): open it for looking and exporting; an older schema (2
		// or 3) is read as it is, not migrated.
		if schema < 2 {
			return nil, fmt.Errorf("%s: schema %d: %w", path, schema, ErrOlderVersion)
		}
		return openReadOnlyBecause(path, opt, err)
	}
	if err != nil {
		return nil, err
	}
	l := &Ledger{db: db, path: path, opt: opt}
	if schema < SchemaVersion {
		// The migration rewrites the marks: it is made only with a copy of
		// the ledger in its old layout to go back to, made now even if
		// today has a backup or opt.NoBackup is set.
		if err := l.upgradeBackup(); err != nil {
			// Not migrated: open as it is, read-only, saying why (schema
			// 1 cannot be read as it is: refused).
			_ = db.Close()
			why := fmt.Errorf("%s: schema %d: %w: %w", path, schema, ErrUpgradeNeedsBackup, err)
			if schema < 2 {
				return nil, why
			}
			return openReadOnlyBecause(path, opt, why)
		}
		// Records of older schemas carry no checksum: a damaged one would
		// be summed as it is. The domain check above read them all.
		if err := l.migrate(schema); err != nil {
			_ = db.Close()
			return nil, fmt.Errorf("%s: migrating from schema %d: %w", path, schema, err)
		}
	}
	if !opt.NoBackup && schema == SchemaVersion {
		l.backupErr = l.autoBackup(false)
	}
	if !opt.keepTemps {
		l.removeLeftovers()
	}
	return l, nil
}

// openReadOnlyBecause opens the ledger at path, already checked, for
// looking and exporting only, ReadOnlyProblem giving why.
func openReadOnlyBecause(path string, opt Options, why error) (*Ledger, error) {
	db, err := openBolt(path, opt, true)
	if err != nil {
		return nil, err
	}
	return &Ledger{db: db, path: path, opt: opt, readOnlyWhy: why}, nil
}

// upgradeBackup makes the backup a migration needs, unless the file in
// its older layout is kept elsewhere (opt.oldKept).
func (l *Ledger) upgradeBackup() error {
	if l.opt.oldKept {
		return nil
	}
	return l.autoBackup(true)
}

func readSchema(tx *bolt.Tx) (uint32, error) {
	meta := tx.Bucket(bMeta)
	if meta == nil || string(meta.Get(kApp)) != appMagic {
		return 0, ErrNotLedger
	}
	v := meta.Get(kSchema)
	if len(v) != 4 {
		return 0, ErrNotLedger
	}
	s := binary.BigEndian.Uint32(v)
	if s > SchemaVersion {
		return s, ErrNewerVersion
	}
	if s == 0 {
		return 0, ErrNotLedger
	}
	return s, nil
}

func mapOpenError(path string, err error) error {
	switch {
	case errors.Is(err, berrors.ErrTimeout):
		return fmt.Errorf("%s: %w", path, ErrLocked)
	case errors.Is(err, berrors.ErrChecksum):
		return fmt.Errorf("%s: %w: %v", path, ErrDamaged, err)
	case errors.Is(err, berrors.ErrInvalid), errors.Is(err, berrors.ErrVersionMismatch):
		return fmt.Errorf("%s: %w: %v", path, ErrNotLedger, err)
	case errors.Is(err, os.ErrNotExist):
		return fmt.Errorf("%s: %w", path, ErrNotFound)
	}
	return err
}

// newID returns a time-ordered (v7) UUID.
func newID() uuid.UUID {
	id, err := uuid.NewV7()
	if err != nil {
		return uuid.New()
	}
	return id
}

// Branch returns the branch profile.
func (l *Ledger) Branch() (Branch, error) {
	var b Branch
	err := l.view(func(tx *bolt.Tx) error {
		return decode(tx.Bucket(bMeta).Get(kBranch), &b)
	})
	return b, err
}

// SaveBranch replaces the branch profile.
func (l *Ledger) SaveBranch(b Branch) error {
	if b.Name == "" {
		return &ValidationError{Problems: []Problem{{Field: "branch", Code: ProblemRequired}}}
	}
	return l.update(func(tx *bolt.Tx) error {
		var old Branch
		if err := decode(tx.Bucket(bMeta).Get(kBranch), &old); err != nil {
			return err
		}
		b.Created, b.Updated = old.Created, l.Now()
		v, err := encode(&b)
		if err != nil {
			return err
		}
		return tx.Bucket(bMeta).Put(kBranch, v)
	})
}
