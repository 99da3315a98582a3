// Package health answers the probes of a supervisor or load balancer:
// /healthz says the process serves HTTP, /readyz says the gateway does
// its work — the database takes writes, every IMAP mailbox synced
// recently, and due mail leaves the outbox. Both answer JSON, 200 when
// fine and 503 when not, with what failed.
package health

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"ticketgate/gateway"
)

// Config is what readiness is judged on.
type Config struct {
	// Writable commits a write to the database.
	Writable func(ctx context.Context) error
	// Backlog and MailboxStates read the gateway.
	Backlog       func(ctx context.Context) (gateway.Backlog, error)
	MailboxStates func(ctx context.Context) ([]gateway.MailboxState, error)
	// Mailboxes are the IMAP mailboxes that must have synced within
	// StaleAfter.
	Mailboxes  []string
	StaleAfter time.Duration
	// OutboxStuckAfter is how long the oldest due mail may wait before
	// the outbox counts as stuck (default DefaultOutboxStuckAfter).
	OutboxStuckAfter time.Duration
	// Timeout bounds one probe's database work (default 5s).
	Timeout time.Duration
	Now     func() time.Time
}

// DefaultOutboxStuckAfter is how long due mail may wait before /readyz
// fails: well past one SMTP timeout and a few polls of the notifier, so
// that only a notifier that does not run or cannot reach its server
// trips it. Mail waiting for a later retry is not due and never counts.
const DefaultOutboxStuckAfter = 15 * time.Minute

// Check is one verdict of /readyz.
type Check struct {
	Name   string `json:"name"`
	OK     bool   `json:"ok"`
	Detail string `json:"detail,omitempty"`
}

// Report is the body of /readyz.
type Report struct {
	Ready  bool    `json:"ready"`
	Checks []Check `json:"checks"`
}

// Handler serves /healthz and /readyz.
func Handler(c Config) http.Handler {
	if c.OutboxStuckAfter <= 0 {
		c.OutboxStuckAfter = DefaultOutboxStuckAfter
	}
	if c.Timeout <= 0 {
		c.Timeout = 5 * time.Second
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		write(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), c.Timeout)
		defer cancel()
		rep := c.Ready(ctx)
		code := http.StatusOK
		if !rep.Ready {
			code = http.StatusServiceUnavailable
		}
		write(w, code, rep)
	})
	return mux
}

// Ready runs every check, all of them whatever the others say.
func (c Config) Ready(ctx context.Context) Report {
	now := c.Now()
	var rep Report
	add := func(name string, err error, detail string) {
		ch := Check{Name: name, OK: err == nil, Detail: detail}
		if err != nil {
			ch.Detail = err.Error()
		}
		rep.Checks = append(rep.Checks, ch)
	}
	add("database", c.Writable(ctx), "writable")

	states, err := c.MailboxStates(ctx)
	if err != nil {
		add("mailboxes", err, "")
	} else {
		byName := map[string]gateway.MailboxState{}
		for _, st := range states {
			byName[st.Mailbox] = st
		}
		for _, name := range c.Mailboxes {
			st := byName[name]
			switch {
			case st.LastSyncAt == nil:
				add("mailbox "+name, fmt.Errorf("never synced (limit %s)%s", c.StaleAfter, lastError(st)), "")
			case now.Sub(*st.LastSyncAt) > c.StaleAfter:
				add("mailbox "+name, fmt.Errorf("no sync for %s (limit %s)%s", now.Sub(*st.LastSyncAt).Round(time.Second), c.StaleAfter, lastError(st)), "")
			default:
				add("mailbox "+name, nil, fmt.Sprintf("synced %s ago", now.Sub(*st.LastSyncAt).Round(time.Second)))
			}
		}
	}

	b, err := c.Backlog(ctx)
	switch {
	case err != nil:
		add("outbox", err, "")
	case b.OldestDue != nil && now.Sub(*b.OldestDue) > c.OutboxStuckAfter:
		add("outbox", fmt.Errorf("stuck: the oldest due mail has waited %s (limit %s); %d pending", now.Sub(*b.OldestDue).Round(time.Second), c.OutboxStuckAfter, b.Pending), "")
	default:
		add("outbox", nil, fmt.Sprintf("%d pending, %d dead", b.Pending, b.Dead))
	}
	rep.Ready = true
	for _, ch := range rep.Checks {
		rep.Ready = rep.Ready && ch.OK
	}
	return rep
}

func lastError(st gateway.MailboxState) string {
	if st.LastError == "" {
		return ""
	}
	return "; last error: " + st.LastError
}

func write(w http.ResponseWriter, code int, body any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(body)
}
