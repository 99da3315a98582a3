package spool

import (
	"bytes"
	"errors"
	"io"
	"os"
	"strings"
	"testing"
	"testing/iotest"
)

// TestRead spools messages around the threshold: each reads back byte for
// byte, a large one from a private file that Close removes.
func TestRead(t *testing.T) {
	for _, size := range []int{0, 1, InMemory, InMemory + 1, 3 * InMemory} {
		data := []byte(strings.Repeat("x", size))
		for i := range data {
			data[i] = byte('a' + i%26)
		}
		m, err := Read(iotest.HalfReader(bytes.NewReader(data)), int64(size))
		if err != nil {
			t.Fatalf("size %d: %v", size, err)
		}
		back := make([]byte, m.Size())
		if _, err := m.ReadAt(back, 0); err != nil && !errors.Is(err, io.EOF) {
			t.Fatal(err)
		}
		if m.Size() != int64(size) || !bytes.Equal(back, data) {
			t.Fatalf("size %d: read back %d bytes", size, m.Size())
		}
		if (m.file != nil) != (size > InMemory) {
			t.Errorf("size %d: spooled to a file: %v", size, m.file != nil)
		}
		if m.file != nil {
			fi, err := os.Stat(m.file.Name())
			if err != nil || fi.Mode().Perm() != 0o600 {
				t.Errorf("spool file mode %v, %v", fi.Mode(), err)
			}
			name := m.file.Name()
			if err := m.Close(); err != nil {
				t.Fatal(err)
			}
			if _, err := os.Stat(name); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("spool file left behind: %v", err)
			}
		}
	}
	if _, err := Read(iotest.ErrReader(errors.New("cut")), 0); err == nil {
		t.Error("a failed read spooled a message")
	}
}
