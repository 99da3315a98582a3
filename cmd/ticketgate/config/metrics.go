package config

import (
	"net"
	"strconv"
	"time"

	"ticketgate/gateway/health"
)

// Metrics is where 'serve' answers Prometheus (/metrics) and probes
// (/healthz, /readyz).
type Metrics struct {
	// Listen is host:port; empty serves none of them.
	Listen string `toml:"listen"`
	// OutboxStuckAfter is how long due mail may wait before /readyz
	// fails (default 15m).
	OutboxStuckAfter Duration `toml:"outbox_stuck_after"`
}

func (c *Config) validateMetrics(p *problems) {
	m := c.Metrics
	if m.Listen != "" {
		host, port, err := net.SplitHostPort(m.Listen)
		if n, perr := strconv.Atoi(port); err != nil || perr != nil || n < 0 || n > 65535 {
			p.bad("must be host:port, like \"127.0.0.1:9464\"", "metrics", "listen")
		} else if host != "" && net.ParseIP(host) == nil {
			if _, err := net.LookupHost(host); err != nil {
				p.bad("host "+strconv.Quote(host)+" does not resolve", "metrics", "listen")
			}
		}
	}
	if m.OutboxStuckAfter.Duration != 0 && m.OutboxStuckAfter.Duration < time.Minute {
		p.bad("must be at least 1m", "metrics", "outbox_stuck_after")
	}
}

// OutboxStuckAfter is the metrics.outbox_stuck_after in effect.
func (c *Config) OutboxStuckAfter() time.Duration {
	if d := c.Metrics.OutboxStuckAfter.Duration; d > 0 {
		return d
	}
	return health.DefaultOutboxStuckAfter
}
