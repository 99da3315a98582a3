package gateway

import (
	"context"
	"log/slog"
	"sync"
)

// A log line written inside a transaction would tell of something that a
// rollback then undoes. Lines logged while a transaction runs are held
// and written once it commits; a rollback drops them.

// txLog holds the records logged during one transaction.
type txLog struct {
	mu   sync.Mutex
	recs []heldRecord
}

type heldRecord struct {
	h slog.Handler
	r slog.Record
}

// mark and truncate drop what a failed savepoint logged.
func (l *txLog) mark() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.recs)
}

func (l *txLog) truncate(n int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.recs = l.recs[:n]
}

func (l *txLog) flush(ctx context.Context) {
	l.mu.Lock()
	recs := l.recs
	l.recs = nil
	l.mu.Unlock()
	for _, hr := range recs {
		_ = hr.h.Handle(ctx, hr.r)
	}
}

// holdingHandler is a slog.Handler that holds records in a txLog for the
// handler it wraps.
type holdingHandler struct {
	log  *txLog
	next slog.Handler
}

func (h holdingHandler) Enabled(ctx context.Context, l slog.Level) bool {
	return h.next.Enabled(ctx, l)
}

func (h holdingHandler) Handle(_ context.Context, r slog.Record) error {
	h.log.mu.Lock()
	defer h.log.mu.Unlock()
	h.log.recs = append(h.log.recs, heldRecord{h.next, r.Clone()})
	return nil
}

func (h holdingHandler) WithAttrs(as []slog.Attr) slog.Handler {
	return holdingHandler{h.log, h.next.WithAttrs(as)}
}

func (h holdingHandler) WithGroup(name string) slog.Handler {
	return holdingHandler{h.log, h.next.WithGroup(name)}
}

type txLogKey struct{}

// logger is the logger for work under ctx: inside a transaction it holds
// its lines until the commit.
func (g *Gateway) logger(ctx context.Context) *slog.Logger {
	if l, ok := ctx.Value(txLogKey{}).(*slog.Logger); ok {
		return l
	}
	return g.log
}

func heldLog(ctx context.Context) *txLog {
	if l, ok := ctx.Value(txLogKey{}).(*slog.Logger); ok {
		if h, ok := l.Handler().(holdingHandler); ok {
			return h.log
		}
	}
	return nil
}
