package triage

import (
	"strings"

	"ticketgate/gateway"
	"ticketgate/gateway/triage/classify"
)

// reasonParts is the classifier's reason as a ticket keeps it; the level
// is left out, since the ticket shows its priority beside it already.
func reasonParts(steps []classify.Step) gateway.Reason {
	out := make(gateway.Reason, 0, len(steps))
	for _, s := range steps {
		p := gateway.ReasonPart{Concept: s.Evidence.Concept.Key(), Text: s.Evidence.Text}
		switch s.Kind {
		case classify.StepUsed:
			p.Kind = gateway.ReasonEvidence
		case classify.StepLowered:
			p.Kind = gateway.ReasonLowered
		case classify.StepRaised:
			p.Kind = gateway.ReasonRaised
		case classify.StepLearned:
			p = gateway.ReasonPart{Kind: gateway.ReasonLearned, Text: learnedFrom(s.Level)}
		case classify.StepSetAside:
			p.Kind, p.Note = gateway.ReasonSetAside, s.Evidence.Ignored
		}
		out = append(out, p)
	}
	return out
}

// SayReason writes a reason for agents reading lang ("fr" or "en"): the
// words of the customer, the configuration and people stay as written,
// every other word is in lang. False for another language, or a part it
// does not know (a reason stored by a later version).
func (p *Policy) SayReason(r gateway.Reason, lang string) (string, bool) {
	if lang != "fr" && lang != "en" {
		return "", false
	}
	var rule []string
	var steps []classify.Step
	for _, part := range r {
		switch part.Kind {
		case gateway.ReasonMailbox, gateway.ReasonTier, gateway.ReasonSender:
			rule = append(rule, ruleWords[part.Kind][langIndex(lang)]+" "+part.Text)
		case gateway.ReasonTag:
			rule = append(rule, map[string]string{"en": "tag " + part.Text + " in subject",
				"fr": "étiquette " + part.Text + " dans l'objet"}[lang])
		case gateway.ReasonKeyword:
			where, ok := places[part.Note]
			if !ok {
				return "", false
			}
			if lang == "fr" {
				rule = append(rule, "mot-clé « "+part.Text+" » "+where[1])
			} else {
				rule = append(rule, "keyword '"+part.Text+"' in "+where[0])
			}
		case gateway.ReasonDefault:
			rule = append(rule, map[string]string{"en": "mailbox " + part.Text + " default",
				"fr": "priorité par défaut de la boîte " + part.Text}[lang])
		case gateway.ReasonSetBy:
			rule = append(rule, map[string]string{"en": "set by ", "fr": "fixée par "}[lang]+part.Text)
		case gateway.ReasonLearned:
			var pr gateway.Priority
			if part.Text != learnedFrom(0) {
				var err error
				if pr, err = gateway.ParsePriority(part.Text); err != nil {
					return "", false
				}
			}
			steps = append(steps, classify.Step{Kind: classify.StepLearned, Level: int(pr)})
		case gateway.ReasonEvidence, gateway.ReasonLowered, gateway.ReasonRaised, gateway.ReasonSetAside:
			c, ok := classify.ConceptByKey(part.Concept)
			if !ok {
				return "", false
			}
			s := classify.Step{Kind: stepKinds[part.Kind], Evidence: classify.Evidence{Concept: c, Text: part.Text}}
			if part.Kind == gateway.ReasonSetAside {
				s.Evidence.Ignored = part.Note
			}
			steps = append(steps, s)
		default:
			return "", false
		}
	}
	out := strings.Join(rule, ", ")
	if len(steps) > 0 {
		if out != "" {
			out += ", "
		}
		out += classify.Say(steps, lang)
	}
	return out, true
}

// learnedFrom names the rules' level in a learned reason: "none" when they
// had nothing to go on.
func learnedFrom(level int) string {
	if level == 0 {
		return "none"
	}
	return gateway.Priority(level).String()
}

func langIndex(lang string) int {
	if lang == "fr" {
		return 1
	}
	return 0
}

// ruleWords name a rule's conditions: en, fr.
var ruleWords = map[string][2]string{
	gateway.ReasonMailbox: {"mailbox", "boîte"},
	gateway.ReasonTier:    {"tier", "offre"},
	gateway.ReasonSender:  {"sender", "expéditeur"},
}

// places say where a keyword was found: en, fr.
var places = map[string][2]string{
	"subject": {"subject", "dans l'objet"},
	"body":    {"body", "dans le message"},
}

var stepKinds = map[string]classify.StepKind{
	gateway.ReasonEvidence: classify.StepUsed,
	gateway.ReasonLowered:  classify.StepLowered,
	gateway.ReasonRaised:   classify.StepRaised,
	gateway.ReasonSetAside: classify.StepSetAside,
}
