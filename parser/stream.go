package parser

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"sync"
	"unicode"
	"unicode/utf8"
)

// streamBufSize is the size of each read from the message's io.ReaderAt:
// large enough that a reader over stored chunks is asked for few, long,
// sequential reads.
const streamBufSize = 64 << 10

// bufPools recycle the buffered readers of a parse, so that a small message
// does not pay for allocating and clearing them. A reader is sized for the
// message: the smallest of bufSizes that holds it whole, else the largest.
// A reader holding the whole message behaves as the 64 KB one would, a
// Peek of 64 KB included (it returns all there is).
var (
	bufSizes = [...]int{4 << 10, 16 << 10, streamBufSize}
	bufPools [len(bufSizes)]sync.Pool
)

// getBufReader returns a pooled reader of r, sized for a message of size
// bytes.
func getBufReader(r io.Reader, size int64) *bufio.Reader {
	i := 0
	for i < len(bufSizes)-1 && int64(bufSizes[i]) < size {
		i++
	}
	br, _ := bufPools[i].Get().(*bufio.Reader)
	if br == nil {
		br = bufio.NewReaderSize(nil, bufSizes[i])
	}
	br.Reset(r)
	return br
}

func putBufReader(br *bufio.Reader) {
	br.Reset(nil)
	for i, n := range bufSizes {
		if br.Size() == n {
			bufPools[i].Put(br)
			return
		}
	}
}

// scratchPool recycles the buffers a part is read into or copied through:
// bytes that are converted or hashed, never kept.
var scratchPool = sync.Pool{New: func() any { b := make([]byte, 0, 32<<10); return &b }}

// maxPooledScratch is the largest buffer put back: a 2 MB text body must
// not stay pinned in the pool.
const maxPooledScratch = 256 << 10

func getScratch() *[]byte { return scratchPool.Get().(*[]byte) }

func putScratch(b *[]byte) {
	if cap(*b) <= maxPooledScratch {
		*b = (*b)[:0]
		scratchPool.Put(b)
	}
}

// readAll is io.ReadAll reading into buf while it has room; what does not
// fit is read as io.ReadAll would read the whole, without a further copy.
func readAll(r io.Reader, buf []byte) ([]byte, error) {
	for len(buf) < cap(buf) {
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
	}
	return io.ReadAll(io.MultiReader(bytes.NewReader(buf), r))
}

// sectionReader reads src sequentially from off to size and shows every
// byte to scan, if set.
type sectionReader struct {
	src       io.ReaderAt
	off, size int64
	scan      *rawScan
	err       error // the first error of src, other than io.EOF
}

func (s *sectionReader) Read(p []byte) (int, error) {
	if s.off >= s.size {
		return 0, io.EOF
	}
	if rest := s.size - s.off; int64(len(p)) > rest {
		p = p[:rest]
	}
	n, err := s.src.ReadAt(p, s.off)
	if s.scan != nil {
		s.scan.see(s.off, p[:n])
	}
	s.off += int64(n)
	if err != nil && err != io.EOF && s.err == nil {
		s.err = err
	}
	if err == io.EOF {
		if s.off < s.size {
			return n, io.ErrUnexpectedEOF
		}
		err = nil
	}
	if n == 0 && err == nil {
		return 0, io.ErrNoProgress
	}
	return n, err
}

// rawScan learns what Parse needs to know of the raw bytes as they stream
// past, once each in offset order: the longest line and where the last
// character that is not white space is (bytes.TrimSpace's notion of white
// space, Unicode, with invalid bytes counting as text).
type rawScan struct {
	seen int64 // bytes seen so far; bytes before it shown again are ignored

	longest, line, crs int // longest line; current line length and its trailing CRs

	lastText int64  // offset of the last non-space rune, -1 if none
	carry    []byte // an incomplete rune at the end of what was seen
	carryOff int64
}

func newRawScan() *rawScan { return &rawScan{lastText: -1} }

func (s *rawScan) see(off int64, p []byte) {
	if end := off + int64(len(p)); end <= s.seen {
		return
	} else if off < s.seen {
		p = p[s.seen-off:]
		off = s.seen
	}
	s.seen += int64(len(p))
	s.lines(p)
	s.text(off, p)
}

func (s *rawScan) lines(p []byte) {
	for len(p) > 0 {
		i := bytes.IndexByte(p, '\n')
		seg := p
		if i >= 0 {
			seg = p[:i]
		}
		s.line += len(seg)
		if t := len(bytes.TrimRight(seg, "\r")); t < len(seg) && t == 0 {
			s.crs += len(seg)
		} else if len(seg) > 0 {
			s.crs = len(seg) - t
		}
		if i < 0 {
			return
		}
		s.longest = max(s.longest, s.line-s.crs)
		s.line, s.crs = 0, 0
		p = p[i+1:]
	}
}

// text moves lastText forward. Only the last printing character counts, so
// p is read from its end back to its last ASCII text byte; only what
// follows that is decoded as runes.
func (s *rawScan) text(off int64, p []byte) {
	i := len(p) - 1
	for i >= 0 && (p[i] >= utf8.RuneSelf || asciiSpace(p[i])) {
		i--
	}
	if i >= 0 {
		// A rune left incomplete by the previous read ends before p[i].
		s.lastText, s.carry = off+int64(i), s.carry[:0]
		s.decode(off+int64(i)+1, p[i+1:])
		return
	}
	s.decode(off, p)
}

// decode reads p, at offset off, as runes after the incomplete rune
// carried from the previous read, if any.
func (s *rawScan) decode(off int64, p []byte) {
	j := 0
	if len(s.carry) > 0 {
		var tmp [8]byte
		buf := append(append(tmp[:0], s.carry...), p[:min(len(p), utf8.UTFMax)]...)
		k := 0
		for k < len(s.carry) {
			if !utf8.FullRune(buf[k:]) {
				// p was too short to complete it (buf holds all of p).
				s.carryOff += int64(k)
				s.carry = append(s.carry[:0], buf[k:]...)
				return
			}
			r, n := utf8.DecodeRune(buf[k:])
			if !unicode.IsSpace(r) {
				s.lastText = s.carryOff + int64(k)
			}
			k += n
		}
		j = k - len(s.carry)
		s.carry = s.carry[:0]
	}
	for j < len(p) {
		c := p[j]
		if c < utf8.RuneSelf {
			if !asciiSpace(c) {
				s.lastText = off + int64(j)
			}
			j++
			continue
		}
		if !utf8.FullRune(p[j:]) {
			s.carry, s.carryOff = append(s.carry[:0], p[j:]...), off+int64(j)
			return
		}
		r, n := utf8.DecodeRune(p[j:])
		if !unicode.IsSpace(r) {
			s.lastText = off + int64(j)
		}
		j += n
	}
}

// finish accounts for a last line without LF and for a rune cut off at the
// end, whose bytes are each invalid, so text.
func (s *rawScan) finish() {
	s.longest = max(s.longest, s.line-s.crs)
	if len(s.carry) > 0 {
		s.lastText = s.carryOff + int64(len(s.carry)) - 1
		s.carry = s.carry[:0]
	}
}

func asciiSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
}

// headerLineKeep is how much of one header line is kept: a value is cut at
// maxFieldBytes anyway, so only a field name longer than 64 KB (prose, not
// a field) reads differently from the whole line.
const headerLineKeep = maxFieldBytes + 64<<10

// readHeader reads the header block from br, positioned at the start of a
// message, and hands it to scanHeader: it reads lines up to the blank line,
// past maxBytes or to the end, keeping at most headerLineKeep bytes of each.
// It returns the fields and the offset in the stream where the body
// starts; read tells how far br was read, which is bodyStart unless the
// message has no header at all. err is a read error other than io.EOF.
func readHeader(br *bufio.Reader, maxBytes int, report func(ProblemCode, string)) (fields []field, bodyStart, read int64, err error) {
	// Most header blocks are in br's buffer whole after one fill: then they
	// are scanned where they are, without copying line by line. The bytes
	// scanned, the end found and what is reported are those of the loop
	// below (no line there is cut, nor the block over maxBytes).
	peek, perr := br.Peek(br.Size())
	if perr == nil || perr == io.EOF {
		if end, ok := headerEnd(peek, perr == io.EOF); ok && end <= maxBytes {
			fields, keptBody := scanHeader(peek[:end], maxBytes, report)
			_, _ = br.Discard(end)
			return fields, int64(keptBody), int64(end), nil
		}
	}
	// The block is kept in a pooled buffer: the fields are copied out of it.
	buf := getScratch()
	defer func() { putScratch(buf) }()
	var (
		kept      = (*buf)[:0]
		cuts      []headerCut      // lines shortened, in order
		real      int64            // bytes read from br
		start     int64       = -1 // real offset after an mbox "From " line
		keptStart int
		limited   bool
	)
	for {
		lineStart := len(kept)
		var n int64
		var lerr error
		kept, n, lerr = appendLine(kept, br, headerLineKeep)
		line := kept[lineStart:]
		if n > 0 {
			if int64(len(line)) < n {
				cuts = append(cuts, headerCut{keptEnd: len(kept), delta: n - int64(len(line))})
			}
			real += n
		}
		if lerr != nil {
			if lerr != io.EOF {
				err = lerr
			}
			break
		}
		if start < 0 {
			// scanHeader skips an mbox separator line; the size limit
			// counts from after it.
			start, keptStart = 0, 0
			if bytes.HasPrefix(line, []byte("From ")) {
				start, keptStart = real, len(kept)
			}
		}
		if len(bytes.TrimRight(bytes.TrimSuffix(line, []byte("\n")), "\r")) == 0 {
			break
		}
		if real-start > int64(maxBytes) {
			limited = true
			break
		}
	}
	*buf = kept
	var pending []Problem
	fields, keptBody := scanHeader(kept, maxBytes, func(code ProblemCode, detail string) {
		pending = append(pending, Problem{Code: code, Detail: detail})
	})
	noHeader := fields == nil && keptBody == keptStart && len(kept) > keptStart
	if limited && !noHeader {
		// scanHeader saw the block end where this read stopped; the
		// message goes on, so the block was over the limit. Reported
		// first, where scanHeader itself reports it.
		pending = append([]Problem{{Code: ProblemHeaderTooLarge, Detail: fmt.Sprintf("header block over %d bytes; the rest is read as body", maxBytes)}}, pending...)
		if peek, _ := br.Peek(1); len(peek) == 0 {
			pending = pending[1:]
		}
	}
	for _, p := range pending {
		report(p.Code, p.Detail)
	}
	bodyStart = int64(keptBody)
	for _, c := range cuts {
		if c.keptEnd <= keptBody {
			bodyStart += c.delta
		}
	}
	return fields, bodyStart, real, err
}

// headerEnd returns the offset just past the blank line that ends the
// header block at the start of b, or, when b is all there is (atEOF) and
// has no blank line, its length. ok is false when b ends before the block
// does.
func headerEnd(b []byte, atEOF bool) (end int, ok bool) {
	for pos := 0; pos < len(b); {
		i := bytes.IndexByte(b[pos:], '\n')
		if i < 0 {
			break
		}
		if len(bytes.TrimRight(b[pos:pos+i], "\r")) == 0 {
			return pos + i + 1, true
		}
		pos += i + 1
	}
	return len(b), atEOF
}

// headerCut records a header line kept shorter than it was.
type headerCut struct {
	keptEnd int   // offset in the kept bytes where the shortened line ends
	delta   int64 // bytes left out
}

// appendLine appends one line read from br, with its LF, to dst, keeping at
// most keep bytes of it (and the LF), and returns how many bytes it took
// from br.
func appendLine(dst []byte, br *bufio.Reader, keep int) ([]byte, int64, error) {
	start := len(dst)
	var n int64
	for {
		frag, err := br.ReadSlice('\n')
		n += int64(len(frag))
		if room := keep - (len(dst) - start); room > 0 {
			dst = append(dst, frag[:min(len(frag), room)]...)
		}
		switch err {
		case bufio.ErrBufferFull:
			continue
		case nil:
			if dst[len(dst)-1] != '\n' {
				dst = append(dst, '\n')
			}
			return dst, n, nil
		default:
			return dst, n, err
		}
	}
}
