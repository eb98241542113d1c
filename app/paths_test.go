package app

import "testing"

func TestWinPath(t *testing.T) {
	tests := []struct{ in, want string }{
		{"C:/Users/张三/Documents", `C:\Users\张三\Documents`},
		{"/C:/Users/张三/我的 文档", `C:\Users\张三\我的 文档`},
		{"D:/", `D:\`},
		{"//server/共享/支部", `\\server\共享\支部`},
		{`C:\Users\already`, `C:\Users\already`},
		{"报表.xlsx", "报表.xlsx"},
	}
	for _, tt := range tests {
		if got := winPath(tt.in); got != tt.want {
			t.Errorf("winPath(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestExplorerCommandLine(t *testing.T) {
	tests := []struct{ in, want string }{
		{"C:/Users/张三/文档", `explorer.exe C:\Users\张三\文档`},
		{`C:\Users\张三\我的 文档\`, `explorer.exe "C:\Users\张三\我的 文档"`},
		{"D:/第一 支部", `explorer.exe "D:\第一 支部"`},
		{`C:\`, `explorer.exe C:\`},
		{"//server/共享 盘/x", `explorer.exe "\\server\共享 盘\x"`},
	}
	for _, tt := range tests {
		if got := explorerCommandLine(tt.in); got != tt.want {
			t.Errorf("explorerCommandLine(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestXDGDocuments(t *testing.T) {
	const home = "/home/zhang"
	tests := []struct{ file, want string }{
		{"# written by xdg-user-dirs-update\nXDG_DESKTOP_DIR=\"$HOME/桌面\"\nXDG_DOCUMENTS_DIR=\"$HOME/文档\"\n", "/home/zhang/文档"},
		{"XDG_DOCUMENTS_DIR=\"/data/共享/文档/\"\n", "/data/共享/文档"},
		{"XDG_DOCUMENTS_DIR=\"$HOME/\"\n", ""},
		{"XDG_DOCUMENTS_DIR=\"relative\"\n", ""},
		{"XDG_DOWNLOAD_DIR=\"$HOME/下载\"\n", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := xdgDocuments(tt.file, home); got != tt.want {
			t.Errorf("xdgDocuments(%q) = %q, want %q", tt.file, got, tt.want)
		}
	}
}
