package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Enter confirms and Escape cancels in every dialog and pop-up, and the
// keyboard focus is easy to see.
//
// Fyne 2.7 gives custom dialogs no Escape, and its canvas hears a key only
// when no widget has the focus. So the window's canvas handles both keys
// for whatever is on top: a dialog's buttons are found in its button row
// (the dialog package lays out [icon, background, content, buttons,
// title]); Enter taps its main (high-importance) button, or its only one;
// Escape taps its other button (取消, 关闭), or hides a pop-up such as the
// date picker. Entries of a form are armed with armEntries, so Enter in a
// text field confirms too. Escape typed into a focused text field reaches
// only that field, so every text field is an escEntry (newFormEntry) that
// hands Escape to the same handling.

// installKeys makes the canvas of w handle Enter and Escape for the dialog
// or pop-up on top, passing other keys to the handler it had. Call it once
// per window.
func installKeys(w fyne.Window) {
	c := w.Canvas()
	prev := c.OnTypedKey()
	c.SetOnTypedKey(func(ev *fyne.KeyEvent) {
		if handleDialogKey(c, ev.Name) {
			return
		}
		if prev != nil {
			prev(ev)
		}
	})
}

// handleDialogKey acts on the overlay on top of c for Enter (Return or
// keypad Enter) and Escape, and reports whether it did.
func handleDialogKey(c fyne.Canvas, key fyne.KeyName) bool {
	top := c.Overlays().Top()
	if top == nil || !top.Visible() {
		return false
	}
	enter := key == fyne.KeyReturn || key == fyne.KeyEnter
	if !enter && key != fyne.KeyEscape {
		return false
	}
	main, other, found := dialogButtons(top)
	switch {
	case !found && !enter:
		top.Hide() // a pop-up without buttons: the date picker, a menu
		return true
	case !found:
		return false
	case enter && main != nil:
		main.OnTapped()
	case !enter && other != nil:
		other.OnTapped()
	default:
		return false
	}
	return true
}

// dialogButtons finds, in an overlay built by Fyne's dialog package, the
// button that confirms (the high-importance one, or the only one) and the
// one that cancels (the first other one, or the only one). found is false
// for overlays that are not dialogs.
func dialogButtons(top fyne.CanvasObject) (main, other *widget.Button, found bool) {
	pop, ok := top.(*widget.PopUp)
	if !ok {
		return nil, nil, false
	}
	box, ok := pop.Content.(*fyne.Container)
	if !ok || len(box.Objects) != 5 {
		return nil, nil, false
	}
	var all []*widget.Button
	walkObjects(box.Objects[3], func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Visible() && !b.Disabled() && b.OnTapped != nil {
			all = append(all, b)
		}
	})
	if len(all) == 0 {
		return nil, nil, false
	}
	if len(all) == 1 {
		return all[0], all[0], true
	}
	for _, b := range all {
		if b.Importance == widget.HighImportance || b.Importance == widget.DangerImportance {
			if main == nil {
				main = b
			}
		} else if other == nil {
			other = b
		}
	}
	return main, other, true
}

// walkObjects calls fn for o and every object inside its containers,
// scrolls, cards and forms.
func walkObjects(o fyne.CanvasObject, fn func(fyne.CanvasObject)) {
	if o == nil {
		return
	}
	fn(o)
	switch c := o.(type) {
	case *fyne.Container:
		for _, child := range c.Objects {
			walkObjects(child, fn)
		}
	case *container.Scroll:
		walkObjects(c.Content, fn)
	case *widget.Card:
		walkObjects(c.Content, fn)
	case *widget.Form:
		for _, it := range c.Items {
			walkObjects(it.Widget, fn)
		}
	}
}

// armEntries makes Enter in every single-line text field inside root call
// submit, unless the field already does something on Enter: the canvas
// does not hear keys typed into a focused field.
func armEntries(root fyne.CanvasObject, submit func()) {
	arm := func(e *widget.Entry) {
		if !e.MultiLine && e.OnSubmitted == nil {
			e.OnSubmitted = func(string) { submit() }
		}
	}
	walkObjects(root, func(o fyne.CanvasObject) {
		switch e := o.(type) {
		case *widget.Entry:
			arm(e)
		case *escEntry:
			arm(&e.Entry)
		case *escSelectEntry:
			arm(&e.Entry)
		case *widget.SelectEntry:
			arm(&e.Entry)
		}
	})
}

// focusTheme is the default theme with a focus colour strong enough to
// see which control the keyboard is on (Fyne's own is a faint tint).
type focusTheme struct{ fyne.Theme }

// Color returns the default theme's colours, with a stronger focus colour.
func (t focusTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if n == theme.ColorNameFocus {
		if v == theme.VariantDark {
			return color.NRGBA{R: 0x66, G: 0xb2, B: 0xff, A: 0x99}
		}
		return color.NRGBA{R: 0x00, G: 0x5c, B: 0xd6, A: 0x80}
	}
	return t.Theme.Color(n, v)
}

// newFocusTheme wraps the default theme.
func newFocusTheme() fyne.Theme { return focusTheme{theme.DefaultTheme()} }

// escEntry is a text field that hears Escape: Fyne's Entry ignores it, and
// the canvas hears no key while a field has the focus. Fields that have
// the focus when their dialog opens (the session picker's search) use it,
// so Escape closes the dialog there too.
type escEntry struct {
	widget.Entry
	onEscape func()
}

func newEscEntry(onEscape func()) *escEntry {
	e := &escEntry{onEscape: onEscape}
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey runs onEscape for Escape and types every other key.
func (e *escEntry) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape && e.onEscape != nil {
		e.onEscape()
		return
	}
	e.Entry.TypedKey(ev)
}

// newFormEntry is a single-line text field on which Escape cancels the
// dialog or closes the pop-up on top, as it does with no field focused:
// every form field is one, so Escape works wherever the cursor is.
func newFormEntry() *escEntry {
	e := &escEntry{Entry: widget.Entry{Wrapping: fyne.TextWrap(fyne.TextTruncateClip)}} // as widget.NewEntry
	e.onEscape = e.escapeOverlay
	e.ExtendBaseWidget(e)
	return e
}

// newFormMultiLineEntry is newFormEntry for several lines, as
// widget.NewMultiLineEntry.
func newFormMultiLineEntry() *escEntry {
	e := newFormEntry()
	e.MultiLine = true
	return e
}

// escapeOverlay gives Escape to the window's dialog handling
// (handleDialogKey) for the dialog or pop-up on top of e's canvas.
func (e *escEntry) escapeOverlay() {
	if c := fyne.CurrentApp().Driver().CanvasForObject(e); c != nil {
		handleDialogKey(c, fyne.KeyEscape)
	}
}

// escSelectEntry is a text field with suggestions (widget.SelectEntry) on
// which Escape cancels the dialog on top, as on newFormEntry's fields.
type escSelectEntry struct {
	widget.SelectEntry
}

// newFormSelectEntry is widget.NewSelectEntry(options) hearing Escape.
func newFormSelectEntry(options []string) *escSelectEntry {
	e := &escSelectEntry{}
	e.ExtendBaseWidget(e)
	e.Wrapping = fyne.TextWrap(fyne.TextTruncateClip)
	e.SetOptions(options)
	return e
}

// TypedKey gives Escape to the window's dialog handling and types every
// other key.
func (e *escSelectEntry) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape {
		if c := fyne.CurrentApp().Driver().CanvasForObject(e); c != nil && handleDialogKey(c, fyne.KeyEscape) {
			return
		}
	}
	e.SelectEntry.TypedKey(ev)
}
