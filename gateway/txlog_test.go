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

// runsTwice is a store whose write transactions run fn once for nothing,
// rolled back, then again for real: what PostgreSQL's store does after a
// serialization failure.
type runsTwice struct {
	*store.Store
	runs *int
}

var errRunAgain = errors.New("run again")

func (s runsTwice) Update(ctx context.Context, fn func(gateway.Tx) error) error {
	err := s.Store.Update(ctx, func(tx gateway.Tx) error {
		*s.runs++
		if err := fn(tx); err != nil {
			return err
		}
		return errRunAgain
	})
	if !errors.Is(err, errRunAgain) {
		return err
	}
	*s.runs++
	return s.Store.Update(ctx, fn)
}

// A transaction run again logs its lines once, and its batch reports
// each message once.
func TestRunAgainLogsOnce(t *testing.T) {
	ctx := context.Background()
	st := testStore(t)
	now := gateway.ClockFunc(func() time.Time { return time.Date(2026, 11, 20, 15, 0, 0, 0, time.UTC) })
	var out bytes.Buffer
	runs := 0
	gw, err := gateway.New(supportOnly(), runsTwice{st, &runs}, now, slog.New(slog.NewTextHandler(&out, nil)))
	if err != nil {
		t.Fatal(err)
	}
	res, err := gw.IngestBatch(ctx, []gateway.Incoming{
		{Source: gateway.Source{Mailbox: "support"}, Raw: bytes.NewReader([]byte("\x00\x01\x02"))},
		{Source: gateway.Source{Mailbox: "support"}, Raw: bytes.NewReader([]byte("\x00\x01\x03"))},
	})
	if err != nil {
		t.Fatal(err)
	}
	if runs < 2 {
		t.Fatalf("the store ran the transaction %d times", runs)
	}
	if res[0].Ticket != "SUP-2026-000001" || res[1].Ticket != "SUP-2026-000002" {
		t.Errorf("tickets %s and %s after a run again", res[0].Ticket, res[1].Ticket)
	}
	if n := strings.Count(out.String(), "needs a human"); n != 2 {
		t.Errorf("%d lines tell of a message needing a human, want one per message:\n%s", n, out.String())
	}
}
