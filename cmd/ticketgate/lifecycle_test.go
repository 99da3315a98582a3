package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"ticketgate/gateway"
	"ticketgate/gateway/imapsource/imaptest"
	"ticketgate/gateway/store"
	"ticketgate/notifier/smtpsink"
)

// fakeClock is stepped by the test; the gateway, its scheduler and the
// notifier all read it.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) set(t time.Time) {
	c.mu.Lock()
	c.t = t
	c.mu.Unlock()
}

func parisTime(t *testing.T, s string) time.Time {
	t.Helper()
	v, err := time.ParseInLocation("2006-01-02 15:04", s, paris(t))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// TestResolutionEndToEnd runs the whole story through a real IMAP server
// and an SMTP listener: the customer writes on a Friday afternoon, the
// agent answers and resolves from a mail client on Monday, the process
// restarts during the confirmation window, and the reminder and the close
// come on the right business days around the 11 November holiday.
func TestResolutionEndToEnd(t *testing.T) {
	t.Run("InMemoryIMAP", func(t *testing.T) { testResolution(t, imaptest.NewMemServer(t)) })
	t.Run("Dovecot", func(t *testing.T) { testResolution(t, imaptest.NewDovecot(t)) })
}

func testResolution(t *testing.T, srv imaptest.Server) {
	user, pass := srv.NewUser(t)
	sink := startSink(t, smtpsink.Options{})
	cfg := mailConfig(t, srv.Addr(), user, pass, sink.Port())
	appendConfig(t, cfg, `
[serve]
tick = "1s"
[mail]
agents = ["team@helpdesk.example.com"]
[agents]
addresses = ["alex@helpdesk.example.com"]
`)
	clock := &fakeClock{t: parisTime(t, "2026-11-06 16:00")}
	stop := serveInProcess(t, cfg, clock)
	inbox := func(raw string) {
		imaptest.Append(t, srv.Addr(), user, pass, "INBOX", []byte(strings.ReplaceAll(raw, "\n", "\r\n")))
	}
	// mailTo waits for the nth mail to an address and returns it.
	mailTo := func(addr string, n int, what string) smtpsink.Message {
		t.Helper()
		var got []smtpsink.Message
		waitUntil(t, what, 30*time.Second, func() bool {
			got = got[:0]
			for _, m := range sink.Messages() {
				if len(m.To) == 1 && m.To[0] == addr {
					got = append(got, m)
				}
			}
			return len(got) >= n
		})
		return got[n-1]
	}
	const customer, team = "jane@customer.example", "team@helpdesk.example.com"

	inbox("From: Jane Roe <" + customer + ">\nTo: support@helpdesk.example.com\nSubject: Invoices do not print\n" +
		"Message-ID: <story-1@customer.example>\nContent-Language: en\n\nHello, the invoices stay in the print queue since this morning.\n")
	ack := mailTo(customer, 1, "the acknowledgement")
	notice := mailTo(team, 1, "the agents' notice")
	if !strings.Contains(decoded(ack.Header.Get("Subject")), "SUP-2026-000001") {
		t.Fatalf("ack subject %q", ack.Header.Get("Subject"))
	}
	noticeID := strings.Trim(notice.Header.Get("Message-Id"), "<>")

	agent := func(id, body string) {
		inbox(fmt.Sprintf("From: Alex Martin <alex@helpdesk.example.com>\nTo: support@helpdesk.example.com\n"+
			"Subject: Re: [SUP-2026-000001] New ticket\nMessage-ID: <%s@helpdesk.example.com>\nIn-Reply-To: <%s>\nReferences: <%s>\n\n%s\n",
			id, noticeID, noticeID, body))
	}
	// 09:30 leaves more than a quarter of the target: at 10:00 the
	// scheduler could warn the team before the reply is read.
	clock.set(parisTime(t, "2026-11-09 09:30"))
	agent("story-a1", "Hello Jane,\n\nPlease restart the print spooler.\n\n> A new ticket has been opened.")
	relayed := mailTo(customer, 2, "the relayed reply")
	if relayed.From != "support@helpdesk.example.com" || strings.Contains(string(relayed.Data), "alex@") ||
		!strings.Contains(string(relayed.Data), "Please restart the print spooler.") ||
		relayed.Header.Get("In-Reply-To") != "<story-1@customer.example>" {
		t.Errorf("relayed reply:\n%s", relayed.Data)
	}

	// The relayed reply is the first response: due Monday 11:00 (four
	// business hours from Friday 16:00), met at 09:30.
	out, _, code := cli(t, "", map[string]string{"TICKETGATE_CONFIG": cfg}, "sla", "explain", "--json", "SUP-2026-000001")
	var ex slaExplainJSON
	if code != 0 || json.Unmarshal([]byte(out), &ex) != nil {
		t.Fatalf("sla explain (%d): %s", code, out)
	}
	if ex.Response.State != "met" || ex.Response.Done == nil || *ex.Response.Done != "2026-11-09T09:30:00+01:00" {
		t.Errorf("response clock after the agent's reply: %+v", ex.Response)
	}

	clock.set(parisTime(t, "2026-11-09 11:00"))
	agent("story-a2", "#resolve\n\nThe spooler is fixed.")
	resolved := mailTo(customer, 3, "the resolved notice")
	if !strings.Contains(string(resolved.Data), "Tuesday 17 November 2026") || strings.Contains(string(resolved.Data), "#resolve") {
		t.Errorf("resolved notice:\n%s", resolved.Data)
	}

	// A restart in the middle of the window.
	stop()
	clock.set(parisTime(t, "2026-11-13 17:00"))
	serveInProcess(t, cfg, clock)
	// Nothing is due yet: the resolve itself stored the next timer, the
	// reminder, after this instant.
	if wake := ticketWakeAt(t, cfg, "SUP-2026-000001"); wake == nil || !wake.After(parisTime(t, "2026-11-13 17:00")) ||
		wake.After(parisTime(t, "2026-11-16 11:00")) {
		t.Errorf("next timer %v, want between the restart and Monday 11:00", wake)
	}
	clock.set(parisTime(t, "2026-11-16 11:00"))
	reminder := mailTo(customer, 4, "the reminder")
	clock.set(parisTime(t, "2026-11-17 11:00"))
	closed := mailTo(customer, 5, "the closed notice")
	for _, c := range []struct {
		m    smtpsink.Message
		want string
	}{{reminder, "Reminder"}, {closed, "Request closed"}} {
		if s := decoded(c.m.Header.Get("Subject")); !strings.Contains(s, c.want) {
			t.Errorf("subject %q, want %q", s, c.want)
		}
	}
	// Within the reopen window a reply reopens: the notice says until when.
	if body := string(closed.Data); !strings.Contains(body, "we will reopen this request") || !strings.Contains(body, "December 2026") {
		t.Errorf("the closed notice does not tell how long a reply reopens:\n%s", body)
	}
	if n := len(sink.Messages()); n != 6 {
		t.Errorf("%d mails sent, want 6 (ack, notice, reply, resolved, reminder, closed)", n)
	}
	out, _, code = cli(t, "", map[string]string{"TICKETGATE_CONFIG": cfg}, "tickets", "show", "--json", "SUP-2026-000001")
	var tj ticketJSON
	if code != 0 || json.Unmarshal([]byte(out), &tj) != nil {
		t.Fatalf("tickets show (%d): %s", code, out)
	}
	if tj.Status != "closed" || !strings.HasPrefix(tj.CloseReason, "presumed resolved") || tj.FirstResponseAt == nil {
		t.Errorf("ticket %+v", tj)
	}
}

// ticketWakeAt reads when the scheduler next has something to do for a
// ticket.
func ticketWakeAt(t *testing.T, cfg, ref string) *time.Time {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(filepath.Dir(cfg), "ticketgate.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var wake *time.Time
	err = st.View(ctx, func(tx gateway.ReadTx) error {
		tk, err := tx.TicketByRef(ctx, ref)
		if err == nil {
			wake = tk.WakeAt
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return wake
}

// appendConfig adds tables to a configuration file.
func appendConfig(t *testing.T, cfg, src string) {
	t.Helper()
	f, err := os.OpenFile(cfg, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteString(src); err != nil {
		t.Fatal(err)
	}
}

func TestTicketsActCommands(t *testing.T) {
	cfg := initDir(t)
	env := map[string]string{"TICKETGATE_CONFIG": cfg}
	mail := "From: Jane Doe <jane@customer.example>\r\nTo: support@helpdesk.example.com\r\nSubject: Printer\r\n" +
		"Message-ID: <act-1@customer.example>\r\n\r\nThe printer is broken.\r\n"
	out, errOut, code := cli(t, mail, env, "ingest")
	if code != 0 {
		t.Fatalf("ingest (%d): %s %s", code, out, errOut)
	}
	ref := strings.TrimSpace(strings.Split(out, "\t")[2])
	for _, step := range []struct {
		args []string
		code int
		out  string
	}{
		{[]string{"tickets", "reopen", ref}, exDataErr, "not waiting, resolved or closed"},
		{[]string{"tickets", "note", ref}, exDataErr, "#note needs a text"},
		{[]string{"tickets", "note", "--by", "root", "-m", "called the customer", ref}, 0, ref + ": new"},
		{[]string{"tickets", "priority", "--by", "root", ref, "p2"}, 0, ref + ": P2 high"},
		{[]string{"tickets", "priority", ref, "P9"}, exUsage, "P9"},
		{[]string{"tickets", "priority", ref}, exUsage, "give a ticket reference and P1..P5"},
		{[]string{"tickets", "assign", "--by", "root", ref, "alex"}, 0, ref + ": assigned to alex"},
		{[]string{"tickets", "resolve", "-m", "Fixed by a restart.", ref}, 0, ref + ": resolved"},
		{[]string{"tickets", "resolve", ref}, exDataErr, "resolved already"},
		{[]string{"tickets", "reopen", ref}, 0, ref + ": open"},
		{[]string{"tickets", "close", ref}, 0, ref + ": closed"},
		{[]string{"tickets", "close", "SUP-2026-999999"}, exUsage, "not found"},
	} {
		out, errOut, code := cli(t, "", env, step.args...)
		if code != step.code || !strings.Contains(out+errOut, step.out) {
			t.Errorf("%v: (%d) %s %s", step.args, code, out, errOut)
		}
	}
	out, _, _ = cli(t, "", env, "tickets", "show", "--json", ref)
	var tj ticketJSON
	if err := json.Unmarshal([]byte(out), &tj); err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for _, ev := range tj.Events {
		kinds = append(kinds, ev.Kind)
		if ev.Kind == "note" && (ev.Actor != "admin root" || ev.Detail != "called the customer") {
			t.Errorf("note event %+v", ev)
		}
	}
	if tj.Status != "closed" || !strings.Contains(strings.Join(kinds, " "), "note") {
		t.Errorf("ticket %s, events %v", tj.Status, kinds)
	}
	var mails []string
	for _, r := range outboxRows(t, cfg) {
		mails = append(mails, r.Kind)
	}
	if got := strings.Join(mails, " "); !strings.Contains(got, "resolved") || !strings.Contains(got, "closed") {
		t.Errorf("outbox kinds %q", got)
	}
}

func TestTicketsEscalate(t *testing.T) {
	cfg := initDir(t)
	src, err := os.ReadFile(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(cfg, []byte(strings.Replace(string(src), "level2 = []", `level2 = ["expert@helpdesk.example.com"]`, 1)), 0o600); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"TICKETGATE_CONFIG": cfg}
	mail := "From: Jane Doe <jane@customer.example>\r\nTo: support@helpdesk.example.com\r\nSubject: Printer\r\n" +
		"Message-ID: <esc-1@customer.example>\r\n\r\nThe printer is broken.\r\n"
	out, errOut, code := cli(t, mail, env, "ingest")
	if code != 0 {
		t.Fatalf("ingest (%d): %s %s", code, out, errOut)
	}
	ref := strings.TrimSpace(strings.Split(out, "\t")[2])
	for _, step := range []struct {
		args []string
		code int
		out  string
	}{
		{[]string{"tickets", "show", ref}, 0, "Level:    1"},
		{[]string{"tickets", "escalate", "--by", "root", "--note", "needs the printer specialist", ref}, 0, ref + ": level 2"},
		{[]string{"tickets", "escalate", ref}, exDataErr, "at level 2 already"},
		{[]string{"tickets", "show", "--json", ref}, 0, `"level": 2`},
		{[]string{"tickets", "show", ref}, 0, "escalated to level 2 (expert@helpdesk.example.com): needs the printer specialist"},
		{[]string{"sla", "explain", ref}, 0, "level      2"},
		{[]string{"sla", "explain", "--json", ref}, 0, `"level": 2`},
		{[]string{"tickets", "escalate", "SUP-2026-999999"}, exUsage, "not found"},
	} {
		out, errOut, code := cli(t, "", env, step.args...)
		if code != step.code || !strings.Contains(out+errOut, step.out) {
			t.Errorf("%v: (%d) %s %s", step.args, code, out, errOut)
		}
	}
}
