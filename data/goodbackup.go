package data

import (
	"errors"
	"fmt"
	"time"
)

// BackupInfo describes a backup that passed the full check.
type BackupInfo struct {
	// Path is the backup file.
	Path string
	// Made is when the backup was made, by the clock of the time (read
	// from its name, local time).
	Made time.Time
	// Members and Sessions count the member and session records in it
	// (departed members included).
	Members, Sessions int
}

// NewestGoodBackup returns the most recently made automatic backup of the
// ledger at path that passes the full check (structure, checksums, domain
// invariants), for a damaged ledger to be restored from. Backups are only
// read. It returns ErrNotFound when there is none.
func NewestGoodBackup(path string) (BackupInfo, error) {
	bs, err := backupsOf(path)
	if err != nil {
		return BackupInfo{}, err
	}
	for _, b := range bs {
		info, err := inspectBackup(b)
		if err == nil {
			return info, nil
		}
		if !errors.Is(err, ErrDamaged) && !errors.Is(err, ErrNotLedger) && !errors.Is(err, ErrOlderVersion) &&
			!errors.Is(err, ErrNewerVersion) {
			return BackupInfo{}, err
		}
	}
	return BackupInfo{}, fmt.Errorf("good backup of %s: %w", path, ErrNotFound)
}

// inspectBackup opens one backup read-only (schema 2 included: its records
// read without checksums) and counts it if its check is clean.
func inspectBackup(b backupName) (BackupInfo, error) {
	l, err := Open(b.path, Options{ReadOnly: true, NoBackup: true})
	if err != nil {
		return BackupInfo{}, err
	}
	defer l.Close()
	ps, err := l.Check()
	if err != nil {
		return BackupInfo{}, err
	}
	if len(ps) > 0 {
		return BackupInfo{}, fmt.Errorf("%s: %d problems: %w", b.path, len(ps), ErrDamaged)
	}
	ms, err := l.Members()
	if err != nil {
		return BackupInfo{}, err
	}
	ss, err := l.Sessions(0, 0)
	if err != nil {
		return BackupInfo{}, err
	}
	made, err := time.ParseInLocation("20060102-150405", b.stamp, time.Local)
	if err != nil {
		return BackupInfo{}, fmt.Errorf("%s: %w", b.path, ErrNotLedger)
	}
	return BackupInfo{Path: b.path, Made: made, Members: len(ms), Sessions: len(ss)}, nil
}
