package triage

import "regexp"

// DefaultLabels names the five priorities of the policies ticketgate was
// built from (P1 system down … P5 information request).
func DefaultLabels() []string {
	return []string{"critical", "high", "medium", "low", "information"}
}

// DefaultRules is the rule set used when the configuration has none: the
// on-call mailbox is P1, then explicit tags in the subject, then keywords
// from P1 to P5 in French and English. No rule: the mailbox's default.
func DefaultRules() []Rule {
	return []Rule{
		{Mailbox: "oncall", Priority: 1},
		{PriorityTags: true},
		{Priority: 1, Tags: []string{"[urgent]", "[urgente]", "[critical]", "[critique]", "urgent:", "urgente:", "critical:"}},
		{Priority: 1, Keywords: []string{
			"panne", "hors service", "bloquant", "bloquante", "plus rien ne fonctionne", "plus rien ne marche",
			"ne demarre plus", "system down", "systems down", "is down", "are down", "outage",
			"cannot process transactions", "can t process transactions", "production down",
		}},
		{Priority: 2, Keywords: []string{
			"cannot log in", "can t log in", "cannot login", "unable to log in", "unable to login",
			"impossible de se connecter", "connexion impossible", "ne fonctionne pas", "ne marche pas",
			"not working", "doesn t work", "does not work", "reports do not run", "erreur", "error", "broken",
		}},
		{Priority: 4, Keywords: []string{
			"feature request", "demande d evolution", "evolution", "amelioration", "suggestion", "enhancement",
			"cosmetic", "cosmetique",
		}},
		{Priority: 5, Keywords: []string{
			"question", "demande d information", "demande d informations", "renseignement", "information request",
			"how do i", "how to", "comment faire", "comment puis je",
		}},
	}
}

// Requirements the missing-information check knows by name.
var knownRequirements = map[string]Requirement{
	"phone":      {Name: "phone", Label: "phone number", Pattern: regexp.MustCompile(`(?:\+|\b0)[0-9](?:[ .-]?[0-9]){7,13}\b`)},
	"serial":     {Name: "serial", Label: "serial number", Pattern: regexp.MustCompile(`(?i)\b(?:serial(?: number| no\.?)?|s/n|sn|n°\s*de\s*s[ée]rie|num[ée]ro de s[ée]rie)(?:\s*[:#]\s*|\s+)[A-Z0-9-]*[0-9][A-Z0-9-]{2,}`)},
	"steps":      {Name: "steps", Label: "steps to reproduce", Pattern: regexp.MustCompile(`(?i)(?:steps|reproduce|[ée]tapes|reproduire|(?m:^\s*1[.)]\s))`)},
	"started":    {Name: "started", Label: "when it started", Pattern: regexp.MustCompile(`(?i)(?:since|started|depuis|a commenc[ée])`)},
	"screenshot": {Name: "screenshot", Label: "screenshot", Attachment: true},
}

// KnownRequirement returns a built-in requirement by name.
func KnownRequirement(name string) (Requirement, bool) {
	r, ok := knownRequirements[name]
	return r, ok
}
