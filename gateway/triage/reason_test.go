package triage_test

import (
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"ticketgate/gateway"
	"ticketgate/gateway/triage"
	"ticketgate/gateway/triage/eval"
	"ticketgate/parser"
	"ticketgate/templates"
)

var (
	goQuoted = regexp.MustCompile(`"(?:[^"\\]|\\.)*"`)
	frQuoted = regexp.MustCompile(`« [^»]* »`)
	words    = regexp.MustCompile(`[\p{L}'-]+`)
)

// Every mail of the labelled splits: the reason stored in parts says
// again, in English, what the classifier said, and in French shares no
// word with the English beyond the customer's and the configuration's
// own and the few words both languages write alike.
func TestReasonsInBothLanguages(t *testing.T) {
	p, err := triage.DefaultPolicy()
	if err != nil {
		t.Fatal(err)
	}
	en, fr := map[string]int{}, map[string]int{}
	n := 0
	for _, split := range []string{"train", "test", "train-b", "test-b"} {
		cases, err := eval.Load(filepath.Join("..", "..", "testdata", "triage", split))
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range cases {
			m, err := parser.Parse(c.Raw)
			if err != nil {
				continue
			}
			d := p.Triage("support", m)
			stored, err := gateway.UnmarshalReason(gateway.MarshalReason(d.Why))
			if err != nil || len(stored) != len(d.Why) {
				t.Fatalf("%s: stored reason %v (%v)", c.File, stored, err)
			}
			says, ok := p.SayReason(stored, "en")
			if !ok || says != d.Reason {
				t.Errorf("%s: English from the parts %q (%v), reason %q", c.File, says, ok, d.Reason)
			}
			if r := p.Classify(m); r.Level == int(d.Priority) && r.Level > 0 && d.Priority.String()+": "+d.Reason != r.Reason {
				t.Errorf("%s: reason %q, the classifier's %q", c.File, d.Reason, r.Reason)
			}
			french, ok := p.SayReason(stored, "fr")
			if !ok || french == "" || strings.Contains(frQuoted.ReplaceAllString(french, " "), `"`) {
				t.Errorf("%s: French %q (%v)", c.File, french, ok)
			}
			for _, w := range words.FindAllString(goQuoted.ReplaceAllString(says, " "), -1) {
				en[strings.ToLower(w)]++
			}
			for _, w := range words.FindAllString(frQuoted.ReplaceAllString(french, " "), -1) {
				fr[strings.ToLower(w)]++
			}
			n++
		}
	}
	if n < 500 {
		t.Fatalf("only %d mails read", n)
	}
	// Words French and English share, the mailbox's name, and the P of
	// a level.
	alike := map[string]bool{"question": true, "impossible": true, "intermittent": true, "document": true, "urgent": true,
		"support": true, "p": true}
	var shared []string
	for w := range fr {
		if en[w] > 0 && !alike[w] {
			shared = append(shared, w)
		}
	}
	sort.Strings(shared)
	if len(shared) > 0 {
		t.Errorf("French reasons use English words: %v", shared)
	}
	// The French side must have met the connectors, or the check above
	// proves little.
	for _, w := range []string{"périmètre", "abaissé", "écarté", "pondéré"} {
		if fr[w] == 0 {
			t.Errorf("no French reason said %q", w)
		}
	}
}

// The reasons the gateway itself gives, and parts it cannot say.
func TestSayReasonParts(t *testing.T) {
	p := defaultPolicy(t)
	tests := []struct {
		r      gateway.Reason
		en, fr string
	}{
		{gateway.Reason{{Kind: gateway.ReasonSetBy, Text: "alex@helpdesk.example.com"}}, "set by alex@helpdesk.example.com", "fixée par alex@helpdesk.example.com"},
		{gateway.Reason{{Kind: gateway.ReasonDefault, Text: "support"}}, "mailbox support default", "priorité par défaut de la boîte support"},
		{gateway.Reason{{Kind: gateway.ReasonTag, Text: "[P1]"}}, "tag [P1] in subject", "étiquette [P1] dans l'objet"},
		{gateway.Reason{{Kind: gateway.ReasonKeyword, Text: "panne", Note: "body"}}, "keyword 'panne' in body", "mot-clé « panne » dans le message"},
		{gateway.Reason{{Kind: gateway.ReasonEvidence, Concept: "func-sales", Text: "caisses"}, {Kind: gateway.ReasonLearned, Text: "P2"}},
			`"caisses" (sales), weighed as in the labelled mail (rules alone: P2)`,
			"« caisses » (ventes), pondéré d'après les courriels déjà classés (règles seules : P2)"},
		{gateway.Reason{{Kind: gateway.ReasonEvidence, Concept: "mod-patient", Text: "pas urgent"}, {Kind: gateway.ReasonLearned, Text: "none"}},
			`"pas urgent" (not urgent), weighed as in the labelled mail (rules alone: nothing to go on)`,
			"« pas urgent » (pas urgent), pondéré d'après les courriels déjà classés (règles seules : rien sur quoi se fonder)"},
	}
	for _, c := range tests {
		if got, ok := p.SayReason(c.r, "en"); !ok || got != c.en {
			t.Errorf("en %q (%v), want %q", got, ok, c.en)
		}
		if got, ok := p.SayReason(c.r, "fr"); !ok || got != c.fr {
			t.Errorf("fr %q (%v), want %q", got, ok, c.fr)
		}
	}
	for _, r := range []gateway.Reason{
		{{Kind: "from-a-later-version"}},
		{{Kind: gateway.ReasonEvidence, Concept: "no-such-concept", Text: "x"}},
		{{Kind: gateway.ReasonKeyword, Text: "x", Note: "footer"}},
		{{Kind: gateway.ReasonLearned, Text: "P9x"}},
	} {
		if got, ok := p.SayReason(r, "fr"); ok {
			t.Errorf("%+v said as %q", r, got)
		}
	}
	if _, ok := p.SayReason(gateway.Reason{{Kind: gateway.ReasonSetBy, Text: "a"}}, "de"); ok {
		t.Error("a reason said in German")
	}
}

// The reason the golden mails show is the one triage says, in each
// language, for findings in the sample customer's words.
func TestSampleReasonIsTriages(t *testing.T) {
	p := defaultPolicy(t)
	why := func(cannot, print, byHand, noError string) gateway.Reason {
		return gateway.Reason{{Kind: gateway.ReasonEvidence, Concept: "break-cannot", Text: cannot},
			{Kind: gateway.ReasonEvidence, Concept: "func-printer", Text: print},
			{Kind: gateway.ReasonLowered, Concept: "mod-workaround", Text: byHand},
			{Kind: gateway.ReasonSetAside, Concept: "break-error", Text: noError, Note: "negated"}}
	}
	for lang, r := range map[string]gateway.Reason{"en": why("Cannot", "print", "by hand", "no error"),
		"fr": why("Impossible", "imprimer", "à la main", "pas d'erreur")} {
		said, ok := p.SayReason(r, lang)
		if want := templates.Sample(templates.AgentNewTicket, lang, true).PriorityReason; !ok || said != want {
			t.Errorf("%s: triage says %q, the sample shows %q", lang, said, want)
		}
	}
}
