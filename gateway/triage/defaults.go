package triage

import (
	"regexp"

	"ticketgate/gateway/calendar"
)

// DefaultLabels names the five priorities of the policies ticketgate was
// built from (P1 system down … P5 information request).
func DefaultLabels() []string {
	return []string{"critical", "high", "medium", "low", "information"}
}

// DefaultRules is the rule set used when the configuration has none: the
// on-call mailbox is P1. Everything else is read by the classifier, which
// weighs customer tags ([P2], URGENT) and wording in French and English
// with the rest of the mail; the mailbox's default applies when it has
// nothing to go on.
func DefaultRules() []Rule {
	return []Rule{
		{Mailbox: "oncall", Priority: 1},
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

// DefaultPolicy is the policy of a fresh installation's two mailboxes, for
// reading mail without a configuration ('ticketgate triage'): "support"
// (default P3) and "oncall" (P1), on a 24/7 calendar, with the default
// rules and no SLA targets.
func DefaultPolicy() (*Policy, error) {
	always, err := calendar.New(calendar.Config{Name: "always", TimeZone: "UTC", AlwaysOpen: true})
	if err != nil {
		return nil, err
	}
	return New(DefaultLabels(), DefaultRules(), nil, map[string]*calendar.Calendar{"always": always},
		map[string]Mailbox{
			"support": {Priority: 3, Calendar: "always"},
			"oncall":  {Priority: 1, Calendar: "always"},
		})
}
