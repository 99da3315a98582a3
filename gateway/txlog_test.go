package gateway_test

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"strings"
	"testing"
	"time"

	"ticketgate/gateway"
	"ticketgate/gateway/store"
)

// commitFails is a store whose write transactions all fail at the end,
// as a full disk would make them.
type commitFails struct{ *store.Store }

func (s commitFails) Update(ctx context.Context, fn func(gateway.Tx) error) error {
	return s.Store.Update(ctx, func(tx gateway.Tx) error {
		if err := fn(tx); err != nil {
			return err
		}
		return errors.New("disk full")
	})
}

// A log line about a transaction is written once it committed: one that
// rolled back must not leave a line telling of a ticket that never was.
func TestLogLinesWaitForTheCommit(t *testing.T) {
	ctx := context.Background()
	st := testStore(t)
	cfg := supportOnly()
	now := gateway.ClockFunc(func() time.Time { return time.Date(2026, 11, 20, 15, 0, 0, 0, time.UTC) })
	var out bytes.Buffer
	log := slog.New(slog.NewTextHandler(&out, nil))
	// Nothing readable: the ticket is flagged and the flag logged.
	unreadable := []byte("\x00\x01\x02")

	failing, err := gateway.New(cfg, commitFails{st}, now, log)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := failing.Ingest(ctx, gateway.Source{Mailbox: "support"}, unreadable); err == nil {
		t.Fatal("the ingest succeeded on a store whose commits fail")
	}
	if strings.Contains(out.String(), "needs a human") {
		t.Fatalf("a rolled-back ingest logged:\n%s", out.String())
	}

	working, err := gateway.New(cfg, st, now, log)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := working.Ingest(ctx, gateway.Source{Mailbox: "support"}, unreadable); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "needs a human") || !strings.Contains(out.String(), "SUP-2026-000001") {
		t.Fatalf("the committed ingest's lines are missing:\n%s", out.String())
	}
}
