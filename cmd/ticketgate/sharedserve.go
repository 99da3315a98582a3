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
//     was a process of this host that is gone). Each process reads at most
//     its share of the mailboxes (their number over the processes', rounded
//     up) and gives one up a renewal when it holds more;
//   - outgoing mail is claimed with FOR UPDATE SKIP LOCKED, so senders
//     never take the same mail. Each process holds an instance lease and
//     names itself in its claims; the claims of one whose lease ran out
//     (it died) are freed by the others at their next renewal. No process
//     frees every claim as a new SQLite serve does: the others are alive;
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

// joinShared registers this process on a shared database: its instance
// lease, and its name in the outbox claims it takes.
func (a *app) joinShared(ctx context.Context, me store.Holder, dead func(store.Holder) bool) (*serveLease, error) {
	pg := a.store.(*postgres.Store)
	pg.ClaimAs(me.ID)
	if err := a.store.AcquireLease(ctx, postgres.InstanceLease(me.ID), me, a.clock.Now().UTC(), serveLeaseTTL, dead); err != nil {
		return nil, fmt.Errorf("serve: %w", err)
	}
	return &serveLease{a: a, me: me, shared: true, dead: dead}, nil
}

// keepInstance renews this process's instance lease (taking it again if
// it ran out meanwhile) and frees the claims of processes gone.
func (l *serveLease) keepInstance(ctx context.Context) {
	now := l.a.clock.Now().UTC()
	name := postgres.InstanceLease(l.me.ID)
	err := l.a.store.RenewLease(ctx, name, l.me, now, serveLeaseTTL)
	if errors.Is(err, store.ErrLeaseLost) {
		err = l.a.store.AcquireLease(ctx, name, l.me, now, serveLeaseTTL, l.dead)
	}
	if err != nil && ctx.Err() == nil {
		l.a.log.Warn("renew the instance lease", "err", err)
	}
	n, err := l.a.store.(*postgres.Store).ReleaseOrphanClaims(ctx, now)
	switch {
	case err != nil && ctx.Err() == nil:
		l.a.log.Warn("free the claims of processes gone", "err", err)
	case n > 0:
		l.a.log.Info("freed the outbox claims of a serve that stopped renewing its lease", "mails", n)
	}
}

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
		l.keepInstance(ctx)
		share := len(names)
		if hs, err := l.a.store.(*postgres.Store).Instances(ctx, l.a.clock.Now().UTC()); err == nil {
			n := 0
			for _, h := range hs {
				if !l.dead(h) {
					n++
				}
			}
			share = (len(names) + max(n, 1) - 1) / max(n, 1)
		}
		for i, name := range names {
			if err := l.keepReading(ctx, name, sources[i], running, stop, share); err != nil {
				return err
			}
		}
		// More than a share: give the last one up for a process with less.
		for i := len(names) - 1; i >= 0 && len(running) > share; i-- {
			if _, ok := running[names[i]]; !ok {
				continue
			}
			l.a.log.Info("leaving the mailbox to a serve that reads fewer", "mailbox", names[i])
			stop(names[i])
			if err := l.a.store.ReleaseLease(context.Background(), mailboxLease(names[i]), l.me); err != nil {
				l.a.log.Warn("release the mailbox lease", "mailbox", names[i], "err", err)
			}
			break
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
func (l *serveLease) keepReading(ctx context.Context, name string, src *imapsource.Source, running map[string]*reading, stop func(string) error, share int) error {
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
	if len(running) >= share {
		return nil // this process reads its share
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

// leave gives up the instance lease once every part of serve stopped
// (the notifier's claims are settled): the others need not wait for it to
// run out.
func (l *serveLease) leave() {
	if err := l.a.store.ReleaseLease(context.Background(), postgres.InstanceLease(l.me.ID), l.me); err != nil {
		l.a.log.Warn("release the instance lease", "err", err)
	}
}
