package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"ticketgate/gateway/imapsource/imaptest"
	"ticketgate/notifier/smtpsink"
	"ticketgate/parser"
)

// TestOpenedAtP1EndToEnd runs a ticket triage opens at P1 on support
// through IMAP and an SMTP listener, the customer having written to
// support@ and oncall@ at once: one ticket on the on-call desk's round
// the clock targets, one page to each of the on-call list (with triage's
// reason in the agents' French), an acknowledgement that states the P1
// targets, and no raise notice.
func TestOpenedAtP1EndToEnd(t *testing.T) {
	t.Run("InMemoryIMAP", func(t *testing.T) { testOpenedAtP1(t, imaptest.NewMemServer(t)) })
	t.Run("Dovecot", func(t *testing.T) { testOpenedAtP1(t, imaptest.NewDovecot(t)) })
}

func testOpenedAtP1(t *testing.T, srv imaptest.Server) {
	const (
		customer, team = "jeanne@client.example", "team@helpdesk.example.com"
		pager, oncall  = "pager@helpdesk.example.com", "oncall-team@helpdesk.example.com"
	)
	supUser, supPass := srv.NewUser(t)
	ocUser, ocPass := srv.NewUser(t)
	sink := startSink(t, smtpsink.Options{})
	cfg := mailConfig(t, srv.Addr(), supUser, supPass, sink.Port())
	host, port, _ := strings.Cut(srv.Addr(), ":")
	appendConfig(t, cfg, fmt.Sprintf(`
[serve]
tick = "1s"
[mail]
agents = [%q]
agent_language = "fr"
[agents]
addresses = ["alex@helpdesk.example.com"]
oncall = [%q]
[mailboxes.oncall]
address = "oncall@helpdesk.example.com"
prefix = "OC"
priority = "P1"
notify = [%q]
[mailboxes.oncall.imap]
host = %q
port = %s
security = "plain"
username = %q
password = %q
idle_refresh = "10s"
`, team, oncall, pager, host, port, ocUser, ocPass))
	clock := &fakeClock{t: parisTime(t, "2026-11-06 17:30")} // a Friday, half an hour before closing
	serveInProcess(t, cfg, clock)
	mail := "From: Jeanne Roux <" + customer + ">\nTo: support@helpdesk.example.com, oncall@helpdesk.example.com\n" +
		"Subject: Toutes nos caisses sont en panne\nMessage-ID: <e2e-p1@client.example>\nDate: Fri, 06 Nov 2026 17:30:00 +0100\n" +
		"Content-Language: fr\n\nBonjour, toutes nos caisses sont bloquées depuis 17 h, nous ne pouvons plus encaisser.\n"
	deliver := func(user, pass string) {
		imaptest.Append(t, srv.Addr(), user, pass, "INBOX", []byte(strings.ReplaceAll(mail, "\n", "\r\n")))
	}
	// The support copy first, the on-call copy a minute later, as two
	// deliveries of one mail arrive.
	deliver(supUser, supPass)
	waitUntil(t, "the acknowledgement", 30*time.Second, func() bool { return len(mailsTo(sink, customer)) == 1 })
	clock.set(parisTime(t, "2026-11-06 17:31"))
	deliver(ocUser, ocPass)
	waitUntil(t, "the on-call copy recorded on the ticket", 30*time.Second, func() bool {
		tj := showTicket(t, cfg, "SUP-2026-000001")
		for _, e := range tj.Events {
			if e.Kind == "duplicate" {
				return true
			}
		}
		return false
	})
	waitUntil(t, "every mail sent", 30*time.Second, func() bool {
		rows := outboxRows(t, cfg)
		for _, r := range rows {
			if r.Status != "sent" {
				return false
			}
		}
		return len(rows) > 0
	})

	tj := showTicket(t, cfg, "SUP-2026-000001")
	at := func(s *string) time.Time {
		if s == nil {
			return time.Time{}
		}
		v, _ := time.Parse(time.RFC3339, *s)
		return v
	}
	if tj.Priority != "P1" || !at(tj.ResponseDue).Equal(parisTime(t, "2026-11-06 18:30")) ||
		!at(tj.ResolutionDue).Equal(parisTime(t, "2026-11-06 21:30")) {
		t.Errorf("ticket %s due %v / %v, want P1 due 18:30 and 21:30 round the clock", tj.Priority, deref(tj.ResponseDue), deref(tj.ResolutionDue))
	}
	if out, _, code := cli(t, "", map[string]string{"TICKETGATE_CONFIG": cfg}, "tickets", "list", "--json"); code != 0 ||
		strings.Count(out, `"reference"`) != 1 {
		t.Errorf("tickets (%d): %s", code, out)
	}
	kinds := map[string][]string{}
	for _, r := range outboxRows(t, cfg) {
		kinds[r.To] = append(kinds[r.To], r.Kind)
	}
	for who, want := range map[string]string{customer: "ack", team: "agent-new-ticket", pager: "agent-page", oncall: "agent-page"} {
		if got := strings.Join(kinds[who], " "); got != want {
			t.Errorf("%s got %q, want %q", who, got, want)
		}
	}
	if n := len(sink.Messages()); n != 4 {
		t.Errorf("%d mails over SMTP, want 4", n)
	}

	ack := textOf(t, mailsTo(sink, customer)[0])
	for _, want := range []string{"Priorité : P1 critique", "Délai de réponse : 1 heure\n",
		"Première réponse prévue : vendredi 6 novembre 2026 à 18:30 (heure de Paris)",
		"Résolution prévue : vendredi 6 novembre 2026 à 21:30 (heure de Paris)"} {
		if !strings.Contains(ack, want) {
			t.Errorf("acknowledgement lacks %q:\n%s", want, ack)
		}
	}
	for _, who := range []string{pager, oncall} {
		m := mailsTo(sink, who)[0]
		page := textOf(t, m)
		if s := decoded(m.Header.Get("Subject")); !strings.Contains(s, "[SUP-2026-000001] Nouveau ticket en P1 critique") {
			t.Errorf("page subject %q", s)
		}
		// Triage's reason in the agents' French, the customer's words as
		// written.
		for _, want := range []string{"a été ouvert en P1 critique", "Réponse : 1 heure, avant le vendredi 6 novembre 2026 à 18:30",
			"Motif : périmètre « Toutes nos caisses » + « en panne » (hors service)", "(activité arrêtée)\n"} {
			if !strings.Contains(page, want) {
				t.Errorf("page to %s lacks %q:\n%s", who, want, page)
			}
		}
		if strings.Contains(page, "scope") || strings.Contains(page, "(sales)") {
			t.Errorf("English reason in a French page:\n%s", page)
		}
	}
}

func mailsTo(sink *smtpsink.Sink, addr string) []smtpsink.Message {
	var out []smtpsink.Message
	for _, m := range sink.Messages() {
		if len(m.To) == 1 && m.To[0] == addr {
			out = append(out, m)
		}
	}
	return out
}

// textOf is the decoded text part of a mail as sent.
func textOf(t *testing.T, m smtpsink.Message) string {
	t.Helper()
	msg, err := parser.Parse(m.Data)
	if err != nil {
		t.Fatalf("parse the mail sent: %v", err)
	}
	return msg.Text
}

func showTicket(t *testing.T, cfg, ref string) ticketJSON {
	t.Helper()
	out, errOut, code := cli(t, "", map[string]string{"TICKETGATE_CONFIG": cfg}, "tickets", "show", "--json", ref)
	var tj ticketJSON
	if code != 0 || json.Unmarshal([]byte(out), &tj) != nil {
		t.Fatalf("tickets show (%d): %s %s", code, out, errOut)
	}
	return tj
}
