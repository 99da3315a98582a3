package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"ticketgate/gateway"
	"ticketgate/gateway/spool"
	"ticketgate/gateway/store"
)

// TestIngestLargeMessage pipes messages around the spool threshold
// through standard input and from a file: each is stored byte for byte.
func TestIngestLargeMessage(t *testing.T) {
	cfg := initDir(t)
	env := map[string]string{"TICKETGATE_CONFIG": cfg}
	var raws []string
	for i, size := range []int{spool.InMemory - 200, spool.InMemory + 1, 1<<20 + 5} {
		head := fmt.Sprintf("From: big%d@customer.example\r\nTo: support@helpdesk.example.com\r\nSubject: Logs %d\r\n"+
			"Message-ID: <big-%d@customer.example>\r\nDate: Fri, 20 Nov 2026 16:00:00 +0100\r\n\r\n", i, i, i)
		var b strings.Builder
		b.WriteString(head)
		for n := 0; b.Len() < size-2; n++ {
			fmt.Fprintf(&b, "line %d of the log the customer sent\r\n", n)
		}
		raw := b.String()[:size-2] + "\r\n"
		raws = append(raws, raw)
		if out, errOut, code := cli(t, raw, env, "ingest"); code != 0 || !strings.Contains(out, "created") {
			t.Fatalf("ingest of %d bytes (%d): %s %s", size, code, out, errOut)
		}
	}
	file := filepath.Join(t.TempDir(), "from-file.eml")
	raws = append(raws, strings.Replace(raws[2], "big-2@", "big-file@", 1))
	if err := os.WriteFile(file, []byte(raws[3]), 0o600); err != nil {
		t.Fatal(err)
	}
	if out, errOut, code := cli(t, "", env, "ingest", file); code != 0 || !strings.Contains(out, "created") {
		t.Fatalf("ingest of a file (%d): %s %s", code, out, errOut)
	}

	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(filepath.Dir(cfg), "ticketgate.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	err = st.View(ctx, func(tx gateway.ReadTx) error {
		for i, raw := range raws {
			id := fmt.Sprintf("big-%d@customer.example", i)
			if i == 3 {
				id = "big-file@customer.example"
			}
			es, err := tx.EntriesByMessageID(ctx, id)
			if err != nil || len(es) != 1 {
				return fmt.Errorf("%s: %d entries, %v", id, len(es), err)
			}
			var back bytes.Buffer
			if err := tx.CopyRaw(ctx, es[0].RawID, &back); err != nil {
				return err
			}
			if back.String() != raw {
				t.Errorf("%s: stored %d bytes, sent %d", id, back.Len(), len(raw))
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
