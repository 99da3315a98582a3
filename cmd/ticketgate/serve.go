package main

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"net"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"golang.org/x/sync/errgroup"

	"ticketgate/gateway"
	"ticketgate/gateway/imapsource"
	"ticketgate/gateway/store"
	"ticketgate/notifier"
)

func runServe(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "serve", "serve [--config PATH]  (reads the IMAP mailboxes, sends the outbox)")
	path := configFlag(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	var m *monitor
	return withApp(ctx, e, *path, func(a *app) error {
		a.monitor = m
		return a.serve(ctx, a.gw)
	}, withMonitor(&m))
}

// serve reads every IMAP mailbox into sink and delivers the outbox until
// ctx ends, then lets the work in flight finish.
func (a *app) serve(ctx context.Context, sink imapsource.Sink) error {
	var (
		sources []*imapsource.Source
		names   []string
	)
	for _, name := range a.cfg.MailboxNames() {
		if sc, ok := a.cfg.IMAPSource(name); ok {
			sources = append(sources, imapsource.New(sc, sink, a.log))
			names = append(names, name)
		}
	}
	nc, sends := a.cfg.Notifier()
	if len(sources) == 0 && !sends {
		return &exitError{code: exUsage, err: errors.New("serve: nothing to do: no mailbox has an [mailboxes.NAME.imap] section and there is no [smtp] section")}
	}
	if !sends {
		a.log.Warn("no [smtp] section: outgoing mail waits in the outbox")
	}
	web, err := a.adminServer()
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	lease, err := a.takeServeLease(ctx)
	if err != nil {
		return err
	}
	var monLn net.Listener
	if a.monitor != nil {
		if monLn, err = a.monitor.listen(a.cfg.Metrics.Listen); err != nil {
			lease.release()
			return err
		}
		a.log.Info("metrics and health listening", "addr", monLn.Addr().String())
	}
	a.log.Info("serving", "mailboxes", len(sources), "smtp", sends, "database", a.store.Path())
	// Each part runs until ctx ends and handles its own failures (a
	// mailbox retries, a mail waits for its next attempt); one that
	// cannot go on (the lease lost to another process) stops them all.
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error { return lease.keep(gctx) })
	if monLn != nil {
		g.Go(func() error { return serveHTTP(gctx, monLn, a.monitor.Handler()) })
	}
	if sends {
		a.monitor.observeNotifier(&nc)
		a.notifier = notifier.New(nc, deliveryOutbox{a.gw.Outbox()}, a.clock.Now, a.log.With("component", "notifier"))
		g.Go(func() error { return a.notifier.Run(gctx) })
	}
	// Reminders, closes and SLA warnings run from the database, so a
	// restart picks them up where they were.
	g.Go(func() error { return a.gw.RunScheduler(gctx, a.cfg.Serve.Tick.Duration) })
	if lease.shared {
		g.Go(func() error { return lease.readMailboxes(gctx, names, sources) })
	} else {
		for _, s := range sources {
			g.Go(func() error { return s.Run(gctx) })
		}
	}
	if web != nil {
		g.Go(func() error { return a.serveAdmin(gctx, web) })
	}
	<-gctx.Done()
	a.log.Info("shutting down: finishing the work in flight")
	err = g.Wait()
	lease.release()
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	a.log.Info("stopped")
	return nil
}

// Two serve processes on one SQLite database would both send every mail:
// the first holds a lease that it renews; a second refuses to start. On
// PostgreSQL several share the work instead (sharedserve.go).
const (
	serveLeaseTTL   = 30 * time.Second
	serveLeaseRenew = serveLeaseTTL / 3
)

type serveLease struct {
	a  *app
	me store.Holder
	// shared: the database takes several serve processes, each reading
	// the mailboxes whose lease it holds; no serve lease is taken.
	shared bool
	dead   func(store.Holder) bool
}

func (a *app) takeServeLease(ctx context.Context) (*serveLease, error) {
	host, _ := os.Hostname()
	id := make([]byte, 8)
	_, _ = rand.Read(id)
	me := store.Holder{ID: fmt.Sprintf("%s:%d:%x", host, os.Getpid(), id), Host: host, PID: os.Getpid()}
	// A holder on this host whose process is gone crashed: take over at
	// once rather than wait for its lease to run out.
	dead := func(h store.Holder) bool {
		return h.Host == host && h.PID > 0 && processGone(h.PID)
	}
	if sharedDatabase(a.store) {
		return a.joinShared(ctx, me, dead)
	}
	err := a.store.AcquireLease(ctx, store.ServeLease, me, a.clock.Now().UTC(), serveLeaseTTL, dead)
	var held *store.HeldError
	if errors.As(err, &held) {
		return nil, &exitError{code: exTempFail, err: fmt.Errorf("serve: another ticketgate serve runs on %s (process %d on %s); stop it first, or wait until %s if it died on another host",
			a.store.Path(), held.Holder.PID, held.Holder.Host, held.Expires.Local().Format(time.RFC3339))}
	}
	if err != nil {
		return nil, fmt.Errorf("serve: %w", err)
	}
	return &serveLease{a: a, me: me, dead: dead}, nil
}

// keep renews the lease until ctx ends; it fails when the lease was lost.
func (l *serveLease) keep(ctx context.Context) error {
	if l.shared {
		<-ctx.Done()
		return nil
	}
	t := time.NewTicker(serveLeaseRenew)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
		err := l.a.store.RenewLease(ctx, store.ServeLease, l.me, l.a.clock.Now().UTC(), serveLeaseTTL)
		switch {
		case errors.Is(err, store.ErrLeaseLost):
			return fmt.Errorf("another process took over the database: %w", err)
		case err != nil && ctx.Err() == nil:
			// A busy or briefly failing database: the lease outlives a few
			// missed renewals.
			l.a.log.Warn("renew the serve lease", "err", err)
		}
	}
}

func (l *serveLease) release() {
	if l.shared {
		l.leave()
		return
	}
	if err := l.a.store.ReleaseLease(context.Background(), store.ServeLease, l.me); err != nil {
		l.a.log.Warn("release the serve lease", "err", err)
	}
}

type statusJSON struct {
	Mailbox     string  `json:"mailbox"`
	IMAP        bool    `json:"imap"`
	LastSync    *string `json:"last_sync"`
	LastError   string  `json:"last_error"`
	LastErrorAt *string `json:"last_error_at"`
	UIDValidity uint32  `json:"uidvalidity"`
	LastUID     uint32  `json:"last_uid"`
	Stale       bool    `json:"stale"`
}

func runStatus(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "status", "status [--config PATH] [--json]")
	path := configFlag(fs)
	asJSON := fs.Bool("json", false, "print JSON")
	if err := fs.Parse(args); err != nil {
		return err
	}
	return withApp(ctx, e, *path, func(a *app) error {
		states, err := a.gw.MailboxStates(ctx)
		if err != nil {
			return fmt.Errorf("status: %w", err)
		}
		byName := map[string]gateway.MailboxState{}
		for _, st := range states {
			byName[st.Mailbox] = st
		}
		now := time.Now()
		limit := a.cfg.Serve.StaleAfter.Duration
		var out []statusJSON
		var stale []string
		for _, name := range a.cfg.MailboxNames() {
			st := byName[name]
			_, hasIMAP := a.cfg.IMAPSource(name)
			s := statusJSON{Mailbox: name, IMAP: hasIMAP, LastSync: optTime(st.LastSyncAt), LastError: st.LastError,
				LastErrorAt: optTime(st.LastErrorAt), UIDValidity: st.UIDValidity, LastUID: st.LastUID}
			// A reader that has not synced within the limit is the silent
			// failure that loses mail: flag it loudly.
			s.Stale = hasIMAP && (st.LastSyncAt == nil || now.Sub(*st.LastSyncAt) > limit)
			if s.Stale {
				stale = append(stale, name)
			}
			out = append(out, s)
		}
		if *asJSON {
			if err := writeJSON(e.stdout, out); err != nil {
				return err
			}
		} else {
			tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "MAILBOX\tSOURCE\tLAST SYNC\tSTATE\tLAST ERROR")
			for _, s := range out {
				src, last, state := "pipe", "-", "ok"
				if s.IMAP {
					src = "imap"
					if st := byName[s.Mailbox]; st.LastSyncAt != nil {
						last = fmt.Sprintf("%s (%s ago)", rfc3339(*st.LastSyncAt), now.Sub(*st.LastSyncAt).Round(time.Second))
					} else {
						last = "never"
					}
				}
				if s.Stale {
					state = fmt.Sprintf("STALE (no sync for more than %s)", limit)
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", s.Mailbox, src, last, state, s.LastError)
			}
			if err := tw.Flush(); err != nil {
				return err
			}
		}
		dead, err := a.gw.DeadLetters(ctx)
		if err != nil {
			return fmt.Errorf("status: %w", err)
		}
		if !*asJSON {
			fmt.Fprintf(e.stdout, "\nDead letters: %d\n", dead)
		}
		var problems []string
		if len(stale) > 0 {
			problems = append(problems, fmt.Sprintf("%d mailbox(es) not synced within %s: %v; is 'ticketgate serve' running?", len(stale), limit, stale))
		}
		if dead > 0 {
			// Mail the server refused for good: a customer is waiting for it.
			problems = append(problems, fmt.Sprintf("%d mail(s) not delivered; see 'ticketgate outbox list --status dead', then 'outbox retry ID'", dead))
		}
		if len(problems) > 0 {
			return fmt.Errorf("status: %s", strings.Join(problems, "; "))
		}
		return nil
	})
}

// probeMailboxes connects to every IMAP mailbox for 'check'.
func probeMailboxes(ctx context.Context, e *env, names []string, cfgOf func(string) (imapsource.Config, bool)) error {
	var failed []string
	for _, name := range names {
		sc, ok := cfgOf(name)
		if !ok {
			continue
		}
		pctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		r, err := imapsource.Probe(pctx, sc)
		cancel()
		if err != nil {
			fmt.Fprintf(e.stdout, "  IMAP %s: error: %v\n", name, err)
			failed = append(failed, name)
			continue
		}
		fmt.Fprintf(e.stdout, "  IMAP %s: folder %s: %d messages, %d unseen, UIDVALIDITY %d; IDLE %s, MOVE %s",
			name, r.Folder, r.Messages, r.Unseen, r.UIDValidity, yesNo(r.Idle), yesNo(r.Move))
		if sc.PostAction == imapsource.Move {
			fmt.Fprintf(e.stdout, "; processed folder %s %s", sc.ProcessedFolder, map[bool]string{true: "exists", false: "will be created"}[r.Processed])
		}
		fmt.Fprintln(e.stdout)
	}
	if len(failed) > 0 {
		return fmt.Errorf("check: cannot read mailbox(es) %v", failed)
	}
	return nil
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no (polling)"
}
