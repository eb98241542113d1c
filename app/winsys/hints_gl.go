//go:build (!gles && !arm && !arm64) || darwin

package winsys

import "github.com/go-gl/glfw/v3.3/glfw"

// contextHints asks for the context Fyne's desktop driver asks for:
// OpenGL 2.1 (fyne internal/driver/glfw/glfw_core.go, same build tags).
func contextHints() {
	glfw.WindowHint(glfw.ContextVersionMajor, 2)
	glfw.WindowHint(glfw.ContextVersionMinor, 1)
}
