// Package admin is the web admin: tickets, their timeline and actions,
// templates, the outbox and the mailboxes, server-rendered with
// html/template from embedded files. No framework and no build step: a
// few lines of plain JavaScript make the template preview live, and every
// page works without it.
//
// Implementation notes:
//   - It reads and acts through the gateway (gateway.Gateway), never the
//     ticket store: a reply written here goes the way an agent's mailed
//     reply goes (Gateway.ActAs runs the same commands). People, sessions
//     and sign-in links are kept by Accounts, which the store implements.
//   - Every response carries a strict Content-Security-Policy: no inline
//     script, nothing framed from elsewhere, this site framed by nobody.
//     Mail HTML is sanitised (bluemonday) and served from its own URL under
//     a CSP sandbox with no script, into an iframe sandboxed without
//     allow-scripts: two locks, each enough alone.
//   - Every POST carries the session's CSRF token; sign-in forms carry a
//     token bound to a cookie (double submit), since there is no session
//     yet. Cookies are HttpOnly and SameSite=Strict, Secure over https.
//   - Tokens (session, sign-in link) are 32 random bytes; the store keeps
//     their SHA-256 only.
package admin

import (
	"context"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"ticketgate/gateway"
	"ticketgate/gateway/report"
)

// Accounts keeps the people who sign in and their sessions; the store
// implements it. Token arguments are hashes (tokenHash).
type Accounts interface {
	PutUser(ctx context.Context, u *gateway.User, replace bool) error
	UserByName(ctx context.Context, name string) (gateway.User, error)
	Users(ctx context.Context) ([]gateway.User, error)
	CreateSession(ctx context.Context, tokenHash string, userID int64, csrf string, now, expires time.Time) error
	Session(ctx context.Context, tokenHash string) (gateway.Session, error)
	TouchSession(ctx context.Context, tokenHash string, now time.Time) error
	DeleteSession(ctx context.Context, tokenHash string, now time.Time) error
	CreateSignInLink(ctx context.Context, tokenHash string, userID int64, now, expires time.Time) error
	UseSignInLink(ctx context.Context, tokenHash string, now time.Time) (gateway.User, error)
	RecordLoginFailure(ctx context.Context, keys []string, at, prune time.Time) error
	LoginFailures(ctx context.Context, key string, since time.Time) (int, error)
	ClearLoginFailures(ctx context.Context, key string) error
}

// Config is how the admin is reached and how long sign-ins last.
type Config struct {
	// BaseURL is the admin's address as people reach it
	// ("https://support.example.com/admin"); links in mail and printed
	// sign-in links start with it. An https URL makes cookies Secure.
	BaseURL string
	// SessionTTL ends a session that long after sign-in; IdleTimeout
	// ends one unused for that long.
	SessionTTL, IdleTimeout time.Duration
	// StaleAfter flags a mailbox whose last sync is older (0: never).
	StaleAfter time.Duration
	// Levels is the number of priority levels (default 5).
	Levels int
	// Password sets the cost of new password hashes and of the check run
	// for unknown names (zero: DefaultParams).
	Password Params
	// Limits on failed sign-ins in Window: per user name and per remote
	// address (defaults 5 and 20 in 15 minutes).
	UserFailures, AddrFailures int
	Window                     time.Duration
	// Plans are the credit terms the SLA report totals, by tier name.
	Plans map[string]report.Plan
}

// Deps are what the admin works with.
type Deps struct {
	Config   Config
	Gateway  *gateway.Gateway
	Accounts Accounts
	Clock    gateway.Clock
	Log      *slog.Logger
}

// Server is the web admin.
type Server struct {
	cfg      Config
	gw       *gateway.Gateway
	acc      Accounts
	clock    gateway.Clock
	log      *slog.Logger
	pages    map[string]*template.Template
	secure   bool
	prefix   string // the path BaseURL puts the admin under, "" at the root
	dummy    string // a hash checked for unknown names, so they take as long
	previews *previewCache
	mux      *http.ServeMux
}

//go:embed views/*.html
var views embed.FS

//go:embed static
var static embed.FS

// New returns the admin.
func New(d Deps) (*Server, error) {
	if d.Gateway == nil || d.Accounts == nil {
		return nil, errors.New("new admin: a gateway and accounts are needed")
	}
	c := d.Config
	if c.SessionTTL <= 0 {
		c.SessionTTL = 12 * time.Hour
	}
	if c.IdleTimeout <= 0 {
		c.IdleTimeout = 2 * time.Hour
	}
	if c.Levels <= 0 {
		c.Levels = 5
	}
	if c.Password == (Params{}) {
		c.Password = DefaultParams
	}
	if c.UserFailures <= 0 {
		c.UserFailures = 5
	}
	if c.AddrFailures <= 0 {
		c.AddrFailures = 20
	}
	if c.Window <= 0 {
		c.Window = 15 * time.Minute
	}
	s := &Server{cfg: c, gw: d.Gateway, acc: d.Accounts, clock: d.Clock, log: d.Log, previews: newPreviewCache()}
	if s.clock == nil {
		s.clock = gateway.SystemClock
	}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	if c.BaseURL != "" {
		u, err := url.Parse(c.BaseURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, fmt.Errorf("new admin: base URL %q: want http:// or https:// and a host", c.BaseURL)
		}
		s.secure = u.Scheme == "https"
		s.prefix = strings.TrimSuffix(u.Path, "/")
	}
	var err error
	if s.dummy, err = HashPassword("no such user", c.Password); err != nil {
		return nil, fmt.Errorf("new admin: %w", err)
	}
	if s.pages, err = parsePages(s); err != nil {
		return nil, fmt.Errorf("new admin: %w", err)
	}
	s.routes()
	return s, nil
}

// Handler serves the admin, every response with its security headers.
// Mounted under BaseURL's path, it expects that path stripped.
func (s *Server) Handler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", pageCSP)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Cache-Control", "no-store")
		s.mux.ServeHTTP(w, r)
	})
}

// pageCSP is every page's policy: our own scripts and styles only, no
// inline script, framed by nobody; frames only our own mail views.
const pageCSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"frame-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// mailCSP is the policy of mail HTML and template previews, shown in our
// own iframes: no script at all (sandbox without allow-scripts), no
// request anywhere (remote images are trackers), inline styles allowed
// since mail is styled that way.
const mailCSP = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'"

func (s *Server) routes() {
	m := http.NewServeMux()
	staticFS, _ := fs.Sub(static, "static")
	m.Handle("GET /static/", http.StripPrefix("/static/", http.FileServerFS(staticFS)))
	m.HandleFunc("GET /login", s.loginPage)
	m.HandleFunc("POST /login", s.login)
	m.HandleFunc("GET /signin/{token}", s.signInLink)
	m.HandleFunc("POST /logout", s.auth(gateway.RoleAgent, s.logout))
	m.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, s.prefix+"/tickets", http.StatusSeeOther)
	})
	m.HandleFunc("GET /tickets", s.auth(gateway.RoleAgent, s.ticketList))
	m.HandleFunc("GET /tickets/{ref}", s.auth(gateway.RoleAgent, s.ticketPage))
	m.HandleFunc("POST /tickets/{ref}", s.auth(gateway.RoleAgent, s.ticketAct))
	m.HandleFunc("GET /tickets/{ref}/messages/{id}/html", s.auth(gateway.RoleAgent, s.messageHTML))
	m.HandleFunc("GET /tickets/{ref}/messages/{id}/raw", s.auth(gateway.RoleAgent, s.messageRaw))
	m.HandleFunc("GET /tickets/{ref}/messages/{id}/attachments/{n}", s.auth(gateway.RoleAgent, s.attachment))
	m.HandleFunc("GET /outbox", s.auth(gateway.RoleAgent, s.outboxPage))
	m.HandleFunc("POST /outbox/{id}/retry", s.auth(gateway.RoleAgent, s.outboxRetry))
	m.HandleFunc("GET /mailboxes", s.auth(gateway.RoleAgent, s.mailboxesPage))
	m.HandleFunc("GET /reports/sla", s.auth(gateway.RoleAgent, s.reportPage))
	m.HandleFunc("GET /reports/sla/{format}", s.auth(gateway.RoleAgent, s.reportFile))
	m.HandleFunc("GET /templates", s.auth(gateway.RoleAdmin, s.templateList))
	m.HandleFunc("GET /templates/{name}/{lang}", s.auth(gateway.RoleAdmin, s.templatePage))
	m.HandleFunc("POST /templates/{name}/{lang}", s.auth(gateway.RoleAdmin, s.templateSave))
	m.HandleFunc("POST /templates/{name}/{lang}/preview", s.auth(gateway.RoleAdmin, s.templatePreview))
	m.HandleFunc("POST /templates/{name}/{lang}/revert", s.auth(gateway.RoleAdmin, s.templateRevert))
	m.HandleFunc("GET /previews/{id}", s.auth(gateway.RoleAdmin, s.previewHTML))
	s.mux = m
}

// TicketURL is the address of a ticket's page, for links in mail; "" when
// no base URL is configured.
func TicketURL(baseURL, ref string) string {
	if baseURL == "" {
		return ""
	}
	return strings.TrimSuffix(baseURL, "/") + "/tickets/" + url.PathEscape(ref)
}

// hashToken is how the store keeps a token.
func hashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// previewCache keeps rendered template previews for a few minutes, so
// that their HTML can be served from a URL of its own under mailCSP.
type previewCache struct {
	mu sync.Mutex
	m  map[string]preview
}

type preview struct {
	user    int64
	html    string
	expires time.Time
}

const (
	maxPreviews = 256
	previewTTL  = 10 * time.Minute
)

func newPreviewCache() *previewCache { return &previewCache{m: map[string]preview{}} }

func (c *previewCache) put(user int64, html string, now time.Time) string {
	id := randomToken()
	c.mu.Lock()
	defer c.mu.Unlock()
	for k, p := range c.m {
		if now.After(p.expires) {
			delete(c.m, k)
		}
	}
	if len(c.m) >= maxPreviews {
		clear(c.m)
	}
	c.m[id] = preview{user: user, html: html, expires: now.Add(previewTTL)}
	return id
}

func (c *previewCache) get(user int64, id string, now time.Time) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	p, ok := c.m[id]
	if !ok || p.user != user || now.After(p.expires) {
		return "", false
	}
	return p.html, true
}
