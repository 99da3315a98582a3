package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"ticketgate/gateway"
	"ticketgate/gateway/store"
)

// TestCrashSafety runs 'ticketgate ingest' over many messages as a child
// process, kills it with SIGKILL at random moments many times, then lets a
// last run finish. Every message must end up recorded exactly once (one
// ticket each, no reference given twice) and the database must be intact.
func TestCrashSafety(t *testing.T) {
	if testing.Short() {
		t.Skip("runs child processes for several seconds")
	}
	cfg := initDir(t)
	dir := filepath.Dir(cfg)
	const n = 150
	var files []string
	for i := 0; i < n; i++ {
		name := filepath.Join(dir, fmt.Sprintf("m%03d.eml", i))
		raw := fmt.Sprintf("From: Customer %d <c%d@customer.example>\r\nTo: support@helpdesk.example.com\r\n"+
			"Subject: Problem %d\r\nMessage-ID: <crash-%d@customer.example>\r\nDate: Fri, 20 Nov 2026 16:00:00 +0100\r\n\r\n"+
			"Message number %d.\r\n", i, i, i, i, i)
		if err := os.WriteFile(name, []byte(raw), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, name)
	}
	child := func() *exec.Cmd {
		cmd := exec.Command(os.Args[0], append([]string{"ingest", "--config", cfg}, files...)...)
		cmd.Env = append(os.Environ(), "TICKETGATE_TEST_MAIN=1")
		return cmd
	}
	rng := rand.New(rand.NewSource(time.Now().UnixNano()))
	kills := 0
	for i := 0; i < 30; i++ {
		cmd := child()
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Let the child commit a random number of messages (each prints a
		// line after its commit), then kill it a random instant later:
		// inside the next transaction, between two, or in the output.
		sc := bufio.NewScanner(stdout)
		for lines := rng.Intn(n * 3 / 4); lines > 0 && sc.Scan(); lines-- {
		}
		time.Sleep(time.Duration(rng.Intn(2000)) * time.Microsecond)
		if cmd.Process.Signal(syscall.SIGKILL) == nil {
			kills++
		}
		io.Copy(io.Discard, stdout)
		cmd.Wait()
	}
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(dir, "ticketgate.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	before := countTickets(t, st)
	// The kills must have cut runs short after some progress, or the test
	// proves nothing.
	if before == 0 || before == n {
		t.Fatalf("%d of %d messages recorded by the killed runs; the kills missed the ingest", before, n)
	}
	if out, err := child().CombinedOutput(); err != nil {
		t.Fatalf("final run: %v\n%s", err, out)
	}
	t.Logf("%d child runs killed with SIGKILL had recorded %d of %d messages", kills, before, n)

	if err := st.IntegrityCheck(ctx); err != nil {
		t.Fatal(err)
	}
	err = st.View(ctx, func(tx gateway.ReadTx) error {
		ts, err := tx.Tickets(ctx, gateway.TicketFilter{})
		if err != nil {
			return err
		}
		if len(ts) != n {
			t.Errorf("%d tickets, want %d", len(ts), n)
		}
		refs := map[string]bool{}
		for _, tk := range ts {
			if refs[tk.Reference] {
				t.Errorf("reference %s given twice", tk.Reference)
			}
			refs[tk.Reference] = true
		}
		for i := 0; i < n; i++ {
			es, err := tx.EntriesByMessageID(ctx, fmt.Sprintf("crash-%d@customer.example", i))
			if err != nil {
				return err
			}
			if len(es) != 1 {
				t.Errorf("message %d recorded %d times", i, len(es))
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func countTickets(t *testing.T, st *store.Store) int {
	t.Helper()
	var n int
	err := st.View(context.Background(), func(tx gateway.ReadTx) error {
		ts, err := tx.Tickets(context.Background(), gateway.TicketFilter{})
		n = len(ts)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}
