//go:build !windows

package app

import (
	"errors"
	"net/url"
	"os"
	"path/filepath"
	"runtime"

	"fyne.io/fyne/v2/storage"
)

// nativePath gives a path from a Fyne URI; outside Windows it already is
// the native form.
func nativePath(p string) string { return p }

// documentsDir is the user's Documents folder: the XDG user folder on
// Linux (文档 on a Chinese desktop), ~/Documents on macOS.
func documentsDir() (string, error) {
	home, err := os.UserHomeDir()
	if err != nil {
		return "", err
	}
	dir := filepath.Join(home, "Documents")
	if runtime.GOOS != "darwin" {
		conf := os.Getenv("XDG_CONFIG_HOME")
		if conf == "" {
			conf = filepath.Join(home, ".config")
		}
		if b, err := os.ReadFile(filepath.Join(conf, "user-dirs.dirs")); err == nil {
			if d := xdgDocuments(string(b), home); d != "" {
				dir = d
			}
		}
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return "", errors.New("no documents folder")
	}
	return dir, nil
}

// openFolder shows dir in the system's file manager.
func (s *shell) openFolder(dir string) error { return s.app.OpenURL(folderURL(dir)) }

// openFile opens a file with the system's default program.
func (s *shell) openFile(path string) error {
	u, err := url.Parse(storage.NewFileURI(path).String())
	if err != nil {
		return err
	}
	return s.app.OpenURL(u)
}
