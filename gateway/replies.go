package gateway

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"ticketgate/templates"
)

// AuthorAgent marks a message from a configured agent whose mail proved
// to be theirs.
const AuthorAgent AuthorKind = "agent"

// replyText is the new part of a message, its quoted history and
// signature removed.
func replyText(e *Entry) string {
	if strings.TrimSpace(e.Reply) != "" {
		return e.Reply
	}
	return e.Text
}

// agentMail acts on an agent's mail to a ticket: its commands, then its
// text relayed to the customer. Anything the ticket cannot take (a typo,
// a command that does not apply) changes nothing and sends the agent an
// explanation instead.
func (in *ingest) agentMail(t *Ticket, e *Entry, how, proof string) (Result, error) {
	e.TicketID, e.AuthorKind = t.ID, AuthorAgent
	if err := in.tx.AddEntry(in.ctx, e); err != nil {
		return Result{}, err
	}
	res := Result{Action: ActionAppended, Ticket: t.Reference, EntryID: e.ID, How: how + "; from an agent: " + proof}
	c := in.g.change(in.ctx, in.tx, in.now, t, e.From.Address, &in.mailed)
	c.entry = e.ID
	if err := c.event(EventMessage, fmt.Sprintf("mail from agent %s (%s; %s)", e.From.Address, how, proof)); err != nil {
		return res, err
	}
	cmds, body, err := ParseCommands(replyText(e))
	if err != nil {
		err = &RefusedError{Reason: err.Error()}
	} else {
		atts, problems := in.attachments()
		for _, p := range problems {
			if err := c.event(EventIgnored, p); err != nil {
				return res, err
			}
		}
		err = c.run(cmds, reply{agent: agentName(e.From), text: body, attachments: atts})
	}
	var refusal *RefusedError
	if err != nil && !errors.As(err, &refusal) {
		return res, err // the store failed: nothing commits, the mail is read again
	}
	if err != nil {
		// A typo or a command that does not fit is the agent's to fix;
		// nothing of the mail applies (run refuses before it changes
		// anything).
		if err := c.event(EventRefused, fmt.Sprintf("mail from %s not acted on: %v", e.From.Address, err)); err != nil {
			return res, err
		}
		return res, c.queue(queued{kind: templates.AgentError, to: e.From, lang: in.g.cfg.Mail.AgentLanguage,
			autoSubmitted: AutoReplied, answering: e, message: refusal.Reason})
	}
	return res, c.save()
}

// attachments reads the files of the message being ingested, to relay
// them. A file that cannot be decoded is left out and named in problems:
// the raw message keeps it, and the rest still goes.
func (in *ingest) attachments() (out []OutgoingAttachment, problems []string) {
	for _, a := range in.msg.Attachments {
		r, err := a.Open()
		var data []byte
		if err == nil {
			data, err = io.ReadAll(r)
		}
		if err != nil {
			problems = append(problems, fmt.Sprintf("attachment %q not relayed: %v", a.Filename, err))
			continue
		}
		out = append(out, OutgoingAttachment{Filename: a.Filename, ContentType: a.ContentType, Data: data})
	}
	return out, problems
}

// unprovenAgent records mail that carries an agent's address without
// proof that the agent sent it: it is kept on the ticket, never relayed,
// and its commands never run.
func (in *ingest) unprovenAgent(t *Ticket, e *Entry, how string) (Result, error) {
	res, err := in.appendTo(t, e, how)
	if err != nil {
		return res, err
	}
	in.g.logger(in.ctx).Warn("mail from an agent's address without proof", "ticket", t.Reference, "from", e.From.Address)
	return res, in.tx.AddEvent(in.ctx, &Event{TicketID: t.ID, EntryID: e.ID, At: in.now, Kind: EventIgnored, Actor: e.From.Address,
		Detail: fmt.Sprintf("mail from agent address %s proves nothing (not a reply to our mail to the agents, no trusted authentication): not relayed, commands not run", e.From.Address)})
}

// customerReply moves the ticket on from a message of the customer's
// side: it confirms or reopens a resolution, ends a wait, and the agents
// hear of it.
func (in *ingest) customerReply(t *Ticket, e *Entry) error {
	c := in.g.change(in.ctx, in.tx, in.now, t, e.From.Address, &in.mailed)
	c.entry = e.ID
	if err := in.detailsSupplied(c); err != nil {
		return err
	}
	text := replyText(e)
	cmds, _, _ := ParseCommands(text)
	shape := readReply(text)
	if slices.ContainsFunc(cmds, func(c Command) bool { return c.Verb == VerbConfirm }) {
		shape = replyConfirms
	}
	confirmed := shape == replyConfirms
	event := "reply"
	switch t.Status {
	case StatusResolved, StatusClosed:
		if shape != replyReopens && t.Status == StatusClosed {
			return nil // thanks after the end: recorded, nothing to reopen
		}
		if shape == replyPending {
			break // they will try it: the clock to the deadline runs on
		}
		if confirmed {
			if err := c.close(CloseConfirmed); err != nil {
				return err
			}
			event = "confirmed"
			break
		}
		if err := c.reopen("reopened by a reply from " + e.From.Address); err != nil {
			return err
		}
		event = "reopened"
		why, err := in.mayAnswer()
		if err != nil {
			return err
		}
		if why != "" {
			if err := c.event(EventMailWithheld, "no reopened notice: "+why); err != nil {
				return err
			}
		} else if err := c.queue(queued{kind: templates.Reopened, to: e.From, lang: t.Language, automatic: true,
			autoSubmitted: AutoReplied, answering: e}); err != nil {
			return err
		}
	case StatusWaiting:
		c.resume()
		if err := c.setStatus(StatusOpen, "the customer replied"); err != nil {
			return err
		}
	}
	if err := c.tellAgents(templates.AgentNotice, event, text); err != nil {
		return err
	}
	return c.save()
}

// detailsSupplied clears the details the ticket lacked that this message
// brings, on the timeline; the agents' notice of the reply shows what is
// still missing.
func (in *ingest) detailsSupplied(c *change) error {
	t := c.t
	if len(t.Missing) == 0 || in.g.cfg.Triager == nil {
		return nil
	}
	still := in.g.cfg.Triager.StillMissing(t.Mailbox, t.Missing, in.msg)
	if len(still) == len(t.Missing) {
		return nil
	}
	var got []string
	for _, l := range t.Missing {
		if !slices.Contains(still, l) {
			got = append(got, l)
		}
	}
	t.Missing = still
	detail := "details received: " + strings.Join(got, ", ")
	if len(still) > 0 {
		detail += "; still missing: " + strings.Join(still, ", ")
	}
	return c.event(EventDetails, detail)
}

// reopenable tells whether a reply to a closed ticket may still reopen it.
func (in *ingest) reopenable(t *Ticket) bool {
	if in.g.cfg.Resolution.ReopenDays <= 0 {
		return false
	}
	if t.ClosedAt == nil {
		return true
	}
	until := in.g.calendar(t.Mailbox, "").AddDays(*t.ClosedAt, in.g.cfg.Resolution.ReopenDays)
	return in.now.Before(until)
}

// commandsIgnored records commands written by someone who may not run
// them.
func (in *ingest) commandsIgnored(t *Ticket, e *Entry) error {
	cmds, _, err := ParseCommands(replyText(e))
	if err == nil && len(cmds) == 0 {
		return nil
	}
	return in.tx.AddEvent(in.ctx, &Event{TicketID: t.ID, EntryID: e.ID, At: in.now, Kind: EventIgnored, Actor: e.From.Address,
		Detail: fmt.Sprintf("commands from %s ignored: not an agent of this ticket", e.From.Address)})
}

// Confirmation phrases, folded: a short reply holding one, and no
// negation, confirms a resolution.
