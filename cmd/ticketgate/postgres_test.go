package main

import (
	"context"
	"errors"
	"fmt"
	"mime"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"ticketgate/gateway"
	"ticketgate/gateway/imapsource/imaptest"
	"ticketgate/gateway/store/pgtest"
	"ticketgate/gateway/store/postgres"
	"ticketgate/notifier/smtpsink"
)

// pgDatabase is the URL of a fresh database on the test cluster.
func pgDatabase(t *testing.T) string { return pgtest.Open(t) }

// database = "postgres://…" runs the commands on PostgreSQL; the
// password never shows, and a file backup points to pg_dump.
func TestCommandsOnPostgreSQL(t *testing.T) {
	db := pgDatabase(t)
	u, _ := url.Parse(db)
	u.User = url.UserPassword(u.User.Username(), "s3cret-pw")
	src := strings.Replace(readFile(t, initDir(t)), `database = "ticketgate.db"`, `database = "`+u.String()+`"`, 1)
	if !strings.Contains(src, "s3cret-pw") {
		t.Fatal("the test cannot point the configuration at PostgreSQL")
	}
	cfg := writeConfig(t, src)
	env := map[string]string{"TICKETGATE_CONFIG": cfg}
	out, errOut, code := cli(t, "", env, "check")
	if !strings.Contains(out, "database postgres://") || !strings.Contains(out, "schema version 1") {
		t.Errorf("check (%d): %s %s", code, out, errOut)
	}
	if strings.Contains(out+errOut, "s3cret-pw") {
		t.Errorf("check shows the password:\n%s%s", out, errOut)
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(cfg), "ticketgate.db")); err == nil {
		t.Error("an SQLite file was created beside the configuration")
	}
	mail := "From: Zoé Martin <zoe@client.example>\r\nTo: support@helpdesk.example.com\r\nSubject: Caisse en panne\r\n" +
		"Message-ID: <pg-1@client.example>\r\n\r\nPlus rien ne fonctionne.\r\n"
	if out, errOut, code := cli(t, mail, env, "ingest"); code != 0 || !strings.Contains(out, "created\tSUP-") {
		t.Fatalf("ingest (%d): %s %s", code, out, errOut)
	}
	if out, errOut, code := cli(t, mail, env, "ingest"); code != 0 || strings.Contains(out, "created") {
		t.Errorf("the same mail again (%d): %s %s", code, out, errOut)
	}
	if out, errOut, code := cli(t, "", env, "tickets", "list"); code != 0 || !strings.Contains(out, "Caisse en panne") {
		t.Errorf("tickets list (%d): %s %s", code, out, errOut)
	}
	copyPath := filepath.Join(t.TempDir(), "copy.db")
	_, errOut, code = cli(t, "", env, "backup", copyPath)
	if code == 0 || !strings.Contains(errOut, "pg_dump") {
		t.Errorf("backup of PostgreSQL (%d): %s", code, errOut)
	}
	if _, err := os.Stat(copyPath); err == nil {
		t.Error("backup of PostgreSQL wrote a file")
	}
}

// The password of database = "postgres://user@host/db" comes from
// PGPASSWORD, as for every PostgreSQL client, and the server checks it: a
// missing or wrong one is a clear error that shows neither password.
func TestPostgreSQLPasswordFromEnvironment(t *testing.T) {
	db, password := pgtest.OpenWithPassword(t)
	src := strings.Replace(readFile(t, initDir(t)), `database = "ticketgate.db"`, `database = "`+db+`"`, 1)
	cfg := writeConfig(t, src)
	env := map[string]string{"TICKETGATE_CONFIG": cfg}
	for _, try := range []struct{ name, password, hint string }{
		{"without PGPASSWORD", "", "no password was given: set PGPASSWORD"},
		{"with a wrong PGPASSWORD", "not-" + password, "password authentication failed"},
	} {
		t.Setenv("PGPASSWORD", try.password)
		out, errOut, code := cli(t, "", env, "tickets", "list")
		if code == 0 || !strings.Contains(errOut, "password authentication failed") || !strings.Contains(errOut, try.hint) {
			t.Errorf("%s: tickets list exited %d: %s%s", try.name, code, out, errOut)
		}
		if try.password != "" && strings.Contains(errOut, "no password was given") {
			t.Errorf("%s: the error says no password was given: %s", try.name, errOut)
		}
		if strings.Contains(out+errOut, password) {
			t.Errorf("%s: the output shows the password:\n%s%s", try.name, out, errOut)
		}
	}
	t.Setenv("PGPASSWORD", password)
	mail := "From: Zoé Martin <zoe@client.example>\r\nTo: support@helpdesk.example.com\r\nSubject: Caisse en panne\r\n" +
		"Message-ID: <pg-pw@client.example>\r\n\r\nPlus rien ne fonctionne.\r\n"
	if out, errOut, code := cli(t, mail, env, "ingest"); code != 0 || !strings.Contains(out, "created\tSUP-") {
		t.Fatalf("ingest with PGPASSWORD (%d): %s %s", code, out, errOut)
	}
	out, errOut, code := cli(t, "", env, "check")
	if code != 0 || !strings.Contains(out, "database postgres://") {
		t.Errorf("check with PGPASSWORD (%d): %s %s", code, out, errOut)
	}
	if strings.Contains(out+errOut, password) {
		t.Errorf("check shows the password:\n%s%s", out, errOut)
	}
}

// pgEachTicket calls fn with every ticket on PostgreSQL, in one read.
func pgEachTicket(t *testing.T, db string, fn func(gateway.ReadTx, gateway.Ticket) error) {
	t.Helper()
	ctx := context.Background()
	st, err := postgres.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	err = st.View(ctx, func(tx gateway.ReadTx) error {
		ts, err := tx.Tickets(ctx, gateway.TicketFilter{})
		if err != nil {
			return err
		}
		for _, tk := range ts {
			if err := fn(tx, tk); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// pgTickets counts the entries of each ticket subject on PostgreSQL.
func pgTickets(t *testing.T, db string) map[string]int {
	t.Helper()
	out := map[string]int{}
	pgEachTicket(t, db, func(tx gateway.ReadTx, tk gateway.Ticket) error {
		es, err := tx.Entries(context.Background(), tk.ID)
		out[tk.Subject] += len(es)
		return err
	})
	return out
}

// pgWarnings lists the details of the SLA warning events of each ticket
// subject on PostgreSQL.
func pgWarnings(t *testing.T, db string) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	pgEachTicket(t, db, func(tx gateway.ReadTx, tk gateway.Ticket) error {
		evs, err := tx.Events(context.Background(), tk.ID)
		for _, ev := range evs {
			if ev.Kind == gateway.EventSLAWarning {
				out[tk.Subject] = append(out[tk.Subject], ev.Detail)
			}
		}
		return err
	})
	return out
}

// Three serve processes on one PostgreSQL database and one mailbox: one
// reads it, all send. The reader is killed (SIGKILL) in turn while mail
// arrives, and a new serve started in its place: another takes the mailbox
// over within the lease's renewal, the claims of the dead are freed, and
// every mail is one ticket with its acknowledgement (sent again only if it
// was in flight when its sender died). Every ticket's one-minute response
// clock then runs out on the schedulers of all the serves, one more of
// which is killed meanwhile: each warning is one event and one mail.
func TestServesShareOnePostgreSQL(t *testing.T) {
	if testing.Short() {
		t.Skip("runs child processes")
	}
	// Side by side: most of each run is waiting for clocks to run out.
	t.Run("Dovecot", func(t *testing.T) { t.Parallel(); testServesShareOnePostgreSQL(t, imaptest.NewDovecot(t)) })
	t.Run("InMemoryIMAP", func(t *testing.T) { t.Parallel(); testServesShareOnePostgreSQL(t, imaptest.NewMemServer(t)) })
}

func testServesShareOnePostgreSQL(t *testing.T, srv imaptest.Server) {
	db := pgDatabase(t)
	user, pass := srv.NewUser(t)
	sink := startSink(t, smtpsink.Options{})
	host, port, _ := strings.Cut(srv.Addr(), ":")
	cfg := writeConfig(t, fmt.Sprintf(`secret = "0123456789abcdef-shared-test"
hostname = "helpdesk.example.com"
database = %q
[serve]
tick = "1s"
[agents]
oncall = ["oncall@helpdesk.example.com"]
[calendars.always]
time_zone = "UTC"
always_open = true
[slas.fast]
P1 = { response = "1m" }
P2 = { response = "1m" }
P3 = { response = "1m" }
P4 = { response = "1m" }
P5 = { response = "1m" }
[smtp]
host = "127.0.0.1"
port = %d
security = "plain"
[mailboxes.support]
address = "support@helpdesk.example.com"
prefix = "SUP"
calendar = "always"
sla = "fast"
[mailboxes.support.imap]
host = %q
port = %s
security = "plain"
username = %q
password = %q
post_action = "seen"
idle_refresh = "10s"
`, db, sink.Port(), host, port, user, pass))
	started := 0
	start := func() *exec.Cmd {
		started++
		name := fmt.Sprintf("serve-%d", started)
		cmd := exec.Command(os.Args[0], "serve", "--config", cfg)
		cmd.Env = append(os.Environ(), "TICKETGATE_TEST_MAIN=1")
		log, err := os.Create(filepath.Join(filepath.Dir(cfg), name+".log"))
		if err != nil {
			t.Fatal(err)
		}
		cmd.Stderr = log
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			cmd.Process.Kill()
			cmd.Wait()
			if t.Failed() {
				b, _ := os.ReadFile(log.Name())
				t.Logf("%s's log:\n%s", name, tail(string(b), 20))
			}
		})
		return cmd
	}
	ctx := context.Background()
	st, err := postgres.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	reader := func() int {
		h, err := st.LeaseHolder(ctx, "mailbox:support")
		if err != nil {
			t.Fatal(err)
		}
		return h.PID
	}
	serves := map[int]*exec.Cmd{}
	first := start()
	serves[first.Process.Pid] = first
	waitUntil(t, "the first serve to read the mailbox", 30*time.Second, func() bool { return reader() == first.Process.Pid })
	for range 2 {
		c := start()
		serves[c.Process.Pid] = c
	}
	sent := 0
	send := func(n int) {
		var raws [][]byte
		for range n {
			raws = append(raws, []byte(fmt.Sprintf("From: Customer %[1]d <c%[1]d@customer.example>\r\nTo: support@helpdesk.example.com\r\n"+
				"Subject: Shared %[1]d\r\nMessage-ID: <shared-%[1]d@customer.example>\r\n\r\nMessage %[1]d.\r\n", sent)))
			sent++
		}
		imaptest.AppendMany(t, srv.Addr(), user, pass, "INBOX", raws)
	}
	// acks counts the mails to each customer (the on-call list's
	// warnings may start before the last acknowledgement is out).
	acks := func() map[string]int {
		out := map[string]int{}
		for _, m := range sink.Messages() {
			for _, to := range m.To {
				if strings.HasSuffix(to, "@customer.example") {
					out[to]++
				}
			}
		}
		return out
	}
	// warningMails counts the SLA warnings sent to the on-call list for
	// each ticket subject.
	warningMails := func() map[string]int {
		out := map[string]int{}
		for _, m := range sink.Messages() {
			if !slices.Contains(m.To, "oncall@helpdesk.example.com") {
				continue
			}
			subject, err := new(mime.WordDecoder).DecodeHeader(m.Header.Get("Subject"))
			if err != nil {
				t.Fatalf("warning subject %q: %v", m.Header.Get("Subject"), err)
			}
			if _, s, ok := strings.Cut(subject, " - "); ok {
				out[s]++
			}
		}
		return out
	}
	const kills = 3
	for range kills {
		send(10)
		// Kill the reader while the mail is being read.
		waitUntil(t, "the reader to start on the new mail", 30*time.Second, func() bool { return len(pgTickets(t, db)) > sent-10 })
		pid := reader()
		victim := serves[pid]
		if victim == nil {
			t.Fatalf("the mailbox is read by process %d, none of ours", pid)
		}
		victim.Process.Kill()
		victim.Wait()
		delete(serves, pid)
		// A process of this host that is gone: taken over at the next
		// renewal of another serve, not when the lease runs out.
		waitUntil(t, "another serve to take the mailbox over", 2*serveLeaseRenew+5*time.Second, func() bool {
			return serves[reader()] != nil
		})
		c := start()
		serves[c.Process.Pid] = c
	}
	send(10)
	// The claims of the killed senders are freed once their instance
	// leases run out.
	waitUntil(t, "every mail's ticket and acknowledgement", serveLeaseTTL+2*serveLeaseRenew+30*time.Second, func() bool {
		return len(pgTickets(t, db)) == sent && len(acks()) == sent
	})
	// Every ticket's one-minute response clock runs out unanswered: the
	// schedulers of all the serves tick over the same tickets, and each
	// warning is one event and one mail to the on-call list. One more serve
	// is killed once the first clocks have run out, while the later
	// tickets' warnings are still to come, so that a kill lands in the
	// schedulers' and senders' work as well as the reader's.
	late := func() int {
		n := 0
		for _, ws := range pgWarnings(t, db) {
			if slices.ContainsFunc(ws, func(w string) bool { return strings.HasSuffix(w, string(gateway.SLABreached)) }) {
				n++
			}
		}
		return n
	}
	waitUntil(t, "a first ticket's response to be warned late", 2*time.Minute, func() bool { return late() > 0 })
	for pid, c := range serves {
		c.Process.Kill()
		c.Wait()
		delete(serves, pid)
		break
	}
	waitUntil(t, "every ticket's response to be warned late", 2*time.Minute, func() bool { return late() == sent })
	waitUntil(t, "the warnings to be sent", serveLeaseTTL+2*serveLeaseRenew+30*time.Second, func() bool {
		ws, mailed := pgWarnings(t, db), warningMails()
		for subject, w := range ws {
			if mailed[subject] < len(w) {
				return false
			}
		}
		return len(ws) == sent
	})
	for _, c := range serves {
		c.Process.Signal(syscall.SIGTERM)
	}
	for _, c := range serves {
		if err := c.Wait(); err != nil {
			t.Errorf("serve after SIGTERM: %v", err)
		}
	}
	got, mailed, warnings, warned := pgTickets(t, db), acks(), pgWarnings(t, db), warningMails()
	again := 0
	for i := range sent {
		subject := fmt.Sprintf("Shared %d", i)
		if n := got[subject]; n != 1 {
			t.Errorf("mail %d recorded %d times", i, n)
		}
		n := mailed[fmt.Sprintf("c%d@customer.example", i)]
		if n < 1 || n > 2 {
			t.Errorf("customer %d got %d acknowledgements", i, n)
		}
		again += n - 1
		// At risk (unless a tick came only after the clock ran out) and
		// breached, each once.
		ws := warnings[subject]
		risk, late := 0, 0
		for _, w := range ws {
			switch {
			case strings.HasSuffix(w, string(gateway.SLABreached)):
				late++
			case strings.HasSuffix(w, string(gateway.SLAAtRisk)):
				risk++
			}
		}
		if late != 1 || risk > 1 || len(ws) != risk+late {
			t.Errorf("mail %d's ticket has warning events %q, want at most one at risk and one breached", i, ws)
		}
		m := warned[subject]
		if m < len(ws) || m > len(ws)+1 {
			t.Errorf("mail %d's ticket: %d warning mails to the on-call list for %d warnings", i, m, len(ws))
		}
		again += max(0, m-len(ws))
	}
	// A sender records each mail sent before the next: a kill leaves at
	// most the one it was sending unrecorded.
	if again > kills+1 {
		t.Errorf("%d mails sent twice after %d kills", again, kills+1)
	}
	t.Logf("%d serves started, %d killed, %d mails sent again (in flight at a kill)", started, kills+1, again)
	for _, name := range []string{"mailbox:support"} {
		if h, _ := st.LeaseHolder(ctx, name); h.ID != "" {
			t.Errorf("lease %s still held after every serve stopped: %+v", name, h)
		}
	}
}

// Two serves and two mailboxes on PostgreSQL: each reads one, whichever
// started first; when one stops, the other reads both.
func TestServesSplitTheMailboxes(t *testing.T) {
	if testing.Short() {
		t.Skip("runs serve twice")
	}
	db := pgDatabase(t)
	srv := imaptest.NewMemServer(t)
	host, port, _ := strings.Cut(srv.Addr(), ":")
	src := fmt.Sprintf("secret = \"0123456789abcdef-split-test\"\ndatabase = %q\n", db)
	for _, name := range []string{"support", "sales"} {
		user, pass := srv.NewUser(t)
		src += fmt.Sprintf(`[mailboxes.%[1]s]
address = "%[1]s@helpdesk.example.com"
prefix = %[2]q
[mailboxes.%[1]s.imap]
host = %[3]q
port = %[4]s
security = "plain"
username = %[5]q
password = %[6]q
idle_refresh = "10s"
`, name, strings.ToUpper(name[:3]), host, port, user, pass)
	}
	cfg := writeConfig(t, src)
	ctx := context.Background()
	st, err := postgres.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	readers := func() (string, string) {
		a, err1 := st.LeaseHolder(ctx, "mailbox:support")
		b, err2 := st.LeaseHolder(ctx, "mailbox:sales")
		if err := errors.Join(err1, err2); err != nil {
			t.Fatal(err)
		}
		return a.ID, b.ID
	}
	stopFirst := serveInProcess(t, cfg)
	waitUntil(t, "the first serve to read both mailboxes", 30*time.Second, func() bool {
		a, b := readers()
		return a != "" && a == b
	})
	serveInProcess(t, cfg)
	waitUntil(t, "each serve to read one mailbox", 3*serveLeaseRenew+5*time.Second, func() bool {
		a, b := readers()
		return a != "" && b != "" && a != b
	})
	stopFirst()
	waitUntil(t, "the second serve to read both", 3*serveLeaseRenew+5*time.Second, func() bool {
		a, b := readers()
		return a != "" && a == b
	})
}

// migrate copies an SQLite installation into PostgreSQL, verified, and
// the gateway goes on there where it was; then back into a new file.
func TestMigrateIntoPostgreSQLAndBack(t *testing.T) {
	db := pgDatabase(t)
	cfg := initDir(t)
	env := map[string]string{"TICKETGATE_CONFIG": cfg}
	for i, subject := range []string{"Caisse en panne", "Imprimante résolue"} {
		mail := fmt.Sprintf("From: Zoé <zoe@client.example>\r\nTo: support@helpdesk.example.com\r\nSubject: %s\r\n"+
			"Message-ID: <mig-%d@client.example>\r\n\r\nLe problème persiste, numéro %d.\r\n", subject, i, i)
		if _, errOut, code := cli(t, mail, env, "ingest"); code != 0 {
			t.Fatalf("ingest: %s", errOut)
		}
	}
	if _, errOut, code := cli(t, "un mot de passe\n", env, "admin", "user", "add", "alice", "--role", "admin"); code != 0 {
		t.Fatalf("admin user add: %s", errOut)
	}
	out, errOut, code := cli(t, "", env, "migrate", "--to", db)
	if code != 0 || !strings.Contains(out, "counts and checksums match") || !strings.Contains(out, "tickets") {
		t.Fatalf("migrate (%d): %s %s", code, out, errOut)
	}
	if _, errOut, code := cli(t, "", env, "migrate", "--to", db); code == 0 || !strings.Contains(errOut, "not empty") {
		t.Errorf("a second migrate into the same database (%d): %s", code, errOut)
	}
	pgCfg := writeConfig(t, strings.Replace(readFile(t, cfg), `database = "ticketgate.db"`, `database = "`+db+`"`, 1))
	pgEnv := map[string]string{"TICKETGATE_CONFIG": pgCfg}
	again := "From: Zoé <zoe@client.example>\r\nTo: support@helpdesk.example.com\r\nSubject: Caisse en panne\r\n" +
		"Message-ID: <mig-0@client.example>\r\n\r\nLe problème persiste, numéro 0.\r\n"
	if out, errOut, code := cli(t, again, pgEnv, "ingest"); code != 0 || strings.Contains(out, "created") {
		t.Errorf("a copied mail ingested again on PostgreSQL (%d): %s %s", code, out, errOut)
	}
	next := "From: Léa <lea@client.example>\r\nTo: support@helpdesk.example.com\r\nSubject: Nouveau\r\n" +
		"Message-ID: <mig-new@client.example>\r\n\r\nBonjour.\r\n"
	out, errOut, code = cli(t, next, pgEnv, "ingest")
	if code != 0 || !strings.Contains(out, "created\tSUP-") || !strings.HasSuffix(strings.TrimSpace(out), "-000003") {
		t.Errorf("a new mail on PostgreSQL (%d): %s %s", code, out, errOut)
	}
	ctx := context.Background()
	st, err := postgres.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	var found []gateway.Ticket
	err = st.View(ctx, func(tx gateway.ReadTx) error {
		found, err = tx.Tickets(ctx, gateway.TicketFilter{Search: "resolue"})
		return err
	})
	if u, uerr := st.UserByName(ctx, "Alice"); uerr != nil || u.Role != "admin" {
		t.Errorf("the copied user: %+v, %v", u, uerr)
	}
	st.Close()
	if err != nil || len(found) != 1 || found[0].Subject != "Imprimante résolue" {
		t.Errorf("search on the copy: %v, %v", found, err)
	}
	back := filepath.Join(t.TempDir(), "back.db")
	out, errOut, code = cli(t, "", nil, "migrate", "--from", db, "--to", back)
	if code != 0 || !strings.Contains(out, "counts and checksums match") {
		t.Fatalf("migrate back (%d): %s %s", code, out, errOut)
	}
	fileCfg := writeConfig(t, strings.Replace(readFile(t, cfg), `database = "ticketgate.db"`, `database = "`+back+`"`, 1))
	if out, errOut, code := cli(t, "", map[string]string{"TICKETGATE_CONFIG": fileCfg}, "tickets", "list"); code != 0 ||
		!strings.Contains(out, "Nouveau") || !strings.Contains(out, "Caisse en panne") {
		t.Errorf("tickets on the file copied back (%d): %s %s", code, out, errOut)
	}
}

// An installation from the first schema (messages' bodies in columns,
// raw mail not deflated) copies into PostgreSQL whole.
func TestMigrateAnOldDatabase(t *testing.T) {
	db := pgDatabase(t)
	old := filepath.Join(t.TempDir(), "v1.db")
	if err := os.WriteFile(old, []byte(readFile(t, filepath.Join("..", "..", "testdata", "store", "v1.db"))), 0o600); err != nil {
		t.Fatal(err)
	}
	out, errOut, code := cli(t, "", nil, "migrate", "--from", old, "--to", db)
	if code != 0 || !strings.Contains(out, "counts and checksums match") {
		t.Fatalf("migrate (%d): %s %s", code, out, errOut)
	}
	if strings.Contains(out, "messages  0 ") {
		t.Errorf("no message copied:\n%s", out)
	}
}
