package postgres

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"ticketgate/gateway"
	"ticketgate/gateway/store"
)

var t0 = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

// TestMigrateEmptyDatabase applies the migrations to an empty database,
// then opens it again (nothing to do) and refuses one from a newer binary.
func TestMigrateEmptyDatabase(t *testing.T) {
	ctx := context.Background()
	s, dsn := openTest(t)
	v, err := s.SchemaVersion(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if v != LatestVersion() || v == 0 {
		t.Fatalf("schema version %d, want %d", v, LatestVersion())
	}
	var tables int
	if err := s.pool.QueryRow(ctx, `SELECT COUNT(*) FROM information_schema.tables
		WHERE table_schema = 'public' AND table_name IN ('tickets', 'messages', 'outbox', 'raw_messages', 'leases',
		'admin_users', 'ref_counters', 'templates', 'health')`).Scan(&tables); err != nil {
		t.Fatal(err)
	}
	if tables != 9 {
		t.Errorf("%d of the 9 tables looked for exist", tables)
	}
	// Two processes starting together: the advisory lock lets one apply.
	var wg sync.WaitGroup
	errs := make([]error, 3)
	for i := range errs {
		wg.Go(func() {
			o, err := Open(ctx, dsn)
			if err == nil {
				o.Close()
			}
			errs[i] = err
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatalf("open again: %v", err)
	}
	var applied int
	if err := s.pool.QueryRow(ctx, `SELECT COUNT(*) FROM schema_migrations`).Scan(&applied); err != nil {
		t.Fatal(err)
	}
	if applied != len(must(migrations())) {
		t.Errorf("%d migrations recorded, want %d", applied, len(must(migrations())))
	}
	if err := s.IntegrityCheck(ctx); err != nil {
		t.Errorf("integrity check of a fresh database: %v", err)
	}
	if _, err := s.pool.Exec(ctx, `INSERT INTO schema_migrations VALUES (9999, '9999_future.sql', now())`); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(ctx, dsn); !errors.Is(err, store.ErrSchemaTooNew) {
		t.Fatalf("open a newer database: %v, want ErrSchemaTooNew", err)
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// TestReferenceNumbersTwoPools allocates numbers from two pools (two
// processes) at once, some in transactions that roll back: the numbers
// committed are 1..n, each once.
func TestReferenceNumbersTwoPools(t *testing.T) {
	ctx := context.Background()
	a, dsn := openTest(t)
	b := openAgain(t, dsn)
	const workers, each = 8, 25
	var (
		mu        sync.Mutex
		committed = map[int][]int64{}
		wg        sync.WaitGroup
		failed    atomic.Int64
	)
	errAbandon := errors.New("abandoned")
	for w := range workers {
		st := []*Store{a, b}[w%2]
		wg.Go(func() {
			for i := range each {
				year := 2026 + i%2
				var n int64
				err := st.Update(ctx, func(tx gateway.Tx) error {
					var err error
					if n, err = tx.NextReferenceNumber(ctx, "SUP", year); err != nil {
						return err
					}
					if i%5 == 4 {
						return errAbandon
					}
					return nil
				})
				switch {
				case errors.Is(err, errAbandon):
				case err != nil:
					t.Errorf("allocate: %v", err)
					failed.Add(1)
				default:
					mu.Lock()
					committed[year] = append(committed[year], n)
					mu.Unlock()
				}
			}
		})
	}
	wg.Wait()
	if failed.Load() > 0 {
		t.FailNow()
	}
	for year, ns := range committed {
		slices.Sort(ns)
		for i, n := range ns {
			if n != int64(i+1) {
				t.Fatalf("%d: numbers %v: want 1..%d, each once", year, ns, len(ns))
			}
		}
	}
	if total := len(committed[2026]) + len(committed[2027]); total != workers*each*4/5 {
		t.Errorf("%d numbers committed, want %d", total, workers*each*4/5)
	}
	// Another prefix counts on its own.
	var n int64
	if err := a.Update(ctx, func(tx gateway.Tx) error {
		var err error
		n, err = tx.NextReferenceNumber(ctx, "OC", 2026)
		return err
	}); err != nil || n != 1 {
		t.Fatalf("first OC number: %d, %v", n, err)
	}
}

func queueMail(t *testing.T, s *Store, n int) []int64 {
	t.Helper()
	ctx := context.Background()
	var ids []int64
	err := s.Update(ctx, func(tx gateway.Tx) error {
		for i := range n {
			m := &gateway.OutboxMail{Kind: "ack", Status: gateway.OutboxPending, NextAttemptAt: t0.Add(time.Duration(i) * time.Second),
				CreatedAt: t0, Automatic: true, Mailbox: "support",
				Mail: gateway.OutgoingMail{MessageID: fmt.Sprintf("m%d@helpdesk.example.com", i), Date: t0,
					From: gateway.Address{Address: "support@helpdesk.example.com"}, To: []gateway.Address{{Name: "Zoé", Address: "Zoe@Example.com"}},
					Subject: "Accusé de réception", Text: "Bonjour"}}
			if err := tx.EnqueueMail(ctx, m); err != nil {
				return err
			}
			ids = append(ids, m.ID)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return ids
}

// TestClaimSkipsLockedRows holds one claimer's transaction open while
// another claims: the second takes other rows at once instead of waiting
// for the first or taking the same ones.
func TestClaimSkipsLockedRows(t *testing.T) {
	ctx := context.Background()
	a, dsn := openTest(t)
	b := openAgain(t, dsn)
	queueMail(t, a, 10)
	now := t0.Add(time.Hour)
	claimed, release := make(chan []gateway.OutboxMail), make(chan struct{})
	firstDone := make(chan error, 1)
	go func() {
		runs := 0
		firstDone <- a.Update(ctx, func(tx gateway.Tx) error {
			ms, err := tx.ClaimOutbox(ctx, now, now.Add(gateway.ClaimFor), 4)
			if err != nil {
				return err
			}
			if runs++; runs == 1 {
				claimed <- ms
				<-release
			}
			return nil
		})
	}()
	first := <-claimed
	var second []gateway.OutboxMail
	secondDone := make(chan error, 1)
	go func() {
		secondDone <- b.Update(ctx, func(tx gateway.Tx) error {
			var err error
			second, err = tx.ClaimOutbox(ctx, now, now.Add(gateway.ClaimFor), 4)
			return err
		})
	}()
	select {
	case err := <-secondDone:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(time.Minute):
		close(release)
		t.Fatal("the second claimer waited for the first one's rows")
	}
	close(release)
	if err := <-firstDone; err != nil {
		t.Fatal(err)
	}
	if len(first) != 4 || len(second) != 4 {
		t.Fatalf("claimed %d and %d mails, want 4 each", len(first), len(second))
	}
	for _, m := range second {
		if slices.ContainsFunc(first, func(o gateway.OutboxMail) bool { return o.ID == m.ID }) {
			t.Errorf("outbox #%d claimed twice", m.ID)
		}
	}
	// The first claimer takes the oldest; the second the next ones.
	if first[0].Mail.MessageID != "m0@helpdesk.example.com" || second[0].Mail.MessageID != "m4@helpdesk.example.com" {
		t.Errorf("first claims %s…, second %s…", first[0].Mail.MessageID, second[0].Mail.MessageID)
	}
	if m := second[0]; m.ClaimedUntil == nil || !m.ClaimedUntil.Equal(now.Add(gateway.ClaimFor)) || m.Mail.To[0].Name != "Zoé" {
		t.Errorf("claimed row read back as %+v", m)
	}
}

// TestClaimersShareTheQueue drains a queue with two senders in two pools
// claiming in small batches and reporting each mail sent, at SERIALIZABLE
// (Update) and on row locks (UpdateLocked, what the gateway's outbox
// uses): every mail is claimed and sent exactly once.
func TestClaimersShareTheQueue(t *testing.T) {
	for _, mode := range []string{"Update", "UpdateLocked"} {
		t.Run(mode, func(t *testing.T) {
			ctx := context.Background()
			a, dsn := openTest(t)
			b := openAgain(t, dsn)
			ids := queueMail(t, a, 120)
			now := t0.Add(time.Hour)
			update := func(st *Store, fn func(gateway.Tx) error) error {
				if mode == "UpdateLocked" {
					return st.UpdateLocked(ctx, fn)
				}
				return st.Update(ctx, fn)
			}
			var (
				mu  sync.Mutex
				got = map[int64]int{}
				wg  sync.WaitGroup
			)
			for w := range 4 {
				st := []*Store{a, b}[w%2]
				wg.Go(func() {
					for {
						var ms []gateway.OutboxMail
						err := update(st, func(tx gateway.Tx) error {
							var err error
							ms, err = tx.ClaimOutbox(ctx, now, now.Add(gateway.ClaimFor), 7)
							return err
						})
						if err != nil {
							t.Errorf("claim: %v", err)
							return
						}
						if len(ms) == 0 {
							return
						}
						mu.Lock()
						for _, m := range ms {
							got[m.ID]++
						}
						mu.Unlock()
						for _, m := range ms {
							err := update(st, func(tx gateway.Tx) error {
								r, err := tx.OutboxByID(ctx, m.ID)
								if err != nil {
									return err
								}
								r.Status, r.Attempts, r.SentAt, r.ClaimedUntil = gateway.OutboxSent, r.Attempts+1, &now, nil
								return tx.UpdateOutbox(ctx, r)
							})
							if err != nil {
								t.Errorf("report #%d sent: %v", m.ID, err)
								return
							}
						}
					}
				})
			}
			wg.Wait()
			for _, id := range ids {
				if got[id] != 1 {
					t.Errorf("outbox #%d claimed %d times", id, got[id])
				}
			}
			err := a.View(ctx, func(tx gateway.ReadTx) error {
				for _, id := range ids {
					r, err := tx.OutboxByID(ctx, id)
					if err != nil {
						return err
					}
					if r.Status != gateway.OutboxSent || r.Attempts != 1 {
						t.Errorf("outbox #%d is %s after %d attempts, want sent after 1", id, r.Status, r.Attempts)
					}
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
		})
	}
}

// TestUpdateLockedLocksTheRowItReads runs two UpdateLocked transactions
// that each read one outbox row and count an attempt on it: the second
// waits at its read for the first to commit, so neither count is lost,
// as it would be at READ COMMITTED without the lock.
func TestUpdateLockedLocksTheRowItReads(t *testing.T) {
	ctx := context.Background()
	a, dsn := openTest(t)
	b := openAgain(t, dsn)
	id := queueMail(t, a, 1)[0]
	attempt := func(tx gateway.Tx) error {
		r, err := tx.OutboxByID(ctx, id)
		if err != nil {
			return err
		}
		r.Attempts++
		return tx.UpdateOutbox(ctx, r)
	}
	read, release := make(chan struct{}), make(chan struct{})
	first := make(chan error, 1)
	go func() {
		first <- a.UpdateLocked(ctx, func(tx gateway.Tx) error {
			if _, err := tx.OutboxByID(ctx, id); err != nil {
				return err
			}
			close(read)
			<-release
			return attempt(tx)
		})
	}()
	<-read
	released := false
	defer func() {
		if !released {
			close(release)
			<-first
		}
	}()
	second := make(chan error, 1)
	go func() { second <- b.UpdateLocked(ctx, attempt) }()
	// The second transaction is seen waiting for a lock before the first
	// goes on.
	deadline := time.Now().Add(30 * time.Second)
	for {
		var waiting int
		if err := a.pool.QueryRow(ctx, `SELECT count(*) FROM pg_stat_activity
			WHERE datname = current_database() AND wait_event_type = 'Lock'`).Scan(&waiting); err != nil {
			t.Fatal(err)
		}
		if waiting > 0 {
			break
		}
		select {
		case err := <-second:
			t.Fatalf("the second transaction ran while the first held the row read (error %v)", err)
		default:
		}
		if time.Now().After(deadline) {
			t.Fatal("the second transaction never waited for the row")
		}
		runtime.Gosched()
	}
	close(release)
	released = true
	if err := <-first; err != nil {
		t.Fatal(err)
	}
	if err := <-second; err != nil {
		t.Fatal(err)
	}
	err := a.View(ctx, func(tx gateway.ReadTx) error {
		r, err := tx.OutboxByID(ctx, id)
		if err != nil {
			return err
		}
		if r.Attempts != 2 {
			t.Errorf("%d attempts counted, want 2", r.Attempts)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestUpdateRetriesConflicts makes two transactions read the same ticket
// and both change it: SERIALIZABLE fails one, Update runs it again, and
// both changes stand.
func TestUpdateRetriesConflicts(t *testing.T) {
	ctx := context.Background()
	a, dsn := openTest(t)
	b := openAgain(t, dsn)
	tk := &gateway.Ticket{Reference: "SUP-2026-000001", Mailbox: "support", Status: gateway.StatusNew, Priority: 3,
		PriorityReason: "default", CreatedAt: t0, UpdatedAt: t0}
	if err := a.Update(ctx, func(tx gateway.Tx) error { return tx.CreateTicket(ctx, tk) }); err != nil {
		t.Fatal(err)
	}
	var (
		read  sync.WaitGroup
		runs  atomic.Int64
		wg    sync.WaitGroup
		flags = []string{"first", "second"}
	)
	read.Add(2)
	for i, st := range []*Store{a, b} {
		wg.Go(func() {
			once := sync.OnceFunc(read.Done)
			err := st.Update(ctx, func(tx gateway.Tx) error {
				runs.Add(1)
				cur, err := tx.TicketByID(ctx, tk.ID)
				if err != nil {
					return err
				}
				// Both read before either writes, on the first run.
				once()
				read.Wait()
				cur.AddFlag(flags[i])
				return tx.UpdateTicket(ctx, cur)
			})
			if err != nil {
				t.Errorf("update %d: %v", i, err)
			}
		})
	}
	wg.Wait()
	if runs.Load() < 3 {
		t.Errorf("%d runs of fn: one of the two should have been run again", runs.Load())
	}
	var got *gateway.Ticket
	if err := a.View(ctx, func(tx gateway.ReadTx) error {
		var err error
		got, err = tx.TicketByID(ctx, tk.ID)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if !got.HasFlag("first") || !got.HasFlag("second") {
		t.Errorf("flags %v: a change was lost", got.Flags)
	}
}

// TestSavepointReportsConflicts: a serialization failure inside a
// savepoint cannot be rolled back to; Savepoint says the transaction is
// broken, and Update runs everything again.
func TestSavepointReportsConflicts(t *testing.T) {
	ctx := context.Background()
	a, dsn := openTest(t)
	b := openAgain(t, dsn)
	var (
		read   sync.WaitGroup
		wg     sync.WaitGroup
		runs   atomic.Int64
		broken atomic.Int64
	)
	read.Add(2)
	for i, st := range []*Store{a, b} {
		wg.Go(func() {
			once := sync.OnceFunc(read.Done)
			err := st.Update(ctx, func(tx gateway.Tx) error {
				runs.Add(1)
				err := tx.Savepoint(ctx, func() error {
					n, err := tx.CountMail(ctx, gateway.MailCount{})
					if err != nil {
						return err
					}
					once()
					read.Wait()
					return tx.EnqueueMail(ctx, &gateway.OutboxMail{Kind: "ack", Status: gateway.OutboxPending, NextAttemptAt: t0,
						CreatedAt: t0, Mail: gateway.OutgoingMail{MessageID: fmt.Sprintf("n%d-%d@h", n, i),
							To: []gateway.Address{{Address: "a@example.com"}}}})
				})
				if errors.Is(err, gateway.ErrTxBroken) {
					broken.Add(1)
					return err
				}
				// As the gateway's batch does: a failed savepoint is one
				// message's failure, the rest commits.
				return nil
			})
			if err != nil {
				t.Errorf("update %d: %v", i, err)
			}
		})
	}
	wg.Wait()
	var n int
	a.View(ctx, func(tx gateway.ReadTx) error {
		var err error
		n, err = tx.CountMail(ctx, gateway.MailCount{})
		return err
	})
	if n != 2 {
		t.Errorf("%d mails queued, want 2", n)
	}
	// PostgreSQL reports the conflict inside the savepoint or at the
	// commit; either way the loser runs again.
	if runs.Load() < 3 {
		t.Errorf("%d runs (%d broken savepoints): the conflict was not run again", runs.Load(), broken.Load())
	}
}

// TestTextKeepsWhatTextRefuses stores what PostgreSQL's text cannot
// hold (NUL, invalid UTF-8, the escape character itself) and reads it
// back exactly; equality finds it, and the raw message keeps every byte.
func TestTextKeepsWhatTextRefuses(t *testing.T) {
	ctx := context.Background()
	s, _ := openTest(t)
	raw := []byte("Subject: a\x00b\r\n\r\n\xff\xfe body")
	odd := "a\x00b \xff \uE000 \uE0000 \uE000x41 end\uE000"
	in := &gateway.Entry{Mailbox: "support", Direction: gateway.Inbound, AuthorKind: gateway.AuthorUnknown,
		Kind: "human", MessageID: "x\x00y@h", Subject: odd, From: gateway.Address{Name: "N\x00", Address: "n@example.com"},
		To: []gateway.Address{{Name: "T\x00\xff", Address: "t@example.com"}}, Problems: []string{"bad \x00"},
		InReplyTo: []string{"r\x00@h"}, Text: "text\x00kept", CreatedAt: t0}
	err := s.Update(ctx, func(tx gateway.Tx) error {
		rid, err := tx.PutRaw(ctx, "0123456789abcdef0123", bytes.NewReader(raw), int64(len(raw)), t0)
		if err != nil {
			return err
		}
		in.RawID = rid
		return tx.AddEntry(ctx, in)
	})
	if err != nil {
		t.Fatal(err)
	}
	err = s.View(ctx, func(tx gateway.ReadTx) error {
		es, err := tx.EntriesByMessageID(ctx, "x\x00y@h")
		if err != nil {
			return err
		}
		if len(es) != 1 {
			return fmt.Errorf("%d entries by the Message-ID", len(es))
		}
		e := es[0]
		if e.Subject != odd || e.From.Name != "N\x00" || e.To[0].Name != "T\x00\xff" || e.Problems[0] != "bad \x00" ||
			e.InReplyTo[0] != "r\x00@h" {
			return fmt.Errorf("read back %+v", e)
		}
		var b bytes.Buffer
		if err := tx.CopyRaw(ctx, e.RawID, &b); err != nil {
			return err
		}
		if !bytes.Equal(b.Bytes(), raw) {
			return fmt.Errorf("raw message read back as %q", b.Bytes())
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var stored []byte
	if err := s.pool.QueryRow(ctx, `SELECT subject FROM messages`).Scan(&stored); err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(stored, []byte("a\uE0000b")) {
		t.Errorf("stored subject %q: the NUL is not escaped", stored)
	}
	for _, s := range []string{"", "plain", "\x00", "\uE000", "\uE000\uE000x", "\uE000x4", "\xff\x00\uE000", "é\uE0000"} {
		if got := unescapeText(escapeText(s)); got != s {
			t.Errorf("escape round trip of %q gives %q", s, got)
		}
	}
}

// TestSearchVector checks the words a message is found by.
func TestSearchQueries(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"résolu", `'resolu':*`},
		{"Imprimante HS", `'imprimante':* & 'hs':*`},
		{"jean@example.com", `('jean' <-> 'example' <-> 'com')`},
		{"SUP-2026-000012", `('sup' <-> '2026' <-> '000012')`},
		{`l'imprimante`, `('l' <-> 'imprimante')`},
		{`"quoted" & !bang :*`, `('quoted') & ('bang')`},
		{"back\\slash", `('back' <-> 'slash')`},
		{"", ""},
		{" -- ", ""},
	} {
		if got := searchQuery(c.in); got != c.want {
			t.Errorf("searchQuery(%q) = %s, want %s", c.in, got, c.want)
		}
	}
	v := &vectorBuilder{pos: map[string][]int{}}
	v.add("L'été, l'été")
	v.add("x")
	if got := v.literal(); got != `'l':1,3 'ete':2,4 'x':6` {
		t.Errorf("vector %s", got)
	}
}

// TestSearchFindsOnPostgreSQL searches stored messages with the server's
// own operators: accents, prefixes, addresses, references.
func TestSearchFindsOnPostgreSQL(t *testing.T) {
	ctx := context.Background()
	s, _ := openTest(t)
	var ticket gateway.Ticket
	err := s.Update(ctx, func(tx gateway.Tx) error {
		ticket = gateway.Ticket{Reference: "SUP-2026-000007", Mailbox: "support", Status: gateway.StatusNew, Priority: 3,
			PriorityReason: "default", CreatedAt: t0, UpdatedAt: t0}
		if err := tx.CreateTicket(ctx, &ticket); err != nil {
			return err
		}
		rid, err := tx.PutRaw(ctx, "feedfacefeedfacefeed", strings.NewReader("x"), 1, t0)
		if err != nil {
			return err
		}
		return tx.AddEntry(ctx, &gateway.Entry{TicketID: ticket.ID, RawID: rid, Mailbox: "support", Direction: gateway.Inbound,
			AuthorKind: gateway.AuthorCustomer, Kind: "human", Subject: "L'imprimante est en panne",
			From: gateway.Address{Name: "Zoé Martin", Address: "zoe.martin@example.fr"},
			Text: "Le problème n'est pas résolu depuis SUP-2026-000003.", CreatedAt: t0,
			Attachments: []gateway.Attachment{{Filename: "rapport-erreur.pdf", ContentType: "application/pdf", Size: 1, SHA256: "x"}}})
	})
	if err != nil {
		t.Fatal(err)
	}
	for q, want := range map[string]bool{
		"resolu": true, "RÉSOLU": true, "imprim panne": true, "zoe.martin@example.fr": true, "martin@example.fr": true,
		"SUP-2026-000003": true, "rapport": true, "imprimante absent": false, "zoe.martin@example.com": false,
		"SUP-2026-000004": false, "'); DROP TABLE messages; --": false,
	} {
		var ts []gateway.Ticket
		if err := s.View(ctx, func(tx gateway.ReadTx) error {
			var err error
			ts, err = tx.Tickets(ctx, gateway.TicketFilter{Search: q})
			return err
		}); err != nil {
			t.Fatalf("search %q: %v", q, err)
		}
		if got := len(ts) == 1; got != want {
			t.Errorf("search %q found %d tickets, want found=%v", q, len(ts), want)
		}
	}
}

// TestTimesKeepNanoseconds: an instant reads back the same to the
// nanosecond, in UTC; the zero time stays zero; unixnano_time shows a
// stored time to people as a timestamptz.
func TestTimesKeepNanoseconds(t *testing.T) {
	ctx := context.Background()
	s, _ := openTest(t)
	paris := time.FixedZone("CET", 3600)
	at := time.Date(2026, 11, 23, 10, 0, 0, 123456789, paris)
	tk := &gateway.Ticket{Reference: "SUP-2026-000001", Mailbox: "support", Status: gateway.StatusNew, Priority: 3,
		PriorityReason: "default", CreatedAt: at}
	tk.ResponseDue = &at
	if err := s.Update(ctx, func(tx gateway.Tx) error { return tx.CreateTicket(ctx, tk) }); err != nil {
		t.Fatal(err)
	}
	var got *gateway.Ticket
	if err := s.View(ctx, func(tx gateway.ReadTx) error {
		var err error
		got, err = tx.TicketByID(ctx, tk.ID)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if !got.CreatedAt.Equal(at) || got.CreatedAt.Location() != time.UTC || !got.ResponseDue.Equal(at) || !got.UpdatedAt.IsZero() ||
		got.ResolutionDue != nil {
		t.Errorf("read back created %v, due %v, updated %v, resolution due %v", got.CreatedAt, got.ResponseDue, got.UpdatedAt, got.ResolutionDue)
	}
	var shown time.Time
	if err := s.pool.QueryRow(ctx, `SELECT unixnano_time(created_at) FROM tickets`).Scan(&shown); err != nil {
		t.Fatal(err)
	}
	if !shown.Equal(at.Truncate(time.Microsecond)) {
		t.Errorf("unixnano_time shows %v, want %v", shown, at.Truncate(time.Microsecond))
	}
}

// TestOrphanClaimsFreed: the claims of a process whose instance lease
// ran out are freed; those of a live one stay.
func TestOrphanClaimsFreed(t *testing.T) {
	ctx := context.Background()
	a, dsn := openTest(t)
	b := openAgain(t, dsn)
	queueMail(t, a, 6)
	now := t0.Add(time.Hour)
	alive, gone := store.Holder{ID: "alive", Host: "h1", PID: 1}, store.Holder{ID: "gone", Host: "h2", PID: 2}
	for _, c := range []struct {
		s  *Store
		me store.Holder
	}{{a, alive}, {b, gone}} {
		c.s.ClaimAs(c.me.ID)
		if err := c.s.AcquireLease(ctx, InstanceLease(c.me.ID), c.me, now, time.Minute, func(store.Holder) bool { return false }); err != nil {
			t.Fatal(err)
		}
		if err := c.s.Update(ctx, func(tx gateway.Tx) error {
			_, err := tx.ClaimOutbox(ctx, now, now.Add(gateway.ClaimFor), 3)
			return err
		}); err != nil {
			t.Fatal(err)
		}
	}
	// One minute on, "alive" renewed its lease; "gone" did not.
	later := now.Add(time.Minute + time.Second)
	if err := a.RenewLease(ctx, InstanceLease(alive.ID), alive, later, time.Minute); err != nil {
		t.Fatal(err)
	}
	n, err := a.ReleaseOrphanClaims(ctx, later)
	if err != nil || n != 3 {
		t.Fatalf("freed %d claims, %v; want the 3 of the process gone", n, err)
	}
	var got []gateway.OutboxMail
	if err := a.Update(ctx, func(tx gateway.Tx) error {
		var err error
		got, err = tx.ClaimOutbox(ctx, later, later.Add(gateway.ClaimFor), 10)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 || got[0].Mail.MessageID != "m3@helpdesk.example.com" {
		t.Errorf("claimable after the release: %d mails, first %v", len(got), got)
	}
}

// TestPriorityWhyRoundTrip: a ticket's reason in parts is kept with it,
// the customer's words as they were, NUL included.
func TestPriorityWhyRoundTrip(t *testing.T) {
	ctx := context.Background()
	s, _ := openTest(t)
	why := gateway.Reason{{Kind: gateway.ReasonEvidence, Concept: "scope-all", Text: "toutes \"nos\" caisses\x00"},
		{Kind: gateway.ReasonSetAside, Concept: "break-down", Text: "en panne", Note: "hypothetical"}}
	tk := &gateway.Ticket{Reference: "SUP-2026-000001", Mailbox: "support", Status: gateway.StatusNew, Priority: 1,
		PriorityReason: "english text", PriorityWhy: why, CreatedAt: t0, UpdatedAt: t0}
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
	tk.PriorityWhy = nil
	if err := s.Update(ctx, func(tx gateway.Tx) error { return tx.UpdateTicket(ctx, tk) }); err != nil {
		t.Fatal(err)
	}
	if got := read(); got.PriorityWhy != nil || got.PriorityReason != "english text" {
		t.Errorf("updated to none: %+v", got.PriorityWhy)
	}
}
