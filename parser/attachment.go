package parser

import (
	"errors"
	"fmt"
	"io"
)

// ErrPartNotFound means the raw message no longer holds the attachment's
// part, which can only happen if the bytes changed since parsing.
var ErrPartNotFound = errors.New("attachment part not found")

// Open returns the decoded content of the attachment. It re-reads the raw
// message (the bytes given to Parse, or the io.ReaderAt given to
// ParseReaderAt) as a stream, so holding many attachments costs no memory
// beyond the message, and reading one costs no more than its part.
func (a *Attachment) Open() (io.Reader, error) {
	if a.src == nil {
		return nil, fmt.Errorf("open attachment %q: %w", a.Filename, ErrPartNotFound)
	}
	m := &Message{}
	in := &sectionReader{src: a.src, size: a.srcSize}
	// The buffers are not pooled: the reader returned reads from them.
	fields, body, _, _ := openMessage(in, a.opts.MaxHeaderBytes, m.problem)
	var got io.Reader
	w := &walker{opts: a.opts, msg: m, dec: decoder{report: m.problem}, src: a.src, size: a.srcSize, targeting: true, target: a.path, found: func(r io.Reader) { got = r }}
	w.entity(cleanHeader(fields), body, nil, 0)
	if got == nil {
		if in.err != nil {
			return nil, fmt.Errorf("open attachment %q: %w: %w", a.Filename, ErrRead, in.err)
		}
		return nil, fmt.Errorf("open attachment %q: %w", a.Filename, ErrPartNotFound)
	}
	return got, nil
}
