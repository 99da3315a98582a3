package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"ticketgate/gateway"
)

// The SQLite side of copying (copy.go): columns as this schema has them.

// listSeparators is how the SQLite schema joins each list column.
var listSeparators = map[string]string{"flags": ",", "missing": "\n", "in_reply_to": " ", "refs": " "}

// sqliteColumn is a copied column's name in this schema.
func sqliteColumn(name string) string {
	switch name {
	case "to_addresses":
		return "to_json"
	case "cc_addresses":
		return "cc_json"
	case "problems":
		return "problems_json"
	}
	return name
}

// Export runs fn on one read snapshot.
func (s *Store) Export(ctx context.Context, fn func(TableReader) error) error {
	return s.View(ctx, func(tx gateway.ReadTx) error { return fn(sqliteTables{tx.(*txn)}) })
}

type sqliteTables struct{ x *txn }

func (r sqliteTables) ReadTable(ctx context.Context, t Table, fn func([]any) error) error {
	var sel []string
	for _, c := range t.Columns {
		if t.Name == "messages" && c.Name == "bodies" {
			// Rows from before the packed bodies keep them in columns.
			sel = append(sel, "bodies, body_text, body_reply, body_html")
			continue
		}
		sel = append(sel, sqliteColumn(c.Name))
	}
	rows, err := r.x.tx.QueryContext(ctx, `SELECT `+strings.Join(sel, ", ")+` FROM `+t.Name+` ORDER BY `+t.OrderBy)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var (
			dst                []any
			legacy             [3]string
			withLegacy         = t.Name == "messages"
			bodiesAt           = -1
			rawText, rawNullTx = map[int]*string{}, map[int]*sql.NullString{}
			nullInt            = map[int]*sql.NullInt64{}
		)
		row := make([]any, len(t.Columns))
		for i, c := range t.Columns {
			switch c.Kind {
			case KindInt:
				var v int64
				row[i], dst = &v, append(dst, &v)
			case KindNullInt:
				var v sql.NullInt64
				nullInt[i], dst = &v, append(dst, &v)
			case KindText:
				var v string
				row[i], dst = &v, append(dst, &v)
			case KindBytes:
				var v []byte
				row[i], dst = &v, append(dst, &v)
				if withLegacy && c.Name == "bodies" {
					bodiesAt = i
					dst = append(dst, &legacy[0], &legacy[1], &legacy[2])
				}
			case KindTime, KindList, KindJSON:
				var v string
				rawText[i], dst = &v, append(dst, &v)
			case KindNullTime:
				var v sql.NullString
				rawNullTx[i], dst = &v, append(dst, &v)
			case KindBool:
				var v bool
				row[i], dst = &v, append(dst, &v)
			}
		}
		if err := rows.Scan(dst...); err != nil {
			return err
		}
		for i, c := range t.Columns {
			var err error
			switch c.Kind {
			case KindInt:
				row[i] = *row[i].(*int64)
			case KindNullInt:
				if v := nullInt[i]; v.Valid {
					n := v.Int64
					row[i] = &n
				} else {
					row[i] = (*int64)(nil)
				}
			case KindText:
				row[i] = *row[i].(*string)
			case KindBytes:
				b := *row[i].(*[]byte)
				if i == bodiesAt && b == nil {
					b = PackBodies(legacy[0], legacy[1], legacy[2])
				}
				if b == nil {
					b = []byte{}
				}
				row[i] = b
			case KindBool:
				row[i] = *row[i].(*bool)
			case KindTime:
				row[i], err = parseTime(*rawText[i])
			case KindNullTime:
				var p *time.Time
				p, err = scanNullTime(*rawNullTx[i])
				row[i] = p
			case KindList:
				sep, v := listSeparators[c.Name], *rawText[i]
				l := []string{}
				if sep == " " {
					l = strings.Fields(v)
				} else if v != "" {
					l = strings.Split(v, sep)
				}
				row[i] = l
			case KindJSON:
				row[i] = []byte(*rawText[i])
			}
			if err != nil {
				return fmt.Errorf("%s.%s: %w", t.Name, c.Name, err)
			}
		}
		if err := fn(row); err != nil {
			return err
		}
	}
	return rows.Err()
}

// ErrNotEmpty refuses to import into a database that holds data.
var ErrNotEmpty = errors.New("the database to copy into is not empty")

// Import runs fn in one write transaction on a database that holds no
// data yet, then indexes the messages for search.
func (s *Store) Import(ctx context.Context, fn func(TableWriter) error) error {
	err := s.Update(ctx, func(gtx gateway.Tx) error {
		x := gtx.(*txn)
		for _, t := range Tables {
			var has int
			if err := x.tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM `+t.Name+`)`).Scan(&has); err != nil {
				return err
			}
			if has != 0 {
				return fmt.Errorf("%w: table %s has rows", ErrNotEmpty, t.Name)
			}
		}
		if err := fn(sqliteTables{x}); err != nil {
			return err
		}
		// The search index is the store's own: built from the messages.
		_, err := x.tx.ExecContext(ctx, `INSERT INTO message_search_pending (entry_id) SELECT id FROM messages`)
		return err
	})
	if err != nil {
		return err
	}
	return s.indexPending(ctx)
}

func (w sqliteTables) WriteRows(ctx context.Context, t Table, rows [][]any) error {
	names := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		names[i] = sqliteColumn(c.Name)
	}
	q := `INSERT INTO ` + t.Name + ` (` + strings.Join(names, ", ") + `) VALUES (?` + strings.Repeat(", ?", len(names)-1) + `)`
	args := make([]any, len(t.Columns))
	for _, row := range rows {
		for i, c := range t.Columns {
			switch v := row[i].(type) {
			case time.Time:
				args[i] = formatTime(v)
			case *time.Time:
				args[i] = nullTime(v)
			case *int64:
				if v == nil {
					args[i] = nil
				} else {
					args[i] = *v
				}
			case []string:
				args[i] = strings.Join(v, listSeparators[c.Name])
			case []byte:
				if c.Kind == KindJSON {
					args[i] = string(v)
				} else {
					args[i] = v
				}
			default:
				args[i] = v
			}
		}
		if _, err := w.x.tx.ExecContext(ctx, q, args...); err != nil {
			return err
		}
	}
	return nil
}
