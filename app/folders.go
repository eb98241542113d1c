package app

import (
	"bufio"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"

	"branchledger/data/search"
)

// Where file and folder dialogs start, and the order of name choices.

// prefLastFolder is the preference holding the folder last used in a file
// or folder dialog.
const prefLastFolder = "dialog.last_folder"

// documentsDir returns the user's Documents folder as the system names it:
// on Linux the XDG_DOCUMENTS_DIR of ~/.config/user-dirs.dirs (文档 on a
// Chinese desktop), elsewhere ~/Documents (Windows and macOS show it
// translated but keep this path). "" when there is none.
func documentsDir(home string) string {
	if home == "" {
		return ""
	}
	if runtime.GOOS == "linux" {
		if d := xdgDocuments(filepath.Join(home, ".config", "user-dirs.dirs"), home); d != "" {
			return d
		}
	}
	d := filepath.Join(home, "Documents")
	if st, err := os.Stat(d); err == nil && st.IsDir() {
		return d
	}
	return ""
}

// xdgDocuments reads XDG_DOCUMENTS_DIR="$HOME/文档" from a user-dirs.dirs
// file; "" when absent or not a folder.
func xdgDocuments(file, home string) string {
	f, err := os.Open(file)
	if err != nil {
		return ""
	}
	defer func() { _ = f.Close() }() // read-only
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		v, ok := strings.CutPrefix(line, "XDG_DOCUMENTS_DIR=")
		if !ok {
			continue
		}
		v = strings.Trim(v, `"`)
		v = strings.Replace(v, "$HOME", home, 1)
		if st, err := os.Stat(v); err == nil && st.IsDir() && filepath.Clean(v) != filepath.Clean(home) {
			return v
		}
	}
	return ""
}

// startFolder is where a file or folder dialog opens: the folder last
// used, while it exists, else the user's Documents folder; nil (Fyne's
// default) when neither exists.
func startFolder(prefs fyne.Preferences) fyne.ListableURI {
	dir := prefs.String(prefLastFolder)
	if st, err := os.Stat(dir); dir == "" || err != nil || !st.IsDir() {
		home, _ := os.UserHomeDir() // no home: no Documents either
		dir = documentsDir(home)
	}
	if dir == "" {
		return nil
	}
	l, err := storage.ListerForURI(storage.NewFileURI(dir))
	if err != nil {
		return nil
	}
	return l
}

// rememberFolder keeps the folder of path (a file, or a folder itself
// when isDir) as where the next dialog starts.
func rememberFolder(prefs fyne.Preferences, path string, isDir bool) {
	if !isDir {
		path = filepath.Dir(path)
	}
	prefs.SetString(prefLastFolder, path)
}

// pinyinOrder returns names sorted in pinyin order (王晓明 after 李丽华),
// as the 主持人/记录人 choices are offered.
func pinyinOrder(names []string) []string {
	ix := search.NewIndex(names)
	order := make([]int, len(names))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, ix.Compare)
	out := make([]string, len(names))
	for i, j := range order {
		out[i] = names[j]
	}
	return out
}
