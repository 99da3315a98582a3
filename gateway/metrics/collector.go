package metrics

import (
	"context"

	"github.com/prometheus/client_golang/prometheus"

	"ticketgate/gateway"
)

var (
	descStoreUp = prometheus.NewDesc("ticketgate_store_up",
		"1 when this scrape read the database within its timeout, else 0 (the gauges below are then absent).", nil, nil)
	descOutbox = prometheus.NewDesc("ticketgate_outbox_mails",
		"Outgoing mail not sent, by status: pending (waiting for an attempt) or dead (refused for good).", []string{"status"}, nil)
	descOutboxOldest = prometheus.NewDesc("ticketgate_outbox_oldest_due_seconds",
		"How long the pending mail that has waited longest has been due (0 when none is due).", nil, nil)
	descTickets = prometheus.NewDesc("ticketgate_tickets",
		"Tickets not closed, by status and priority.", []string{"status", "priority"}, nil)
	descSLA = prometheus.NewDesc("ticketgate_sla_clocks",
		"Running SLA clocks at risk or breached, by mailbox, clock (response, resolution) and state (at_risk, breached).",
		[]string{"mailbox", "clock", "state"}, nil)
	descLastSync = prometheus.NewDesc("ticketgate_mailbox_last_sync_timestamp_seconds",
		"When each IMAP mailbox last completed a sync, as a Unix time (0: never).", []string{"mailbox"}, nil)
)

// collector reads the gauges from the database at scrape time.
type collector struct {
	src Source
	o   Options
}

func (c *collector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{descStoreUp, descOutbox, descOutboxOldest, descTickets, descSLA, descLastSync} {
		ch <- d
	}
}

func (c *collector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), c.o.Timeout)
	defer cancel()
	now := c.o.Now()
	b, err := c.src.Backlog(ctx)
	var risks []gateway.SLACount
	var states []gateway.MailboxState
	if err == nil {
		risks, err = c.src.SLARisks(ctx, now)
	}
	if err == nil {
		states, err = c.src.MailboxStates(ctx)
	}
	if err != nil {
		c.o.Log.Warn("metrics: read the database", "err", err)
		ch <- prometheus.MustNewConstMetric(descStoreUp, prometheus.GaugeValue, 0)
		return
	}
	ch <- prometheus.MustNewConstMetric(descStoreUp, prometheus.GaugeValue, 1)
	ch <- prometheus.MustNewConstMetric(descOutbox, prometheus.GaugeValue, float64(b.Pending), "pending")
	ch <- prometheus.MustNewConstMetric(descOutbox, prometheus.GaugeValue, float64(b.Dead), "dead")
	oldest := 0.0
	if b.OldestDue != nil && now.After(*b.OldestDue) {
		oldest = now.Sub(*b.OldestDue).Seconds()
	}
	ch <- prometheus.MustNewConstMetric(descOutboxOldest, prometheus.GaugeValue, oldest)
	// Every status and configured priority is reported, zero included,
	// so that an alert on a series finds it.
	for _, st := range []gateway.Status{gateway.StatusNew, gateway.StatusOpen, gateway.StatusWaiting, gateway.StatusResolved} {
		for p := gateway.PriorityHighest; int(p) <= c.o.Levels; p++ {
			ch <- prometheus.MustNewConstMetric(descTickets, prometheus.GaugeValue, float64(b.Tickets[st][p]), string(st), p.String())
		}
	}
	for _, r := range risks {
		ch <- prometheus.MustNewConstMetric(descSLA, prometheus.GaugeValue, float64(r.N), r.Mailbox, r.Clock, stateLabel(r.State))
	}
	synced := map[string]float64{}
	for _, name := range c.o.Mailboxes {
		synced[name] = 0
	}
	for _, st := range states {
		if _, ok := synced[st.Mailbox]; !ok {
			continue // a mailbox no longer configured
		}
		if st.LastSyncAt != nil {
			synced[st.Mailbox] = float64(st.LastSyncAt.UnixNano()) / 1e9
		}
	}
	for name, at := range synced {
		ch <- prometheus.MustNewConstMetric(descLastSync, prometheus.GaugeValue, at, name)
	}
}

// stateLabel writes an SLA state as a label value: no spaces.
func stateLabel(s gateway.SLAState) string {
	if s == gateway.SLAAtRisk {
		return "at_risk"
	}
	return string(s)
}

var _ gateway.Observer = (*Metrics)(nil)
