package main

import (
	"context"
	"fmt"
)

// ticketsEscalate runs 'tickets escalate REF [--note TEXT]': what
// #escalate does in an agent's mail.
func ticketsEscalate(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "tickets escalate", "tickets escalate [--config PATH] [--by NAME] [--note TEXT] REF\n\n"+
		"Moves the ticket to level 2 and sends its history to the specialists (agents.level2, or the mailbox's escalate list).")
	path := configFlag(fs)
	by := fs.String("by", who(e), "who escalates, as recorded on the ticket")
	note := fs.String("note", "", "why, for the specialists")
	ref, err := parseRef(fs, args)
	if err != nil {
		return err
	}
	return withApp(ctx, e, *path, func(a *app) error {
		t, err := a.gw.Escalate(ctx, ref, "admin "+*by, *note)
		if err != nil {
			return actError(err)
		}
		fmt.Fprintf(e.stdout, "%s: level %d\n", t.Reference, t.Level)
		return nil
	})
}
