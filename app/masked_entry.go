package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// maskedEntry is an ID number or phone field that shows a stored value
// masked (310105********1234) and read-only until its eye button is
// pressed. A new member's fields start revealed: the user is typing them.
type maskedEntry struct {
	entry    *escEntry
	eye      *widget.Button
	root     fyne.CanvasObject
	stored   string
	revealed bool
	mask     func(string) string
}

func newMaskedEntry(value string, mask func(string) string, masked bool, changed func()) *maskedEntry {
	m := &maskedEntry{entry: newFormEntry(), stored: value, mask: mask}
	m.eye = widget.NewButtonWithIcon("", theme.VisibilityIcon(), m.toggle)
	m.root = container.NewBorder(nil, nil, nil, m.eye, m.entry)
	if masked && value != "" {
		m.entry.SetText(mask(value))
		m.entry.Disable()
	} else {
		m.revealed = true
		m.entry.SetText(value)
		m.eye.Hide()
	}
	m.entry.OnChanged = func(string) {
		if m.revealed {
			changed()
		}
	}
	return m
}

// value is the full value, whether shown or masked.
func (m *maskedEntry) value() string {
	if m.revealed {
		return m.entry.Text
	}
	return m.stored
}

// toggle reveals the full value for editing, or masks it again.
func (m *maskedEntry) toggle() {
	if m.revealed {
		m.stored = m.entry.Text
		m.revealed = false
		m.entry.SetText(m.mask(m.stored))
		m.entry.Disable()
		m.eye.SetIcon(theme.VisibilityIcon())
		return
	}
	m.revealed = true
	m.entry.SetText(m.stored)
	m.entry.Enable()
	m.eye.SetIcon(theme.VisibilityOffIcon())
}
