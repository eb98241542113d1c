// Package assets embeds what the program ships besides code: the icon and
// the translation files (zh-Hans.json, en.json, and feature files named
// FEATURE.zh-Hans.json / FEATURE.en.json). It does not import Fyne, so the
// command line reads the same words as the windows do.
package assets

import (
	"embed"
	"encoding/json"
	"strings"
)

// Translations holds translations/*.json; keys are message IDs, values
// go-i18n templates ("第 {{.Row}} 行").
//
//go:embed translations/*.json
var Translations embed.FS

// Icon is the application icon (512×512 PNG).
//
//go:embed icon.png
var Icon []byte

// Words returns every message of one language ("zh-Hans" or "en"): the
// entries of LANG.json and of every FEATURE.LANG.json, by key.
func Words(lang string) (map[string]string, error) {
	ents, err := Translations.ReadDir("translations")
	if err != nil {
		return nil, err
	}
	words := map[string]string{}
	for _, e := range ents {
		n := e.Name()
		if n != lang+".json" && !strings.HasSuffix(n, "."+lang+".json") {
			continue
		}
		b, err := Translations.ReadFile("translations/" + n)
		if err != nil {
			return nil, err
		}
		m := map[string]string{}
		if err := json.Unmarshal(b, &m); err != nil {
			return nil, err
		}
		for k, v := range m {
			words[k] = v
		}
	}
	return words, nil
}
