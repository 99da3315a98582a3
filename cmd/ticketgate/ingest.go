package main

import (
	"context"
	"fmt"

	"ticketgate/gateway"
)

// sysexits(3) codes an MTA understands.
const (
	exUsage    = 64
	exDataErr  = 65 // input refused: an invalid template
	exTempFail = 75
)

func runIngest(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "ingest", "ingest [--config PATH] [--recipient ADDR | --mailbox NAME] [FILE...|-]\n\n"+
		"Records each message (one per file, or standard input) as a ticket or a ticket entry.\n"+
		"An MTA should pass the envelope recipient with --recipient: it decides the mailbox, headers do not.\n"+
		"Exit status: 0 recorded, 75 temporary failure (the MTA keeps the mail and retries).")
	path := configFlag(fs)
	mailbox := fs.String("mailbox", "", "mailbox to file the mail under (default: the one it is addressed to, else the first in the configuration)")
	recipient := fs.String("recipient", "", "envelope recipient the MTA delivered to (Postfix ${recipient}, Exim $local_part@$domain); trusted over the headers")
	if err := fs.Parse(args); err != nil {
		return &exitError{code: exUsage, err: err}
	}
	a, err := openApp(ctx, e, *path)
	if err != nil {
		// A broken configuration is fixable: the MTA should keep the mail.
		return &exitError{code: exTempFail, err: err}
	}
	defer a.Close()
	if *mailbox != "" {
		if _, ok := a.cfg.Mailboxes[*mailbox]; !ok {
			return &exitError{code: exTempFail, err: fmt.Errorf("ingest: %w %q (configured: %v)", gateway.ErrUnknownMailbox, *mailbox, a.cfg.MailboxNames())}
		}
	}
	files := fs.Args()
	if len(files) == 0 {
		files = []string{"-"}
	}
	// Each readable message is recorded whatever became of the others;
	// one that failed makes the whole run a temporary failure, so that
	// an MTA or a script tries again (what was recorded is found
	// recorded then).
	var failed []string
	for _, name := range files {
		res, err := ingestOne(ctx, e, a, gateway.Source{Mailbox: *mailbox, Recipient: *recipient}, name)
		if err != nil {
			if len(files) == 1 {
				return &exitError{code: exTempFail, err: err}
			}
			fmt.Fprintf(e.stderr, "ticketgate: %v\n", err)
			failed = append(failed, name)
			continue
		}
		ref := res.Ticket
		if ref == "" {
			ref = "-"
		}
		fmt.Fprintf(e.stdout, "%s\t%s\t%s\n", name, res.Action, ref)
	}
	if len(failed) > 0 {
		return &exitError{code: exTempFail, err: fmt.Errorf("ingest: %d of %d messages not recorded: %v", len(failed), len(files), failed)}
	}
	return nil
}

func ingestOne(ctx context.Context, e *env, a *app, src gateway.Source, name string) (gateway.Result, error) {
	raw, done, err := openInput(e, name)
	if err != nil {
		return gateway.Result{}, fmt.Errorf("ingest: read %s: %w", name, err)
	}
	defer done()
	res, err := a.gw.IngestMessage(ctx, src, raw)
	if err != nil {
		return gateway.Result{}, fmt.Errorf("ingest %s: %w", name, err)
	}
	return res, nil
}
