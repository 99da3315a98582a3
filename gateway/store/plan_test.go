package store

import (
	"context"
	"fmt"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"ticketgate/cmd/ticketgate/config"
	"ticketgate/gateway"
)

// planConfig is a gateway with SLA targets, agents and the resolution
// cycle, so that every path of ingest and the scheduler runs.
func planConfig(t testing.TB) gateway.Config {
	t.Helper()
	c, err := config.Parse("plan.toml", []byte(`secret = "plan-test-secret-0123456789abcdef"
[mailboxes.support]
address = "support@helpdesk.example.com"
prefix = "SUP"
[mailboxes.oncall]
address = "oncall@helpdesk.example.com"
prefix = "OC"
priority = "P1"
[agents]
addresses = ["alex@helpdesk.example.com"]
`), func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	g := c.Gateway()
	g.Mail.Agents = []string{"team@helpdesk.example.com"}
	return g
}

func planMail(from, subject, id string, headers ...string) []byte {
	h := fmt.Sprintf("From: %s\r\nTo: support@helpdesk.example.com\r\nSubject: %s\r\nMessage-ID: <%s>\r\nDate: Mon, 09 Nov 2026 10:00:00 +0100\r\n", from, subject, id)
	for _, x := range headers {
		h += x + "\r\n"
	}
	return []byte(h + "\r\nHello, the printer on the second floor is broken since this morning.\r\n")
}

// fullScan matches a plan step that reads a whole table or index: the
// cost that grows with the database. A scan of a subquery reads only
// what the subquery's own (checked) steps produce.
var fullScan = regexp.MustCompile(`^SCAN [A-Za-z_]\w*`)

// wantIndex names the index a query must use where another one would
// also serve it but read rows that grow with the database.
var wantIndex = map[string]string{
	"WHERE to_address = ? AND automatic = 1": "outbox_recipient",
}

// boundedScan tells a listing page from a full scan: with no filter but
// the page cursor, rows come in key order (no sort) and reading stops at
// the LIMIT.
func boundedScan(q string, steps []string) bool {
	q = strings.Join(strings.Fields(q), " ")
	// One row per configured mailbox: configuration bounds it, not mail.
	if strings.HasPrefix(q, "SELECT ") && strings.HasSuffix(q, " FROM mailbox_state ORDER BY mailbox") {
		return true
	}
	if !strings.HasSuffix(q, "DESC LIMIT ?") {
		return false
	}
	for _, d := range steps {
		if strings.Contains(d, "TEMP B-TREE") {
			return false
		}
	}
	_, where, ok := strings.Cut(q, " WHERE ")
	if !ok {
		return true
	}
	where, _, _ = strings.Cut(where, " ORDER BY ")
	for _, cond := range strings.Split(where, " AND ") {
		if cond != "1=1" && cond != "id < ?" && cond != "o.id < ?" {
			return false
		}
	}
	return true
}

// TestHotQueriesUseIndexes runs ingest (new ticket, reply, duplicates,
// automatic mail), the scheduler, the notifier's outbox calls and the
// paged listings over a filled database, then asks SQLite for the plan of every query they
// issued: none may scan a table.
func TestHotQueriesUseIndexes(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "plan.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	now := time.Date(2026, 11, 9, 9, 0, 0, 0, time.UTC)
	gw, err := gateway.New(planConfig(t), s, gateway.ClockFunc(func() time.Time { return now }), nil)
	if err != nil {
		t.Fatal(err)
	}
	var refs []string
	for i := range 200 {
		res, err := gw.Ingest(ctx, gateway.Source{Mailbox: "support", UIDValidity: 7, UID: uint32(i + 1)},
			planMail(fmt.Sprintf("c%d@customer.example", i), "Printer down", fmt.Sprintf("fill-%d@customer.example", i)))
		if err != nil {
			t.Fatal(err)
		}
		refs = append(refs, res.Ticket)
	}
	for _, ref := range refs[:50] {
		if _, err := gw.Act(ctx, ref, "admin", gateway.Command{Verb: gateway.VerbResolve}, "Fixed."); err != nil {
			t.Fatal(err)
		}
	}

	type call struct {
		query string
		args  []any
	}
	var (
		mu    sync.Mutex
		calls = map[string]call{}
	)
	s.observe = func(q string, args []any) {
		mu.Lock()
		defer mu.Unlock()
		if _, ok := calls[q]; !ok {
			calls[q] = call{q, append([]any(nil), args...)}
		}
	}
	ingest := func(src gateway.Source, raw []byte) {
		t.Helper()
		if _, err := gw.Ingest(ctx, src, raw); err != nil {
			t.Fatal(err)
		}
	}
	src := func(uid uint32) gateway.Source { return gateway.Source{Mailbox: "support", UIDValidity: 7, UID: uid} }
	fresh := planMail("new@customer.example", "Screen broken", "fresh@customer.example")
	ingest(src(1001), fresh)
	ingest(src(1001), fresh) // same position
	ingest(gateway.Source{Mailbox: "oncall"}, fresh)
	ingest(src(1002), planMail("c3@customer.example", "Re: [SUP-2026-000004] Printer down", "reply-1@customer.example",
		"In-Reply-To: <fill-3@customer.example>", "References: <fill-3@customer.example>"))
	ingest(src(1003), planMail("c4@customer.example", "Re: [SUP-2026-000005] Printer down", "reply-2@customer.example"))
	ingest(src(1004), planMail("stranger@elsewhere.example", "About [SUP-2026-000006]", "mention@elsewhere.example"))
	ingest(src(1005), planMail("c7@customer.example", "Out of office", "ooo@customer.example",
		"Auto-Submitted: auto-replied", "In-Reply-To: <fill-7@customer.example>"))
	ingest(src(1006), planMail("c0@customer.example", "Re: Printer down", "thanks@customer.example",
		"In-Reply-To: <fill-0@customer.example>"))
	if _, err := gw.Recorded(ctx, src(1001)); err != nil {
		t.Fatal(err)
	}
	if st, ok, err := gw.MailboxState(ctx, "support"); err != nil {
		t.Fatal(err)
	} else {
		if !ok {
			st = gateway.MailboxState{Mailbox: "support", UIDValidity: 7}
		}
		st.LastUID = 1006
		if err := gw.SaveMailboxState(ctx, st); err != nil {
			t.Fatal(err)
		}
	}
	now = now.Add(8 * 24 * time.Hour)
	if _, err := gw.Tick(ctx); err != nil {
		t.Fatal(err)
	}
	ob := gw.Outbox()
	due, err := ob.Claim(ctx, now, 10)
	if err != nil || len(due) < 2 {
		t.Fatalf("outbox due: %d mails, %v", len(due), err)
	}
	if err := ob.Sent(ctx, due[0].ID, now); err != nil {
		t.Fatal(err)
	}
	if err := ob.Retry(ctx, due[1].ID, now, now.Add(time.Minute), "451 try later"); err != nil {
		t.Fatal(err)
	}
	// The SLA report's month.
	if _, err := gw.TicketsOpened(ctx, now.AddDate(0, -1, 0), now); err != nil {
		t.Fatal(err)
	}
	// The listings' first and later pages under each filter.
	err = s.View(ctx, func(tx gateway.ReadTx) error {
		for _, f := range []gateway.TicketFilter{{Limit: 50}, {Limit: 50, Before: 100}, {Status: gateway.StatusResolved, Limit: 50},
			{Priority: 3, Limit: 50, Before: 100}, {Mailbox: "support", Limit: 50}} {
			if _, err := tx.Tickets(ctx, f); err != nil {
				return err
			}
		}
		for _, f := range []gateway.OutboxFilter{{Limit: 50}, {Status: gateway.OutboxPending, Limit: 50, Before: 100}, {TicketID: 3, Limit: 50}} {
			if _, err := tx.OutboxList(ctx, f); err != nil {
				return err
			}
		}
		// What /metrics and /readyz read at every scrape.
		if _, err := tx.Backlog(ctx); err != nil {
			return err
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := gw.SLARisks(ctx, now); err != nil {
		t.Fatal(err)
	}
	s.observe = nil

	if len(calls) < 20 {
		t.Fatalf("only %d distinct queries observed; the hooks are not seeing the hot path", len(calls))
	}
	var queries []string
	for q := range calls {
		queries = append(queries, q)
	}
	sort.Strings(queries)
	for _, q := range queries {
		c := calls[q]
		rows, err := s.writer.QueryContext(ctx, "EXPLAIN QUERY PLAN "+q, c.args...)
		if err != nil {
			t.Fatalf("explain %s: %v", q, err)
		}
		var steps []string
		for rows.Next() {
			var id, parent, unused int
			var detail string
			if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
				t.Fatal(err)
			}
			steps = append(steps, detail)
		}
		rows.Close()
		for frag, index := range wantIndex {
			if strings.Contains(q, frag) && !strings.Contains(strings.Join(steps, " | "), index) {
				t.Errorf("%s\nplan: %s\nwant index %s", strings.Join(strings.Fields(q), " "), strings.Join(steps, " | "), index)
			}
		}
		for _, d := range steps {
			if fullScan.MatchString(d) && !boundedScan(q, steps) {
				t.Errorf("full scan %q in\n\t%s\nplan: %s", d, strings.Join(strings.Fields(q), " "), strings.Join(steps, " | "))
			}
			// A page sorted after the fact reads every matching row first.
			if strings.Contains(d, "TEMP B-TREE FOR ORDER BY") && strings.HasSuffix(strings.TrimSpace(q), "LIMIT ?") {
				t.Errorf("page sorted after reading in\n\t%s\nplan: %s", strings.Join(strings.Fields(q), " "), strings.Join(steps, " | "))
			}
		}
	}
}
