package gateway

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// Outbox is the gateway's outbox as a sender sees it: what is due, and
// what became of each attempt.
type Outbox struct{ g *Gateway }

// Outbox returns the outbox a sender delivers from.
func (g *Gateway) Outbox() Outbox { return Outbox{g} }

// ClaimFor is how long a sender holds the mail it claimed: longer than a
// batch of SMTP sends takes, short enough that mail a dead sender held
// goes out again soon. A serve process that takes over the database
// releases every claim at once (see the store's lease).
const ClaimFor = 10 * time.Minute

// Claim returns up to limit pending mails whose next attempt is due, each
// claimed: no other sender takes it until it is reported on (Sent, Retry,
// Dead) or the claim lapses.
func (o Outbox) Claim(ctx context.Context, now time.Time, limit int) ([]OutboxMail, error) {
	var out []OutboxMail
	err := updateRows(ctx, o.g.store, func(tx Tx) error {
		var err error
		out, err = tx.ClaimOutbox(ctx, now, now.Add(ClaimFor), limit)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("claim due mail: %w", err)
	}
	return out, nil
}

// Sent marks a mail delivered.
func (o Outbox) Sent(ctx context.Context, id int64, at time.Time) error {
	return o.update(ctx, id, func(tx Tx, r *OutboxMail) error {
		r.Status, r.Attempts, r.SentAt, r.LastError, r.ClaimedUntil = OutboxSent, r.Attempts+1, &at, "", nil
		return o.event(ctx, tx, r, at, EventMailSent, fmt.Sprintf("%s mail to %s sent", r.Kind, r.Mail.To[0].Address))
	})
}

// Retry records a temporary failure.
func (o Outbox) Retry(ctx context.Context, id int64, at, next time.Time, reason string) error {
	return o.update(ctx, id, func(tx Tx, r *OutboxMail) error {
		r.Attempts, r.NextAttemptAt, r.LastError, r.ClaimedUntil = r.Attempts+1, next, reason, nil
		return nil
	})
}

// Dead records that a mail will not be delivered, on its ticket too.
func (o Outbox) Dead(ctx context.Context, id int64, at time.Time, reason string) error {
	return o.update(ctx, id, func(tx Tx, r *OutboxMail) error {
		// The sender logs the failure; the ticket's timeline records it.
		r.Status, r.Attempts, r.LastError, r.ClaimedUntil = OutboxDead, r.Attempts+1, reason, nil
		return o.event(ctx, tx, r, at, EventMailFailed,
			fmt.Sprintf("%s mail to %s not delivered: %s (outbox #%d)", r.Kind, r.Mail.To[0].Address, reason, r.ID))
	})
}

func (o Outbox) update(ctx context.Context, id int64, fn func(Tx, *OutboxMail) error) error {
	// The row is the claimer's: it reads and writes only that row (which
	// OutboxByID locks there) and adds an event.
	err := updateRows(ctx, o.g.store, func(tx Tx) error {
		r, err := tx.OutboxByID(ctx, id)
		if err != nil {
			return err
		}
		if err := fn(tx, r); err != nil {
			return err
		}
		return tx.UpdateOutbox(ctx, r)
	})
	if err != nil {
		return fmt.Errorf("update outbox #%d: %w", id, err)
	}
	return nil
}

func (o Outbox) event(ctx context.Context, tx Tx, r *OutboxMail, at time.Time, kind, detail string) error {
	if r.TicketID == 0 {
		return nil
	}
	return tx.AddEvent(ctx, &Event{TicketID: r.TicketID, At: at, Kind: kind, Detail: detail})
}

// OutboxList lists outgoing mail, newest first.
func (g *Gateway) OutboxList(ctx context.Context, f OutboxFilter) ([]OutboxMail, error) {
	var out []OutboxMail
	err := g.store.View(ctx, func(tx ReadTx) error {
		var err error
		out, err = tx.OutboxList(ctx, f)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("list outbox: %w", err)
	}
	return out, nil
}

// DeadLetters counts the mails that will not be sent unless a person
// retries them.
func (g *Gateway) DeadLetters(ctx context.Context) (int, error) {
	var n int
	err := g.store.View(ctx, func(tx ReadTx) error {
		var err error
		n, err = tx.CountMail(ctx, MailCount{Status: OutboxDead})
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("count dead letters: %w", err)
	}
	return n, nil
}

// RetryMail puts a dead or waiting mail back in line for an attempt now.
// A mail already sent is not sent again.
func (g *Gateway) RetryMail(ctx context.Context, id int64) (*OutboxMail, error) {
	var row *OutboxMail
	now := g.clock.Now().UTC()
	err := g.store.Update(ctx, func(tx Tx) error {
		r, err := tx.OutboxByID(ctx, id)
		if err != nil {
			return err
		}
		if r.Status == OutboxSent {
			return fmt.Errorf("outbox #%d was sent at %s: %w", id, r.SentAt.Format(time.RFC3339), ErrAlreadySent)
		}
		if r.ClaimedUntil != nil && r.ClaimedUntil.After(now) {
			return fmt.Errorf("outbox #%d is being sent (claimed until %s): %w", id, r.ClaimedUntil.Format(time.RFC3339), ErrBeingSent)
		}
		r.Status, r.NextAttemptAt = OutboxPending, now
		row = r
		if err := tx.UpdateOutbox(ctx, r); err != nil {
			return err
		}
		if r.TicketID == 0 {
			return nil
		}
		return tx.AddEvent(ctx, &Event{TicketID: r.TicketID, At: now, Kind: EventMailQueued,
			Detail: fmt.Sprintf("%s mail to %s queued again by hand (outbox #%d)", r.Kind, r.Mail.To[0].Address, r.ID)})
	})
	if err != nil {
		return nil, fmt.Errorf("retry outbox #%d: %w", id, err)
	}
	g.mailQueued()
	return row, nil
}

// Sentinels of RetryMail.
var (
	// ErrAlreadySent refuses to send a mail twice.
	ErrAlreadySent = errors.New("mail already sent")
	// ErrBeingSent refuses to queue again a mail a sender has in hand.
	ErrBeingSent = errors.New("mail being sent")
)
