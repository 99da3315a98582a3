package store

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
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

// seedWords is the vocabulary of the seeded mail: a few words in most
// messages, the rest rarer, accents included.
var seedWords = []string{"printer", "printer", "printer", "invoice", "invoice", "caisse", "écran", "écran",
	"bloqué", "till", "report", "login", "password", "export", "zephyr"}

// A search lists, page by page, exactly the tickets a plain reference
// finds: those passing the filter with a message that holds every word,
// each once, newest first. The reference is a second index keyed by
// message, joined through messages, as a person would write it; the
// seeded mail adds messages to older tickets after newer ones exist, so
// message order is not ticket order.
func TestSearchMatchesReference(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "search.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.writer.ExecContext(ctx, `CREATE VIRTUAL TABLE ref_search USING fts5(subject, body, addresses,
		tokenize = 'unicode61 remove_diacritics 2')`); err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 3, 2, 12, 0, 0, 0, time.UTC)
	rnd := rand.New(rand.NewPCG(7, 16))
	pick := func(xs ...string) string { return xs[rnd.IntN(len(xs))] }
	var ticketIDs []int64
	statuses := []gateway.Status{gateway.StatusNew, gateway.StatusOpen, gateway.StatusWaiting, gateway.StatusResolved, gateway.StatusClosed}
	err = s.Update(ctx, func(tx gateway.Tx) error {
		x := tx.(*txn)
		for i := range 400 {
			ticketID := int64(0)
			if len(ticketIDs) == 0 || i < 30 || rnd.IntN(3) > 0 {
				due := now.Add(time.Duration(rnd.IntN(240)-120) * time.Minute)
				tk := &gateway.Ticket{Reference: gateway.FormatReference("SUP", 2026, int64(len(ticketIDs)+1)),
					Mailbox: pick("support", "support", "sales"), Status: statuses[rnd.IntN(len(statuses))],
					Priority: gateway.Priority(1 + rnd.IntN(5)), Customer: gateway.Address{Address: fmt.Sprintf("c%d@customer%d.example", i, i%7)},
					Subject: fmt.Sprintf("Case %d", len(ticketIDs)), Language: "en", CreatedAt: now, UpdatedAt: now,
					Tier: pick("", "", "gold", "silver")}
				tk.ResponseDue, tk.ResolutionDue = &due, &due
				if err := tx.CreateTicket(ctx, tk); err != nil {
					return err
				}
				tk.Assignee = pick("", "", "", "alice", "alice")
				if rnd.IntN(40) == 0 {
					tk.Assignee = "bob"
				}
				if rnd.IntN(4) == 0 {
					tk.SLAWarned = "at risk"
				}
				if err := tx.UpdateTicket(ctx, tk); err != nil {
					return err
				}
				ticketIDs = append(ticketIDs, tk.ID)
				ticketID = tk.ID
			} else {
				ticketID = ticketIDs[rnd.IntN(len(ticketIDs))] // a later message on an older ticket
			}
			var body strings.Builder
			for range 3 + rnd.IntN(8) {
				body.WriteString(seedWords[rnd.IntN(len(seedWords))] + " ")
			}
			tk, err := tx.TicketByID(ctx, ticketID)
			if err != nil {
				return err
			}
			raw := fmt.Sprintf("message %d", i)
			rawID, err := tx.PutRaw(ctx, fmt.Sprintf("%064d", i), strings.NewReader(raw), int64(len(raw)), now)
			if err != nil {
				return err
			}
			from := gateway.Address{Name: pick("Jane Roe", "Paul Durand"), Address: tk.Customer.Address}
			e := &gateway.Entry{TicketID: ticketID, RawID: rawID, Mailbox: tk.Mailbox, Direction: gateway.Inbound,
				AuthorKind: gateway.AuthorCustomer, Kind: "human", MessageID: fmt.Sprintf("m%d@customer.example", i),
				From: from, Subject: tk.Subject, SentAt: now, Text: body.String(), CreatedAt: now}
			if err := tx.AddEntry(ctx, e); err != nil {
				return err
			}
			_, err = x.tx.ExecContext(ctx, `INSERT INTO ref_search (rowid, subject, body, addresses) VALUES (?, ?, ?, ?)`,
				e.ID, e.Subject, e.Text, from.Name+" "+from.Address)
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	reference := func(f gateway.TicketFilter) []string {
		var out []string
		err := s.View(ctx, func(tx gateway.ReadTx) error {
			x := tx.(*txn)
			plain := f
			plain.Search, plain.Limit, plain.Before = "", 0, 0
			all, err := x.Tickets(ctx, plain)
			if err != nil {
				return err
			}
			rows, err := x.tx.QueryContext(ctx, `SELECT DISTINCT m.ticket_id FROM ref_search r JOIN messages m ON m.id = r.rowid
				WHERE ref_search MATCH ?`, searchQuery(f.Search))
			if err != nil {
				return err
			}
			defer rows.Close()
			hit := map[int64]bool{}
			for rows.Next() {
				var id int64
				if err := rows.Scan(&id); err != nil {
					return err
				}
				hit[id] = true
			}
			for _, tk := range all {
				if hit[tk.ID] {
					out = append(out, tk.Reference)
				}
			}
			return rows.Err()
		})
		if err != nil {
			t.Fatalf("reference %+v: %v", f, err)
		}
		return out
	}
	searches := []string{"printer", "print", "zephyr", "ZEPH", "ecran", "printer invoice", "invoice écran caisse",
		"zephyr login export", "case 17", "case 17 printer", "jane", "paul@", "c5@customer5.example", "nothingatall",
		"c", "customer printer", "1 invoice", "écr", "BLOQ", "p"}
	filters := []gateway.TicketFilter{{}, {Status: gateway.StatusOpen}, {Priority: 2}, {Mailbox: "sales"}, {Tier: "gold"},
		{Assignee: "bob"}, {Assignee: "alice", Status: gateway.StatusNew}, {Clock: gateway.SLABreached},
		{Clock: gateway.SLAAtRisk}, {Status: gateway.StatusOpen, Priority: 3, Mailbox: "support", Tier: "silver"}}
	defer func(n int) { fewTickets = n }(fewTickets)
	nonEmpty := 0
	// Each search and each filter both ways (a filter's tickets listed,
	// or each match's ticket read), in pages of a different size.
	passes := []struct{ few, page int }{{1, 6}, {1 << 30, 11}}
	for qi, q := range searches {
		for fi, f := range filters {
			pass := passes[(qi+fi)%2]
			fewTickets = pass.few
			f.Search, f.Now = q, now
			want := reference(f)
			if len(want) > 0 {
				nonEmpty++
			}
			for _, limit := range []int{0, pass.page} {
				f.Limit, f.Before = limit, 0
				var got []string
				for page := 0; ; page++ {
					var ts []gateway.Ticket
					err := s.View(ctx, func(tx gateway.ReadTx) error {
						var err error
						ts, err = tx.Tickets(ctx, f)
						return err
					})
					if err != nil {
						t.Fatalf("search %q %+v: %v", q, f, err)
					}
					for _, tk := range ts {
						got = append(got, tk.Reference)
					}
					if limit == 0 || len(ts) < limit || page > len(ticketIDs) {
						break
					}
					f.Before = ts[len(ts)-1].ID
				}
				if !slices.Equal(got, want) {
					t.Errorf("search %q, filter %+v, pages of %d (few=%d):\n got %v\nwant %v", q, f, limit, pass.few, got, want)
				}
			}
		}
	}
	// The comparison means something only if searches find tickets.
	t.Logf("%d of %d searches find a ticket", nonEmpty, len(searches)*len(filters))
	if nonEmpty < len(searches)*len(filters)/2 {
		t.Errorf("only %d of %d searches find a ticket, want half", nonEmpty, len(searches)*len(filters))
	}
}

// A database searched by the index keyed by message (before migration
// 0022) is indexed again by ticket when the store opens, and finds the
// same tickets.
func TestSearchRekeysEarlierIndex(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "keyed.db")
	old, err := openVersion(ctx, path, searchKeyVersion-1)
	if err != nil {
		t.Fatal(err)
	}
	// Today's code writes the columns of later migrations too: lend them
	// for the writing, and take them back before the upgrade adds them.
	if _, err := old.writer.ExecContext(ctx, `ALTER TABLE tickets ADD COLUMN priority_why TEXT NOT NULL DEFAULT ''`); err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)
	// Ticket 1's second message comes after ticket 2's first, so its ID
	// is no ticket's place in any order.
	texts := []struct {
		ticket int
		text   string
	}{{1, "printer jammed"}, {2, "invoice missing"}, {1, "scanner offline too"}, {3, "printer scanner both"}}
	var keys []int64
	err = old.Update(ctx, func(tx gateway.Tx) error {
		ids := map[int]int64{}
		for i, m := range texts {
			if ids[m.ticket] == 0 {
				tk := &gateway.Ticket{Reference: gateway.FormatReference("SUP", 2026, int64(m.ticket)), Mailbox: "support",
					Status: gateway.StatusOpen, Priority: 3, Customer: gateway.Address{Address: "c@customer.example"},
					Subject: "Help", CreatedAt: now, UpdatedAt: now}
				if err := tx.CreateTicket(ctx, tk); err != nil {
					return err
				}
				ids[m.ticket] = tk.ID
			}
			rawID, err := tx.PutRaw(ctx, fmt.Sprintf("%064d", i), strings.NewReader(m.text), int64(len(m.text)), now)
			if err != nil {
				return err
			}
			e := &gateway.Entry{TicketID: ids[m.ticket], RawID: rawID, Mailbox: "support", Direction: gateway.Inbound,
				AuthorKind: gateway.AuthorCustomer, Kind: "human", MessageID: fmt.Sprintf("m%d@customer.example", i),
				From: gateway.Address{Address: "c@customer.example"}, Subject: "Help", SentAt: now, Text: m.text, CreatedAt: now}
			if err := tx.AddEntry(ctx, e); err != nil {
				return err
			}
			keys = append(keys, e.ID)
		}
		// Leave the index as the earlier schema wrote it: one row per
		// message, under the message's ID.
		x := tx.(*txn)
		if _, err := x.tx.ExecContext(ctx, `DELETE FROM message_search`); err != nil {
			return err
		}
		for i, m := range texts {
			if _, err := x.tx.ExecContext(ctx, `INSERT INTO message_search (rowid, subject, body, addresses) VALUES (?, 'Help', ?, 'c@customer.example')`,
				keys[i], m.text); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := old.writer.ExecContext(ctx, `ALTER TABLE tickets DROP COLUMN priority_why`); err != nil {
		t.Fatal(err)
	}
	old.Close()
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for q, want := range map[string][]string{"scanner": {"SUP-2026-000003", "SUP-2026-000001"},
		"printer": {"SUP-2026-000003", "SUP-2026-000001"}, "invoice": {"SUP-2026-000002"},
		"printer jammed": {"SUP-2026-000001"}, "scanner jammed": nil} {
		var got []string
		err := s.View(ctx, func(tx gateway.ReadTx) error {
			ts, err := tx.Tickets(ctx, gateway.TicketFilter{Search: q})
			for _, tk := range ts {
				got = append(got, tk.Reference)
			}
			return err
		})
		if err != nil || !slices.Equal(got, want) {
			t.Errorf("search %q: %v %v, want %v", q, got, err, want)
		}
	}
}

// A typed word is spelled out as the few terms it starts, and stays a
// prefix when it starts many; words of other letters stay FTS5's.
func TestMatchQuerySpellsOutPrefixes(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "terms.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	now := time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)
	var body strings.Builder
	body.WriteString("Printer printers PRINTED écran ")
	for i := range maxExpansion + 1 {
		fmt.Fprintf(&body, "xy%d ", i)
	}
	err = s.Update(ctx, func(tx gateway.Tx) error {
		tk := &gateway.Ticket{Reference: gateway.FormatReference("SUP", 2026, 1), Mailbox: "support", Status: gateway.StatusOpen,
			Priority: 3, Customer: gateway.Address{Address: "c@customer.example"}, Subject: "Help", CreatedAt: now, UpdatedAt: now}
		if err := tx.CreateTicket(ctx, tk); err != nil {
			return err
		}
		rawID, err := tx.PutRaw(ctx, fmt.Sprintf("%064d", 1), strings.NewReader("x"), 1, now)
		if err != nil {
			return err
		}
		return tx.AddEntry(ctx, &gateway.Entry{TicketID: tk.ID, RawID: rawID, Mailbox: "support", Direction: gateway.Inbound,
			AuthorKind: gateway.AuthorCustomer, Kind: "human", MessageID: "m@customer.example",
			From: gateway.Address{Address: "c@customer.example"}, Subject: "Help", SentAt: now, Text: body.String(), CreatedAt: now})
	})
	if err != nil {
		t.Fatal(err)
	}
	for in, want := range map[string]string{
		"PRINTER":                    `("printer" OR "printers")`,
		"print":                      `("print" OR "printed" OR "printer" OR "printers")`,
		"printers":                   `"printers"`,
		"absent":                     `"absent"`,
		"xy":                         `"xy"*`, // more than maxExpansion terms
		"x":                          `"x"`,   // one character: a word of its own
		"écr":                        `"écr"*`,
		"c@customer.example printer": `"c@customer.example" AND ("printer" OR "printers")`,
	} {
		var got string
		err := s.View(ctx, func(tx gateway.ReadTx) error {
			var err error
			got, err = tx.(*txn).matchQuery(ctx, in)
			return err
		})
		if err != nil || got != want {
			t.Errorf("matchQuery(%q) = %s %v, want %s", in, got, err, want)
		}
	}
}

// A batch keeps its search rows until the commit: a message's place in a
// ticket opened in the same transaction is counted from those rows, so it
// must come out as the table would count it, also when a savepoint that
// had recorded a message (or a whole ticket, whose ID is then used again)
// was undone.
func TestSearchKeysOfABatch(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "batch.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	at := time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)
	errUndo := fmt.Errorf("undo")
	err = s.Update(ctx, func(tx gateway.Tx) error {
		rawID, err := tx.PutRaw(ctx, "sha-batch", strings.NewReader("x"), 1, at)
		if err != nil {
			return err
		}
		ticket := func(ref string) (*gateway.Ticket, error) {
			tk := &gateway.Ticket{Reference: ref, Mailbox: "support", Status: gateway.StatusNew, Priority: 3,
				Customer: gateway.Address{Address: "c@customer.example"}, CreatedAt: at, UpdatedAt: at}
			return tk, tx.CreateTicket(ctx, tk)
		}
		entry := func(tk *gateway.Ticket, text string) error {
			return tx.AddEntry(ctx, &gateway.Entry{TicketID: tk.ID, RawID: rawID, Mailbox: "support", Direction: gateway.Inbound,
				AuthorKind: gateway.AuthorCustomer, Kind: "human", Subject: "Help", Text: text, CreatedAt: at})
		}
		a, err := ticket("SUP-2026-000001")
		if err != nil {
			return err
		}
		steps := []func() error{
			func() error { return entry(a, "alphaword") },
			func() error {
				if err := entry(a, "undoneword"); err != nil {
					return err
				}
				return errUndo
			},
			func() error { return entry(a, "betaword") },
			func() error {
				b, err := ticket("SUP-2026-000002")
				if err != nil {
					return err
				}
				if err := entry(b, "undoneword"); err != nil {
					return err
				}
				return errUndo
			},
			func() error {
				c, err := ticket("SUP-2026-000003")
				if err != nil {
					return err
				}
				if err := entry(c, "gammaword"); err != nil {
					return err
				}
				return entry(a, "deltaword")
			},
		}
		for _, step := range steps {
			if err := tx.Savepoint(ctx, step); err != nil && err != errUndo {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	rows, err := s.writer.QueryContext(ctx, `SELECT m.ticket_id, (SELECT COUNT(*) FROM messages p WHERE p.ticket_id = m.ticket_id AND p.id < m.id)
		FROM messages m`)
	if err != nil {
		t.Fatal(err)
	}
	var want []int64
	for rows.Next() {
		var ticket, place int64
		if err := rows.Scan(&ticket, &place); err != nil {
			t.Fatal(err)
		}
		want = append(want, searchKey(ticket, place))
	}
	rows.Close()
	slices.Sort(want)
	var got []int64
	rows, err = s.writer.QueryContext(ctx, `SELECT rowid FROM message_search ORDER BY rowid`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var k int64
		if err := rows.Scan(&k); err != nil {
			t.Fatal(err)
		}
		got = append(got, k)
	}
	rows.Close()
	if len(want) != 4 || !slices.Equal(got, want) {
		t.Errorf("search keys %v, want %v (one per message, as counted in the table)", got, want)
	}
	// The third ticket took the ID of the undone second one.
	for q, ref := range map[string]string{"alphaword": "SUP-2026-000001", "betaword": "SUP-2026-000001",
		"deltaword": "SUP-2026-000001", "gammaword": "SUP-2026-000003", "undoneword": ""} {
		var ts []gateway.Ticket
		if err := s.View(ctx, func(tx gateway.ReadTx) error {
			ts, err = tx.Tickets(ctx, gateway.TicketFilter{Search: q})
			return err
		}); err != nil {
			t.Fatal(err)
		}
		if (ref == "" && len(ts) != 0) || (ref != "" && (len(ts) != 1 || ts[0].Reference != ref)) ||
			(q == "gammaword" && len(ts) == 1 && ts[0].ID != 2) {
			t.Errorf("search %q: %v, want %q", q, ts, ref)
		}
	}
}
