package parser

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"reflect"
	"runtime"
	"strings"
	"testing"
)

// recordingReaderAt serves b and records every ReadAt call.
type recordingReaderAt struct {
	b     []byte
	calls [][2]int64 // offset, length
}

func (r *recordingReaderAt) ReadAt(p []byte, off int64) (int, error) {
	r.calls = append(r.calls, [2]int64{off, int64(len(p))})
	if off >= int64(len(r.b)) {
		return 0, io.EOF
	}
	n := copy(p, r.b[off:])
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}

// sameMessage fails unless a and b hold the same parse result, attachment
// contents included.
func sameMessage(t *testing.T, a, b *Message) {
	t.Helper()
	ja, _ := goldenJSON(a)
	jb, _ := goldenJSON(b)
	if !bytes.Equal(ja, jb) {
		t.Fatalf("messages differ:\n%s\n%s", ja, jb)
	}
	if a.HTML != b.HTML || !reflect.DeepEqual(a.Header.Map(), b.Header.Map()) {
		t.Fatalf("HTML or header differ")
	}
	for i := range a.Attachments {
		ra, errA := a.Attachments[i].Open()
		rb, errB := b.Attachments[i].Open()
		if (errA == nil) != (errB == nil) {
			t.Fatalf("attachment %d: open errors %v and %v", i, errA, errB)
		}
		if errA != nil {
			continue
		}
		ca, _ := io.ReadAll(ra)
		cb, _ := io.ReadAll(rb)
		if !bytes.Equal(ca, cb) {
			t.Fatalf("attachment %d: contents differ", i)
		}
	}
}

// TestParseReaderAtCorpus parses every corpus file from an io.ReaderAt and
// checks the result against Parse, and that the reads are sequential and
// large: the gateway reads messages from stored chunks.
func TestParseReaderAtCorpus(t *testing.T) {
	for _, f := range loadCorpus(t) {
		t.Run(f.name, func(t *testing.T) {
			want := mustParse(t, f.raw)
			r := &recordingReaderAt{b: f.raw}
			got, err := ParseReaderAt(r, int64(len(f.raw)))
			if err != nil {
				t.Fatal(err)
			}
			checkReads(t, r.calls, int64(len(f.raw)))
			sameMessage(t, want, got)
		})
	}
}

// checkReads fails unless the reads cover [0, size) in order, each of at
// least 32 KB unless it reaches the end (a message without a header is read
// again from its body's start, once).
func checkReads(t *testing.T, calls [][2]int64, size int64) {
	t.Helper()
	var next int64
	rewinds := 0
	for i, c := range calls {
		if c[0] != next {
			if c[0] > next || rewinds > 0 {
				t.Fatalf("read %d at offset %d, want %d (reads %v)", i, c[0], next, calls)
			}
			rewinds++
		}
		if c[1] < 32<<10 && c[0]+c[1] < size {
			t.Fatalf("read %d of %d bytes at %d, want at least 32 KB", i, c[1], c[0])
		}
		next = min(c[0]+c[1], size)
	}
	if next != size {
		t.Fatalf("reads end at %d, want %d", next, size)
	}
}

// generatedReaderAt is a message that exists nowhere in memory: a header,
// then lines computed from their offset.
type generatedReaderAt struct {
	header []byte
	line   []byte // repeated to fill the body
	tail   []byte
	size   int64
}

func (g *generatedReaderAt) ReadAt(p []byte, off int64) (int, error) {
	n := 0
	tailStart := g.size - int64(len(g.tail))
	for n < len(p) && off < g.size {
		var k int
		switch {
		case off < int64(len(g.header)):
			k = copy(p[n:], g.header[off:])
		case off >= tailStart:
			k = copy(p[n:], g.tail[off-tailStart:])
		default:
			k = copy(p[n:], g.line[(off-int64(len(g.header)))%int64(len(g.line)):])
			k = int(min(int64(k), tailStart-off))
		}
		n += k
		off += int64(k)
	}
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}

func newGenerated(size int64, header, line, tail string) *generatedReaderAt {
	return &generatedReaderAt{header: []byte(header), line: []byte(line), tail: []byte(tail), size: size}
}

func measure(t *testing.T, f func()) (totalAlloc, heapGrowth uint64) {
	t.Helper()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.GC()
	runtime.ReadMemStats(&after)
	if after.HeapAlloc > before.HeapAlloc {
		heapGrowth = after.HeapAlloc - before.HeapAlloc
	}
	return after.TotalAlloc - before.TotalAlloc, heapGrowth
}

// TestParseReaderAtLargeMessagesMemory parses 50 MB messages that are never
// in memory: a plain-text body and a base64 attachment. What the parse
// allocates is bounded by the options, not by the message.
func TestParseReaderAtLargeMessagesMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("streams 100 MB")
	}
	const size = 50 << 20
	tests := []struct {
		name  string
		src   *generatedReaderAt
		check func(t *testing.T, m *Message)
	}{
		{"text body", newGenerated(size,
			"From: Jane <jane@example.org>\r\nSubject: logs\r\nMessage-ID: <big-text@example.org>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n",
			"2026-11-16T08:00:00 POS-12 payment gateway timeout after 30000 ms; retrying\r\n", "\r\nThanks,\r\nJane\r\n"),
			func(t *testing.T, m *Message) {
				if len(m.Text) > DefaultMaxTextBytes || len(m.Text) < DefaultMaxTextBytes/2 || !m.HasProblem(ProblemTruncated) {
					t.Errorf("text of %d bytes, problems %v; want it cut near %d bytes", len(m.Text), m.Problems, DefaultMaxTextBytes)
				}
			}},
		{"base64 attachment", newGenerated(size,
			"From: Jane <jane@example.org>\r\nSubject: logs\r\nMessage-ID: <big-att@example.org>\r\nContent-Type: multipart/mixed; boundary=\"XX\"\r\n\r\n--XX\r\nContent-Type: text/plain\r\n\r\nLogs attached.\r\n--XX\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename=\"logs.bin\"\r\nContent-Transfer-Encoding: base64\r\n\r\n",
			base64.StdEncoding.EncodeToString(bytes.Repeat([]byte{0xde, 0xad, 0xbe, 0xef, 0x01, 0x02}, 9))+"\r\n", "\r\n--XX--\r\n"),
			func(t *testing.T, m *Message) {
				if m.Text != "Logs attached." || len(m.Attachments) != 1 || m.Attachments[0].Size < 30<<20 {
					t.Errorf("text %q attachments %+v", m.Text, m.Attachments)
				}
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var (
				m   *Message
				err error
			)
			total, growth := measure(t, func() { m, err = ParseReaderAt(tt.src, tt.src.size) })
			if err != nil {
				t.Fatal(err)
			}
			tt.check(t, m)
			t.Logf("allocated %d bytes in all, heap grew by %d", total, growth)
			if (total > 12<<20 && !raceEnabled) || growth > 8<<20 {
				t.Errorf("parsing a %d-byte message allocated %d bytes, heap grew by %d; want both bounded by the options, under 12 MB and 8 MB", tt.src.size, total, growth)
			}
			runtime.KeepAlive(m)
		})
	}
}

// failingReaderAt fails every read past failAt.
type failingReaderAt struct {
	b      []byte
	failAt int64
}

var errDisk = errors.New("disk on fire")

func (f failingReaderAt) ReadAt(p []byte, off int64) (int, error) {
	if off+int64(len(p)) > f.failAt {
		return 0, errDisk
	}
	return copy(p, f.b[off:]), nil
}

func TestParseReaderAtErrors(t *testing.T) {
	raw := bigMessage(1 << 20)
	for _, at := range []int64{0, 100, 200 << 10} {
		_, err := ParseReaderAt(failingReaderAt{b: raw, failAt: at}, int64(len(raw)))
		if !errors.Is(err, ErrRead) || !errors.Is(err, errDisk) {
			t.Errorf("failing at %d: error %v, want ErrRead wrapping the cause", at, err)
		}
	}
	// A source shorter than announced is a cut-off message, not an error.
	m, err := ParseReaderAt(bytes.NewReader(raw[:300<<10]), int64(len(raw)))
	if err != nil || !m.HasProblem(ProblemTruncated) || m.Text != "Logs attached." {
		t.Errorf("short source: err %v text %q problems %v", err, m.Text, m.Problems)
	}
	if _, err := ParseReaderAt(bytes.NewReader(nil), 0); !errors.Is(err, ErrEmpty) {
		t.Errorf("empty source: %v", err)
	}
	if _, err := ParseReaderAt(strings.NewReader(" \r\n\u00a0\t"), 6); !errors.Is(err, ErrEmpty) {
		t.Errorf("blank source: %v", err)
	}
}

// TestParseLongHeaderLines checks that header lines longer than what is
// kept of them do not move the start of the body.
func TestParseLongHeaderLines(t *testing.T) {
	for _, n := range []int{100, maxFieldBytes + 10, headerLineKeep + 10, 1 << 20} {
		raw := crlf("From: a@example.com\nX-Big: " + strings.Repeat("x", n) + "\n\t" + strings.Repeat("y", n) + "\nSubject: after\n\nthe body\n")
		for _, src := range []func() *Message{
			func() *Message { return mustParse(t, raw) },
			func() *Message { m, _ := ParseReaderAt(&recordingReaderAt{b: raw}, int64(len(raw))); return m },
		} {
			m := src()
			if m.Subject != "after" || m.Text != "the body" || len(m.Header.Get("X-Big")) > maxFieldBytes {
				t.Errorf("line of %d: subject %q text %q X-Big %d bytes, problems %v", n, m.Subject, truncate(m.Text, 40), len(m.Header.Get("X-Big")), m.Problems)
			}
		}
	}
}

// oldLongestLine is how the longest line was found when the message was in
// memory.
func oldLongestLine(b []byte) int {
	longest := 0
	for len(b) > 0 {
		i := bytes.IndexByte(b, '\n')
		if i < 0 {
			i = len(b)
		}
		longest = max(longest, len(bytes.TrimRight(b[:i], "\r")))
		b = b[min(i+1, len(b)):]
	}
	return longest
}

// FuzzRawScan checks the streaming scan against what was computed on the
// whole bytes, for any split of them into reads.
func FuzzRawScan(f *testing.F) {
	f.Add([]byte("a\r\r\nbb\n\u00a0 \xc2"), 3, 5)
	f.Add([]byte(" \u2028\u3000x\r"), 1, 0)
	f.Fuzz(func(t *testing.T, b []byte, chunk, from int) {
		chunk = 1 + int(uint(chunk)%64)
		from = int(uint(from) % uint(len(b)+1))
		s := newRawScan()
		for off := 0; off < len(b); off += chunk {
			s.see(int64(off), b[off:min(len(b), off+chunk)])
			s.see(int64(max(0, off-chunk)), b[max(0, off-chunk):off]) // seen again: ignored
		}
		s.finish()
		if s.longest != oldLongestLine(b) {
			t.Fatalf("longest %d, want %d", s.longest, oldLongestLine(b))
		}
		// Rune boundaries are only guaranteed after an LF, where a body
		// starts.
		if from > 0 && b[from-1] != '\n' {
			from = 0
		}
		if got, want := s.lastText >= int64(from), len(bytes.TrimSpace(b[from:])) > 0; got != want {
			t.Fatalf("text from %d: %v, want %v (lastText %d)", from, got, want, s.lastText)
		}
	})
}

// FuzzParseReaderAt checks that a message read from an io.ReaderAt gives
// the same result as the same bytes given to Parse, under small limits that
// reach the edges (header cut off, message over MaxSize).
func FuzzParseReaderAt(f *testing.F) {
	for _, c := range loadCorpus(f) {
		f.Add(c.raw)
	}
	f.Add([]byte("From x\nSubject: y\n\nbody"))
	f.Add([]byte("no header\n\nat all"))
	p, _ := New(Options{MaxSize: 4 << 10, MaxHeaderBytes: 512, MaxTextBytes: 1 << 10})
	f.Fuzz(func(t *testing.T, raw []byte) {
		want, errWant := p.Parse(raw)
		r := &recordingReaderAt{b: raw}
		got, errGot := p.ParseReaderAt(r, int64(len(raw)))
		if fmt.Sprint(errWant) != fmt.Sprint(errGot) {
			t.Fatalf("errors %v and %v", errWant, errGot)
		}
		if errWant != nil {
			return
		}
		if got.HasProblem(ProblemInternal) {
			t.Fatalf("panic inside ParseReaderAt: %v", got.Problems)
		}
		sameMessage(t, want, got)
	})
}
