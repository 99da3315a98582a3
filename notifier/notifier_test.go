package notifier_test

import (
	"bytes"
	"context"
	"crypto/tls"
	"io"
	"mime"
	"strings"
	"sync"
	"testing"
	"time"

	gomail "github.com/emersion/go-message/mail"

	"ticketgate/notifier"
	"ticketgate/notifier/smtpsink"
)

// memOutbox is an outbox in memory, recording what the notifier reports.
type memOutbox struct {
	mu   sync.Mutex
	rows map[int64]*row
	// claims, when set, receives how many mails each Claim returned.
	claims chan int
}

type row struct {
	mail   notifier.Mail
	status string
	next   time.Time
	reason string
	sentAt time.Time
	// claimed is set from Claim until the notifier reports on the mail.
	claimed bool
}

func newOutbox(ms ...notifier.Mail) *memOutbox {
	o := &memOutbox{rows: map[int64]*row{}}
	for i, m := range ms {
		m.ID = int64(i + 1)
		o.rows[m.ID] = &row{mail: m, status: "pending"}
	}
	return o
}

func (o *memOutbox) Claim(_ context.Context, now time.Time, limit int) ([]notifier.Mail, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	var out []notifier.Mail
	for id := int64(1); id <= int64(len(o.rows)) && len(out) < limit; id++ {
		if r := o.rows[id]; r.status == "pending" && !r.next.After(now) && !r.claimed {
			r.claimed = true
			out = append(out, r.mail)
		}
	}
	if o.claims != nil {
		o.claims <- len(out)
	}
	return out, nil
}

func (o *memOutbox) Sent(_ context.Context, id int64, at time.Time) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	r := o.rows[id]
	r.claimed = false
	r.status, r.sentAt = "sent", at
	r.mail.Attempts++
	return nil
}

func (o *memOutbox) Retry(_ context.Context, id int64, at, next time.Time, reason string) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	r := o.rows[id]
	r.claimed = false
	r.next, r.reason = next, reason
	r.mail.Attempts++
	return nil
}

func (o *memOutbox) Dead(_ context.Context, id int64, at time.Time, reason string) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	r := o.rows[id]
	r.claimed = false
	r.status, r.reason = "dead", reason
	r.mail.Attempts++
	return nil
}

func (o *memOutbox) get(id int64) row {
	o.mu.Lock()
	defer o.mu.Unlock()
	return *o.rows[id]
}

// clock is a settable clock.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time      { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) add(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

func startSink(t *testing.T, opt smtpsink.Options) *smtpsink.Sink {
	t.Helper()
	s, err := smtpsink.Start(opt)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func config(s *smtpsink.Sink) notifier.Config {
	return notifier.Config{Host: "127.0.0.1", Port: s.Port(), Security: notifier.Plain, HELO: "helpdesk.example.com",
		Timeout: 5 * time.Second, MinBackoff: time.Minute, MaxBackoff: time.Hour, GiveUpAfter: 72 * time.Hour}
}

var start = time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)

func ack() notifier.Mail {
	return notifier.Mail{
		MessageID: "SUP-2026-000001.abc.def@helpdesk.example.com", Date: start,
		From:          notifier.Address{Name: "Example Support", Address: "support@helpdesk.example.com"},
		EnvelopeFrom:  "support@helpdesk.example.com",
		To:            []notifier.Address{{Name: "Élodie Durand", Address: "elodie@customer.example"}},
		ReplyTo:       "support@helpdesk.example.com",
		Subject:       "[SUP-2026-000001] Nous avons bien reçu votre demande",
		InReplyTo:     "orig-2@customer.example",
		References:    []string{"orig-1@customer.example", "orig-2@customer.example"},
		AutoSubmitted: notifier.AutoReplied,
		Text:          "Bonjour,\n\nVotre demande porte la référence SUP-2026-000001.\n",
		HTML:          "<p>Bonjour,</p>",
		Created:       start,
	}
}

func TestSendSetsHeaders(t *testing.T) {
	s := startSink(t, smtpsink.Options{})
	relay := ack()
	relay.MessageID, relay.AutoSubmitted, relay.References = "SUP-2026-000001.x.y@helpdesk.example.com", "", nil
	relay.Attachments = []notifier.Attachment{{Filename: "journal d'erreurs.log", ContentType: "text/plain", Data: []byte("E42 paper jam\n")}}
	box := newOutbox(ack(), relay)
	c := &clock{t: start}
	n := notifier.New(config(s), box, c.now, nil)
	if tried, err := n.Flush(context.Background()); err != nil || tried != 2 {
		t.Fatalf("Flush = %d, %v", tried, err)
	}
	msgs := s.Messages()
	if len(msgs) != 2 {
		t.Fatalf("%d messages received, want 2", len(msgs))
	}
	m := msgs[0]
	if m.From != "support@helpdesk.example.com" || len(m.To) != 1 || m.To[0] != "elodie@customer.example" {
		t.Errorf("envelope %q → %v", m.From, m.To)
	}
	h := m.Header
	dec := new(mime.WordDecoder)
	subject, _ := dec.DecodeHeader(h.Get("Subject"))
	checks := map[string]string{
		"Message-Id":               "<SUP-2026-000001.abc.def@helpdesk.example.com>",
		"In-Reply-To":              "<orig-2@customer.example>",
		"References":               "<orig-1@customer.example> <orig-2@customer.example>",
		"Auto-Submitted":           "auto-replied",
		"X-Auto-Response-Suppress": "All",
		"Reply-To":                 "<support@helpdesk.example.com>",
	}
	for k, want := range checks {
		if got := h.Get(k); got != want {
			t.Errorf("%s = %q, want %q", k, got, want)
		}
	}
	if subject != ack().Subject {
		t.Errorf("Subject = %q", subject)
	}
	if from := h.Get("From"); !strings.Contains(from, "Example Support") || !strings.Contains(from, "<support@helpdesk.example.com>") {
		t.Errorf("From = %q", from)
	}
	if d, err := h.Date(); err != nil || !d.Equal(start) {
		t.Errorf("Date = %v, %v", d, err)
	}
	if !strings.Contains(string(m.Data), "multipart/alternative") {
		t.Error("text and HTML are not sent as alternatives")
	}
	// A person's reply relayed is not automatic mail.
	if v := msgs[1].Header.Get("Auto-Submitted"); v != "" {
		t.Errorf("relayed reply carries Auto-Submitted: %q", v)
	}
	if name, data := firstAttachment(t, msgs[1].Data); name != "journal d'erreurs.log" || data != "E42 paper jam\n" {
		t.Errorf("relayed attachment = %q %q", name, data)
	}
	for id := int64(1); id <= 2; id++ {
		if r := box.get(id); r.status != "sent" || !r.sentAt.Equal(start) {
			t.Errorf("row %d: %+v", id, r)
		}
	}
	// Nothing is due any more: nothing is sent twice.
	if tried, _ := n.Flush(context.Background()); tried != 0 || len(s.Messages()) != 2 {
		t.Errorf("second flush tried %d, server has %d", tried, len(s.Messages()))
	}
}

func TestLineBreakInHeaderIsNeverSent(t *testing.T) {
	s := startSink(t, smtpsink.Options{})
	for _, mod := range []func(*notifier.Mail){
		func(m *notifier.Mail) { m.Subject = "Hello\r\nBcc: victim@example.com" },
		func(m *notifier.Mail) { m.To[0].Name = "Jane\nX-Injected: yes" },
		func(m *notifier.Mail) { m.References = []string{"a@b\r\nX: y"} },
	} {
		m := ack()
		m.To = append([]notifier.Address(nil), m.To...)
		mod(&m)
		box := newOutbox(m)
		n := notifier.New(config(s), box, (&clock{t: start}).now, nil)
		if _, err := n.Flush(context.Background()); err != nil {
			t.Fatal(err)
		}
		if r := box.get(1); r.status != "dead" || !strings.Contains(r.reason, "line break") {
			t.Errorf("row after a header with a line break: %+v", r)
		}
	}
	if n := len(s.Messages()); n != 0 {
		t.Errorf("%d messages with a line break in a header reached the server", n)
	}
}

func TestPermanentFailureIsDeadLetter(t *testing.T) {
	s := startSink(t, smtpsink.Options{})
	s.Fail(smtpsink.StageRcpt, 550, "no such user")
	box := newOutbox(ack())
	n := notifier.New(config(s), box, (&clock{t: start}).now, nil)
	if _, err := n.Flush(context.Background()); err != nil {
		t.Fatal(err)
	}
	if r := box.get(1); r.status != "dead" || !strings.Contains(r.reason, "550") {
		t.Errorf("row after 550: %+v", r)
	}
}

func TestTemporaryFailureRetriesWithBackoff(t *testing.T) {
	s := startSink(t, smtpsink.Options{})
	s.Fail(smtpsink.StageData, 451, "try later")
	box := newOutbox(ack())
	c := &clock{t: start}
	n := notifier.New(config(s), box, c.now, nil)
	var waits []time.Duration
	for i := range 8 {
		if _, err := n.Flush(context.Background()); err != nil {
			t.Fatal(err)
		}
		r := box.get(1)
		if r.status != "pending" || r.mail.Attempts != i+1 || !strings.Contains(r.reason, "451") {
			t.Fatalf("attempt %d: %+v", i+1, r)
		}
		waits = append(waits, r.next.Sub(c.now()))
		// Not due yet: a flush now sends nothing.
		if tried, _ := n.Flush(context.Background()); tried != 0 {
			t.Fatalf("attempt %d retried before its time", i+1)
		}
		c.t = r.next
	}
	for i, w := range waits {
		if w <= 0 || w > time.Hour {
			t.Errorf("wait %d = %s, want within (0, 1h]", i, w)
		}
		if i > 0 && w < waits[i-1]/2 {
			t.Errorf("wait %d = %s shrank from %s", i, w, waits[i-1])
		}
	}
	if waits[len(waits)-1] < 45*time.Minute {
		t.Errorf("waits %v never approach the 1h cap", waits)
	}
	s.Fail(smtpsink.StageData, 0, "")
	if _, err := n.Flush(context.Background()); err != nil {
		t.Fatal(err)
	}
	if r := box.get(1); r.status != "sent" || len(s.Messages()) != 1 {
		t.Errorf("after the server recovered: %+v, %d received", r, len(s.Messages()))
	}
}

func TestGiveUpAfterTheLimit(t *testing.T) {
	s := startSink(t, smtpsink.Options{})
	s.Fail(smtpsink.StageMail, 421, "closing")
	box := newOutbox(ack())
	c := &clock{t: start.Add(73 * time.Hour)}
	n := notifier.New(config(s), box, c.now, nil)
	if _, err := n.Flush(context.Background()); err != nil {
		t.Fatal(err)
	}
	if r := box.get(1); r.status != "dead" || !strings.Contains(r.reason, "gave up") {
		t.Errorf("row failing past the limit: %+v", r)
	}
}

func TestServerDownThenBack(t *testing.T) {
	s := startSink(t, smtpsink.Options{Username: "relay", Password: "relay-secret"})
	cfg := config(s)
	cfg.Username, cfg.Password, cfg.AuthPlain = "relay", "relay-secret", true
	box := newOutbox(ack(), ack(), ack())
	for i := int64(1); i <= 3; i++ {
		box.rows[i].mail.MessageID = strings.Replace(box.rows[i].mail.MessageID, "abc", "abc"+string(rune('0'+i)), 1)
	}
	c := &clock{t: start}
	n := notifier.New(cfg, box, c.now, nil)
	s.Stop()
	if _, err := n.Flush(context.Background()); err != nil {
		t.Fatal(err)
	}
	for i := int64(1); i <= 3; i++ {
		if r := box.get(i); r.status != "pending" || r.mail.Attempts != 1 || r.reason == "" {
			t.Errorf("row %d while the server is down: %+v", i, r)
		}
	}
	if err := s.Restart(); err != nil {
		t.Fatal(err)
	}
	c.add(2 * time.Hour)
	if _, err := n.Flush(context.Background()); err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	for _, m := range s.Messages() {
		got[m.Header.Get("Message-Id")]++
	}
	if len(got) != 3 {
		t.Errorf("received %v, want 3 distinct mails once each", got)
	}
	for id, k := range got {
		if k != 1 {
			t.Errorf("%s received %d times", id, k)
		}
	}
}

func TestRunWakesOnDemand(t *testing.T) {
	s := startSink(t, smtpsink.Options{})
	box := newOutbox()
	cfg := config(s)
	cfg.Poll = time.Hour // only Wake can make it look again
	box.claims = make(chan int, 1)
	n := notifier.New(cfg, box, time.Now, nil)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- n.Run(ctx) }()
	// Run looks once at the start and finds nothing; after that only Wake
	// makes it look again before the hour is up.
	if got := <-box.claims; got != 0 {
		t.Fatalf("first look claimed %d mails of an empty outbox", got)
	}
	m := ack()
	m.ID = 1
	box.mu.Lock()
	box.rows[1] = &row{mail: m, status: "pending"}
	box.mu.Unlock()
	n.Wake()
	if got := <-box.claims; got != 1 {
		t.Fatalf("the look after Wake claimed %d mails, want 1", got)
	}
	select {
	case <-s.Received():
	case <-time.After(10 * time.Second):
		t.Fatal("Wake did not make the notifier send")
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("Run: %v", err)
	}
}

func TestProbe(t *testing.T) {
	s := startSink(t, smtpsink.Options{Username: "relay", Password: "right"})
	cfg := config(s)
	cfg.Username, cfg.Password, cfg.AuthPlain = "relay", "right", true
	if err := notifier.Probe(context.Background(), cfg); err != nil {
		t.Errorf("probe with the right password: %v", err)
	}
	cfg.Password = "wrong"
	if err := notifier.Probe(context.Background(), cfg); err == nil {
		t.Error("probe with a wrong password succeeded")
	}
	s.Stop()
	if err := notifier.Probe(context.Background(), config(s)); err == nil || !strings.Contains(err.Error(), "connect to") {
		t.Errorf("probe of a stopped server: %v", err)
	}
}

// STARTTLS and implicit TLS with a verified certificate; a server without
// STARTTLS is refused rather than spoken to in clear.
func TestTLS(t *testing.T) {
	for _, c := range []struct {
		name     string
		opt      smtpsink.Options
		security notifier.Security
	}{
		{"starttls", smtpsink.Options{TLS: true, Username: "relay", Password: "pw"}, notifier.StartTLS},
		{"implicit", smtpsink.Options{Implicit: true, Username: "relay", Password: "pw"}, notifier.TLS},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := startSink(t, c.opt)
			cfg := config(s)
			cfg.Security, cfg.Username, cfg.Password, cfg.AuthPlain = c.security, "relay", "pw", true
			cfg.TLSConfig = &tls.Config{RootCAs: s.RootCAs(), ServerName: "127.0.0.1"}
			box := newOutbox(ack())
			if _, err := notifier.New(cfg, box, (&clock{t: start}).now, nil).Flush(context.Background()); err != nil {
				t.Fatal(err)
			}
			if r := box.get(1); r.status != "sent" || len(s.Messages()) != 1 {
				t.Errorf("over %s: %+v", c.name, r)
			}
			// An untrusted certificate is refused.
			cfg.TLSConfig = &tls.Config{ServerName: "127.0.0.1"}
			if err := notifier.Probe(context.Background(), cfg); err == nil {
				t.Error("a certificate from no trusted authority was accepted")
			}
		})
	}
	plain := startSink(t, smtpsink.Options{})
	cfg := config(plain)
	cfg.Security = notifier.StartTLS
	if err := notifier.Probe(context.Background(), cfg); err == nil {
		t.Error("starttls required, yet a server without STARTTLS was accepted")
	}
}

// firstAttachment reads the first attachment of a raw message.
func firstAttachment(t *testing.T, raw []byte) (name, data string) {
	t.Helper()
	r, err := gomail.CreateReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	for {
		p, err := r.NextPart()
		if err != nil {
			return "", ""
		}
		if h, ok := p.Header.(*gomail.AttachmentHeader); ok {
			name, _ = h.Filename()
			b, _ := io.ReadAll(p.Body)
			return name, string(b)
		}
	}
}
