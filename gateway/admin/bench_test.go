package admin_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"ticketgate/gateway"
)

var benchWords = strings.Fields(`the cash register shows an error when closing day details follow printer
invoice customer screen login report shop till payment card terminal update since morning cannot print
please help urgent we tried restart again nothing works store manager account password reset export file
caisse écran facture imprimante bloqué depuis merci bonjour`)

// fill adds n tickets of one message each through the store's
// transactions, 5,000 a transaction: raw mail, ticket, message (indexed
// for search), timeline and acknowledgement, as ingest leaves them.
func (e *env) fill(tb testing.TB, n int) {
	tb.Helper()
	rnd := rand.New(rand.NewPCG(1, uint64(n)))
	at := time.Date(2026, 6, 2, 9, 0, 0, 0, time.UTC)
	statuses := []gateway.Status{gateway.StatusClosed, gateway.StatusClosed, gateway.StatusClosed, gateway.StatusOpen, gateway.StatusNew, gateway.StatusWaiting}
	for start := 0; start < n; start += 5000 {
		err := e.st.Update(e.ctx, func(tx gateway.Tx) error {
			for i := start; i < min(n, start+5000); i++ {
				var body strings.Builder
				for body.Len() < 400 {
					body.WriteString(benchWords[rnd.IntN(len(benchWords))] + " ")
				}
				from := gateway.Address{Name: fmt.Sprintf("Customer %d", i), Address: fmt.Sprintf("c%d@customer%d.example", i, i%997)}
				msgID := fmt.Sprintf("fill-%d@customer.example", i)
				raw := fmt.Sprintf("From: %s <%s>\r\nSubject: Till %d\r\nMessage-ID: <%s>\r\n\r\n%s\r\n", from.Name, from.Address, i, msgID, body.String())
				sum := sha256.Sum256([]byte(raw))
				rawID, err := tx.PutRaw(e.ctx, hex.EncodeToString(sum[:]), bytes.NewReader([]byte(raw)), int64(len(raw)), at)
				if err != nil {
					return err
				}
				mb := "support"
				if i%4 == 0 {
					mb = "sales"
				}
				due := at.Add(4 * time.Hour)
				t := &gateway.Ticket{Reference: gateway.FormatReference("SUP", 2026, int64(i+1)), Mailbox: mb,
					Status: statuses[i%len(statuses)], Priority: gateway.Priority(1 + i%5), PriorityReason: "generated",
					Customer: from, Subject: fmt.Sprintf("Till %d %s", i, benchWords[i%len(benchWords)]), Language: "en",
					CreatedAt: at, UpdatedAt: at}
				t.ResponseDue, t.ResolutionDue = &due, &due
				if i%7 == 0 {
					t.Tier = "gold"
				}
				if err := tx.CreateTicket(e.ctx, t); err != nil {
					return err
				}
				en := &gateway.Entry{TicketID: t.ID, RawID: rawID, Mailbox: mb, Direction: gateway.Inbound, AuthorKind: gateway.AuthorCustomer,
					Kind: "human", MessageID: msgID, From: from, Subject: t.Subject, SentAt: at, Text: body.String(), CreatedAt: at}
				if err := tx.AddEntry(e.ctx, en); err != nil {
					return err
				}
				if err := tx.AddEvent(e.ctx, &gateway.Event{TicketID: t.ID, EntryID: en.ID, At: at, Kind: gateway.EventCreated, Detail: "generated"}); err != nil {
					return err
				}
				m := &gateway.OutboxMail{TicketID: t.ID, Mailbox: mb, Kind: "ack", Automatic: true, Status: gateway.OutboxSent,
					NextAttemptAt: at, CreatedAt: at, SentAt: &at, Mail: gateway.OutgoingMail{MessageID: fmt.Sprintf("ack-%d@helpdesk.example.com", i),
						To: []gateway.Address{from}, Subject: "[" + t.Reference + "] " + t.Subject, Text: "We have your request.\n"}}
				if err := tx.EnqueueMail(e.ctx, m); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			tb.Fatalf("fill: %v", err)
		}
	}
}

// BenchmarkPages times each main page as the server renders it (no
// network), at 100,000 tickets, next to its floor: the gateway read the
// page makes, alone, in the same run.
func BenchmarkPages(b *testing.B) {
	e := newEnv(b)
	start := time.Now()
	e.fill(b, 100_000)
	b.Logf("filled 100,000 tickets in %v", time.Since(start).Round(time.Millisecond))
	e.addUser("alice", gateway.RoleAdmin, "pw")
	c := e.client()
	c.login("alice", "pw")
	cookies := c.c.Jar.Cookies(mustURL(e.srv.URL))
	h := e.adm.Handler()
	ctx := context.Background()
	ref := gateway.FormatReference("SUP", 2026, 50_000)
	now := e.clock.Now()
	pages := []struct {
		name, path string
		floor      func() error
	}{
		{"tickets", "/tickets", func() error {
			_, err := e.gw.Tickets(ctx, gateway.TicketFilter{Limit: 51, Now: now})
			return err
		}},
		{"tickets-open-P2-sales", "/tickets?status=open&priority=P2&mailbox=sales", func() error {
			_, err := e.gw.Tickets(ctx, gateway.TicketFilter{Status: gateway.StatusOpen, Priority: 2, Mailbox: "sales", Limit: 51, Now: now})
			return err
		}},
		{"tickets-waiting-sales", "/tickets?status=waiting&mailbox=sales", func() error {
			_, err := e.gw.Tickets(ctx, gateway.TicketFilter{Status: gateway.StatusWaiting, Mailbox: "sales", Limit: 51, Now: now})
			return err
		}},
		{"tickets-breached", "/tickets?clock=breached", func() error {
			_, err := e.gw.Tickets(ctx, gateway.TicketFilter{Clock: gateway.SLABreached, Limit: 51, Now: now})
			return err
		}},
		{"search-word", "/tickets?q=imprimante+facture", func() error {
			_, err := e.gw.Tickets(ctx, gateway.TicketFilter{Search: "imprimante facture", Limit: 51, Now: now})
			return err
		}},
		{"search-word-page-2", "/tickets?q=imprimante+facture&before=99900", func() error {
			_, err := e.gw.Tickets(ctx, gateway.TicketFilter{Search: "imprimante facture", Before: 99900, Limit: 51, Now: now})
			return err
		}},
		{"search-three-words", "/tickets?q=caisse+imprimante+facture", func() error {
			_, err := e.gw.Tickets(ctx, gateway.TicketFilter{Search: "caisse imprimante facture", Limit: 51, Now: now})
			return err
		}},
		{"search-word-open", "/tickets?q=imprimante+facture&status=open", func() error {
			_, err := e.gw.Tickets(ctx, gateway.TicketFilter{Search: "imprimante facture", Status: gateway.StatusOpen, Limit: 51, Now: now})
			return err
		}},
		{"search-word-breached", "/tickets?q=imprimante+facture&clock=breached", func() error {
			_, err := e.gw.Tickets(ctx, gateway.TicketFilter{Search: "imprimante facture", Clock: gateway.SLABreached, Limit: 51, Now: now})
			return err
		}},
		// 238 tickets pass the filters, spread over all: the page reads
		// matches across most of the index to find 50.
		{"search-word-new-P3-sales-gold", "/tickets?q=imprimante+facture&status=new&priority=P3&mailbox=sales&tier=gold", func() error {
			_, err := e.gw.Tickets(ctx, gateway.TicketFilter{Search: "imprimante facture", Status: gateway.StatusNew, Priority: 3,
				Mailbox: "sales", Tier: "gold", Limit: 51, Now: now})
			return err
		}},
		// No ticket is waiting in sales: the filter alone decides.
		{"search-word-waiting-sales-none", "/tickets?q=imprimante+facture&status=waiting&mailbox=sales", func() error {
			_, err := e.gw.Tickets(ctx, gateway.TicketFilter{Search: "imprimante facture", Status: gateway.StatusWaiting,
				Mailbox: "sales", Limit: 51, Now: now})
			return err
		}},
		{"search-rare-open", "/tickets?q=till+4242&status=closed", func() error {
			_, err := e.gw.Tickets(ctx, gateway.TicketFilter{Search: "till 4242", Status: gateway.StatusClosed, Limit: 51, Now: now})
			return err
		}},
		{"search-rare", "/tickets?q=till+4242", func() error {
			_, err := e.gw.Tickets(ctx, gateway.TicketFilter{Search: "till 4242", Limit: 51, Now: now})
			return err
		}},
		{"search-address", "/tickets?q=c4242%40customer252.example", func() error {
			_, err := e.gw.Tickets(ctx, gateway.TicketFilter{Search: "c4242@customer252.example", Limit: 51, Now: now})
			return err
		}},
		{"ticket", "/tickets/" + ref, func() error {
			if _, err := e.gw.TicketRecord(ctx, ref); err != nil {
				return err
			}
			_, err := e.gw.ExplainSLA(ctx, ref, now)
			return err
		}},
		{"outbox", "/outbox", func() error {
			_, err := e.gw.OutboxList(ctx, gateway.OutboxFilter{Limit: 51})
			return err
		}},
		{"outbox-dead", "/outbox?status=dead", func() error {
			_, err := e.gw.OutboxList(ctx, gateway.OutboxFilter{Status: gateway.OutboxDead, Limit: 51})
			return err
		}},
		{"mailboxes", "/mailboxes", func() error {
			_, err := e.gw.Mailboxes(ctx, now, time.Hour)
			return err
		}},
		{"template", "/templates/ack/en", func() error {
			_, err := e.gw.PreviewTemplate(ctx, "ack", "en", "")
			return err
		}},
	}
	for _, p := range pages {
		b.Run(p.name, func(b *testing.B) {
			req := httptest.NewRequest(http.MethodGet, p.path, nil)
			for _, ck := range cookies {
				req.AddCookie(ck)
			}
			var floor time.Duration
			for b.Loop() {
				w := httptest.NewRecorder()
				h.ServeHTTP(w, req)
				if w.Code != http.StatusOK {
					b.Fatalf("%s: %d %s", p.path, w.Code, w.Body.String())
				}
				t0 := time.Now()
				if err := p.floor(); err != nil {
					b.Fatal(err)
				}
				floor += time.Since(t0)
			}
			// b.Loop's time includes the floor's: report the page alone.
			n := float64(b.N)
			total := float64(b.Elapsed()) / n
			b.ReportMetric((total-float64(floor)/n)/1e6, "ms/page")
			b.ReportMetric(float64(floor)/n/1e6, "ms/floor")
		})
	}
}
