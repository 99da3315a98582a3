package classify

import "strings"

// decision is the level being built, with what decided it and what moved
// it, for the reason.
type decision struct {
	r     *reading
	level int
	why   []Concept // deciding concepts, in order
	moves []string  // "lowered by …", "raised by …"
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

// scope is the widest scope said with a breakage, else the widest said.
func (r *reading) scope() Concept {
	for _, c := range []Concept{ScopeAll, ScopeMany, ScopeOne} {
		if r.brokenScope[c] > 0 && r.has(c) {
			return c
		}
	}
	for _, c := range []Concept{ScopeAll, ScopeMany, ScopeOne} {
		if r.has(c) {
			return c
		}
	}
	return 0
}

var (
	hardBreakage = []Concept{BreakEverything, BreakDown, BreakBlocked, BreakCannot, BreakNotWorking}
	softBreakage = []Concept{BreakError, BreakSlow, BreakWrong, BreakSometimes, BreakIssue}
	functions    = []Concept{FuncSales, FuncAccess, FuncReports, FuncEntry, FuncSystem, FuncDevice}
)

func (r *reading) decide(o Options) Result {
	d := &decision{r: r}
	scope := r.scope()
	hard := r.firstOf(hardBreakage...)
	soft := r.firstOf(softBreakage...)
	fn := r.firstOf(functions...)
	key := r.firstOf(FuncSales, FuncAccess, FuncReports, FuncEntry, FuncSystem)
	one := scope == ScopeOne

	switch {
	case r.has(ConseqStopped):
		d.level = 1
		d.use(scope, hard, fn, ConseqStopped)
	case r.has(BreakEverything) && !one:
		d.level = 1
		d.use(scope, BreakEverything, fn)
	case hard != 0 && scope == ScopeAll:
		d.level = 1
		d.use(ScopeAll, hard, fn)
	case hard != 0 && r.has(FuncSales) && !one && scope != ScopeMany:
		d.level = 1
		d.use(scope, hard, FuncSales)
	case r.has(BreakDown) && r.has(FuncSystem) && !one && scope != ScopeMany:
		d.level = 1
		d.use(scope, BreakDown, FuncSystem)
	case hard != 0 && scope == ScopeMany:
		d.level = 2
		d.use(ScopeMany, hard, fn)
	case hard != 0 && key != 0:
		d.level = 2
		d.use(scope, hard, key)
	case r.has(ConseqWork) && (hard != 0 || soft != 0):
		d.level = 2
		d.use(scope, hard, soft, fn, ConseqWork)
	case soft != 0 && scope == ScopeAll && soft != BreakIssue:
		d.level = 2
		d.use(ScopeAll, soft, fn)
	case r.has(BreakDown):
		d.level = 2
		d.use(scope, BreakDown, fn)
	case hard != 0 || soft != 0 && soft != BreakIssue:
		d.level = 3
		d.use(scope, hard, soft, fn)
	case r.has(BreakCosmetic):
		d.level = 4
		d.use(BreakCosmetic, fn)
	case r.has(ShapeChange) || r.has(ShapeFeature):
		d.level = 4
		d.use(r.firstOf(ShapeFeature, ShapeChange))
	case r.has(ShapeResolved):
		d.level = 5
		d.use(ShapeResolved)
	case r.has(ShapeQuestion) || r.has(ShapePricing) || r.has(ShapeDocument):
		d.level = 5
		d.use(r.firstOf(ShapePricing, ShapeDocument, ShapeQuestion))
	case soft == BreakIssue:
		d.level = 3
		d.use(scope, BreakIssue, fn)
	}
	vague := d.level == 3 && scope == 0 && key == 0
	d.temper(scope)
	if d.level != 0 && d.level < 3 && r.has(ConseqUrgent) && len(d.moves) == 0 {
		d.use(ConseqUrgent)
	}
	d.tags(o, vague)
	return d.result()
}

// temper applies what softens the first reading: one user, a workaround,
// "not blocking", an intermittent fault, a cosmetic detail, a fault already
// gone.
func (d *decision) temper(scope Concept) {
	r := d.r
	lower := func(to int, c Concept) {
		if d.level != 0 && d.level < to {
			d.level = to
			d.moves = append(d.moves, "lowered by "+r.ev[r.first[c]].String())
		}
	}
	if d.level == 0 {
		return
	}
	stopped := r.has(ConseqStopped)
	if scope == ScopeOne && !stopped {
		lower(3, ScopeOne)
	}
	if r.has(ModWorkaround) && !stopped && d.level < 3 {
		lower(d.level+1, ModWorkaround)
	}
	if r.has(ModReassure) {
		lower(3, ModReassure)
	}
	if r.has(BreakSometimes) && d.level < 3 && !stopped {
		lower(d.level+1, BreakSometimes)
	}
	if r.has(ShapeResolved) && d.level <= 3 && !stopped {
		lower(4, ShapeResolved)
	}
	if d.level == 3 && r.has(BreakCosmetic) && scope != ScopeAll && r.firstOf(hardBreakage...) == 0 {
		lower(4, BreakCosmetic)
	}
	if d.level == 3 && r.has(ModMinor) && r.firstOf(hardBreakage...) == 0 && scope != ScopeAll {
		lower(4, ModMinor)
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
			d.moves = append(d.moves, "raised by "+e.String())
		} else {
			d.level++
			d.moves = append(d.moves, "lowered by "+e.String())
		}
	case r.tagLevel != d.level:
		e.Ignored = "outweighed"
	}
	r.add(e)
}

func (d *decision) result() Result {
	r := d.r
	res := Result{Level: d.level, Evidence: r.ev}
	used := map[int]bool{}
	var parts []string
	for _, c := range d.why {
		i := r.first[c]
		if i < 0 || used[i] {
			continue
		}
		used[i] = true
		res.Evidence[i].Used = true
		parts = append(parts, r.ev[i].String())
	}
	if d.level == 0 {
		res.Reason = "none: nothing to go on"
		return res
	}
	var b strings.Builder
	b.WriteString(levelName(d.level))
	b.WriteString(": ")
	b.WriteString(strings.Join(parts, " + "))
	if len(d.moves) > 0 {
		b.WriteString(", ")
		b.WriteString(strings.Join(d.moves, ", "))
	}
	var ignored []string
	for i := range res.Evidence {
		if e := res.Evidence[i]; e.Ignored != "" && e.Concept.Kind() != KindScope && len(ignored) < 2 {
			ignored = append(ignored, e.Ignored+" "+e.String())
		}
	}
	if len(ignored) > 0 {
		b.WriteString("; set aside: ")
		b.WriteString(strings.Join(ignored, ", "))
	}
	for _, m := range d.moves {
		for i := range res.Evidence {
			if e := &res.Evidence[i]; !e.Used && e.Ignored == "" && strings.HasSuffix(m, e.String()) {
				e.Used = true
			}
		}
	}
	res.Reason = b.String()
	return res
}
