package templates

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"reflect"
	"sync/atomic"
	"text/template/parse"
	"time"
)

// Bounds of one rendering. A template runs inside the ingest transaction:
// one that loops or swells (a condition on the customer's address that
// writes megabytes) must cost its mail, never the ticket or the process.
const (
	// MaxSubjectBytes caps the rendered subject.
	MaxSubjectBytes = 8 << 10
	// MaxPartBytes caps a rendered body beyond the data it shows: each
	// body may write this much plus a few times the size of the data (a
	// relayed message is quoted whole, HTML escaping grows it).
	MaxPartBytes = 256 << 10
	// RenderTimeout caps the time one rendering may take.
	RenderTimeout = 2 * time.Second
	// MaxRangeDepth caps the nesting of range actions.
	MaxRangeDepth = 2
)

// errTooLong and errTooSlow end a rendering that went past its bounds.
var (
	errTooLong = errors.New("renders too much")
	errTooSlow = errors.New("takes too long to render")
)

// boundedWriter fails a write past its limit or its deadline, which stops
// text/template's Execute at its next output.
type boundedWriter struct {
	w        io.Writer
	left     int
	deadline time.Time
}

func (b *boundedWriter) Write(p []byte) (int, error) {
	if len(p) > b.left {
		return 0, errTooLong
	}
	if time.Now().After(b.deadline) {
		return 0, errTooSlow
	}
	b.left -= len(p)
	return b.w.Write(p)
}

// boundedPart is one part of a document to render within its limit.
type boundedPart struct {
	name  string
	limit int
	exec  func(io.Writer) error
	check func(string) error // if set, what the output must pass before the next part runs
}

// renderBounded renders parts in turn, each bounded to its limit and all
// to the time left until deadline, in one goroutine: a rendering that
// writes nothing for too long is abandoned, its goroutine ending at its
// next write, which the deadline refuses, or when its (finite, see
// checkRange) loops are done. It returns the outputs, and on failure the
// part that failed, why, and the outputs of the parts before it.
//
// A document without a range action renders in the caller's goroutine
// (loops false): its work is bounded by its own size and its data's, and
// every write checks the deadline, so it cannot run long without writing.
// Handing the work to a goroutine and waiting for it cost about as much
// as filling a short template in.
func renderBounded(parts []boundedPart, deadline time.Time, loops bool) (out []string, failed string, err error) {
	type result struct {
		out []string
		err error
	}
	var at atomic.Int32 // the part being rendered
	done := make(chan result, 1)
	run := func() {
		outs := make([]string, 0, len(parts))
		defer func() {
			if r := recover(); r != nil {
				done <- result{err: fmt.Errorf("rendering failed: %v", r)}
			}
		}()
		var b bytes.Buffer
		for i, p := range parts {
			at.Store(int32(i))
			b.Reset()
			if err := p.exec(&boundedWriter{w: &b, left: p.limit, deadline: deadline}); err != nil {
				done <- result{out: outs, err: err}
				return
			}
			outs = append(outs, b.String())
			if p.check != nil {
				if err := p.check(outs[i]); err != nil {
					done <- result{out: outs, err: err}
					return
				}
			}
		}
		done <- result{out: outs}
	}
	if !loops {
		run()
		r := <-done
		if r.err != nil {
			return r.out, parts[at.Load()].name, r.err
		}
		return r.out, "", nil
	}
	go run()
	// After the deadline, the goroutine's outputs are not read: it may
	// still be writing them.
	timer := time.NewTimer(time.Until(deadline))
	defer timer.Stop()
	select {
	case r := <-done:
		if r.err != nil {
			return r.out, parts[at.Load()].name, r.err
		}
		return r.out, "", nil
	case <-timer.C:
		return nil, parts[at.Load()].name, errTooSlow
	}
}

// boundError turns a bound that was hit into a template error, or
// returns nil when err is something else.
func (d Doc) boundError(part string, limit int, err error) error {
	switch {
	case errors.Is(err, errTooLong):
		return &Error{Name: d.Name, Lang: d.Lang, Line: d.offset(part) + 1,
			Msg: fmt.Sprintf("the %s renders to more than %d bytes", part, limit)}
	case errors.Is(err, errTooSlow):
		return &Error{Name: d.Name, Lang: d.Lang, Line: d.offset(part) + 1,
			Msg: fmt.Sprintf("the %s takes more than %s to render", part, RenderTimeout)}
	}
	return nil
}

// bodyLimit is the most a body may render for data: MaxPartBytes plus
// room for the data itself, several times over.
func bodyLimit(data Data) int {
	n := 0
	v := reflect.ValueOf(data)
	for i := range v.NumField() {
		switch f := v.Field(i); f.Kind() {
		case reflect.String:
			n += f.Len()
		case reflect.Slice:
			for j := range f.Len() {
				n += f.Index(j).Len()
			}
		}
	}
	return MaxPartBytes + 8*n
}

// checkRange refuses a range that is not over a list of Data: a range over
// an integer ({{range 100000}}) or over what a variable or a function
// returns could loop for as long as its author likes.
func checkRange(n *parse.RangeNode, dataType reflect.Type, depth int) string {
	if depth > MaxRangeDepth {
		return fmt.Sprintf("range actions nest deeper than %d", MaxRangeDepth)
	}
	p := n.Pipe
	if p == nil || len(p.Cmds) != 1 || len(p.Cmds[0].Args) != 1 {
		return "range only over a list variable such as .Missing"
	}
	var idents []string
	switch a := p.Cmds[0].Args[0].(type) {
	case *parse.FieldNode:
		idents = a.Ident
	case *parse.VariableNode:
		if len(a.Ident) < 2 || a.Ident[0] != "$" {
			return "range only over a list variable such as .Missing"
		}
		idents = a.Ident[1:]
	default:
		return "range only over a list variable such as .Missing, not over a number or an expression"
	}
	if len(idents) != 1 {
		return "range only over a list variable such as .Missing"
	}
	if f, ok := dataType.FieldByName(idents[0]); !ok || f.Type.Kind() != reflect.Slice {
		return fmt.Sprintf("range only over a list variable such as .Missing, not .%s", idents[0])
	}
	return ""
}

// hasRange reports whether a parse tree holds a range action anywhere.
func hasRange(t *parse.Tree) bool {
	if t == nil {
		return false
	}
	var walk func(n parse.Node) bool
	walk = func(n parse.Node) bool {
		switch n := n.(type) {
		case *parse.ListNode:
			if n == nil {
				return false
			}
			for _, c := range n.Nodes {
				if walk(c) {
					return true
				}
			}
		case *parse.RangeNode:
			return true
		case *parse.IfNode:
			return walk(n.List) || walk(n.ElseList)
		case *parse.WithNode:
			return walk(n.List) || walk(n.ElseList)
		}
		return false
	}
	return walk(t.Root)
}
