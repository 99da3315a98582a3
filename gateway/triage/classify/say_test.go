package classify_test

import (
	"strings"
	"testing"

	"ticketgate/gateway/triage/classify"
)

// The French wording of each kind of evidence and of every way a step
// moves the level; the customer's words stay as written.
func TestSayFrench(t *testing.T) {
	ev := func(c classify.Concept, text string) classify.Evidence {
		return classify.Evidence{Concept: c, Text: text}
	}
	tests := []struct {
		name  string
		steps []classify.Step
		fr    string
		en    string
	}{
		{"scope", []classify.Step{{Kind: classify.StepUsed, Evidence: ev(classify.ScopeAll, "toutes nos caisses")}},
			"périmètre « toutes nos caisses »", `scope "toutes nos caisses"`},
		{"function", []classify.Step{{Kind: classify.StepUsed, Evidence: ev(classify.FuncSales, "Caisse")}},
			"« Caisse » (ventes)", `"Caisse" (sales)`},
		{"breakage", []classify.Step{{Kind: classify.StepUsed, Evidence: ev(classify.BreakCannot, "ne peut")}},
			"« ne peut » (impossible)", `"ne peut" (cannot)`},
		{"consequence", []classify.Step{{Kind: classify.StepUsed, Evidence: ev(classify.ConseqStopped, "we are losing sales")}},
			"« we are losing sales » (activité arrêtée)", `"we are losing sales" (business stopped)`},
		{"shape", []classify.Step{{Kind: classify.StepUsed, Evidence: ev(classify.ShapeHowTo, "où trouver")}},
			"« où trouver » (question d'utilisation)", `"où trouver" (how-to question)`},
		{"modifier lowers", []classify.Step{{Kind: classify.StepUsed, Evidence: ev(classify.BreakDown, "en panne")},
			{Kind: classify.StepLowered, Evidence: ev(classify.ModOthersFine, "les autres caisses marchent")}},
			"« en panne » (hors service), abaissé par « les autres caisses marchent » (les autres fonctionnent)",
			`"en panne" (down), lowered by "les autres caisses marchent" (others work)`},
		{"scope lowers", []classify.Step{{Kind: classify.StepUsed, Evidence: ev(classify.BreakBlocked, "bloqué")},
			{Kind: classify.StepLowered, Evidence: ev(classify.ScopeOne, "mon poste")}},
			"« bloqué » (bloqué), abaissé par périmètre « mon poste »", `"bloqué" (blocked), lowered by scope "mon poste"`},
		{"tag raises", []classify.Step{{Kind: classify.StepUsed, Evidence: ev(classify.BreakIssue, "souci")},
			{Kind: classify.StepRaised, Evidence: ev(classify.TagUrgent, "URGENT")}},
			"« souci » (un problème), relevé par « URGENT » (étiquette du client)", `"souci" (a problem), raised by "URGENT" (customer tag)`},
		{"learned layer", []classify.Step{{Kind: classify.StepUsed, Evidence: ev(classify.FuncReports, "rapports")},
			{Kind: classify.StepLearned, Level: 3}},
			"« rapports » (rapports), pondéré d'après les courriels déjà classés (règles seules : P3)",
			`"rapports" (reports), weighed as in the labelled mail (rules alone: P3)`},
		{"set aside", []classify.Step{{Kind: classify.StepUsed, Evidence: ev(classify.ShapeQuestion, "procédure")},
			{Kind: classify.StepSetAside, Evidence: classify.Evidence{Concept: classify.BreakDown, Text: "tombait en panne", Ignored: "hypothetical"}},
			{Kind: classify.StepSetAside, Evidence: classify.Evidence{Concept: classify.BreakError, Text: "pas d'erreur", Ignored: "negated"}}},
			"« procédure » (question) ; écarté : hypothétique « tombait en panne » (hors service), nié « pas d'erreur » (erreur)",
			`"procédure" (question); set aside: hypothetical "tombait en panne" (down), negated "pas d'erreur" (error)`},
		{"set aside, resolved and outweighed", []classify.Step{{Kind: classify.StepUsed, Evidence: ev(classify.BreakWrong, "incomplet")},
			{Kind: classify.StepSetAside, Evidence: classify.Evidence{Concept: classify.BreakDown, Text: "down", Ignored: "already resolved"}},
			{Kind: classify.StepSetAside, Evidence: classify.Evidence{Concept: classify.TagLevel, Text: "[P1]", Ignored: "outweighed"}}},
			"« incomplet » (données fausses ou incomplètes) ; écarté : déjà résolu « down » (hors service), supplanté « [P1] » (étiquette du client)",
			`"incomplet" (wrong or incomplete data); set aside: already resolved "down" (down), outweighed "[P1]" (customer tag)`},
		{"words on one line", []classify.Step{{Kind: classify.StepUsed, Evidence: ev(classify.BreakDown, "hors\nservice")}},
			"« hors service » (hors service)", `"hors\nservice" (down)`},
	}
	for _, c := range tests {
		t.Run(c.name, func(t *testing.T) {
			if got := classify.Say(c.steps, "fr"); got != c.fr {
				t.Errorf("fr:\n got %s\nwant %s", got, c.fr)
			}
			if got := classify.Say(c.steps, "en"); got != c.en {
				t.Errorf("en:\n got %s\nwant %s", got, c.en)
			}
		})
	}
}

// Every concept has a stable key, found again by ConceptByKey, and a
// French label; the labels that read the same in English are French
// words too.
func TestConceptLabels(t *testing.T) {
	same := map[string]bool{"question": true, "impossible": true, "intermittent": true}
	keys := map[string]bool{}
	for c := classify.Concept(1); c.Kind() != 0; c++ {
		k := c.Key()
		if k == "" || keys[k] {
			t.Errorf("concept %d (%s): key %q empty or taken", c, c, k)
		}
		keys[k] = true
		if got, ok := classify.ConceptByKey(k); !ok || got != c {
			t.Errorf("ConceptByKey(%q) = %d, %v", k, got, ok)
		}
		fr, ok := c.Label("fr")
		en, _ := c.Label("en")
		if !ok || fr == "" || fr == en && !same[fr] {
			t.Errorf("concept %s: French label %q", k, fr)
		}
	}
	if len(keys) < 40 {
		t.Errorf("only %d concepts walked", len(keys))
	}
	if _, ok := classify.ConceptByKey("no-such-concept"); ok {
		t.Error("an unknown key was found")
	}
	if _, ok := classify.FuncSales.Label("de"); ok {
		t.Error("a label in German")
	}
}

// A classified mail says its reason in French from its steps.
func TestResultSaysFrench(t *testing.T) {
	r := classify.Classify(classify.Input{Body: "Bonjour, toutes nos caisses sont bloquées, nous ne pouvons plus encaisser."})
	if r.Level != 1 {
		t.Fatalf("level %d (%s)", r.Level, r.Reason)
	}
	if got := "P1: " + r.Say("en"); got != r.Reason {
		t.Errorf("English from the steps %q, reason %q", got, r.Reason)
	}
	fr := r.Say("fr")
	if !strings.Contains(fr, "périmètre « toutes nos caisses »") || strings.Contains(fr, "scope") {
		t.Errorf("French reason %q", fr)
	}
	if got := classify.Classify(classify.Input{}).Say("fr"); got != "rien sur quoi se fonder" {
		t.Errorf("nothing to go on: %q", got)
	}
}
