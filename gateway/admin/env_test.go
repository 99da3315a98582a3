package admin_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"ticketgate/gateway"
	"ticketgate/gateway/admin"
	"ticketgate/gateway/store"
	"ticketgate/gateway/store/storetest"
)

// cheap keeps argon2id's format and code path at a cost tests can pay
// hundreds of times.
var cheap = admin.Params{Memory: 64, Time: 1, Threads: 1}

// clock is a settable clock shared by the gateway and the admin.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) add(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

// env is an admin over a real store and gateway, served by httptest.
type env struct {
	t     testing.TB
	ctx   context.Context
	st    *store.Store
	gw    *gateway.Gateway
	adm   *admin.Server
	srv   *httptest.Server
	clock *clock
	// onQueued is called after a commit that queued mail.
	onQueued func()
}

const testSecret = "admin-test-secret-0123456789abcdef"

func gatewayConfig() gateway.Config {
	return gateway.Config{Hostname: "helpdesk.example.com", Secret: []byte(testSecret), DefaultMailbox: "support",
		Mailboxes: map[string]gateway.Mailbox{
			"support": {Name: "support", Address: "support@helpdesk.example.com", Prefix: "SUP", Priority: 3, Language: "en"},
			"sales":   {Name: "sales", Address: "sales@helpdesk.example.com", Prefix: "SAL", Priority: 4, Language: "fr"},
		},
		Mail:       gateway.MailPolicy{Agents: []string{"agent@helpdesk.example.com"}},
		Escalation: gateway.Escalation{Level2: []string{"level2@helpdesk.example.com"}}}
}

func newEnv(t testing.TB, mod ...func(*admin.Config)) *env {
	t.Helper()
	ctx := context.Background()
	st := storetest.OpenSQLite(t)
	var err error
	e := &env{t: t, ctx: ctx, st: st, clock: &clock{now: time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)}}
	gc := gatewayConfig()
	gc.AdminURL = "https://support.example.com/admin"
	gc.OnQueued = func() {
		if e.onQueued != nil {
			e.onQueued()
		}
	}
	if e.gw, err = gateway.New(gc, st, e.clock, nil); err != nil {
		t.Fatal(err)
	}
	cfg := admin.Config{Password: cheap, StaleAfter: time.Hour}
	for _, m := range mod {
		m(&cfg)
	}
	if e.adm, err = admin.New(admin.Deps{Config: cfg, Gateway: e.gw, Accounts: st, Clock: e.clock}); err != nil {
		t.Fatal(err)
	}
	e.srv = httptest.NewServer(e.adm.Handler())
	t.Cleanup(e.srv.Close)
	return e
}

func (e *env) addUser(name string, role gateway.Role, password string) gateway.User {
	e.t.Helper()
	u, err := admin.AddUser(e.ctx, e.st, name, role, name+"@helpdesk.example.com", password, cheap, e.clock.Now())
	if err != nil {
		e.t.Fatal(err)
	}
	return u
}

// mail builds a message from a customer.
func mail(from, subject, id, body string, headers ...string) []byte {
	h := fmt.Sprintf("From: %s\r\nTo: support@helpdesk.example.com\r\nSubject: %s\r\nMessage-ID: <%s>\r\nDate: Tue, 24 Nov 2026 08:00:00 +0000\r\n",
		from, subject, id)
	for _, x := range headers {
		h += x + "\r\n"
	}
	if !strings.Contains(strings.Join(headers, "\n"), "Content-Type") {
		h += "Content-Type: text/plain; charset=utf-8\r\n"
	}
	return []byte(h + "\r\n" + body + "\r\n")
}

// ingest records a message and returns its ticket's reference.
func (e *env) ingest(mailbox string, raw []byte) string {
	e.t.Helper()
	res, err := e.gw.Ingest(e.ctx, gateway.Source{Mailbox: mailbox}, raw)
	if err != nil {
		e.t.Fatal(err)
	}
	if res.Ticket == "" {
		e.t.Fatalf("no ticket for the message: %+v", res)
	}
	return res.Ticket
}

// client is a browser-like HTTP client: cookies, no redirects followed.
type client struct {
	t testing.TB
	e *env
	c *http.Client
}

func (e *env) client() *client {
	jar, _ := cookiejar.New(nil)
	return &client{t: e.t, e: e, c: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}}
}

type resp struct {
	status int
	header http.Header
	body   string
}

func (c *client) do(method, path string, form url.Values) resp {
	c.t.Helper()
	var req *http.Request
	var err error
	if form != nil {
		req, err = http.NewRequest(method, c.e.srv.URL+path, strings.NewReader(form.Encode()))
		if err == nil {
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		}
	} else {
		req, err = http.NewRequest(method, c.e.srv.URL+path, nil)
	}
	if err != nil {
		c.t.Fatal(err)
	}
	res, err := c.c.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer res.Body.Close()
	var b strings.Builder
	buf := make([]byte, 32<<10)
	for {
		n, err := res.Body.Read(buf)
		b.Write(buf[:n])
		if err != nil {
			break
		}
	}
	return resp{status: res.StatusCode, header: res.Header, body: b.String()}
}

func (c *client) get(path string) resp { return c.do(http.MethodGet, path, nil) }

func (c *client) post(path string, form url.Values) resp { return c.do(http.MethodPost, path, form) }

var csrfField = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// csrf reads the form token of a page.
func (c *client) csrf(path string) string {
	c.t.Helper()
	r := c.get(path)
	m := csrfField.FindStringSubmatch(r.body)
	if m == nil {
		c.t.Fatalf("GET %s: %d, no CSRF token in the page:\n%s", path, r.status, r.body)
	}
	return m[1]
}

// login signs in through the form and fails the test unless it worked.
func (c *client) login(name, password string) {
	c.t.Helper()
	r := c.post("/login", url.Values{"csrf": {c.csrf("/login")}, "name": {name}, "password": {password}})
	if r.status != http.StatusSeeOther {
		c.t.Fatalf("sign in as %s: %d\n%s", name, r.status, r.body)
	}
}

func adminLink(e *env, name string) (string, error) {
	return admin.IssueSignInLink(e.ctx, e.st, name, e.srv.URL, e.clock.Now())
}

func mustURL(s string) *url.URL {
	u, err := url.Parse(s)
	if err != nil {
		panic(err)
	}
	return u
}
