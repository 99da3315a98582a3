package notifier

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/wneessen/go-mail"
)

// Security is how the connection to the SMTP server is protected.
type Security string

// Connection security.
const (
	TLS      Security = "tls"      // implicit TLS (port 465)
	StartTLS Security = "starttls" // STARTTLS required (port 587)
	// Plain sends in clear text: only for a relay on the loopback or a
	// private network.
	Plain Security = "plain"
)

// Config is how to reach the SMTP server and how hard to try. A field
// left at zero takes its value from DefaultConfig (Port: DefaultPort).
type Config struct {
	Host     string
	Port     int
	Security Security
	Username string
	Password string
	// AuthPlain selects AUTH PLAIN; LOGIN otherwise. No authentication
	// without a username.
	AuthPlain bool
	// HELO is our name in the greeting.
	HELO      string
	TLSConfig *tls.Config
	Timeout   time.Duration // per connection and command
	// Poll is how often the outbox is read when nothing wakes the
	// notifier.
	Poll time.Duration
	// Retries back off from MinBackoff, doubling, up to MaxBackoff; after
	// GiveUpAfter a mail that still fails becomes a dead letter.
	MinBackoff, MaxBackoff, GiveUpAfter time.Duration
	// Batch is the most mails sent over one connection.
	Batch int
	// Observe, when set, hears what became of every mail handled, for
	// monitoring; it must not block.
	Observe func(Outcome)
}

// Outcome is what became of one attempt to deliver a mail.
type Outcome string

// Outcomes of an attempt.
const (
	OutcomeSent  Outcome = "sent"  // the server accepted it
	OutcomeRetry Outcome = "retry" // a temporary failure: tried again later
	OutcomeDead  Outcome = "dead"  // refused for good, or given up on
)

func (n *Notifier) observe(o Outcome) {
	if n.cfg.Observe != nil {
		n.cfg.Observe(o)
	}
}

// DefaultConfig holds the value each zero field of a Config takes; the
// configuration file copies its SMTP defaults from here.
func DefaultConfig() Config {
	return Config{
		Security:    StartTLS,
		Timeout:     30 * time.Second,
		Poll:        5 * time.Second,
		MinBackoff:  time.Minute,
		MaxBackoff:  time.Hour,
		GiveUpAfter: 72 * time.Hour,
		Batch:       50,
	}
}

// DefaultPort is the submission port of a connection security: 465 for
// implicit TLS (RFC 8314 §7.3), 587 for STARTTLS (RFC 6409), 25 for a
// plain relay.
func DefaultPort(s Security) int {
	switch s {
	case TLS:
		return 465
	case Plain:
		return 25
	}
	return 587
}

func (c *Config) defaults() {
	d := DefaultConfig()
	if c.Timeout <= 0 {
		c.Timeout = d.Timeout
	}
	if c.Poll <= 0 {
		c.Poll = d.Poll
	}
	if c.MinBackoff <= 0 {
		c.MinBackoff = d.MinBackoff
	}
	if c.MaxBackoff <= 0 {
		c.MaxBackoff = d.MaxBackoff
	}
	if c.GiveUpAfter <= 0 {
		c.GiveUpAfter = d.GiveUpAfter
	}
	if c.Batch <= 0 {
		c.Batch = d.Batch
	}
	if c.Security == "" {
		c.Security = d.Security
	}
	if c.Port == 0 {
		c.Port = DefaultPort(c.Security)
	}
}

// Notifier delivers the outbox.
type Notifier struct {
	cfg   Config
	box   Outbox
	now   func() time.Time
	log   *slog.Logger
	wake  chan struct{}
	build func(Mail) (*mail.Msg, error)
}

// New returns a notifier for the outbox. now is the clock.
func New(cfg Config, box Outbox, now func() time.Time, log *slog.Logger) *Notifier {
	cfg.defaults()
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if now == nil {
		now = time.Now
	}
	return &Notifier{cfg: cfg, box: box, now: now, log: log, wake: make(chan struct{}, 1), build: Build}
}

// Wake makes the notifier read the outbox now. It never blocks.
func (n *Notifier) Wake() {
	select {
	case n.wake <- struct{}{}:
	default:
	}
}

// Run delivers until ctx ends. Failures are recorded on the rows, never
// returned: only ctx ends Run.
func (n *Notifier) Run(ctx context.Context) error {
	t := time.NewTimer(0)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-n.wake:
		case <-t.C:
		}
		for ctx.Err() == nil {
			sent, err := n.Flush(ctx)
			if err != nil {
				n.log.Error("deliver outbox", "err", err)
				break
			}
			if sent < n.cfg.Batch {
				break
			}
		}
		t.Reset(n.cfg.Poll)
	}
}

// Flush makes one pass over the due mail: one connection, each mail
// sent and its fate recorded. It returns how many mails it tried.
func (n *Notifier) Flush(ctx context.Context) (int, error) {
	due, err := n.box.Claim(ctx, n.now().UTC(), n.cfg.Batch)
	if err != nil || len(due) == 0 {
		return 0, err
	}
	var ready []Mail
	for _, m := range due {
		if err := Check(m); err != nil {
			// Rendering let through what must never be sent.
			if derr := n.box.Dead(ctx, m.ID, n.now().UTC(), err.Error()); derr != nil {
				return 0, derr
			}
			n.observe(OutcomeDead)
			continue
		}
		ready = append(ready, m)
	}
	if len(ready) == 0 {
		return len(due), nil
	}
	c, err := n.client()
	if err == nil {
		err = c.DialWithContext(ctx)
	}
	if err != nil {
		// Nothing reached the server: every mail waits for the next try.
		for _, m := range ready {
			if ferr := n.failed(ctx, m, fmt.Errorf("connect to %s:%d: %w", n.cfg.Host, n.cfg.Port, err)); ferr != nil {
				return 0, ferr
			}
		}
		return len(due), nil
	}
	defer c.Close()
	for _, m := range ready {
		if ctx.Err() != nil {
			break
		}
		msg, err := n.build(m)
		if err == nil {
			err = c.Send(msg)
		}
		if err != nil {
			if ferr := n.failed(ctx, m, err); ferr != nil {
				return 0, ferr
			}
			continue
		}
		// A crash right here re-sends this mail on restart, with the same
		// Message-ID: at least once, never a different mail.
		if err := n.box.Sent(context.WithoutCancel(ctx), m.ID, n.now().UTC()); err != nil {
			return 0, err
		}
		n.observe(OutcomeSent)
		n.log.Info("mail sent", "outbox_id", m.ID, "message_id", m.MessageID, "to", m.To[0].Address)
	}
	return len(due), nil
}

// failed records a failure: a permanent one, or one that has lasted past
// GiveUpAfter, makes a dead letter; others retry with back-off.
func (n *Notifier) failed(ctx context.Context, m Mail, err error) error {
	ctx = context.WithoutCancel(ctx)
	now := n.now().UTC()
	reason := err.Error()
	if Permanent(err) {
		n.log.Error("mail refused", "outbox_id", m.ID, "message_id", m.MessageID, "err", reason)
		n.observe(OutcomeDead)
		return n.box.Dead(ctx, m.ID, now, reason)
	}
	if !m.Created.IsZero() && now.Sub(m.Created) >= n.cfg.GiveUpAfter {
		n.observe(OutcomeDead)
		return n.box.Dead(ctx, m.ID, now, fmt.Sprintf("gave up after %d attempts over %s: %s", m.Attempts+1, n.cfg.GiveUpAfter, reason))
	}
	next := now.Add(n.backoff(m.Attempts))
	n.log.Warn("mail not sent; will retry", "outbox_id", m.ID, "message_id", m.MessageID, "attempt", m.Attempts+1,
		"next", next, "err", reason)
	n.observe(OutcomeRetry)
	return n.box.Retry(ctx, m.ID, now, next, reason)
}

// backoff is the wait after the given number of earlier attempts:
// doubling, capped, with jitter so that mail held back by one outage does
// not all return in the same second.
func (n *Notifier) backoff(attempts int) time.Duration {
	d := n.cfg.MinBackoff
	for i := 0; i < attempts && d < n.cfg.MaxBackoff; i++ {
		d *= 2
	}
	d = min(d, n.cfg.MaxBackoff)
	return d - time.Duration(rand.Int64N(int64(d)/4+1))
}

// Permanent reports whether an SMTP failure is final: the server said 5xx
// (RFC 5321 §4.2.1), or the mail itself cannot be sent. Dropped
// connections and 4xx are temporary.
func Permanent(err error) bool {
	var se *mail.SendError
	if errors.As(err, &se) {
		if c := se.ErrorCode(); c >= 500 && c < 600 {
			return true
		}
		return se.Reason == mail.ErrGetSender || se.Reason == mail.ErrGetRcpts || se.Reason == mail.ErrNoUnencoded
	}
	return errors.Is(err, ErrBadHeader)
}

func (n *Notifier) client() (*mail.Client, error) {
	opts := []mail.Option{mail.WithPort(n.cfg.Port), mail.WithTimeout(n.cfg.Timeout)}
	if n.cfg.HELO != "" {
		opts = append(opts, mail.WithHELO(n.cfg.HELO))
	}
	if n.cfg.TLSConfig != nil {
		opts = append(opts, mail.WithTLSConfig(n.cfg.TLSConfig))
	}
	switch n.cfg.Security {
	case TLS:
		opts = append(opts, mail.WithSSL())
	case StartTLS:
		opts = append(opts, mail.WithTLSPolicy(mail.TLSMandatory))
	case Plain:
		// go-mail requires TLS unless told otherwise.
		opts = append(opts, mail.WithTLSPolicy(mail.NoTLS))
	default:
		return nil, fmt.Errorf("unknown SMTP security %q", n.cfg.Security)
	}
	if n.cfg.Username != "" {
		auth := mail.SMTPAuthLogin
		if n.cfg.AuthPlain {
			auth = mail.SMTPAuthPlain
		}
		opts = append(opts, mail.WithSMTPAuth(auth), mail.WithUsername(n.cfg.Username), mail.WithPassword(n.cfg.Password))
	}
	c, err := mail.NewClient(n.cfg.Host, opts...)
	if err != nil {
		return nil, fmt.Errorf("SMTP client for %s: %w", n.cfg.Host, err)
	}
	return c, nil
}

// ErrBadHeader marks a mail whose header fields would carry a line break
// or nothing at all: never sent.
var ErrBadHeader = errors.New("invalid header field")

// Check refuses a mail whose header fields hold CR or LF (header
// injection) or that has no recipient.
func Check(m Mail) error {
	if len(m.To) == 0 {
		return fmt.Errorf("%w: no recipient", ErrBadHeader)
	}
	fields := map[string]string{"Subject": m.Subject, "Message-ID": m.MessageID, "From": m.From.Name + m.From.Address,
		"Reply-To": m.ReplyTo, "In-Reply-To": m.InReplyTo, "envelope sender": m.EnvelopeFrom,
		"References": strings.Join(m.References, " "), "Auto-Submitted": m.AutoSubmitted}
	for i, a := range m.To {
		fields[fmt.Sprintf("To[%d]", i)] = a.Name + a.Address
	}
	for i, a := range m.Attachments {
		fields[fmt.Sprintf("attachment %d", i)] = a.Filename + a.ContentType
	}
	for name, v := range fields {
		if strings.ContainsAny(v, "\r\n") {
			return fmt.Errorf("%w: %s holds a line break", ErrBadHeader, name)
		}
	}
	if m.MessageID == "" {
		return fmt.Errorf("%w: no Message-ID", ErrBadHeader)
	}
	return nil
}

// Build turns a mail into a go-mail message.
func Build(m Mail) (*mail.Msg, error) {
	if err := Check(m); err != nil {
		return nil, err
	}
	msg := mail.NewMsg(mail.WithNoDefaultUserAgent())
	if err := msg.FromFormat(m.From.Name, m.From.Address); err != nil {
		return nil, fmt.Errorf("%w: From: %v", ErrBadHeader, err)
	}
	env := m.EnvelopeFrom
	if env == "" {
		env = m.From.Address
	}
	if err := msg.EnvelopeFrom(env); err != nil {
		return nil, fmt.Errorf("%w: envelope sender: %v", ErrBadHeader, err)
	}
	for _, a := range m.To {
		if err := msg.AddToFormat(a.Name, a.Address); err != nil {
			return nil, fmt.Errorf("%w: To: %v", ErrBadHeader, err)
		}
	}
	if m.ReplyTo != "" {
		if err := msg.ReplyTo(m.ReplyTo); err != nil {
			return nil, fmt.Errorf("%w: Reply-To: %v", ErrBadHeader, err)
		}
	}
	msg.Subject(m.Subject)
	msg.SetMessageIDWithValue(m.MessageID)
	msg.SetDateWithValue(m.Date)
	if m.InReplyTo != "" {
		msg.SetGenHeaderPreformatted(mail.HeaderInReplyTo, "<"+m.InReplyTo+">")
	}
	if len(m.References) > 0 {
		// One value, IDs separated by spaces (RFC 5322 §3.6.4): given
		// several values go-mail joins them with commas.
		ids := make([]string, len(m.References))
		for i, id := range m.References {
			ids[i] = "<" + id + ">"
		}
		msg.SetGenHeaderPreformatted(mail.HeaderReferences, strings.Join(ids, " "))
	}
	if m.AutoSubmitted != "" {
		msg.SetGenHeader("Auto-Submitted", m.AutoSubmitted)
	}
	// Asks Exchange and others not to send their auto-replies back.
	msg.SetGenHeader("X-Auto-Response-Suppress", "All")
	msg.SetBodyString(mail.TypeTextPlain, m.Text)
	if m.HTML != "" {
		msg.AddAlternativeString(mail.TypeTextHTML, m.HTML)
	}
	for i, a := range m.Attachments {
		name := a.Filename
		if name == "" {
			name = fmt.Sprintf("attachment-%d", i+1)
		}
		ct := a.ContentType
		if ct == "" {
			ct = "application/octet-stream"
		}
		if err := msg.AttachReader(name, bytes.NewReader(a.Data), mail.WithFileContentType(mail.ContentType(ct))); err != nil {
			return nil, fmt.Errorf("attach %s: %w", name, err)
		}
	}
	return msg, nil
}

// Probe connects to the SMTP server, negotiates TLS and authenticates as
// the notifier would, then hangs up: 'ticketgate check' uses it.
func Probe(ctx context.Context, cfg Config) error {
	cfg.defaults()
	n := &Notifier{cfg: cfg}
	c, err := n.client()
	if err != nil {
		return err
	}
	if err := c.DialWithContext(ctx); err != nil {
		return fmt.Errorf("connect to %s:%d: %w", cfg.Host, cfg.Port, err)
	}
	return c.Close()
}
