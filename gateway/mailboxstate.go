package gateway

import (
	"context"
	"time"
)

// MailboxState is where the reader of an IMAP mailbox stands: the folder's
// UIDVALIDITY and the highest UID taken in, when it last completed a sync,
// and its last failure (empty once a sync succeeds again).
type MailboxState struct {
	Mailbox     string
	UIDValidity uint32
	LastUID     uint32
	LastSyncAt  *time.Time
	LastError   string
	LastErrorAt *time.Time
}

// MailboxState reads a mailbox reader's state; ok is false before its
// first connection.
func (g *Gateway) MailboxState(ctx context.Context, mailbox string) (st MailboxState, ok bool, err error) {
	all, err := g.MailboxStates(ctx)
	for _, s := range all {
		if s.Mailbox == mailbox {
			return s, true, nil
		}
	}
	return MailboxState{Mailbox: mailbox}, false, err
}

// SaveMailboxState records a mailbox reader's state.
func (g *Gateway) SaveMailboxState(ctx context.Context, st MailboxState) error {
	return g.store.Update(ctx, func(tx Tx) error { return tx.SaveMailboxState(ctx, st) })
}

// MailboxStates lists the state of every mailbox reader that ever ran.
func (g *Gateway) MailboxStates(ctx context.Context) ([]MailboxState, error) {
	var out []MailboxState
	err := g.store.View(ctx, func(tx ReadTx) error {
		var err error
		out, err = tx.MailboxStates(ctx)
		return err
	})
	return out, err
}

// Recorded reports whether the message at an IMAP position is already
// recorded, so that a reader can finish its post-action without fetching
// it again.
func (g *Gateway) Recorded(ctx context.Context, src Source) (bool, error) {
	var ok bool
	err := g.store.View(ctx, func(tx ReadTx) error {
		var err error
		_, ok, err = tx.SeenAt(ctx, src)
		return err
	})
	return ok, err
}
