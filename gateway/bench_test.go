package gateway_test

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"ticketgate/gateway"
	"ticketgate/gateway/store"
)

var (
	benchStored  = flag.String("bench-stored", "0,100000,1000000", "stored messages BenchmarkIngestStored runs at")
	benchWaiting = flag.Int("bench-waiting", 200000, "tickets waiting for a first answer in BenchmarkTick")
)

// cpuTime is the process's user and system time so far: ingest parses on
// every core, so wall time alone understates its cost.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// benchRaw is a typical support mail of about 3 KB of prose.
func benchRaw(rnd *rand.Rand, i int) []byte {
	return []byte(fmt.Sprintf("From: Customer %[1]d <c%[1]d@customer.example>\r\nTo: support@helpdesk.example.com\r\n"+
		"Subject: Till %[1]d does not close the day\r\nMessage-ID: <bench-%[1]d@customer.example>\r\n"+
		"Date: Mon, 23 Nov 2026 10:00:00 +0100\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n%[2]s\r\n", i, prose(rnd, 2900)))
}

// benchGateway runs on a clock that moves an hour at each reading (one
// per ingest call): a batch then never meets the hourly ceilings on
// automatic mail, which a fixed clock would reach after a few hundred
// mails and stop queueing acknowledgements.
func benchGateway(b *testing.B, st *store.Store) *gateway.Gateway {
	b.Helper()
	now := inParis("2026-11-23 10:00")
	gw, err := gateway.New(lifecycleConfig(b), st, gateway.ClockFunc(func() time.Time {
		now = now.Add(time.Hour)
		return now
	}), nil)
	if err != nil {
		b.Fatal(err)
	}
	return gw
}

func openBenchStore(b *testing.B) *store.Store {
	b.Helper()
	st, err := store.Open(context.Background(), filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	return st
}

// BenchmarkIngest measures the MTA pipe's path: one small mail, one new
// ticket with its acknowledgement and agents' notice, one durable
// (synchronous=FULL) commit.
func BenchmarkIngest(b *testing.B) {
	gw := benchGateway(b, openBenchStore(b))
	rnd := rand.New(rand.NewPCG(1, 1))
	b.ReportAllocs()
	i, cpu := 0, cpuTime()
	for b.Loop() {
		if _, err := gw.Ingest(context.Background(), gateway.Source{Mailbox: "support"}, benchRaw(rnd, i)); err != nil {
			b.Fatal(err)
		}
		i++
	}
	b.ReportMetric(float64(i)/b.Elapsed().Seconds(), "msgs/s")
	b.ReportMetric(float64(cpuTime()-cpu)/float64(i)/1e3, "cpu-µs/msg")
}

// BenchmarkIngestStored measures the IMAP path (batches of 100, one
// commit each) into a database already holding N messages: the cost per
// mail must not grow with N. Compare each size with stored=0 of the same
// run.
//
//	go test -run '^$' -bench IngestStored -benchtime 20x ./gateway/
func BenchmarkIngestStored(b *testing.B) {
	for _, f := range strings.Split(*benchStored, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil {
			b.Fatalf("-bench-stored: %v", err)
		}
		b.Run(fmt.Sprintf("stored=%d", n), func(b *testing.B) {
			st := openBenchStore(b)
			fillStore(b, st, n, fillClosed, 600)
			gw := benchGateway(b, st)
			rnd := rand.New(rand.NewPCG(2, uint64(n)))
			const batch = 100
			uid, cpu := uint32(n), cpuTime()
			b.ReportAllocs()
			for b.Loop() {
				msgs := make([]gateway.Incoming, batch)
				for j := range msgs {
					uid++
					msgs[j] = gateway.Incoming{Source: gateway.Source{Mailbox: "support", UIDValidity: 1, UID: uid},
						Raw: bytes.NewReader(benchRaw(rnd, int(uid)))}
				}
				out, err := gw.IngestBatch(context.Background(), msgs)
				if err != nil || out[batch-1].Err != nil || out[batch-1].Action != gateway.ActionCreated {
					b.Fatalf("batch: %v %+v", err, out[batch-1])
				}
			}
			msgs := float64(int(uid) - n)
			b.ReportMetric(msgs/b.Elapsed().Seconds(), "msgs/s")
			b.ReportMetric(float64(cpuTime()-cpu)/msgs/1e3, "cpu-µs/msg")
			b.ReportMetric(0, "ns/op")
			b.StopTimer()
			// The first page of the listings, the way 'tickets list' and
			// 'outbox list' ask for it, over everything stored.
			start := time.Now()
			err := st.View(context.Background(), func(tx gateway.ReadTx) error {
				if ts, err := tx.Tickets(context.Background(), gateway.TicketFilter{Limit: 50}); err != nil || len(ts) != 50 {
					return fmt.Errorf("tickets page: %d, %w", len(ts), err)
				}
				if ts, err := tx.Tickets(context.Background(), gateway.TicketFilter{Status: gateway.StatusClosed, Limit: 50}); err != nil || (n > 0 && len(ts) != 50) {
					return fmt.Errorf("closed tickets page: %d, %w", len(ts), err)
				}
				_, err := tx.OutboxList(context.Background(), gateway.OutboxFilter{Limit: 50})
				return err
			})
			if err != nil {
				b.Fatal(err)
			}
			b.ReportMetric(float64(time.Since(start).Microseconds())/3000, "list-page-ms")
			if n == 0 {
				// What a mail costs on disk, checkpointed, with its
				// acknowledgement and agents' notice.
				b.ReportMetric(float64(st.DiskSize(context.Background()))/msgs/1024, "disk-KB/msg")
			}
		})
	}
}

// BenchmarkTick measures one scheduler pass over a queue of tickets that
// wait for a first answer and owe no warning yet: the steady cost serve
// pays every serve.tick, which must not grow with the queue.
//
//	go test -run '^$' -bench Tick ./gateway/
func BenchmarkTick(b *testing.B) {
	st := openBenchStore(b)
	fillStore(b, st, *benchWaiting, fillWaiting, 300)
	gw := benchGateway(b, st)
	b.ReportAllocs()
	cpu, n := cpuTime(), 0
	for b.Loop() {
		if changed, err := gw.Tick(context.Background()); err != nil || changed != 0 {
			b.Fatalf("Tick = %d, %v", changed, err)
		}
		n++
	}
	b.ReportMetric(float64(cpuTime()-cpu)/float64(n)/1e6, "cpu-ms/tick")
}
