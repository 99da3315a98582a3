package classify

import (
	"fmt"
	"strings"
)

// Step is one piece of a Result's reason, in the order the reason says
// it: the findings that decided, those that lowered or raised the level,
// the rules' level when the learned layer chose another, and up to two
// findings set aside.
type Step struct {
	Kind StepKind
	// Evidence is the finding, for every kind but StepLearned; a set
	// aside finding's Ignored says why.
	Evidence Evidence
	// Level is StepLearned's: the level the rules alone gave, 0 when
	// they had nothing to go on.
	Level int
}

// StepKind is what a Step did to the level.
type StepKind uint8

// Kinds of Step.
const (
	StepUsed StepKind = iota + 1
	StepLowered
	StepRaised
	StepLearned
	StepSetAside
)

// Say writes the result's reason for agents reading lang ("fr" or "en";
// another reads as English), without the level: the customer's words
// stay as written, every other word is in lang.
func (r Result) Say(lang string) string {
	if r.Level == 0 {
		return phrase(lang, "nothing")
	}
	return Say(r.Steps, lang)
}

// Say writes a reason from its steps for agents reading lang: the
// findings that decided joined by "+", then what moved the level, then
// what was set aside.
func Say(steps []Step, lang string) string {
	if lang != "fr" {
		lang = "en"
	}
	var used, moves, aside []string
	for _, s := range steps {
		switch s.Kind {
		case StepUsed:
			used = append(used, sayEvidence(s.Evidence, lang))
		case StepLowered:
			moves = append(moves, phrase(lang, "lowered")+" "+sayEvidence(s.Evidence, lang))
		case StepRaised:
			moves = append(moves, phrase(lang, "raised")+" "+sayEvidence(s.Evidence, lang))
		case StepLearned:
			rules := levelName(s.Level)
			if s.Level == 0 {
				rules = phrase(lang, "nothing")
			}
			moves = append(moves, fmt.Sprintf(phrase(lang, "learned"), rules))
		case StepSetAside:
			aside = append(aside, ignoredName(s.Evidence.Ignored, lang)+" "+sayEvidence(s.Evidence, lang))
		}
	}
	var b strings.Builder
	b.WriteString(strings.Join(used, " + "))
	for _, m := range moves {
		if b.Len() > 0 {
			b.WriteString(", ")
		}
		b.WriteString(m)
	}
	if len(aside) > 0 {
		b.WriteString(phrase(lang, "aside"))
		b.WriteString(strings.Join(aside, ", "))
	}
	return b.String()
}

// sayEvidence is one finding: the customer's words, and what they were
// read as; a scope by its words alone.
func sayEvidence(e Evidence, lang string) string {
	if lang == "en" {
		return e.String()
	}
	label, _ := e.Concept.Label(lang)
	if e.Concept.Kind() == KindScope {
		return "périmètre " + quoteFR(e.Text)
	}
	return quoteFR(e.Text) + " (" + label + ")"
}

// quoteFR puts the customer's words in French quotation marks, as
// written but on one line.
func quoteFR(s string) string {
	return "« " + strings.Join(strings.Fields(s), " ") + " »"
}

var phrases = map[string][2]string{ // en, fr
	"lowered": {"lowered by", "abaissé par"},
	"raised":  {"raised by", "relevé par"},
	"learned": {"weighed as in the labelled mail (rules alone: %s)", "pondéré d'après les courriels déjà classés (règles seules : %s)"},
	"aside":   {"; set aside: ", " ; écarté : "},
	"nothing": {"nothing to go on", "rien sur quoi se fonder"},
}

func phrase(lang, key string) string {
	p := phrases[key]
	if lang == "fr" {
		return p[1]
	}
	return p[0]
}

// ignoredNames says why a finding was set aside (Evidence.Ignored).
var ignoredNames = map[string]string{
	"hypothetical":     "hypothétique",
	"negated":          "nié",
	"already resolved": "déjà résolu",
	"outweighed":       "supplanté",
}

func ignoredName(why, lang string) string {
	if lang == "fr" {
		if s, ok := ignoredNames[why]; ok {
			return s
		}
	}
	return why
}
