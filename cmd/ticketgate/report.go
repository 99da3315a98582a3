package main

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"ticketgate/gateway/report"
)

const reportUsage = `usage: ticketgate report sla [--config FILE] [--month YYYY-MM] [--mailbox NAME] [--tier NAME]
                            [--customer ADDRESS|DOMAIN] [--format text|csv|json|html] [--at RFC3339]`

func runReport(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprintln(e.usageOut(args), reportUsage)
		if len(args) == 0 {
			return &exitError{code: exUsage, err: errors.New("report: no report named (sla)")}
		}
		return nil
	}
	if args[0] != "sla" {
		return &exitError{code: exUsage, err: fmt.Errorf("report: unknown report %q (sla)", args[0])}
	}
	return reportSLA(ctx, e, args[1:])
}

func reportSLA(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "report sla", strings.TrimPrefix(reportUsage, "usage: ticketgate "))
	path := configFlag(fs)
	month := fs.String("month", "", "month the tickets were opened in, YYYY-MM (default: last month)")
	mailbox := fs.String("mailbox", "", "only this mailbox")
	tier := fs.String("tier", "", "only this plan")
	customer := fs.String("customer", "", "only this customer: an address, or a mail domain")
	format := fs.String("format", "text", "text, csv, json or html")
	at := fs.String("at", "", "judge running clocks at this instant, RFC 3339 (default now)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 0 {
		return &exitError{code: exUsage, err: fmt.Errorf("report sla: unexpected argument %q", fs.Arg(0))}
	}
	form, ok := report.Formats[*format]
	if !ok {
		return &exitError{code: exUsage, err: fmt.Errorf("report sla: --format %q: want text, csv, json or html", *format)}
	}
	cfg, err := loadConfig(e, *path)
	if err != nil {
		return err
	}
	if _, ok := cfg.Mailboxes[*mailbox]; *mailbox != "" && !ok {
		return &exitError{code: exUsage, err: fmt.Errorf("report sla: unknown mailbox %q (known: %s)", *mailbox, strings.Join(cfg.MailboxNames(), ", "))}
	}
	if *tier != "" && !cfg.Policy.HasTier(*tier) {
		return &exitError{code: exUsage, err: fmt.Errorf("report sla: unknown tier %q (known: %s)", *tier, strings.Join(cfg.Policy.Tiers(), ", "))}
	}
	return withApp(ctx, e, *path, func(a *app) error {
		now := a.clock.Now()
		if *at != "" {
			if now, err = time.Parse(time.RFC3339, *at); err != nil {
				return &exitError{code: exUsage, err: fmt.Errorf("report sla: --at %q: want RFC 3339, like 2026-12-01T09:00:00+01:00", *at)}
			}
		}
		m := report.MonthBefore(now)
		if *month != "" {
			if m, err = report.ParseMonth(*month); err != nil {
				return &exitError{code: exUsage, err: fmt.Errorf("report sla: --%w", err)}
			}
		}
		r, err := report.Build(ctx, a.gw, report.Options{Month: m, Mailbox: *mailbox, Tier: *tier, Customer: *customer,
			AsOf: now, Plans: a.cfg.Plans()})
		if errors.Is(err, report.ErrMonth) {
			return &exitError{code: exUsage, err: fmt.Errorf("report sla: %w", err)}
		}
		if err != nil {
			return err
		}
		if err := form.Write(e.stdout, r); err != nil {
			return fmt.Errorf("report sla: write: %w", err)
		}
		return nil
	})
}
