package main

import (
	"io"
	"os"

	"ticketgate/gateway"
	"ticketgate/gateway/spool"
)

// openInput opens a message to ingest: a file is read where it lies;
// standard input is spooled (to a temporary file when large), so that a
// large message piped in by the MTA is parsed and stored a piece at a
// time. done releases it.
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
	m, err := spool.Read(e.stdin, 0)
	if err != nil {
		return nil, nil, err
	}
	return m, func() { m.Close() }, nil
}
