package winsys

import (
	"errors"
	"testing"
)

func TestCause(t *testing.T) {
	tests := []struct {
		logged string
		v      any
		want   string
	}{
		{"PlatformError: X11: The DISPLAY environment variable is missing\n", errors.New("NotInitialized: The GLFW library is not initialized"),
			"PlatformError: X11: The DISPLAY environment variable is missing"},
		{"first\nPlatformError: WGL: Failed to create OpenGL context\n\n", "the window was not created",
			"PlatformError: WGL: Failed to create OpenGL context"},
		{"", "the window was not created", "the window was not created"},
		{"  \n", "two\nlines", "two lines"},
	}
	for _, tt := range tests {
		if got := cause(tt.logged, tt.v); got != tt.want {
			t.Errorf("cause(%q, %v) = %q, want %q", tt.logged, tt.v, got, tt.want)
		}
	}
}

func TestRecovered(t *testing.T) {
	we := &WindowError{NoDisplay: true, Cause: "x"}
	if got := Recovered(we); got != we {
		t.Errorf("Recovered(%v) = %v, want the same error", we, got)
	}
	if got := Recovered("glfw: boom"); got.NoDisplay || got.Cause != "glfw: boom" {
		t.Errorf("Recovered(string) = %+v", got)
	}
	if got := (&WindowError{Cause: "c"}).Error(); got != "no OpenGL context: c" {
		t.Errorf("Error() = %q", got)
	}
}
