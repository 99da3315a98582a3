package config

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"time"

	"ticketgate/gateway"
	"ticketgate/gateway/calendar"
	"ticketgate/gateway/triage"
	"ticketgate/gateway/triage/classify"
)

// Calendar is a business calendar in the file.
type Calendar struct {
	TimeZone   string   `toml:"time_zone"`
	AlwaysOpen bool     `toml:"always_open"`
	Weekdays   string   `toml:"weekdays"` // Monday to Friday, unless a day says otherwise
	Mon        *string  `toml:"mon"`
	Tue        *string  `toml:"tue"`
	Wed        *string  `toml:"wed"`
	Thu        *string  `toml:"thu"`
	Fri        *string  `toml:"fri"`
	Sat        *string  `toml:"sat"`
	Sun        *string  `toml:"sun"`
	Holidays   string   `toml:"holidays"`
	Closed     []string `toml:"closed"`
	Cutoff     string   `toml:"cutoff"`
}

// SLAEntry is one priority's targets.
type SLAEntry struct {
	Response          string `toml:"response"`
	Resolution        string `toml:"resolution"`
	Calendar          string `toml:"calendar"`
	ResponseOutside   string `toml:"response_outside"`
	ResolutionOutside string `toml:"resolution_outside"`
	OutsideCalendar   string `toml:"outside_calendar"`
	Update            string `toml:"update"` // the progress clock, see progressTargets
}

// TierConfig is a customer plan.
type TierConfig struct {
	Senders  []string `toml:"senders"`
	Response string   `toml:"response"`
	Calendar string   `toml:"calendar"`
	// Resolution and Combine: see planTargets.
	Resolution string `toml:"resolution"`
	Combine    string `toml:"combine"`
	// What a missed ticket costs (credits.go): a number or a string each.
	Fee       any `toml:"fee"`
	Credit    any `toml:"credit"`
	CreditCap any `toml:"credit_cap"`
}

// TriageConfig holds the rules; when present they replace the built-in set.
type TriageConfig struct {
	Rules []RuleConfig `toml:"rules"`
	// CustomerTags is how customer-written tags ([P1], URGENT) count:
	// "weigh" (default: evidence with the rest of the mail), "ignore" or
	// "obey" (the tag sets the level).
	CustomerTags string `toml:"customer_tags"`
}

// RuleConfig is one triage rule.
type RuleConfig struct {
	Priority     string   `toml:"priority"`
	Mailbox      string   `toml:"mailbox"`
	PriorityTags bool     `toml:"priority_tags"`
	Tags         []string `toml:"tags"`
	Keywords     []string `toml:"keywords"`
	Senders      []string `toml:"senders"`
	Tier         string   `toml:"tier"`
}

// RequirementConfig is a custom missing-information item.
type RequirementConfig struct {
	Label   string `toml:"label"`
	Pattern string `toml:"pattern"`
}

// builtinCalendars and builtinSLAs exist unless the file defines the same
// names: the defaults of SLA-FACTS policy D on Paris business hours, and a
// 24/7 calendar for on-call P1.
func builtinCalendars() map[string]Calendar {
	return map[string]Calendar{
		"paris":  {TimeZone: "Europe/Paris", Weekdays: "09:00-18:00", Holidays: "FR"},
		"always": {TimeZone: "Europe/Paris", AlwaysOpen: true},
	}
}

func builtinSLAs() map[string]map[string]SLAEntry {
	standard := map[string]SLAEntry{
		"P1": {Response: "1h", Resolution: "4h"},
		"P2": {Response: "2h", Resolution: "1d"},
		"P3": {Response: "4h", Resolution: "2d"},
		"P4": {Response: "1d", Resolution: "5d"},
		"P5": {Response: "2d"},
	}
	oncall := map[string]SLAEntry{}
	for k, v := range standard {
		oncall[k] = v
	}
	oncall["P1"] = SLAEntry{Response: "1h", Resolution: "4h", Calendar: "always"}
	return map[string]map[string]SLAEntry{"standard": standard, "oncall": oncall}
}

// policy validates the triage and SLA sections, one method each, and
// builds the parts of the triage policy from them.
type policy struct {
	c *Config
	p *problems
	// levels is the number of priorities.
	levels int
	// calendars are the file's and the built-in calendars by name.
	calendars map[string]Calendar
}

// customerTags reads triage.customer_tags.
func (b *policy) customerTags() classify.TagMode {
	switch v := b.c.Triage.CustomerTags; v {
	case "", "weigh":
		return classify.TagsWeigh
	case "ignore":
		return classify.TagsIgnore
	case "obey":
		return classify.TagsObey
	default:
		b.p.bad(fmt.Sprintf("%q: want weigh, ignore or obey", v), "triage", "customer_tags")
		return classify.TagsWeigh
	}
}

// buildTriage validates the triage and SLA sections and builds the policy;
// nil when a section is wrong.
func (c *Config) buildTriage(p *problems) *triage.Policy {
	b := &policy{c: c, p: p}
	labels := b.priorities()
	cals := b.buildCalendars()
	slas := b.slas()
	tiers := b.tiers()
	rules := b.rules()
	mailboxes := b.mailboxes(slas)
	tags := b.customerTags()
	pol, err := triage.New(labels, rules, tiers, cals, mailboxes)
	if err != nil {
		// Only reachable when a section above is wrong; that error is
		// already reported at its key.
		return nil
	}
	pol.SetTagMode(tags)
	pol.SetLabelsIn(b.priorityLabels())
	return pol
}

// priorities checks the priority names; the levels are their number.
func (b *policy) priorities() []string {
	var labels []string
	for _, n := range b.c.Priorities {
		labels = append(labels, n.Name)
	}
	if len(labels) == 0 {
		labels = triage.DefaultLabels()
	}
	if len(labels) > 9 {
		b.p.bad("at most 9 priorities", "priorities")
	}
	b.levels = len(labels)
	return labels
}

// prio parses a priority that must exist among the levels.
func (b *policy) prio(s string, key ...string) gateway.Priority {
	p, err := gateway.ParsePriority(s)
	if err == nil && int(p) > b.levels {
		err = fmt.Errorf("%s is beyond the %d priorities configured", p, b.levels)
	}
	if err != nil {
		b.p.bad(err.Error(), key...)
	}
	return p
}

// calRef checks a reference to a calendar; empty means the mailbox's.
func (b *policy) calRef(name string, key ...string) {
	if _, ok := b.calendars[name]; name != "" && !ok {
		b.p.bad(fmt.Sprintf("unknown calendar %q (known: %s)", name, strings.Join(sortedKeys(b.calendars), ", ")), key...)
	}
}

func (b *policy) target(s string, key ...string) triage.Target {
	t, err := triage.ParseTarget(s)
	if err != nil {
		b.p.bad(err.Error(), key...)
	}
	return t
}

// buildCalendars checks [calendars.NAME] and builds them with the built-in
// ones the file does not replace.
func (b *policy) buildCalendars() map[string]*calendar.Calendar {
	b.calendars = builtinCalendars()
	for k, v := range b.c.Calendars {
		b.calendars[k] = v
	}
	cals := map[string]*calendar.Calendar{}
	for _, name := range sortedKeys(b.calendars) {
		if cl := b.calendar(name, b.calendars[name]); cl != nil {
			cals[name] = cl
		}
	}
	return cals
}

func (b *policy) calendar(name string, cc Calendar) *calendar.Calendar {
	k := func(key ...string) []string { return append([]string{"calendars", name}, key...) }
	cfg := calendar.Config{Name: name, TimeZone: cc.TimeZone, Holidays: cc.Holidays, AlwaysOpen: cc.AlwaysOpen}
	if cc.TimeZone == "" {
		b.p.bad("is required (an IANA zone like Europe/Paris)", k("time_zone")...)
		return nil
	}
	if cc.Weekdays != "" {
		rs, err := calendar.ParseHours(cc.Weekdays)
		if err != nil {
			b.p.bad(err.Error(), k("weekdays")...)
		}
		for d := time.Monday; d <= time.Friday; d++ {
			cfg.Hours[d] = rs
		}
	}
	for d, v := range map[time.Weekday]*string{time.Monday: cc.Mon, time.Tuesday: cc.Tue, time.Wednesday: cc.Wed,
		time.Thursday: cc.Thu, time.Friday: cc.Fri, time.Saturday: cc.Sat, time.Sunday: cc.Sun} {
		if v == nil {
			continue
		}
		rs, err := calendar.ParseHours(*v)
		if err != nil {
			b.p.bad(err.Error(), k(strings.ToLower(d.String()[:3]))...)
		}
		cfg.Hours[d] = rs
	}
	for _, s := range cc.Closed {
		d, err := time.Parse("2006-01-02", s)
		if err != nil {
			b.p.bad(fmt.Sprintf("%q is not a date (YYYY-MM-DD)", s), k("closed")...)
			continue
		}
		cfg.Closed = append(cfg.Closed, d)
	}
	if cc.Cutoff != "" {
		v, err := calendar.ParseClock(cc.Cutoff)
		if err != nil {
			b.p.bad(err.Error(), k("cutoff")...)
		}
		cfg.Cutoff = v
	}
	cl, err := calendar.New(cfg)
	if err != nil {
		b.p.bad(err.Error(), k()...)
		return nil
	}
	return cl
}

// slas checks [slas.NAME] and builds them with the built-in ones the file
// does not replace.
func (b *policy) slas() map[string]map[gateway.Priority]triage.SLA {
	defs := builtinSLAs()
	for k, v := range b.c.SLAs {
		defs[k] = v
	}
	slas := map[string]map[gateway.Priority]triage.SLA{}
	for _, name := range sortedKeys(defs) {
		out := map[gateway.Priority]triage.SLA{}
		_, own := b.c.SLAs[name]
		for _, pname := range sortedKeys(defs[name]) {
			e := defs[name][pname]
			k := func(key string) []string { return []string{"slas", name, pname, key} }
			if p, err := gateway.ParsePriority(pname); !own && err == nil && int(p) > b.levels {
				continue // a built-in SLA on a file with fewer priorities
			}
			p := b.prio(pname, "slas", name, pname)
			b.calRef(e.Calendar, k("calendar")...)
			b.calRef(e.OutsideCalendar, k("outside_calendar")...)
			out[p] = triage.SLA{Response: b.target(e.Response, k("response")...), Resolution: b.target(e.Resolution, k("resolution")...),
				Calendar: e.Calendar, ResponseOutside: b.target(e.ResponseOutside, k("response_outside")...),
				ResolutionOutside: b.target(e.ResolutionOutside, k("resolution_outside")...), OutsideCalendar: e.OutsideCalendar,
				Update: b.target(e.Update, k("update")...)}
		}
		slas[name] = out
	}
	return slas
}

func (b *policy) tiers() []triage.Tier {
	var tiers []triage.Tier
	for _, name := range sortedKeys(b.c.Tiers) {
		tc := b.c.Tiers[name]
		b.calRef(tc.Calendar, "tiers", name, "calendar")
		if len(tc.Senders) == 0 {
			b.p.bad("a tier needs senders (addresses or @domain)", "tiers", name, "senders")
		}
		tiers = append(tiers, b.planTargets(name, tc, triage.Tier{Name: name, Senders: tc.Senders, Calendar: tc.Calendar}))
	}
	return tiers
}

// rules checks [[triage.rules]], which replace the built-in rules when
// present. Rule N is the Nth of the file, counted from 1.
func (b *policy) rules() []triage.Rule {
	if len(b.c.Triage.Rules) == 0 {
		return triage.DefaultRules()
	}
	var rules []triage.Rule
	for i, rc := range b.c.Triage.Rules {
		key := fmt.Sprintf("triage.rules[%d]", i+1)
		r := triage.Rule{Mailbox: rc.Mailbox, PriorityTags: rc.PriorityTags, Tags: rc.Tags, Keywords: rc.Keywords,
			Senders: rc.Senders, Tier: rc.Tier}
		if rc.Priority != "" {
			r.Priority = b.prio(rc.Priority, key, "priority")
		} else if !rc.PriorityTags {
			b.p.bad("a rule needs a priority (or priority_tags = true)", key)
		}
		if _, ok := b.c.Mailboxes[rc.Mailbox]; rc.Mailbox != "" && !ok {
			b.p.bad(fmt.Sprintf("unknown mailbox %q", rc.Mailbox), key, "mailbox")
		}
		if _, ok := b.c.Tiers[rc.Tier]; rc.Tier != "" && !ok {
			b.p.bad(fmt.Sprintf("unknown tier %q", rc.Tier), key, "tier")
		}
		rules = append(rules, r)
	}
	return rules
}

// mailboxes checks what each mailbox takes from the policy: its calendar,
// its SLA and the items its first message should contain.
func (b *policy) mailboxes(slas map[string]map[gateway.Priority]triage.SLA) map[string]triage.Mailbox {
	out := map[string]triage.Mailbox{}
	for _, name := range b.c.MailboxNames() {
		mb := b.c.Mailboxes[name]
		k := func(key ...string) []string { return append([]string{"mailboxes", name}, key...) }
		b.calRef(mb.Calendar, k("calendar")...)
		s, ok := slas[mb.SLA]
		if !ok {
			b.p.bad(fmt.Sprintf("unknown SLA %q (known: %s)", mb.SLA, strings.Join(sortedKeys(slas), ", ")), k("sla")...)
		}
		p, _ := gateway.ParsePriority(mb.Priority)
		tm := triage.Mailbox{Priority: p, Calendar: mb.Calendar, SLA: s, Registered: mb.RegisteredOnly, Senders: mb.Registered}
		for _, req := range mb.Require {
			if r, ok := b.requirement(req, k("require")...); ok {
				tm.Require = append(tm.Require, r)
			}
		}
		out[name] = tm
	}
	return out
}

// requirement resolves an item a first message should contain: built in,
// or a [requirements.NAME].
func (b *policy) requirement(req string, key ...string) (triage.Requirement, bool) {
	if r, ok := triage.KnownRequirement(req); ok {
		return r, true
	}
	rc, ok := b.c.Requirements[req]
	if !ok {
		b.p.bad(fmt.Sprintf("unknown item %q (built in: phone, serial, steps, started, screenshot; or define [requirements.%s])", req, req), key...)
		return triage.Requirement{}, false
	}
	re, err := regexp.Compile(rc.Pattern)
	if err != nil {
		b.p.bad(err.Error(), "requirements", req, "pattern")
		return triage.Requirement{}, false
	}
	label := rc.Label
	if label == "" {
		label = req
	}
	return triage.Requirement{Name: req, Label: label, Pattern: re}, true
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
