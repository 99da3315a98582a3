package gateway_test

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"ticketgate/gateway"
	"ticketgate/gateway/store"
)

// BenchmarkIngest measures small new-ticket mails through Ingest, one
// durable (synchronous=FULL) transaction each, on a real SQLite file.
func BenchmarkIngest(b *testing.B) {
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	cfg := gateway.Config{Hostname: "h", Secret: secret, DefaultMailbox: "support", Mailboxes: map[string]gateway.Mailbox{
		"support": {Name: "support", Address: "support@helpdesk.example.com", Prefix: "SUP", Priority: 3, Language: "fr"}}}
	gw, err := gateway.New(cfg, st, gateway.ClockFunc(time.Now), nil)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		// Unique sender and Message-ID: every message is a new ticket.
		raw := []byte(mail(fmt.Sprintf("c%d@customer.example", i), "Printer down", fmt.Sprintf("bench-%d@x", i)))
		if _, err := gw.Ingest(ctx, gateway.Source{Mailbox: "support"}, raw); err != nil {
			b.Fatal(err)
		}
		i++
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "msgs/s")
}

// BenchmarkTickIdle measures one scheduler pass over 1,000 running
// tickets that wait for a first answer and owe no warning yet: the
// steady cost serve pays every serve.tick.
func BenchmarkTickIdle(b *testing.B) {
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	cfg := lifecycleConfig(b)
	now := inParis("2026-11-09 09:00")
	gw, err := gateway.New(cfg, st, gateway.ClockFunc(func() time.Time { return now }), nil)
	if err != nil {
		b.Fatal(err)
	}
	for i := range 1000 {
		raw := []byte(mail(fmt.Sprintf("c%d@customer.example", i), "Printer down", fmt.Sprintf("tick-%d@x", i)))
		if _, err := gw.Ingest(ctx, gateway.Source{Mailbox: "support"}, raw); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		if n, err := gw.Tick(ctx); err != nil || n != 0 {
			b.Fatalf("Tick = %d, %v", n, err)
		}
	}
}
