package gateway

import (
	"context"
	"fmt"
)

// SetPriority changes a ticket's priority, recomputes its due times from
// its creation, and records who did it and why: reason is kept as
// written, in every reader's language.
func (g *Gateway) SetPriority(ctx context.Context, ref string, p Priority, actor, reason string) (*Ticket, error) {
	t, err := g.changeTicket(ctx, g.clock.Now().UTC(), actor, byRef(ctx, ref), func(c *change) error {
		if err := c.setPriority(p, nil, reason); err != nil {
			return err
		}
		return c.save()
	})
	if err != nil {
		return nil, fmt.Errorf("set priority of %s: %w", ref, err)
	}
	return t, nil
}
