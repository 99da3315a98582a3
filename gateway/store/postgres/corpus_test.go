package postgres

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
)

// TestIngestCorpusOnPostgreSQL ingests every mail of the parser's corpus,
// and a few that are hardly mail, through a gateway on PostgreSQL: each
// is recorded, keeps its raw bytes, and dedupes at its IMAP position.
func TestIngestCorpusOnPostgreSQL(t *testing.T) {
	ctx := context.Background()
	s, _ := openTest(t)
	now := time.Date(2026, 11, 20, 15, 0, 0, 0, time.UTC)
	gw, err := gateway.New(gateway.Config{Hostname: "helpdesk.example.com", Secret: []byte("0123456789abcdef-corpus"),
		DefaultMailbox: "support", Mailboxes: map[string]gateway.Mailbox{"support": {Name: "support",
			Address: "support@helpdesk.example.com", Prefix: "SUP", Priority: 3, Language: "en"}}},
		s, gateway.ClockFunc(func() time.Time { return now }), nil)
	if err != nil {
		t.Fatal(err)
	}
	var raws [][]byte
	files, _ := filepath.Glob(filepath.Join("..", "..", "..", "testdata", "parser", "*.eml"))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		raws = append(raws, b)
	}
	if len(raws) < 20 {
		t.Fatalf("%d corpus files found", len(raws))
	}
	raws = append(raws, []byte(""), []byte("\x00\x01\x02\xff"),
		[]byte("From: \x00 <a\x00@b.example>\r\nSubject: nul\x00 \xe9t\xe9\r\nMessage-ID: <\x00@x>\r\n\r\nbody \x00 \xff\r\n"))
	for i, raw := range raws {
		src := gateway.Source{Mailbox: "support", UIDValidity: 7, UID: uint32(i + 1)}
		res, err := gw.Ingest(ctx, src, raw)
		if err != nil || res.EntryID == 0 {
			t.Errorf("mail %d: %+v, %v", i, res, err)
			continue
		}
		sum := sha256.Sum256(raw)
		var got bytes.Buffer
		if err := s.View(ctx, func(tx gateway.ReadTx) error {
			e, err := tx.EntryByRawSHA(ctx, hex.EncodeToString(sum[:]))
			if err != nil {
				return err
			}
			return tx.CopyRaw(ctx, e.RawID, &got)
		}); err != nil || !bytes.Equal(got.Bytes(), raw) {
			t.Errorf("mail %d: raw bytes not kept (%v)", i, err)
		}
		again, err := gw.Ingest(ctx, src, raw)
		if err != nil || again.Action != gateway.ActionDuplicate || again.EntryID != res.EntryID {
			t.Errorf("mail %d at the same position again: %+v, %v", i, again, err)
		}
	}
}
