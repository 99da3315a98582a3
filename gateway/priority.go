package gateway

import (
	"context"
	"fmt"
)

// SetPriority changes a ticket's priority, recomputes its due times from
// its creation, and records who did it and why.
func (g *Gateway) SetPriority(ctx context.Context, ref string, p Priority, actor, reason string) (*Ticket, error) {
	t, err := g.withTicket(ctx, ref, actor, func(c *change) error { return c.setPriority(p, reason) })
	if err != nil {
		return nil, fmt.Errorf("set priority of %s: %w", ref, err)
	}
	return t, nil
}
