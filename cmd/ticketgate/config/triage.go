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
}

// TierConfig is a customer plan.
type TierConfig struct {
	Senders  []string `toml:"senders"`
	Response string   `toml:"response"`
	Calendar string   `toml:"calendar"`
}

// TriageConfig holds the rules; when present they replace the built-in set.
type TriageConfig struct {
	Rules []RuleConfig `toml:"rules"`
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

// buildTriage validates the triage and SLA sections and builds the policy.
func (c *Config) buildTriage(bad func(msg string, key ...string)) *triage.Policy {
	labels := c.Priorities
	if len(labels) == 0 {
		labels = triage.DefaultLabels()
	}
	if len(labels) > 9 {
		bad("at most 9 priorities", "priorities")
	}
	levels := len(labels)
	prio := func(s string, key ...string) gateway.Priority {
		p, err := gateway.ParsePriority(s)
		if err == nil && int(p) > levels {
			err = fmt.Errorf("%s is beyond the %d priorities configured", p, levels)
		}
		if err != nil {
			bad(err.Error(), key...)
		}
		return p
	}

	cals := map[string]*calendar.Calendar{}
	defs := builtinCalendars()
	for k, v := range c.Calendars {
		defs[k] = v
	}
	for _, name := range sortedKeys(defs) {
		cc := defs[name]
		k := func(key ...string) []string { return append([]string{"calendars", name}, key...) }
		cfg := calendar.Config{Name: name, TimeZone: cc.TimeZone, Holidays: cc.Holidays, AlwaysOpen: cc.AlwaysOpen}
		if cc.TimeZone == "" {
			bad("is required (an IANA zone like Europe/Paris)", k("time_zone")...)
			continue
		}
		if cc.Weekdays != "" {
			rs, err := calendar.ParseHours(cc.Weekdays)
			if err != nil {
				bad(err.Error(), k("weekdays")...)
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
				bad(err.Error(), k(strings.ToLower(d.String()[:3]))...)
			}
			cfg.Hours[d] = rs
		}
		for _, s := range cc.Closed {
			d, err := time.Parse("2006-01-02", s)
			if err != nil {
				bad(fmt.Sprintf("%q is not a date (YYYY-MM-DD)", s), k("closed")...)
				continue
			}
			cfg.Closed = append(cfg.Closed, d)
		}
		if cc.Cutoff != "" {
			v, err := calendar.ParseClock(cc.Cutoff)
			if err != nil {
				bad(err.Error(), k("cutoff")...)
			}
			cfg.Cutoff = v
		}
		cl, err := calendar.New(cfg)
		if err != nil {
			bad(err.Error(), k()...)
			continue
		}
		cals[name] = cl
	}
	calRef := func(name string, key ...string) {
		if _, ok := defs[name]; name != "" && !ok {
			bad(fmt.Sprintf("unknown calendar %q (known: %s)", name, strings.Join(sortedKeys(defs), ", ")), key...)
		}
	}
	target := func(s string, key ...string) triage.Target {
		t, err := triage.ParseTarget(s)
		if err != nil {
			bad(err.Error(), key...)
		}
		return t
	}

	slaDefs := builtinSLAs()
	for k, v := range c.SLAs {
		slaDefs[k] = v
	}
	slas := map[string]map[gateway.Priority]triage.SLA{}
	for _, name := range sortedKeys(slaDefs) {
		out := map[gateway.Priority]triage.SLA{}
		_, own := c.SLAs[name]
		for pname, e := range slaDefs[name] {
			k := func(key string) []string { return []string{"slas", name, pname, key} }
			if p, err := gateway.ParsePriority(pname); !own && err == nil && int(p) > levels {
				continue // a built-in SLA on a file with fewer priorities
			}
			p := prio(pname, "slas", name, pname)
			calRef(e.Calendar, k("calendar")...)
			calRef(e.OutsideCalendar, k("outside_calendar")...)
			out[p] = triage.SLA{Response: target(e.Response, k("response")...), Resolution: target(e.Resolution, k("resolution")...),
				Calendar: e.Calendar, ResponseOutside: target(e.ResponseOutside, k("response_outside")...),
				ResolutionOutside: target(e.ResolutionOutside, k("resolution_outside")...), OutsideCalendar: e.OutsideCalendar}
		}
		slas[name] = out
	}

	var tiers []triage.Tier
	for _, name := range sortedKeys(c.Tiers) {
		tc := c.Tiers[name]
		calRef(tc.Calendar, "tiers", name, "calendar")
		if len(tc.Senders) == 0 {
			bad("a tier needs senders (addresses or @domain)", "tiers", name, "senders")
		}
		tiers = append(tiers, triage.Tier{Name: name, Senders: tc.Senders, Calendar: tc.Calendar,
			Response: target(tc.Response, "tiers", name, "response")})
	}

	rules := triage.DefaultRules()
	if len(c.Triage.Rules) > 0 {
		rules = nil
		for i, rc := range c.Triage.Rules {
			key := fmt.Sprintf("triage.rules[%d]", i+1)
			r := triage.Rule{Mailbox: rc.Mailbox, PriorityTags: rc.PriorityTags, Tags: rc.Tags, Keywords: rc.Keywords,
				Senders: rc.Senders, Tier: rc.Tier}
			if rc.Priority != "" {
				r.Priority = prio(rc.Priority, key, "priority")
			} else if !rc.PriorityTags {
				bad("a rule needs a priority (or priority_tags = true)", key)
			}
			if _, ok := c.Mailboxes[rc.Mailbox]; rc.Mailbox != "" && !ok {
				bad(fmt.Sprintf("unknown mailbox %q", rc.Mailbox), key, "mailbox")
			}
			if _, ok := c.Tiers[rc.Tier]; rc.Tier != "" && !ok {
				bad(fmt.Sprintf("unknown tier %q", rc.Tier), key, "tier")
			}
			rules = append(rules, r)
		}
	}

	mailboxes := map[string]triage.Mailbox{}
	for _, name := range c.MailboxNames() {
		mb := c.Mailboxes[name]
		k := func(key ...string) []string { return append([]string{"mailboxes", name}, key...) }
		calRef(mb.Calendar, k("calendar")...)
		s, ok := slas[mb.SLA]
		if !ok {
			bad(fmt.Sprintf("unknown SLA %q (known: %s)", mb.SLA, strings.Join(sortedKeys(slaDefs), ", ")), k("sla")...)
		}
		p, _ := gateway.ParsePriority(mb.Priority)
		tm := triage.Mailbox{Priority: p, Calendar: mb.Calendar, SLA: s, Registered: mb.RegisteredOnly, Senders: mb.Registered}
		for _, req := range mb.Require {
			if r, ok := triage.KnownRequirement(req); ok {
				tm.Require = append(tm.Require, r)
				continue
			}
			rc, ok := c.Requirements[req]
			if !ok {
				bad(fmt.Sprintf("unknown item %q (built in: phone, serial, steps, started, screenshot; or define [requirements.%s])", req, req), k("require")...)
				continue
			}
			re, err := regexp.Compile(rc.Pattern)
			if err != nil {
				bad(err.Error(), "requirements", req, "pattern")
				continue
			}
			label := rc.Label
			if label == "" {
				label = req
			}
			tm.Require = append(tm.Require, triage.Requirement{Name: req, Label: label, Pattern: re})
		}
		mailboxes[name] = tm
	}
	pol, err := triage.New(labels, rules, tiers, cals, mailboxes)
	if err != nil {
		// Only reachable when a calendar above failed to build; that
		// error is already reported at its key.
		return nil
	}
	return pol
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
