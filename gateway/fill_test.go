package gateway_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"ticketgate/gateway"
	"ticketgate/gateway/store"
)

// fillWords make mail text that compresses like prose, not like one
// sentence repeated.
var fillWords = strings.Fields(`the cash register shows an error when closing day details follow printer
invoice customer screen login report shop till payment card terminal update since morning cannot print
please help urgent we tried restart again nothing works store manager account password reset export file
monthly accounting team blocked slow network caisse écran facture imprimante bloqué depuis merci bonjour`)

// prose returns about n bytes of text.
func prose(rnd *rand.Rand, n int) string {
	var b strings.Builder
	for b.Len() < n {
		b.WriteString(fillWords[rnd.IntN(len(fillWords))])
		if rnd.IntN(12) == 0 {
			b.WriteString(".\r\n")
		} else {
			b.WriteByte(' ')
		}
	}
	return b.String()
}

// fillKind is what the generated tickets are doing.
type fillKind int

const (
	fillClosed  fillKind = iota // history: answered and closed long ago
	fillWaiting                 // waiting for a first answer, no timer due
)

// fillStore adds n tickets of one message each, written straight through
// the store's transactions in large batches (a million take minutes, not
// the hours a million ingests would): the raw mail, the ticket, its
// message, participant, timeline and acknowledgement, as ingest leaves
// them. References are numbered in 2025 so that new mail allocates its
// own.
func fillStore(tb testing.TB, st *store.Store, n int, kind fillKind, bodySize int) {
	tb.Helper()
	ctx := context.Background()
	rnd := rand.New(rand.NewPCG(uint64(n), uint64(kind)))
	created := time.Date(2025, 6, 2, 9, 0, 0, 0, time.UTC)
	const batch = 5000
	for start := 0; start < n; start += batch {
		err := st.Update(ctx, func(tx gateway.Tx) error {
			for i := start; i < min(n, start+batch); i++ {
				if err := fillOne(ctx, tx, rnd, i, kind, bodySize, created); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			tb.Fatalf("fill %d tickets: %v", n, err)
		}
	}
}

func fillOne(ctx context.Context, tx gateway.Tx, rnd *rand.Rand, i int, kind fillKind, bodySize int, at time.Time) error {
	from := gateway.Address{Name: fmt.Sprintf("Customer %d", i), Address: fmt.Sprintf("fill%d@customer%d.example", i, i%997)}
	msgID := fmt.Sprintf("fill-%d@customer.example", i)
	body := prose(rnd, bodySize)
	raw := fmt.Sprintf("From: %s <%s>\r\nTo: support@helpdesk.example.com\r\nSubject: Till %d\r\nMessage-ID: <%s>\r\n"+
		"Date: Mon, 02 Jun 2025 11:00:00 +0200\r\n\r\n%s\r\n", from.Name, from.Address, i, msgID, body)
	sum := sha256.Sum256([]byte(raw))
	rawID, err := tx.PutRaw(ctx, hex.EncodeToString(sum[:]), bytes.NewReader([]byte(raw)), int64(len(raw)), at)
	if err != nil {
		return err
	}
	t := &gateway.Ticket{Reference: gateway.FormatReference("SUP", 2025, int64(i+1)), Mailbox: "support",
		Priority: 3, PriorityReason: "mailbox support default", Customer: from, Subject: fmt.Sprintf("Till %d", i),
		Language: "en", CreatedAt: at, UpdatedAt: at}
	switch kind {
	case fillClosed:
		t.Status, t.FirstResponseAt, t.ClosedAt, t.CloseReason = gateway.StatusClosed, &at, &at, gateway.CloseConfirmed
	case fillWaiting:
		// Due far ahead: the scheduler owes them nothing yet.
		due := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
		t.Status, t.ResponseDue, t.WakeAt = gateway.StatusNew, &due, &due
	}
	if err := tx.CreateTicket(ctx, t); err != nil {
		return err
	}
	e := &gateway.Entry{TicketID: t.ID, RawID: rawID, Mailbox: "support", Direction: gateway.Inbound,
		AuthorKind: gateway.AuthorCustomer, Kind: "human", MessageID: msgID, From: from, Subject: t.Subject,
		SentAt: at, Text: body, Reply: body, CreatedAt: at}
	if err := tx.AddEntry(ctx, e); err != nil {
		return err
	}
	if err := tx.AddParticipant(ctx, t.ID, from.Address, "customer"); err != nil {
		return err
	}
	if err := tx.MarkSeen(ctx, gateway.Source{Mailbox: "support", UIDValidity: 1, UID: uint32(i + 1)}, e.ID); err != nil {
		return err
	}
	for _, kind := range []string{gateway.EventCreated, gateway.EventMailQueued} {
		if err := tx.AddEvent(ctx, &gateway.Event{TicketID: t.ID, EntryID: e.ID, At: at, Kind: kind, Detail: "generated"}); err != nil {
			return err
		}
	}
	m := &gateway.OutboxMail{TicketID: t.ID, Mailbox: "support", Kind: "ack", Automatic: true, Status: gateway.OutboxSent,
		NextAttemptAt: at, CreatedAt: at, SentAt: &at, Mail: gateway.OutgoingMail{MessageID: fmt.Sprintf("ack-%d@helpdesk.example.com", i),
			To: []gateway.Address{{Name: from.Name, Address: from.Address}}, Subject: "[" + t.Reference + "] " + t.Subject, Text: "We have your request.\n"}}
	return tx.EnqueueMail(ctx, m)
}
