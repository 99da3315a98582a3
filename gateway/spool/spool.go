// Package spool holds an incoming message while it is taken in: in memory
// when it is small, in a private temporary file when it is large, so that
// no message has to fit in memory. The IMAP reader and the MTA pipe both
// read their input through it.
package spool

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
)

// InMemory is the largest message held in memory; a larger one is
// written to a temporary file as it arrives.
const InMemory = 256 << 10

// Message is a spooled message: read it with ReadAt, release it with
// Close.
type Message struct {
	io.ReaderAt
	size int64
	file *os.File
}

// Size is the message's length in bytes.
func (m *Message) Size() int64 { return m.size }

// Close removes the temporary file, if any.
func (m *Message) Close() error {
	if m.file == nil {
		return nil
	}
	return errors.Join(m.file.Close(), os.Remove(m.file.Name()))
}

// Read takes r to its end. sizeHint, when known (an IMAP literal's
// length), sizes the buffer of a small message; 0 means unknown. The
// file, created by os.CreateTemp, is readable by its owner only.
func Read(r io.Reader, sizeHint int64) (*Message, error) {
	var buf bytes.Buffer
	if sizeHint > 0 {
		buf.Grow(int(min(sizeHint, InMemory+1)))
	}
	n, err := io.CopyN(&buf, r, InMemory+1)
	if errors.Is(err, io.EOF) {
		return &Message{ReaderAt: bytes.NewReader(buf.Bytes()), size: n}, nil
	}
	if err != nil {
		return nil, err
	}
	f, err := os.CreateTemp("", "ticketgate-spool-*")
	if err != nil {
		return nil, fmt.Errorf("spool message: %w", err)
	}
	m := &Message{file: f}
	n, err = io.Copy(f, io.MultiReader(&buf, r))
	if err != nil {
		m.Close()
		return nil, fmt.Errorf("spool message: %w", err)
	}
	m.ReaderAt, m.size = io.NewSectionReader(f, 0, n), n
	return m, nil
}
