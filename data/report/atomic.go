package report

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"syscall"

	"branchledger/data"
)

// WriteFile writes the reports of opt to path and records the export in
// the ledger (when, which reports, which year, masked or full numbers,
// which file), since full ID numbers leaving the machine must leave a
// trace. The workbook is written through data.CreateAtomic, so path holds
// either the old file or the whole new one. A target open in Excel, WPS or
// LibreOffice gives ErrTargetBusy and a read-only target or folder
// ErrTargetReadOnly, before anything is written. A ledger open read-only
// (its file or media cannot be written) cannot take the record: the
// report is written without it, and the caller tells the user (see
// data.Ledger.ReadOnly).
func WriteFile(l *data.Ledger, path string, opt Options) (err error) {
	if opt, err = resolve(l, opt); err != nil {
		return err
	}
	if abs, aerr := filepath.Abs(path); aerr == nil {
		path = abs
	}
	if err := checkTarget(path); err != nil {
		return err
	}
	a, err := data.CreateAtomic(path)
	if err != nil {
		return targetError(path, err)
	}
	if err = Write(l, a.File, opt); err != nil {
		a.Abort()
		return err
	}
	// The trace comes before the file takes its place: a report with full
	// numbers is never left in place without its record.
	record := func() error {
		if l.ReadOnly() {
			return nil
		}
		return l.RecordExport(&data.ExportRecord{Reports: opt.Reports, Year: opt.Year, FullIDs: opt.FullIDs, File: path})
	}
	if err = a.Commit(record); err != nil {
		return targetError(path, err)
	}
	return nil
}

// Reports returns the reports WriteFile writes for opt: all of them for
// none named, without the sign-in sheet when no session is planned.
func Reports(l *data.Ledger, opt Options) ([]string, error) {
	opt, err := resolve(l, opt)
	return opt.Reports, err
}

// checkTarget refuses, before anything is written, a target that Excel
// (or WPS) holds open or that is marked read-only, and a read-only folder.
func checkTarget(path string) error {
	dir, base := filepath.Split(path)
	// Excel and WPS keep an owner file "~$NAME" beside a workbook they
	// have open, on every platform; LibreOffice keeps ".~lock.NAME#".
	for _, lock := range []string{"~$" + base, ".~lock." + base + "#"} {
		if _, err := os.Lstat(filepath.Join(dir, lock)); err == nil {
			return fmt.Errorf("%s: %w", path, ErrTargetBusy)
		}
	}
	st, err := os.Stat(path)
	switch {
	case err == nil && st.IsDir():
		return fmt.Errorf("%s: is a folder: %w", path, ErrTargetReadOnly)
	case err == nil:
		if st.Mode().Perm()&0o200 == 0 {
			return fmt.Errorf("%s: %w", path, ErrTargetReadOnly)
		}
		// Opening for writing (without truncating) fails while Excel holds
		// the file on Windows; it changes nothing.
		f, oerr := os.OpenFile(path, os.O_WRONLY, 0)
		if oerr != nil {
			return targetError(path, oerr)
		}
		if cerr := f.Close(); cerr != nil {
			return cerr
		}
	case !errors.Is(err, fs.ErrNotExist):
		return targetError(path, err)
	}
	ds, err := os.Stat(filepath.Dir(path))
	if err != nil {
		return err
	}
	// The owner's write bit: checked because a process with privileges
	// (root, an administrator) would otherwise write into a folder its
	// user has made read-only.
	if runtime.GOOS != "windows" && ds.Mode().Perm()&0o200 == 0 {
		return fmt.Errorf("%s: %w", filepath.Dir(path), ErrTargetReadOnly)
	}
	return nil
}

// targetError classifies an error from opening, creating or renaming
// over the target.
func targetError(path string, err error) error {
	switch {
	case isSharingViolation(err):
		return fmt.Errorf("%s: %w: %w", path, ErrTargetBusy, err)
	case errors.Is(err, fs.ErrPermission) && runtime.GOOS == "windows" && exists(path):
		// Windows refuses to replace a file another program holds open
		// with "access denied".
		return fmt.Errorf("%s: %w: %w", path, ErrTargetBusy, err)
	case errors.Is(err, fs.ErrPermission), errors.Is(err, syscall.EROFS):
		return fmt.Errorf("%s: %w: %w", path, ErrTargetReadOnly, err)
	}
	return err
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
