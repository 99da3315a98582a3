package store

import (
	"context"
	"fmt"
	"strings"
	"unicode"

	"ticketgate/gateway"
)

// The full-text index (migration 0015) is written with each message, in
// the transaction that records it, so the index never disagrees with the
// messages; messages recorded before it existed are indexed when the
// store opens.

// indexEntry adds a message to the search index.
func (x *txn) indexEntry(ctx context.Context, e *gateway.Entry) error {
	body := e.Text
	if strings.TrimSpace(body) == "" {
		body = e.HTML // no text part and nothing derived: the HTML's words still count
	}
	for _, a := range e.Attachments {
		body += "\n" + a.Filename
	}
	addrs := []string{e.From.Name, e.From.Address}
	for _, a := range append(append([]gateway.Address{}, e.To...), e.Cc...) {
		addrs = append(addrs, a.Name, a.Address)
	}
	if _, err := x.tx.ExecContext(ctx, `INSERT INTO message_search (rowid, subject, body, addresses) VALUES (?, ?, ?, ?)`,
		e.ID, e.Subject, body, strings.Join(addrs, " ")); err != nil {
		return fmt.Errorf("index message %d for search: %w", e.ID, err)
	}
	return nil
}

// searchQuery turns what a person typed into an FTS5 query: every word
// must appear; a plain word matches the start of a term. Words are quoted, so
// FTS5's own syntax (AND, NEAR, column filters, quotes) in the input is
// only text.
func searchQuery(s string) string {
	var terms []string
	for _, w := range SearchWords(s) {
		q := `"` + strings.ReplaceAll(w, `"`, `""`) + `"`
		if !strings.ContainsFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
			// A plain word matches words it starts; an address or a
			// reference is a phrase of its parts, matched whole (a prefix
			// on its last part, "example", would read half the index).
			q += "*"
		}
		terms = append(terms, q)
	}
	return strings.Join(terms, " ")
}

// indexBatch is how many earlier messages one transaction indexes, so
// that a large database's first open does not hold the writer for long.
const indexBatch = 500

// indexPending indexes the messages recorded before the search index.
func (s *Store) indexPending(ctx context.Context) error {
	for {
		n := 0
		err := s.Update(ctx, func(gtx gateway.Tx) error {
			x := gtx.(*txn)
			rows, err := x.tx.QueryContext(ctx, `SELECT entry_id FROM message_search_pending ORDER BY entry_id LIMIT ?`, indexBatch)
			if err != nil {
				return err
			}
			var ids []int64
			for rows.Next() {
				var id int64
				if err := rows.Scan(&id); err != nil {
					rows.Close()
					return err
				}
				ids = append(ids, id)
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return err
			}
			for _, id := range ids {
				es, err := x.queryEntries(ctx, true, `id = ?`, id)
				if err != nil {
					return fmt.Errorf("message %d: %w", id, err)
				}
				for i := range es {
					if es[i].Attachments, err = x.attachments(ctx, id); err != nil {
						return err
					}
					if err := x.indexEntry(ctx, &es[i]); err != nil {
						return err
					}
				}
				if _, err := x.tx.ExecContext(ctx, `DELETE FROM message_search_pending WHERE entry_id = ?`, id); err != nil {
					return err
				}
			}
			n = len(ids)
			return nil
		})
		if err != nil {
			return fmt.Errorf("index earlier messages for search: %w", err)
		}
		if n < indexBatch {
			return nil
		}
	}
}

// searchVersion is the migration that made the search index.
const searchVersion = 15

// SearchWords splits what a person typed into the words a search must
// find, in every backend: runs of anything but spaces and control
// characters (FTS5 reads a NUL as the end of the query) that hold a
// letter or a digit (punctuation alone matches nothing).
func SearchWords(s string) []string {
	var words []string
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }) {
		if strings.ContainsFunc(w, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) {
			words = append(words, w)
		}
	}
	return words
}
