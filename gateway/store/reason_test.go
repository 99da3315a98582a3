package store

import (
	"context"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"ticketgate/gateway"
)

// A ticket's reason in parts is kept with it; a stored form that cannot
// be read (hand-edited, a later version's) leaves the English text.
func TestPriorityWhyRoundTrip(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "why.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	at := time.Date(2026, 11, 6, 16, 30, 0, 0, time.UTC)
	why := gateway.Reason{{Kind: gateway.ReasonEvidence, Concept: "scope-all", Text: `toutes "nos" caisses`},
		{Kind: gateway.ReasonSetAside, Concept: "break-down", Text: "en panne", Note: "hypothetical"}}
	tk := &gateway.Ticket{Reference: "SUP-2026-000001", Mailbox: "support", Status: gateway.StatusNew, Priority: 1,
		PriorityReason: "english text", PriorityWhy: why, CreatedAt: at, UpdatedAt: at}
	read := func() *gateway.Ticket {
		var got *gateway.Ticket
		if err := s.View(ctx, func(tx gateway.ReadTx) error {
			var err error
			got, err = tx.TicketByRef(ctx, tk.Reference)
			return err
		}); err != nil {
			t.Fatal(err)
		}
		return got
	}
	if err := s.Update(ctx, func(tx gateway.Tx) error { return tx.CreateTicket(ctx, tk) }); err != nil {
		t.Fatal(err)
	}
	if got := read(); !reflect.DeepEqual(got.PriorityWhy, why) {
		t.Errorf("created: %+v", got.PriorityWhy)
	}
	tk.PriorityWhy = gateway.Reason{{Kind: gateway.ReasonSetBy, Text: "alex@helpdesk.example.com"}}
	if err := s.Update(ctx, func(tx gateway.Tx) error { return tx.UpdateTicket(ctx, tk) }); err != nil {
		t.Fatal(err)
	}
	if got := read(); !reflect.DeepEqual(got.PriorityWhy, tk.PriorityWhy) {
		t.Errorf("updated: %+v", got.PriorityWhy)
	}
	if _, err := s.writer.ExecContext(ctx, `UPDATE tickets SET priority_why = '{not json' WHERE id = ?`, tk.ID); err != nil {
		t.Fatal(err)
	}
	if got := read(); got.PriorityWhy != nil || got.PriorityReason != "english text" {
		t.Errorf("unreadable parts: %+v, %q", got.PriorityWhy, got.PriorityReason)
	}
}
