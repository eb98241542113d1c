package report

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
)

// FontXiaoBiaoSong is the heavy face of Chinese official documents
// (方正小标宋简体, GB/T 9704 titles). Not every machine has it; 黑体
// stands in where it is missing (Options.TitleFont).
const FontXiaoBiaoSong = "方正小标宋简体"

// FontDirs lists the folders where the system and the user keep fonts
// on this operating system.
func FontDirs() []string {
	home, _ := os.UserHomeDir()
	switch runtime.GOOS {
	case "windows":
		dirs := []string{filepath.Join(os.Getenv("WINDIR"), "Fonts")}
		if local := os.Getenv("LOCALAPPDATA"); local != "" {
			dirs = append(dirs, filepath.Join(local, "Microsoft", "Windows", "Fonts"))
		}
		return dirs
	case "darwin":
		return []string{"/Library/Fonts", "/System/Library/Fonts", filepath.Join(home, "Library", "Fonts")}
	}
	return []string{"/usr/share/fonts", "/usr/local/share/fonts", filepath.Join(home, ".local", "share", "fonts"),
		filepath.Join(home, ".fonts")}
}

// InstalledTitleFont returns FontXiaoBiaoSong when a font file of it is
// in one of dirs (or a folder below, two levels at most), and "" when
// none is: the file is named FZXBSJW.TTF by its maker, or after the face.
// Unreadable folders are passed over.
func InstalledTitleFont(dirs []string) string {
	for _, dir := range dirs {
		if dir == "" {
			continue
		}
		found := false
		_ = filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
			if err != nil || found {
				return filepath.SkipDir
			}
			if d.IsDir() {
				if rel, _ := filepath.Rel(dir, path); strings.Count(rel, string(filepath.Separator)) >= 2 {
					return filepath.SkipDir
				}
				return nil
			}
			n := strings.ToUpper(d.Name())
			if strings.HasPrefix(n, "FZXBS") || strings.Contains(d.Name(), "小标宋") {
				found = true
				return filepath.SkipAll
			}
			return nil
		})
		if found {
			return FontXiaoBiaoSong
		}
	}
	return ""
}
