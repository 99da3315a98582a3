package classify

// Kind groups concepts the way the priority definitions weigh them.
type Kind uint8

// Kinds of evidence.
const (
	KindScope       Kind = iota + 1 // who is affected
	KindFunction                    // what is broken
	KindBreakage                    // how badly
	KindConsequence                 // what it costs the customer
	KindShape                       // what kind of mail it is
	KindModifier                    // what tempers or voids the rest
	KindTag                         // what the customer labelled it
)

func (k Kind) String() string {
	switch k {
	case KindScope:
		return "scope"
	case KindFunction:
		return "function"
	case KindBreakage:
		return "breakage"
	case KindConsequence:
		return "consequence"
	case KindShape:
		return "shape"
	case KindModifier:
		return "modifier"
	case KindTag:
		return "tag"
	}
	return "?"
}

// Concept is one idea the vocabulary recognises, in any of its wordings.
type Concept uint8

// Concepts.
const (
	_ Concept = iota
	// Scope.
	ScopeAll  // everyone, all tills, the whole shop, personne ne peut
	ScopeMany // several users, a department, half the tills
	ScopeOne  // one user, my account
	ScopeUnit // one device: till 4, one of the printers

	// Function.
	FuncSales   // sales, payments, tills, box office
	FuncSystem  // the system, the site, the server, the application
	FuncAccess  // login, passwords, access
	FuncReports // reports, exports, dashboards
	FuncEntry   // visitor sign-in, kiosks, badges, gates
	FuncPrinter // printers, receipts, handheld scanners
	FuncDevice  // cameras, audio, video, room hardware

	// Breakage.
	BreakDown       // down, offline, hors service, crash, boot loop
	BreakEverything // nothing works, plus rien ne fonctionne
	BreakBlocked    // blocked, stuck, frozen, at a standstill
	BreakCannot     // cannot, impossible, unable to
	BreakNotWorking // not working, ne fonctionne plus, broken
	BreakError      // an error, a bug, a quoted system message
	BreakIssue      // a problem, un souci (weak)
	BreakSlow       // slow, lenteurs
	BreakSometimes  // sometimes, from time to time
	BreakWrong      // incomplete, wrong or missing data
	BreakCosmetic   // colour, typo, alignment
	BreakDegraded   // crackling, flickering, streaks, drops out
	BreakAffected   // affected, touché (pairs a scope with a breakage)

	// Consequence.
	ConseqStopped // losing sales, closed to the public, nobody can work
	ConseqWork    // blocks our work, a deadline
	ConseqBreach  // other customers' data visible, hacked
	ConseqUrgent  // the customer says it is urgent

	// Shape.
	ShapeHowTo    // how do I, où trouver: a question on using the product
	ShapeQuestion // a question for information
	ShapeAsk      // which, when, is there: a question only in a sentence with "?"
	ShapePricing  // price, quote, licence cost
	ShapeDocument // an invoice, a certificate, a copy of
	ShapeChange   // could you change, please rename
	ShapeFeature  // feature request, it would be nice
	ShapeSeeBelow // see below, FYI: the problem is in the forwarded part
	ShapeResolved // it works again, resolved

	// Modifiers.
	ModReassure   // not blocking, not urgent, nothing is down
	ModMinor      // minor, small, slight
	ModWorkaround // a workaround exists: by hand, in the meantime
	ModOthersFine // the other tills work, everyone else is fine
	ModFuture     // will, sera: a hypothetical inside a question
	ModHypo       // if ever, in case, during the maintenance?
	ModNegation   // a negated breakage: "no error", "sans problème"
	ModPast       // it happened once, yesterday, now fine

	// Neutral wordings that would otherwise be misread ("offline
	// mode", "turned it off and on").
	Neutral

	// Tags.
	TagLevel  // [P2], P2:
	TagUrgent // URGENT, CRITICAL, [urgent]

	numConcepts
)

type conceptInfo struct {
	kind  Kind
	label string // for agents, in English
}

var concepts = [numConcepts]conceptInfo{
	ScopeAll:  {KindScope, "everyone"},
	ScopeMany: {KindScope, "many users"},
	ScopeOne:  {KindScope, "one user"},
	ScopeUnit: {KindScope, "one device"},

	FuncSales:   {KindFunction, "sales"},
	FuncSystem:  {KindFunction, "the system"},
	FuncAccess:  {KindFunction, "login"},
	FuncReports: {KindFunction, "reports"},
	FuncEntry:   {KindFunction, "visitor entry"},
	FuncPrinter: {KindFunction, "a printer"},
	FuncDevice:  {KindFunction, "room hardware"},

	BreakDown:       {KindBreakage, "down"},
	BreakEverything: {KindBreakage, "nothing works"},
	BreakBlocked:    {KindBreakage, "blocked"},
	BreakCannot:     {KindBreakage, "cannot"},
	BreakNotWorking: {KindBreakage, "not working"},
	BreakError:      {KindBreakage, "error"},
	BreakIssue:      {KindBreakage, "a problem"},
	BreakSlow:       {KindBreakage, "slow"},
	BreakSometimes:  {KindBreakage, "intermittent"},
	BreakWrong:      {KindBreakage, "wrong or incomplete data"},
	BreakCosmetic:   {KindBreakage, "cosmetic"},
	BreakDegraded:   {KindBreakage, "degraded"},
	BreakAffected:   {KindBreakage, "affected"},

	ConseqStopped: {KindConsequence, "business stopped"},
	ConseqWork:    {KindConsequence, "work blocked"},
	ConseqBreach:  {KindConsequence, "data exposed"},
	ConseqUrgent:  {KindConsequence, "said to be urgent"},

	ShapeHowTo:    {KindShape, "how-to question"},
	ShapeQuestion: {KindShape, "question"},
	ShapeAsk:      {KindShape, "question"},
	ShapePricing:  {KindShape, "pricing question"},
	ShapeDocument: {KindShape, "document request"},
	ShapeChange:   {KindShape, "change request"},
	ShapeFeature:  {KindShape, "feature request"},
	ShapeSeeBelow: {KindShape, "see below"},
	ShapeResolved: {KindShape, "already resolved"},

	ModReassure:   {KindModifier, "not blocking"},
	ModMinor:      {KindModifier, "minor"},
	ModWorkaround: {KindModifier, "workaround"},
	ModOthersFine: {KindModifier, "others work"},
	ModFuture:     {KindModifier, "hypothetical"},
	ModHypo:       {KindModifier, "hypothetical"},
	ModNegation:   {KindModifier, "negated"},
	ModPast:       {KindModifier, "past, now fine"},

	Neutral: {KindModifier, "neutral"},

	TagLevel:  {KindTag, "customer tag"},
	TagUrgent: {KindTag, "customer tag"},
}

// Kind returns the kind of a concept.
func (c Concept) Kind() Kind { return concepts[c].kind }

func (c Concept) String() string { return concepts[c].label }
