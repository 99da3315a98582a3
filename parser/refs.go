package parser

import (
	"regexp"
	"regexp/syntax"
	"unicode"
	"unicode/utf8"
)

// refFinder finds the matches of `\b(P)\b` in a text, P being the ticket
// reference pattern, as regexp's FindAllStringSubmatch would, but quickly:
// a search for an unanchored pattern without a literal prefix runs the
// slow backtracker at every offset of the body. When P's first bytes and
// longest match can be read from its syntax, only offsets where a match can
// start (a first byte at a word boundary) are tried, each with the pattern
// anchored on a window just longer than the longest match. Otherwise the
// whole regular expression is used.
//
// Before the anchored pattern runs, the bytes at the candidate offset are
// checked against what P allows at each of its first positions (steps):
// in prose, most capitalised words fail within a few bytes, and a call of
// the regular expression costs a hundred times as much as that check.
type refFinder struct {
	full     *regexp.Regexp // \b(P)\b
	anchored *regexp.Regexp // ^(P)\b, nil when P's shape is not known
	first    [256]bool
	window   int
	steps    [][256]bool // steps[k][c]: a match may hold byte c at offset k
}

func newRefFinder(pattern string) (*refFinder, error) {
	full, err := regexp.Compile(`\b(` + pattern + `)\b`)
	if err != nil {
		return nil, err
	}
	f := &refFinder{full: full}
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return f, nil
	}
	re = re.Simplify()
	first, ok := firstBytes(re)
	maxLen := maxMatchLen(re)
	if !ok || maxLen < 0 || minMatchLen(re) == 0 {
		return f, nil
	}
	f.anchored, err = regexp.Compile(`^(` + pattern + `)\b`)
	if err != nil {
		return f, nil
	}
	f.first, f.window = first, maxLen+utf8.UTFMax
	if prog, err := syntax.Compile(re); err == nil {
		f.steps = byteSteps(prog, maxSteps)
	}
	return f, nil
}

// maxSteps bounds the offsets byteSteps describes.
const maxSteps = 16

// byteSteps returns, for each of the first offsets that every match of
// prog covers (at most limit), the bytes a match may hold there: the set of
// ASCII bytes the program's states at that offset accept, with all of
// 0x80–0xFF when a state accepts a non-ASCII rune, after which the
// offsets of bytes are no longer known and the list ends. Empty-width
// assertions are passed as if true, so the sets only ever say too much.
func byteSteps(prog *syntax.Prog, limit int) [][256]bool {
	var steps [][256]bool
	cur := closure(prog, []uint32{uint32(prog.Start)})
	for len(steps) < limit && len(cur) > 0 {
		var set [256]bool
		var next []uint32
		wide, matched := false, false
		for _, pc := range cur {
			inst := &prog.Inst[pc]
			switch inst.Op {
			case syntax.InstMatch:
				matched = true
			case syntax.InstRune, syntax.InstRune1, syntax.InstRuneAny, syntax.InstRuneAnyNotNL:
				if acceptsWide(inst) {
					wide = true
				}
				ok := false
				for c := 0; c < utf8.RuneSelf; c++ {
					if inst.MatchRune(rune(c)) {
						set[c], ok = true, true
					}
				}
				if ok {
					next = append(next, inst.Out)
				}
			}
		}
		if matched {
			break // a match may end here: later offsets are not required
		}
		if wide {
			for c := utf8.RuneSelf; c < 256; c++ {
				set[c] = true
			}
			steps = append(steps, set)
			break
		}
		steps = append(steps, set)
		cur = closure(prog, next)
	}
	return steps
}

// acceptsWide reports whether a rune instruction may match a rune outside
// ASCII (or an invalid byte, read as U+FFFD).
func acceptsWide(inst *syntax.Inst) bool {
	switch inst.Op {
	case syntax.InstRuneAny, syntax.InstRuneAnyNotNL:
		return true
	}
	if syntax.Flags(inst.Arg)&syntax.FoldCase != 0 {
		return true // 'k' folds to U+212A KELVIN SIGN
	}
	for i := 1; i < len(inst.Rune); i += 2 {
		if inst.Rune[i] >= utf8.RuneSelf {
			return true
		}
	}
	if len(inst.Rune) == 1 && inst.Rune[0] >= utf8.RuneSelf {
		return true
	}
	return false
}

// closure returns the states reachable from pcs without reading a byte.
func closure(prog *syntax.Prog, pcs []uint32) []uint32 {
	seen := make(map[uint32]bool)
	var out []uint32
	var visit func(pc uint32)
	visit = func(pc uint32) {
		if seen[pc] {
			return
		}
		seen[pc] = true
		inst := &prog.Inst[pc]
		switch inst.Op {
		case syntax.InstAlt, syntax.InstAltMatch:
			visit(inst.Out)
			visit(inst.Arg)
		case syntax.InstCapture, syntax.InstEmptyWidth, syntax.InstNop:
			visit(inst.Out)
		case syntax.InstFail:
		default:
			out = append(out, pc)
		}
	}
	for _, pc := range pcs {
		visit(pc)
	}
	return out
}

// possible reports whether a match may start at offset i of s, as far as
// the steps tell.
func (f *refFinder) possible(s string, i int) bool {
	for k := range f.steps {
		if i+k >= len(s) || !f.steps[k][s[i+k]] {
			return false
		}
	}
	return true
}

// findAll returns the first group of up to n non-overlapping matches.
func (f *refFinder) findAll(s string, n int) []string {
	if f.anchored == nil {
		var out []string
		for _, sm := range f.full.FindAllStringSubmatch(s, n) {
			out = append(out, sm[1])
		}
		return out
	}
	var out []string
	for i := 0; i < len(s) && len(out) < n; i++ {
		if !f.first[s[i]] {
			continue
		}
		// \b before the match: the word-ness of the bytes either side
		// differs (Go's \b is ASCII).
		if prev := i > 0 && isWordByte(s[i-1]); prev == isWordByte(s[i]) {
			continue
		}
		if !f.possible(s, i) {
			continue
		}
		loc := f.anchored.FindStringSubmatchIndex(s[i:min(len(s), i+f.window)])
		if loc == nil {
			continue
		}
		out = append(out, s[i+loc[2]:i+loc[3]])
		i += loc[1] - 1
	}
	return out
}

func isWordByte(c byte) bool {
	return c == '_' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

// firstBytes returns the bytes a match of re can start with, and false when
// that is not known (re may match the empty string, or starts with an
// assertion or any character).
func firstBytes(re *syntax.Regexp) (set [256]bool, ok bool) {
	mark := func(lo, hi rune) {
		for c := lo; c <= min(hi, utf8.RuneSelf-1); c++ {
			set[c] = true
		}
		if hi >= utf8.RuneSelf {
			for c := utf8.RuneSelf; c < 256; c++ {
				set[c] = true
			}
		}
	}
	switch re.Op {
	case syntax.OpLiteral:
		if len(re.Rune) == 0 {
			return set, false
		}
		r := re.Rune[0]
		mark(r, r)
		if re.Flags&syntax.FoldCase != 0 {
			// Any case of it, and the non-ASCII runes that fold to it.
			for f := r; ; {
				mark(f, f)
				if f = unicode.SimpleFold(f); f == r {
					break
				}
			}
			mark(utf8.RuneSelf, utf8.MaxRune)
		}
		return set, true
	case syntax.OpCharClass:
		for i := 0; i+1 < len(re.Rune); i += 2 {
			mark(re.Rune[i], re.Rune[i+1])
		}
		return set, len(re.Rune) > 0
	case syntax.OpCapture, syntax.OpPlus:
		return firstBytes(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min == 0 {
			return set, false
		}
		return firstBytes(re.Sub[0])
	case syntax.OpAlternate:
		for _, sub := range re.Sub {
			s, ok := firstBytes(sub)
			if !ok {
				return set, false
			}
			for c := range s {
				set[c] = set[c] || s[c]
			}
		}
		return set, true
	case syntax.OpConcat:
		for _, sub := range re.Sub {
			inner := sub
			if minMatchLen(sub) == 0 {
				// Only x? and x* may come first: a match may start with
				// x or with what follows. Assertions are not followed.
				if !optional(sub) {
					return set, false
				}
				inner = sub.Sub[0]
			}
			s, ok := firstBytes(inner)
			if !ok {
				return set, false
			}
			for c := range s {
				set[c] = set[c] || s[c]
			}
			if inner == sub {
				return set, true
			}
		}
		return set, false
	}
	return set, false
}

// optional reports whether re is x? or x*, whose first bytes are x's.
func optional(re *syntax.Regexp) bool {
	return re.Op == syntax.OpQuest || re.Op == syntax.OpStar || re.Op == syntax.OpRepeat && re.Min == 0
}

// minMatchLen is the fewest bytes a match of re takes.
func minMatchLen(re *syntax.Regexp) int {
	switch re.Op {
	case syntax.OpLiteral:
		return len(string(re.Rune))
	case syntax.OpCharClass, syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		return 1
	case syntax.OpCapture, syntax.OpPlus:
		return minMatchLen(re.Sub[0])
	case syntax.OpRepeat:
		return re.Min * minMatchLen(re.Sub[0])
	case syntax.OpConcat:
		n := 0
		for _, sub := range re.Sub {
			n += minMatchLen(sub)
		}
		return n
	case syntax.OpAlternate:
		n := -1
		for _, sub := range re.Sub {
			if m := minMatchLen(sub); n < 0 || m < n {
				n = m
			}
		}
		return max(n, 0)
	}
	return 0
}

// maxMatchLen is the most bytes a match of re takes, -1 for no bound.
func maxMatchLen(re *syntax.Regexp) int {
	switch re.Op {
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase != 0 {
			return len(re.Rune) * utf8.UTFMax // a fold may be longer
		}
		return len(string(re.Rune))
	case syntax.OpCharClass:
		// The window the anchored pattern runs on is kept short: its
		// cost grows with it.
		if n := len(re.Rune); n > 0 && re.Rune[n-1] < utf8.RuneSelf {
			return 1
		}
		return utf8.UTFMax
	case syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		return utf8.UTFMax
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText,
		syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return 0
	case syntax.OpCapture, syntax.OpQuest:
		return maxMatchLen(re.Sub[0])
	case syntax.OpRepeat:
		n := maxMatchLen(re.Sub[0])
		if re.Max < 0 || n < 0 {
			return -1
		}
		return re.Max * n
	case syntax.OpConcat:
		n := 0
		for _, sub := range re.Sub {
			m := maxMatchLen(sub)
			if m < 0 {
				return -1
			}
			n += m
		}
		return n
	case syntax.OpAlternate:
		n := 0
		for _, sub := range re.Sub {
			m := maxMatchLen(sub)
			if m < 0 {
				return -1
			}
			n = max(n, m)
		}
		return n
	}
	return -1
}
