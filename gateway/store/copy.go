package store

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"time"
)

// Copying an installation from one backend to another ('ticketgate
// migrate'): every table of the gateway's data, as rows of plain Go values
// that both backends read and write, each with the SQL of its own. What
// is only of the moment (leases, the write check) and what a backend
// derives (search indexes) is not copied; the target rebuilds its search
// index from the messages.

// Kind is the Go form of a copied column's values.
type Kind int

// Kinds of column.
const (
	KindInt      Kind = iota // int64
	KindNullInt              // *int64
	KindText                 // string
	KindBytes                // []byte
	KindTime                 // time.Time
	KindNullTime             // *time.Time
	KindBool                 // bool
	KindList                 // []string
	KindJSON                 // []byte holding a JSON document; empty for none
)

// Column is one column of a copied table, by its PostgreSQL name.
type Column struct {
	Name string
	Kind Kind
}

// Table is a copied table: its columns and the order rows are read in
// (parents before the rows that refer to them).
type Table struct {
	Name    string
	OrderBy string
	Columns []Column
}

func cols(spec string) []Column {
	kinds := map[string]Kind{"int": KindInt, "nint": KindNullInt, "text": KindText, "bytes": KindBytes, "time": KindTime,
		"ntime": KindNullTime, "bool": KindBool, "list": KindList, "json": KindJSON}
	var out []Column
	for _, f := range strings.Fields(spec) {
		name, kind, _ := strings.Cut(f, ":")
		out = append(out, Column{Name: name, Kind: kinds[kind]})
	}
	return out
}

// Tables are the tables copied, in an order that puts every row after
// those it refers to.
var Tables = []Table{
	{"raw_messages", "id", cols("id:int sha256:text size:int encoding:text data:bytes created_at:time")},
	{"raw_chunks", "raw_id, seq", cols("raw_id:int seq:int data:bytes")},
	{"tickets", "id", cols(`id:int reference:text mailbox:text status:text priority:int priority_reason:text
		customer_name:text customer_address:text subject:text language:text flags:list linked_ticket_id:nint
		response_due:ntime resolution_due:ntime first_response_at:ntime resolved_at:ntime closed_at:ntime
		close_reason:text created_at:time updated_at:time tier:text missing:list response_calendar:text
		resolution_calendar:text response_target:text resolution_target:text response_rule:text resolution_rule:text
		sla_mailbox:text assignee:text paused_at:ntime response_paused_ns:int resolution_paused_ns:int
		confirm_by:ntime remind_at:ntime sla_warned:text sla_warned_resolution:text progress_due:ntime
		progress_target:text progress_calendar:text level:int wake_at:ntime priority_why:json`)},
	{"messages", "id", cols(`id:int ticket_id:nint raw_id:int mailbox:text direction:text author_kind:text kind:text
		kind_reason:text message_id:text in_reply_to:list refs:list from_name:text from_address:text
		to_addresses:json cc_addresses:json subject:text sent_at:ntime bodies:bytes problems:json created_at:time`)},
	{"attachments", "id", cols("id:int entry_id:int filename:text content_type:text disposition:text content_id:text size:int sha256:text")},
	{"events", "id", cols("id:int ticket_id:int entry_id:nint at:time kind:text actor:text detail:text")},
	{"participants", "ticket_id, address", cols("ticket_id:int address:text role:text")},
	{"ref_counters", "prefix, year", cols("prefix:text year:int last:int")},
	{"outbox", "id", cols(`id:int ticket_id:nint kind:text to_address:text subject:text message_id:text data:bytes
		status:text attempts:int next_attempt_at:time last_error:text created_at:time sent_at:ntime automatic:bool
		mailbox:text quotes:nint claimed_until:ntime`)},
	{"mailbox_state", "mailbox", cols("mailbox:text uidvalidity:int last_uid:int last_sync_at:ntime last_error:text last_error_at:ntime")},
	{"seen_uids", "mailbox, uidvalidity, uid", cols("mailbox:text uidvalidity:int uid:int entry_id:int")},
	{"templates", "name, language", cols("name:text language:text version:int subject:text text_body:text html_body:text updated_by:text updated_at:time")},
	{"template_versions", "name, language, version", cols("name:text language:text version:int subject:text text_body:text html_body:text updated_by:text updated_at:time")},
	{"priority_overrides", "id", cols("id:int ticket_id:int at:time actor:text from_priority:int to_priority:int triage_priority:int triage_reason:text")},
	{"admin_users", "id", cols("id:int name:text email:text role:text password_hash:text created_at:time updated_at:time")},
	{"admin_sessions", "token_sha256", cols("token_sha256:text user_id:int csrf:text created_at:time last_seen_at:time expires_at:time")},
	{"admin_links", "token_sha256", cols("token_sha256:text user_id:int created_at:time expires_at:time used_at:ntime")},
	{"admin_login_failures", "key, at", cols("key:text at:time")},
}

// TableReader reads a table's rows, each as values of its columns' kinds.
type TableReader interface {
	ReadTable(ctx context.Context, t Table, fn func(row []any) error) error
}

// TableWriter writes rows into a table of an empty database.
type TableWriter interface {
	WriteRows(ctx context.Context, t Table, rows [][]any) error
}

// Exporter reads every table from one snapshot.
type Exporter interface {
	Export(ctx context.Context, fn func(TableReader) error) error
}

// Importer writes into an empty database in one transaction: all of it
// or nothing. It refuses a database that holds data.
type Importer interface {
	Import(ctx context.Context, fn func(TableWriter) error) error
}

// Backend is a database copied from and into.
type Backend interface {
	Exporter
	Importer
}

// TableSum is a table's row count and checksum: the sum of the SHA-256 of
// each row's values, so that it does not depend on the order rows are
// read in.
type TableSum struct {
	Table string
	Rows  int
	Sum   string
}

type sum struct {
	rows  int
	lanes [4]uint64
}

func (s *sum) add(t Table, row []any) error {
	h := sha256.New()
	var buf []byte
	for i, c := range t.Columns {
		b, err := canonical(buf[:0], c.Kind, row[i])
		if err != nil {
			return fmt.Errorf("%s.%s: %w", t.Name, c.Name, err)
		}
		buf = b
		h.Write(buf)
	}
	d := h.Sum(nil)
	for i := range s.lanes {
		s.lanes[i] += binary.BigEndian.Uint64(d[8*i:])
	}
	s.rows++
	return nil
}

func (s *sum) String() string {
	return fmt.Sprintf("%016x%016x%016x%016x", s.lanes[0], s.lanes[1], s.lanes[2], s.lanes[3])
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

func appendTime(b []byte, t time.Time) []byte {
	n := int64(math.MinInt64)
	if !t.IsZero() {
		n = t.UnixNano()
	}
	return binary.BigEndian.AppendUint64(b, uint64(n))
}

// canonical appends a value in a form that is the same whichever backend
// read it: times as instants, JSON with its keys sorted.
func canonical(b []byte, k Kind, v any) ([]byte, error) {
	switch k {
	case KindInt:
		return binary.BigEndian.AppendUint64(b, uint64(v.(int64))), nil
	case KindNullInt:
		p := v.(*int64)
		if p == nil {
			return append(b, 0), nil
		}
		return binary.BigEndian.AppendUint64(append(b, 1), uint64(*p)), nil
	case KindText:
		return appendString(b, v.(string)), nil
	case KindBytes:
		return appendString(b, string(v.([]byte))), nil
	case KindTime:
		return appendTime(b, v.(time.Time)), nil
	case KindNullTime:
		p := v.(*time.Time)
		if p == nil {
			return append(b, 0), nil
		}
		return appendTime(append(b, 1), *p), nil
	case KindBool:
		if v.(bool) {
			return append(b, 1), nil
		}
		return append(b, 0), nil
	case KindList:
		l := v.([]string)
		b = binary.AppendUvarint(b, uint64(len(l)))
		for _, s := range l {
			b = appendString(b, s)
		}
		return b, nil
	case KindJSON:
		if len(v.([]byte)) == 0 {
			return appendString(b, ""), nil
		}
		d := json.NewDecoder(bytes.NewReader(v.([]byte)))
		d.UseNumber()
		var doc any
		if err := d.Decode(&doc); err != nil {
			return nil, fmt.Errorf("stored JSON: %w", err)
		}
		js, err := json.Marshal(doc)
		if err != nil {
			return nil, err
		}
		return appendString(b, string(js)), nil
	}
	return nil, fmt.Errorf("unknown column kind %d", k)
}

// copyBatch bounds the rows, and the bytes, one write takes.
const (
	copyBatch      = 500
	copyBatchBytes = 16 << 20
)

// Copy copies every table from one database into another, empty one, in
// one transaction of the target read from one snapshot of the source,
// then reads the target back and compares each table's row count and
// checksum with the source's. It returns the source's.
func Copy(ctx context.Context, from Exporter, to Backend) ([]TableSum, error) {
	var sums []TableSum
	err := from.Export(ctx, func(r TableReader) error {
		return to.Import(ctx, func(w TableWriter) error {
			sums = sums[:0]
			for _, t := range Tables {
				var (
					s     sum
					batch [][]any
					size  int
				)
				flush := func() error {
					if len(batch) == 0 {
						return nil
					}
					err := w.WriteRows(ctx, t, batch)
					batch, size = batch[:0], 0
					return err
				}
				err := r.ReadTable(ctx, t, func(row []any) error {
					if err := s.add(t, row); err != nil {
						return err
					}
					batch = append(batch, row)
					for _, v := range row {
						if b, ok := v.([]byte); ok {
							size += len(b)
						}
					}
					if len(batch) >= copyBatch || size >= copyBatchBytes {
						return flush()
					}
					return nil
				})
				if err == nil {
					err = flush()
				}
				if err != nil {
					return fmt.Errorf("copy %s: %w", t.Name, err)
				}
				sums = append(sums, TableSum{Table: t.Name, Rows: s.rows, Sum: s.String()})
			}
			return nil
		})
	})
	if err != nil {
		return nil, err
	}
	got, err := Checksums(ctx, to)
	if err != nil {
		return sums, fmt.Errorf("verify the copy: %w", err)
	}
	var bad []string
	for i, s := range sums {
		if got[i] != s {
			bad = append(bad, fmt.Sprintf("%s (%d rows, checksum %.12s; copied %d rows, checksum %.12s)", s.Table, s.Rows, s.Sum,
				got[i].Rows, got[i].Sum))
		}
	}
	if len(bad) > 0 {
		return sums, fmt.Errorf("verify the copy: tables differ: %s", strings.Join(bad, "; "))
	}
	return sums, nil
}

// Checksums reads every table and returns its row count and checksum.
func Checksums(ctx context.Context, from Exporter) ([]TableSum, error) {
	var out []TableSum
	err := from.Export(ctx, func(r TableReader) error {
		for _, t := range Tables {
			var s sum
			if err := r.ReadTable(ctx, t, func(row []any) error { return s.add(t, row) }); err != nil {
				return fmt.Errorf("read %s: %w", t.Name, err)
			}
			out = append(out, TableSum{Table: t.Name, Rows: s.rows, Sum: s.String()})
		}
		return nil
	})
	return out, err
}

// MapJSONStrings rewrites every string value (not the keys) of a JSON
// document with f.
func MapJSONStrings(js []byte, f func(string) string) ([]byte, error) {
	if len(js) == 0 {
		return js, nil
	}
	d := json.NewDecoder(bytes.NewReader(js))
	d.UseNumber()
	var doc any
	if err := d.Decode(&doc); err != nil {
		return nil, fmt.Errorf("stored JSON: %w", err)
	}
	var walk func(any) any
	walk = func(v any) any {
		switch x := v.(type) {
		case string:
			return f(x)
		case []any:
			for i := range x {
				x[i] = walk(x[i])
			}
		case map[string]any:
			for k := range x {
				x[k] = walk(x[k])
			}
		}
		return v
	}
	return json.Marshal(walk(doc))
}
