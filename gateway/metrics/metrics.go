// Package metrics exposes the gateway to Prometheus. It is the only
// package that knows the Prometheus client: the domain, the notifier and
// the mailbox readers report through plain hooks (gateway.Observer, the
// notifier's Observe) that Metrics implements.
//
// Counters and histograms count what this process did since it started;
// gauges are read from the database at each scrape, so they hold for
// the whole installation whatever ran before. A scrape that cannot read
// the database within its timeout reports ticketgate_store_up 0 and the
// counters, never a stale figure.
package metrics

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"ticketgate/gateway"
)

// Source is what a scrape reads: the gateway's monitoring views.
type Source interface {
	Backlog(ctx context.Context) (gateway.Backlog, error)
	SLARisks(ctx context.Context, now time.Time) ([]gateway.SLACount, error)
	MailboxStates(ctx context.Context) ([]gateway.MailboxState, error)
}

// Options tune a Metrics.
type Options struct {
	// Mailboxes are the IMAP mailboxes whose last sync is reported, also
	// before their first one.
	Mailboxes []string
	// Levels is the number of priority levels configured (default 5):
	// each is reported, zero included.
	Levels int
	// Timeout bounds the database reads of one scrape (default 5s).
	Timeout time.Duration
	// Now is the clock SLA clocks are judged at (default time.Now).
	Now func() time.Time
	Log *slog.Logger
}

// Metrics holds the process's counters and reads the gauges from Source.
type Metrics struct {
	reg      *prometheus.Registry
	ingested *prometheus.CounterVec
	latency  *prometheus.HistogramVec
	attempts prometheus.Counter
	sent     prometheus.Counter
	outcomes *prometheus.CounterVec
	tick     prometheus.Histogram
	tickErrs prometheus.Counter
}

// New returns the metrics of one serve process.
func New(src Source, o Options) *Metrics {
	if o.Timeout <= 0 {
		o.Timeout = 5 * time.Second
	}
	if o.Levels <= 0 {
		o.Levels = 5
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		ingested: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "ticketgate_mail_ingested_total",
			Help: "Inbound messages taken in, by mailbox and outcome (created, appended, duplicate, recorded, failed)."},
			[]string{"mailbox", "outcome"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "ticketgate_ingest_duration_seconds",
			Help:    "Time from parsing a fetched batch to its durable commit, per message.",
			Buckets: []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30}}, []string{"mailbox"}),
		attempts: prometheus.NewCounter(prometheus.CounterOpts{Name: "ticketgate_send_attempts_total",
			Help: "Attempts to deliver an outgoing mail over SMTP."}),
		outcomes: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "ticketgate_send_failures_total",
			Help: "Failed delivery attempts, by what follows: retry (temporary) or dead (refused for good)."}, []string{"outcome"}),
		tick: prometheus.NewHistogram(prometheus.HistogramOpts{Name: "ticketgate_scheduler_tick_duration_seconds",
			Help:    "Time one scheduler pass over the due timers took.",
			Buckets: []float64{.001, .005, .01, .05, .1, .5, 1, 5, 30}}),
		tickErrs: prometheus.NewCounter(prometheus.CounterOpts{Name: "ticketgate_scheduler_tick_errors_total",
			Help: "Scheduler passes that failed on at least one ticket."}),
	}
	// Sent mail is a counter, not a gauge read from the outbox: the sent
	// rows are the history, and counting them would cost what it weighs.
	m.sent = prometheus.NewCounter(prometheus.CounterOpts{Name: "ticketgate_outbox_sent_total",
		Help: "Outgoing mails the SMTP server accepted."})
	m.outcomes.WithLabelValues("retry")
	m.outcomes.WithLabelValues("dead")
	m.reg.MustRegister(m.ingested, m.latency, m.attempts, m.outcomes, m.tick, m.tickErrs,
		m.sent, &collector{src: src, o: o},
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// Ingested implements gateway.Observer.
func (m *Metrics) Ingested(mailbox, outcome string, took time.Duration) {
	m.ingested.WithLabelValues(mailbox, outcome).Inc()
	if outcome != gateway.OutcomeFailed {
		m.latency.WithLabelValues(mailbox).Observe(took.Seconds())
	}
}

// Ticked implements gateway.Observer.
func (m *Metrics) Ticked(took time.Duration, err error) {
	m.tick.Observe(took.Seconds())
	if err != nil {
		m.tickErrs.Inc()
	}
}

// MailHandled counts one delivery attempt by its outcome: "sent",
// "retry" or "dead" (the notifier's Outcome).
func (m *Metrics) MailHandled(outcome string) {
	m.attempts.Inc()
	if outcome == "sent" {
		m.sent.Inc()
		return
	}
	m.outcomes.WithLabelValues(outcome).Inc()
}

// Handler serves the metrics in the Prometheus exposition format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{ErrorHandling: promhttp.ContinueOnError})
}
