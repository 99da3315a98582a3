package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"ticketgate/gateway/imapsource"
	"ticketgate/gateway/store"
	"ticketgate/gateway/store/postgres"
)

// On PostgreSQL several serve processes share one database, each doing
// its share with nothing done twice:
//   - a mailbox is read by one process at a time, the holder of its lease
//     (mailbox:NAME), renewed like the serve lease; when the holder dies,
//     another takes the lease once it runs out (at once when the holder
//     was a process of this host that is gone);
//   - outgoing mail is claimed with FOR UPDATE SKIP LOCKED, so senders
//     never take the same mail; the claims of a sender that died lapse
//     (gateway.ClaimFor). No process releases every claim as a new SQLite
//     serve does: the others are alive;
//   - each timer runs in its ticket's own SERIALIZABLE transaction: two
//     schedulers that reach one ticket conflict, and the one run again
//     finds the timer done;
//   - the web admin's sessions are in the database: any instance serves it.

// sharedDatabase reports whether several serve processes may run on st.
func sharedDatabase(st database) bool {
	_, ok := st.(*postgres.Store)
	return ok
}

func mailboxLease(name string) string { return "mailbox:" + name }

// reading is a mailbox this process reads: its source runs until cancel.
type reading struct {
	cancel context.CancelFunc
	done   chan error
}

// readMailboxes runs the source of each mailbox whose lease this process
// holds, takes the lease of every mailbox nobody reads, and gives a
// mailbox up when its lease was lost, until ctx ends.
func (l *serveLease) readMailboxes(ctx context.Context, names []string, sources []*imapsource.Source) error {
	running := map[string]*reading{}
	stop := func(name string) error {
		r := running[name]
		r.cancel()
		err := <-r.done
		delete(running, name)
		return err
	}
	defer func() {
		for name := range running {
			stop(name)
			// The next reader need not wait for the lease to run out.
			if err := l.a.store.ReleaseLease(context.Background(), mailboxLease(name), l.me); err != nil {
				l.a.log.Warn("release the mailbox lease", "mailbox", name, "err", err)
			}
		}
	}()
	t := time.NewTicker(serveLeaseRenew)
	defer t.Stop()
	for {
		for i, name := range names {
			if err := l.keepReading(ctx, name, sources[i], running, stop); err != nil {
				return err
			}
		}
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
	}
}

// keepReading renews or takes one mailbox's lease, and starts or stops
// its source to match.
func (l *serveLease) keepReading(ctx context.Context, name string, src *imapsource.Source, running map[string]*reading, stop func(string) error) error {
	now := l.a.clock.Now().UTC()
	if r, ok := running[name]; ok {
		select {
		case err := <-r.done:
			// A source returns before ctx ends only when it cannot go on.
			delete(running, name)
			if err != nil {
				return fmt.Errorf("mailbox %s: %w", name, err)
			}
			return nil
		default:
		}
		err := l.a.store.RenewLease(ctx, mailboxLease(name), l.me, now, serveLeaseTTL)
		switch {
		case errors.Is(err, store.ErrLeaseLost):
			l.a.log.Warn("another serve took over the mailbox; no longer reading it", "mailbox", name)
			if err := stop(name); err != nil && ctx.Err() == nil {
				return fmt.Errorf("mailbox %s: %w", name, err)
			}
		case err != nil && ctx.Err() == nil:
			l.a.log.Warn("renew the mailbox lease", "mailbox", name, "err", err)
		}
		return nil
	}
	err := l.a.store.AcquireLease(ctx, mailboxLease(name), l.me, now, serveLeaseTTL, l.dead)
	var held *store.HeldError
	switch {
	case errors.As(err, &held):
		return nil // another serve reads it
	case err != nil:
		if ctx.Err() == nil {
			l.a.log.Warn("take the mailbox lease", "mailbox", name, "err", err)
		}
		return nil
	}
	l.a.log.Info("reading the mailbox", "mailbox", name)
	rctx, cancel := context.WithCancel(ctx)
	r := &reading{cancel: cancel, done: make(chan error, 1)}
	running[name] = r
	go func() { r.done <- src.Run(rctx) }()
	return nil
}
