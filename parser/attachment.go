package parser

import (
	"bytes"
	"errors"
	"fmt"
	"io"
)

// ErrPartNotFound means the raw message no longer holds the attachment's
// part, which can only happen if the bytes changed since parsing.
var ErrPartNotFound = errors.New("attachment part not found")

// Open returns the decoded content of the attachment. It re-reads the raw
// message, so holding many attachments costs no memory beyond the message.
func (a *Attachment) Open() (io.Reader, error) {
	if a.raw == nil {
		return nil, fmt.Errorf("open attachment %q: %w", a.Filename, ErrPartNotFound)
	}
	m := &Message{}
	fields, bodyStart := scanHeader(a.raw, a.opts.MaxHeaderBytes, m.problem)
	var got io.Reader
	w := &walker{opts: a.opts, msg: m, dec: decoder{report: m.problem}, raw: a.raw, targeting: true, target: a.path, found: func(r io.Reader) { got = r }}
	w.entity(cleanHeader(fields), bytes.NewReader(a.raw[bodyStart:]), nil, 0)
	if got == nil {
		return nil, fmt.Errorf("open attachment %q: %w", a.Filename, ErrPartNotFound)
	}
	return got, nil
}
