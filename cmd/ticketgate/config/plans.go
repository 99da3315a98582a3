package config

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"ticketgate/gateway"
	"ticketgate/gateway/triage"
)

// planTargets reads a plan's targets into t: response and resolution
// ("none" or left out: the plan promises nothing of its own, as a free
// plan), and combine, "stricter" (default: whichever of the plan's and
// the priority's target falls due first) or "replace" (the plan's
// targets stand instead of the priority's).
func (b *policy) planTargets(name string, tc TierConfig, t triage.Tier) triage.Tier {
	k := func(key string) []string { return []string{"tiers", name, key} }
	t.Response = b.target(tc.Response, k("response")...)
	t.Resolution = b.target(tc.Resolution, k("resolution")...)
	switch tc.Combine {
	case "", "stricter":
		t.Combine = triage.Stricter
	case "replace":
		t.Combine = triage.Replace
	default:
		b.p.bad(fmt.Sprintf("%q: want stricter or replace", tc.Combine), k("combine")...)
	}
	return t
}

// CheckTargets refuses targets under which a ticket could be due for
// resolution before its first response, each error at the key to change
// and its line. It tries every mailbox, priority and plan on dated
// arrivals, too slow to run on every load: `check` runs it.
func (c *Config) CheckTargets() error {
	if c.Policy == nil {
		return nil
	}
	p := &problems{path: c.Path, line: c.line}
	if p.line == nil {
		p.line = func(string) int { return 0 }
	}
	b := &policy{c: c, p: p, levels: c.Policy.Levels()}
	b.inversions(c.Policy)
	return p.err()
}

// inversions refuses targets under which a ticket could be due for
// resolution before its first response, per priority of each SLA in use
// and per plan, reported at the resolution key that sets the later-
// breaking promise.
func (b *policy) inversions(pol *triage.Policy) {
	seen := map[string]bool{}
	report := func(key []string, mailbox string, pr gateway.Priority, tier string, at time.Time, d gateway.Deadlines) {
		id := strings.Join(key, ".")
		if seen[id] {
			return
		}
		seen[id] = true
		who := "a " + pr.String()
		if tier != "" {
			who += " of plan " + tier
		}
		b.p.bad(fmt.Sprintf("resolution could fall due before the response: %s arriving on mailbox %s at %s would be due for response at %s (%s) and resolution at %s (%s)",
			who, mailbox, at.Format("Mon 2006-01-02 15:04 MST"), d.ResponseDue.In(at.Location()).Format("Mon 2006-01-02 15:04"),
			d.ResponseRule, d.ResolutionDue.In(at.Location()).Format("Mon 2006-01-02 15:04"), d.ResolutionRule), key...)
	}
	for _, name := range b.c.MailboxNames() {
		slaName := b.c.Mailboxes[name].SLA
		for pr := gateway.Priority(1); int(pr) <= b.levels; pr++ {
			if at, d, bad := pol.Inversion(name, pr, ""); bad {
				report([]string{"slas", slaName, pr.String(), "resolution"}, name, pr, "", at, d)
				continue
			}
			for _, tier := range pol.Tiers() {
				at, d, bad := pol.Inversion(name, pr, tier)
				if !bad {
					continue
				}
				key := []string{"tiers", tier, "resolution"}
				if !strings.HasPrefix(d.ResolutionRule, "plan ") {
					key[2] = "response" // the plan's response outlasts the priority's resolution
				}
				report(key, name, pr, tier, at, d)
			}
		}
	}
}

// Progress is [progress]: what happens when an open ticket's customer has
// heard nothing from us for its priority's update target
// (slas.NAME.Pn.update). The agents are always reminded.
type Progress struct {
	// Notes also sends the customer a progress note with the estimated
	// resolution.
	Notes bool `toml:"notes"`
}

func (c *Config) progressPolicy() gateway.ProgressPolicy {
	return gateway.ProgressPolicy{Notes: c.Progress.Notes}
}

// escalation reads who the level-2 specialists are: agents.level2, or a
// mailbox's own escalate list; agents.escalate_at_risk escalates a ticket
// on its first at-risk warning.
func (c *Config) escalation() gateway.Escalation {
	return gateway.Escalation{Level2: append([]string(nil), c.Agents.Level2...), AtRisk: c.Agents.EscalateAtRisk}
}

// PriorityName is one entry of priorities: a plain name ("critical"),
// or its name in each language ({ fr = "critique", en = "critical" }),
// so that a customer never reads a label in another language.
type PriorityName struct {
	Name   string            // the name for agents and the console
	ByLang map[string]string // language → name, from the table form
}

// UnmarshalTOML reads either form.
func (n *PriorityName) UnmarshalTOML(v any) error {
	switch x := v.(type) {
	case string:
		n.Name = x
		return nil
	case map[string]any:
		n.ByLang = map[string]string{}
		for lang, s := range x {
			name, ok := s.(string)
			if !ok {
				return fmt.Errorf("%s = %v: want a name in quotes", lang, s)
			}
			n.ByLang[lang] = name
		}
		n.Name = n.ByLang["en"]
		if n.Name == "" {
			langs := make([]string, 0, len(n.ByLang))
			for l := range n.ByLang {
				langs = append(langs, l)
			}
			sort.Strings(langs)
			if len(langs) > 0 {
				n.Name = n.ByLang[langs[0]]
			}
		}
		return nil
	}
	return fmt.Errorf("%v: want a name or a table of names by language ({ fr = \"critique\", en = \"critical\" })", v)
}

// priorityLabels checks the languages of the table form and returns the
// names of each language that has them, P1 first ("" where a priority has
// none in it).
func (b *policy) priorityLabels() map[string][]string {
	out := map[string][]string{}
	for i, n := range b.c.Priorities {
		for lang, name := range n.ByLang {
			if lang != "fr" && lang != "en" {
				b.p.bad(fmt.Sprintf("P%d: language %q: want fr or en", i+1, lang), "priorities")
				continue
			}
			if strings.TrimSpace(name) == "" {
				b.p.bad(fmt.Sprintf("P%d: empty %s name", i+1, lang), "priorities")
			}
			if out[lang] == nil {
				out[lang] = make([]string, len(b.c.Priorities))
			}
			out[lang][i] = name
		}
	}
	return out
}
