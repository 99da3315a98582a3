package gateway

import (
	"context"
	"fmt"
	"time"
)

// Reads for the SLA report (gateway/report).

// TicketsOpened returns the tickets created in [from, to), oldest first,
// on one snapshot.
func (g *Gateway) TicketsOpened(ctx context.Context, from, to time.Time) ([]Ticket, error) {
	var ts []Ticket
	err := g.store.View(ctx, func(tx ReadTx) error {
		var err error
		ts, err = tx.TicketsOpened(ctx, from, to)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("list tickets opened from %s to %s: %w", from.Format(time.RFC3339), to.Format(time.RFC3339), err)
	}
	return ts, nil
}

// BusinessCalendar returns the named calendar, else the mailbox's own:
// the calendar a ticket's clock ran on.
func (g *Gateway) BusinessCalendar(mailbox, name string) BusinessCalendar {
	return g.calendar(mailbox, name)
}
