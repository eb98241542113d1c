package app

import (
	"os/exec"
	"syscall"

	"golang.org/x/sys/windows"
)

// nativePath gives a path from a Fyne URI in Windows form (C:\Users\…).
func nativePath(p string) string { return winPath(p) }

// documentsDir is the user's Documents folder as Windows knows it, which
// follows the folder when it is moved to OneDrive or another drive.
func documentsDir() (string, error) {
	return windows.KnownFolderPath(windows.FOLDERID_Documents, windows.KF_FLAG_DEFAULT)
}

// openFolder shows dir in Explorer. (Fyne's OpenURL hands a
// percent-encoded file URL to rundll32 url.dll, which fails on Chinese
// folder names.) Explorer's exit status is 1 even when it worked, so only
// a failure to start it counts.
func (s *shell) openFolder(dir string) error {
	cmd := exec.Command("explorer.exe")
	cmd.SysProcAttr = &syscall.SysProcAttr{CmdLine: explorerCommandLine(dir)}
	if err := cmd.Start(); err != nil {
		return err
	}
	go func() { _ = cmd.Wait() }() // reap it; its status means nothing
	return nil
}

// openFile opens a file with the program Windows associates with it.
func (s *shell) openFile(path string) error {
	verb, err := windows.UTF16PtrFromString("open")
	if err != nil {
		return err
	}
	file, err := windows.UTF16PtrFromString(winPath(path))
	if err != nil {
		return err
	}
	return windows.ShellExecute(0, verb, file, nil, nil, windows.SW_SHOWNORMAL)
}
