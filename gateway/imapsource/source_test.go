package imapsource_test

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"

	"ticketgate/gateway"
	"ticketgate/gateway/imapsource"
	"ticketgate/gateway/imapsource/imaptest"
	"ticketgate/gateway/store"
	"ticketgate/gateway/store/storetest"
)

func TestInMemoryServer(t *testing.T) { suite(t, imaptest.NewMemServer(t)) }

func TestDovecot(t *testing.T) { suite(t, imaptest.NewDovecot(t)) }

// suite runs every scenario against one server, each with its own user.
func suite(t *testing.T, b imaptest.Server) {
	t.Run("IdleLoop", func(t *testing.T) { testIdleLoop(t, b) })
	t.Run("PostActionMove", func(t *testing.T) { testMove(t, b, false) })
	t.Run("PostActionMoveWithoutMOVE", func(t *testing.T) { testMove(t, b, true) })
	t.Run("PostActionNone", func(t *testing.T) { testNone(t, b) })
	t.Run("PollingWithoutIDLE", func(t *testing.T) { testPolling(t, b) })
	t.Run("ConnectionDropped", func(t *testing.T) { testDropped(t, b) })
	t.Run("CommittedNotPostProcessed", func(t *testing.T) { testCrashBeforePostAction(t, b) })
	t.Run("UIDValidityChange", func(t *testing.T) { testUIDValidity(t, b) })
	t.Run("AuthFailureIsolated", func(t *testing.T) { testAuthFailure(t, b) })
	t.Run("UnreadableMessage", func(t *testing.T) { testUnreadable(t, b) })
	t.Run("ServerRestart", func(t *testing.T) { testRestart(t, b) })
}

// env is a gateway on a fresh database, a user on the server and a proxy
// in front of it.
type env struct {
	t          *testing.T
	b          imaptest.Server
	px         *proxy
	st         *store.Store
	gw         *gateway.Gateway
	user, pass string
}

func newEnv(t *testing.T, b imaptest.Server) *env {
	t.Helper()
	st := storetest.OpenSQLite(t)
	gw, err := gateway.New(gateway.Config{
		Hostname: "helpdesk.example.com",
		Secret:   []byte("0123456789abcdef-test-secret"),
		Mailboxes: map[string]gateway.Mailbox{
			"support": {Name: "support", Address: "support@helpdesk.example.com", Prefix: "SUP", Priority: 3, Language: "fr"},
			"oncall":  {Name: "oncall", Address: "oncall@helpdesk.example.com", Prefix: "OC", Priority: 1, Language: "fr"},
		},
		DefaultMailbox: "support",
	}, st, gateway.SystemClock, nil)
	if err != nil {
		t.Fatal(err)
	}
	e := &env{t: t, b: b, st: st, gw: gw}
	e.user, e.pass = b.NewUser(t)
	e.px = newProxy(t, b.Addr())
	return e
}

func (e *env) config(mod ...func(*imapsource.Config)) imapsource.Config {
	c := imapsource.Config{Mailbox: "support", Addr: e.px.addr(), Security: imapsource.Plain,
		Username: e.user, Password: e.pass, PostAction: imapsource.MarkSeen,
		MinBackoff: 20 * time.Millisecond, MaxBackoff: 200 * time.Millisecond, AuthBackoff: 200 * time.Millisecond,
		PollInterval: 100 * time.Millisecond, BatchSize: 7}
	if _, mem := e.b.(*imaptest.MemServer); mem {
		// The in-memory server drops a new-mail notice queued in the instant
		// between a command's end and the start of IDLE (it does not flush
		// its queue when IDLE begins), so on it only the periodic re-sync
		// catches such a message. Dovecot covers IDLE for real.
		c.IdleRefresh = time.Second
	}
	for _, m := range mod {
		m(&c)
	}
	return c
}

// run starts a reader; the returned function stops it and waits.
func (e *env) run(cfg imapsource.Config) (*imapsource.Source, func()) {
	src := imapsource.New(cfg, e.gw, testLog(e.t))
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		if err := src.Run(ctx); err != nil {
			e.t.Errorf("Run: %v", err)
		}
	}()
	stopped := false
	stop := func() {
		if !stopped {
			stopped = true
			cancel()
			wg.Wait()
		}
	}
	e.t.Cleanup(stop)
	return src, stop
}

func mail(i int, tag string) []byte {
	return []byte(fmt.Sprintf("From: Customer %[1]d <customer%[1]d@example.com>\r\nTo: support@helpdesk.example.com\r\n"+
		"Subject: %[2]s request %[1]d\r\nMessage-ID: <%[2]s-%[1]d@example.com>\r\nDate: Mon, 23 Nov 2026 10:00:00 +0100\r\n\r\n"+
		"Hello, this is message %[1]d.\r\n", i, tag))
}

func (e *env) append(folder string, raw []byte) {
	e.t.Helper()
	imaptest.Append(e.t, e.b.Addr(), e.user, e.pass, folder, raw)
}

// tickets returns the subjects of all tickets, with their entry counts.
func (e *env) tickets() map[string]int {
	e.t.Helper()
	out := map[string]int{}
	ctx := context.Background()
	err := e.st.View(ctx, func(tx gateway.ReadTx) error {
		ts, err := tx.Tickets(ctx, gateway.TicketFilter{})
		if err != nil {
			return err
		}
		for _, tk := range ts {
			es, err := tx.Entries(ctx, tk.ID)
			if err != nil {
				return err
			}
			out[tk.Subject] += len(es)
		}
		return nil
	})
	if err != nil {
		e.t.Fatal(err)
	}
	return out
}

// waitFor polls cond until it holds; it fails the test after 20 s.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// exactlyOnce checks that each of n messages tagged tag is one ticket with
// one entry.
func (e *env) exactlyOnce(tag string, n int) {
	e.t.Helper()
	got := e.tickets()
	for i := 1; i <= n; i++ {
		s := fmt.Sprintf("%s request %d", tag, i)
		if got[s] != 1 {
			e.t.Errorf("%q recorded %d times, want once", s, got[s])
		}
	}
}

func (e *env) count(tag string) int {
	n := 0
	for s, c := range e.tickets() {
		if strings.HasPrefix(s, tag+" ") {
			n += c
		}
	}
	return n
}

func (e *env) flags(folder string) (msgs int, seen int) {
	for _, m := range imaptest.FetchAll(e.t, e.b.Addr(), e.user, e.pass, folder) {
		msgs++
		if slices.Contains(m.Flags, imap.FlagSeen) {
			seen++
		}
	}
	return
}

func testIdleLoop(t *testing.T, b imaptest.Server) {
	e := newEnv(t, b)
	// Mail already there, some of it read by someone before ticketgate:
	// with post-action "seen" the first run takes the unread mail.
	imaptest.Append(t, b.Addr(), e.user, e.pass, "INBOX", mail(1, "read-before"), imap.FlagSeen)
	for i := 1; i <= 10; i++ {
		e.append("INBOX", mail(i, "idle"))
	}
	src, stop := e.run(e.config())
	waitFor(t, "the 10 waiting messages", func() bool { return e.count("idle") == 10 })
	waitFor(t, "IDLE", func() bool { return src.Health().State == imapsource.StateIdle })
	e.append("INBOX", mail(11, "idle"))
	waitFor(t, "the message appended during IDLE", func() bool { return e.count("idle") == 11 })
	if h := src.Health(); !h.Idle || h.LastSync.IsZero() || h.LastError != "" {
		t.Errorf("health %+v", h)
	}
	waitFor(t, "every message marked seen", func() bool { n, seen := e.flags("INBOX"); return n == 12 && seen == 12 })
	stop()
	e.exactlyOnce("idle", 11)
	if n := e.count("read-before"); n != 0 {
		t.Errorf("mail read before the first run was taken in %d times", n)
	}
	st, ok, err := e.gw.MailboxState(context.Background(), "support")
	if err != nil || !ok || st.LastUID == 0 || st.UIDValidity == 0 || st.LastSyncAt == nil {
		t.Errorf("mailbox state %+v ok=%v err=%v", st, ok, err)
	}
	if h := src.Health(); h.State != imapsource.StateStopped {
		t.Errorf("state after stop = %s", h.State)
	}
}

func testMove(t *testing.T, b imaptest.Server, hideMove bool) {
	e := newEnv(t, b)
	if hideMove {
		e.px.set(func(p *proxy) { p.hide = []string{"MOVE"} })
	}
	for i := 1; i <= 9; i++ {
		e.append("INBOX", mail(i, "move"))
	}
	src, stop := e.run(e.config(func(c *imapsource.Config) { c.PostAction = imapsource.Move; c.ProcessedFolder = "Done" }))
	waitFor(t, "all moved", func() bool { n, _ := e.flags("INBOX"); return n == 0 && e.count("move") == 9 })
	e.append("INBOX", mail(10, "move"))
	waitFor(t, "the new one moved", func() bool { n, _ := e.flags("INBOX"); return n == 0 && e.count("move") == 10 })
	stop()
	if moved, _ := e.flags("Done"); moved != 10 {
		t.Errorf("%d messages in Done, want 10", moved)
	}
	if h := src.Health(); h.Move == hideMove {
		t.Errorf("server MOVE seen as %v with MOVE hidden=%v", h.Move, hideMove)
	}
	e.exactlyOnce("move", 10)
}

func testNone(t *testing.T, b imaptest.Server) {
	e := newEnv(t, b)
	for i := 1; i <= 5; i++ {
		e.append("INBOX", mail(i, "none"))
	}
	cfg := e.config(func(c *imapsource.Config) { c.PostAction = imapsource.Leave })
	_, stop := e.run(cfg)
	waitFor(t, "5 tickets", func() bool { return e.count("none") == 5 })
	stop()
	// A second run (a restart) starts after the last UID: nothing again.
	e.append("INBOX", mail(6, "none"))
	src, stop := e.run(cfg)
	waitFor(t, "the 6th", func() bool { return e.count("none") == 6 })
	waitFor(t, "a completed sync", func() bool { return src.Health().State == imapsource.StateIdle })
	stop()
	if n, seen := e.flags("INBOX"); n != 6 || seen != 0 {
		t.Errorf("INBOX has %d messages, %d seen; want 6 untouched", n, seen)
	}
	e.exactlyOnce("none", 6)
}

func testPolling(t *testing.T, b imaptest.Server) {
	e := newEnv(t, b)
	e.px.set(func(p *proxy) { p.hide = []string{"IDLE"} })
	src, stop := e.run(e.config())
	waitFor(t, "polling", func() bool { return src.Health().State == imapsource.StatePolling })
	for i := 1; i <= 3; i++ {
		e.append("INBOX", mail(i, "poll"))
	}
	waitFor(t, "3 tickets by polling", func() bool { return e.count("poll") == 3 })
	stop()
	if src.Health().Idle {
		t.Error("IDLE reported although hidden")
	}
	e.exactlyOnce("poll", 3)
}

func testDropped(t *testing.T, b imaptest.Server) {
	e := newEnv(t, b)
	src, stop := e.run(e.config())
	waitFor(t, "IDLE", func() bool { return src.Health().State == imapsource.StateIdle })
	for round := 1; round <= 3; round++ {
		e.px.dropAll()
		e.append("INBOX", mail(round, "drop"))
		waitFor(t, "the message after a cut", func() bool { return e.count("drop") == round })
	}
	stop()
	e.exactlyOnce("drop", 3)
	if e.px.accepted < 4 {
		t.Errorf("%d connections, want a reconnection after each of 3 cuts", e.px.accepted)
	}
}

// A crash after the commit and before the post-action leaves a message
// recorded but unseen; the next run must see it is done and mark it.
func testCrashBeforePostAction(t *testing.T, b imaptest.Server) {
	e := newEnv(t, b)
	e.append("INBOX", mail(1, "crash"))
	e.append("INBOX", mail(2, "crash"))
	msgs := imaptest.FetchAll(t, b.Addr(), e.user, e.pass, "INBOX")
	c := imaptest.Dial(t, b.Addr(), e.user, e.pass)
	sel, err := c.Select("INBOX", nil).Wait()
	must(t, err)
	c.Logout().Wait()
	// What the crashed run committed: message 1 at its position.
	if _, err := e.gw.Ingest(context.Background(), gateway.Source{Mailbox: "support", UIDValidity: sel.UIDValidity, UID: uint32(msgs[0].UID)}, msgs[0].Raw); err != nil {
		t.Fatal(err)
	}
	_, stop := e.run(e.config())
	waitFor(t, "both seen", func() bool { n, seen := e.flags("INBOX"); return n == 2 && seen == 2 })
	stop()
	e.exactlyOnce("crash", 2)
}

func testUIDValidity(t *testing.T, b imaptest.Server) {
	e := newEnv(t, b)
	for i := 1; i <= 4; i++ {
		e.append("INBOX", mail(i, "uidv"))
	}
	cfg := e.config(func(c *imapsource.Config) { c.PostAction = imapsource.Leave })
	src, stop := e.run(cfg)
	waitFor(t, "4 tickets", func() bool { return e.count("uidv") == 4 && src.Health().State == imapsource.StateIdle })
	before, _, _ := e.gw.MailboxState(context.Background(), "support")
	e.b.ChangeUIDValidity(t, e.user, e.pass)
	e.px.dropAll()
	e.append("INBOX", mail(5, "uidv"))
	waitFor(t, "the new message after the change", func() bool { return e.count("uidv") == 5 })
	waitFor(t, "a sync under the new UIDVALIDITY", func() bool {
		st, _, _ := e.gw.MailboxState(context.Background(), "support")
		return st.UIDValidity != before.UIDValidity && st.LastSyncAt != nil && st.LastSyncAt.After(*before.LastSyncAt)
	})
	stop()
	// The four old messages came back under new UIDs: recognised by
	// content, recorded once.
	e.exactlyOnce("uidv", 5)
}

func testAuthFailure(t *testing.T, b imaptest.Server) {
	e := newEnv(t, b)
	bad, stopBad := e.run(e.config(func(c *imapsource.Config) { c.Mailbox = "oncall"; c.Password = "wrong" }))
	_, stopGood := e.run(e.config())
	e.append("INBOX", mail(1, "auth"))
	waitFor(t, "the good mailbox to work", func() bool { return e.count("auth") == 1 })
	waitFor(t, "the bad one to report", func() bool { return bad.Health().State == imapsource.StateAuthFailed })
	stopBad()
	stopGood()
	if h := bad.Health(); !strings.Contains(h.LastError, "authentication failed") {
		t.Errorf("bad mailbox error %q", h.LastError)
	}
	st, ok, err := e.gw.MailboxState(context.Background(), "oncall")
	if err != nil || !ok || !strings.Contains(st.LastError, "authentication failed") || st.LastErrorAt == nil || st.LastSyncAt != nil {
		t.Errorf("stored state of the failing mailbox: %+v ok=%v err=%v", st, ok, err)
	}
	if strings.Contains(st.LastError, "wrong") {
		t.Errorf("the password leaked into the error: %q", st.LastError)
	}

	// Once the password is fixed, the mailbox starts like a first run:
	// mail read before is not taken in, unread mail is.
	imaptest.Append(t, b.Addr(), e.user, e.pass, "INBOX", mail(1, "fixed-read"), imap.FlagSeen)
	fixed, stopFixed := e.run(e.config(func(c *imapsource.Config) { c.Mailbox = "oncall" }))
	waitFor(t, "the fixed mailbox to sync", func() bool { return fixed.Health().State == imapsource.StateIdle })
	stopFixed()
	if n := e.count("fixed-read"); n != 0 {
		t.Errorf("read mail taken in %d times after the failed first connection", n)
	}
}

func testUnreadable(t *testing.T, b imaptest.Server) {
	e := newEnv(t, b)
	for i := 1; i <= 3; i++ {
		e.append("INBOX", mail(i, "odd"))
	}
	poison := []byte("From: x@example.com\r\nSubject: poison\r\nMessage-ID: <poison@example.com>\r\n\r\nPOISON-LINE\r\n")
	e.append("INBOX", poison)
	for i := 4; i <= 6; i++ {
		e.append("INBOX", mail(i, "odd"))
	}
	e.px.set(func(p *proxy) { p.killOn = []byte("POISON-LINE") })
	_, stop := e.run(e.config())
	waitFor(t, "the good messages and a flagged ticket", func() bool {
		got := e.tickets()
		for s := range got {
			if strings.HasPrefix(s, "Unreadable message in mailbox support") {
				return e.count("odd") == 6
			}
		}
		return false
	})
	waitFor(t, "all seen", func() bool { n, seen := e.flags("INBOX"); return n == 7 && seen == 7 })
	stop()
	e.exactlyOnce("odd", 6)
	ctx := context.Background()
	err := e.st.View(ctx, func(tx gateway.ReadTx) error {
		ts, err := tx.Tickets(ctx, gateway.TicketFilter{})
		if err != nil {
			return err
		}
		for _, tk := range ts {
			if strings.HasPrefix(tk.Subject, "Unreadable") && !tk.HasFlag(gateway.FlagNeedsHuman) {
				t.Errorf("unreadable ticket %s is not flagged for a human", tk.Reference)
			}
		}
		return nil
	})
	must(t, err)
	if e.px.killed < 3 {
		t.Errorf("the poison message was fetched %d times, want 3 before giving up", e.px.killed)
	}
}

func testRestart(t *testing.T, b imaptest.Server) {
	e := newEnv(t, b)
	src, stop := e.run(e.config())
	waitFor(t, "IDLE", func() bool { return src.Health().State == imapsource.StateIdle })
	e.append("INBOX", mail(1, "restart"))
	waitFor(t, "first message", func() bool { return e.count("restart") == 1 })
	b.Restart(t)
	e.append("INBOX", mail(2, "restart"))
	waitFor(t, "the message after the restart", func() bool { return e.count("restart") == 2 })
	stop()
	e.exactlyOnce("restart", 2)
}

// testLog shows the reader's log with -v when TICKETGATE_TEST_LOG is set.
func testLog(t *testing.T) *slog.Logger {
	if os.Getenv("TICKETGATE_TEST_LOG") == "" {
		return nil
	}
	return slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
