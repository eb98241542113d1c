package winsys

import (
	"bytes"
	"testing"
)

// TestEncodedWriter checks the bytes written for redirected output in
// each console code page; the expected bytes are from the GBK, GB18030
// and Big5 tables (Python's codecs give the same).
func TestEncodedWriter(t *testing.T) {
	tests := []struct {
		cp   uint32
		in   string
		want []byte
	}{
		{936, "支部台账\n", []byte{0xd6, 0xa7, 0xb2, 0xbf, 0xcc, 0xa8, 0xd5, 0xcb, '\n'}},
		{936, "ok 1", []byte("ok 1")},
		{54936, "€", []byte{0xa2, 0xe3}},
		{950, "支部", []byte{0xa4, 0xe4, 0xb3, 0xa1}},
		{65001, "支部", []byte("支部")},
		{437, "支部", []byte("支部")},
		{0, "支部", []byte("支部")},
		// 𠀀 (U+20000) is not in GBK: the substitute byte, not an error.
		{936, "甲𠀀乙", []byte{0xbc, 0xd7, 0x1a, 0xd2, 0xd2}},
	}
	for _, tt := range tests {
		var b bytes.Buffer
		w, done := encodedWriter(&b, tt.cp)
		if _, err := w.Write([]byte(tt.in)); err != nil {
			t.Errorf("cp %d: write %q: %v", tt.cp, tt.in, err)
		}
		if err := done(); err != nil {
			t.Errorf("cp %d: flush: %v", tt.cp, err)
		}
		if !bytes.Equal(b.Bytes(), tt.want) {
			t.Errorf("cp %d, %q: got % x, want % x", tt.cp, tt.in, b.Bytes(), tt.want)
		}
	}
}

// TestEncodedWriterSplitRune writes a character in two pieces, as a
// buffered writer upstream may: the bytes still come out whole.
func TestEncodedWriterSplitRune(t *testing.T) {
	var b bytes.Buffer
	w, done := encodedWriter(&b, 936)
	in := []byte("党员")
	for _, part := range [][]byte{in[:2], in[2:4], in[4:]} {
		if _, err := w.Write(part); err != nil {
			t.Fatal(err)
		}
	}
	if err := done(); err != nil {
		t.Fatal(err)
	}
	if want := []byte{0xb5, 0xb3, 0xd4, 0xb1}; !bytes.Equal(b.Bytes(), want) {
		t.Errorf("got % x, want % x", b.Bytes(), want)
	}
}
