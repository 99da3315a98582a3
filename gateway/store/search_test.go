package store

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"ticketgate/gateway"
)

// Messages recorded before the search index existed are indexed when the
// store opens, bodies included (they are deflated, which the migration
// cannot read).
func TestSearchIndexesEarlierMessages(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	old, err := openVersion(ctx, path, searchVersion-1)
	if err != nil {
		t.Fatal(err)
	}
	now := formatTime(time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC))
	for i, w := range []string{"imprimante bloquée au troisième étage", "scanner offline since monday"} {
		if _, err := old.writer.ExecContext(ctx, `INSERT INTO raw_messages (sha256, size, data, created_at) VALUES (?, 1, x'00', ?)`, w, now); err != nil {
			t.Fatal(err)
		}
		if _, err := old.writer.ExecContext(ctx, `INSERT INTO tickets (reference, mailbox, status, priority, priority_reason,
			customer_address, subject, created_at, updated_at) VALUES (?, 'support', 'new', 3, '', ?, 'Help', ?, ?)`,
			gateway.FormatReference("SUP", 2026, int64(i+1)), "c@customer.example", now, now); err != nil {
			t.Fatal(err)
		}
		if _, err := old.writer.ExecContext(ctx, `INSERT INTO messages (ticket_id, raw_id, mailbox, direction, author_kind, kind,
			from_address, subject, bodies, created_at) VALUES (?, ?, 'support', 'in', 'customer', 'human', ?, 'Help', ?, ?)`,
			i+1, i+1, []string{"jane@customer.example", "paul@other.example"}[i], PackBodies(w, w, ""), now); err != nil {
			t.Fatal(err)
		}
	}
	old.Close()
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for q, want := range map[string]string{"imprimante bloquee": "SUP-2026-000001", "ETAGE": "SUP-2026-000001",
		"scan": "SUP-2026-000002", "paul@other.example": "SUP-2026-000002", `"offline" scanner*`: "SUP-2026-000002"} {
		var got []gateway.Ticket
		err := s.View(ctx, func(tx gateway.ReadTx) error {
			var err error
			got, err = tx.Tickets(ctx, gateway.TicketFilter{Search: q})
			return err
		})
		if err != nil || len(got) != 1 || got[0].Reference != want {
			t.Errorf("search %q: %v %v, want %s", q, got, err, want)
		}
	}
	// FTS5's own syntax is only text: no error, and no match.
	err = s.View(ctx, func(tx gateway.ReadTx) error {
		got, err := tx.Tickets(ctx, gateway.TicketFilter{Search: `monday OR NEAR( " subject:x *`})
		if len(got) != 0 {
			t.Errorf("operators matched: %v", got)
		}
		return err
	})
	if err != nil {
		t.Errorf("search with FTS5 syntax: %v", err)
	}
	var n int
	s.writer.QueryRowContext(ctx, `SELECT COUNT(*) FROM message_search_pending`).Scan(&n)
	if n != 0 {
		t.Errorf("%d messages left to index", n)
	}
}

// Whatever a person types, the search is a query FTS5 accepts.
func FuzzSearchQuery(f *testing.F) {
	for _, s := range []string{"printer", `"quoted"`, "a OR b", "NEAR(a b)", "col:x", "*", "^start", "-x", "(", `""`, "é", "x\x00y", "a-b_c.d@e"} {
		f.Add(s)
	}
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(f.TempDir(), "fuzz.db"))
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { s.Close() })
	f.Fuzz(func(t *testing.T, q string) {
		err := s.View(ctx, func(tx gateway.ReadTx) error {
			_, err := tx.Tickets(ctx, gateway.TicketFilter{Search: q, Limit: 1})
			return err
		})
		if err != nil {
			t.Fatalf("search %q: %v", q, err)
		}
	})
}
