//go:build !windows

package msg

import (
	"fmt"
	"io/fs"
	"os"
	"strings"
	"syscall"
	"testing"

	"branchledger/data"
)

// TestErrorsInPlainWords: the operating-system errors people meet (as os
// and bbolt return them, wrapped by data/), and the damaged and read-only
// ledger, become Chinese sentences that say what to do and carry no Go
// error text.
func TestErrorsInPlainWords(t *testing.T) {
	zh := load(t, "zh-Hans")
	pathErr := func(op string, e error) error {
		return fmt.Errorf("backup: %w", &fs.PathError{Op: op, Path: "/media/u盘/支部.ledger", Err: e})
	}
	for _, tc := range []struct {
		err  error
		want string
	}{
		{pathErr("write", syscall.ENOSPC), "磁盘空间已满，没有保存。请删除不需要的文件或换一个磁盘后再试"},
		{pathErr("open", syscall.ENAMETOOLONG), "文件名或文件夹路径太长，无法保存。请换一个短一些的文件名"},
		{pathErr("open", syscall.EROFS), "这个磁盘是只读的（例如光盘、写保护的U盘或只读的网络文件夹），不能写入。请把文件复制到电脑上再操作。"},
		{pathErr("open", syscall.EACCES), "没有权限写入这个文件或文件夹。请把文件保存到自己的文件夹"},
		{&os.LinkError{Op: "rename", Old: "a", New: "b", Err: syscall.EPERM}, "没有权限写入这个文件或文件夹。"},
		{fmt.Errorf("x.ledger: %w: page 4 names itself 0", data.ErrDamaged), "台账文件已损坏（可能因为断电、磁盘故障或网盘同步不完整）"},
		{fmt.Errorf("x.ledger: %w", data.ErrReadOnly), "台账以只读方式打开，不能修改。"},
	} {
		got := zh.Error(tc.err)
		if !strings.HasPrefix(got, tc.want) {
			t.Errorf("%v:\n got %q\nwant %q…", tc.err, got, tc.want)
		}
		if strings.ContainsAny(got, "abcdefghijklmnopqrstuvwxyz") {
			t.Errorf("%v: %q carries English", tc.err, got)
		}
	}
}
