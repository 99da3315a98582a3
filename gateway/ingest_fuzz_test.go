package gateway_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"testing"
	"time"

	"ticketgate/gateway"
	"ticketgate/gateway/store"
	"ticketgate/gateway/store/storetest"
)

// FuzzIngest feeds arbitrary bytes through the whole ingest, the way an
// MTA or a mailbox could hand them over: nothing is ever refused or lost.
// Every input is kept byte for byte, lands on a ticket (or, for automatic
// mail, is recorded), and the same position handed over again is a
// duplicate of the same entry.
func FuzzIngest(f *testing.F) {
	eml, _ := filepath.Glob(filepath.Join("..", "testdata", "parser", "*.eml"))
	for _, p := range eml {
		// Large seeds make every mutation and minimisation a slow ingest;
		// the size limits have their own tests.
		if b, err := os.ReadFile(p); err == nil && len(b) <= 16<<10 {
			f.Add(b)
		}
	}
	f.Add([]byte(""))
	f.Add([]byte("\r\n\r\n"))
	f.Add([]byte("From: =?utf-8?b?AAAA?= <a@b.example>\r\nSubject: [SUP-2026-000001] =?x?q?=ZZ?=\r\nContent-Type: multipart/mixed; boundary=\"\"\r\n\r\n--\r\n"))
	f.Add([]byte("From: jane@customer.example\nTo: support@helpdesk.example.com\nSubject: caisses en panne\n\nAucune caisse ne marche, tout le magasin est bloqué.\n#priority P1\n#close\n"))

	ctx := context.Background()
	now := time.Date(2026, 11, 20, 15, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, raw []byte) {
		// A fresh database for each input: what an input does must not
		// depend on the inputs before it, or the fuzzer cannot minimise.
		st := storetest.OpenSQLite(t)
		gw, err := gateway.New(supportOnly(), st, gateway.ClockFunc(func() time.Time { return now }), nil)
		if err != nil {
			t.Fatal(err)
		}
		src := gateway.Source{Mailbox: "support", UIDValidity: 1, UID: 1}
		res, err := gw.Ingest(ctx, src, raw)
		if err != nil {
			t.Fatalf("ingest refused %q: %v", raw, err)
		}
		if res.EntryID == 0 {
			t.Fatalf("nothing recorded for %q: %+v", raw, res)
		}
		switch res.Action {
		case gateway.ActionCreated, gateway.ActionAppended:
			if res.Ticket == "" {
				t.Fatalf("%s without a ticket: %+v", res.Action, res)
			}
		case gateway.ActionRecorded, gateway.ActionDuplicate:
		default:
			t.Fatalf("unknown outcome %+v", res)
		}
		if res.Ticket != "" {
			if err := st.View(ctx, func(tx gateway.ReadTx) error {
				_, err := tx.TicketByRef(ctx, res.Ticket)
				return err
			}); err != nil {
				t.Fatalf("ticket %s: %v", res.Ticket, err)
			}
		}
		if got := storedRaw(t, st, raw); !bytes.Equal(got, raw) {
			t.Fatalf("raw bytes not kept: stored %d bytes of %d", len(got), len(raw))
		}
		again, err := gw.Ingest(ctx, src, raw)
		if err != nil || again.Action != gateway.ActionDuplicate || again.EntryID != res.EntryID {
			t.Fatalf("the same position again: %+v %v, first %+v", again, err, res)
		}
	})
}

// storedRaw reads back the raw message stored with these bytes' SHA-256.
func storedRaw(t *testing.T, st *store.Store, raw []byte) []byte {
	t.Helper()
	sum := sha256.Sum256(raw)
	var got []byte
	err := st.View(context.Background(), func(tx gateway.ReadTx) error {
		e, err := tx.EntryByRawSHA(context.Background(), hex.EncodeToString(sum[:]))
		if err != nil {
			return err
		}
		got, err = rawOf(context.Background(), tx, e.RawID)
		return err
	})
	if err != nil {
		t.Fatalf("read the stored message back: %v", err)
	}
	return got
}
