package gateway

import (
	"context"
	"fmt"
)

// SetPriority changes a ticket's priority, recomputes its due times from
// its creation, and records who did it and why.
func (g *Gateway) SetPriority(ctx context.Context, ref string, p Priority, actor, reason string) (*Ticket, error) {
	var t *Ticket
	err := g.store.Update(ctx, func(tx Tx) error {
		var err error
		if t, err = tx.TicketByRef(ctx, ref); err != nil {
			return err
		}
		old := t.Priority
		t.Priority, t.PriorityReason = p, reason
		g.setDeadlines(t)
		t.UpdatedAt = g.clock.Now().UTC()
		if err := tx.UpdateTicket(ctx, t); err != nil {
			return err
		}
		return tx.AddEvent(ctx, &Event{TicketID: t.ID, At: t.UpdatedAt, Kind: EventPriority, Actor: actor,
			Detail: fmt.Sprintf("priority %s → %s (%s)", old, p, reason)})
	})
	if err != nil {
		return nil, fmt.Errorf("set priority of %s: %w", ref, err)
	}
	return t, nil
}
