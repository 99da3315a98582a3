package admin

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"time"

	"ticketgate/gateway"
)

const (
	sessionCookie = "tg_session"
	loginCookie   = "tg_login" // the sign-in form's CSRF token (double submit)
	// LinkTTL is how long a one-time sign-in link is valid.
	LinkTTL = 15 * time.Minute
	// touchEvery spares a write per request: last seen is kept to the
	// minute.
	touchEvery = time.Minute
)

func randomToken() string {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic(fmt.Sprintf("read random bytes: %v", err)) // the system has no randomness: nothing is safe
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

// handler is a page for a signed-in person.
type handler func(w http.ResponseWriter, r *http.Request, ss *gateway.Session)

// auth lets through a live session of a person with the role (an admin
// has every role), and on POST only with the session's CSRF token.
func (s *Server) auth(role gateway.Role, h handler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ss, token, err := s.session(r)
		if err != nil {
			if r.Method == http.MethodGet {
				http.Redirect(w, r, s.prefix+"/login?next="+urlQueryEscape(s.prefix+r.URL.RequestURI()), http.StatusSeeOther)
				return
			}
			http.Error(w, "Your session has ended: sign in again.", http.StatusUnauthorized)
			return
		}
		if r.Method == http.MethodPost {
			if subtle.ConstantTimeCompare([]byte(r.PostFormValue("csrf")), []byte(ss.CSRF)) != 1 {
				http.Error(w, "This form is out of date or did not come from this site: reload the page and try again.", http.StatusForbidden)
				return
			}
		}
		if role == gateway.RoleAdmin && ss.User.Role != gateway.RoleAdmin {
			s.fail(w, r, ss, http.StatusForbidden, "This page is for administrators.")
			return
		}
		now := s.clock.Now().UTC()
		if now.Sub(ss.LastSeenAt) >= touchEvery {
			if err := s.acc.TouchSession(r.Context(), token, now); err != nil {
				s.log.Warn("touch session", "err", err)
			}
		}
		h(w, r, ss)
	}
}

// session returns the live session of the request's cookie and its
// token hash.
func (s *Server) session(r *http.Request) (*gateway.Session, string, error) {
	c, err := r.Cookie(sessionCookie)
	if err != nil || c.Value == "" {
		return nil, "", errors.New("no session")
	}
	h := hashToken(c.Value)
	ss, err := s.acc.Session(r.Context(), h)
	if err != nil {
		return nil, "", err
	}
	now := s.clock.Now().UTC()
	if !now.Before(ss.ExpiresAt) || now.Sub(ss.LastSeenAt) >= s.cfg.IdleTimeout {
		return nil, "", errors.New("session expired")
	}
	return &ss, h, nil
}

// startSession signs user in: a new session, its cookie, and the failed
// sign-ins against the name forgotten.
func (s *Server) startSession(w http.ResponseWriter, r *http.Request, u gateway.User) error {
	token, csrf := randomToken(), randomToken()
	now := s.clock.Now().UTC()
	if err := s.acc.CreateSession(r.Context(), hashToken(token), u.ID, csrf, now, now.Add(s.cfg.SessionTTL)); err != nil {
		return err
	}
	if err := s.acc.ClearLoginFailures(r.Context(), userKey(u.Name)); err != nil {
		s.log.Warn("clear failed sign-ins", "err", err)
	}
	http.SetCookie(w, s.cookie(sessionCookie, token, s.cfg.SessionTTL))
	s.log.Info("signed in", "user", u.Name, "remote", remoteAddr(r))
	return nil
}

func (s *Server) cookie(name, value string, ttl time.Duration) *http.Cookie {
	path := s.prefix
	if path == "" {
		path = "/"
	}
	c := &http.Cookie{Name: name, Value: value, Path: path, HttpOnly: true, Secure: s.secure,
		SameSite: http.SameSiteStrictMode}
	if ttl > 0 {
		c.MaxAge = int(ttl / time.Second)
	} else {
		c.MaxAge = -1
	}
	return c
}

func userKey(name string) string { return "user:" + strings.ToLower(name) }

func addrKey(r *http.Request) string { return "addr:" + remoteAddr(r) }

// remoteAddr is the peer's IP. Forwarded headers are not believed: anyone
// can write them, and a rate limit they could choose would limit nothing.
func remoteAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

type loginView struct {
	Token, Next, Name, Error string
}

func (s *Server) loginPage(w http.ResponseWriter, r *http.Request) {
	s.renderLogin(w, r, http.StatusOK, loginView{Next: r.URL.Query().Get("next")})
}

func (s *Server) renderLogin(w http.ResponseWriter, r *http.Request, status int, v loginView) {
	v.Token = randomToken()
	http.SetCookie(w, s.cookie(loginCookie, v.Token, time.Hour))
	s.render(w, r, status, "login.html", nil, "Sign in", v)
}

// login checks a name and password. Failures are counted in the database
// against the name and the remote address: the count survives restarts
// and is shared by every process on the database, so neither a restart
// nor a second address resets an attack on one name. Past either limit
// the password is not even checked.
func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	c, err := r.Cookie(loginCookie)
	form := r.PostFormValue("csrf")
	if err != nil || form == "" || subtle.ConstantTimeCompare([]byte(c.Value), []byte(form)) != 1 {
		http.Error(w, "This form is out of date or did not come from this site: reload the page and try again.", http.StatusForbidden)
		return
	}
	name, password := strings.TrimSpace(r.PostFormValue("name")), r.PostFormValue("password")
	v := loginView{Name: name, Next: r.PostFormValue("next")}
	now := s.clock.Now().UTC()
	since := now.Add(-s.cfg.Window)
	for _, lim := range []struct {
		key string
		max int
	}{{userKey(name), s.cfg.UserFailures}, {addrKey(r), s.cfg.AddrFailures}} {
		n, err := s.acc.LoginFailures(ctx, lim.key, since)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		if n >= lim.max {
			w.Header().Set("Retry-After", fmt.Sprint(int(s.cfg.Window/time.Second)))
			v.Error = "Too many failed sign-ins: wait a few minutes, or ask an administrator for a sign-in link."
			s.renderLogin(w, r, http.StatusTooManyRequests, v)
			return
		}
	}
	u, err := s.acc.UserByName(ctx, name)
	hash := s.dummy
	if err == nil && u.PasswordHash != "" {
		hash = u.PasswordHash
	}
	ok := CheckPassword(hash, password) // also for unknown names: as slow either way
	if err != nil && !errors.Is(err, gateway.ErrNotFound) {
		s.serverError(w, r, err)
		return
	}
	if err != nil || u.PasswordHash == "" || !ok {
		if err := s.acc.RecordLoginFailure(ctx, []string{userKey(name), addrKey(r)}, now, since); err != nil {
			s.serverError(w, r, err)
			return
		}
		s.log.Warn("failed sign-in", "user", name, "remote", remoteAddr(r))
		v.Error = "Wrong name or password."
		s.renderLogin(w, r, http.StatusUnauthorized, v)
		return
	}
	if err := s.startSession(w, r, u); err != nil {
		s.serverError(w, r, err)
		return
	}
	http.SetCookie(w, s.cookie(loginCookie, "", 0))
	http.Redirect(w, r, s.safeNext(v.Next), http.StatusSeeOther)
}

// safeNext keeps a redirect after sign-in on this site.
func (s *Server) safeNext(next string) string {
	if next == "" || !strings.HasPrefix(next, s.prefix+"/") || strings.HasPrefix(next, "//") || strings.ContainsAny(next, "\\\r\n") {
		return s.prefix + "/tickets"
	}
	return next
}

// signInLink spends a one-time link and signs its user in.
func (s *Server) signInLink(w http.ResponseWriter, r *http.Request) {
	u, err := s.acc.UseSignInLink(r.Context(), hashToken(r.PathValue("token")), s.clock.Now().UTC())
	if errors.Is(err, gateway.ErrNotFound) {
		s.renderLogin(w, r, http.StatusGone, loginView{Error: "This sign-in link was used already or has expired: ask for a new one."})
		return
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if err := s.startSession(w, r, u); err != nil {
		s.serverError(w, r, err)
		return
	}
	http.Redirect(w, r, s.prefix+"/tickets", http.StatusSeeOther)
}

func (s *Server) logout(w http.ResponseWriter, r *http.Request, ss *gateway.Session) {
	if c, err := r.Cookie(sessionCookie); err == nil {
		if err := s.acc.DeleteSession(r.Context(), hashToken(c.Value), s.clock.Now().UTC()); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	http.SetCookie(w, s.cookie(sessionCookie, "", 0))
	http.Redirect(w, r, s.prefix+"/login", http.StatusSeeOther)
}

// IssueSignInLink makes a one-time sign-in link for a user, valid for
// LinkTTL, under base (the admin's address).
func IssueSignInLink(ctx context.Context, acc Accounts, name, base string, now time.Time) (string, error) {
	u, err := acc.UserByName(ctx, name)
	if err != nil {
		return "", fmt.Errorf("sign-in link: %w", err)
	}
	token := randomToken()
	if err := acc.CreateSignInLink(ctx, hashToken(token), u.ID, now.UTC(), now.UTC().Add(LinkTTL)); err != nil {
		return "", err
	}
	return strings.TrimSuffix(base, "/") + "/signin/" + token, nil
}

// AddUser records a person; an empty password leaves them to sign in by
// link only.
func AddUser(ctx context.Context, acc Accounts, name string, role gateway.Role, email, password string, p Params, now time.Time) (gateway.User, error) {
	name = strings.TrimSpace(name)
	if name == "" || len(name) > 64 || strings.ContainsFunc(name, func(r rune) bool { return r < ' ' || r == 0x7f }) {
		return gateway.User{}, fmt.Errorf("add user: name %q: want 1 to 64 printable characters", name)
	}
	if p == (Params{}) {
		p = DefaultParams
	}
	u := gateway.User{Name: name, Role: role, Email: strings.TrimSpace(email), CreatedAt: now.UTC(), UpdatedAt: now.UTC()}
	if password != "" {
		var err error
		if u.PasswordHash, err = HashPassword(password, p); err != nil {
			return u, err
		}
	}
	if err := acc.PutUser(ctx, &u, false); err != nil {
		return u, err
	}
	return u, nil
}
