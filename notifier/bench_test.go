package notifier_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"ticketgate/notifier"
	"ticketgate/notifier/smtpsink"
)

// BenchmarkFlush sends batches of 100 acknowledgements over one
// connection to the in-process SMTP server: the cost of building and
// sending, with the server's work included.
func BenchmarkFlush(b *testing.B) {
	s, err := smtpsink.Start(smtpsink.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	cfg := config(s)
	cfg.Batch = 100
	mails := make([]notifier.Mail, 100)
	for i := range mails {
		m := ack()
		m.MessageID = fmt.Sprintf("SUP-2026-%06d.bench@helpdesk.example.com", i)
		mails[i] = m
	}
	b.ReportAllocs()
	start := time.Now()
	for b.Loop() {
		n := notifier.New(cfg, newOutbox(mails...), time.Now, nil)
		if tried, err := n.Flush(context.Background()); err != nil || tried != 100 {
			b.Fatalf("Flush = %d, %v", tried, err)
		}
	}
	b.ReportMetric(float64(b.N*100)/time.Since(start).Seconds(), "msgs/s")
}
