package winsys

import (
	"io"
	"os"

	"golang.org/x/sys/windows"
)

// attachParentProcess is ATTACH_PARENT_PROCESS, (DWORD)-1.
const attachParentProcess = ^uint32(0)

// Console returns where the command line writes, and done, to be called
// before exiting, which flushes it.
//
// branchledger.exe is a GUI program: started from cmd or PowerShell it has
// no standard output, so it attaches to the console of the shell that
// started it and writes there (cmd does not wait for a GUI program, so the
// prompt may come back first and %ERRORLEVEL% is not its exit code; the
// console program branchledger-cli.exe, built from the same code by make
// dist, is the one for scripts). Writing to a console, Go converts to
// UTF-16 (WriteConsoleW), so Chinese shows whatever the code page; output
// redirected to a file or a pipe is written in the console's code page
// (codePageEncoding).
func Console() (out, errOut io.Writer, done func()) {
	stdout, stderr := os.Stdout, os.Stderr
	if !valid(stdout) || !valid(stderr) {
		if r, _, _ := windows.NewLazySystemDLL("kernel32.dll").NewProc("AttachConsole").Call(uintptr(attachParentProcess)); r != 0 {
			con, err := os.OpenFile("CONOUT$", os.O_WRONLY, 0)
			if err == nil {
				if !valid(stdout) {
					stdout = con
				}
				if !valid(stderr) {
					stderr = con
				}
			}
		}
	}
	cp, err := windows.GetConsoleOutputCP()
	if err != nil {
		cp = 0 // no console at all: bytes stay UTF-8
	}
	o, closeOut := writerFor(stdout, cp)
	e, closeErr := writerFor(stderr, cp)
	return o, e, func() {
		_ = closeOut() // at exit; a lost flush has no one to tell
		_ = closeErr()
	}
}

// valid reports whether f is a usable standard handle.
func valid(f *os.File) bool {
	if f == nil {
		return false
	}
	h := windows.Handle(f.Fd())
	return h != 0 && h != windows.InvalidHandle
}

// writerFor is where to write for the standard handle f: nowhere when
// there is none, f itself when it is the console (Go writes UTF-16
// there), and f in the console code page's encoding when it is a file or
// a pipe.
func writerFor(f *os.File, cp uint32) (io.Writer, func() error) {
	if !valid(f) {
		return io.Discard, func() error { return nil }
	}
	var mode uint32
	if windows.GetConsoleMode(windows.Handle(f.Fd()), &mode) == nil {
		return f, func() error { return nil }
	}
	return encodedWriter(f, cp)
}
