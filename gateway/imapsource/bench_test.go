package imapsource_test

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"

	"ticketgate/gateway"
	"ticketgate/gateway/imapsource"
	"ticketgate/gateway/imapsource/imaptest"
	"ticketgate/gateway/store"
)

// countingSink signals each committed ingest.
type countingSink struct {
	*gateway.Gateway
	n    atomic.Int64
	each chan struct{}
}

func (s *countingSink) IngestBatch(ctx context.Context, msgs []gateway.Incoming) ([]gateway.Outcome, error) {
	out, err := s.Gateway.IngestBatch(ctx, msgs)
	for _, o := range out {
		if o.Err == nil {
			s.n.Add(1)
			select {
			case s.each <- struct{}{}:
			default:
			}
		}
	}
	return out, err
}

// benchMail is a typical support mail: a few kilobytes of text.
func benchMail(i int) []byte {
	body := strings.Repeat("The cash register shows an error when closing the day; details follow. ", 40)
	return []byte(fmt.Sprintf("From: Customer %[1]d <c%[1]d@customer.example>\r\nTo: support@helpdesk.example.com\r\n"+
		"Subject: Bench %[1]d\r\nMessage-ID: <bench-%[1]d@customer.example>\r\nDate: Mon, 23 Nov 2026 10:00:00 +0100\r\n"+
		"Content-Type: text/plain; charset=utf-8\r\n\r\n%[2]s\r\n", i, body))
}

// BenchmarkDovecotPipeline measures, against a local Dovecot: (a) raw UID
// FETCH throughput with the bare client, (b) ticketgate's end-to-end
// throughput of the same messages into tickets, their ratio, (c) the
// latency from APPEND to committed ticket under IDLE, and (d) bare
// SQLite inserts of the same bytes in batches of 100. Run it once:
//
//	go test -run '^$' -bench DovecotPipeline -benchtime 1x ./gateway/imapsource/
func BenchmarkDovecotPipeline(b *testing.B) {
	srv := imaptest.NewDovecot(b)
	const n = 2000
	raws := make([][]byte, n)
	for i := range raws {
		raws[i] = benchMail(i)
	}
	for i := 0; i < b.N; i++ {
		user, pass := srv.NewUser(b)
		imaptest.AppendMany(b, srv.Addr(), user, pass, "INBOX", raws)

		// (a) the physical limit: fetch every body, do nothing with it.
		c := imaptest.Dial(b, srv.Addr(), user, pass)
		if _, err := c.Select("INBOX", nil).Wait(); err != nil {
			b.Fatal(err)
		}
		start := time.Now()
		fc := c.Fetch(imap.UIDSet{imap.UIDRange{Start: 1, Stop: 0}}, &imap.FetchOptions{UID: true,
			BodySection: []*imap.FetchItemBodySection{{Peek: true}}})
		got := 0
		for msg := fc.Next(); msg != nil; msg = fc.Next() {
			for item := msg.Next(); item != nil; item = msg.Next() {
				if it, ok := item.(imapclient.FetchItemDataBodySection); ok && it.Literal != nil {
					io.Copy(io.Discard, it.Literal)
					got++
				}
			}
		}
		if err := fc.Close(); err != nil || got != n {
			b.Fatalf("raw fetch: %d messages, %v", got, err)
		}
		raw := time.Since(start)
		c.Logout().Wait()

		// (b) the same messages into tickets, marked seen.
		ctx, cancel := context.WithCancel(context.Background())
		st, err := store.Open(ctx, filepath.Join(b.TempDir(), "bench.db"))
		if err != nil {
			b.Fatal(err)
		}
		gw, err := gateway.New(gateway.Config{Hostname: "helpdesk.example.com", Secret: []byte("0123456789abcdef-bench"),
			Mailboxes: map[string]gateway.Mailbox{"support": {Name: "support", Address: "support@helpdesk.example.com",
				Prefix: "SUP", Priority: 3, Language: "en"}}, DefaultMailbox: "support",
			// Every mail acknowledged, as at a desk that raised the hourly ceiling.
			Mail: gateway.MailPolicy{GlobalRateLimit: 1 << 20}}, st, gateway.SystemClock, nil)
		if err != nil {
			b.Fatal(err)
		}
		sink := &countingSink{Gateway: gw, each: make(chan struct{}, 1)}
		src := imapsource.New(imapsource.Config{Mailbox: "support", Addr: srv.Addr(), Security: imapsource.Plain,
			Username: user, Password: pass, PostAction: imapsource.MarkSeen, BatchSize: 100}, sink, nil)
		// The first run takes unread mail only; all of it is unread.
		start, cpu := time.Now(), cpuTime()
		done := make(chan struct{})
		go func() { src.Run(ctx); close(done) }()
		for sink.n.Load() < n {
			<-sink.each
		}
		for src.Health().State != imapsource.StateIdle {
			time.Sleep(time.Millisecond)
		}
		e2e, e2eCPU := time.Since(start), cpuTime()-cpu

		// (c) APPEND → committed ticket, one at a time, under IDLE.
		const k = 100
		lat := make([]time.Duration, 0, k)
		ac := imaptest.Dial(b, srv.Addr(), user, pass)
		for j := 0; j < k; j++ {
			m := benchMail(n + j)
			t0 := time.Now()
			imaptest.AppendOn(b, ac, "INBOX", m)
			<-sink.each
			lat = append(lat, time.Since(t0))
		}
		ac.Logout().Wait()
		cancel()
		<-done
		st.Close()

		// (d) the storage floor: the same bytes as bare rows, 100 per
		// durable commit, on the same disk and SQLite settings.
		bare := bareSQLite(b, raws)

		slices.Sort(lat)
		rawRate := float64(n) / raw.Seconds()
		e2eRate := float64(n) / e2e.Seconds()
		b.ReportMetric(rawRate, "fetch-msgs/s")
		b.ReportMetric(e2eRate, "ingest-msgs/s")
		b.ReportMetric(e2eRate/rawRate, "ratio")
		b.ReportMetric(float64(e2eCPU.Microseconds())/n, "ingest-cpu-µs/msg")
		b.ReportMetric(float64(n)/bare.Seconds(), "sqlite-rows/s")
		b.ReportMetric(float64(lat[k/2].Microseconds())/1000, "idle-p50-ms")
		b.ReportMetric(float64(lat[k*99/100].Microseconds())/1000, "idle-p99-ms")
	}
}

// cpuTime is this process's user and system time so far (Dovecot's is
// its own): on a shared machine, CPU per mail moves less than wall time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// bareSQLite inserts raws as plain rows, 100 per transaction, with the
// store's durability settings, and returns the time taken.
func bareSQLite(b *testing.B, raws [][]byte) time.Duration {
	b.Helper()
	db, err := sql.Open("sqlite", "file:"+filepath.Join(b.TempDir(), "bare.db")+"?_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)")
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`CREATE TABLE m (id INTEGER PRIMARY KEY, data BLOB NOT NULL)`); err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	for i := 0; i < len(raws); i += 100 {
		tx, err := db.Begin()
		if err != nil {
			b.Fatal(err)
		}
		for _, r := range raws[i:min(i+100, len(raws))] {
			if _, err := tx.Exec(`INSERT INTO m (data) VALUES (?)`, r); err != nil {
				b.Fatal(err)
			}
		}
		if err := tx.Commit(); err != nil {
			b.Fatal(err)
		}
	}
	return time.Since(start)
}
