package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"

	"ticketgate/gateway"
)

// spoolAbove is the size from which standard input is written to a
// temporary file rather than held in memory, so that a large message
// piped in by the MTA is parsed and stored a piece at a time.
const spoolAbove = 256 << 10

// openInput opens a message to ingest: a file is read where it lies,
// standard input is buffered, or spooled when large. done releases it.
func openInput(e *env, name string) (gateway.RawMessage, func(), error) {
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return nil, nil, err
		}
		fi, err := f.Stat()
		if err != nil {
			f.Close()
			return nil, nil, err
		}
		return io.NewSectionReader(f, 0, fi.Size()), func() { f.Close() }, nil
	}
	br := bufio.NewReaderSize(e.stdin, spoolAbove+1)
	head, err := br.Peek(spoolAbove + 1)
	if errors.Is(err, io.EOF) {
		return bytes.NewReader(append([]byte(nil), head...)), func() {}, nil
	}
	if err != nil {
		return nil, nil, err
	}
	f, err := os.CreateTemp("", "ticketgate-spool-*")
	if err != nil {
		return nil, nil, fmt.Errorf("spool standard input: %w", err)
	}
	done := func() {
		f.Close()
		os.Remove(f.Name())
	}
	n, err := io.Copy(f, br)
	if err != nil {
		done()
		return nil, nil, fmt.Errorf("spool standard input: %w", err)
	}
	return io.NewSectionReader(f, 0, n), done, nil
}
