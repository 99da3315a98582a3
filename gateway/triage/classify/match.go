package classify

import "strings"

// A pattern is a phrase of the vocabulary, folded and split in words. A
// word ending in "*" matches any word it starts ("fonctionn*" matches
// fonctionne, fonctionnent, fonctionnait); "~" skips zero to two words
// ("ne fonctionne ~ pas" matches "ne fonctionne toujours pas").
type pattern struct {
	words    []pword
	concepts []Concept
	phrase   string
}

type pword struct {
	w      string
	prefix bool
	gap    bool
}

// lexicon is the compiled vocabulary: patterns indexed by the first three
// letters of their first word, so that a text is read in one pass with a
// handful of comparisons per word.
type lexicon struct {
	pats  []pattern
	index map[string][]int32
}

func key(w string) string {
	if len(w) > 3 {
		return w[:3]
	}
	return w
}

func compile(entries []entry) *lexicon {
	lx := &lexicon{index: map[string][]int32{}}
	seen := map[string]int{}
	for _, e := range entries {
		for _, ph := range e.phrases {
			words := strings.Fields(ph)
			if len(words) == 0 {
				continue
			}
			var p pattern
			p.concepts, p.phrase = e.concepts, ph
			for _, w := range words {
				if w == "~" {
					p.words = append(p.words, pword{gap: true})
					continue
				}
				pw := pword{w: w}
				if strings.HasSuffix(w, "*") {
					pw.w, pw.prefix = strings.TrimSuffix(w, "*"), true
					if len(pw.w) < 3 {
						panic("classify: prefix too short in " + ph)
					}
				}
				p.words = append(p.words, pw)
			}
			if p.words[0].gap {
				panic("classify: phrase starts with a gap: " + ph)
			}
			// The same phrase twice: the first entry wins, the later
			// one adds its concepts.
			if i, ok := seen[ph]; ok {
				lx.pats[i].concepts = append(append([]Concept(nil), lx.pats[i].concepts...), e.concepts...)
				continue
			}
			seen[ph] = len(lx.pats)
			k := key(p.words[0].w)
			lx.index[k] = append(lx.index[k], int32(len(lx.pats)))
			lx.pats = append(lx.pats, p)
		}
	}
	return lx
}

func (w pword) matches(s string) bool {
	if w.prefix {
		return strings.HasPrefix(s, w.w)
	}
	return s == w.w
}

// matchAt returns the end of the longest match of p at toks[i], or -1.
// Every word must be in sentence sent and share the quoted mark of the
// first.
func (p *pattern) matchAt(toks []token, i int) int {
	return matchFrom(p.words, toks, i, toks[i].sent, toks[i].quoted)
}

func matchFrom(ws []pword, toks []token, i, sent int, quoted bool) int {
	if len(ws) == 0 {
		return i
	}
	if ws[0].gap {
		best := -1
		for skip := 0; skip <= 2; skip++ {
			if e := matchFrom(ws[1:], toks, i+skip, sent, quoted); e > best {
				best = e
			}
			if i+skip >= len(toks) || toks[i+skip].sent != sent {
				break
			}
		}
		return best
	}
	if i >= len(toks) || toks[i].sent != sent || toks[i].quoted != quoted || !ws[0].matches(toks[i].w) {
		return -1
	}
	return matchFrom(ws[1:], toks, i+1, sent, quoted)
}

// hit is one match of the vocabulary in a text.
type hit struct {
	pat        *pattern
	start, end int // tokens
}

// scan reads t left to right and returns the longest match at each word,
// never overlapping: "n'est pas bloquant" is read as one phrase (not
// blocking), so "bloquant" inside it is not read again as blocked.
func (lx *lexicon) scan(t *text, hits []hit) []hit {
	toks := t.toks
	for i := 0; i < len(toks); {
		best, bestEnd := -1, -1
		for _, pi := range lx.index[key(toks[i].w)] {
			if e := lx.pats[pi].matchAt(toks, i); e > bestEnd {
				best, bestEnd = int(pi), e
			}
		}
		if best < 0 {
			i++
			continue
		}
		hits = append(hits, hit{pat: &lx.pats[best], start: i, end: bestEnd})
		i = bestEnd
	}
	return hits
}
