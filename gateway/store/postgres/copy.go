package postgres

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"ticketgate/gateway"
	"ticketgate/gateway/store"
)

// The PostgreSQL side of copying an installation (store.Copy).

var _ store.Backend = (*Store)(nil)

// Export runs fn on one snapshot.
func (s *Store) Export(ctx context.Context, fn func(store.TableReader) error) error {
	return s.View(ctx, func(tx gateway.ReadTx) error { return fn(pgTables{tx.(*txn)}) })
}

type pgTables struct{ x *txn }

func (r pgTables) ReadTable(ctx context.Context, t store.Table, fn func([]any) error) error {
	names := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		names[i] = c.Name
	}
	order := make([]string, 0, 3)
	for _, k := range strings.Split(t.OrderBy, ",") {
		order = append(order, strings.TrimSpace(k))
	}
	rows, err := r.x.tx.Query(ctx, `SELECT `+strings.Join(names, ", ")+` FROM `+t.Name+` ORDER BY `+strings.Join(order, ", "))
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		row := make([]any, len(t.Columns))
		dst := make([]any, len(t.Columns))
		for i, c := range t.Columns {
			switch c.Kind {
			case store.KindInt:
				dst[i] = new(int64)
			case store.KindNullInt:
				dst[i] = new(*int64)
			case store.KindText:
				dst[i] = new(string)
			case store.KindBytes, store.KindJSON:
				dst[i] = new([]byte)
			case store.KindTime:
				dst[i] = new(time.Time)
			case store.KindNullTime:
				dst[i] = new(*time.Time)
			case store.KindBool:
				dst[i] = new(bool)
			case store.KindList:
				dst[i] = new([]string)
			}
		}
		if err := scanUnescaped(rows, dst); err != nil {
			return fmt.Errorf("%s: %w", t.Name, err)
		}
		var err error
		for i, d := range dst {
			switch v := d.(type) {
			case *int64:
				row[i] = *v
			case **int64:
				row[i] = *v
			case *string:
				row[i] = *v
			case *[]byte:
				b := *v
				if t.Columns[i].Kind == store.KindJSON {
					if b == nil {
						b = []byte{}
					} else if b, err = store.MapJSONStrings(b, unescapeText); err != nil {
						return fmt.Errorf("%s.%s: %w", t.Name, t.Columns[i].Name, err)
					}
				}
				row[i] = b
			case *time.Time:
				row[i] = *v
			case **time.Time:
				row[i] = *v
			case *bool:
				row[i] = *v
			case *[]string:
				row[i] = list(*v)
			}
		}
		if err := fn(row); err != nil {
			return err
		}
	}
	return rows.Err()
}

// Import runs fn in one transaction on a database that holds no data yet,
// then builds the search vectors of the messages and moves each identity
// past the IDs copied.
func (s *Store) Import(ctx context.Context, fn func(store.TableWriter) error) error {
	return pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		x := &txn{tx: tx}
		for _, t := range store.Tables {
			var has bool
			if err := x.queryRow(ctx, `SELECT EXISTS (SELECT 1 FROM `+t.Name+`)`).Scan(&has); err != nil {
				return err
			}
			if has {
				return fmt.Errorf("%w: table %s has rows", store.ErrNotEmpty, t.Name)
			}
		}
		if err := fn(pgTables{x}); err != nil {
			return err
		}
		if err := x.indexAll(ctx); err != nil {
			return err
		}
		for _, t := range store.Tables {
			if t.Columns[0].Name != "id" {
				continue
			}
			if _, err := x.exec(ctx, `SELECT setval(pg_get_serial_sequence('`+t.Name+`', 'id'), GREATEST(MAX(id), 1), MAX(id) IS NOT NULL)
				FROM `+t.Name); err != nil {
				return fmt.Errorf("move the IDs of %s on: %w", t.Name, err)
			}
		}
		return nil
	})
}

func (w pgTables) WriteRows(ctx context.Context, t store.Table, rows [][]any) error {
	names := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		names[i] = c.Name
	}
	// JSON is stored with its strings escaped as text is (jsonb refuses a
	// NUL), empty JSON as NULL.
	for _, row := range rows {
		for i, c := range t.Columns {
			if c.Kind != store.KindJSON {
				continue
			}
			b := row[i].([]byte)
			if len(b) == 0 {
				row[i] = nil
				continue
			}
			e, err := store.MapJSONStrings(b, escapeText)
			if err != nil {
				return fmt.Errorf("%s.%s: %w", t.Name, c.Name, err)
			}
			row[i] = e
		}
	}
	// COPY encodes each value in the binary format, through the codecs
	// (escaped text, times in nanoseconds).
	_, err := w.x.tx.CopyFrom(ctx, pgx.Identifier{t.Name}, names, pgx.CopyFromRows(rows))
	return err
}

// indexAll builds the search vector of every message, a batch at a time.
func (x *txn) indexAll(ctx context.Context) error {
	var after int64
	for {
		es, err := x.queryEntries(ctx, true, `id IN (SELECT id FROM messages WHERE id > $1 ORDER BY id LIMIT 500)`, after)
		if err != nil {
			return fmt.Errorf("index messages for search: %w", err)
		}
		for i := range es {
			e := &es[i]
			if e.Attachments, err = x.attachments(ctx, e.ID); err != nil {
				return err
			}
			if _, err := x.exec(ctx, `UPDATE messages SET search = $1::tsvector WHERE id = $2`, searchVector(e), e.ID); err != nil {
				return fmt.Errorf("index message %d for search: %w", e.ID, err)
			}
			after = e.ID
		}
		if len(es) < 500 {
			return nil
		}
	}
}
