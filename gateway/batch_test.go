package gateway_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"ticketgate/gateway"
	"ticketgate/gateway/store"
)

// faultyStore fails the recording of one Message-ID after the raw bytes,
// the reference and the ticket of its message are already written: the
// savepoint must take all of that back.
type faultyStore struct {
	*store.Store
	bad string
}

var errInjected = errors.New("injected store failure")

func (s faultyStore) Update(ctx context.Context, fn func(gateway.Tx) error) error {
	return s.Store.Update(ctx, func(tx gateway.Tx) error { return fn(faultyTx{tx, s.bad}) })
}

type faultyTx struct {
	gateway.Tx
	bad string
}

func (tx faultyTx) AddEntry(ctx context.Context, e *gateway.Entry) error {
	if e.MessageID == tx.bad {
		return errInjected
	}
	return tx.Tx.AddEntry(ctx, e)
}

func TestIngestBatchFailsOneMessageAlone(t *testing.T) {
	ctx := context.Background()
	st := testStore(t)
	cfg := supportOnly()
	now := time.Date(2026, 11, 20, 15, 0, 0, 0, time.UTC)
	gw, err := gateway.New(cfg, faultyStore{st, "m3@customer.example"}, gateway.ClockFunc(func() time.Time { return now }), nil)
	if err != nil {
		t.Fatal(err)
	}
	var msgs []gateway.Incoming
	for i := range 6 {
		raw := mail(fmt.Sprintf("c%d@customer.example", i), "Printer down", fmt.Sprintf("m%d@customer.example", i))
		msgs = append(msgs, gateway.Incoming{Source: gateway.Source{Mailbox: "support", UIDValidity: 1, UID: uint32(i + 1)},
			Raw: bytes.NewReader([]byte(strings.ReplaceAll(raw, "\n", "\r\n")))})
	}
	// The same bytes twice in one batch: the second is the first's duplicate.
	msgs = append(msgs, gateway.Incoming{Source: gateway.Source{Mailbox: "support", UIDValidity: 1, UID: 7}, Raw: msgs[0].Raw})
	out, err := gw.IngestBatch(ctx, msgs)
	if err != nil {
		t.Fatal(err)
	}
	var refs []string
	for i, o := range out {
		switch {
		case i == 3:
			if !errors.Is(o.Err, errInjected) {
				t.Fatalf("message 3: %+v, want the injected failure", o)
			}
		case i == 6:
			if o.Err != nil || o.Action != gateway.ActionDuplicate || o.Ticket != refs[0] {
				t.Fatalf("repeated bytes: %+v, want a duplicate of %s", o, refs[0])
			}
		default:
			if o.Err != nil || o.Action != gateway.ActionCreated {
				t.Fatalf("message %d: %+v", i, o)
			}
			refs = append(refs, o.Ticket)
		}
	}
	// The failed message's reference number was rolled back with it.
	for i, ref := range refs {
		if want := gateway.FormatReference("SUP", 2026, int64(i+1)); ref != want {
			t.Errorf("ticket %d is %s, want %s", i, ref, want)
		}
	}
	var n int
	var recorded bool
	err = st.View(ctx, func(tx gateway.ReadTx) error {
		ts, err := tx.Tickets(ctx, gateway.TicketFilter{})
		n = len(ts)
		if err != nil {
			return err
		}
		_, recorded, err = tx.SeenAt(ctx, msgs[3].Source)
		return err
	})
	if err != nil || n != 5 || recorded {
		t.Fatalf("%d tickets, failed message recorded %v (%v); want 5 and false", n, recorded, err)
	}

	// Retried on its own once the fault is gone, it is taken in whole.
	gw2, err := gateway.New(cfg, st, gateway.ClockFunc(func() time.Time { return now }), nil)
	if err != nil {
		t.Fatal(err)
	}
	res, err := gw2.IngestMessage(ctx, msgs[3].Source, msgs[3].Raw)
	if err != nil || res.Action != gateway.ActionCreated || res.Ticket != "SUP-2026-000006" {
		t.Fatalf("retry: %+v, %v", res, err)
	}
}
