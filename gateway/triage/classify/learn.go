package classify

import (
	"bufio"
	_ "embed"
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync"
)

// The learned layer weighs the rules' own findings with weights fitted on
// the labelled corpus (testdata/triage), so that the many small
// boundaries the decision order draws by hand (P1 against P2 when the
// rest works, P3 against P4 for one device) follow what support leads
// chose. It reads only interpretable features: the level the rules chose,
// each concept found, the scope, breakage and function said together,
// what was set aside and why, the customer's tag. The reason names the
// findings that weighed most, in the customer's words.
//
// Data exposure stays a hand rule (P1 whatever the weights say), a mail
// with nothing to go on stays for the mailbox default, and an obeyed tag
// still wins.

//go:generate go run ./weightgen -l2 0.08 -l2-words 0.01 -min 10 -p1 3.25 -p1-margin 1 -min-words 15 -out weights.tsv ../../../testdata/triage/train ../../../testdata/triage/test ../../../testdata/triage/train-b ../../../testdata/triage/test-b ../../../testdata/triage/train-c ../../../testdata/triage/test-c ../../../testdata/triage/train-d ../../../testdata/triage/test-d ../../../testdata/triage/train-e

//go:embed weights.tsv
var weightsTSV string

// model is a multinomial logistic regression: one weight per feature and
// level.
type model struct {
	w        map[string][5]float64
	overrule Overrule
	minWords int
}

var (
	modelOnce sync.Once
	theModel  *model
	modelErr  error
)

// learned returns the embedded model, nil when it holds none.
func learned() (*model, error) {
	modelOnce.Do(func() { theModel, modelErr = parseWeights(weightsTSV) })
	return theModel, modelErr
}

// parseWeights reads lines "feature<TAB>w1<TAB>…<TAB>w5"; "#" starts a
// comment.
func parseWeights(s string) (*model, error) {
	m := &model{w: map[string][5]float64{}}
	sc := bufio.NewScanner(strings.NewReader(s))
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) == 2 && f[0] == "@margin" {
			v, err := strconv.ParseFloat(f[1], 64)
			if err != nil {
				return nil, fmt.Errorf("weights line %d: %w", n, err)
			}
			m.overrule.Margin = v
			continue
		}
		if len(f) == 2 && f[0] == "@min-words" {
			v, err := strconv.Atoi(f[1])
			if err != nil {
				return nil, fmt.Errorf("weights line %d: %w", n, err)
			}
			m.minWords = v
			continue
		}
		if len(f) == 2 && f[0] == "@p1-margin" {
			v, err := strconv.ParseFloat(f[1], 64)
			if err != nil {
				return nil, fmt.Errorf("weights line %d: %w", n, err)
			}
			m.overrule.P1Margin = v
			continue
		}
		if len(f) == 2 && f[0] == "@raise-p1-margin" {
			v, err := strconv.ParseFloat(f[1], 64)
			if err != nil {
				return nil, fmt.Errorf("weights line %d: %w", n, err)
			}
			m.overrule.RaiseP1Margin = v
			continue
		}
		if len(f) == 2 && f[0] == "@keep-p1" {
			m.overrule.KeepP1 = f[1] == "true"
			continue
		}
		if len(f) != 6 {
			return nil, fmt.Errorf("weights line %d: %d fields, want 6", n, len(f))
		}
		var w [5]float64
		for i := range w {
			v, err := strconv.ParseFloat(f[i+1], 64)
			if err != nil {
				return nil, fmt.Errorf("weights line %d: %w", n, err)
			}
			w[i] = v
		}
		m.w[f[0]] = w
	}
	if len(m.w) == 0 {
		return nil, nil
	}
	return m, nil
}

// Scores returns the score of each level (index 0 is P1) for a list of
// features.
func (m *model) scores(fs []feature) [5]float64 {
	var s [5]float64
	for _, f := range fs {
		w, ok := m.w[f.name]
		if !ok {
			continue
		}
		for i := range s {
			s[i] += w[i]
		}
	}
	return s
}

// feature is one interpretable finding the model weighs; ev is the index
// of the evidence that shows it, -1 when none does (the rules' level).
type feature struct {
	name string
	ev   int
}

// conceptKeys name concepts in the weights file, stable across
// renumbering.
var conceptKeys = [numConcepts]string{
	ScopeAll: "scope-all", ScopeMany: "scope-many", ScopeOne: "scope-one", ScopeUnit: "scope-unit",
	FuncSales: "fn-sales", FuncSystem: "fn-system", FuncAccess: "fn-access", FuncReports: "fn-reports",
	FuncEntry: "fn-entry", FuncPrinter: "fn-printer", FuncDevice: "fn-device", FuncData: "fn-data",
	BreakDown: "down", BreakEverything: "everything", BreakBlocked: "blocked", BreakCannot: "cannot",
	BreakNotWorking: "notworking", BreakError: "error", BreakIssue: "issue", BreakSlow: "slow",
	BreakSometimes: "sometimes", BreakWrong: "wrong", BreakCosmetic: "cosmetic", BreakDegraded: "degraded",
	BreakAffected: "affected",
	ConseqStopped: "stopped", ConseqWork: "work", ConseqBreach: "breach", ConseqUrgent: "urgent", ConseqExposed: "exposed",
	ShapeHowTo: "howto", ShapeQuestion: "question", ShapeAsk: "ask", ShapePricing: "pricing",
	ShapeDocument: "document", ShapeChange: "change", ShapeFeature: "feature", ShapeSeeBelow: "seebelow",
	ShapeResolved: "resolved",
	ModReassure:   "reassure", ModMinor: "minor", ModPatient: "patient", ModWorkaround: "workaround", ModOthersFine: "othersfine",
	ModFuture: "future", ModHypo: "hypo", ModNegation: "negation", ModPast: "past",
	Neutral: "neutral", TagLevel: "tag", TagUrgent: "tagurgent",
}

func ckey(c Concept) string {
	if c == 0 {
		return "none"
	}
	return conceptKeys[c]
}

// features lists what the model reads of a reading and the rules'
// decision.
func (d *decision) features(o Options) []feature {
	r := d.r
	fs := make([]feature, 0, 48)
	add := func(name string, ev int) { fs = append(fs, feature{name, ev}) }
	add("bias", -1)
	add("rule P"+strconv.Itoa(d.level), -1)
	if len(d.moves) > 0 {
		add("rule P"+strconv.Itoa(d.level)+" moved", -1)
	}
	subjOnly := [numConcepts]bool{}
	for c := Concept(1); c < numConcepts; c++ {
		if c.Kind() == KindTag || !r.has(c) {
			continue
		}
		add("has "+ckey(c), r.first[c])
		if r.n[c] > 1 {
			add("twice "+ckey(c), r.first[c])
		}
		subjOnly[c] = true
	}
	for i, e := range r.ev {
		if e.Ignored == "" && r.where[i].src != srcSubject {
			subjOnly[e.Concept] = false
		}
	}
	for c := Concept(1); c < numConcepts; c++ {
		if subjOnly[c] && r.has(c) && c.Kind() != KindTag {
			add("subject only "+ckey(c), r.first[c])
		}
	}
	for c := Concept(1); c < numConcepts; c++ {
		if r.brokenScope[c] {
			add("broken "+ckey(c), r.first[c])
		}
		if r.brokenFunc[c] {
			add("broken "+ckey(c), r.first[c])
		}
	}
	seenAside := map[string]bool{}
	for i, e := range r.ev {
		if e.Ignored == "" || e.Ignored == "outweighed" {
			continue
		}
		n := "aside " + e.Ignored + " " + e.Concept.Kind().String()
		if !seenAside[n] {
			seenAside[n] = true
			add(n, i)
		}
	}
	scope := r.scope()
	hard := r.firstOf(hardBreakage...)
	soft := r.firstOf(softBreakage...)
	fn := r.function()
	brk := hard
	if brk == 0 {
		brk = soft
	}
	ev := func(c Concept) int {
		if c == 0 {
			return -1
		}
		return r.first[c]
	}
	lead := ev(brk)
	if lead < 0 {
		lead = ev(scope)
	}
	add("scope "+ckey(scope)+" break "+ckey(brk), lead)
	add("scope "+ckey(scope)+" fn "+ckey(fn), lead)
	add("break "+ckey(brk)+" fn "+ckey(fn), lead)
	add("scope "+ckey(scope)+" break "+ckey(brk)+" fn "+ckey(fn), lead)
	if hard != 0 && soft != 0 {
		add("hard and soft", ev(soft))
	}
	if len(r.words) > 0 {
		seen := make(map[string]bool, len(r.words))
		for _, w := range r.words {
			if !seen[w] {
				seen[w] = true
				add("word "+w, -1)
			}
		}
	}
	if r.tagLevel != 0 && o.Tags != TagsIgnore {
		add("tag P"+strconv.Itoa(r.tagLevel), -1)
		add("tag P"+strconv.Itoa(r.tagLevel)+" rule P"+strconv.Itoa(d.level), -1)
	}
	return fs
}

// Features returns the names of what the learned layer reads in a message
// and the level the rules alone chose; the generator of the weights
// trains on them. Names is nil when the layer does not weigh the message
// (nothing to go on, data exposed, an obeyed tag).
func (o Options) Features(in Input) (rule int, names []string) {
	r := o.read(in)
	d := r.rules(o)
	if !d.learnable(o) {
		return d.level, nil
	}
	for _, f := range d.features(o) {
		names = append(names, f.name)
	}
	return d.level, names
}

// learnable reports a decision the learned layer may weigh.
func (d *decision) learnable(o Options) bool {
	r := d.r
	tagOnly := len(d.why) > 0
	for _, c := range d.why {
		tagOnly = tagOnly && c.Kind() == KindTag
	}
	return !tagOnly && !r.breach() && !(o.Tags == TagsObey && r.tagLevel != 0)
}

// learn lets the model choose the level where the rules may be
// overruled, and rewrites the reason with what weighed most.
func (d *decision) learn(o Options) {
	if !d.learnable(o) || o.RulesOnly {
		return
	}
	m, err := learned()
	if err != nil || m == nil {
		return
	}
	d.weigh(o, m)
}

// Overrule is when the learned layer's scores overrule the rules: weigh
// applies it at run time and weightgen measures its fits with it, so the
// figures it reports are the classifier's.
type Overrule struct {
	// Margin is how much more the scores must give their level than the
	// rules' level; P1Margin how much more to lower a rules' P1 (a
	// missed outage costs most); RaiseP1Margin how much more to raise a
	// lower level to P1 (the P1 cases weigh more in the fit, so the scores
	// lean to P1); KeepP1 forbids lowering a P1.
	Margin, P1Margin, RaiseP1Margin float64
	KeepP1                          bool
}

// Level returns the level scores choose over the rules' level rule
// (1..5), or rule when they do not overrule it. When the rules have
// nothing to go on (rule 0) the scores are weighed against P3, the
// support mailbox's default, and 0 leaves the mailbox default to apply.
func (o Overrule) Level(rule int, scores [5]float64) int {
	if rule == 0 {
		if l := o.Level(3, scores); l != 3 {
			return l
		}
		return 0
	}
	best := 0
	for i := range scores {
		if scores[i] > scores[best] {
			best = i
		}
	}
	if best+1 == rule || scores[best]-scores[rule-1] < o.Margin || rule == 1 && (o.KeepP1 || scores[best]-scores[0] < o.P1Margin) {
		return rule
	}
	if best == 0 && scores[0]-scores[rule-1] < o.RaiseP1Margin {
		return rule
	}
	return best + 1
}

// weigh lets model m choose the level.
func (d *decision) weigh(o Options, m *model) {
	fs := d.features(o)
	nw := 0
	for _, f := range fs {
		if strings.HasPrefix(f.name, "word ") {
			nw++
		}
	}
	if nw < m.minWords {
		return
	}
	s := m.scores(fs)
	level := m.overrule.Level(d.level, s)
	if level == d.level {
		return
	}
	// The findings that pushed most toward the chosen level, against
	// the level the rules chose.
	type contrib struct {
		ev int
		v  float64
	}
	byEv := map[int]float64{}
	for _, f := range fs {
		if f.ev < 0 {
			continue
		}
		w := m.w[f.name]
		byEv[f.ev] += w[level-1] - w[max(d.level, 3)-1]
	}
	var top []contrib
	for i, v := range byEv {
		if v > 0 {
			top = append(top, contrib{i, v})
		}
	}
	// Strongest first, reading order on ties: deterministic.
	for i := 1; i < len(top); i++ {
		for j := i; j > 0 && (top[j].v > top[j-1].v+1e-12 || math.Abs(top[j].v-top[j-1].v) <= 1e-12 && top[j].ev < top[j-1].ev); j-- {
			top[j], top[j-1] = top[j-1], top[j]
		}
	}
	if len(top) > 3 {
		top = top[:3]
	}
	d.learnedFrom, d.learned = d.level, true
	d.level = level
	d.moves = d.moves[:0]
	if len(top) > 0 {
		d.why = d.why[:0]
	}
	for _, t := range top {
		d.whyEv = append(d.whyEv, t.ev)
	}
}

// stem cuts a folded word to its first six letters, so that the forms of
// one word (bloque, bloquee, bloques; fonctionne, fonctionnent) weigh as
// one.
func stem(w string) string {
	if len(w) > 6 {
		return w[:6]
	}
	return w
}
