package classify

import "strings"

// decision is the level being built, with what decided it and what moved
// it, for the reason.
type decision struct {
	r     *reading
	level int
	why   []Concept // deciding concepts, in order
	moves []move    // what lowered or raised the first reading
	// learnedFrom is the rules' level when the learned layer chose
	// another, whyEv the findings that weighed most for it.
	learnedFrom int
	learned     bool
	whyEv       []int
}

// move is a finding that lowered or raised the level.
type move struct {
	raised bool
	ev     Evidence
}

func (d *decision) use(cs ...Concept) {
	for _, c := range cs {
		if c != 0 && d.r.has(c) {
			d.why = append(d.why, c)
		}
	}
}

// firstOf returns the first concept of cs the message has, else 0.
func (r *reading) firstOf(cs ...Concept) Concept {
	for _, c := range cs {
		if r.has(c) {
			return c
		}
	}
	return 0
}

// scope is the widest scope said with a breakage; with no breakage, the
// widest said.
func (r *reading) scope() Concept {
	paired := false
	for _, c := range []Concept{ScopeAll, ScopeMany, ScopeOne, ScopeUnit} {
		if r.brokenScope[c] {
			return c
		}
	}
	for i, e := range r.ev {
		if e.Ignored == "" && isBreakage(e.Concept) && e.Concept != BreakCosmetic {
			paired = true
			_ = i
			break
		}
	}
	if paired {
		return 0
	}
	for _, c := range []Concept{ScopeAll, ScopeMany, ScopeOne, ScopeUnit} {
		if r.has(c) {
			return c
		}
	}
	return 0
}

// function is what is broken: a function named in a sentence that reports
// the breakage, the most specific first ("the printer at the box office"
// is a printer); else the first named anywhere.
func (r *reading) function() Concept {
	for _, c := range []Concept{FuncPrinter, FuncReports, FuncAccess, FuncEntry, FuncSales, FuncDevice, FuncSystem} {
		if r.brokenFunc[c] {
			return c
		}
	}
	return r.firstOf(FuncSales, FuncAccess, FuncEntry, FuncReports, FuncSystem, FuncDevice, FuncPrinter)
}

var (
	hardBreakage = []Concept{BreakEverything, BreakDown, BreakBlocked, BreakCannot, BreakNotWorking}
	softBreakage = []Concept{BreakError, BreakSlow, BreakWrong, BreakDegraded, BreakSometimes, BreakIssue}
)

// rules applies the decision order.
func (r *reading) rules(o Options) *decision {
	d := &decision{r: r}
	scope := r.scope()
	hard := r.firstOf(hardBreakage...)
	soft := r.firstOf(softBreakage...)
	fn := r.function()
	one, many, all := scope == ScopeOne || scope == ScopeUnit, scope == ScopeMany, scope == ScopeAll
	core := fn == FuncSales || fn == FuncSystem || fn == FuncEntry || fn == FuncAccess
	down := r.firstOf(BreakEverything, BreakDown)
	request := r.firstOf(ShapeFeature, ShapeChange)

	switch {
	case r.has(ConseqBreach):
		d.level = 1
		d.use(ConseqBreach, fn)
	case r.exposed:
		d.level = 1
		d.use(ConseqExposed, FuncData)
	case r.has(ConseqStopped) && !one && !many:
		d.level = 1
		d.use(scope, hard, fn, ConseqStopped)
	case r.has(ConseqStopped) && many:
		d.level = 2
		d.use(scope, hard, fn, ConseqStopped)
	case r.has(ConseqStopped) && one:
		d.level = 3
		d.use(scope, hard, fn, ConseqStopped)
	case r.has(BreakEverything) && !one && !many:
		d.level = 1
		d.use(scope, BreakEverything, fn)
	// Room hardware that cannot do one thing in every room ("none of the
	// 22 rooms can join external calls") is an important function, P2:
	// only its being down everywhere stops the customer.
	case hard != 0 && all && (core || down != 0):
		d.level = 1
		d.use(ScopeAll, hard, fn)
	case (fn == FuncSales || fn == FuncEntry) && scope == 0 && r.firstOf(BreakEverything, BreakDown, BreakBlocked) != 0:
		d.level = 1
		d.use(r.firstOf(BreakEverything, BreakDown, BreakBlocked), fn)
	case down != 0 && fn == FuncSystem && scope == 0:
		d.level = 1
		d.use(down, FuncSystem)
	case hard != 0 && (all || many):
		d.level = 2
		d.use(scope, hard, fn)
	case hard != 0 && core && !one:
		d.level = 2
		d.use(scope, hard, fn)
	case hard != 0 && fn == FuncReports && !one:
		d.level = 2
		d.use(scope, hard, fn)
	case r.has(ConseqWork) && (hard != 0 || soft != 0) && !one:
		d.level = 2
		d.use(scope, hard, soft, fn, ConseqWork)
	case down != 0 && !one:
		d.level = 2
		d.use(scope, down, fn)
	case request != 0 && hard == 0 && (soft == 0 || soft == BreakWrong || soft == BreakIssue):
		d.level = 4
		d.use(request)
	case r.has(BreakCosmetic) && hard == 0:
		d.level = 4
		d.use(BreakCosmetic, fn)
	case soft != 0 && all && soft != BreakIssue:
		d.level = 2
		d.use(ScopeAll, soft, fn)
	case hard != 0 || soft != 0 && soft != BreakIssue:
		d.level = 3
		d.use(scope, hard, soft, fn)
	case r.has(ShapeHowTo):
		d.level = 5
		d.use(ShapeHowTo)
	case request != 0:
		d.level = 4
		d.use(request)
	case r.has(ShapeResolved):
		d.level = 5
		d.use(ShapeResolved)
	case r.has(ShapeQuestion) || r.has(ShapeAsk) || r.has(ShapePricing) || r.has(ShapeDocument):
		d.level = 5
		d.use(r.firstOf(ShapePricing, ShapeDocument, ShapeQuestion, ShapeAsk))
	case soft == BreakIssue:
		d.level = 3
		d.use(scope, BreakIssue, fn)
	}
	vague := d.level == 3 && scope == 0 && !core && fn != FuncReports
	d.temper(scope)
	if d.level != 0 && d.level < 3 && r.has(ConseqUrgent) && len(d.moves) == 0 {
		d.use(ConseqUrgent)
	}
	d.tags(o, vague && len(d.moves) == 0)
	return d
}

// temper applies what softens the first reading: one user, a workaround,
// others still working, "not blocking", an intermittent fault, a cosmetic
// detail.
func (d *decision) temper(scope Concept) {
	r := d.r
	lower := func(to int, c Concept) bool {
		if d.level != 0 && d.level < to {
			d.level = to
			d.moves = append(d.moves, move{ev: r.ev[r.first[c]]})
			return true
		}
		return false
	}
	if d.level == 0 {
		return
	}
	stopped := r.has(ConseqStopped) || r.breach()
	if (scope == ScopeOne || scope == ScopeUnit) && !stopped {
		lower(3, scope)
	}
	// Others working says the fault is partial: not the whole customer
	// down (P1) but an important function or some users (P2). A
	// workaround does not lower it further: the labelled mail shows
	// support leads keep a P2 at P2 while staff write sales on paper.
	if d.level == 1 && !stopped {
		if c := r.firstOf(ModOthersFine); c != 0 && (scope == ScopeAll || scope == 0) {
			lower(2, c)
		}
	} else if d.level == 1 && !r.breach() && r.has(ModOthersFine) && r.has(ScopeMany) {
		// All of one site while the others work ("les deux guichets de
		// Quimper… Brest et Lorient fonctionnent"): one site of several
		// is the policies' P2, even with its sales stopped.
		lower(2, ModOthersFine)
	} else if d.level == 2 && scope == 0 && r.has(ModWorkaround) && !stopped {
		// An important function with a workaround and nobody said to
		// be affected beyond that: the policies' P3.
		lower(3, ModWorkaround)
	}
	if r.has(ModReassure) && !stopped {
		lower(3, ModReassure)
	}
	// A patient customer does not make an outage smaller: "pas urgent"
	// lowers an important function to P3, never everyone down.
	if r.has(ModPatient) && !stopped && d.level == 2 {
		lower(3, ModPatient)
	}
	if r.has(BreakSometimes) && d.level < 3 && !stopped {
		if scope == 0 {
			lower(3, BreakSometimes)
		} else {
			lower(d.level+1, BreakSometimes)
		}
	}
	hard := r.firstOf(hardBreakage...)
	if d.level == 3 && r.has(BreakCosmetic) && scope != ScopeAll && hard == 0 {
		lower(4, BreakCosmetic)
	}
	if d.level == 3 && r.has(ModMinor) && hard == 0 && scope != ScopeAll {
		lower(4, ModMinor)
	}
	if d.level == 3 && scope == ScopeOne {
		if c := r.firstOf(ModWorkaround, ModOthersFine, ModReassure, ModPatient); c != 0 {
			lower(4, c)
		}
	}
	// One device while the others of its kind work: the policies' minor
	// issue of one or two users.
	if d.level == 3 && scope == ScopeUnit && r.has(ModOthersFine) && hard != BreakDown && hard != BreakEverything {
		lower(4, ModOthersFine)
	}
}

// tags weighs the customer's label.
func (d *decision) tags(o Options, vague bool) {
	r := d.r
	if r.tagLevel == 0 || o.Tags == TagsIgnore {
		return
	}
	e := Evidence{Concept: TagLevel, Text: r.tagText, Where: "subject"}
	if strings.EqualFold(r.tagText, "urgent") || !strings.HasPrefix(strings.ToLower(strings.Trim(r.tagText, "[ ")), "p") {
		e.Concept = TagUrgent
	}
	switch {
	case o.Tags == TagsObey || d.level == 0:
		d.level = r.tagLevel
		d.why = append(d.why[:0], e.Concept)
	case vague && r.tagLevel != d.level:
		if r.tagLevel < d.level {
			d.level--
			d.moves = append(d.moves, move{raised: true, ev: e})
		} else {
			d.level++
			d.moves = append(d.moves, move{ev: e})
		}
	case r.tagLevel != d.level:
		e.Ignored = "outweighed"
	default:
		d.why = append(d.why, e.Concept)
	}
	r.add(e, place{srcSubject, 0})
	if e.Ignored == "" && r.first[e.Concept] < 0 {
		r.first[e.Concept] = len(r.ev) - 1
	}
}

func (d *decision) result() Result {
	r := d.r
	res := Result{Level: d.level, Evidence: r.ev}
	used := map[int]bool{}
	for _, c := range d.why {
		i := r.first[c]
		if i < 0 || used[i] {
			continue
		}
		used[i] = true
		res.Evidence[i].Used = true
		res.Steps = append(res.Steps, Step{Kind: StepUsed, Evidence: r.ev[i]})
	}
	for _, i := range d.whyEv {
		if used[i] {
			continue
		}
		used[i] = true
		res.Evidence[i].Used = true
		res.Steps = append(res.Steps, Step{Kind: StepUsed, Evidence: r.ev[i]})
	}
	if d.level == 0 {
		res.Steps = nil
		res.Reason = "none: nothing to go on"
		return res
	}
	for _, m := range d.moves {
		k := StepLowered
		if m.raised {
			k = StepRaised
		}
		res.Steps = append(res.Steps, Step{Kind: k, Evidence: m.ev})
	}
	if d.learned {
		res.Steps = append(res.Steps, Step{Kind: StepLearned, Level: d.learnedFrom})
	}
	aside := 0
	for i := range res.Evidence {
		if e := res.Evidence[i]; e.Ignored != "" && e.Concept.Kind() != KindScope && aside < 2 {
			aside++
			res.Steps = append(res.Steps, Step{Kind: StepSetAside, Evidence: e})
		}
	}
	for _, m := range d.moves {
		for i := range res.Evidence {
			if e := &res.Evidence[i]; !e.Used && e.Ignored == "" && e.String() == m.ev.String() {
				e.Used = true
			}
		}
	}
	res.Reason = levelName(d.level) + ": " + res.Say("en")
	return res
}
