package admin_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"ticketgate/gateway"
	"ticketgate/gateway/admin"
)

func TestSecurityHeadersOnEveryResponse(t *testing.T) {
	e := newEnv(t)
	e.addUser("alice", gateway.RoleAdmin, "correct horse")
	c := e.client()
	for _, path := range []string{"/login", "/tickets", "/static/admin.css", "/no-such-page"} {
		r := c.get(path)
		csp := r.header.Get("Content-Security-Policy")
		for _, want := range []string{"default-src 'self'", "frame-ancestors 'none'", "script-src 'self'"} {
			if !strings.Contains(csp, want) {
				t.Errorf("GET %s: CSP %q lacks %q", path, csp, want)
			}
		}
		if strings.Contains(csp, "unsafe-inline") && !strings.Contains(csp, "style-src 'unsafe-inline'") {
			t.Errorf("GET %s: CSP allows inline script: %q", path, csp)
		}
		if r.header.Get("X-Content-Type-Options") != "nosniff" || r.header.Get("Referrer-Policy") == "" {
			t.Errorf("GET %s: headers %v", path, r.header)
		}
	}
}

func TestCookiesStrictAndSecureOverHTTPS(t *testing.T) {
	for _, base := range []string{"", "https://support.example.com"} {
		e := newEnv(t, func(c *admin.Config) { c.BaseURL = base })
		e.addUser("alice", gateway.RoleAdmin, "correct horse")
		c := e.client()
		r := c.post("/login", url.Values{"csrf": {c.csrf("/login")}, "name": {"alice"}, "password": {"correct horse"}})
		if r.status != http.StatusSeeOther {
			t.Fatalf("base %q: sign in: %d", base, r.status)
		}
		var found bool
		for _, ck := range (&http.Response{Header: r.header}).Cookies() {
			if ck.Name != "tg_session" {
				continue
			}
			found = true
			if !ck.HttpOnly || ck.SameSite != http.SameSiteStrictMode || ck.Secure != (base != "") {
				t.Errorf("base %q: session cookie %+v", base, ck)
			}
		}
		if !found {
			t.Errorf("base %q: no session cookie set", base)
		}
	}
}

func TestCSRFRejected(t *testing.T) {
	e := newEnv(t)
	e.addUser("alice", gateway.RoleAdmin, "correct horse")
	ref := e.ingest("support", mail("Jane <jane@customer.example>", "Printer down", "p1@customer.example", "It is down."))
	c := e.client()
	c.login("alice", "correct horse")
	token := c.csrf("/tickets/" + ref)
	for name, form := range map[string]url.Values{
		"no token":    {"action": {"note"}, "text": {"forged"}},
		"wrong token": {"action": {"note"}, "text": {"forged"}, "csrf": {token + "x"}},
		"other token": {"action": {"note"}, "text": {"forged"}, "csrf": {strings.Repeat("A", len(token))}},
	} {
		if r := c.post("/tickets/"+ref, form); r.status != http.StatusForbidden {
			t.Errorf("%s: %d, want 403", name, r.status)
		}
	}
	rec, err := e.gw.TicketRecord(e.ctx, ref)
	if err != nil {
		t.Fatal(err)
	}
	for _, ev := range rec.Events {
		if ev.Kind == gateway.EventNote {
			t.Fatalf("a forged form added a note: %+v", ev)
		}
	}
	// The sign-in form is protected too: without the cookie's token a
	// forged sign-in is refused.
	other := e.client()
	if r := other.post("/login", url.Values{"csrf": {"forged"}, "name": {"alice"}, "password": {"correct horse"}}); r.status != http.StatusForbidden {
		t.Errorf("forged sign-in: %d, want 403", r.status)
	}
	// With the token the same note goes through, on the timeline with the
	// user's name.
	if r := c.post("/tickets/"+ref, url.Values{"action": {"note"}, "text": {"checked the spooler"}, "csrf": {token}}); r.status != http.StatusSeeOther {
		t.Fatalf("note with the token: %d\n%s", r.status, r.body)
	}
	rec, _ = e.gw.TicketRecord(e.ctx, ref)
	last := rec.Events[len(rec.Events)-1]
	if last.Kind != gateway.EventNote || !strings.Contains(last.Actor, "alice") || last.Detail != "checked the spooler" {
		t.Errorf("note event %+v", last)
	}
}

func TestSessionExpiry(t *testing.T) {
	e := newEnv(t, func(c *admin.Config) { c.SessionTTL, c.IdleTimeout = 8*time.Hour, time.Hour })
	e.addUser("alice", gateway.RoleAgent, "correct horse")
	c := e.client()
	c.login("alice", "correct horse")
	if r := c.get("/tickets"); r.status != http.StatusOK {
		t.Fatalf("fresh session: %d", r.status)
	}
	// Used every 50 minutes it stays alive until its absolute end.
	for i := 0; i < 9; i++ {
		e.clock.add(50 * time.Minute)
		r := c.get("/tickets")
		alive := e.clock.Now().Before(time.Date(2026, 11, 24, 17, 0, 0, 0, time.UTC))
		if (r.status == http.StatusOK) != alive {
			t.Fatalf("after %d×50 min: %d (alive %v)", i+1, r.status, alive)
		}
		if !alive && (r.status != http.StatusSeeOther || !strings.HasPrefix(r.header.Get("Location"), "/login")) {
			t.Fatalf("expired session: %d %s, want a redirect to /login", r.status, r.header.Get("Location"))
		}
	}
	// Idle: a new session left alone for an hour is gone.
	c2 := e.client()
	c2.login("alice", "correct horse")
	e.clock.add(59 * time.Minute)
	if r := c2.get("/tickets"); r.status != http.StatusOK {
		t.Fatalf("59 minutes idle: %d", r.status)
	}
	e.clock.add(60 * time.Minute)
	if r := c2.get("/tickets"); r.status != http.StatusSeeOther {
		t.Fatalf("60 minutes idle: %d, want a redirect", r.status)
	}
	// A POST on an expired session is refused, not redirected.
	if r := c2.post("/logout", url.Values{"csrf": {"x"}}); r.status != http.StatusUnauthorized {
		t.Errorf("POST on an expired session: %d", r.status)
	}
}

func TestLogoutEndsTheSession(t *testing.T) {
	e := newEnv(t)
	e.addUser("alice", gateway.RoleAgent, "correct horse")
	c := e.client()
	c.login("alice", "correct horse")
	jar := c.c.Jar
	u, _ := url.Parse(e.srv.URL)
	stolen := jar.Cookies(u)
	if r := c.post("/logout", url.Values{"csrf": {c.csrf("/tickets")}}); r.status != http.StatusSeeOther {
		t.Fatalf("logout: %d", r.status)
	}
	// The old cookie, replayed, signs nobody in.
	c2 := e.client()
	c2.c.Jar.SetCookies(u, stolen)
	if r := c2.get("/tickets"); r.status != http.StatusSeeOther {
		t.Errorf("replayed cookie after logout: %d", r.status)
	}
}

func TestAgentCannotEditTemplates(t *testing.T) {
	e := newEnv(t)
	e.addUser("bob", gateway.RoleAgent, "agent pass")
	e.addUser("alice", gateway.RoleAdmin, "admin pass")
	agent := e.client()
	agent.login("bob", "agent pass")
	token := agent.csrf("/tickets")
	for _, r := range []resp{
		agent.get("/templates"),
		agent.get("/templates/ack/en"),
		agent.post("/templates/ack/en", url.Values{"csrf": {token}, "source": {"Subject: x\n--- text ---\nx\n--- html ---\n<p>x</p>\n"}}),
		agent.post("/templates/ack/en/revert", url.Values{"csrf": {token}, "version": {"0"}}),
		agent.post("/templates/ack/en/preview", url.Values{"csrf": {token}, "source": {"x"}}),
	} {
		if r.status != http.StatusForbidden {
			t.Errorf("agent on templates: %d, want 403", r.status)
		}
	}
	if h, err := e.gw.TemplateHistory(e.ctx, "ack"); err != nil || len(h) != 0 {
		t.Fatalf("an agent changed a template: %v %v", h, err)
	}
	if strings.Contains(agent.get("/tickets").body, "/templates") {
		t.Error("the agent's menu links to templates")
	}
	adm := e.client()
	adm.login("alice", "admin pass")
	if r := adm.get("/templates/ack/en"); r.status != http.StatusOK {
		t.Errorf("admin on templates: %d", r.status)
	}
}

func TestLoginRateLimited(t *testing.T) {
	e := newEnv(t, func(c *admin.Config) { c.UserFailures, c.AddrFailures, c.Window = 3, 6, 15*time.Minute })
	e.addUser("alice", gateway.RoleAdmin, "correct horse")
	e.addUser("bob", gateway.RoleAgent, "battery staple")
	c := e.client()
	try := func(name, pw string) int {
		return c.post("/login", url.Values{"csrf": {c.csrf("/login")}, "name": {name}, "password": {pw}}).status
	}
	for i := 0; i < 3; i++ {
		if s := try("alice", "guess"); s != http.StatusUnauthorized {
			t.Fatalf("wrong password %d: %d", i, s)
		}
	}
	// The right password is refused too while the name is locked.
	if s := try("alice", "correct horse"); s != http.StatusTooManyRequests {
		t.Fatalf("right password on a locked name: %d, want 429", s)
	}
	// Another name from the same address still works until the address
	// reaches its own limit (unknown names count against it too).
	if s := try("bob", "battery staple"); s != http.StatusSeeOther {
		t.Fatalf("another user: %d", s)
	}
	for i := 0; i < 3; i++ {
		try("nobody", "x")
	}
	if s := try("bob", "battery staple"); s != http.StatusTooManyRequests {
		t.Fatalf("after the address's limit: %d, want 429", s)
	}
	// The window passes: both may try again, and a success clears the name.
	e.clock.add(16 * time.Minute)
	if s := try("alice", "correct horse"); s != http.StatusSeeOther {
		t.Fatalf("after the window: %d", s)
	}
	// The counts are in the database: a new admin on the same store (a
	// restart) still refuses a locked name.
	for i := 0; i < 3; i++ {
		try("bob", "guess")
	}
	restarted, err := admin.New(admin.Deps{Config: admin.Config{Password: cheap, UserFailures: 3, AddrFailures: 100},
		Gateway: e.gw, Accounts: e.st, Clock: e.clock})
	if err != nil {
		t.Fatal(err)
	}
	e.srv.Config.Handler = restarted.Handler()
	if s := try("bob", "battery staple"); s != http.StatusTooManyRequests {
		t.Fatalf("locked name after a restart: %d, want 429", s)
	}
}

func TestSignInLinkOnceAndFor15Minutes(t *testing.T) {
	e := newEnv(t)
	e.addUser("alice", gateway.RoleAdmin, "")
	link, err := admin.IssueSignInLink(e.ctx, e.st, "alice", e.srv.URL, e.clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	path := strings.TrimPrefix(link, e.srv.URL)
	c := e.client()
	if r := c.get(path); r.status != http.StatusSeeOther {
		t.Fatalf("first use: %d\n%s", r.status, r.body)
	}
	if r := c.get("/tickets"); r.status != http.StatusOK {
		t.Fatalf("signed in by link: %d", r.status)
	}
	// Used once: refused ever after, from any browser.
	if r := e.client().get(path); r.status != http.StatusGone || !strings.Contains(r.body, "used already or has expired") {
		t.Fatalf("second use: %d", r.status)
	}
	late, err := admin.IssueSignInLink(e.ctx, e.st, "alice", e.srv.URL, e.clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	e.clock.add(15 * time.Minute)
	if r := e.client().get(strings.TrimPrefix(late, e.srv.URL)); r.status != http.StatusGone {
		t.Fatalf("link after 15 minutes: %d", r.status)
	}
	// A user without a password cannot sign in through the form.
	if r := e.client().post("/login", url.Values{"csrf": {e.client().csrf("/login")}, "name": {"alice"}, "password": {""}}); r.status == http.StatusSeeOther {
		t.Fatal("a user without password signed in with an empty one")
	}
	if _, err := admin.IssueSignInLink(e.ctx, e.st, "nobody", e.srv.URL, e.clock.Now()); err == nil {
		t.Error("a link for an unknown user")
	}
}

func TestPasswordHash(t *testing.T) {
	h, err := admin.HashPassword("s3cret", cheap)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=64,t=1,p=1$") {
		t.Fatalf("hash %q", h)
	}
	if !admin.CheckPassword(h, "s3cret") || admin.CheckPassword(h, "s3cret ") || admin.CheckPassword(h, "") {
		t.Error("check disagrees")
	}
	h2, _ := admin.HashPassword("s3cret", cheap)
	if h == h2 {
		t.Error("two hashes of one password are equal: no salt")
	}
	for _, bad := range []string{"", "$argon2i$v=19$m=64,t=1,p=1$AAAA$AAAA", "$argon2id$v=19$m=4194304,t=1,p=1$AAAA$AAAA",
		strings.Replace(h, "$argon2id$", "$argon2id$$", 1), h[:len(h)-4]} {
		if admin.CheckPassword(bad, "s3cret") {
			t.Errorf("matched %q", bad)
		}
	}
}

func TestAgentMailLinksToTheTicketPage(t *testing.T) {
	e := newEnv(t)
	ref := e.ingest("support", mail("Jane <jane@customer.example>", "Printer down", "p1@customer.example", "It is down."))
	ms, err := e.gw.OutboxList(e.ctx, gateway.OutboxFilter{})
	if err != nil {
		t.Fatal(err)
	}
	link := "https://support.example.com/admin/tickets/" + ref
	var agents, customers int
	for _, m := range ms {
		has := strings.Contains(m.Mail.Text, link) && strings.Contains(m.Mail.HTML, `href="`+link+`"`)
		switch m.Kind {
		case "agent-new-ticket":
			agents++
			if !has {
				t.Errorf("agents' notice without the link:\n%s", m.Mail.Text)
			}
		default:
			customers++
			if strings.Contains(m.Mail.Text, "/admin/") {
				t.Errorf("%s mail to the customer links to the admin", m.Kind)
			}
		}
	}
	if agents != 1 || customers == 0 {
		t.Fatalf("%d agents' notices, %d customer mails", agents, customers)
	}
}

func TestMailHTMLAttachmentsAndRawAreServedInert(t *testing.T) {
	e := newEnv(t)
	e.addUser("alice", gateway.RoleAgent, "pw")
	raw := "From: Jane <jane@customer.example>\r\nTo: support@helpdesk.example.com\r\nSubject: Files\r\nMessage-ID: <f1@customer.example>\r\n" +
		"Date: Tue, 24 Nov 2026 08:00:00 +0000\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n" +
		"--b\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p onclick=\"x()\">Hi <b>there</b></p><script>bad()</script><img src=\"https://tracker.example/p.gif\">\r\n" +
		"--b\r\nContent-Type: text/html\r\nContent-Disposition: attachment; filename=\"../../evil\\\".html\"\r\n\r\n<script>bad()</script>\r\n--b--\r\n"
	ref := e.ingest("support", []byte(raw))
	rec, err := e.gw.TicketRecord(e.ctx, ref)
	if err != nil || len(rec.Entries) != 1 || len(rec.Entries[0].Attachments) != 1 {
		t.Fatalf("record: %+v %v", rec, err)
	}
	id := rec.Entries[0].ID
	c := e.client()
	c.login("alice", "pw")
	base := "/tickets/" + ref + "/messages/" + strconv.FormatInt(id, 10)
	h := c.get(base + "/html")
	if h.status != http.StatusOK || !strings.Contains(h.header.Get("Content-Security-Policy"), "sandbox") ||
		strings.Contains(h.header.Get("Content-Security-Policy"), "allow-scripts") {
		t.Fatalf("html: %d %v", h.status, h.header)
	}
	for _, bad := range []string{"<script", "onclick", "tracker.example"} {
		if strings.Contains(h.body, bad) {
			t.Errorf("sanitised HTML keeps %q:\n%s", bad, h.body)
		}
	}
	if !strings.Contains(h.body, "<b>there</b>") {
		t.Errorf("sanitised HTML lost the text:\n%s", h.body)
	}
	a := c.get(base + "/attachments/0")
	cd := a.header.Get("Content-Disposition")
	if a.status != http.StatusOK || !strings.HasPrefix(cd, "attachment;") || strings.Contains(cd, "/") ||
		a.header.Get("X-Content-Type-Options") != "nosniff" || a.header.Get("Content-Type") != "application/octet-stream" {
		t.Fatalf("attachment: %d %q %v", a.status, cd, a.header)
	}
	if !strings.Contains(a.body, "<script>bad()</script>") {
		t.Errorf("attachment bytes %q", a.body)
	}
	if r := c.get(base + "/attachments/1"); r.status != http.StatusNotFound {
		t.Errorf("missing attachment: %d", r.status)
	}
	r := c.get(base + "/raw")
	if r.status != http.StatusOK || !strings.HasPrefix(r.header.Get("Content-Type"), "text/plain") || !strings.Contains(r.body, "Message-ID: <f1@customer.example>") {
		t.Fatalf("raw: %d %v", r.status, r.header)
	}
	// A message of another ticket is not reachable through this one.
	other := e.ingest("support", mail("Paul <paul@other.example>", "Other", "o1@other.example", "x"))
	orec, _ := e.gw.TicketRecord(e.ctx, other)
	if r := c.get("/tickets/" + ref + "/messages/" + strconv.FormatInt(orec.Entries[0].ID, 10) + "/raw"); r.status != http.StatusNotFound {
		t.Errorf("another ticket's message through this one: %d", r.status)
	}
}

func TestEscalateFromTheTicketPage(t *testing.T) {
	e := newEnv(t)
	e.addUser("alice", gateway.RoleAgent, "pw")
	ref := e.ingest("support", mail("Jane <jane@customer.example>", "Exports fail", "x1@customer.example", "Every export fails."))
	c := e.client()
	c.login("alice", "pw")
	page := c.get("/tickets/" + ref)
	if !strings.Contains(page.body, `id="do-escalate"`) || !strings.Contains(page.body, `id="ticket-level">1<`) {
		t.Fatalf("a level-1 ticket's page offers no escalation:\n%s", page.body)
	}
	before := mailsTo(t, e, "jane@customer.example")
	token := c.csrf("/tickets/" + ref)
	if r := c.post("/tickets/"+ref, url.Values{"action": {"escalate"}, "text": {"needs the database team"}, "csrf": {token}}); r.status != http.StatusSeeOther {
		t.Fatalf("escalate: %d\n%s", r.status, r.body)
	}
	tk, err := e.gw.Ticket(e.ctx, ref)
	if err != nil {
		t.Fatal(err)
	}
	if tk.Level != 2 {
		t.Errorf("level %d after escalation, want 2", tk.Level)
	}
	ms, err := e.gw.OutboxList(e.ctx, gateway.OutboxFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var told int
	for _, m := range ms {
		if m.Kind == "escalation" && len(m.Mail.To) == 1 && m.Mail.To[0].Address == "level2@helpdesk.example.com" {
			told++
			if !strings.Contains(m.Mail.Text, "needs the database team") || !strings.Contains(m.Mail.Text, "https://support.example.com/admin/tickets/"+ref) {
				t.Errorf("level 2's mail lacks the note or the link to the ticket page:\n%s", m.Mail.Text)
			}
		}
	}
	if n := mailsTo(t, e, "jane@customer.example"); n != before {
		t.Errorf("escalating mailed the customer: %d mails, was %d", n, before)
	}
	if told != 1 {
		t.Errorf("level 2 told %d times, want once", told)
	}
	page = c.get("/tickets/" + ref)
	if strings.Contains(page.body, `id="do-escalate"`) || !strings.Contains(page.body, `id="ticket-level">2`) ||
		!strings.Contains(page.body, "alice (web admin)") {
		t.Errorf("the page after escalation:\n%s", page.body)
	}
}

// mailsTo counts the mail queued so far for one address.
func mailsTo(t *testing.T, e *env, addr string) int {
	t.Helper()
	ms, err := e.gw.OutboxList(e.ctx, gateway.OutboxFilter{})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, m := range ms {
		for _, to := range m.Mail.To {
			if to.Address == addr {
				n++
			}
		}
	}
	return n
}
