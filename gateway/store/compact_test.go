package store

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"testing"
	"time"

	"ticketgate/gateway"
)

func TestBodiesRoundTrip(t *testing.T) {
	for _, c := range []struct{ text, reply, html string }{
		{"", "", ""},
		{"Hello\nthe printer is down.\n\n> quoted", "Hello\nthe printer is down.", "<p>Hello</p>"},
		{"same", "same", ""},
		{"text", "not a span of the text", "<b>x</b>"},
		{"écran cassé — 画面", "cassé", ""},
	} {
		text, reply, html, err := UnpackBodies(PackBodies(c.text, c.reply, c.html))
		if err != nil || text != c.text || reply != c.reply || html != c.html {
			t.Errorf("%q: got %q %q %q, %v", c.text, text, reply, html, err)
		}
	}
	// A damaged record is an error or some text, never a panic.
	z := PackBodies("some text", "some", "<p>html</p>")
	for i := range z {
		b := append([]byte(nil), z...)
		b[i] ^= 0xff
		UnpackBodies(b)
	}
	if _, _, _, err := UnpackBodies(z[:len(z)/2]); err == nil {
		t.Error("a truncated record unpacked without error")
	}
}

// TestRawStoredInChunks stores a message larger than a chunk from a
// reader and reads it back byte for byte; a repeat is found by its hash.
func TestRawStoredInChunks(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "raw.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, size := range []int{0, 100, RawChunk, RawChunk + 1, 3*RawChunk + 17} {
		data := make([]byte, size)
		rnd := rand.New(rand.NewPCG(uint64(size), 1))
		for i := range data {
			data[i] = byte(rnd.IntN(64) + 32)
		}
		sum := sha256.Sum256(data)
		sha := hex.EncodeToString(sum[:])
		var id, again int64
		err := s.Update(ctx, func(tx gateway.Tx) error {
			var err error
			if id, err = tx.PutRaw(ctx, sha, bytes.NewReader(data), int64(size), time.Now()); err != nil {
				return err
			}
			again, err = tx.PutRaw(ctx, sha, bytes.NewReader(data), int64(size), time.Now())
			return err
		})
		if err != nil || again != id {
			t.Fatalf("size %d: put %d then %d, %v", size, id, again, err)
		}
		var back []byte
		var chunks int
		err = s.View(ctx, func(tx gateway.ReadTx) error {
			var err error
			back, err = rawOf(ctx, tx, id)
			return err
		})
		s.writer.QueryRowContext(ctx, `SELECT COUNT(*) FROM raw_chunks WHERE raw_id = ?`, id).Scan(&chunks)
		if err != nil || !bytes.Equal(back, data) {
			t.Fatalf("size %d: read back %d bytes, %v", size, len(back), err)
		}
		if want := 0; size > RawChunk {
			want = (size + RawChunk - 1) / RawChunk
			if chunks != want {
				t.Errorf("size %d: %d chunks, want %d", size, chunks, want)
			}
		} else if chunks != want {
			t.Errorf("size %d: %d chunks for a small message", size, chunks)
		}
	}
}

// TestRowsFromBeforeCompaction reads rows written the old way: raw bytes
// as they are, bodies in their own columns, outbox mail as plain JSON.
func TestRowsFromBeforeCompaction(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "old.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	at := formatTime(time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC))
	for _, q := range []string{
		`INSERT INTO raw_messages (id, sha256, size, data, created_at) VALUES (1, 'abc', 5, x'68656c6c6f', '` + at + `')`,
		`INSERT INTO tickets (id, reference, mailbox, status, priority, priority_reason, created_at, updated_at)
			VALUES (1, 'SUP-2026-000001', 'support', 'new', 3, 'x', '` + at + `', '` + at + `')`,
		`INSERT INTO messages (ticket_id, raw_id, mailbox, direction, author_kind, kind, body_text, body_reply, body_html, created_at)
			VALUES (1, 1, 'support', 'in', 'customer', 'human', 'old text', 'old', '<p>old</p>', '` + at + `')`,
		`INSERT INTO outbox (ticket_id, kind, to_address, subject, message_id, data, status, next_attempt_at, created_at)
			VALUES (1, 'ack', 'jane@customer.example', 'Hi', 'old@x', '{"subject":"Hi","text":"old ack"}', 'pending', '` + at + `', '` + at + `')`,
	} {
		if _, err := s.writer.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	err = s.View(ctx, func(tx gateway.ReadTx) error {
		raw, err := rawOf(ctx, tx, 1)
		if err != nil || string(raw) != "hello" {
			t.Errorf("old raw: %q, %v", raw, err)
		}
		es, err := tx.Entries(ctx, 1)
		if err != nil || len(es) != 1 || es[0].Text != "old text" || es[0].Reply != "old" || es[0].HTML != "<p>old</p>" {
			t.Errorf("old message: %+v, %v", es, err)
		}
		m, err := outboxByMessageID(ctx, tx, "old@x")
		if err != nil || m.Mail.Text != "old ack" {
			t.Errorf("old outbox row: %+v, %v", m, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestOutboxQuotingAMessage stores a notice that repeats a message's text:
// packed against that text it takes a fraction of the space, and reads
// back whole.
func TestOutboxQuotingAMessage(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "quote.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	rnd := rand.New(rand.NewPCG(5, 6))
	words := []string{"till", "printer", "écran", "facture", "network", "blocked", "since", "morning", "error", "reset"}
	var b []byte
	for len(b) < 6000 {
		b = append(b, words[rnd.IntN(len(words))]...)
		b = append(b, ' ')
	}
	text := string(b)
	now := time.Now()
	var sizes [2]int
	err = s.Update(ctx, func(tx gateway.Tx) error {
		rawID, err := tx.PutRaw(ctx, "q", bytes.NewReader(b), int64(len(b)), now)
		if err != nil {
			return err
		}
		e := &gateway.Entry{RawID: rawID, Mailbox: "support", Direction: gateway.Inbound, Kind: "human", Text: text, CreatedAt: now}
		if err := tx.AddEntry(ctx, e); err != nil {
			return err
		}
		for i, quotes := range []int64{0, e.ID} {
			m := &gateway.OutboxMail{Kind: "agent-new-ticket", Quotes: quotes, Status: gateway.OutboxPending,
				NextAttemptAt: now, CreatedAt: now}
			m.Mail.MessageID = fmt.Sprintf("n%d@x", i)
			m.Mail.Text, m.Mail.HTML = "New ticket:\n\n"+text, "<p>New ticket:</p><pre>"+text+"</pre>"
			if err := tx.EnqueueMail(ctx, m); err != nil {
				return err
			}
			// The writer's one connection is this transaction's: read through it.
			if err := tx.(*txn).tx.QueryRowContext(ctx, `SELECT length(data) FROM outbox WHERE id = ?`, m.ID).Scan(&sizes[i]); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// Less than the quoted text alone would take: it is not stored again.
	if alone := len(Deflate(b)); sizes[1] >= alone || sizes[1] >= sizes[0] {
		t.Errorf("quoting notice takes %d bytes, without the dictionary %d, the text alone %d: the quoted text is stored again",
			sizes[1], sizes[0], alone)
	}
	err = s.View(ctx, func(tx gateway.ReadTx) error {
		m, err := outboxByMessageID(ctx, tx, "n1@x")
		if err != nil {
			return err
		}
		if m.Mail.Text != "New ticket:\n\n"+text || m.Quotes == 0 {
			t.Errorf("read back %d bytes of text, quotes %d", len(m.Mail.Text), m.Quotes)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// rawOf reads a whole raw message back.
func rawOf(ctx context.Context, tx gateway.ReadTx, id int64) ([]byte, error) {
	var b bytes.Buffer
	err := tx.CopyRaw(ctx, id, &b)
	return b.Bytes(), err
}

// outboxByMessageID reads an outgoing mail, content and all, by its
// Message-ID.
func outboxByMessageID(ctx context.Context, tx gateway.ReadTx, id string) (*gateway.OutboxMail, error) {
	r, err := tx.OutboxRef(ctx, id)
	if err != nil {
		return nil, err
	}
	return tx.OutboxByID(ctx, r.ID)
}
