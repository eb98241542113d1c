// Package assets embeds what the program ships besides code: the icon and
// the translation files (zh-Hans.json, en.json, and feature files named
// FEATURE.zh-Hans.json / FEATURE.en.json). It does not import Fyne, so the
// command line reads the same words as the windows do.
package assets

import "embed"

// Translations holds translations/*.json; keys are message IDs, values
// go-i18n templates ("第 {{.Row}} 行").
//
//go:embed translations/*.json
var Translations embed.FS

// Icon is the application icon (512×512 PNG).
//
//go:embed icon.png
var Icon []byte
