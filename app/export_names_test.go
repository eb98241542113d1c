package app

import (
	"os"
	"path/filepath"
	"testing"
)

// TestExportNameChecked checks that the window refuses a name Windows
// would misread, in Chinese and before writing anything, and adds .xlsx.
func TestExportNameChecked(t *testing.T) {
	s, _ := newTestShell(t)
	s.show(pageExcel)
	p := s.screens.excel
	s.run.Wait()
	x := p.exp
	x.dir = t.TempDir()
	for _, tt := range []struct{ name, want string }{
		{"CON", "文件名：“CON.xlsx”是 Windows 保留的设备名，不能用作文件名，请换一个名字"},
		{"报表:2026.xlsx", "文件名：不能含有“:”；文件名里不能用 < > : \" / \\ | ? * 这些符号"},
		{"报表?", "文件名：不能含有“?”；文件名里不能用 < > : \" / \\ | ? * 这些符号"},
	} {
		x.name.SetText(tt.name)
		x.onExport()
		if x.done.Text != tt.want {
			t.Errorf("name %q: got %q, want %q", tt.name, x.done.Text, tt.want)
		}
	}
	if ents, err := os.ReadDir(x.dir); err != nil || len(ents) != 0 {
		t.Errorf("refused names wrote %d files (%v)", len(ents), err)
	}
	x.name.SetText("二〇二六年报表")
	x.onExport()
	s.run.Wait()
	want := filepath.Join(x.dir, "二〇二六年报表.xlsx")
	if got := x.done.Text; got != "已导出："+want {
		t.Errorf("after exporting: got %q, want 已导出：%s", got, want)
	}
	if _, err := os.Stat(want); err != nil {
		t.Errorf("export with .xlsx added: %v", err)
	}
}
