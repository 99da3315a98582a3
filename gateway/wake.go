package gateway

import (
	"context"
	"log/slog"
	"time"
)

// Waking is a ticket the scheduler has to look at.
type Waking struct {
	ID     int64
	WakeAt time.Time
}

// wakeAt is the next instant the scheduler must look at t: a resolved
// ticket's reminder or deadline, or the moment one of its SLA clocks
// turns at risk or late. It mirrors what Tick does, so that a ticket is read
// only when something may be due.
func (g *Gateway) wakeAt(t *Ticket) *time.Time {
	var at *time.Time
	earliest := func(x *time.Time) {
		if x != nil && (at == nil || x.Before(*at)) {
			v := *x
			at = &v
		}
	}
	if t.Status == StatusResolved {
		earliest(t.RemindAt)
		earliest(t.ConfirmBy)
	}
	earliest(g.nextWarning(t))
	if progressRuns(t) {
		earliest(t.ProgressDue)
	}
	return at
}

// nextWarning is when the next SLA warning of any of a ticket's clocks
// comes due.
func (g *Gateway) nextWarning(t *Ticket) *time.Time {
	var at *time.Time
	for _, k := range warnClocks(t) {
		if x := g.next(t, k); x != nil && (at == nil || x.Before(*at)) {
			at = x
		}
	}
	return at
}

// timedTx keeps every ticket's WakeAt in step with the state it is saved
// in: all ticket writes of the gateway go through it.
type timedTx struct {
	Tx
	g *Gateway
}

func (tx timedTx) CreateTicket(ctx context.Context, t *Ticket) error {
	t.WakeAt = tx.g.wakeAt(t)
	return tx.Tx.CreateTicket(ctx, t)
}

func (tx timedTx) UpdateTicket(ctx context.Context, t *Ticket) error {
	t.WakeAt = tx.g.wakeAt(t)
	return tx.Tx.UpdateTicket(ctx, t)
}

// update runs fn in a write transaction whose ticket writes keep WakeAt.
// What fn logs through g.logger(ctx) is written once the transaction
// committed, and dropped when it did not. A store may run fn more than
// once (PostgreSQL after a serialization failure): only the last run's
// lines are kept.
func (g *Gateway) update(ctx context.Context, fn func(context.Context, Tx) error) error {
	held := &txLog{}
	tctx := context.WithValue(ctx, txLogKey{}, slog.New(holdingHandler{held, g.log.Handler()}))
	err := g.store.Update(tctx, func(tx Tx) error {
		held.truncate(0)
		return fn(tctx, timedTx{tx, g})
	})
	if err == nil {
		held.flush(ctx)
	}
	return err
}
