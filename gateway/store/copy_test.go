package store

import (
	"bytes"
	"context"
	"errors"
	"path/filepath"
	"testing"

	"ticketgate/gateway"
)

// A database from before packed bodies and deflated raw mail copies into
// a new one whole: the old rows read as the new ones, the copy verifies,
// and the copy's search index finds its mail.
func TestCopyAnOldDatabase(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	old, err := openVersion(ctx, filepath.Join(dir, "old.db"), 6)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`INSERT INTO raw_messages (id, sha256, size, data, created_at) VALUES (7, 'abc', 3, x'616263', '2026-03-02T09:00:00.000000000Z')`,
		`INSERT INTO tickets (id, reference, mailbox, status, priority, priority_reason, subject, flags, created_at, updated_at)
			VALUES (3, 'SUP-2026-000003', 'support', 'new', 3, 'default', 'Vieille panne', 'needs-human,x', '2026-03-02T09:00:00.000000000Z',
			'2026-03-02T09:00:00.000000000Z')`,
		`INSERT INTO messages (id, ticket_id, raw_id, mailbox, direction, author_kind, kind, subject, in_reply_to, body_text, body_reply,
			body_html, created_at) VALUES (5, 3, 7, 'support', 'in', 'customer', 'human', 'Vieille panne', 'a@h b@h', 'old text, résolu',
			'old text', '<p>old</p>', '2026-03-02T09:00:00.000000000Z')`,
	} {
		if _, err := old.writer.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	old.Close()
	from, err := Open(ctx, filepath.Join(dir, "old.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer from.Close()
	to, err := Open(ctx, filepath.Join(dir, "new.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer to.Close()
	sums, err := Copy(ctx, from, to)
	if err != nil {
		t.Fatal(err)
	}
	if sums[3].Table != "messages" || sums[3].Rows != 1 || sums[2].Rows != 1 {
		t.Fatalf("sums %+v", sums)
	}
	err = to.View(ctx, func(tx gateway.ReadTx) error {
		es, err := tx.Entries(ctx, 3)
		if err != nil {
			return err
		}
		if len(es) != 1 || es[0].Text != "old text, résolu" || es[0].Reply != "old text" || es[0].HTML != "<p>old</p>" ||
			len(es[0].InReplyTo) != 2 {
			return errors.New("the old message read back wrong")
		}
		var raw bytes.Buffer
		if err := tx.CopyRaw(ctx, 7, &raw); err != nil || raw.String() != "abc" {
			return errors.New("the old raw message read back wrong")
		}
		tk, err := tx.TicketByID(ctx, 3)
		if err != nil || len(tk.Flags) != 2 {
			return errors.New("the old ticket read back wrong")
		}
		found, err := tx.Tickets(ctx, gateway.TicketFilter{Search: "resolu"})
		if err != nil || len(found) != 1 {
			return errors.New("the copy's search does not find the old message")
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Copy(ctx, from, to); !errors.Is(err, ErrNotEmpty) {
		t.Errorf("a second copy into the same database: %v, want ErrNotEmpty", err)
	}
	// A change the copy does not have shows in the checksums.
	if _, err := from.writer.ExecContext(ctx, `UPDATE tickets SET subject = 'changed'`); err != nil {
		t.Fatal(err)
	}
	a, _ := Checksums(ctx, from)
	b, _ := Checksums(ctx, to)
	if a[2].Sum == b[2].Sum || a[2].Rows != b[2].Rows || a[3] != b[3] {
		t.Errorf("checksums after a change: %+v vs %+v", a[2:4], b[2:4])
	}
}
