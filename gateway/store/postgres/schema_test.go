package postgres

import (
	"context"
	"database/sql"
	"path/filepath"
	"slices"
	"testing"

	"ticketgate/gateway/store"
)

// TestCopyCoversEveryColumn: every column of both schemas is one that
// migrate copies, or one it knows it leaves (derived, of the moment, or
// SQLite's rows from before packed bodies). A column added to one store
// and not to the copy, or to the other store, fails here.
func TestCopyCoversEveryColumn(t *testing.T) {
	ctx := context.Background()
	copied := map[string][]string{}
	for _, tb := range store.Tables {
		for _, c := range tb.Columns {
			copied[tb.Name] = append(copied[tb.Name], c.Name)
		}
	}
	notCopied := map[string]bool{"schema_migrations": true, "leases": true, "health": true}
	check := func(backend string, cols map[string][]string, rename map[string]string, extra map[string][]string) {
		for tb, cs := range cols {
			if notCopied[tb] {
				continue
			}
			want, ok := copied[tb]
			if !ok {
				t.Errorf("%s: table %s is not copied", backend, tb)
				continue
			}
			for _, c := range cs {
				if n, ok := rename[c]; ok {
					c = n
				}
				if !slices.Contains(want, c) && !slices.Contains(extra[tb], c) {
					t.Errorf("%s: column %s.%s is not copied", backend, tb, c)
				}
			}
			for _, c := range want {
				has := slices.ContainsFunc(cs, func(x string) bool {
					if n, ok := rename[x]; ok {
						x = n
					}
					return x == c
				})
				if !has {
					t.Errorf("%s: copied column %s.%s is not in the schema", backend, tb, c)
				}
			}
		}
		for tb := range copied {
			if _, ok := cols[tb]; !ok {
				t.Errorf("%s: copied table %s is not in the schema", backend, tb)
			}
		}
	}

	path := filepath.Join(t.TempDir(), "schema.db")
	lite, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	lite.Close()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	liteCols := map[string][]string{}
	rows, err := db.QueryContext(ctx, `SELECT m.name, p.name FROM sqlite_master m, pragma_table_info(m.name) p
		WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE 'message_search%'`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var tb, c string
		if err := rows.Scan(&tb, &c); err != nil {
			t.Fatal(err)
		}
		liteCols[tb] = append(liteCols[tb], c)
	}
	rows.Close()
	check("SQLite", liteCols, map[string]string{"to_json": "to_addresses", "cc_json": "cc_addresses", "problems_json": "problems"},
		map[string][]string{"messages": {"body_text", "body_reply", "body_html"}})

	s, _ := openTest(t)
	pgCols := map[string][]string{}
	prow, err := s.pool.Query(ctx, `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public'`)
	if err != nil {
		t.Fatal(err)
	}
	for prow.Next() {
		var tb, c string
		if err := prow.Scan(&tb, &c); err != nil {
			t.Fatal(err)
		}
		pgCols[tb] = append(pgCols[tb], c)
	}
	prow.Close()
	check("PostgreSQL", pgCols, nil, map[string][]string{"messages": {"search"}, "outbox": {"claimed_by"}})
}
