// Package msg maps what the data layer reports (sentinel errors, field
// problems) to message keys of the translation files, and renders those
// messages for the command line. Windows render the same keys with Fyne's
// lang.L; this package stays free of Fyne.
package msg

import (
	"errors"
	"os"
	"strings"
	"text/template"

	"branchledger/assets"
	"branchledger/data"
)

// Text is a message key with the values of its placeholders.
type Text struct {
	Key  string
	Args map[string]any
}

// ForError returns the message for an error from data/. Errors it does not
// know become "error.other" with the Go error text as detail.
func ForError(err error) Text {
	if t, ok := forDuesError(err); ok {
		return t
	}
	var ve *data.ValidationError
	switch {
	case errors.As(err, &ve):
		return Text{"error.invalid", map[string]any{"Count": len(ve.Problems), "First": ve.Problems[0]}}
	case errors.Is(err, data.ErrLocked):
		return Text{Key: "error.locked"}
	case errors.Is(err, data.ErrBackupDamaged):
		return Text{Key: "error.backup_damaged"}
	case errors.Is(err, data.ErrDamaged):
		return Text{Key: "error.damaged"}
	case errors.Is(err, data.ErrReadOnly):
		return Text{Key: "error.read_only"}
	case errors.Is(err, data.ErrNotLedger):
		return Text{Key: "error.not_ledger"}
	case errors.Is(err, data.ErrNewerVersion):
		return Text{Key: "error.newer_version"}
	case errors.Is(err, data.ErrOlderVersion):
		return Text{Key: "error.older_version"}
	case errors.Is(err, data.ErrUpgradeNeedsBackup):
		return Text{Key: "error.upgrade_needs_backup"}
	case errors.Is(err, data.ErrExists):
		return Text{Key: "error.exists"}
	case errors.Is(err, data.ErrNotFound), errors.Is(err, os.ErrNotExist):
		return Text{Key: "error.not_found"}
	case errors.Is(err, data.ErrSessionClosed):
		return Text{Key: "error.session_closed"}
	case errors.Is(err, data.ErrDuplicateID):
		return Text{Key: "error.duplicate_id"}
	case errors.Is(err, data.ErrStale):
		return Text{Key: "error.stale"}
	}
	if k := osErrorKey(err); k != "" {
		return Text{Key: k}
	}
	return Text{"error.other", map[string]any{"Err": err.Error()}}
}

// ReadOnlyKey is the message key saying why a ledger asked for writing
// was opened read-only (Ledger.ReadOnlyProblem): not upgraded for want
// of its backup, or a file or disk that cannot be written.
func ReadOnlyKey(why error) string {
	if errors.Is(why, data.ErrUpgradeNeedsBackup) {
		return "read_only.upgrade"
	}
	return "read_only.media"
}

// Catalog is one language's messages, for the command line.
type Catalog struct {
	lang     string
	messages map[string]string
}

// DetectLang returns "en" when the environment asks for English and
// "zh-Hans" otherwise: Chinese is the program's first language.
func DetectLang() string {
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if s := os.Getenv(v); s != "" {
			if strings.HasPrefix(s, "en") {
				return "en"
			}
			return "zh-Hans"
		}
	}
	return "zh-Hans"
}

// Load reads every translation file of lang ("zh-Hans" or "en"):
// lang.json and FEATURE.lang.json.
func Load(lang string) (*Catalog, error) {
	words, err := assets.Words(lang)
	if err != nil {
		return nil, err
	}
	c := &Catalog{lang: lang, messages: words}
	return c, nil
}

// Lang returns the catalog's language.
func (c *Catalog) Lang() string { return c.lang }

// Has reports whether the catalog has a message for key.
func (c *Catalog) Has(key string) bool { _, ok := c.messages[key]; return ok }

// T renders the message key with args; an unknown key renders as itself.
func (c *Catalog) T(key string, args map[string]any) string {
	s, ok := c.messages[key]
	if !ok {
		return key
	}
	if !strings.Contains(s, "{{") {
		return s
	}
	t, err := template.New(key).Option("missingkey=zero").Parse(s)
	if err != nil {
		return s
	}
	var b strings.Builder
	if err := t.Execute(&b, args); err != nil {
		return s
	}
	return b.String()
}

// Text renders a Text; a data.Problem among its args is rendered first.
func (c *Catalog) Text(t Text) string {
	args := t.Args
	if p, ok := args["First"].(data.Problem); ok {
		args = copyArgs(args)
		args["First"] = c.Problem(p)
	}
	return c.T(t.Key, args)
}

// Problem renders a field problem as "公民身份号码：校验位不对…".
func (c *Catalog) Problem(p data.Problem) string {
	msg := c.T(p.Code, p.Args)
	if c.Has("field." + p.Field) {
		sep := "："
		if c.lang == "en" {
			sep = ": "
		}
		return c.T("field."+p.Field, nil) + sep + msg
	}
	return msg
}

// Error renders an error from data/.
func (c *Catalog) Error(err error) string { return c.Text(ForError(err)) }

func copyArgs(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}
