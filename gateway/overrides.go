package gateway

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"
)

// PriorityOverride is a person's change of a ticket's priority. Triage and
// TriageReason are what triage chose when the ticket opened: the store
// keeps the first override's, so a second change still compares with the
// classifier, not with the first person.
type PriorityOverride struct {
	TicketID     int64
	At           time.Time
	Actor        string
	From, To     Priority
	Triage       Priority
	TriageReason string
}

// TriageOutcome is a ticket's triage and where people took it.
type TriageOutcome struct {
	TicketID     int64
	Ticket       string
	Mailbox      string
	CreatedAt    time.Time
	Triage       Priority
	TriageReason string
	// Final is the priority people left; Final == Triage when nobody
	// changed it. By is who changed it last.
	Final Priority
	By    string
}

// Overruled reports whether people moved the ticket off triage's choice.
func (o TriageOutcome) Overruled() bool { return o.Final != o.Triage }

// TriageLevel is how triage fared on the tickets it gave one level.
type TriageLevel struct {
	Priority  Priority
	Tickets   int
	Overruled int
	// To counts where people moved its overruled tickets.
	To map[Priority]int
}

// Agreement is the share of tickets people left at triage's choice.
func (l TriageLevel) Agreement() float64 {
	if l.Tickets == 0 {
		return 1
	}
	return float64(l.Tickets-l.Overruled) / float64(l.Tickets)
}

// EvidenceCount is one piece of triage's reasons and how often people
// overruled a ticket it helped decide.
type EvidenceCount struct {
	Evidence         string
	Tickets          int
	Overruled        int
	OverruledTickets []string
}

// TriageReport compares triage's choices with what people decided.
type TriageReport struct {
	Since    time.Time
	Tickets  int
	Levels   []TriageLevel
	Evidence []EvidenceCount // most often overruled first
	Outcomes []TriageOutcome
}

// TriageReport reads the tickets opened since a time and sets triage's
// choice beside people's.
func (g *Gateway) TriageReport(ctx context.Context, since time.Time) (*TriageReport, error) {
	var outs []TriageOutcome
	err := g.store.View(ctx, func(tx ReadTx) error {
		var err error
		outs, err = tx.TriageOutcomes(ctx, since)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("read triage outcomes: %w", err)
	}
	r := &TriageReport{Since: since, Tickets: len(outs), Outcomes: outs}
	levels := map[Priority]*TriageLevel{}
	evidence := map[string]*EvidenceCount{}
	for _, o := range outs {
		l := levels[o.Triage]
		if l == nil {
			l = &TriageLevel{Priority: o.Triage, To: map[Priority]int{}}
			levels[o.Triage] = l
		}
		l.Tickets++
		for _, e := range evidenceOf(o.TriageReason) {
			c := evidence[e]
			if c == nil {
				c = &EvidenceCount{Evidence: e}
				evidence[e] = c
			}
			c.Tickets++
			if o.Overruled() {
				c.Overruled++
				c.OverruledTickets = append(c.OverruledTickets, o.Ticket)
			}
		}
		if o.Overruled() {
			l.Overruled++
			l.To[o.Final]++
		}
	}
	for _, l := range levels {
		r.Levels = append(r.Levels, *l)
	}
	sort.Slice(r.Levels, func(i, j int) bool { return r.Levels[i].Priority < r.Levels[j].Priority })
	for _, c := range evidence {
		if c.Overruled > 0 {
			r.Evidence = append(r.Evidence, *c)
		}
	}
	sort.Slice(r.Evidence, func(i, j int) bool {
		a, b := r.Evidence[i], r.Evidence[j]
		if a.Overruled != b.Overruled {
			return a.Overruled > b.Overruled
		}
		return a.Evidence < b.Evidence
	})
	return r, nil
}

// evidenceOf splits a triage reason into its pieces of evidence:
// `P1: scope "all tills" + "cannot take payments" (sales stopped)` gives
// two, `keyword 'panne' in subject, tier gold` two.
func evidenceOf(reason string) []string {
	if _, rest, ok := strings.Cut(reason, ": "); ok && len(reason) > 1 && reason[0] == 'P' {
		reason = rest
	}
	var out []string
	for _, part := range strings.FieldsFunc(reason, func(r rune) bool { return r == '+' || r == ',' || r == ';' }) {
		if p := strings.TrimSpace(part); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// FirstMessage writes the raw first message of a ticket to w: the mail
// triage read.
func (g *Gateway) FirstMessage(ctx context.Context, ticketID int64, w io.Writer) error {
	err := g.store.View(ctx, func(tx ReadTx) error {
		es, err := tx.Entries(ctx, ticketID)
		if err != nil {
			return err
		}
		for _, e := range es {
			if e.Direction == Inbound {
				var b bytes.Buffer
				if err := tx.CopyRaw(ctx, e.RawID, &b); err != nil {
					return err
				}
				_, err = w.Write(b.Bytes())
				return err
			}
		}
		return fmt.Errorf("no message received: %w", ErrNotFound)
	})
	if err != nil {
		return fmt.Errorf("first message of ticket #%d: %w", ticketID, err)
	}
	return nil
}
