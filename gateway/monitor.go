package gateway

import (
	"context"
	"fmt"
	"time"
)

// Observer hears what the gateway does, for monitoring. Its methods are
// called after the fact, outside any transaction, and must not block.
// The gateway knows nothing of the metrics format it feeds.
type Observer interface {
	// Ingested tells what became of one message (an Action, or "failed")
	// and how long its batch took from parsing to the durable commit.
	Ingested(mailbox string, outcome string, took time.Duration)
	// Ticked tells how long one scheduler pass over the due timers took.
	Ticked(took time.Duration, err error)
}

// OutcomeFailed is the Ingested outcome of a message not committed.
const OutcomeFailed = "failed"

// observeBatch reports a batch to the configured Observer.
func (g *Gateway) observeBatch(ps []prepared, out []Outcome, took time.Duration) {
	if g.cfg.Observer == nil {
		return
	}
	for i, o := range out {
		outcome := string(o.Action)
		if o.Err != nil {
			outcome = OutcomeFailed
		}
		g.cfg.Observer.Ingested(ps[i].src.Mailbox, outcome, took)
	}
}

// Backlog is what waits at an instant: tickets not closed, by status and
// priority, and outgoing mail not sent.
type Backlog struct {
	// Tickets counts the tickets of every status but closed (closed ones
	// only grow; counting them would cost what the history weighs).
	Tickets map[Status]map[Priority]int
	// Pending and Dead count outgoing mail waiting for an attempt and
	// refused for good.
	Pending, Dead int
	// OldestDue is the next attempt time of the pending mail that has
	// waited longest; nil when none is pending.
	OldestDue *time.Time
}

// Backlog reads the backlog from the store.
func (g *Gateway) Backlog(ctx context.Context) (Backlog, error) {
	var b Backlog
	err := g.store.View(ctx, func(tx ReadTx) error {
		var err error
		b, err = tx.Backlog(ctx)
		return err
	})
	if err != nil {
		return Backlog{}, fmt.Errorf("read the backlog: %w", err)
	}
	return b, nil
}

// SLACount counts running SLA clocks in one state: Clock is "response" or
// "resolution", State SLAAtRisk or SLABreached.
type SLACount struct {
	Mailbox string
	Clock   string
	State   SLAState
	N       int
}

// SLARisks counts, per mailbox, the running clocks at risk or breached at
// now, judged as the scheduler's warnings judge them. Only tickets whose
// clocks run (new and open, not paused) are read: the work waiting, not
// the history.
func (g *Gateway) SLARisks(ctx context.Context, now time.Time) ([]SLACount, error) {
	type key struct {
		mailbox, clock string
		state          SLAState
	}
	counts := map[key]int{}
	for _, st := range []Status{StatusNew, StatusOpen} {
		var before int64
		for {
			var page []Ticket
			err := g.store.View(ctx, func(tx ReadTx) error {
				var err error
				page, err = tx.Tickets(ctx, TicketFilter{Status: st, Before: before, Limit: tickPage})
				return err
			})
			if err != nil {
				return nil, fmt.Errorf("read running SLA clocks: %w", err)
			}
			for i := range page {
				t := &page[i]
				for _, k := range warnClocks(t) {
					s := ClockState(g.calendar(t.Mailbox, k.calendar), k.start, k.due, nil, now)
					if s == SLAAtRisk || s == SLABreached {
						counts[key{t.Mailbox, k.name, s}]++
					}
				}
			}
			if len(page) < tickPage || ctx.Err() != nil {
				break
			}
			before = page[len(page)-1].ID
		}
	}
	out := make([]SLACount, 0, len(counts))
	for k, n := range counts {
		out = append(out, SLACount{Mailbox: k.mailbox, Clock: k.clock, State: k.state, N: n})
	}
	return out, ctx.Err()
}
