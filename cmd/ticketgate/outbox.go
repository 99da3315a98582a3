package main

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"text/tabwriter"

	"ticketgate/gateway"
)

func runOutbox(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprintln(e.usageOut(args), "usage: ticketgate outbox list [--status S] [--ticket REF] [--limit N] [--json]\n       ticketgate outbox retry ID")
		if len(args) == 0 {
			return &exitError{code: exUsage, err: errors.New("outbox: no subcommand (list, retry)")}
		}
		return nil
	}
	switch args[0] {
	case "list":
		return outboxList(ctx, e, args[1:])
	case "retry":
		return outboxRetry(ctx, e, args[1:])
	}
	return &exitError{code: exUsage, err: fmt.Errorf("outbox: unknown subcommand %q (list, retry)", args[0])}
}

// outboxJSON is the stable JSON shape of an outgoing mail.
type outboxJSON struct {
	ID            int64   `json:"id"`
	Ticket        string  `json:"ticket"`
	Kind          string  `json:"kind"`
	To            string  `json:"to"`
	Subject       string  `json:"subject"`
	Status        string  `json:"status"`
	Attempts      int     `json:"attempts"`
	MessageID     string  `json:"message_id"`
	AutoSubmitted string  `json:"auto_submitted"`
	CreatedAt     string  `json:"created_at"`
	NextAttemptAt *string `json:"next_attempt_at"`
	SentAt        *string `json:"sent_at"`
	LastError     string  `json:"last_error"`
}

func toOutboxJSON(m gateway.OutboxMail) outboxJSON {
	o := outboxJSON{ID: m.ID, Ticket: m.Ticket, Kind: m.Kind, Subject: m.Mail.Subject, Status: string(m.Status),
		Attempts: m.Attempts, MessageID: m.Mail.MessageID, AutoSubmitted: m.Mail.AutoSubmitted,
		CreatedAt: rfc3339(m.CreatedAt), SentAt: optTime(m.SentAt), LastError: m.LastError}
	if len(m.Mail.To) > 0 {
		o.To = m.Mail.To[0].Address
	}
	if m.Status == gateway.OutboxPending {
		o.NextAttemptAt = optTime(&m.NextAttemptAt)
	}
	return o
}

func outboxList(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "outbox list", "outbox list [--config PATH] [--status pending|sent|dead] [--ticket REF] [--limit N] [--cursor C] [--json]")
	path := configFlag(fs)
	status := fs.String("status", "", "only mail in this status: pending, sent, dead")
	ref := fs.String("ticket", "", "only the mail of this ticket")
	limit := fs.Int("limit", defaultPage, "at most this many, newest first (0: all)")
	cursor := fs.Int64("cursor", 0, "continue after the previous page (the cursor it printed)")
	asJSON := fs.Bool("json", false, "print JSON")
	if _, err := parseArgs(fs, args); err != nil {
		return err
	}
	if *limit < 0 || *cursor < 0 {
		return &exitError{code: exUsage, err: fmt.Errorf("outbox list: --limit and --cursor take a number of 0 or more")}
	}
	f := gateway.OutboxFilter{Status: gateway.OutboxStatus(*status), Limit: *limit, Before: *cursor}
	switch f.Status {
	case "", gateway.OutboxPending, gateway.OutboxSent, gateway.OutboxDead:
	default:
		return &exitError{code: exUsage, err: fmt.Errorf("outbox list: unknown status %q (pending, sent, dead)", *status)}
	}
	return withApp(ctx, e, *path, func(a *app) error {
		if *ref != "" {
			t, err := a.gw.Ticket(ctx, *ref)
			if err != nil {
				return fmt.Errorf("outbox list: %w", err)
			}
			f.TicketID = t.ID
		}
		rows, err := a.gw.OutboxList(ctx, f)
		if err != nil {
			return err
		}
		if *limit > 0 && len(rows) == *limit {
			nextPage(e, rows[len(rows)-1].ID)
		}
		out := []outboxJSON{}
		for _, r := range rows {
			out = append(out, toOutboxJSON(r))
		}
		if *asJSON {
			return writeJSON(e.stdout, out)
		}
		tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tTICKET\tKIND\tTO\tSTATUS\tATTEMPTS\tSUBJECT\tLAST ERROR")
		for _, o := range out {
			fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%d\t%s\t%s\n", o.ID, dash(o.Ticket), o.Kind, o.To, o.Status, o.Attempts, o.Subject, o.LastError)
		}
		return tw.Flush()
	})
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func outboxRetry(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "outbox retry", "outbox retry [--config PATH] ID")
	path := configFlag(fs)
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return &exitError{code: exUsage, err: errors.New("outbox retry: give one outbox ID (see 'ticketgate outbox list')")}
	}
	id, err := strconv.ParseInt(pos[0], 10, 64)
	if err != nil {
		return &exitError{code: exUsage, err: fmt.Errorf("outbox retry: %q is not an outbox ID", pos[0])}
	}
	return withApp(ctx, e, *path, func(a *app) error {
		m, err := a.gw.RetryMail(ctx, id)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "outbox #%d (%s to %s) will be sent by 'ticketgate serve' at its next pass\n", m.ID, m.Kind, m.Mail.To[0].Address)
		return nil
	})
}
