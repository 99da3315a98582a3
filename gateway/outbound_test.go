package gateway_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"ticketgate/gateway"
)

func (f *fixture) outbox() []gateway.OutboxMail {
	f.t.Helper()
	ms, err := f.gw.OutboxList(f.ctx, gateway.OutboxFilter{})
	if err != nil {
		f.t.Fatal(err)
	}
	// Oldest first reads better in tests.
	for i, j := 0, len(ms)-1; i < j; i, j = i+1, j-1 {
		ms[i], ms[j] = ms[j], ms[i]
	}
	return ms
}

// forceAckText stores text as the acknowledgement's text body in every
// language, past the validation SaveTemplate would apply.
func (f *fixture) forceAckText(text string) {
	f.t.Helper()
	err := f.store.Update(f.ctx, func(tx gateway.Tx) error {
		for _, lang := range []string{"en", "fr"} {
			tpl, _ := f.gw.CurrentTemplate(f.ctx, "ack", lang)
			tpl.Doc.Text = text
			tpl.UpdatedBy, tpl.UpdatedAt = "test", f.now
			if err := tx.SaveTemplate(f.ctx, &tpl); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		f.t.Fatal(err)
	}
}

func (f *fixture) outboxTo(addr string) []gateway.OutboxMail {
	var out []gateway.OutboxMail
	for _, m := range f.outbox() {
		if m.Mail.To[0].Address == addr {
			out = append(out, m)
		}
	}
	return out
}

func TestAcknowledgementQueuedWithTicket(t *testing.T) {
	f := triagedFixture(t)
	res := f.ingest("support", `From: Jane Roe <jane@customer.example>
To: support@helpdesk.example.com
Subject: Printer broken
Message-ID: <ack-1@customer.example>
References: <older@customer.example>
Content-Language: en-GB

Hello, the printer is broken. Phone +33 1 23 45 67 89, serial SN-12345.
`)
	want(t, res, gateway.ActionCreated, "SUP-2026-000001")
	ms := f.outbox()
	if len(ms) != 1 {
		t.Fatalf("%d mails queued, want 1: %+v", len(ms), ms)
	}
	m := ms[0]
	if m.Kind != "ack" || m.Ticket != "SUP-2026-000001" || m.Status != gateway.OutboxPending || !m.Automatic || !m.NextAttemptAt.Equal(f.now) {
		t.Errorf("row %+v", m)
	}
	ml := m.Mail
	if ml.To[0].Address != "jane@customer.example" || ml.From.Address != "support@helpdesk.example.com" ||
		ml.EnvelopeFrom != "support@helpdesk.example.com" || ml.ReplyTo != "support@helpdesk.example.com" {
		t.Errorf("addresses %+v", ml)
	}
	if ml.AutoSubmitted != gateway.AutoReplied || ml.InReplyTo != "ack-1@customer.example" ||
		strings.Join(ml.References, " ") != "older@customer.example ack-1@customer.example" {
		t.Errorf("threading %q %q %v", ml.AutoSubmitted, ml.InReplyTo, ml.References)
	}
	if ref, ok := gateway.VerifyMessageID(secret, ml.MessageID); !ok || ref != "SUP-2026-000001" {
		t.Errorf("Message-ID %q is not ours for the ticket", ml.MessageID)
	}
	// English (declared), with the priority and the due time in Paris.
	tk, _, evs := f.ticket("SUP-2026-000001")
	if !strings.HasPrefix(ml.Subject, "[SUP-2026-000001]") || !strings.Contains(ml.Text, "Priority: "+tk.Priority.String()) ||
		!strings.Contains(ml.Text, "(Paris time)") || !strings.Contains(ml.Text, "Hello Jane Roe") {
		t.Errorf("English acknowledgement:\n%s\n%s", ml.Subject, ml.Text)
	}
	if tk.Language != "en" {
		t.Errorf("ticket language %q, want en (Content-Language)", tk.Language)
	}
	if !hasEvent(evs, gateway.EventMailQueued, "ack mail to jane@customer.example") {
		t.Errorf("no mail-queued event: %+v", evs)
	}
	// The ack renders the due time the ticket holds, in the mailbox zone.
	paris, _ := time.LoadLocation("Europe/Paris")
	if due := tk.ResponseDue.In(paris).Format("15:04"); !strings.Contains(ml.Text, due) {
		t.Errorf("ack lacks the response due time %s:\n%s", due, ml.Text)
	}
	// A reply to our acknowledgement threads by its signed Message-ID.
	res = f.ingest("support", fmt.Sprintf("From: jane@customer.example\nTo: support@helpdesk.example.com\nSubject: Re: x\nMessage-ID: <ack-2@customer.example>\nIn-Reply-To: <%s>\n\nMore details.\n", ml.MessageID))
	want(t, res, gateway.ActionAppended, "SUP-2026-000001")
	if n := len(f.outbox()); n != 1 {
		t.Errorf("a follow-up queued mail: %d rows", n)
	}
}

func hasEvent(evs []gateway.Event, kind, detail string) bool {
	for _, e := range evs {
		if e.Kind == kind && strings.Contains(e.Detail, detail) {
			return true
		}
	}
	return false
}

func TestMissingInfoAndLanguageDetection(t *testing.T) {
	f := triagedFixture(t)
	res := f.ingest("support", `From: Marie <marie@client.example>
To: support@helpdesk.example.com
Subject: Problème avec la caisse
Message-ID: <fr-1@client.example>

Bonjour, la caisse ne fonctionne plus depuis ce matin. Merci de nous aider.
`)
	ms := f.outbox()
	if len(ms) != 1 || ms[0].Kind != "missing-info" {
		t.Fatalf("outbox %+v", ms)
	}
	if txt := ms[0].Mail.Text; !strings.Contains(txt, "Bonjour Marie") || !strings.Contains(txt, "numéro de téléphone") && !strings.Contains(txt, "phone") {
		t.Errorf("French request for details:\n%s", txt)
	}
	tk, _, _ := f.ticket(res.Ticket)
	if tk.Language != "fr" {
		t.Errorf("language %q", tk.Language)
	}
}

func TestDetectLanguage(t *testing.T) {
	for text, want := range map[string]string{
		"Bonjour, la caisse ne fonctionne plus depuis ce matin.": "fr",
		"Hello, the printer does not work since this morning.":   "en",
		"Merci!":                      "",
		"OK":                          "",
		"Bonjour merci, hello thanks": "",
	} {
		if got := gateway.DetectLanguage(text); got != want {
			t.Errorf("DetectLanguage(%q) = %q, want %q", text, got, want)
		}
	}
}

func TestOncallAcknowledgement(t *testing.T) {
	f := newFixture(t, func(c *gateway.Config) {
		mb := c.Mailboxes["oncall"]
		mb.OnCall = true
		c.Mailboxes["oncall"] = mb
	})
	f.ingest("oncall", mail("ops@shop.example", "System down", "oc-1@shop.example"))
	if ms := f.outbox(); len(ms) != 1 || ms[0].Kind != "ack-oncall" {
		t.Errorf("outbox %+v", ms)
	}
}

func TestNeverAnswerMachines(t *testing.T) {
	cases := map[string]string{
		"auto-submitted": mail("jane@customer.example", "Away", "m-1@x", "Auto-Submitted: auto-replied"),
		"precedence":     mail("jane@customer.example", "News", "m-2@x", "Precedence: bulk"),
		"list-id":        mail("jane@customer.example", "List", "m-3@x", "List-Id: <users.lists.example>"),
		"noreply":        mail("noreply@vendor.example", "Invoice", "m-4@x"),
		"no-reply":       mail("no-reply@vendor.example", "Invoice", "m-5@x"),
		"mailer-daemon":  mail("MAILER-DAEMON@mx.example", "Undeliverable", "m-6@x"),
		"ourselves":      mail("oncall@helpdesk.example.com", "Loop", "m-7@x"),
		"null path":      mail("jane@customer.example", "Bounce-ish", "m-8@x", "Return-Path: <>"),
		"out of office":  mail("jane@customer.example", "Out of office: back Monday", "m-9@x"),
	}
	for name, raw := range cases {
		t.Run(name, func(t *testing.T) {
			f := newFixture(t, func(c *gateway.Config) { c.TicketUnthreadedAutomatic = true })
			f.ingest("support", raw)
			for _, m := range f.outbox() {
				if m.Kind == "ack" || m.Kind == "missing-info" {
					t.Errorf("%s answered: %+v", name, m.Mail.Subject)
				}
			}
		})
	}
}

// An autoresponder answering our acknowledgement gets nothing back: the
// loop ends at the first turn.
func TestNoLoopWithAutoresponder(t *testing.T) {
	f := newFixture(t)
	f.ingest("support", mail("jane@customer.example", "Printer", "loop-1@customer.example"))
	ack := f.outbox()[0].Mail
	for i := range 3 {
		f.ingest("support", fmt.Sprintf("From: jane@customer.example\nTo: support@helpdesk.example.com\nSubject: Automatic reply: %s\nMessage-ID: <ooo-%d@customer.example>\nIn-Reply-To: <%s>\nAuto-Submitted: auto-replied\nX-Autoreply: yes\n\nI am out of the office.\n", ack.Subject, i, ack.MessageID))
	}
	if n := len(f.outbox()); n != 1 {
		t.Errorf("%d mails queued after the autoresponder answered, want only the first ack", n)
	}
	if f.countTickets() != 1 {
		t.Errorf("%d tickets", f.countTickets())
	}
}

func TestRateLimitPerSender(t *testing.T) {
	f := newFixture(t)
	start := f.now
	for i := range 100 {
		f.now = start.Add(time.Duration(i) * 600 * time.Millisecond) // 100 mails in a minute
		f.ingest("support", mail("flood@customer.example", fmt.Sprintf("Request %d", i), fmt.Sprintf("flood-%d@customer.example", i)))
	}
	if n := f.countTickets(); n != 100 {
		t.Errorf("%d tickets, want 100: the rate limit must not drop tickets", n)
	}
	if n := len(f.outboxTo("flood@customer.example")); n != 5 {
		t.Errorf("%d automatic mails to the sender, want 5", n)
	}
	_, _, evs := f.ticket("SUP-2026-000006")
	if !hasEvent(evs, gateway.EventMailWithheld, "rate limit") {
		t.Errorf("the sixth ticket does not say why it got no acknowledgement: %+v", evs)
	}
	// Another sender is not held back by the first one.
	f.ingest("support", mail("other@customer.example", "Hello", "other-1@customer.example"))
	if n := len(f.outboxTo("other@customer.example")); n != 1 {
		t.Errorf("other sender got %d mails", n)
	}
	// An hour later the sender is answered again.
	f.now = start.Add(61 * time.Minute)
	f.ingest("support", mail("flood@customer.example", "Later", "flood-late@customer.example"))
	if n := len(f.outboxTo("flood@customer.example")); n != 6 {
		t.Errorf("after the window: %d mails, want 6", n)
	}
}

func TestAgentsAreNotified(t *testing.T) {
	f := newFixture(t, func(c *gateway.Config) { c.Mail.Agents = []string{"Agents@Helpdesk.example.com"} })
	res := f.ingest("support", mail("Jane <jane@customer.example>", "Printer", "ag-1@customer.example"))
	ms := f.outboxTo("agents@helpdesk.example.com")
	if len(ms) != 1 || ms[0].Kind != "agent-new-ticket" || ms[0].Automatic || ms[0].Mail.AutoSubmitted != gateway.AutoGenerated {
		t.Fatalf("agent notice %+v", ms)
	}
	if txt := ms[0].Mail.Text; !strings.Contains(txt, res.Ticket) || !strings.Contains(txt, "jane@customer.example") || !strings.Contains(txt, "> Hello, the printer is broken.") {
		t.Errorf("agent notice text:\n%s", txt)
	}
}

func TestUnregisteredSenderGetsPoliteAnswer(t *testing.T) {
	f := triagedFixture(t)
	for i := range 7 {
		f.ingest("vip", fmt.Sprintf("From: someone@elsewhere.example\nTo: vip@helpdesk.example.com\nSubject: Bonjour\nMessage-ID: <unreg-%d@elsewhere.example>\n\nPouvez-vous m'aider ?\n", i))
	}
	ms := f.outboxTo("someone@elsewhere.example")
	if len(ms) != 5 {
		t.Fatalf("%d answers to the unregistered sender, want 5 (rate limit)", len(ms))
	}
	if m := ms[0]; m.Kind != "unregistered" || m.TicketID != 0 || m.Mail.From.Address != "vip@helpdesk.example.com" || !strings.Contains(m.Mail.Text, "vip@helpdesk.example.com") {
		t.Errorf("answer %+v\n%s", m, m.Mail.Text)
	}
	if f.countTickets() != 0 {
		t.Errorf("unregistered mail opened a ticket")
	}
}

// A broken template costs the mail, never the ticket.
func TestBrokenTemplateNeverBlocksIngest(t *testing.T) {
	f := newFixture(t)
	f.forceAckText("{{.Missing.Nope}}")
	res := f.ingest("support", mail("jane@customer.example", "Printer", "broken-1@customer.example"))
	if res.Action != gateway.ActionCreated {
		t.Fatalf("ingest with a broken template: %+v", res)
	}
	if n := len(f.outbox()); n != 0 {
		t.Errorf("%d mails queued from a broken template", n)
	}
	_, _, evs := f.ticket(res.Ticket)
	if !hasEvent(evs, gateway.EventMailFailed, "ack mail to jane@customer.example not sent") {
		t.Errorf("the ticket does not show the failed acknowledgement: %+v", evs)
	}
}

func TestDeadLetterShowsOnTicket(t *testing.T) {
	f := newFixture(t)
	res := f.ingest("support", mail("jane@customer.example", "Printer", "dead-1@customer.example"))
	m := f.outbox()[0]
	box := f.gw.Outbox()
	due, err := box.Claim(f.ctx, f.now, 10)
	if err != nil || len(due) != 1 || due[0].ID != m.ID || due[0].Mail.MessageID != m.Mail.MessageID {
		t.Fatalf("Claim = %+v, %v", due, err)
	}
	if err := box.Retry(f.ctx, m.ID, f.now, f.now.Add(time.Minute), "451 try later"); err != nil {
		t.Fatal(err)
	}
	if due, _ := box.Claim(f.ctx, f.now, 10); len(due) != 0 {
		t.Errorf("a mail waiting for its retry is due: %+v", due)
	}
	if err := box.Dead(f.ctx, m.ID, f.now, "550 no such user"); err != nil {
		t.Fatal(err)
	}
	rows := f.outbox()
	if rows[0].Status != gateway.OutboxDead || rows[0].Attempts != 2 || rows[0].LastError != "550 no such user" {
		t.Errorf("row %+v", rows[0])
	}
	_, _, evs := f.ticket(res.Ticket)
	if !hasEvent(evs, gateway.EventMailFailed, "550 no such user") {
		t.Errorf("dead letter not on the ticket: %+v", evs)
	}
	// Retry by hand puts it back, due now; a sent mail cannot be retried.
	if _, err := f.gw.RetryMail(f.ctx, m.ID); err != nil {
		t.Fatal(err)
	}
	if due, _ := box.Claim(f.ctx, f.now, 10); len(due) != 1 {
		t.Errorf("retried mail not due")
	}
	if err := box.Sent(f.ctx, m.ID, f.now); err != nil {
		t.Fatal(err)
	}
	if _, err := f.gw.RetryMail(context.Background(), m.ID); err == nil {
		t.Error("a sent mail was queued again")
	}
}

// A claimed mail is one sender's until it reports on it or the claim
// lapses: a second sender, or a retry by hand, must not send it again.
func TestClaimHoldsMail(t *testing.T) {
	f := newFixture(t)
	f.ingest("support", mail("jane@customer.example", "Printer", "claim-1@customer.example"))
	box := f.gw.Outbox()
	first, err := box.Claim(f.ctx, f.now, 10)
	if err != nil || len(first) != 1 || first[0].ClaimedUntil == nil {
		t.Fatalf("Claim = %+v, %v", first, err)
	}
	if again, err := box.Claim(f.ctx, f.now, 10); err != nil || len(again) != 0 {
		t.Fatalf("claimed twice: %+v, %v", again, err)
	}
	if _, err := f.gw.RetryMail(f.ctx, first[0].ID); !errors.Is(err, gateway.ErrBeingSent) {
		t.Errorf("retry by hand of a mail in hand: %v, want ErrBeingSent", err)
	}
	lapsed := f.now.Add(gateway.ClaimFor)
	if again, err := box.Claim(f.ctx, lapsed, 10); err != nil || len(again) != 1 {
		t.Fatalf("a lapsed claim is not taken again: %+v, %v", again, err)
	}
	if err := box.Retry(f.ctx, first[0].ID, lapsed, lapsed, "451 later"); err != nil {
		t.Fatal(err)
	}
	if again, err := box.Claim(f.ctx, lapsed, 10); err != nil || len(again) != 1 {
		t.Fatalf("a reported mail stays claimed: %+v, %v", again, err)
	}
}

func TestTemplateEditHistoryRevert(t *testing.T) {
	f := newFixture(t)
	def, err := f.gw.CurrentTemplate(f.ctx, "ack", "en")
	if err != nil || def.Version != 0 {
		t.Fatalf("default: %+v %v", def, err)
	}
	if _, err := f.gw.SaveTemplate(f.ctx, "ack", "en", "Subject: [{{.Reference}}] {{.Nope}}\n--- text ---\nx\n--- html ---\ny\n", "alice"); err == nil ||
		!strings.Contains(err.Error(), "line 1, column") {
		t.Errorf("invalid edit: %v", err)
	}
	if h, _ := f.gw.TemplateHistory(f.ctx, "ack"); len(h) != 0 {
		t.Errorf("a refused edit was stored: %+v", h)
	}
	// A mail before the edit puts the default in the compiled-template
	// cache; the edit must still be used from the next mail on.
	f.ingest("support", mail("Ann <ann@customer.example>", "Hello, the printer does not work", "edit-0@customer.example", "Content-Language: en"))
	before := f.outbox()[0].Mail.Subject
	v1, err := f.gw.SaveTemplate(f.ctx, "ack", "en", "Subject: [{{.Reference}}] Got it\n--- text ---\nThanks {{.CustomerName}}.\n--- html ---\n<p>Thanks {{.CustomerName}}.</p>\n", "alice")
	if err != nil || v1.Version != 1 {
		t.Fatalf("save: %+v %v", v1, err)
	}
	f.ingest("support", mail("Bob <bob@customer.example>", "Hello, the printer does not work", "edit-1@customer.example", "Content-Language: en"))
	if m := f.outbox()[1].Mail; m.Subject != "[SUP-2026-000002] Got it" || m.Text != "Thanks Bob.\n" {
		t.Errorf("the edit is not used: %q %q", m.Subject, m.Text)
	}
	if _, err := f.gw.RevertTemplate(f.ctx, "ack", "en", 0, "bob"); err != nil {
		t.Fatal(err)
	}
	f.ingest("support", mail("Cy <cy@customer.example>", "Hello, the printer does not work", "edit-2@customer.example", "Content-Language: en"))
	if got, want := f.outbox()[2].Mail.Subject, strings.Replace(before, "000001", "000003", 1); got != want {
		t.Errorf("after the revert the ack says %q, want the default's %q", got, want)
	}
	cur, _ := f.gw.CurrentTemplate(f.ctx, "ack", "en")
	if cur.Version != 2 || cur.Doc.Subject != def.Doc.Subject || !strings.Contains(cur.UpdatedBy, "revert to version 0") {
		t.Errorf("after revert: %+v", cur)
	}
	h, _ := f.gw.TemplateHistory(f.ctx, "ack")
	if len(h) != 2 || h[0].UpdatedBy != "alice" {
		t.Errorf("history %+v", h)
	}
	if _, err := f.gw.RevertTemplate(f.ctx, "ack", "en", 7, "bob"); err == nil {
		t.Error("revert to a version that does not exist")
	}
}

// The notifier is woken after each commit that queued mail, and only then.
func TestWakeAfterQueuedMail(t *testing.T) {
	wakes := 0
	f := newFixture(t, func(c *gateway.Config) { c.OnQueued = func() { wakes++ } })
	f.ingest("support", mail("jane@customer.example", "Printer", "wake-1@customer.example"))
	if wakes != 1 {
		t.Errorf("%d wake-ups after a new ticket, want 1", wakes)
	}
	f.ingest("support", mail("jane@customer.example", "Away", "wake-2@customer.example", "Auto-Submitted: auto-replied"))
	if wakes != 1 {
		t.Errorf("%d wake-ups after an auto-reply that queued nothing, want still 1", wakes)
	}
}
