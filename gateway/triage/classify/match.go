package classify

import "strings"

// A pattern is a phrase of the vocabulary, folded and split in words. A
// word ending in "*" matches any word it starts ("fonctionn*" matches
// fonctionne, fonctionnent, fonctionnait); "~" skips zero to two words
// ("ne fonctionne ~ pas" matches "ne fonctionne toujours pas").
type pattern struct {
	concepts []Concept
	phrase   string
}

// lexicon is the compiled vocabulary: a trie of words, so that reading a
// text costs a few map lookups per word whatever the size of the
// vocabulary (the crossed lists make it large).
type lexicon struct {
	pats []pattern
	root *node
}

// node is a point in the trie: the words read so far.
type node struct {
	exact  map[string]*node
	prefix map[string][]prefixEdge // by key of the prefix
	num    *node                   // "#": any number
	gap    *node                   // "~": a few words skipped
	pat    int32                   // the pattern ending here, -1 none
}

type prefixEdge struct {
	p string
	n *node
}

func newNode() *node { return &node{pat: -1} }

func key(w string) string {
	if len(w) > 3 {
		return w[:3]
	}
	return w
}

func compile(entries []entry) *lexicon {
	lx := &lexicon{root: newNode()}
	for _, e := range entries {
		for _, ph := range e.phrases {
			words := strings.Fields(ph)
			if len(words) == 0 {
				continue
			}
			if words[0] == "~" {
				panic("classify: phrase starts with a gap: " + ph)
			}
			n := lx.root
			for _, w := range words {
				n = n.child(w, ph)
			}
			if n.pat >= 0 {
				// The same phrase twice: the first entry wins, the later
				// one adds its concepts.
				if p := &lx.pats[n.pat]; p.phrase == ph && !sameConcepts(p.concepts, e.concepts) {
					p.concepts = append(append([]Concept(nil), p.concepts...), e.concepts...)
				}
				continue
			}
			n.pat = int32(len(lx.pats))
			lx.pats = append(lx.pats, pattern{concepts: e.concepts, phrase: ph})
		}
	}
	return lx
}

// child returns (making it) the node after word w.
func (n *node) child(w, ph string) *node {
	switch {
	case w == "~":
		if n.gap == nil {
			n.gap = newNode()
		}
		return n.gap
	case w == "#":
		if n.num == nil {
			n.num = newNode()
		}
		return n.num
	case strings.HasSuffix(w, "*"):
		p := strings.TrimSuffix(w, "*")
		if len(p) < 3 {
			panic("classify: prefix too short in " + ph)
		}
		if n.prefix == nil {
			n.prefix = map[string][]prefixEdge{}
		}
		k := key(p)
		for _, e := range n.prefix[k] {
			if e.p == p {
				return e.n
			}
		}
		c := newNode()
		n.prefix[k] = append(n.prefix[k], prefixEdge{p, c})
		return c
	}
	if n.exact == nil {
		n.exact = map[string]*node{}
	}
	c := n.exact[w]
	if c == nil {
		c = newNode()
		n.exact[w] = c
	}
	return c
}

// match is the longest match found so far; on equal length the pattern
// listed first wins.
type match struct {
	end int
	pat int32
}

// walk follows the trie from n at toks[j]. Every word must be in sentence
// sent and share the quoted mark of the first; a gap skips up to two words,
// or up to five when they are quoted ("say \"Doors open\" rather than").
func walk(n *node, toks []token, j, sent int, quoted bool, best *match) {
	if n.pat >= 0 && (j > best.end || j == best.end && n.pat < best.pat) {
		best.end, best.pat = j, n.pat
	}
	if n.gap != nil {
		for skip := 0; skip <= 4; skip++ {
			walk(n.gap, toks, j+skip, sent, quoted, best)
			if j+skip >= len(toks) || toks[j+skip].sent != sent || skip >= 2 && !toks[j+skip].quoted {
				break
			}
		}
	}
	if j >= len(toks) || toks[j].sent != sent || toks[j].quoted != quoted {
		return
	}
	w := toks[j].w
	if c := n.exact[w]; c != nil {
		walk(c, toks, j+1, sent, quoted, best)
	}
	if n.prefix != nil {
		for _, e := range n.prefix[key(w)] {
			if strings.HasPrefix(w, e.p) {
				walk(e.n, toks, j+1, sent, quoted, best)
			}
		}
	}
	if n.num != nil && isNumber(w) {
		walk(n.num, toks, j+1, sent, quoted, best)
	}
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
		best := match{end: -1, pat: -1}
		walk(lx.root, toks, i, toks[i].sent, toks[i].quoted, &best)
		if best.pat < 0 || best.end <= i {
			i++
			continue
		}
		hits = append(hits, hit{pat: &lx.pats[best.pat], start: i, end: best.end})
		i = best.end
	}
	return hits
}

// numberWords are the numbers written out that "#" matches besides digits;
// not one, un, une: those say a single thing.
var numberWords = map[string]bool{
	"two": true, "three": true, "four": true, "five": true, "six": true, "seven": true, "eight": true, "nine": true,
	"ten": true, "eleven": true, "twelve": true, "fifteen": true, "twenty": true, "thirty": true, "forty": true,
	"fifty": true, "hundred": true, "deux": true, "trois": true, "quatre": true, "cinq": true, "sept": true,
	"huit": true, "neuf": true, "dix": true, "onze": true, "douze": true, "quinze": true, "vingt": true,
	"trente": true, "quarante": true, "cinquante": true, "soixante": true, "septante": true, "huitante": true,
	"octante": true, "nonante": true, "cent": true, "both": true, "les deux": true,
}

func isNumber(s string) bool {
	if numberWords[s] {
		return true
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func sameConcepts(a, b []Concept) bool {
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
