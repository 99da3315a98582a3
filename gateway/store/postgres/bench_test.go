package postgres

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"ticketgate/gateway"
	"ticketgate/gateway/store"
)

// The cost of sharing: ingest and outbox rates with 1, 2 and 3 gateways
// (each its own pool, as separate serve processes have) on one PostgreSQL
// database, next to one gateway on an SQLite file in the same run.
//
//	TICKETGATE_TEST_POSTGRES=postgres://… go test -run '^$' -bench Instances -benchtime 400x ./gateway/store/postgres/

func benchConfig() gateway.Config {
	return gateway.Config{Hostname: "helpdesk.example.com", Secret: []byte("0123456789abcdef-bench"), DefaultMailbox: "support",
		Mailboxes: map[string]gateway.Mailbox{"support": {Name: "support", Address: "support@helpdesk.example.com",
			Prefix: "SUP", Priority: 3, Language: "en"}}}
}

func benchMail(i int) []byte {
	return fmt.Appendf(nil, "From: Customer %[1]d <c%[1]d@customer.example>\r\nTo: support@helpdesk.example.com\r\n"+
		"Subject: Printer %[1]d is down\r\nMessage-ID: <bench-%[1]d@customer.example>\r\n\r\n"+
		"Hello, the printer on floor %[1]d stopped this morning; the queue holds forty jobs.\r\n", i)
}

// backends opens the stores of one run: an SQLite file, or n pools on
// one PostgreSQL database.
func backends(b *testing.B, kind string, n int) []gateway.Store {
	ctx := context.Background()
	if kind == "sqlite" {
		s, err := store.Open(ctx, filepath.Join(b.TempDir(), "bench.db"))
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { s.Close() })
		return []gateway.Store{s}
	}
	first, dsn := openTest(b)
	out := []gateway.Store{first}
	for len(out) < n {
		out = append(out, openAgain(b, dsn))
	}
	return out
}

var runs = []struct {
	kind string
	n    int
}{{"sqlite", 1}, {"postgres", 1}, {"postgres", 2}, {"postgres", 3}}

// BenchmarkIngestInstances: every instance ingests batches of 10 new
// mails (a ticket, an acknowledgement, one commit a batch) at once.
func BenchmarkIngestInstances(b *testing.B) {
	for _, r := range runs {
		b.Run(fmt.Sprintf("%s/instances=%d", r.kind, r.n), func(b *testing.B) {
			ctx := context.Background()
			var gws []*gateway.Gateway
			for _, st := range backends(b, r.kind, r.n) {
				gw, err := gateway.New(benchConfig(), st, nil, nil)
				if err != nil {
					b.Fatal(err)
				}
				gws = append(gws, gw)
			}
			const batch = 10
			var next atomic.Int64
			b.ResetTimer()
			for b.Loop() {
				var wg sync.WaitGroup
				for _, gw := range gws {
					wg.Go(func() {
						msgs := make([]gateway.Incoming, batch)
						for j := range msgs {
							i := int(next.Add(1))
							msgs[j] = gateway.Incoming{Source: gateway.Source{Mailbox: "support", UIDValidity: 1, UID: uint32(i)},
								Raw: bytesReader(benchMail(i))}
						}
						if _, err := gw.IngestBatch(ctx, msgs); err != nil {
							b.Error(err)
						}
					})
				}
				wg.Wait()
			}
			b.ReportMetric(float64(next.Load())/b.Elapsed().Seconds(), "msgs/s")
			b.ReportMetric(0, "ns/op")
		})
	}
}

// BenchmarkOutboxInstances: every instance claims 10 due mails and
// reports each sent, until the queue is empty (the store's side of
// delivery; no SMTP).
func BenchmarkOutboxInstances(b *testing.B) {
	for _, r := range runs {
		b.Run(fmt.Sprintf("%s/instances=%d", r.kind, r.n), func(b *testing.B) {
			ctx := context.Background()
			sts := backends(b, r.kind, r.n)
			var gws []*gateway.Gateway
			for _, st := range sts {
				gw, err := gateway.New(benchConfig(), st, nil, nil)
				if err != nil {
					b.Fatal(err)
				}
				gws = append(gws, gw)
			}
			now := time.Now().UTC()
			sent := 0
			id := 0
			for b.Loop() {
				b.StopTimer()
				err := sts[0].Update(ctx, func(tx gateway.Tx) error {
					for range 30 {
						id++
						m := &gateway.OutboxMail{Kind: "ack", Status: gateway.OutboxPending, NextAttemptAt: now, CreatedAt: now,
							Mail: gateway.OutgoingMail{MessageID: fmt.Sprintf("o%d@h", id), To: []gateway.Address{{Address: "c@x"}},
								Subject: "Re: printer", Text: "We are on it."}}
						if err := tx.EnqueueMail(ctx, m); err != nil {
							return err
						}
					}
					return nil
				})
				if err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				var (
					wg sync.WaitGroup
					mu sync.Mutex
				)
				for _, gw := range gws {
					wg.Go(func() {
						for {
							ms, err := gw.Outbox().Claim(ctx, now, 10)
							if err != nil {
								b.Error(err)
								return
							}
							if len(ms) == 0 {
								return
							}
							for _, m := range ms {
								if err := gw.Outbox().Sent(ctx, m.ID, now); err != nil {
									b.Error(err)
								}
							}
							mu.Lock()
							sent += len(ms)
							mu.Unlock()
						}
					})
				}
				wg.Wait()
			}
			if sent != id {
				b.Fatalf("%d mails sent of %d queued", sent, id)
			}
			b.ReportMetric(float64(sent)/b.Elapsed().Seconds(), "mails/s")
			b.ReportMetric(0, "ns/op")
		})
	}
}

func bytesReader(b []byte) *bytes.Reader { return bytes.NewReader(b) }
