//go:build (gles || arm || arm64) && !darwin

package winsys

import "github.com/go-gl/glfw/v3.3/glfw"

// contextHints asks for the context Fyne asks for on ARM and GLES builds:
// OpenGL ES 2.0 (fyne internal/driver/glfw/glfw_es.go, same build tags).
func contextHints() {
	glfw.WindowHint(glfw.ClientAPI, glfw.OpenGLESAPI)
	glfw.WindowHint(glfw.ContextVersionMajor, 2)
	glfw.WindowHint(glfw.ContextVersionMinor, 0)
}
