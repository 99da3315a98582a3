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
	FuncData    // personal or confidential data: names, card numbers, passwords

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
	// ConseqExposed says data reaches who should not see it: other
	// people's, publicly, without logging in. With FuncData in the same
	// or the next sentence it is data exposed.
	ConseqExposed

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
	ModReassure   // not blocking, no impact, nothing is down
	ModMinor      // minor, small, slight
	ModPatient    // not urgent, when you have a moment: the customer can wait
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
	kind Kind
	// key names the concept in stored reasons: stable across versions,
	// whatever the labels become.
	key   string
	label string // for agents, in English
	fr    string // for agents, in French
}

var concepts = [numConcepts]conceptInfo{
	ScopeAll:  {KindScope, "scope-all", "everyone", "tout le monde"},
	ScopeMany: {KindScope, "scope-many", "many users", "plusieurs utilisateurs"},
	ScopeOne:  {KindScope, "scope-one", "one user", "un utilisateur"},
	ScopeUnit: {KindScope, "scope-unit", "one device", "un appareil"},

	FuncSales:   {KindFunction, "func-sales", "sales", "ventes"},
	FuncSystem:  {KindFunction, "func-system", "the system", "le système"},
	FuncAccess:  {KindFunction, "func-access", "login", "connexion"},
	FuncReports: {KindFunction, "func-reports", "reports", "rapports"},
	FuncEntry:   {KindFunction, "func-entry", "visitor entry", "accueil des visiteurs"},
	FuncPrinter: {KindFunction, "func-printer", "a printer", "une imprimante"},
	FuncDevice:  {KindFunction, "func-device", "room hardware", "matériel de salle"},
	FuncData:    {KindFunction, "func-data", "personal data", "données personnelles"},

	BreakDown:       {KindBreakage, "break-down", "down", "hors service"},
	BreakEverything: {KindBreakage, "break-everything", "nothing works", "plus rien ne marche"},
	BreakBlocked:    {KindBreakage, "break-blocked", "blocked", "bloqué"},
	BreakCannot:     {KindBreakage, "break-cannot", "cannot", "impossible"},
	BreakNotWorking: {KindBreakage, "break-not-working", "not working", "ne fonctionne pas"},
	BreakError:      {KindBreakage, "break-error", "error", "erreur"},
	BreakIssue:      {KindBreakage, "break-issue", "a problem", "un problème"},
	BreakSlow:       {KindBreakage, "break-slow", "slow", "lenteur"},
	BreakSometimes:  {KindBreakage, "break-sometimes", "intermittent", "intermittent"},
	BreakWrong:      {KindBreakage, "break-wrong", "wrong or incomplete data", "données fausses ou incomplètes"},
	BreakCosmetic:   {KindBreakage, "break-cosmetic", "cosmetic", "détail d'affichage"},
	BreakDegraded:   {KindBreakage, "break-degraded", "degraded", "dégradé"},
	BreakAffected:   {KindBreakage, "break-affected", "affected", "touché"},

	ConseqStopped: {KindConsequence, "conseq-stopped", "business stopped", "activité arrêtée"},
	ConseqWork:    {KindConsequence, "conseq-work", "work blocked", "travail bloqué"},
	ConseqBreach:  {KindConsequence, "conseq-breach", "data exposed", "données exposées"},
	ConseqUrgent:  {KindConsequence, "conseq-urgent", "said to be urgent", "dit urgent"},
	ConseqExposed: {KindConsequence, "conseq-exposed", "visible to others", "vu par des tiers"},

	ShapeHowTo:    {KindShape, "shape-how-to", "how-to question", "question d'utilisation"},
	ShapeQuestion: {KindShape, "shape-question", "question", "question"},
	ShapeAsk:      {KindShape, "shape-ask", "question", "question"},
	ShapePricing:  {KindShape, "shape-pricing", "pricing question", "question de prix"},
	ShapeDocument: {KindShape, "shape-document", "document request", "demande de document"},
	ShapeChange:   {KindShape, "shape-change", "change request", "demande de modification"},
	ShapeFeature:  {KindShape, "shape-feature", "feature request", "demande de fonctionnalité"},
	ShapeSeeBelow: {KindShape, "shape-see-below", "see below", "voir plus bas"},
	ShapeResolved: {KindShape, "shape-resolved", "already resolved", "déjà résolu"},

	ModReassure:   {KindModifier, "mod-reassure", "not blocking", "non bloquant"},
	ModMinor:      {KindModifier, "mod-minor", "minor", "mineur"},
	ModPatient:    {KindModifier, "mod-patient", "not urgent", "pas urgent"},
	ModWorkaround: {KindModifier, "mod-workaround", "workaround", "solution de contournement"},
	ModOthersFine: {KindModifier, "mod-others-fine", "others work", "les autres fonctionnent"},
	ModFuture:     {KindModifier, "mod-future", "hypothetical", "hypothétique"},
	ModHypo:       {KindModifier, "mod-hypo", "hypothetical", "hypothétique"},
	ModNegation:   {KindModifier, "mod-negation", "negated", "négation"},
	ModPast:       {KindModifier, "mod-past", "past, now fine", "passé, réglé depuis"},

	Neutral: {KindModifier, "neutral", "neutral", "neutre"},

	TagLevel:  {KindTag, "tag-level", "customer tag", "étiquette du client"},
	TagUrgent: {KindTag, "tag-urgent", "customer tag", "étiquette du client"},
}

// Kind returns the kind of a concept; 0 for none.
func (c Concept) Kind() Kind { return c.info().kind }

func (c Concept) String() string { return c.info().label }

// Key is the concept's stable name, for stored reasons: "func-sales".
func (c Concept) Key() string { return c.info().key }

var noConcept conceptInfo

func (c Concept) info() *conceptInfo {
	if c >= numConcepts {
		return &noConcept
	}
	return &concepts[c]
}

// Label names the concept for agents reading lang ("fr" or "en"); false
// for another language.
func (c Concept) Label(lang string) (string, bool) {
	switch lang {
	case "en":
		return c.info().label, true
	case "fr":
		return c.info().fr, true
	}
	return "", false
}

// ConceptByKey finds a concept by its Key.
func ConceptByKey(key string) (Concept, bool) {
	for c := Concept(1); c < numConcepts; c++ {
		if concepts[c].key == key && key != "" {
			return c, true
		}
	}
	return 0, false
}
