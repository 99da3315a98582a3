// Command weightgen fits the weights of the classifier's learned layer on
// the labelled splits and writes them for embedding (go generate in
// gateway/triage/classify). With -folds it first reports the k-fold
// cross-validated figures, each fold's weights fitted on the other folds
// only, so the figure says how the layer does on mail it was not fitted on.
//
// The fit is deterministic: cases in file order, folds by position, a
// fixed number of full-batch gradient steps from zero weights.
package main

import (
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"

	"ticketgate/gateway/triage"
	"ticketgate/gateway/triage/classify"
	"ticketgate/gateway/triage/eval"
	"ticketgate/parser"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "weightgen:", err)
		os.Exit(1)
	}
}

// sample is one labelled mail as the layer sees it.
type sample struct {
	split    string
	file     string
	accepted []int
	rule     int      // the rules' level, 0 when they have nothing to go on
	fixed    int      // the policy's level without the layer
	feats    []string // nil when the layer does not weigh it
}

// params of the fit.
type params struct {
	l2       float64 // weight decay per case
	l2Words  float64 // weight decay of the word stems, when not 0: a new writer's words differ most
	steps    int
	rate     float64
	minCount int     // features seen in fewer cases are left out
	p1Weight float64 // cases accepting P1 count this much more: a missed outage costs most
	margin   float64 // the model overrules the rules only by this much
	keepP1   bool    // the model never lowers the rules' P1
	p1Margin float64 // the model lowers the rules' P1 only by this much more
	raiseP1  float64 // the model raises a level to P1 only by this much more
	freeRule bool    // the rules' level is not decayed: the words only move it
	minWords int     // the model weighs only mails with this many distinct words
}

func run(args []string, out io.Writer) error {
	fs := flag.NewFlagSet("weightgen", flag.ContinueOnError)
	outFile := fs.String("out", "", "file to write the weights to (none: only report)")
	folds := fs.Int("folds", 0, "report k-fold cross-validated figures first")
	across := fs.Bool("across", false, "report each split's figures with weights fitted on the other writers' splits only")
	misses := fs.Bool("misses", false, "with -across, list each held-out case read wrong")
	writers := fs.String("writers", "", "splits written by one writer, joined by + and separated by commas (train-b+test-b): -across leaves them out together")
	var p params
	fs.Float64Var(&p.l2, "l2", 0.02, "L2 weight decay")
	fs.Float64Var(&p.l2Words, "l2-words", 0, "L2 weight decay of the word stems (0: as -l2)")
	fs.IntVar(&p.steps, "steps", 400, "gradient steps")
	fs.Float64Var(&p.rate, "rate", 0.5, "step size")
	fs.IntVar(&p.minCount, "min", 3, "least number of cases a feature must appear in")
	fs.Float64Var(&p.p1Weight, "p1", 1.5, "weight of cases that accept P1")
	fs.Float64Var(&p.margin, "margin", 0, "score by which the model must beat the rules' level")
	fs.BoolVar(&p.keepP1, "keep-p1", false, "never lower the rules' P1")
	fs.Float64Var(&p.p1Margin, "p1-margin", 0, "score by which the model must beat the rules' P1 to lower it")
	fs.Float64Var(&p.raiseP1, "raise-p1-margin", 0, "score by which P1 must beat the rules' level to raise it to P1")
	fs.BoolVar(&p.freeRule, "free-rule", false, "leave the rules' level out of the L2 decay")
	fs.IntVar(&p.minWords, "min-words", 0, "least number of distinct words of a mail the model weighs")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return fmt.Errorf("no split directories given")
	}
	var all []sample
	for _, dir := range fs.Args() {
		s, err := load(dir)
		if err != nil {
			return err
		}
		all = append(all, s...)
	}
	if *folds > 1 {
		if err := crossValidate(out, all, *folds, p); err != nil {
			return err
		}
	}
	if *across {
		acrossSplits(out, all, p, writerOf(*writers), *misses)
	}
	if *outFile == "" {
		return nil
	}
	m := fit(all, p)
	return write(*outFile, m, fs.Args(), len(all), p)
}

func load(dir string) ([]sample, error) {
	cases, err := eval.Load(dir)
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", dir, err)
	}
	pol, err := triage.DefaultPolicy()
	if err != nil {
		return nil, err
	}
	pol.SetRulesOnly(true)
	split := filepath.Base(dir)
	var out []sample
	for _, c := range cases {
		m, err := parser.Parse(c.Raw)
		if err != nil {
			continue // eval reports it as unparsed
		}
		s := sample{split: split, file: c.File, accepted: c.Accepted}
		in := triage.ClassifyInput(m)
		s.rule, s.feats = classify.Options{}.Features(in)
		// What the policy chooses without the layer: the rules alone, the
		// mailbox default when they have nothing to go on.
		s.fixed = classify.Options{RulesOnly: true}.Classify(in).Level
		if s.fixed == 0 {
			s.fixed = int(pol.Triage("support", m).Priority)
		}
		out = append(out, s)
	}
	return out, nil
}

// model maps a feature to its five weights.
type model struct {
	w map[string]*[5]float64
	p params
}

// predict does what the classifier does at run time (classify/learn.go).
func (m model) predict(s sample) int {
	if s.feats == nil {
		return s.fixed
	}
	var z [5]float64
	for _, f := range s.feats {
		if w := m.w[f]; w != nil {
			for k := range z {
				z[k] += w[k]
			}
		}
	}
	if words(s.feats) < m.p.minWords {
		return s.fixed
	}
	o := classify.Overrule{Margin: m.p.margin, P1Margin: m.p.p1Margin, RaiseP1Margin: m.p.raiseP1, KeepP1: m.p.keepP1}
	if level := o.Level(s.rule, z); level != s.rule {
		return level
	}
	return s.fixed
}

// fit minimises the negative log-likelihood of the accepted set, log Σ
// p(level) over the levels a case accepts, plus an L2 penalty, by
// full-batch gradient descent.
func fit(samples []sample, p params) model {
	count := map[string]int{}
	for _, s := range samples {
		for _, f := range s.feats {
			count[f]++
		}
	}
	m := model{w: map[string]*[5]float64{}, p: p}
	for f, n := range count {
		if n >= p.minCount || f == "bias" {
			m.w[f] = &[5]float64{}
		}
	}
	var train []sample
	for _, s := range samples {
		if s.feats != nil {
			train = append(train, s)
		}
	}
	names := make([]string, 0, len(m.w))
	for f := range m.w {
		names = append(names, f)
	}
	sort.Strings(names)
	grad := map[string]*[5]float64{}
	for _, f := range names {
		grad[f] = &[5]float64{}
	}
	total := 0.0
	for _, s := range train {
		total += caseWeight(s, p)
	}
	for step := 0; step < p.steps; step++ {
		for _, f := range names {
			*grad[f] = [5]float64{}
		}
		for _, s := range train {
			var z [5]float64
			for _, f := range s.feats {
				if w := m.w[f]; w != nil {
					for k := range z {
						z[k] += w[k]
					}
				}
			}
			mx := z[0]
			for _, v := range z {
				mx = math.Max(mx, v)
			}
			var pr [5]float64
			sum := 0.0
			for k := range z {
				pr[k] = math.Exp(z[k] - mx)
				sum += pr[k]
			}
			acc := 0.0
			for k := range pr {
				pr[k] /= sum
			}
			for _, a := range s.accepted {
				acc += pr[a-1]
			}
			// d/dz of -log Σ_A p = p - p·[k∈A]/Σ_A p
			var g [5]float64
			for k := range g {
				g[k] = pr[k]
			}
			for _, a := range s.accepted {
				g[a-1] -= pr[a-1] / acc
			}
			cw := caseWeight(s, p)
			for _, f := range s.feats {
				if gr := grad[f]; gr != nil {
					for k := range g {
						gr[k] += cw * g[k]
					}
				}
			}
		}
		for _, f := range names {
			w, gr := m.w[f], grad[f]
			for k := range w {
				reg := p.l2 * w[k]
				if p.l2Words != 0 && strings.HasPrefix(f, "word ") {
					reg = p.l2Words * w[k]
				}
				if f == "bias" || p.freeRule && strings.HasPrefix(f, "rule ") {
					reg = 0
				}
				w[k] -= p.rate * (gr[k]/total + reg)
			}
		}
	}
	return m
}

func caseWeight(s sample, p params) float64 {
	for _, a := range s.accepted {
		if a == 1 {
			return p.p1Weight
		}
	}
	return 1
}

// figures are the measures of issue 11 over a set of predictions.
type figures struct {
	cases, right, p1, p1Right, p2, p2Right, low, falseAlarms int
}

func (f *figures) add(s sample, got int) {
	f.cases++
	ok := false
	p1, p2 := false, false
	low := true
	for _, a := range s.accepted {
		ok = ok || a == got
		p1 = p1 || a == 1
		p2 = p2 || a == 2
		low = low && a >= 4
	}
	if ok {
		f.right++
	}
	if p1 {
		f.p1++
		if ok {
			f.p1Right++
		}
	}
	if p2 {
		f.p2++
		if ok {
			f.p2Right++
		}
	}
	if low {
		f.low++
		if got == 1 || got == 2 {
			f.falseAlarms++
		}
	}
}

func (f figures) String() string {
	return fmt.Sprintf("accuracy %.3f (%d/%d)  P1 recall %.3f (%d/%d)  P2 recall %.3f (%d/%d)  false alarms %.3f (%d/%d)",
		ratio(f.right, f.cases), f.right, f.cases, ratio(f.p1Right, f.p1), f.p1Right, f.p1,
		ratio(f.p2Right, f.p2), f.p2Right, f.p2, ratio(f.falseAlarms, f.low), f.falseAlarms, f.low)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func crossValidate(out io.Writer, all []sample, k int, p params) error {
	var cv, rules figures
	perSplit := map[string]*[2]figures{}
	var splits []string
	for fold := 0; fold < k; fold++ {
		var train []sample
		for i, s := range all {
			if i%k != fold {
				train = append(train, s)
			}
		}
		m := fit(train, p)
		for i, s := range all {
			if i%k != fold {
				continue
			}
			got := m.predict(s)
			rule := s.fixed
			cv.add(s, got)
			rules.add(s, rule)
			ps := perSplit[s.split]
			if ps == nil {
				ps = &[2]figures{}
				perSplit[s.split] = ps
				splits = append(splits, s.split)
			}
			ps[0].add(s, got)
			ps[1].add(s, rule)
		}
	}
	fmt.Fprintf(out, "%d-fold cross-validated, %d cases\n", k, len(all))
	fmt.Fprintf(out, "  learned     %s\n  rules only  %s\n", cv, rules)
	for _, sp := range splits {
		fmt.Fprintf(out, "  %-8s learned     %s\n  %-8s rules only  %s\n", sp, perSplit[sp][0], sp, perSplit[sp][1])
	}
	return nil
}

func write(path string, m model, dirs []string, n int, p params) error {
	names := make([]string, 0, len(m.w))
	for f := range m.w {
		names = append(names, f)
	}
	sort.Strings(names)
	var b strings.Builder
	fmt.Fprintf(&b, "# Weights of the learned layer (P1..P5 per feature), generated by weightgen\n")
	fmt.Fprintf(&b, "# from %d cases of %s; l2 %g, l2-words %g, steps %d, rate %g, min %d, p1 %g, free-rule %t. Do not edit: run go generate.\n",
		n, strings.Join(rel(dirs), ", "), p.l2, p.l2Words, p.steps, p.rate, p.minCount, p.p1Weight, p.freeRule)
	fmt.Fprintf(&b, "@margin\t%g\n@keep-p1\t%t\n@min-words\t%d\n", p.margin, p.keepP1, p.minWords)
	if p.p1Margin != 0 {
		fmt.Fprintf(&b, "@p1-margin\t%g\n", p.p1Margin)
	}
	if p.raiseP1 != 0 {
		fmt.Fprintf(&b, "@raise-p1-margin\t%g\n", p.raiseP1)
	}
	for _, f := range names {
		w := m.w[f]
		zero := true
		for _, v := range w {
			zero = zero && math.Abs(v) < 5e-5
		}
		if zero {
			continue
		}
		fmt.Fprintf(&b, "%s\t%.4f\t%.4f\t%.4f\t%.4f\t%.4f\n", f, w[0], w[1], w[2], w[3], w[4])
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		return fmt.Errorf("write weights: %w", err)
	}
	return nil
}

// rel names the splits by their last two path elements, so the header
// does not depend on where the generator ran.
func rel(dirs []string) []string {
	out := make([]string, len(dirs))
	for i, d := range dirs {
		out[i] = filepath.ToSlash(filepath.Join(filepath.Base(filepath.Dir(d)), filepath.Base(d)))
	}
	return out
}

// writerOf maps each split named in spec ("train-b+test-b,train-c") to
// its writer; a split not named is a writer of its own.
func writerOf(spec string) func(split string) string {
	w := map[string]string{}
	for _, group := range strings.Split(spec, ",") {
		for _, sp := range strings.Split(group, "+") {
			if sp = strings.TrimSpace(sp); sp != "" {
				w[sp] = group
			}
		}
	}
	return func(split string) string {
		if g, ok := w[split]; ok {
			return g
		}
		return split
	}
}

// acrossSplits fits on the splits of all writers but one and measures on
// each split of that one, then pools the figures: this says how the
// weights carry over to wording they were not fitted on, as new writers'
// mail will be.
func acrossSplits(out io.Writer, all []sample, p params, writer func(string) string, misses bool) {
	var splits []string
	seen := map[string]bool{}
	for _, s := range all {
		if !seen[s.split] {
			seen[s.split] = true
			splits = append(splits, s.split)
		}
	}
	// The fits are independent: run them side by side, report in order.
	models := make([]model, len(splits))
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i, sp := range splits {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			var train []sample
			for _, s := range all {
				if writer(s.split) != writer(sp) {
					train = append(train, s)
				}
			}
			models[i] = fit(train, p)
		}()
	}
	wg.Wait()
	var pooled, pooledRules figures
	for i, sp := range splits {
		m := models[i]
		var got, rules figures
		for _, s := range all {
			if s.split == sp {
				if lv := m.predict(s); misses && !accepts(s, lv) {
					fmt.Fprintf(out, "  miss %s/%s: expected %s, got P%d (rules alone P%d)\n", s.split, s.file, levels(s.accepted), lv, s.fixed)
				}
				got.add(s, m.predict(s))
				rules.add(s, s.fixed)
				pooled.add(s, m.predict(s))
				pooledRules.add(s, s.fixed)
			}
		}
		fmt.Fprintf(out, "%s, fitted on the other writers' splits\n  learned     %s\n  rules only  %s\n", sp, got, rules)
	}
	fmt.Fprintf(out, "all splits, each fitted on the other writers' splits\n  learned     %s\n  rules only  %s\n", pooled, pooledRules)
}

// words counts the word features of a mail.
func words(feats []string) int {
	n := 0
	for _, f := range feats {
		if strings.HasPrefix(f, "word ") {
			n++
		}
	}
	return n
}

func accepts(s sample, level int) bool {
	for _, a := range s.accepted {
		if a == level {
			return true
		}
	}
	return false
}

func levels(ls []int) string {
	var b strings.Builder
	for i, l := range ls {
		if i > 0 {
			b.WriteByte('|')
		}
		fmt.Fprintf(&b, "P%d", l)
	}
	return b.String()
}
