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
	// RulesOnly leaves out the learned layer: the decision order alone
	// chooses, as it did before the weights were fitted.
	RulesOnly bool
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
	d := o.read(in).rules(o)
	d.learn(o)
	return d.result()
}

// read gathers the findings of a message.
func (o Options) read(in Input) *reading {
	r := newReading()
	r.read(tokenize(in.Subject, "subject"), srcSubject)
	r.read(tokenize(in.Body, "body"), srcBody)
	r.count()
	// The earlier text describes the problem of a forward or an
	// escalation; in a plain reply it is the history, already answered.
	if in.Forwarded != "" && !r.hasBreakage() && (r.has(ShapeSeeBelow) || isForward(in.Subject) || strings.TrimSpace(in.Body) == "") {
		r.read(tokenize(in.Forwarded, "forwarded"), srcForwarded)
	}
	r.setAsideHistory()
	r.count()
	r.tags(in.Subject)
	return r
}

const (
	srcSubject = iota
	srcBody
	srcForwarded
)

// place is where a finding is: which text, which sentence.
type place struct{ src, sent int }

// reading gathers the findings of one message.
type reading struct {
	ev    []Evidence
	where []place // parallel to ev
	// per concept: index in ev of its first counting finding, -1 none.
	first [numConcepts]int
	n     [numConcepts]int
	// scopes and functions said in or right after a sentence that
	// reports a breakage.
	brokenScope [numConcepts]bool
	brokenFunc  [numConcepts]bool
	// sentences with a hypothetical or a fault already gone, per text.
	hypoBody, resolvedBody bool
	tagLevel               int
	tagText                string
	// words are the stems of the customer's own words (not quoted
	// system text), for the learned layer.
	words []string
}

func newReading() *reading {
	return &reading{ev: make([]Evidence, 0, 16), where: make([]place, 0, 16)}
}

var negators = map[string]bool{
	"pas": true, "not": true, "no": true, "non": true, "jamais": true, "never": true, "sans": true,
	"without": true, "aucun": true, "aucune": true, "ni": true, "nor": true, "aucuns": true, "zero": true,
}

// scopeNounFunc are the nouns of a scope that say what is broken.
var scopeNounFunc = map[string]Concept{
	"caisses": FuncSales, "caisse": FuncSales, "caises": FuncSales, "caise": FuncSales, "tpe": FuncSales, "terminaux": FuncSales,
	"guichets": FuncSales, "tills": FuncSales, "till": FuncSales, "registers": FuncSales, "register": FuncSales,
	"checkouts": FuncSales, "lanes": FuncSales, "counters": FuncSales, "terminals": FuncSales, "pos": FuncSales,
	"bornes": FuncEntry, "borne": FuncEntry, "kiosks": FuncEntry, "kiosk": FuncEntry, "kiosques": FuncEntry,
	"gates": FuncEntry, "turnstiles": FuncEntry, "portiques": FuncEntry, "tourniquets": FuncEntry,
	"badges": FuncEntry, "receptions": FuncEntry, "accueils": FuncEntry, "entrances": FuncEntry, "portes": FuncEntry,
	"doors": FuncEntry, "scanners": FuncEntry, "salles": FuncDevice, "rooms": FuncDevice, "ecrans": FuncDevice,
	"screens": FuncDevice, "imprimantes": FuncPrinter, "printers": FuncPrinter, "comptes": FuncAccess,
	"accounts": FuncAccess, "paiement": FuncSales, "paiements": FuncSales, "payment": FuncSales, "payments": FuncSales,
	"transaction": FuncSales, "transactions": FuncSales, "commande": FuncSales, "commandes": FuncSales,
	"order": FuncSales, "orders": FuncSales, "vente": FuncSales, "ventes": FuncSales, "sale": FuncSales, "sales": FuncSales,
	"carte": FuncSales, "cartes": FuncSales, "card": FuncSales, "cards": FuncSales, "scan": FuncEntry, "scans": FuncEntry,
	"billet": FuncEntry, "billets": FuncEntry, "ticket": FuncEntry, "tickets": FuncEntry, "connexion": FuncAccess,
	"connexions": FuncAccess, "login": FuncAccess, "logins": FuncAccess, "reservation": FuncSales, "reservations": FuncSales,
	"booking": FuncSales, "bookings": FuncSales, "appel": FuncDevice, "appels": FuncDevice, "call": FuncDevice,
	"calls": FuncDevice, "reunion": FuncDevice, "reunions": FuncDevice, "meeting": FuncDevice, "meetings": FuncDevice,
	"sites": FuncSystem, "serveurs": FuncSystem, "servers": FuncSystem,
}

// requestWords make a sentence a request: "merci de m'envoyer la facture".
var requestWords = map[string]bool{
	"please": true, "pls": true, "merci": true, "pourriez": true, "pouvez": true, "could": true, "can": true,
	"send": true, "envoyer": true, "envoyez": true, "besoin": true, "need": true, "would": true, "voudrais": true,
	"voudrions": true, "souhaite": true, "souhaiterais": true, "souhaitons": true, "aimerais": true,
	"aimerions": true, "transmettre": true, "obtenir": true, "recevoir": true, "get": true, "download": true,
	"telecharger": true, "where": true, "ou": true, "envoie": true, "renvoyer": true, "resend": true,
}

func (r *reading) add(e Evidence, at place) {
	r.ev = append(r.ev, e)
	r.where = append(r.where, at)
}

// count indexes the findings that count, and pairs scopes and functions
// with the sentences that report a breakage.
func (r *reading) count() {
	for i := range r.first {
		r.first[i], r.n[i], r.brokenScope[i], r.brokenFunc[i] = -1, 0, false, false
	}
	broken := map[place]bool{}
	for i, e := range r.ev {
		if e.Ignored != "" {
			continue
		}
		if r.first[e.Concept] < 0 {
			r.first[e.Concept] = i
		}
		r.n[e.Concept]++
		if isBreakage(e.Concept) && e.Concept != BreakCosmetic || e.Concept == BreakAffected || e.Concept.Kind() == KindConsequence && e.Concept != ConseqUrgent {
			broken[r.where[i]] = true
		}
	}
	for i, e := range r.ev {
		if e.Ignored != "" {
			continue
		}
		at := r.where[i]
		same := broken[at]
		before := broken[place{at.src, at.sent - 1}]
		switch e.Concept.Kind() {
		case KindScope:
			if same || before {
				r.brokenScope[e.Concept] = true
			}
		case KindFunction:
			if same {
				r.brokenFunc[e.Concept] = true
			}
		}
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

// setAsideHistory sets aside the breakage of the subject and of the
// forwarded text when the body says the fault is gone, or asks what to do
// if it happened, and reports no breakage of its own: "Re: Tills offline"
// over "thanks, all back up; could you send a root cause report?".
func (r *reading) setAsideHistory() {
	if !r.resolvedBody && !r.hypoBody {
		return
	}
	for i, e := range r.ev {
		if r.where[i].src == srcBody && e.Ignored == "" && isBreakage(e.Concept) && e.Concept != BreakCosmetic {
			return
		}
	}
	why := "hypothetical"
	if r.resolvedBody {
		why = "already resolved"
	}
	for i := range r.ev {
		e := &r.ev[i]
		k := e.Concept.Kind()
		if r.where[i].src != srcBody && e.Ignored == "" && (k == KindBreakage || k == KindConsequence && e.Concept != ConseqUrgent) {
			e.Ignored = why
		}
	}
}

// read adds the findings of one text.
func (r *reading) read(t text, src int) {
	hits := vocabulary().scan(&t, make([]hit, 0, 32))
	for _, tok := range t.toks {
		if !tok.quoted && len(tok.w) > 2 {
			r.words = append(r.words, stem(tok.w))
		}
	}
	// What each sentence is: hypothetical, about a fault already gone.
	type sentInfo struct {
		hypo, future, resolved, request, ifWord bool
		hypoText                                string
	}
	info := make([]sentInfo, len(t.sents)+1)
	for _, tok := range t.toks {
		si := &info[tok.sent]
		switch tok.w {
		case "if", "si", "whether", "lorsque", "quand":
			si.ifWord = si.ifWord || !tok.quoted
		}
		if requestWords[tok.w] {
			si.request = true
		}
	}
	for _, h := range hits {
		tok := t.toks[h.start]
		if tok.quoted {
			continue
		}
		si := &info[tok.sent]
		switch {
		case hasConcept(h.pat, ModHypo):
			if !si.hypo {
				si.hypo, si.hypoText = true, t.span(h.start, h.end)
			}
		case hasConcept(h.pat, ModFuture):
			si.future = true
			if si.hypoText == "" {
				si.hypoText = t.span(h.start, h.end)
			}
		case hasConcept(h.pat, ShapeResolved):
			si.resolved = true
		}
	}
	for i := range t.sents {
		si := &info[i]
		// A question right after a hypothetical goes on with it: "si
		// jamais un terminal est volé, que faire ? Le bloquer ?".
		follows := i > 0 && info[i-1].hypo && t.sents[i-1].question
		if !si.hypo && t.sents[i].question && (si.future || si.ifWord || follows) {
			si.hypo = true
			if si.hypoText == "" {
				si.hypoText = t.span(t.sents[i].first, t.sents[i].end)
			}
		}
		if src == srcBody {
			r.hypoBody = r.hypoBody || si.hypo
			r.resolvedBody = r.resolvedBody || si.resolved
		}
	}
	question := func(s int) bool { return s < len(t.sents) && t.sents[s].question }
	quotedSeen := map[int]bool{}
	hypoAsked := map[int]bool{}
	for _, h := range hits {
		tok := t.toks[h.start]
		at := place{src, tok.sent}
		if tok.quoted {
			// A system message: one error per quoted span, if it reads as
			// one.
			if !hasBreakageConcept(h.pat) {
				continue
			}
			q := h.start
			for q > 0 && t.toks[q-1].quoted && t.toks[q-1].sent == tok.sent {
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
			ev := Evidence{Concept: BreakError, Text: t.span(q, e), Where: t.where}
			if info[tok.sent].hypo {
				ev.Ignored = "hypothetical"
			}
			r.add(ev, at)
			continue
		}
		text := t.span(h.start, h.end)
		si := info[tok.sent]
		for _, c := range h.pat.concepts {
			ev := Evidence{Concept: c, Text: text, Where: t.where}
			k := c.Kind()
			switch {
			case c == Neutral || c == ModFuture:
				continue
			case c == ShapeAsk:
				if !question(tok.sent) {
					continue
				}
			case c == ShapeDocument:
				if !question(tok.sent) && !si.request {
					continue
				}
			case c == ModHypo:
			case si.hypo && (k == KindBreakage || k == KindConsequence && c != ConseqUrgent || k == KindScope):
				ev.Ignored = "hypothetical"
			case si.resolved && (k == KindBreakage || k == KindConsequence && c != ConseqUrgent):
				ev.Ignored = "already resolved"
			case isBreakage(c) && c != BreakNotWorking && c != BreakCannot && negated(&t, h.start):
				ev.Ignored = "negated"
			}
			r.add(ev, at)
			if k == KindScope {
				// "toutes nos caisses": the scope names what is broken.
				for j := h.start; j < h.end; j++ {
					if f := scopeNounFunc[t.toks[j].w]; f != 0 {
						r.add(Evidence{Concept: f, Text: t.span(j, j+1), Where: t.where, Ignored: ev.Ignored}, at)
						break
					}
				}
			}
		}
		if si.hypo && src != srcSubject && !hypoAsked[tok.sent] {
			// A hypothetical is a question about the procedure.
			hypoAsked[tok.sent] = true
			r.add(Evidence{Concept: ShapeQuestion, Text: si.hypoText, Where: t.where}, at)
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
	f := strings.Fields(tagSpacer.Replace(l))
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
			r.tag(1, w)
			if k := strings.Index(l, w); k >= 0 {
				r.tag(1, s[k:k+len(w)])
			}
			return
		}
	}
}

// tagSpacer isolates the marks around a tag word: "[urgent]", "URGENT:".
var tagSpacer = strings.NewReplacer("[", " [ ", "]", " ] ", ":", " : ", "!", " ! ")

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

// isForward reports a subject that starts with a forward prefix.
func isForward(subject string) bool {
	l := strings.ToLower(strings.TrimSpace(subject))
	for _, p := range []string{"fw:", "fwd:", "tr:", "tr :", "fw :", "fwd :", "wg:", "transfert"} {
		if strings.HasPrefix(l, p) {
			return true
		}
	}
	return false
}
