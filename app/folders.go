package app

import (
	"os"
	"path/filepath"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"

	"branchledger/data/search"
)

// Where file and folder dialogs start, and the order of name choices.

// prefLastFolder is the preference holding the folder last used in a file
// or folder dialog.
const prefLastFolder = "dialog.last_folder"

// startFolder is where a file or folder dialog opens: the folder last
// used, while it exists, else the user's Documents folder; nil (Fyne's
// default) when neither exists.
func startFolder(prefs fyne.Preferences) fyne.ListableURI {
	dir := prefs.String(prefLastFolder)
	if st, err := os.Stat(dir); dir == "" || err != nil || !st.IsDir() {
		var err error
		if dir, err = documentsDir(); err != nil { // folders_*.go
			return nil
		}
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

// startIn points d at startFolder (the folder last used, or Documents).
func startIn(d *dialog.FileDialog, prefs fyne.Preferences) {
	if dir := startFolder(prefs); dir != nil {
		d.SetLocation(dir)
	}
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
