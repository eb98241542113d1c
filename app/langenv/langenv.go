// Package langenv makes Simplified Chinese the language when the
// environment names none (a bare "C" or "POSIX" locale, as on a fresh Linux
// machine). It is imported for its side effect: packages initialise in
// import-path order, so "branchledger/…" runs before Fyne reads the locale
// in its own init, and Fyne neither complains about "C" nor falls back to
// English for the program's Chinese-reading users.
package langenv

import (
	"os"
	"strings"
)

func init() {
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if s := os.Getenv(v); s != "" {
			if s != "C" && s != "POSIX" && !strings.HasPrefix(s, "C.") {
				return
			}
			_ = os.Unsetenv(v) // a C locale says nothing about language
		}
	}
	_ = os.Setenv("LANG", "zh_CN.UTF-8") // fails only for an invalid name
}
