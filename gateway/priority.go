package gateway

import (
	"context"
	"fmt"
)

// SetPriority changes a ticket's priority, recomputes its due times from
// its creation, and records who did it and why.
func (g *Gateway) SetPriority(ctx context.Context, ref string, p Priority, actor, reason string) (*Ticket, error) {
	var (
		t      *Ticket
		mailed bool
	)
	err := g.store.Update(ctx, func(tx Tx) error {
		var err error
		if t, err = tx.TicketByRef(ctx, ref); err != nil {
			return err
		}
		c := g.change(ctx, tx, g.clock.Now().UTC(), t, actor, &mailed)
		if err := c.setPriority(p, reason); err != nil {
			return err
		}
		return c.save()
	})
	if err != nil {
		return nil, fmt.Errorf("set priority of %s: %w", ref, err)
	}
	return t, nil
}
