package gateway

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"sort"
	"time"

	"ticketgate/templates"
)

// What the web admin needs beyond the console's reads: a person's actions
// signed with their name, the raw mail and its files, a draft template's
// preview. Each goes through the same paths as the console and agents'
// mail.

// ActAs applies commands and a text to a ticket for a signed-in person,
// exactly as an agent's mail holding them would be: no command relays
// the text to the customer, #note keeps it internal, a status command
// takes it along. actor is who the timeline names, signer the name a
// reply is signed with.
func (g *Gateway) ActAs(ctx context.Context, ref, actor, signer string, cmds []Command, text string) (*Ticket, error) {
	what := "reply to"
	if len(cmds) > 0 {
		what = string(cmds[0].Verb)
	}
	t, err := g.changeTicket(ctx, g.clock.Now().UTC(), actor, byRef(ctx, ref), func(c *change) error {
		if err := c.run(cmds, reply{agent: signer, text: text}); err != nil {
			return err
		}
		return c.save()
	})
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w", what, ref, err)
	}
	return t, nil
}

// RetryMailAs is RetryMail for a named person: the timeline says who.
func (g *Gateway) RetryMailAs(ctx context.Context, id int64, actor string) (*OutboxMail, error) {
	m, err := g.RetryMail(ctx, id)
	if err != nil || m.TicketID == 0 || actor == "" {
		return m, err
	}
	err = g.store.Update(ctx, func(tx Tx) error {
		return tx.AddEvent(ctx, &Event{TicketID: m.TicketID, At: g.clock.Now().UTC(), Kind: EventMailQueued, Actor: actor,
			Detail: fmt.Sprintf("retry of outbox #%d asked by %s", id, actor)})
	})
	if err != nil {
		return m, fmt.Errorf("retry outbox #%d: record who asked: %w", id, err)
	}
	return m, nil
}

// entryOf finds a message of a ticket by its entry ID.
func entryOf(ctx context.Context, tx ReadTx, ref string, entryID int64) (*Entry, error) {
	t, err := tx.TicketByRef(ctx, ref)
	if err != nil {
		return nil, err
	}
	es, err := tx.Entries(ctx, t.ID)
	if err != nil {
		return nil, err
	}
	for i := range es {
		if es[i].ID == entryID {
			return &es[i], nil
		}
	}
	return nil, fmt.Errorf("message %d of %s: %w", entryID, ref, ErrNotFound)
}

// RawEntry writes the raw mail of one message of a ticket to w.
func (g *Gateway) RawEntry(ctx context.Context, ref string, entryID int64, w io.Writer) error {
	err := g.store.View(ctx, func(tx ReadTx) error {
		e, err := entryOf(ctx, tx, ref, entryID)
		if err != nil {
			return err
		}
		return tx.CopyRaw(ctx, e.RawID, w)
	})
	if err != nil {
		return fmt.Errorf("raw message %d of %s: %w", entryID, ref, err)
	}
	return nil
}

// EntryAttachment returns the n-th attachment (from 0) of one message of
// a ticket, decoded from the raw mail, with its record.
func (g *Gateway) EntryAttachment(ctx context.Context, ref string, entryID int64, n int) (Attachment, []byte, error) {
	var raw bytes.Buffer
	if err := g.RawEntry(ctx, ref, entryID, &raw); err != nil {
		return Attachment{}, nil, err
	}
	msg, err := g.parser.Parse(raw.Bytes())
	if err != nil {
		return Attachment{}, nil, fmt.Errorf("attachment %d of message %d: %w", n, entryID, err)
	}
	if n < 0 || n >= len(msg.Attachments) {
		return Attachment{}, nil, fmt.Errorf("attachment %d of message %d: %w", n, entryID, ErrNotFound)
	}
	a := msg.Attachments[n]
	r, err := a.Open()
	if err != nil {
		return Attachment{}, nil, fmt.Errorf("attachment %d of message %d: %w", n, entryID, err)
	}
	data, err := io.ReadAll(r)
	if err != nil {
		return Attachment{}, nil, fmt.Errorf("attachment %d of message %d: %w", n, entryID, err)
	}
	return Attachment{Filename: a.Filename, ContentType: a.ContentType, Disposition: a.Disposition, ContentID: a.ContentID,
		Size: a.Size, SHA256: a.SHA256}, data, nil
}

// PreviewDraft validates an edited, unsaved template and renders it for
// a ticket, or for the sample ticket when ref is empty.
func (g *Gateway) PreviewDraft(ctx context.Context, name, lang, src, ref string) (templates.Rendered, error) {
	if _, err := templates.Default(name, lang); err != nil {
		return templates.Rendered{}, err
	}
	d, err := templates.Parse(name, lang, src)
	if err != nil {
		return templates.Rendered{}, err
	}
	if err := templates.Validate(d); err != nil {
		return templates.Rendered{}, err
	}
	data := templates.Sample(name, lang, true)
	if ref != "" {
		tk, err := g.Ticket(ctx, ref)
		if err != nil {
			return templates.Rendered{}, err
		}
		data = g.templateData(queued{kind: name, ticket: tk, mailbox: g.cfg.Mailboxes[tk.Mailbox], to: tk.Customer}, lang)
	}
	return templates.Render(d, data)
}

// MailboxInfo is a configured mailbox with what its reader last did.
type MailboxInfo struct {
	Mailbox
	State MailboxState
	// Synced is false while the reader has never synced (or the mailbox
	// is piped in by an MTA only).
	Synced bool
	// Stale is set when the last sync is older than the limit asked for.
	Stale bool
}

// Mailboxes lists the configured mailboxes by name with their readers'
// states; a sync older than staleAfter (0: never) marks one stale.
func (g *Gateway) Mailboxes(ctx context.Context, now time.Time, staleAfter time.Duration) ([]MailboxInfo, error) {
	states, err := g.MailboxStates(ctx)
	if err != nil {
		return nil, err
	}
	by := map[string]MailboxState{}
	for _, st := range states {
		by[st.Mailbox] = st
	}
	var out []MailboxInfo
	for name, mb := range g.cfg.Mailboxes {
		mb.Name = name
		st, ok := by[name]
		info := MailboxInfo{Mailbox: mb, State: st, Synced: ok && st.LastSyncAt != nil}
		if staleAfter > 0 && info.Synced && now.Sub(*st.LastSyncAt) > staleAfter {
			info.Stale = true
		}
		out = append(out, info)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// PriorityLabel names a priority for people: "P1 critical".
func (g *Gateway) PriorityLabel(p Priority) string { return g.label(p) }
