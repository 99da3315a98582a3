package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"ticketgate/gateway/imapsource/imaptest"
	"ticketgate/gateway/store"
)

// Two serve processes on one database would both send every mail: the
// second refuses to start while the first runs, and the first gives the
// database back when it stops.
func TestServeRunsOncePerDatabase(t *testing.T) {
	srv := imaptest.NewMemServer(t)
	user, pass := srv.NewUser(t)
	cfg := imapConfig(t, srv.Addr(), user, pass, "seen")
	env := map[string]string{"TICKETGATE_CONFIG": cfg, "ONCALL_PASSWORD": "wrong"}

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var firstErr bytes.Buffer
	done := make(chan error, 1)
	go func() {
		e := &env_{stdin: strings.NewReader(""), stdout: &bytes.Buffer{}, stderr: &firstErr, getenv: func(k string) string { return env[k] }}
		done <- run(ctx, e.env(), []string{"serve"})
	}()
	waitUntil(t, "the first serve to hold the database", time.Minute, func() bool {
		select {
		case err := <-done:
			t.Fatalf("the first serve stopped before it held the database: %v\n%s", err, firstErr.String())
		default:
		}
		return leaseHolder(t, cfg) != ""
	})
	_, errOut, code := cli(t, "", env, "serve")
	if code != exTempFail || !strings.Contains(errOut, "another ticketgate serve runs on") || !strings.Contains(errOut, "process ") {
		t.Fatalf("second serve (exit %d):\n%s", code, errOut)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("first serve: %v\n%s", err, firstErr.String())
	}
	if h := leaseHolder(t, cfg); h != "" {
		t.Errorf("a stopped serve still holds the database (%s)", h)
	}
}

// leaseHolder reads who holds the serve lease; "" when nobody does.
func leaseHolder(t *testing.T, cfg string) string {
	t.Helper()
	st, err := store.Open(context.Background(), filepath.Join(filepath.Dir(cfg), "ticketgate.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	h, err := st.LeaseHolder(context.Background(), store.ServeLease)
	if err != nil {
		t.Fatal(err)
	}
	return h.ID
}
