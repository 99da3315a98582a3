package gateway

import (
	"encoding/json"
	"fmt"
)

// Reason is why a ticket has its priority, in parts that can be said in
// any language: what a customer, a person or the configuration wrote
// stays as written, the rest is said in the reader's language by the
// triager (ReasonSayer). Ticket.PriorityReason keeps the English text,
// for logs, the command line and tickets older than this form.
type Reason []ReasonPart

// ReasonPart is one piece of a Reason.
type ReasonPart struct {
	Kind string `json:"kind"`
	// Concept is the stable key of the classifier's concept a finding
	// is ("func-sales").
	Concept string `json:"concept,omitempty"`
	// Text is as written: the customer's words, a mailbox, an address, a
	// tag, a keyword, a level.
	Text string `json:"text,omitempty"`
	// Note qualifies the part: where a keyword was found ("subject",
	// "body"); why a finding was set aside ("hypothetical", "negated",
	// "already resolved", "outweighed").
	Note string `json:"note,omitempty"`
}

// Kinds of ReasonPart.
const (
	// A rule's conditions: the mailbox, the plan, the sender, a tag or a
	// keyword it matched.
	ReasonMailbox = "mailbox"
	ReasonTier    = "tier"
	ReasonSender  = "sender"
	ReasonTag     = "tag"
	ReasonKeyword = "keyword"
	// ReasonDefault is the mailbox's default priority (Text: the mailbox).
	ReasonDefault = "default"
	// The classifier's findings: one that decided the level, one that
	// lowered or raised it, the level the rules alone gave when the
	// learned layer chose another (Text: "P2"), one set aside.
	ReasonEvidence = "evidence"
	ReasonLowered  = "lowered"
	ReasonRaised   = "raised"
	ReasonLearned  = "learned"
	ReasonSetAside = "set-aside"
	// ReasonSetBy is a person's choice (Text: who).
	ReasonSetBy = "set-by"
)

// ReasonSayer is a Triager that says reasons in a language.
type ReasonSayer interface {
	// SayReason writes r for a reader of lang; false when it cannot say
	// every part of it in lang.
	SayReason(r Reason, lang string) (string, bool)
}

// setBy is the reason of a person's choice of priority.
func setBy(actor string) (Reason, string) {
	return Reason{{Kind: ReasonSetBy, Text: actor}}, "set by " + actor
}

// MarshalReason encodes r for storage; empty for none.
func MarshalReason(r Reason) string {
	if len(r) == 0 {
		return ""
	}
	b, err := json.Marshal(r)
	if err != nil {
		return "" // a slice of plain strings always encodes
	}
	return string(b)
}

// UnmarshalReason decodes a stored reason; empty reads as none.
func UnmarshalReason(s string) (Reason, error) {
	if s == "" {
		return nil, nil
	}
	var r Reason
	if err := json.Unmarshal([]byte(s), &r); err != nil {
		return nil, fmt.Errorf("read priority reason: %w", err)
	}
	return r, nil
}

// reasonIn is a ticket's reason for a reader of lang: said by the
// triager when the ticket holds its parts, else the stored text (a
// ticket older than the parts, a reason a person typed).
func (g *Gateway) reasonIn(t *Ticket, lang string) string {
	if len(t.PriorityWhy) == 0 {
		return t.PriorityReason
	}
	if s, ok := g.cfg.Triager.(ReasonSayer); ok {
		if text, ok := s.SayReason(t.PriorityWhy, lang); ok {
			return text
		}
	}
	return t.PriorityReason
}
