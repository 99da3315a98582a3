// Package classify reads a support mail the way the priority definitions
// do and proposes its priority, P1 (everything down, sales stopped) to P5
// (a request for information), with the evidence that decided it.
//
// It weighs five kinds of evidence, found with a vocabulary of concepts in
// French (France, Québec, Belgium) and English, folded for case and
// accents and with common typos listed: the scope (everyone, a department,
// one user), what is broken (sales, login, reports, a device), how badly
// (down, cannot, slow, cosmetic), the consequence (losing sales, nobody can
// work) and the shape of the mail (a question, a change or feature
// request). Customer tags ([P1], URGENT) count as evidence, not as orders.
//
// Implementation notes:
//   - Words are matched as phrases, the longest first and never
//     overlapping, so "n'est pas bloquant" is one phrase (not blocking)
//     and its "bloquant" is not read again as blocked.
//   - A sentence with a hypothetical ("si jamais", "what if", "pendant la
//     maintenance") says nothing of the present: its breakage is set
//     aside. A breakage word right after a negation ("pas d'erreur", "no
//     outage") is set aside too.
//   - Text in quotation marks or after "error:" is a system message: it
//     counts as one error, never as the customer's words.
//   - The package knows nothing of storage, configuration or delivery;
//     it is pure and safe for concurrent use.
package classify

import (
	"fmt"
	"strings"
)

// Input is what the classifier reads.
type Input struct {
	Subject string
	// Body is the new part of the message, quoted history removed.
	Body string
	// Forwarded is the earlier text of the thread, read when the new part
	// has nothing to go on or only says "see below".
	Forwarded string
}

// TagMode tells how customer-written tags count.
type TagMode uint8

// Tag modes.
const (
	// TagsWeigh makes a tag evidence: it decides when the text says
	// nothing, and moves a vague description by one level.
	TagsWeigh TagMode = iota
	// TagsIgnore disregards tags.
	TagsIgnore
	// TagsObey lets a tag set the level whatever the text says.
	TagsObey
)

// Options tune the classifier.
type Options struct {
	Tags TagMode
}

// Evidence is one finding.
type Evidence struct {
	Concept Concept
	// Text is the customer's wording, as written.
	Text string
	// Where is "subject", "body" or "forwarded".
	Where string
	// Used tells the finding decided or moved the level.
	Used bool
	// Ignored says why a finding was set aside: "hypothetical",
	// "negated", "outweighed"; empty when it counts.
	Ignored string
}

// Kind is the kind of the evidence's concept.
func (e Evidence) Kind() Kind { return e.Concept.Kind() }

func (e Evidence) String() string {
	if e.Concept.Kind() == KindScope {
		return fmt.Sprintf("scope %q", e.Text)
	}
	return fmt.Sprintf("%q (%s)", e.Text, e.Concept)
}

// Result is the classifier's proposal.
type Result struct {
	// Level is 1 (critical) to 5 (information); 0 when the message has
	// nothing to go on.
	Level int
	// Evidence lists every finding, in reading order.
	Evidence []Evidence
	// Reason is the deciding evidence for agents, e.g.
	// `P1: scope "toutes nos caisses" + "ne peut encaisser" (business stopped)`.
	Reason string
}

// Classify reads a message with the default options.
func Classify(in Input) Result { return Options{}.Classify(in) }

// Classify reads a message.
func (o Options) Classify(in Input) Result {
	r := newReading()
	r.read(tokenize(in.Subject, "subject"), true)
	r.read(tokenize(in.Body, "body"), false)
	if in.Forwarded != "" && (!r.hasProblem() || r.has(ShapeSeeBelow) && !r.hasBreakage()) {
		r.read(tokenize(in.Forwarded, "forwarded"), false)
	}
	r.tags(in.Subject)
	return r.decide(o)
}

// reading gathers the findings of one message.
type reading struct {
	ev []Evidence
	// per concept: index in ev of its first counting finding, -1 none.
	first [numConcepts]int
	n     [numConcepts]int
	// scopes found in sentences that also report a breakage.
	brokenScope [numConcepts]int
	tagLevel    int
	tagText     string
}

func newReading() *reading {
	r := &reading{ev: make([]Evidence, 0, 16)}
	for i := range r.first {
		r.first[i], r.brokenScope[i] = -1, -1
	}
	return r
}

var negators = map[string]bool{
	"pas": true, "not": true, "no": true, "non": true, "jamais": true, "never": true, "sans": true,
	"without": true, "aucun": true, "aucune": true, "ni": true, "nor": true, "aucuns": true, "zero": true,
}

func (r *reading) add(e Evidence) {
	r.ev = append(r.ev, e)
	if e.Ignored == "" {
		if r.first[e.Concept] < 0 {
			r.first[e.Concept] = len(r.ev) - 1
		}
		r.n[e.Concept]++
	}
}

func (r *reading) has(c Concept) bool { return r.first[c] >= 0 }

func isBreakage(c Concept) bool {
	return c.Kind() == KindBreakage && c != BreakAffected
}

func (r *reading) hasBreakage() bool {
	for c := Concept(1); c < numConcepts; c++ {
		if isBreakage(c) && c != BreakCosmetic && r.has(c) {
			return true
		}
	}
	return false
}

func (r *reading) hasProblem() bool {
	for c := Concept(1); c < numConcepts; c++ {
		if k := c.Kind(); (k == KindBreakage || k == KindConsequence || k == KindShape && c != ShapeSeeBelow) && r.has(c) {
			return true
		}
	}
	return false
}

// read adds the findings of one text.
func (r *reading) read(t text, subject bool) {
	hits := vocabulary.scan(&t, make([]hit, 0, 32))
	// Sentences with a hypothetical, and quoted spans already counted.
	hypo := map[int]string{}
	for _, h := range hits {
		if !t.toks[h.start].quoted && hasConcept(h.pat, ModHypo) {
			if _, ok := hypo[t.toks[h.start].sent]; !ok {
				hypo[t.toks[h.start].sent] = t.span(h.start, h.end)
			}
		}
	}
	quotedSeen := map[int]bool{}
	for _, h := range hits {
		tok := t.toks[h.start]
		if tok.quoted {
			// A system message: one error per quoted span, if it reads as
			// one.
			if !hasBreakageConcept(h.pat) {
				continue
			}
			q := h.start
			for q > 0 && t.toks[q-1].quoted && t.toks[q-1].sent == tok.sent && t.toks[q-1].end+3 >= t.toks[q].start {
				q--
			}
			if quotedSeen[q] {
				continue
			}
			quotedSeen[q] = true
			e := q
			for e < len(t.toks) && t.toks[e].quoted && t.toks[e].sent == tok.sent {
				e++
			}
			r.add(Evidence{Concept: BreakError, Text: t.span(q, e), Where: t.where})
			r.sentenceScope(&t, tok.sent, hits)
			continue
		}
		text := t.span(h.start, h.end)
		_, isHypo := hypo[tok.sent]
		for _, c := range h.pat.concepts {
			ev := Evidence{Concept: c, Text: text, Where: t.where}
			switch {
			case c == ModHypo:
			case isHypo && (c.Kind() == KindBreakage || c.Kind() == KindConsequence || c.Kind() == KindScope):
				ev.Ignored = "hypothetical"
			case isBreakage(c) && c != BreakNotWorking && c != BreakCannot && negated(&t, h.start):
				ev.Ignored = "negated"
			}
			r.add(ev)
			if ev.Ignored == "" && isBreakage(c) && c != BreakCosmetic {
				r.sentenceScope(&t, tok.sent, hits)
			}
		}
		if isHypo && !subject {
			// A hypothetical is a question about the procedure.
			if _, done := hypo[-1-tok.sent]; !done {
				hypo[-1-tok.sent] = ""
				r.add(Evidence{Concept: ShapeQuestion, Text: hypo[tok.sent], Where: t.where})
			}
		}
	}
}

// sentenceScope records the scopes said in sentence s, which reports a
// breakage: "toutes nos caisses" counts for "ne fonctionnent plus".
func (r *reading) sentenceScope(t *text, s int, hits []hit) {
	for _, h := range hits {
		if t.toks[h.start].sent != s || t.toks[h.start].quoted {
			continue
		}
		for _, c := range h.pat.concepts {
			if c.Kind() == KindScope || c == BreakAffected {
				if r.brokenScope[c] < 0 {
					r.brokenScope[c] = 1
				}
			}
		}
	}
}

func hasConcept(p *pattern, c Concept) bool {
	for _, x := range p.concepts {
		if x == c {
			return true
		}
	}
	return false
}

func hasBreakageConcept(p *pattern) bool {
	for _, x := range p.concepts {
		if isBreakage(x) && x != BreakCosmetic {
			return true
		}
	}
	return false
}

// negated reports a negation among the two words before token i of its
// sentence: "pas d'erreur", "no outage", "sans problème".
func negated(t *text, i int) bool {
	s := t.toks[i].sent
	for j := i - 1; j >= 0 && j >= i-2; j-- {
		if t.toks[j].sent != s {
			return false
		}
		if negators[t.toks[j].w] {
			return true
		}
	}
	return false
}

// tags reads the customer's own label in the subject: [P2], P2:, [URGENT],
// URGENT:, CRITICAL.
func (r *reading) tags(subject string) {
	s := strings.TrimSpace(subject)
	// Skip reply and forward prefixes.
	for {
		l := strings.ToLower(s)
		cut := false
		for _, p := range []string{"re:", "re :", "tr:", "tr :", "fw:", "fwd:", "aw:", "wg:", "rép:", "rep:"} {
			if strings.HasPrefix(l, p) {
				s, cut = strings.TrimSpace(s[len(p):]), true
				break
			}
		}
		if !cut {
			break
		}
	}
	l := strings.ToLower(s)
	// [Pn] anywhere, Pn: or Pn - at the start.
	for i := 0; i+3 < len(l); i++ {
		if l[i] == '[' {
			j := i + 1
			for j < len(l) && l[j] == ' ' {
				j++
			}
			if j+1 < len(l) && l[j] == 'p' && l[j+1] >= '1' && l[j+1] <= '5' {
				k := j + 2
				for k < len(l) && l[k] == ' ' {
					k++
				}
				if k < len(l) && l[k] == ']' {
					r.tag(int(l[j+1]-'0'), s[i:k+1])
					return
				}
			}
		}
	}
	if len(l) >= 3 && l[0] == 'p' && l[1] >= '1' && l[1] <= '5' {
		if k := strings.TrimLeft(l[2:], " "); strings.HasPrefix(k, ":") || strings.HasPrefix(k, "-") {
			r.tag(int(l[1]-'0'), s[:2])
			return
		}
	}
	f := strings.Fields(strings.NewReplacer("[", " [ ", "]", " ] ", ":", " : ", "!", " ! ").Replace(l))
	for i, w := range f {
		w = strings.Trim(w, "*")
		urgent := w == "urgent" || w == "urgente" || w == "critical" || w == "critique" || w == "urgence" || w == "emergency" || w == "asap"
		if !urgent {
			continue
		}
		bracket := i > 0 && f[i-1] == "[" && i+1 < len(f) && f[i+1] == "]"
		colon := i == 0 && len(f) > 1 && (f[1] == ":" || f[1] == "!") || i == 0 && len(f) == 1
		upper := strings.Contains(s, strings.ToUpper(w)) && len(w) > 3
		if bracket || colon || upper {
			r.tag(1, strings.ToUpper(w))
			return
		}
	}
}

func (r *reading) tag(level int, text string) {
	r.tagLevel, r.tagText = level, text
}

// level names.
func levelName(l int) string {
	if l == 0 {
		return "none"
	}
	return fmt.Sprintf("P%d", l)
}
