// Package triage decides a new ticket's priority (with the reason, for
// people), its customer tier and what the customer left out, and computes
// SLA due times on business calendars. It implements gateway.Triager.
//
// The administrator's rules come first: they are ordered, the first that
// matches wins, and each says why it matched ("mailbox oncall", "sender
// a@b.example", "keyword 'panne' in subject"). A message no rule matches
// is read by the classifier (package classify), which weighs scope,
// breakage, consequence and the shape of the mail, customer tags
// included. Only when the classifier has nothing to go on does the
// mailbox's default priority apply.
package triage

import (
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"ticketgate/gateway"
	"ticketgate/gateway/calendar"
	"ticketgate/gateway/triage/classify"
	"ticketgate/parser"
)

// Rule sets a priority when it matches. Each non-empty condition must hold.
type Rule struct {
	// Priority set by the rule; 0 with PriorityTags takes it from the tag.
	Priority gateway.Priority
	Mailbox  string
	// PriorityTags matches "[P2]" or "P2:" in the subject.
	PriorityTags bool
	// Tags match in the subject, case and accents folded: "[urgent]",
	// "urgent:" (at the start).
	Tags []string
	// Keywords match as whole words or phrases in the subject, then the
	// body, case and accents folded.
	Keywords []string
	// Senders are addresses or "@domain".
	Senders []string
	Tier    string
}

// Tier is a customer plan: who is on it, and what it changes.
type Tier struct {
	Name    string
	Senders []string
	// Response and Resolution are the plan's targets; zero sets none.
	Response, Resolution Target
	// Calendar is the calendar of the plan's targets (default: the
	// priority's). A plan with a calendar but without a target also
	// offers the priority's target on its calendar; under Replace its
	// calendar is that of every target.
	Calendar string
	// Combine says how the plan's targets meet the priority's.
	Combine Combine
}

// Combine is how a plan's target and a priority's target for the same
// clock give the ticket's.
type Combine byte

// Ways of combining.
const (
	// Stricter keeps whichever falls due first, so that a plan never
	// makes a critical ticket wait longer than its priority allows.
	Stricter Combine = iota
	// Replace lets the plan's targets stand instead of the priority's
	// (contracts that promise one delay for every request).
	Replace
)

// Target is an SLA target: N business minutes, hours or days.
type Target struct {
	N    int
	Unit Unit
}

// Unit of a target.
type Unit byte

// Units. Weeks are parsed as 5 business days.
const (
	Minutes Unit = 'm'
	Hours   Unit = 'h'
	Days    Unit = 'd'
)

// IsZero reports a missing target.
func (t Target) IsZero() bool { return t.N == 0 }

func (t Target) String() string {
	if t.IsZero() {
		return "none"
	}
	names := map[Unit]string{Minutes: "business minute", Hours: "business hour", Days: "business day"}
	s := fmt.Sprintf("%d %s", t.N, names[t.Unit])
	if t.N > 1 {
		s += "s"
	}
	return s
}

// ParseTarget reads "15m", "4h", "2d", "1w" (5 business days), or "" / "none".
func ParseTarget(s string) (Target, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "" || s == "none" {
		return Target{}, nil
	}
	var n int
	var u string
	if k, err := fmt.Sscanf(s, "%d%s", &n, &u); err != nil || k != 2 || n <= 0 {
		return Target{}, fmt.Errorf("target %q: want a number and a unit: 15m, 4h, 2d, 1w", s)
	}
	switch u {
	case "m", "min":
		return Target{n, Minutes}, nil
	case "h":
		return Target{n, Hours}, nil
	case "d":
		return Target{n, Days}, nil
	case "w":
		return Target{n * 5, Days}, nil
	}
	return Target{}, fmt.Errorf("target %q: unknown unit %q (m, h, d, w)", s, u)
}

// add applies a target to t on c.
func (t Target) add(c *calendar.Calendar, at time.Time) time.Time {
	switch t.Unit {
	case Minutes:
		return c.Add(at, time.Duration(t.N)*time.Minute)
	case Hours:
		return c.Add(at, time.Duration(t.N)*time.Hour)
	}
	return c.AddDays(at, t.N)
}

// SLA is what a priority promises on a mailbox.
type SLA struct {
	Response, Resolution Target
	// Calendar, when set, replaces the mailbox's calendar for these targets.
	Calendar string
	// ResponseOutside and ResolutionOutside replace the targets for mail
	// that arrives outside the calendar's hours (policies that promise
	// "1 h in hours, next business day outside"), counted on
	// OutsideCalendar (default: the same calendar).
	ResponseOutside, ResolutionOutside Target
	OutsideCalendar                    string
	// Update is how often the customer of an open ticket hears from us
	// (the progress clock), counted from our last mail to them.
	Update Target
}

// Requirement is an item the customer should include.
type Requirement struct {
	Name    string
	Label   string
	Pattern *regexp.Regexp
	// Attachment is satisfied by an attached image instead of text.
	Attachment bool
}

// Mailbox is the triage configuration of one mailbox.
type Mailbox struct {
	Priority   gateway.Priority // default when no rule matches
	Calendar   string
	SLA        map[gateway.Priority]SLA
	Registered bool // registered senders only
	Senders    []string
	Require    []Requirement
}

// Policy is the whole triage and SLA configuration. Build it with New.
type Policy struct {
	classify  classify.Options
	labels    []string
	rules     []Rule
	tiers     []Tier
	calendars map[string]*calendar.Calendar
	mailboxes map[string]Mailbox
	// labelsIn are the priorities' names by language, when the
	// configuration gives them (SetLabelsIn).
	labelsIn map[string][]string
}

var _ gateway.Triager = (*Policy)(nil)

// New checks references between the parts and returns a Policy.
func New(labels []string, rules []Rule, tiers []Tier, cals map[string]*calendar.Calendar, mailboxes map[string]Mailbox) (*Policy, error) {
	p := &Policy{labels: labels, rules: rules, tiers: tiers, calendars: cals, mailboxes: mailboxes}
	for name, mb := range mailboxes {
		if _, ok := cals[mb.Calendar]; !ok {
			return nil, fmt.Errorf("triage: mailbox %s: unknown calendar %q", name, mb.Calendar)
		}
		for pr, s := range mb.SLA {
			for _, c := range []string{s.Calendar, s.OutsideCalendar} {
				if _, ok := cals[c]; c != "" && !ok {
					return nil, fmt.Errorf("triage: mailbox %s: %s: unknown calendar %q", name, pr, c)
				}
			}
		}
	}
	for _, t := range tiers {
		if _, ok := cals[t.Calendar]; t.Calendar != "" && !ok {
			return nil, fmt.Errorf("triage: tier %s: unknown calendar %q", t.Name, t.Calendar)
		}
	}
	for i := range p.rules {
		for j, k := range p.rules[i].Keywords {
			p.rules[i].Keywords[j] = Fold(k)
		}
		for j, k := range p.rules[i].Tags {
			p.rules[i].Tags[j] = strings.TrimSpace(Fold(k))
		}
	}
	return p, nil
}

// Label names a priority: "P1 critical".
func (p *Policy) Label(pr gateway.Priority) string {
	if i := int(pr) - 1; i >= 0 && i < len(p.labels) {
		return pr.String() + " " + p.labels[i]
	}
	return pr.String()
}

// Levels is the number of priorities.
func (p *Policy) Levels() int { return len(p.labels) }

// Calendar returns a calendar by name.
func (p *Policy) Calendar(name string) (*calendar.Calendar, bool) {
	c, ok := p.calendars[name]
	return c, ok
}

// Triage decides priority, tier, registration and missing items for the
// first message of a ticket.
func (p *Policy) Triage(mailbox string, m *parser.Message) gateway.Decision {
	mb := p.mailboxes[mailbox]
	var d gateway.Decision
	from := ""
	if m != nil && m.From != nil {
		from = strings.ToLower(m.From.Address)
	}
	if t := p.tierOf(from); t != nil {
		d.Tier = t.Name
	}
	if mb.Registered {
		d.Unregistered = from == "" || (d.Tier == "" && !matchSender(mb.Senders, from))
	}
	d.Priority, d.Why, d.Reason = p.priority(mailbox, mb, m, from, d.Tier)
	if d.Reason == "" {
		d.Reason, _ = p.SayReason(d.Why, "en")
	}
	d.Missing = missing(mb.Require, m)
	return d
}

func (p *Policy) tierOf(from string) *Tier {
	for i := range p.tiers {
		if matchSender(p.tiers[i].Senders, from) {
			return &p.tiers[i]
		}
	}
	return nil
}

// matchSender matches an address against "addr" and "@domain" entries.
func matchSender(list []string, addr string) bool {
	if addr == "" {
		return false
	}
	_, domain, _ := strings.Cut(addr, "@")
	for _, s := range list {
		s = strings.ToLower(strings.TrimSpace(s))
		if s == addr || (strings.HasPrefix(s, "@") && s[1:] == domain) {
			return true
		}
	}
	return false
}

var priorityTag = regexp.MustCompile(`(?i)(?:\[\s*p([1-9])\s*\]|^\s*p([1-9])\s*[:-])`)

// priority returns the level and why, with the English text of why when
// the classifier wrote it already.
func (p *Policy) priority(mailbox string, mb Mailbox, m *parser.Message, from, tier string) (gateway.Priority, gateway.Reason, string) {
	var subject, body string
	if m != nil {
		subject = m.Subject
		body = parser.StripDisclaimer(m.Reply)
		if body == "" {
			body = m.Text
		}
	}
	// Tags need the brackets and colons Fold keeps; keywords are words, so
	// "Panne: serveur" and "[panne]" must still find "panne".
	words := strings.NewReplacer(":", " ", "[", " ", "]", " ")
	fs, fb := " "+words.Replace(Fold(subject))+" ", " "+words.Replace(Fold(body))+" "
	foldedSubject := Fold(subject)
	for _, r := range p.rules {
		if r.Mailbox != "" && r.Mailbox != mailbox {
			continue
		}
		if r.Tier != "" && r.Tier != tier {
			continue
		}
		if len(r.Senders) > 0 && !matchSender(r.Senders, from) {
			continue
		}
		var why gateway.Reason
		if r.Mailbox != "" {
			why = append(why, gateway.ReasonPart{Kind: gateway.ReasonMailbox, Text: mailbox})
		}
		if r.Tier != "" {
			why = append(why, gateway.ReasonPart{Kind: gateway.ReasonTier, Text: tier})
		}
		if len(r.Senders) > 0 {
			why = append(why, gateway.ReasonPart{Kind: gateway.ReasonSender, Text: from})
		}
		pr := r.Priority
		if r.PriorityTags {
			sm := priorityTag.FindStringSubmatch(subject)
			if sm == nil {
				continue
			}
			level := int((sm[1] + sm[2])[0] - '0')
			if level > len(p.labels) {
				continue
			}
			pr = gateway.Priority(level)
			why = append(why, gateway.ReasonPart{Kind: gateway.ReasonTag, Text: strings.TrimSpace(sm[0])})
		}
		if len(r.Tags) > 0 {
			tag := matchTag(r.Tags, foldedSubject)
			if tag == "" {
				continue
			}
			why = append(why, gateway.ReasonPart{Kind: gateway.ReasonTag, Text: tag})
		}
		if len(r.Keywords) > 0 {
			kw, where := matchKeyword(r.Keywords, fs, fb)
			if kw == "" {
				continue
			}
			why = append(why, gateway.ReasonPart{Kind: gateway.ReasonKeyword, Text: kw, Note: where})
		}
		if pr == 0 || len(why) == 0 {
			continue
		}
		return pr, why, ""
	}
	if unreadable(body) {
		// Noise (a binary file sent as text, a wrong charset) holds
		// letters that spell "leak" or "asap" by chance: it keeps the
		// mailbox's level, and a person reads it.
		return mb.Priority, gateway.Reason{{Kind: gateway.ReasonDefault, Text: mailbox}}, ""
	}
	if res := p.Classify(m); res.Level > 0 && res.Level <= len(p.labels) {
		// The classifier's reason less its "P1: ", which the ticket shows
		// beside it already.
		_, text, _ := strings.Cut(res.Reason, ": ")
		return gateway.Priority(res.Level), reasonParts(res.Steps), text
	}
	return mb.Priority, gateway.Reason{{Kind: gateway.ReasonDefault, Text: mailbox}}, ""
}

// SetTagMode sets how customer-written tags ([P1], URGENT) count; the
// default weighs them with the rest of the evidence.
func (p *Policy) SetTagMode(m classify.TagMode) { p.classify.Tags = m }

// SetRulesOnly leaves the classifier's learned layer out: the weights'
// generator measures what the policy chooses without it.
func (p *Policy) SetRulesOnly(on bool) { p.classify.RulesOnly = on }

// Classify runs the classifier on a message: the subject, the new part of
// the body, and the earlier text of the thread for a forward or an
// escalation whose new part only says "see below".
func (p *Policy) Classify(m *parser.Message) classify.Result {
	return p.classify.Classify(ClassifyInput(m))
}

// ClassifyInput is what the classifier reads of a message.
func ClassifyInput(m *parser.Message) classify.Input {
	if m == nil {
		return classify.Input{}
	}
	// A company's legal notice says "confidential", "immediately", "in
	// error": none of it is the customer's.
	in := classify.Input{Subject: m.Subject, Body: parser.StripDisclaimer(m.Reply)}
	if in.Body == "" {
		in.Body = m.Text
	} else if len(m.Text) > len(m.Reply) {
		in.Forwarded = m.Text
	}
	return in
}

func matchTag(tags []string, folded string) string {
	for _, t := range tags {
		switch {
		case strings.HasPrefix(t, "["):
			if strings.Contains(folded, t) {
				return t
			}
		case strings.HasSuffix(t, ":"):
			if strings.HasPrefix(folded, t) || strings.HasPrefix(stripReplyPrefix(folded), t) {
				return t
			}
		default:
			if strings.HasPrefix(folded, t+" ") {
				return t
			}
		}
	}
	return ""
}

var replyPrefix = regexp.MustCompile(`^((re|fw|fwd|tr|aw|wg)\s*:\s*)+`)

func stripReplyPrefix(s string) string { return replyPrefix.ReplaceAllString(s, "") }

func matchKeyword(kws []string, subject, body string) (string, string) {
	for _, where := range []struct{ name, text string }{{"subject", subject}, {"body", body}} {
		for _, k := range kws {
			if strings.Contains(where.text, " "+k+" ") {
				return k, where.name
			}
		}
	}
	return "", ""
}

// Fold lower-cases, removes accents and turns punctuation into single
// spaces (see gateway.Fold).
func Fold(s string) string { return gateway.Fold(s) }

// missing lists the labels of required items the message lacks.
func missing(reqs []Requirement, m *parser.Message) []string {
	if m == nil {
		return nil
	}
	text := m.Subject + "\n" + m.Text
	var out []string
	for _, r := range reqs {
		if r.Attachment {
			found := false
			for _, a := range m.Attachments {
				if strings.HasPrefix(a.ContentType, "image/") {
					found = true
				}
			}
			if found {
				continue
			}
		} else if r.Pattern.MatchString(text) {
			continue
		}
		out = append(out, r.Label)
	}
	return out
}

// unreadable reports whether a text is mostly not text: more than one
// character in ten, over its first 64 KiB, a control character or one
// that could not be decoded. Mail in a wrong charset loses a few accented
// letters, never that many.
func unreadable(text string) bool {
	if len(text) > 64<<10 {
		text = text[:64<<10]
	}
	runes, bad := 0, 0
	for _, r := range text {
		runes++
		if r == utf8.RuneError || (r < 0x20 && r != '\t' && r != '\n' && r != '\r') || (0x7f <= r && r < 0xa0) {
			bad++
		}
	}
	return runes >= 40 && bad*10 > runes
}
