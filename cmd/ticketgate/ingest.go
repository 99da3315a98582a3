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
	for _, name := range files {
		raw, done, err := openInput(e, name)
		if err != nil {
			return &exitError{code: exTempFail, err: fmt.Errorf("ingest: read %s: %w", name, err)}
		}
		res, err := a.gw.IngestMessage(ctx, gateway.Source{Mailbox: *mailbox, Recipient: *recipient}, raw)
		done()
		if err != nil {
			return &exitError{code: exTempFail, err: err}
		}
		ref := res.Ticket
		if ref == "" {
			ref = "-"
		}
		fmt.Fprintf(e.stdout, "%s\t%s\t%s\n", name, res.Action, ref)
	}
	return nil
}
