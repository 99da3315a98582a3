package parser

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-message"
)

// corpusFile is one message of testdata/parser.
type corpusFile struct {
	name string
	raw  []byte
}

func loadCorpus(tb testing.TB) []corpusFile {
	tb.Helper()
	names, err := filepath.Glob(filepath.Join("..", "testdata", "parser", "*.eml"))
	if err != nil {
		tb.Fatal(err)
	}
	if len(names) == 0 {
		tb.Fatal("no .eml files in testdata/parser")
	}
	var files []corpusFile
	for _, name := range names {
		raw, err := os.ReadFile(name)
		if err != nil {
			tb.Fatal(err)
		}
		files = append(files, corpusFile{name: strings.TrimSuffix(filepath.Base(name), ".eml"), raw: raw})
	}
	return files
}

// readThrough is the floor a parse is measured against: what go-message
// alone does to read a message, with nothing kept. It reads the header,
// walks every part with go-message's multipart reader and copies each body
// to io.Discard, decoded (transfer encoding and, for text, charset) as
// go-message decodes it. Where go-message gives up (a header it rejects, a
// cut-off part), the rest of the input is still read, so that the floor
// never does less I/O than the parser has to. It returns the bytes read out
// of the bodies.
func readThrough(raw []byte) int64 {
	r := bytes.NewReader(raw)
	e, err := message.Read(r)
	if e == nil {
		_ = err
		n, _ := io.Copy(io.Discard, r)
		return n
	}
	return walkEntity(e, 0)
}

func walkEntity(e *message.Entity, depth int) int64 {
	if mr := e.MultipartReader(); mr != nil && depth < DefaultMaxDepth {
		var total int64
		for {
			p, err := mr.NextPart()
			if p == nil || (err != nil && !message.IsUnknownCharset(err) && !message.IsUnknownEncoding(err)) {
				break
			}
			total += walkEntity(p, depth+1)
		}
		n, _ := io.Copy(io.Discard, e.Body)
		return total + n
	}
	n, _ := io.Copy(io.Discard, e.Body)
	return n
}

// timeOp returns the nanoseconds per call of op, called repeatedly for
// about d.
func timeOp(op func(), d time.Duration) float64 {
	n := 0
	start := time.Now()
	for time.Since(start) < d || n == 0 {
		op()
		n++
	}
	return float64(time.Since(start).Nanoseconds()) / float64(n)
}

func minPositive(a, b float64) float64 {
	if a == 0 || b < a {
		return b
	}
	return a
}

// nsPerOp is the time per operation of a finished benchmark loop.
func nsPerOp(b *testing.B) float64 { return float64(b.Elapsed().Nanoseconds()) / float64(b.N) }

// BenchmarkParseCorpus measures, for every file of testdata/parser, the
// go-message read-through (file=X/floor) and Parse (file=X/parse) in the
// same run; the parse sub-benchmark reports its ratio to the floor just
// measured as "x-floor". corpus/floor and corpus/parse do the same for the
// whole corpus per operation, the figure the target (≤ 2×) is about.
func BenchmarkParseCorpus(b *testing.B) {
	files := loadCorpus(b)
	for _, f := range files {
		var floor float64
		b.Run("file="+f.name+"/floor", func(b *testing.B) {
			b.SetBytes(int64(len(f.raw)))
			for b.Loop() {
				readThrough(f.raw)
			}
			floor = nsPerOp(b)
		})
		b.Run("file="+f.name+"/parse", func(b *testing.B) {
			b.SetBytes(int64(len(f.raw)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Parse(f.raw); err != nil {
					b.Fatal(err)
				}
			}
			if floor > 0 {
				b.ReportMetric(nsPerOp(b)/floor, "x-floor")
			}
		})
	}
	var size int64
	for _, f := range files {
		size += int64(len(f.raw))
	}
	var floor float64
	b.Run("corpus/floor", func(b *testing.B) {
		b.SetBytes(size)
		for b.Loop() {
			for _, f := range files {
				readThrough(f.raw)
			}
		}
		floor = nsPerOp(b)
	})
	b.Run("corpus/parse", func(b *testing.B) {
		b.SetBytes(size)
		b.ReportAllocs()
		for b.Loop() {
			for _, f := range files {
				if _, err := Parse(f.raw); err != nil {
					b.Fatal(err)
				}
			}
		}
		if floor > 0 {
			b.ReportMetric(nsPerOp(b)/floor, "x-floor")
		}
	})
}

// BenchmarkCorpusRatioReport prints, per file of testdata/parser, the time
// of Parse next to the go-message read-through measured right before it,
// worst ratio first. It is a measuring tool, run once, never a gate:
//
//	go test -run '^$' -bench CorpusRatioReport -benchtime 1x ./parser/
func BenchmarkCorpusRatioReport(b *testing.B) {
	type row struct {
		name         string
		size         int
		floor, parse float64
	}
	var (
		rows                   []row
		totalFloor, totalParse float64
	)
	for _, f := range loadCorpus(b) {
		if _, err := Parse(f.raw); err != nil {
			b.Fatalf("%s: %v", f.name, err)
		}
		// Best of five interleaved rounds of ~10 ms each: the machine is
		// shared, and the minimum is the figure least disturbed by other work.
		r := row{name: f.name, size: len(f.raw)}
		floorOp := func() { readThrough(f.raw) }
		parseOp := func() { _, _ = Parse(f.raw) }
		for range 5 {
			r.floor = minPositive(r.floor, timeOp(floorOp, 10*time.Millisecond))
			r.parse = minPositive(r.parse, timeOp(parseOp, 10*time.Millisecond))
		}
		totalFloor += r.floor
		totalParse += r.parse
		rows = append(rows, r)
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].parse/rows[i].floor > rows[j].parse/rows[j].floor })
	var out strings.Builder
	fmt.Fprintf(&out, "%-52s %7s %10s %10s %7s\n", "file", "bytes", "floor µs", "parse µs", "ratio")
	for _, r := range rows {
		fmt.Fprintf(&out, "%-52s %7d %10.1f %10.1f %6.1f×\n", r.name, r.size, r.floor/1e3, r.parse/1e3, r.parse/r.floor)
	}
	fmt.Fprintf(&out, "%-52s %7s %10.1f %10.1f %6.1f×\n", "total (sum over the corpus)", "", totalFloor/1e3, totalParse/1e3, totalParse/totalFloor)
	b.Log("\n" + out.String())
}
