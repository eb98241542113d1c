package app

import (
	"testing"

	"fyne.io/fyne/v2"
)

// TestScreensFitSmallScreen checks that every screen fits the window's
// first size (1000×540, for a 1024×600 screen with its task bar): a
// screen whose minimum is larger would push the window off the screen or
// its buttons out of reach.
func TestScreensFitSmallScreen(t *testing.T) {
	s, w := newSmallBranch(t).open(t)
	w.Resize(fyne.NewSize(defaultWinWidth, defaultWinHeight))
	for id := range s.pages {
		s.show(pageID(id))
		s.run.Wait()
		if min := w.Content().MinSize(); min.Width > defaultWinWidth || min.Height > defaultWinHeight {
			t.Errorf("%s needs %.0f×%.0f, more than %d×%d", s.pages[id].key, min.Width, min.Height, defaultWinWidth, defaultWinHeight)
		}
	}
}
