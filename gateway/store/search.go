package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"ticketgate/gateway"
)

// The full-text index (migrations 0015, 0022) is written in the
// transaction that records each message, so the index never disagrees
// with the messages; messages recorded before it existed (or before its
// keys changed) are indexed when the store opens.
//
// Its rows are written when the transaction commits, not as each message
// is recorded: FTS5 flushes what it holds to a new segment at every
// savepoint once it has been written in the transaction, so a batch with a
// savepoint per message wrote (and then merged) a segment per message. A
// savepoint that fails drops its pending rows with the rest of its work.
//
// A row's rowid is a search key, not the message's ID: the ticket's ID in
// the high bits and the message's place in its ticket in the low
// keyPlaceBits. FTS5 hands out rows in rowid order, so matches come
// newest ticket first, a ticket's messages side by side, and a page of
// tickets is the first rows of the match.

// keyPlaceBits is how many low bits of a search key number a message
// within its ticket: 16 million messages a ticket, 500 billion tickets.
const keyPlaceBits = 24

func searchKey(ticketID, place int64) int64 { return ticketID<<keyPlaceBits | place }

func keyTicket(key int64) int64 { return key >> keyPlaceBits }

// searchRow is a message's row of the search index, written at commit.
type searchRow struct {
	entryID, ticketID, key int64
	subject, body, addrs   string
}

// indexEntry queues a message for the search index.
func (x *txn) indexEntry(ctx context.Context, e *gateway.Entry) error {
	if e.TicketID == 0 {
		return nil // no ticket to find it by
	}
	var place int64
	if x.fresh[e.TicketID] {
		// Every message of a ticket opened in this transaction is one of
		// its pending rows: no need to count them in the table.
		for _, r := range x.search {
			if r.ticketID == e.TicketID {
				place++
			}
		}
	} else if err := x.tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM messages WHERE ticket_id = ? AND id < ?`,
		e.TicketID, e.ID).Scan(&place); err != nil {
		return fmt.Errorf("index message %d for search: %w", e.ID, err)
	}
	if place >= 1<<keyPlaceBits {
		// Only a mail loop makes a ticket this long; its later messages
		// are kept, not searchable, rather than refused.
		return nil
	}
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
	x.search = append(x.search, searchRow{entryID: e.ID, ticketID: e.TicketID, key: searchKey(e.TicketID, place),
		subject: e.Subject, body: body, addrs: strings.Join(addrs, " ")})
	return nil
}

// writeSearch writes the pending rows of the search index; Update calls
// it last, outside any savepoint, so that FTS5 writes one segment.
func (x *txn) writeSearch(ctx context.Context) error {
	for _, r := range x.search {
		if _, err := x.tx.ExecContext(ctx, `INSERT INTO message_search (rowid, subject, body, addresses) VALUES (?, ?, ?, ?)`,
			r.key, r.subject, r.body, r.addrs); err != nil {
			return fmt.Errorf("index message %d for search: %w", r.entryID, err)
		}
	}
	x.search = nil
	return nil
}

// searchQuery turns what a person typed into an FTS5 query: every word
// must appear; a plain word matches the start of a term. Words are quoted, so
// FTS5's own syntax (AND, NEAR, column filters, quotes) in the input is
// only text.
func searchQuery(s string) string {
	var terms []string
	for _, w := range searchWords(s) {
		terms = append(terms, w.query())
	}
	return strings.Join(terms, " ")
}

// searchWord is one word of a search.
type searchWord struct {
	text   string
	prefix bool // see PrefixWord
}

func (w searchWord) query() string {
	q := quoteTerm(w.text)
	if w.prefix {
		q += "*"
	}
	return q
}

func quoteTerm(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

func searchWords(s string) []searchWord {
	var out []searchWord
	for _, w := range SearchWords(s) {
		out = append(out, searchWord{text: w, prefix: PrefixWord(w)})
	}
	return out
}

// maxExpansion is how many longer terms a prefix may stand for and still
// be spelled out.
const maxExpansion = 16

// matchQuery is searchQuery's query made cheaper to read, matching the
// same messages. FTS5 answers a prefix ("printer"*) by merging the lists
// of every term it starts, in full, before the first row: with a common
// word, most of a page's time. Yet the word typed is usually whole, and
// the index holds few longer terms starting with it: spelled out,
// ("printer" OR "printers"), FTS5 reads the lists side by side and stops
// with the page. The longer terms come from the index's vocabulary; only
// ASCII words are spelled out, whose term is their lower case (the
// tokenizer's folding of other letters stays its own); a prefix of many
// terms stays a prefix.
func (x *txn) matchQuery(ctx context.Context, s string) (string, error) {
	var terms []string
	for _, w := range searchWords(s) {
		if !w.prefix || strings.ContainsFunc(w.text, func(r rune) bool { return r >= utf8.RuneSelf }) {
			terms = append(terms, w.query())
			continue
		}
		term := strings.ToLower(w.text)
		// Terms after term itself (no term holds a control character)
		// that start with it: every byte of UTF-8 is below 0xff.
		rows, err := x.tx.QueryContext(ctx, `SELECT term FROM message_search_terms WHERE term >= ? AND term <= ? LIMIT ?`,
			term+"\x01", term+"\xff", maxExpansion+1)
		if err != nil {
			return "", fmt.Errorf("read the search vocabulary: %w", err)
		}
		alts := []string{quoteTerm(term)}
		for rows.Next() {
			var t string
			if err := rows.Scan(&t); err != nil {
				rows.Close()
				return "", fmt.Errorf("read the search vocabulary: %w", err)
			}
			alts = append(alts, quoteTerm(t))
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return "", fmt.Errorf("read the search vocabulary: %w", err)
		}
		switch {
		case len(alts) > maxExpansion+1:
			terms = append(terms, w.query())
		case len(alts) == 1:
			terms = append(terms, alts[0])
		default:
			terms = append(terms, "("+strings.Join(alts, " OR ")+")")
		}
	}
	return strings.Join(terms, " AND "), nil
}

// fewTickets is the size below which a filter's tickets are listed once
// for a search to look its matches up in: listing costs a few
// microseconds a ticket, looking a match's ticket up by ID about as much
// a match.
var fewTickets = 2000 // a variable so that tests can take either way

// searchTickets lists, newest first, the tickets that pass the filter
// where (over tickets' columns, with its args) and have a message
// matching the FTS5 query match. The match is read in key order, newest
// ticket first, and reading stops once the page is full: a common word
// costs a page's worth of rows, not every message that holds it.
func (x *txn) searchTickets(ctx context.Context, where string, args []any, f gateway.TicketFilter) ([]gateway.Ticket, error) {
	match, err := x.matchQuery(ctx, f.Search)
	if err != nil {
		return nil, fmt.Errorf("search tickets: %w", err)
	}
	q := `SELECT rowid FROM message_search WHERE message_search MATCH ?`
	qargs := []any{match}
	if f.Before > 0 {
		q += ` AND rowid < ?`
		qargs = append(qargs, searchKey(f.Before, 0))
	}
	if where != "1=1" {
		before := ""
		if f.Before > 0 {
			before = ` AND id < ?`
		}
		// The filter's first fewTickets tickets, read once: their number
		// chooses the way, and when they are all, their list is the
		// filter.
		var (
			n      int
			lo, hi sql.NullInt64
			list   string
		)
		err := x.tx.QueryRowContext(ctx, `SELECT COUNT(*), MIN(id), MAX(id), json_group_array(id)
			FROM (SELECT id FROM tickets WHERE `+where+before+` LIMIT ?)`,
			append(append(append([]any{}, args...), beforeArg(f.Before)...), fewTickets)...).Scan(&n, &lo, &hi, &list)
		if err != nil {
			return nil, fmt.Errorf("search tickets: %w", err)
		}
		if n == 0 {
			return nil, nil
		}
		if n < fewTickets {
			// Few tickets pass: each match is looked up in their list
			// (the key's ticket is its high bits, which FTS5 cannot seek
			// on), and only the keys between the first and the last of
			// them are read.
			q += ` AND rowid >= ? AND rowid < ? AND (rowid >> ` + fmt.Sprint(keyPlaceBits) + `) IN (SELECT value FROM json_each(?))`
			qargs = append(qargs, searchKey(lo.Int64, 0), searchKey(hi.Int64+1, 0), list)
		} else {
			// Many pass: a match's ticket is read by ID, and the page
			// fills after a few pages' worth of matches.
			q += ` AND EXISTS (SELECT 1 FROM tickets WHERE id = message_search.rowid >> ` + fmt.Sprint(keyPlaceBits) + ` AND ` + where + `)`
			qargs = append(qargs, args...)
		}
	}
	q += ` ORDER BY rowid DESC`
	rows, err := x.tx.QueryContext(ctx, q, qargs...)
	if err != nil {
		return nil, fmt.Errorf("search tickets: %w", err)
	}
	var ids []int64
	for (f.Limit <= 0 || len(ids) < f.Limit) && rows.Next() {
		var key int64
		if err := rows.Scan(&key); err != nil {
			rows.Close()
			return nil, fmt.Errorf("search tickets: %w", err)
		}
		// A ticket's matching messages are side by side in key order.
		if id := keyTicket(key); len(ids) == 0 || ids[len(ids)-1] != id {
			ids = append(ids, id)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("search tickets: %w", err)
	}
	if len(ids) == 0 {
		return nil, nil
	}
	list, err := json.Marshal(ids)
	if err != nil {
		return nil, err
	}
	return x.ticketsWhere(ctx, " matching a search", `id IN (SELECT value FROM json_each(?)) ORDER BY id DESC`, string(list))
}

func beforeArg(before int64) []any {
	if before > 0 {
		return []any{before}
	}
	return nil
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

// searchVersion is the migration that made the search index;
// searchKeyVersion the one that keyed it by ticket.
const (
	searchVersion    = 15
	searchKeyVersion = 22
)

// PrefixWord reports whether a search word matches the terms it starts:
// a plain word of letters and digits does; an address or a reference is
// a phrase of its parts, matched whole (a prefix on its last part,
// "example", would read half the index), and so is a single character,
// which starts too many terms to mean any of them.
func PrefixWord(w string) bool {
	return utf8.RuneCountInString(w) > 1 &&
		!strings.ContainsFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

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
