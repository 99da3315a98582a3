package parser

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"mime/quotedprintable"
	"regexp"
	"slices"
	"strings"
	"time"

	// Registers every charset go-message knows with message.CharsetReader.
	_ "github.com/emersion/go-message/charset"
	"github.com/emersion/go-message/textproto"
)

// ErrEmpty is returned for input that holds no message at all.
var ErrEmpty = errors.New("parse message: empty input")

// Options bound the work done on one message and configure ticket
// references. The zero value of any field means its default.
type Options struct {
	// MaxSize is the largest message decoded in full; bytes past it are not
	// read (the caller keeps the raw message) and a problem is recorded.
	MaxSize int
	// MaxTextBytes caps the text and HTML bodies kept.
	MaxTextBytes int
	// MaxHeaderBytes caps the top-level header block.
	MaxHeaderBytes int
	// MaxParts caps the number of MIME parts visited.
	MaxParts int
	// MaxDepth caps MIME nesting (multiparts and attached messages).
	MaxDepth int
	// RefPattern matches one ticket reference, without brackets. In the
	// subject it must be in square brackets.
	RefPattern string
	// Now is the fallback date for a message without a usable Date field
	// or Received stamp, typically the time the message was fetched.
	Now time.Time
}

// Defaults for Options.
const (
	DefaultMaxSize        = 64 << 20
	DefaultMaxTextBytes   = 2 << 20
	DefaultMaxHeaderBytes = 4 << 20
	DefaultMaxParts       = 500
	DefaultMaxDepth       = 16
	DefaultRefPattern     = `[A-Z][A-Z0-9]{1,9}-[0-9]{4}-[0-9]{6,9}`
)

func (o Options) withDefaults() Options {
	if o.MaxSize <= 0 {
		o.MaxSize = DefaultMaxSize
	}
	if o.MaxTextBytes <= 0 {
		o.MaxTextBytes = DefaultMaxTextBytes
	}
	if o.MaxHeaderBytes <= 0 {
		o.MaxHeaderBytes = DefaultMaxHeaderBytes
	}
	if o.MaxParts <= 0 {
		o.MaxParts = DefaultMaxParts
	}
	if o.MaxDepth <= 0 {
		o.MaxDepth = DefaultMaxDepth
	}
	if o.RefPattern == "" {
		o.RefPattern = DefaultRefPattern
	}
	return o
}

// Parser parses messages with fixed options. It is safe for concurrent use.
type Parser struct {
	opts      Options
	subjectRe *regexp.Regexp
	bodyRefs  *refFinder
}

// New returns a Parser, or an error when the reference pattern does not
// compile.
func New(opts Options) (*Parser, error) {
	opts = opts.withDefaults()
	// In brackets as our subjects carry it, or standing alone as a
	// customer types it ("Re: SUP-2026-000123 still broken").
	subjectRe, err := regexp.Compile(`(?:\[\s*|\b)(` + opts.RefPattern + `)(?:\s*\]|\b)`)
	if err != nil {
		return nil, fmt.Errorf("compile ticket reference pattern %q: %w", opts.RefPattern, err)
	}
	bodyRefs, err := newRefFinder(opts.RefPattern)
	if err != nil {
		return nil, fmt.Errorf("compile ticket reference pattern %q: %w", opts.RefPattern, err)
	}
	return &Parser{opts: opts, subjectRe: subjectRe, bodyRefs: bodyRefs}, nil
}

var defaultParser, _ = New(Options{})

// Parse parses raw with the default options.
func Parse(raw []byte) (*Message, error) { return defaultParser.Parse(raw) }

// ParseReaderAt parses the size bytes of src with the default options.
func ParseReaderAt(src io.ReaderAt, size int64) (*Message, error) {
	return defaultParser.ParseReaderAt(src, size)
}

// Parse turns raw into a Message. It returns an error only for empty input;
// everything else yields a Message, with Problems when it was not well formed.
func (p *Parser) Parse(raw []byte) (*Message, error) {
	return p.ParseReaderAt(bytes.NewReader(raw), int64(len(raw)))
}

// ErrRead wraps an error of the io.ReaderAt given to ParseReaderAt.
var ErrRead = errors.New("read message")

// ParseReaderAt parses the message held in the first size bytes of src,
// as Parse does, without holding it: src is read once from start to end in
// sequential reads of 64 KB, and the memory used is bounded by the options
// (the header block, MaxTextBytes of text and HTML), not by the message.
// Attachments keep src to re-read their part (Attachment.Open), so src must
// stay readable while they are used. Besides ErrEmpty, it returns an error
// wrapping ErrRead when src fails; a message shorter than size is read as
// cut off there.
func (p *Parser) ParseReaderAt(src io.ReaderAt, size int64) (msg *Message, err error) {
	m := &Message{Size: int(size)}
	scan := newRawScan()
	in := &sectionReader{src: src, size: min(size, int64(p.opts.MaxSize)), scan: scan}
	// Parse must never take the caller down: a panic in a dependency on
	// hostile input becomes a problem, and the raw bytes remain the truth.
	defer func() {
		if r := recover(); r != nil {
			m.problem(ProblemInternal, fmt.Sprintf("parser failed: %v", r))
			msg, err = m, nil
		}
	}()
	if size > int64(p.opts.MaxSize) {
		m.problem(ProblemOversize, fmt.Sprintf("message is %d bytes, over the %d-byte limit; only the first %d bytes were decoded", size, p.opts.MaxSize, p.opts.MaxSize))
	}
	fields, body, bodyStart, release := openMessage(in, p.opts.MaxHeaderBytes, m.problem)
	defer release()
	h := cleanHeader(fields)
	m.Header = h
	d := decoder{report: m.problem}
	p.readEnvelope(m, d, h, fields)

	w := &walker{opts: p.opts, msg: m, dec: d, src: src, size: in.size}
	w.entity(h, body, nil, 0)
	// The rest of the message streams past scan, which must see it all.
	_, _ = io.Copy(io.Discard, body) // a cut-off message is no error; src's errors are in in.err
	if in.err != nil {
		return nil, fmt.Errorf("%w: %w", ErrRead, in.err)
	}
	scan.finish()
	longest := scan.longest
	if scan.lastText < 0 && size > in.size {
		// Blank up to MaxSize: only the rest tells whether it is empty.
		rest := &sectionReader{src: src, off: in.size, size: size, scan: scan}
		_, _ = io.Copy(io.Discard, rest)
		if rest.err != nil {
			return nil, fmt.Errorf("%w: %w", ErrRead, rest.err)
		}
		scan.finish()
	}
	if scan.lastText < 0 {
		return nil, ErrEmpty
	}
	w.finish()

	m.Reply = StripReply(m.Text)
	m.TicketRefs = p.refs(p.subjectRe, m.Subject)
	if up := strings.ToUpper(m.Subject); m.TicketRefs == nil && up != m.Subject {
		m.TicketRefs = p.refs(p.subjectRe, up) // typed in lower case
	}
	m.BodyRefs = dedupeRefs(p.bodyRefs.findAll(m.Text, 20))
	classify(m, h, w)
	sanitize(m)
	bodyText := scan.lastText >= bodyStart
	if m.Text == "" && len(m.Attachments) == 0 && bodyText {
		detail := "the body holds no readable text or attachment"
		if m.HasProblem(ProblemTooDeep) || m.HasProblem(ProblemTooManyParts) {
			detail = "no text was found within the MIME limits; the raw message may hold more"
		}
		m.problem(ProblemNothingDecodable, detail)
	}
	if longest > maxLineLength {
		m.problem(ProblemLongLine, fmt.Sprintf("a line of %d characters, over the %d of RFC 5322 §2.1.1", longest, maxLineLength))
	}
	if !bodyText {
		m.problem(ProblemNoBody, "the message has no body")
	}
	return m, nil
}

// openMessage reads the header block of the message in, positioned at its
// start, and returns its fields and a reader of the body, positioned at
// offset bodyStart. release returns the buffers to their pool once the body
// is no longer read.
func openMessage(in *sectionReader, maxHeader int, report func(ProblemCode, string)) (fields []field, body io.Reader, bodyStart int64, release func()) {
	br := getBufReader(in, in.size)
	fields, bodyStart, read, err := readHeader(br, maxHeader, report)
	if err != nil && in.err == nil {
		in.err = err
	}
	if bodyStart == read {
		return fields, br, bodyStart, func() { putBufReader(br) }
	}
	// No header at all: the body starts before what was read. Read it again
	// from there (scan ignores bytes it has seen).
	br.Reset(in)
	in.off = bodyStart
	return fields, br, bodyStart, func() { putBufReader(br) }
}

// maxLineLength is RFC 5322 §2.1.1's limit, without CRLF.
const maxLineLength = 998

func (p *Parser) refs(re *regexp.Regexp, s string) []string {
	var found []string
	for _, sm := range re.FindAllStringSubmatch(s, 20) {
		found = append(found, sm[1])
	}
	return dedupeRefs(found)
}

// dedupeRefs keeps the first of each reference, in order.
func dedupeRefs(found []string) []string {
	var out []string
	for i, r := range found {
		if !slices.Contains(found[:i], r) {
			out = append(out, r)
		}
	}
	return out
}

// readEnvelope fills the header-derived fields.
func (p *Parser) readEnvelope(m *Message, d decoder, h textproto.Header, fields []field) {
	m.Subject = d.text(h.Get("Subject"))
	fromField := h.Get("From")
	if all := h.Values("From"); len(all) > 1 {
		// RFC 5322 allows one From field. Read as one list, two fields
		// name two mailboxes, and without a Sender naming one of them
		// the author is unknown: taking the first would let a forger
		// choose whose mail it is.
		m.problem(ProblemHeaderSyntax, fmt.Sprintf("%d From fields", len(all)))
		fromField = strings.Join(all, ", ")
	}
	if from := d.addresses("From", fromField); len(from) > 0 {
		m.From = d.author(from, h.Get("Sender"))
	} else if h.Get("From") == "" {
		m.problem(ProblemNoFrom, "no From field")
	}
	if s := d.addresses("Sender", h.Get("Sender")); len(s) > 0 {
		m.Sender = &s[0]
	}
	m.ReplyTo = d.addresses("Reply-To", h.Get("Reply-To"))
	m.To = d.addresses("To", h.Get("To"))
	m.Cc = d.addresses("Cc", h.Get("Cc"))
	if m.From == nil && m.Sender != nil && h.Get("From") == "" {
		m.From = m.Sender
	}
	if m.From == nil && !m.HasProblem(ProblemNoFrom) && !m.HasProblem(ProblemBadAddress) {
		m.problem(ProblemNoFrom, "From field names no address")
	}

	if v := h.Get("Message-Id"); v != "" {
		ids, ok := msgIDs(v, 1)
		if len(ids) > 0 {
			m.MessageID = ids[0]
		}
		if !ok || len(ids) == 0 {
			m.problem(ProblemBadMessageID, "Message-ID is not in angle brackets")
		}
	} else {
		m.problem(ProblemNoMessageID, "no Message-ID field")
	}
	m.InReplyTo, _ = msgIDs(h.Get("In-Reply-To"), 20)
	m.References, _ = msgIDs(h.Get("References"), 200)

	switch t, ok := parseDate(h.Get("Date")); {
	case ok:
		m.Date, m.DateSource = t, "header"
	default:
		if h.Get("Date") == "" {
			m.problem(ProblemNoDate, "no Date field")
		} else {
			m.problem(ProblemBadDate, fmt.Sprintf("Date %q cannot be read", truncate(h.Get("Date"), 80)))
		}
		if t, ok := receivedDate(fields); ok {
			m.Date, m.DateSource = t, "received"
		} else if !p.opts.Now.IsZero() {
			m.Date, m.DateSource = p.opts.Now, "fallback"
		} else {
			m.DateSource = "none"
		}
	}
	if !m.Date.IsZero() {
		m.Date = m.Date.UTC()
	}
	if lang := strings.TrimSpace(h.Get("Content-Language")); lang != "" {
		m.Language = strings.ToLower(strings.TrimSpace(strings.Split(lang, ",")[0]))
	}
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// walker visits the MIME tree of one message.
type walker struct {
	opts  Options
	msg   *Message
	dec   decoder
	src   io.ReaderAt // the message, for Attachment.Open
	size  int64
	parts int

	text     []string
	textLen  int
	html     []string
	htmlLen  int
	flowed   bool
	sawBody  bool
	reports  []reportPart
	nested   []nestedHeader
	deliverd []deliveryStatus

	// target, when set, makes the walk stop at that part and hand its
	// decoded content to found (used by Attachment.Open).
	targeting bool
	target    []int
	found     func(io.Reader)
	done      bool
}

// reportPart is a text part of a multipart/report, kept for bounce parsing.
type reportPart struct{ text string }

// nestedHeader is the header of an attached or returned message.
type nestedHeader struct {
	messageID string
	subject   string
}

func (w *walker) entity(h textproto.Header, body io.Reader, path []int, depth int) {
	if w.done {
		return
	}
	w.parts++
	if w.parts > w.opts.MaxParts {
		if w.parts == w.opts.MaxParts+1 {
			w.msg.problem(ProblemTooManyParts, fmt.Sprintf("more than %d MIME parts; the rest were not read", w.opts.MaxParts))
		}
		return
	}
	hh := headerEntity(h)
	mediaType, params, err := hh.ContentType()
	if err != nil {
		if h.Get("Content-Type") != "" {
			w.msg.problem(ProblemBadContentType, fmt.Sprintf("Content-Type %q cannot be read; treated as text/plain", truncate(h.Get("Content-Type"), 80)))
		}
		mediaType, params = "text/plain", map[string]string{}
	}
	if mediaType == "" {
		mediaType = "text/plain"
	}
	if strings.HasPrefix(mediaType, "multipart/") {
		if depth >= w.opts.MaxDepth {
			w.msg.problem(ProblemTooDeep, fmt.Sprintf("MIME nesting deeper than %d; inner parts were not read", w.opts.MaxDepth))
			return
		}
		w.multipart(mediaType, params, body, path, depth)
		return
	}
	w.leaf(h, mediaType, params, body, path, depth)
}

func (w *walker) multipart(mediaType string, params map[string]string, body io.Reader, path []int, depth int) {
	br := getBufReader(body, w.size)
	// The reader of a part found by Attachment.Open must stay readable.
	defer func() {
		if !w.done {
			putBufReader(br)
		}
	}()
	boundary := params["boundary"]
	head, _ := br.Peek(64 << 10)
	if boundary == "" || !bytes.Contains(head, []byte("--"+boundary)) {
		found := guessBoundary(head)
		switch {
		case found == "":
			w.msg.problem(ProblemBadBoundary, fmt.Sprintf("%s without a usable boundary; its body is read as text", mediaType))
			w.leaf(textproto.Header{}, "text/plain", map[string]string{}, br, path, depth)
			return
		case boundary == "":
			w.msg.problem(ProblemBadBoundary, fmt.Sprintf("%s has no boundary parameter; used %q found in the body", mediaType, found))
		default:
			w.msg.problem(ProblemBadBoundary, fmt.Sprintf("%s boundary %q does not occur in the body; used %q found there", mediaType, boundary, found))
		}
		boundary = found
	}
	if mediaType == "multipart/report" {
		w.msg.reportType(params["report-type"])
	}
	mr := textproto.NewMultipartReader(br, boundary)
	for i := 0; !w.done; i++ {
		part, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			w.msg.problem(ProblemTruncated, fmt.Sprintf("%s ended early after %d part(s): %v", mediaType, i, err))
			break
		}
		w.entity(part.Header, part, append(append([]int(nil), path...), i), depth+1)
		if w.done {
			return // the reader of the part found must stay readable
		}
		// Drain what the visit left so that the next boundary is found; a
		// read error here means the part itself was cut off.
		if _, err := io.Copy(io.Discard, part); err != nil {
			w.msg.problem(ProblemTruncated, fmt.Sprintf("part %d of %s is cut off: %v", i+1, mediaType, err))
			break
		}
	}
}

// guessBoundary finds a line that looks like a MIME boundary delimiter.
func guessBoundary(head []byte) string {
	for _, line := range bytes.Split(head, []byte("\n")) {
		line = bytes.TrimRight(line, "\r \t")
		if len(line) > 3 && len(line) < 75 && bytes.HasPrefix(line, []byte("--")) && !bytes.HasSuffix(line, []byte("--")) && !bytes.ContainsAny(line[2:], " \t") {
			return string(line[2:])
		}
	}
	return ""
}

func (m *Message) reportType(t string) {
	if strings.EqualFold(t, "delivery-status") && m.Kind == "" {
		m.Kind, m.KindReason = KindBounce, "Content-Type multipart/report; report-type=delivery-status (RFC 3464)"
	}
	if strings.EqualFold(t, "disposition-notification") && m.Kind == "" {
		m.Kind, m.KindReason = KindAutoReply, "Content-Type multipart/report; report-type=disposition-notification (read receipt, RFC 8098)"
	}
}

func (w *walker) leaf(h textproto.Header, mediaType string, params map[string]string, body io.Reader, path []int, depth int) {
	hh := headerEntity(h)
	disp, dparams, _ := hh.ContentDisposition()
	filename := dparams["filename"]
	if filename == "" {
		filename = params["name"]
	}
	filename = w.dec.text(filename)
	decoded, release := w.transferDecoder(h, body)

	if w.targeting {
		if equalPath(path, w.target) {
			w.done = true
			w.found(decoded) // the reader found stays readable: not released
		}
		return
	}
	defer release()

	isText := mediaType == "text/plain" || mediaType == "text/html"
	inlineBody := isText && !strings.EqualFold(disp, "attachment") && filename == ""
	switch {
	case inlineBody && mediaType == "text/plain":
		t := w.readText(decoded, params["charset"], mediaType)
		if strings.EqualFold(params["format"], "flowed") {
			t = unflow(t, strings.EqualFold(params["delsp"], "yes"))
		}
		w.addText(t)
	case inlineBody && mediaType == "text/html":
		w.addHTML(w.readText(decoded, params["charset"], mediaType))
	case mediaType == "message/delivery-status" || mediaType == "message/global-delivery-status":
		t := w.readText(decoded, "us-ascii", mediaType)
		w.deliverd = append(w.deliverd, parseDeliveryStatus(t))
		w.attach(h, mediaType, "delivery-status.txt", disp, strings.NewReader(t), path)
	case mediaType == "text/rfc822-headers" || mediaType == "text/rfc822-header":
		t := w.readText(decoded, params["charset"], mediaType)
		w.nestedHeaders([]byte(t))
		w.attach(h, mediaType, "original-headers.txt", disp, strings.NewReader(t), path)
	case mediaType == "message/rfc822" || mediaType == "message/global":
		w.nestedMessage(h, mediaType, filename, disp, decoded, path)
	default:
		w.attach(h, mediaType, filename, disp, decoded, path)
	}
}

// nestedMessage records an attached message as one attachment and reads its
// header (a returned message's Message-ID identifies the bounced mail). The
// message streams through the hash: only its header block is held.
func (w *walker) nestedMessage(h textproto.Header, mediaType, filename, disp string, body io.Reader, path []int) {
	sum := sha256.New()
	counted := &countWriter{w: sum}
	br := getBufReader(io.TeeReader(io.LimitReader(body, int64(w.opts.MaxSize)), counted), w.size)
	defer putBufReader(br)
	fields, _, _, err := readHeader(br, w.opts.MaxHeaderBytes, func(ProblemCode, string) {})
	if _, derr := io.Copy(io.Discard, br); err == nil {
		err = derr
	}
	if err != nil {
		w.msg.problem(ProblemTruncated, fmt.Sprintf("attached message is cut off: %v", err))
	}
	sub := w.nestedFields(fields)
	if filename == "" {
		filename = "message.eml"
		if sub.subject != "" {
			filename = safeFilename(sub.subject) + ".eml"
		}
	}
	w.record(h, mediaType, filename, disp, counted.n, sum.Sum(nil), path)
}

// countWriter counts what it passes on.
type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

func (w *walker) nestedHeaders(b []byte) nestedHeader {
	fields, _ := scanHeader(b, w.opts.MaxHeaderBytes, func(ProblemCode, string) {})
	return w.nestedFields(fields)
}

func (w *walker) nestedFields(fields []field) nestedHeader {
	h := cleanHeader(fields)
	var n nestedHeader
	if ids, _ := msgIDs(h.Get("Message-Id"), 1); len(ids) > 0 {
		n.messageID = ids[0]
	}
	n.subject = w.dec.text(h.Get("Subject"))
	w.nested = append(w.nested, n)
	return n
}

func safeFilename(s string) string {
	s = strings.Map(func(r rune) rune {
		if r < ' ' || strings.ContainsRune(`/\:*?"<>|`, r) {
			return '_'
		}
		return r
	}, strings.TrimSpace(s))
	if len(s) > 80 {
		s = s[:80]
	}
	if s == "" {
		s = "message"
	}
	return s
}

func equalPath(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// attach hashes a part as a stream and records it.
func (w *walker) attach(h textproto.Header, mediaType, filename, disp string, body io.Reader, path []int) {
	sum := sha256.New()
	buf := getScratch()
	n, err := io.CopyBuffer(sum, body, (*buf)[:cap(*buf)])
	putScratch(buf)
	if err != nil {
		w.msg.problem(partProblem(err), fmt.Sprintf("attachment %q: %v", filename, err))
	}
	w.record(h, mediaType, filename, disp, n, sum.Sum(nil), path)
}

// record adds an attachment of n decoded bytes with the given SHA-256.
func (w *walker) record(h textproto.Header, mediaType, filename, disp string, n int64, sha []byte, path []int) {
	disp = strings.ToLower(disp)
	if disp != "inline" {
		disp = "attachment"
	}
	cid, _ := msgIDs(h.Get("Content-Id"), 1)
	a := Attachment{
		Filename:    validUTF8(filename),
		ContentType: mediaType,
		Disposition: disp,
		Size:        n,
		SHA256:      hex.EncodeToString(sha),
		src:         w.src,
		srcSize:     w.size,
		path:        append([]int(nil), path...),
		opts:        w.opts,
	}
	if len(cid) > 0 {
		a.ContentID = cid[0]
	}
	w.msg.Attachments = append(w.msg.Attachments, a)
}

func partProblem(err error) ProblemCode {
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return ProblemTruncated
	}
	return ProblemBadEncoding
}

// readText reads a text part within the text budget and converts it to
// UTF-8.
func (w *walker) readText(r io.Reader, cs, mediaType string) string {
	limit := w.opts.MaxTextBytes
	buf := getScratch()
	defer putScratch(buf)
	b, err := readAll(io.LimitReader(r, int64(limit)+1), (*buf)[:0])
	if err != nil {
		w.msg.problem(partProblem(err), fmt.Sprintf("%s part: %v", mediaType, err))
	}
	if len(b) > limit {
		b = b[:limit]
		w.msg.problem(ProblemTruncated, fmt.Sprintf("%s part over %d bytes; the rest was not kept", mediaType, limit))
	}
	w.sawBody = true
	return w.toUTF8(b, cs, mediaType)
}

func (w *walker) addText(t string) {
	if w.textLen+len(t) > w.opts.MaxTextBytes {
		return
	}
	w.textLen += len(t)
	w.text = append(w.text, t)
}

func (w *walker) addHTML(t string) {
	if w.htmlLen+len(t) > w.opts.MaxTextBytes {
		return
	}
	w.htmlLen += len(t)
	w.html = append(w.html, t)
}

// finish turns the collected bodies into Text and HTML.
func (w *walker) finish() {
	m := w.msg
	if len(w.html) > 0 {
		raw := strings.Join(w.html, "\n")
		m.HasHTML = true
		m.HTML = sanitizeHTML(raw)
		if len(w.text) == 0 {
			m.Text = htmlToText(m.HTML)
		}
	}
	if len(w.text) > 0 {
		m.Text = strings.Join(w.text, "\n")
	}
	m.Text = normalizeText(m.Text)
}

// normalizeText makes line ends LF (a CR run before LF, as in CR CR LF from
// double conversions, is one line end) and drops trailing blank space.
func normalizeText(s string) string {
	if strings.IndexByte(s, '\r') < 0 {
		return strings.TrimRight(s, " \t\n")
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		c := s[i]
		if c != '\r' {
			j := strings.IndexByte(s[i:], '\r')
			if j < 0 {
				j = len(s) - i
			}
			b.WriteString(s[i : i+j])
			i += j
			continue
		}
		// A run of CRs: one line end if an LF ends it, else one per CR.
		j := i
		for j < len(s) && s[j] == '\r' {
			j++
		}
		if j < len(s) && s[j] == '\n' {
			b.WriteByte('\n')
			j++
		} else {
			for range j - i {
				b.WriteByte('\n')
			}
		}
		i = j
	}
	return strings.TrimRight(b.String(), " \t\n")
}

// transferDecoder undoes Content-Transfer-Encoding leniently. release
// returns what the decoder borrowed once it is no longer read.
func (w *walker) transferDecoder(h textproto.Header, body io.Reader) (r io.Reader, release func()) {
	enc := strings.ToLower(strings.TrimSpace(h.Get("Content-Transfer-Encoding")))
	switch enc {
	case "", "7bit", "8bit", "binary":
		return body, func() {}
	case "base64":
		b := getBase64Reader(body, func(dropped int) {
			w.msg.problem(ProblemBadEncoding, fmt.Sprintf("%d character(s) outside the base64 alphabet were skipped", dropped))
		})
		return b, func() { putBase64Reader(b) }
	case "quoted-printable":
		// quotedprintable.NewReader reads through a bufio.Reader of 4 KB,
		// and uses the one it is given when it is that large: a pooled one.
		br := getBufReader(body, w.size)
		return &qpReader{r: quotedprintable.NewReader(br), report: w.msg.problem}, func() { putBufReader(br) }
	default:
		w.msg.problem(ProblemUnknownEncoding, fmt.Sprintf("Content-Transfer-Encoding %q is unknown; the part is read as is", truncate(enc, 40)))
		return body, func() {}
	}
}

// qpReader turns a quoted-printable error into a problem and ends the part
// there, keeping what was decoded.
type qpReader struct {
	r      io.Reader
	report func(ProblemCode, string)
	err    bool
}

func (q *qpReader) Read(p []byte) (int, error) {
	if q.err {
		return 0, io.EOF
	}
	n, err := q.r.Read(p)
	if err != nil && err != io.EOF {
		q.err = true
		q.report(ProblemBadEncoding, fmt.Sprintf("quoted-printable: %v", err))
		return n, nil
	}
	return n, err
}
