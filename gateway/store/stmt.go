package store

import (
	"context"
	"database/sql"
	"sync"
)

// maxCachedStatements bounds the statement cache. Every query the store
// issues is a constant or one of a few filter combinations, so the bound
// is a guard against a future caller building SQL from values, not a
// working limit.
const maxCachedStatements = 512

// stmtCache prepares each distinct query once per database handle; the
// database/sql pool then keeps it prepared once per connection, and a
// transaction reuses the connection's statement instead of compiling the
// SQL again (a tenth of ingest's time when every call re-prepared).
//
// A query first seen inside a transaction runs unprepared and is prepared
// once the transaction has ended: the writer has a single connection, and
// preparing on the pool while a transaction holds it would wait forever.
type stmtCache struct {
	db      *sql.DB
	mu      sync.Mutex
	m       map[string]*sql.Stmt
	pending map[string]struct{}
}

func newStmtCache(db *sql.DB) *stmtCache {
	return &stmtCache{db: db, m: make(map[string]*sql.Stmt), pending: make(map[string]struct{})}
}

// get returns the prepared statement for query, or nil when it is not
// prepared yet (it will be after the transaction) or the cache is full.
func (c *stmtCache) get(query string) *sql.Stmt {
	c.mu.Lock()
	defer c.mu.Unlock()
	if s, ok := c.m[query]; ok {
		return s
	}
	if len(c.m)+len(c.pending) < maxCachedStatements {
		c.pending[query] = struct{}{}
	}
	return nil
}

// prepare prepares the queries seen since the last call. It runs outside
// any transaction and without the lock held, since preparing may wait for
// the connection. A query that does not prepare is left to run unprepared.
func (c *stmtCache) prepare(ctx context.Context) {
	c.mu.Lock()
	if len(c.pending) == 0 {
		c.mu.Unlock()
		return
	}
	var qs []string
	for q := range c.pending {
		qs = append(qs, q)
	}
	clear(c.pending)
	c.mu.Unlock()
	ctx = context.WithoutCancel(ctx)
	for _, q := range qs {
		s, err := c.db.PrepareContext(ctx, q)
		if err != nil {
			continue // the query reports its error itself when it runs
		}
		c.mu.Lock()
		if _, dup := c.m[q]; dup {
			s.Close()
		} else {
			c.m[q] = s
		}
		c.mu.Unlock()
	}
}

func (c *stmtCache) close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for q, s := range c.m {
		s.Close()
		delete(c.m, q)
	}
}

// stmtTx runs queries of one transaction through the statement cache. It
// has the method set of *sql.Tx that the store uses, so queries read the
// same as on a plain transaction.
type stmtTx struct {
	*sql.Tx
	cache *stmtCache
	// observe, when set (tests), sees every query with its arguments.
	observe func(query string, args []any)
	// detach, in a write transaction, runs every statement without the
	// caller's cancellation: once begun, an Update finishes, so that
	// shutdown never cuts a transaction whose commit the IMAP
	// post-action waits for.
	detach bool
	// bound keeps the transaction's use of each prepared statement: a
	// batch runs the same twenty statements for each of its messages, and
	// binding one to the transaction allocates and locks every time. The
	// transaction closes them when it ends.
	mu    sync.Mutex
	bound map[*sql.Stmt]*sql.Stmt
}

func (t *stmtTx) ctx(ctx context.Context) context.Context {
	if t.detach {
		return context.WithoutCancel(ctx)
	}
	return ctx
}

// stmt returns the transaction's use of the prepared query, nil when it
// must run unprepared.
func (t *stmtTx) stmt(ctx context.Context, query string, args []any) *sql.Stmt {
	if t.observe != nil {
		t.observe(query, args)
	}
	s := t.cache.get(query)
	if s == nil {
		return nil
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if ts, ok := t.bound[s]; ok {
		return ts
	}
	ts := t.Tx.StmtContext(ctx, s)
	if t.bound == nil {
		t.bound = make(map[*sql.Stmt]*sql.Stmt)
	}
	t.bound[s] = ts
	return ts
}

func (t *stmtTx) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	ctx = t.ctx(ctx)
	if s := t.stmt(ctx, query, args); s != nil {
		return s.ExecContext(ctx, args...)
	}
	return t.Tx.ExecContext(ctx, query, args...)
}

func (t *stmtTx) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	ctx = t.ctx(ctx)
	if s := t.stmt(ctx, query, args); s != nil {
		return s.QueryContext(ctx, args...)
	}
	return t.Tx.QueryContext(ctx, query, args...)
}

func (t *stmtTx) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	ctx = t.ctx(ctx)
	if s := t.stmt(ctx, query, args); s != nil {
		return s.QueryRowContext(ctx, args...)
	}
	return t.Tx.QueryRowContext(ctx, query, args...)
}
