package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	"ticketgate/gateway"
	"ticketgate/gateway/health"
	"ticketgate/gateway/metrics"
	"ticketgate/notifier"
)

// monitor is what 'serve' answers on [metrics] listen: /metrics,
// /healthz and /readyz. Each is a plain http.Handler, so that another
// listener (the web admin's) can mount them too.
type monitor struct {
	metrics *metrics.Metrics
	health  http.Handler
}

// withMonitor makes the app's gateway report to the metrics; the
// metrics read the gateway once it is open.
func withMonitor(m **monitor) appOption {
	return func(a *app, gc *gateway.Config) {
		if _, web := a.cfg.AdminSettings(); a.cfg.Metrics.Listen == "" && !web {
			return // nowhere to answer: neither a listener of its own nor the web admin's
		}
		var imap []string
		for _, name := range a.cfg.MailboxNames() {
			if _, ok := a.cfg.IMAPSource(name); ok {
				imap = append(imap, name)
			}
		}
		src := appSource{a}
		mt := metrics.New(src, metrics.Options{Mailboxes: imap, Levels: len(a.cfg.Priorities),
			Now: func() time.Time { return a.clock.Now() }, Log: a.log})
		gc.Observer = mt
		*m = &monitor{metrics: mt, health: health.Handler(health.Config{
			Writable:         func(ctx context.Context) error { return a.store.CheckWritable(ctx, a.clock.Now().UTC()) },
			Backlog:          src.Backlog,
			MailboxStates:    src.MailboxStates,
			Mailboxes:        imap,
			StaleAfter:       a.cfg.Serve.StaleAfter.Duration,
			OutboxStuckAfter: a.cfg.OutboxStuckAfter(),
			Now:              func() time.Time { return a.clock.Now() },
		})}
	}
}

// observeNotifier counts the notifier's attempts in the metrics.
func (m *monitor) observeNotifier(nc *notifier.Config) {
	if m != nil {
		nc.Observe = func(o notifier.Outcome) { m.metrics.MailHandled(string(o)) }
	}
}

// appSource reads the monitoring views of the app's gateway.
type appSource struct{ a *app }

func (s appSource) Backlog(ctx context.Context) (gateway.Backlog, error) { return s.a.gw.Backlog(ctx) }
func (s appSource) SLARisks(ctx context.Context, now time.Time) ([]gateway.SLACount, error) {
	return s.a.gw.SLARisks(ctx, now)
}
func (s appSource) MailboxStates(ctx context.Context) ([]gateway.MailboxState, error) {
	return s.a.gw.MailboxStates(ctx)
}

// Handler routes /metrics to the metrics and the rest to the probes.
func (m *monitor) Handler() http.Handler {
	mux := http.NewServeMux()
	m.mount(mux, "")
	mux.Handle("/", m.health)
	return mux
}

// mount adds /metrics, /healthz and /readyz under prefix to mux: the web
// admin's listener answers them when [metrics] has no listener of its own.
func (m *monitor) mount(mux *http.ServeMux, prefix string) {
	mux.Handle("GET "+prefix+"/metrics", m.metrics.Handler())
	probes := http.StripPrefix(prefix, m.health)
	mux.Handle("GET "+prefix+"/healthz", probes)
	mux.Handle("GET "+prefix+"/readyz", probes)
}

// listen opens the monitoring listener before serve starts its work, so
// that a port already taken stops serve at once.
func (m *monitor) listen(addr string) (net.Listener, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, &exitError{code: exTempFail, err: fmt.Errorf("serve: metrics.listen: %w", err)}
	}
	return ln, nil
}

// serveHTTP answers on ln until ctx ends, then lets requests in flight
// finish for a few seconds.
func serveHTTP(ctx context.Context, ln net.Listener, h http.Handler) error {
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second, WriteTimeout: 30 * time.Second}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("metrics listener: %w", err)
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err := srv.Shutdown(sctx)
	if e := <-errc; !errors.Is(e, http.ErrServerClosed) {
		err = errors.Join(err, e)
	}
	return err
}
