package app

import (
	"bufio"
	"path/filepath"
	"strings"
)

// winPath turns a path the way Fyne's file URIs give it on Windows
// (C:/Users/…, /C:/Users/…, //server/share/…) into the native form with
// backslashes, the form Explorer, Excel and the user expect to see.
func winPath(p string) string {
	if len(p) >= 3 && p[0] == '/' && p[2] == ':' {
		p = p[1:]
	}
	return strings.ReplaceAll(p, "/", `\`)
}

// explorerCommandLine is the command line that opens Explorer on a
// folder. Explorer reads its command line itself rather than by the C
// rules, so the path is quoted only when it holds a space, and a quoted
// path never ends in a backslash (which would escape the quote).
func explorerCommandLine(dir string) string {
	dir = winPath(dir)
	if !strings.Contains(dir, " ") {
		return "explorer.exe " + dir
	}
	return `explorer.exe "` + strings.TrimRight(dir, `\`) + `"`
}

// xdgDocuments reads the Documents folder from the text of
// ~/.config/user-dirs.dirs (XDG_DOCUMENTS_DIR="$HOME/文档"), with $HOME
// replaced by home; "" when the file does not name one, or names home
// itself (the XDG way of saying there is none).
func xdgDocuments(userDirs, home string) string {
	sc := bufio.NewScanner(strings.NewReader(userDirs))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		v, ok := strings.CutPrefix(line, "XDG_DOCUMENTS_DIR=")
		if !ok {
			continue
		}
		v = strings.Trim(v, `"`)
		if rest, ok := strings.CutPrefix(v, "$HOME"); ok {
			v = home + rest
		}
		if !filepath.IsAbs(v) || filepath.Clean(v) == filepath.Clean(home) {
			return ""
		}
		return filepath.Clean(v)
	}
	return ""
}
