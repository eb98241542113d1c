package winsys

import (
	"io"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	"golang.org/x/text/transform"
)

// codePageEncoding is the encoding of a Windows console code page, for
// output redirected to a file or a pipe while a console is attached: cmd's
// type, more and findstr, and PowerShell's pipes, read such output in the
// console's code page (936 on a Chinese PC), so UTF-8 would show as
// mojibake there. It returns nil when the bytes stay UTF-8: code page
// 65001, and pages this program does not write (their readers get UTF-8,
// as before).
func codePageEncoding(cp uint32) encoding.Encoding {
	switch cp {
	case 936:
		return simplifiedchinese.GBK
	case 54936:
		return simplifiedchinese.GB18030
	case 950:
		return traditionalchinese.Big5
	}
	return nil
}

// encodedWriter is w writing in the encoding of code page cp (see
// codePageEncoding), with a character the page lacks written as its
// substitute byte; close flushes it. For UTF-8 it is w itself.
func encodedWriter(w io.Writer, cp uint32) (io.Writer, func() error) {
	enc := codePageEncoding(cp)
	if enc == nil {
		return w, func() error { return nil }
	}
	tw := transform.NewWriter(w, encoding.ReplaceUnsupported(enc.NewEncoder()))
	return tw, tw.Close
}
