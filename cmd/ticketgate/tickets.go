package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"ticketgate/gateway"
)

func runTickets(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprintln(e.usageOut(args), "usage: ticketgate tickets list [--status S] [--priority P] [--json]\n"+
			"       ticketgate tickets show REF [--json]\n"+
			"       ticketgate tickets resolve|close|reopen|wait REF [-m TEXT] [--by NAME]\n"+
			"       ticketgate tickets note REF -m TEXT [--by NAME]\n"+
			"       ticketgate tickets priority REF P1..P5 [--by NAME]\n"+
			"       ticketgate tickets assign REF NAME [--by NAME]\n"+
			"       ticketgate tickets escalate REF [--note TEXT] [--by NAME]")
		if len(args) == 0 {
			return &exitError{code: exUsage, err: errors.New("tickets: no subcommand (list, show, resolve, close, reopen, wait, note, priority, assign, escalate)")}
		}
		return nil
	}
	switch args[0] {
	case "list":
		return ticketsList(ctx, e, args[1:])
	case "show":
		return ticketsShow(ctx, e, args[1:])
	case "resolve", "close", "reopen", "wait", "note":
		return ticketsAct(ctx, e, gateway.Verb(args[0]), args[1:])
	case "priority", "assign":
		return ticketsSet(ctx, e, gateway.Verb(args[0]), args[1:])
	case "escalate":
		return ticketsEscalate(ctx, e, args[1:])
	}
	return &exitError{code: exUsage, err: fmt.Errorf("tickets: unknown subcommand %q (list, show, resolve, close, reopen, wait, note, priority, assign, escalate)", args[0])}
}

// ticketJSON is the stable JSON shape of a ticket.
type ticketJSON struct {
	Reference       string          `json:"reference"`
	Mailbox         string          `json:"mailbox"`
	Status          string          `json:"status"`
	Priority        string          `json:"priority"`
	PriorityLabel   string          `json:"priority_label"`
	PriorityReason  string          `json:"priority_reason"`
	Customer        gateway.Address `json:"customer"`
	Subject         string          `json:"subject"`
	Language        string          `json:"language"`
	CreatedAt       string          `json:"created_at"`
	UpdatedAt       string          `json:"updated_at"`
	Flags           []string        `json:"flags"`
	Tier            string          `json:"tier"`
	Missing         []string        `json:"missing"`
	ResponseDue     *string         `json:"response_due"`
	ResolutionDue   *string         `json:"resolution_due"`
	Assignee        string          `json:"assignee"`
	Level           int             `json:"level"`
	FirstResponseAt *string         `json:"first_response_at"`
	ResolvedAt      *string         `json:"resolved_at"`
	ConfirmBy       *string         `json:"confirm_by"`
	RemindAt        *string         `json:"remind_at"`
	PausedAt        *string         `json:"paused_at"`
	ClosedAt        *string         `json:"closed_at"`
	CloseReason     string          `json:"close_reason"`
	LinkedTo        string          `json:"linked_to,omitempty"`
	Messages        []messageJSON   `json:"messages,omitempty"`
	Events          []eventJSON     `json:"events,omitempty"`
}

type messageJSON struct {
	Direction   string               `json:"direction"`
	AuthorKind  string               `json:"author_kind"`
	Kind        string               `json:"kind"`
	From        gateway.Address      `json:"from"`
	Subject     string               `json:"subject"`
	MessageID   string               `json:"message_id"`
	CreatedAt   string               `json:"created_at"`
	Text        string               `json:"text"`
	Problems    []string             `json:"problems"`
	Attachments []gateway.Attachment `json:"attachments"`
}

type eventJSON struct {
	At     string `json:"at"`
	Kind   string `json:"kind"`
	Actor  string `json:"actor"`
	Detail string `json:"detail"`
}

func rfc3339(t time.Time) string { return t.UTC().Format(time.RFC3339) }

func toTicketJSON(t *gateway.Ticket, label func(gateway.Priority) string) ticketJSON {
	flags := t.Flags
	if flags == nil {
		flags = []string{}
	}
	missing := t.Missing
	if missing == nil {
		missing = []string{}
	}
	return ticketJSON{Reference: t.Reference, Mailbox: t.Mailbox, Status: string(t.Status), Priority: t.Priority.String(),
		PriorityLabel: label(t.Priority), PriorityReason: t.PriorityReason, Customer: t.Customer, Subject: t.Subject, Language: t.Language,
		CreatedAt: rfc3339(t.CreatedAt), UpdatedAt: rfc3339(t.UpdatedAt), Flags: flags, Tier: t.Tier,
		Missing: missing, ResponseDue: optTime(t.ResponseDue), ResolutionDue: optTime(t.ResolutionDue),
		Assignee: t.Assignee, Level: max(t.Level, 1), FirstResponseAt: optTime(t.FirstResponseAt), ResolvedAt: optTime(t.ResolvedAt),
		ConfirmBy: optTime(t.ConfirmBy), RemindAt: optTime(t.RemindAt), PausedAt: optTime(t.PausedAt),
		ClosedAt: optTime(t.ClosedAt), CloseReason: t.CloseReason}
}

func optTime(t *time.Time) *string {
	if t == nil {
		return nil
	}
	s := rfc3339(*t)
	return &s
}

func ticketsList(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "tickets list", "tickets list [--config PATH] [--status S] [--priority P] [--mailbox M] [--limit N] [--cursor C] [--json]")
	path := configFlag(fs)
	status := fs.String("status", "", "only tickets with this status (new, open, waiting, resolved, closed)")
	priority := fs.String("priority", "", "only tickets with this priority (P1 to P5)")
	mailbox := fs.String("mailbox", "", "only tickets of this mailbox")
	limit := fs.Int("limit", defaultPage, "at most this many, newest first (0: all)")
	cursor := fs.Int64("cursor", 0, "continue after the previous page (the cursor it printed)")
	asJSON := fs.Bool("json", false, "print a JSON array")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *limit < 0 || *cursor < 0 {
		return &exitError{code: exUsage, err: fmt.Errorf("tickets list: --limit and --cursor take a number of 0 or more")}
	}
	f := gateway.TicketFilter{Limit: *limit, Before: *cursor}
	var err error
	if *status != "" {
		if f.Status, err = gateway.ParseStatus(*status); err != nil {
			return &exitError{code: exUsage, err: err}
		}
	}
	if *priority != "" {
		if f.Priority, err = gateway.ParsePriority(*priority); err != nil {
			return &exitError{code: exUsage, err: err}
		}
	}
	f.Mailbox = *mailbox
	return withApp(ctx, e, *path, func(a *app) error {
		if levels := len(a.cfg.Priorities); int(f.Priority) > levels {
			return &exitError{code: exUsage, err: fmt.Errorf("tickets list: --priority %s: the configuration has %d levels, P1 to P%d", *priority, levels, levels)}
		}
		ts, err := a.gw.Tickets(ctx, f)
		if err != nil {
			return err
		}
		if *limit > 0 && len(ts) == *limit {
			nextPage(e, ts[len(ts)-1].ID)
		}
		if *asJSON {
			out := make([]ticketJSON, 0, len(ts))
			for i := range ts {
				out = append(out, toTicketJSON(&ts[i], a.cfg.Policy.Label))
			}
			return writeJSON(e.stdout, out)
		}
		tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "REFERENCE\tSTATUS\tPRIORITY\tCUSTOMER\tSUBJECT\tFLAGS")
		for _, t := range ts {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", t.Reference, t.Status, t.Priority, t.Customer.Address,
				truncate(t.Subject, 50), strings.Join(t.Flags, ","))
		}
		return tw.Flush()
	})
}

// defaultPage is how many rows a listing shows unless told otherwise.
const defaultPage = 50

// nextPage tells, on standard error so that the listing stays
// machine-readable, how to ask for the rows after the last one shown.
func nextPage(e *env, lastID int64) {
	fmt.Fprintf(e.stderr, "more: next page with --cursor %d\n", lastID)
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

func ticketsShow(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "tickets show", "tickets show [--config PATH] [--json] REF")
	path := configFlag(fs)
	asJSON := fs.Bool("json", false, "print JSON")
	ref, err := parseRef(fs, args)
	if err != nil {
		return err
	}
	return withApp(ctx, e, *path, func(a *app) error {
		r, err := a.gw.TicketRecord(ctx, ref)
		if err != nil {
			return err
		}
		t, es, evs := &r.Ticket, r.Entries, r.Events
		tj := toTicketJSON(t, a.cfg.Policy.Label)
		tj.LinkedTo = r.LinkedTo
		tj.Messages = []messageJSON{}
		for _, m := range es {
			mj := messageJSON{Direction: string(m.Direction), AuthorKind: string(m.AuthorKind), Kind: string(m.Kind), From: m.From,
				Subject: m.Subject, MessageID: m.MessageID, CreatedAt: rfc3339(m.CreatedAt), Text: m.Text,
				Problems: m.Problems, Attachments: m.Attachments}
			if mj.Problems == nil {
				mj.Problems = []string{}
			}
			if mj.Attachments == nil {
				mj.Attachments = []gateway.Attachment{}
			}
			tj.Messages = append(tj.Messages, mj)
		}
		for _, ev := range evs {
			tj.Events = append(tj.Events, eventJSON{At: rfc3339(ev.At), Kind: ev.Kind, Actor: ev.Actor, Detail: ev.Detail})
		}
		if *asJSON {
			return writeJSON(e.stdout, tj)
		}
		w := e.stdout
		fmt.Fprintf(w, "%s  %s  %s (%s)\n", t.Reference, t.Status, tj.PriorityLabel, t.PriorityReason)
		fmt.Fprintf(w, "Subject:  %s\nCustomer: %s <%s>\nMailbox:  %s\nCreated:  %s\n", t.Subject, t.Customer.Name, t.Customer.Address, t.Mailbox, rfc3339(t.CreatedAt))
		if len(t.Flags) > 0 {
			fmt.Fprintf(w, "Flags:    %s\n", strings.Join(t.Flags, ", "))
		}
		if t.Tier != "" {
			fmt.Fprintf(w, "Tier:     %s\n", t.Tier)
		}
		if t.ResponseDue != nil {
			fmt.Fprintf(w, "Response due:   %s (%s, calendar %s)\n", human(local(a.cfg.Policy, t.ResponseCalendar, t.ResponseDue)), t.ResponseTarget, t.ResponseCalendar)
		}
		if t.ResolutionDue != nil {
			fmt.Fprintf(w, "Resolution due: %s (%s, calendar %s)\n", human(local(a.cfg.Policy, t.ResolutionCalendar, t.ResolutionDue)), t.ResolutionTarget, t.ResolutionCalendar)
		}
		if len(t.Missing) > 0 {
			fmt.Fprintf(w, "Missing:  %s\n", strings.Join(t.Missing, ", "))
		}
		if r.LinkedTo != "" {
			fmt.Fprintf(w, "Linked:   %s\n", r.LinkedTo)
		}
		if t.Assignee != "" {
			fmt.Fprintf(w, "Assignee: %s\n", t.Assignee)
		}
		fmt.Fprintf(w, "Level:    %d\n", max(t.Level, 1))
		inMailboxZone := func(at *time.Time) *time.Time {
			v := at.In(a.cfg.Policy.Location(t.Mailbox))
			return &v
		}
		if t.ConfirmBy != nil {
			fmt.Fprintf(w, "Closes without objection: %s\n", human(inMailboxZone(t.ConfirmBy)))
		}
		if t.ClosedAt != nil {
			fmt.Fprintf(w, "Closed:   %s (%s)\n", human(inMailboxZone(t.ClosedAt)), t.CloseReason)
		}
		fmt.Fprintln(w, "\nTimeline:")
		for _, ev := range evs {
			fmt.Fprintf(w, "  %s  %-11s %s\n", rfc3339(ev.At), ev.Kind, ev.Detail)
		}
		for _, m := range es {
			fmt.Fprintf(w, "\n--- %s %s (%s) from %s <%s>, %s\n", m.Direction, m.Kind, m.AuthorKind, m.From.Name, m.From.Address, rfc3339(m.CreatedAt))
			for _, p := range m.Problems {
				fmt.Fprintf(w, "    problem: %s\n", p)
			}
			for _, at := range m.Attachments {
				fmt.Fprintf(w, "    attachment: %s (%s, %d bytes)\n", at.Filename, at.ContentType, at.Size)
			}
			fmt.Fprintf(w, "%s\n", m.Text)
		}
		return nil
	})
}
