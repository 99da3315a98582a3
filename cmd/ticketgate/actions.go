package main

import (
	"context"
	"errors"
	"fmt"

	"ticketgate/gateway"
)

// ticketsAct runs 'tickets resolve|close|reopen|note|wait REF': what an
// agent's command line does, for an administrator at the console.
func ticketsAct(ctx context.Context, e *env, verb gateway.Verb, args []string) error {
	name := "tickets " + string(verb)
	usage := name + " [--config PATH] [--by NAME] [-m TEXT] REF"
	help := map[gateway.Verb]string{
		gateway.VerbResolve: "text sent to the customer with the resolved notice",
		gateway.VerbClose:   "text sent to the customer before the closed notice",
		gateway.VerbReopen:  "text sent to the customer after reopening",
		gateway.VerbWait:    "question sent to the customer",
		gateway.VerbNote:    "the internal note (required)",
	}[verb]
	fs := newFlags(e, name, usage)
	path := configFlag(fs)
	by := fs.String("by", who(e), "who acts, as recorded on the ticket")
	text := fs.String("m", "", help)
	ref, err := parseRef(fs, args)
	if err != nil {
		return err
	}
	return withApp(ctx, e, *path, func(a *app) error {
		t, err := a.gw.Act(ctx, ref, *by, gateway.Command{Verb: verb}, *text)
		if err != nil {
			return actError(err)
		}
		fmt.Fprintf(e.stdout, "%s: %s\n", t.Reference, t.Status)
		return nil
	})
}

// ticketsSet runs 'tickets priority REF Pn' and 'tickets assign REF
// NAME': what #priority and #assign do in an agent's mail.
func ticketsSet(ctx context.Context, e *env, verb gateway.Verb, args []string) error {
	name := "tickets " + string(verb)
	what := map[gateway.Verb]string{gateway.VerbPriority: "P1..P5", gateway.VerbAssign: "NAME"}[verb]
	fs := newFlags(e, name, name+" [--config PATH] [--by NAME] REF "+what)
	path := configFlag(fs)
	by := fs.String("by", who(e), "who acts, as recorded on the ticket")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 2 {
		return &exitError{code: exUsage, err: fmt.Errorf("%s: give a ticket reference and %s", name, what)}
	}
	ref, arg := pos[0], pos[1]
	if verb == gateway.VerbPriority {
		p, err := gateway.ParsePriority(arg)
		if err != nil {
			return &exitError{code: exUsage, err: fmt.Errorf("%s: %w", name, err)}
		}
		arg = p.String()
	}
	return withApp(ctx, e, *path, func(a *app) error {
		if p, _ := gateway.ParsePriority(arg); verb == gateway.VerbPriority && int(p) > a.cfg.Policy.Levels() {
			return &exitError{code: exUsage, err: fmt.Errorf("%s: %s is beyond the %d priorities configured", name, arg, a.cfg.Policy.Levels())}
		}
		t, err := a.gw.Act(ctx, ref, *by, gateway.Command{Verb: verb, Arg: arg}, "")
		if err != nil {
			return actError(err)
		}
		if verb == gateway.VerbPriority {
			fmt.Fprintf(e.stdout, "%s: %s (%s)\n", t.Reference, a.cfg.Policy.Label(t.Priority), t.PriorityReason)
		} else {
			fmt.Fprintf(e.stdout, "%s: assigned to %s\n", t.Reference, t.Assignee)
		}
		return nil
	})
}

// actError gives a refused or unknown-ticket action its exit status.
func actError(err error) error {
	switch {
	case errors.Is(err, gateway.ErrRefused):
		return &exitError{code: exDataErr, err: err}
	case errors.Is(err, gateway.ErrNotFound):
		return &exitError{code: exUsage, err: err}
	}
	return err
}
