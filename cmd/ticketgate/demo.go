package main

import (
	"bytes"
	"context"
	"embed"
	"fmt"
	"io"
	"log"
	"net"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapserver"
	"github.com/emersion/go-imap/v2/imapserver/imapmemserver"

	"ticketgate/gateway"
	"ticketgate/notifier/smtpsink"
	"ticketgate/parser"
)

//go:embed demo/*.eml
var demoMail embed.FS

// The demo's mailboxes: one IMAP user each on the in-process server.
var demoBoxes = []struct{ name, address, prefix, password string }{
	{"support", "support@helpdesk.example.com", "SUP", "demo-support"},
	{"oncall", "oncall@helpdesk.example.com", "OC", "demo-oncall"},
}

const demoAgent = "agents@helpdesk.example.com"

// runDemo runs the whole gateway offline: an in-memory IMAP server holding
// the support mailboxes, an SMTP server that delivers mail for them into
// IMAP and captures everything else (what ticketgate sends), a fresh
// database, and sample customer mail.
func runDemo(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "demo", "demo [--dir DIR] [--once]")
	dir := fs.String("dir", "", "keep the configuration and database here (default: a new temporary directory)")
	once := fs.Bool("once", false, "stop once the sample mail is answered, instead of running until interrupted")
	verbose := fs.Bool("v", false, "log what the gateway does")
	if _, err := parseArgs(fs, args); err != nil {
		return err
	}
	keep := *dir != ""
	if !keep {
		d, err := os.MkdirTemp("", "ticketgate-demo-")
		if err != nil {
			return fmt.Errorf("demo: %w", err)
		}
		*dir = d
		// Registered first, so it runs last: after the database closed.
		defer os.RemoveAll(d)
	} else if err := os.MkdirAll(*dir, 0o700); err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	mem := imapmemserver.New()
	users := map[string]*imapmemserver.User{}
	for _, b := range demoBoxes {
		u := imapmemserver.NewUser(b.name, b.password)
		if err := u.Create("INBOX", nil); err != nil {
			return fmt.Errorf("demo: %w", err)
		}
		mem.AddUser(u)
		users[b.address] = u
	}
	imapLn, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return fmt.Errorf("demo: IMAP listener: %w", err)
	}
	imapSrv := imapserver.New(&imapserver.Options{
		NewSession: func(*imapserver.Conn) (imapserver.Session, *imapserver.GreetingData, error) {
			return mem.NewSession(), nil, nil
		},
		Caps:         imap.CapSet{imap.CapIMAP4rev1: {}, imap.CapMove: {}, imap.CapUIDPlus: {}},
		InsecureAuth: true,
		Logger:       log.New(io.Discard, "", 0),
	})
	imapDone := make(chan struct{})
	go func() {
		defer close(imapDone)
		_ = imapSrv.Serve(imapLn)
	}()
	defer func() {
		imapSrv.Close()
		<-imapDone
	}()

	// Mail for our addresses lands in their IMAP inbox, as an MTA would
	// deliver it; the rest is what ticketgate sends, kept and printed.
	deliver := func(m smtpsink.Message) error {
		for _, rcpt := range m.To {
			if u := users[strings.ToLower(rcpt)]; u != nil {
				if _, err := u.Append("INBOX", bytes.NewReader(m.Data), &imap.AppendOptions{Time: time.Now()}); err != nil {
					return err
				}
			}
		}
		return nil
	}
	sink, err := smtpsink.Start(smtpsink.Options{Deliver: deliver})
	if err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	defer sink.Close()

	cfgPath := filepath.Join(*dir, "ticketgate.toml")
	if err := os.WriteFile(cfgPath, []byte(demoConfig(imapLn.Addr().(*net.TCPAddr).Port, sink.Port())), 0o600); err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	quiet := *e
	if !*verbose {
		quiet.stderr = io.Discard
	}
	a, err := openApp(ctx, &quiet, cfgPath)
	if err != nil {
		return err
	}
	defer a.Close()

	w := &demoPrinter{out: e.stdout}
	w.printf("ticketgate demo — everything runs in this process, on loopback.\n\n")
	w.printf("  directory  %s (configuration and database)\n", *dir)
	w.printf("  IMAP       127.0.0.1:%d", imapLn.Addr().(*net.TCPAddr).Port)
	for _, b := range demoBoxes {
		w.printf("  user %s / %s", b.name, b.password)
	}
	w.printf("\n  SMTP       127.0.0.1:%d, no authentication: mail to %s or %s becomes a ticket;\n", sink.Port(), demoBoxes[0].address, demoBoxes[1].address)
	w.printf("             what ticketgate sends is captured and printed here\n")
	// The full path: the binary is often not on $PATH yet (bin/ticketgate).
	self, err := os.Executable()
	if err != nil {
		self = "ticketgate"
	}
	w.printf("\nTry, while it runs: %s tickets list --config %s\n", self, cfgPath)
	if !keep {
		w.printf("The directory is removed on exit; --dir DIR keeps it.\n")
	}
	w.printf("\n")

	var tickets sync.Map // reference → true, for --once
	obs := &demoSink{Gateway: a.gw, print: func(res gateway.Result) {
		switch res.Action {
		case gateway.ActionCreated:
			tickets.Store(res.Ticket, true)
			w.ticket(ctx, a, res)
		case gateway.ActionAppended:
			w.printf("← message added to %s (%s)\n", res.Ticket, res.How)
		case gateway.ActionRecorded:
			w.printf("← message recorded without a ticket: %s\n", res.How)
		}
	}}

	done := make(chan error, 1)
	go func() { done <- a.serve(ctx, obs) }()
	printed := make(chan struct{})
	go func() {
		defer close(printed)
		w.outgoing(ctx, sink)
	}()
	defer func() { cancel(); <-printed }()

	names, _ := demoMail.ReadDir("demo")
	sort.Slice(names, func(i, j int) bool { return names[i].Name() < names[j].Name() })
	for _, n := range names {
		raw, err := demoMail.ReadFile("demo/" + n.Name())
		if err != nil {
			return fmt.Errorf("demo: %w", err)
		}
		m, err := parser.Parse(raw)
		if err != nil {
			return fmt.Errorf("demo: sample %s: %w", n.Name(), err)
		}
		var to []string
		for _, a := range m.To {
			to = append(to, a.Address)
		}
		if err := deliver(smtpsink.Message{To: to, Data: raw}); err != nil {
			return fmt.Errorf("demo: load %s: %w", n.Name(), err)
		}
	}

	if *once {
		// Every sample human mail has a ticket and nothing waits to be sent.
		deadline := time.After(2 * time.Minute)
		for {
			n := 0
			tickets.Range(func(any, any) bool { n++; return true })
			pending, err := a.gw.OutboxList(ctx, gateway.OutboxFilter{Status: gateway.OutboxPending})
			if err != nil {
				return err
			}
			if n >= len(names)-1 && len(pending) == 0 {
				break
			}
			select {
			case <-deadline:
				return fmt.Errorf("demo: the sample mail was not answered within 2 minutes (%d tickets, %d mails pending)", n, len(pending))
			case err := <-done:
				return err
			case <-time.After(200 * time.Millisecond):
			}
		}
		cancel()
		<-done
		// The printer stops with ctx; what it had not printed yet is
		// printed here, once it has.
		<-printed
		w.printNew(sink)
		w.printf("\ndemo finished: %d outgoing mails captured\n", w.count())
		return nil
	}
	w.printf("Running; Ctrl-C stops.\n\n")
	return <-done
}

func demoConfig(imapPort, smtpPort int) string {
	var b strings.Builder
	fmt.Fprintf(&b, `# Written by 'ticketgate demo'.
secret = "demo-secret-only-for-the-offline-demo"
hostname = "helpdesk.example.com"
database = "ticketgate.db"

[mail]
agents = [%q]

[smtp]
host = "127.0.0.1"
port = %d
security = "plain"
min_backoff = "1s"
max_backoff = "10s"
give_up_after = "1h"
`, demoAgent, smtpPort)
	for _, mb := range demoBoxes {
		lang, sla := "fr", "standard"
		if mb.name == "oncall" {
			lang, sla = "en", "oncall"
		}
		fmt.Fprintf(&b, `
[mailboxes.%[1]s]
address = %[2]q
display_name = "Example Helpdesk"
prefix = %[3]q
language = %[4]q
sla = %[5]q
priority = "%[6]s"

[mailboxes.%[1]s.imap]
host = "127.0.0.1"
port = %[7]d
security = "plain"
username = %[1]q
password = %[8]q
idle_refresh = "10s"
`, mb.name, mb.address, mb.prefix, lang, sla, map[bool]string{true: "P1", false: "P3"}[mb.name == "oncall"], imapPort, mb.password)
	}
	return b.String()
}

// demoSink reports each ingest to the printer.
type demoSink struct {
	*gateway.Gateway
	print func(gateway.Result)
}

func (s *demoSink) IngestBatch(ctx context.Context, msgs []gateway.Incoming) ([]gateway.Outcome, error) {
	out, err := s.Gateway.IngestBatch(ctx, msgs)
	for _, o := range out {
		if o.Err == nil {
			s.print(o.Result)
		}
	}
	return out, err
}

// demoPrinter writes the demo's story, one block at a time.
type demoPrinter struct {
	mu   sync.Mutex
	out  io.Writer
	sent int
	seen int // captured mails looked at
}

func (w *demoPrinter) printf(format string, args ...any) {
	w.mu.Lock()
	defer w.mu.Unlock()
	fmt.Fprintf(w.out, format, args...)
}

func (w *demoPrinter) count() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.sent
}

func (w *demoPrinter) ticket(ctx context.Context, a *app, res gateway.Result) {
	t, err := a.gw.Ticket(ctx, res.Ticket)
	if err != nil {
		w.printf("← ticket %s: %v\n", res.Ticket, err)
		return
	}
	due := "no response target"
	if t.ResponseDue != nil {
		due = "response due " + human(local(a.cfg.Policy, t.ResponseCalendar, t.ResponseDue))
	}
	w.printf("← ticket %s opened in %s: %q\n    from %s, %s (%s), language %s, %s\n",
		t.Reference, t.Mailbox, t.Subject, t.Customer.Address, a.cfg.Policy.Label(t.Priority), t.PriorityReason, t.Language, due)
}

// outgoing prints each mail ticketgate sends as the SMTP server gets it.
func (w *demoPrinter) outgoing(ctx context.Context, sink *smtpsink.Sink) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-sink.Received():
		case <-time.After(time.Second):
		}
		w.printNew(sink)
	}
}

// printNew prints the mails ticketgate sent that are not printed yet.
func (w *demoPrinter) printNew(sink *smtpsink.Sink) {
	w.mu.Lock()
	defer w.mu.Unlock()
	msgs := sink.Messages()
	for _, m := range msgs[w.seen:] {
		ours := false
		for _, r := range m.To {
			for _, b := range demoBoxes {
				ours = ours || strings.EqualFold(r, b.address)
			}
		}
		if ours {
			continue
		}
		subject, body := "(unreadable)", ""
		if pm, err := parser.Parse(m.Data); err == nil && pm != nil {
			subject, body = pm.Subject, strings.TrimSpace(pm.Text)
		}
		w.sent++
		fmt.Fprintf(w.out, "→ mail to %s: %q\n    Auto-Submitted: %s, Message-ID: %s\n", strings.Join(m.To, ", "),
			subject, dash(m.Header.Get("Auto-Submitted")), m.Header.Get("Message-Id"))
		for _, l := range strings.Split(body, "\n") {
			fmt.Fprintf(w.out, "    | %s\n", l)
		}
	}
	w.seen = len(msgs)
}
