// Package imapsource reads one IMAP mailbox into the gateway, exactly once
// per message, for as long as it runs.
//
// Implementation notes:
//   - A message is taken in by UID with BODY.PEEK[] (fetching never marks it
//     read), handed to Sink.Ingest, and only after that commit does the
//     post-action run (\Seen, MOVE, or nothing). A crash in between leaves
//     the message unprocessed on the server; the next sync fetches it again
//     and the gateway recognises it by its position or bytes. Duplicates are
//     post-processed like new mail, so the folder converges.
//   - What to fetch on each sync: every UID above the last one taken in,
//     plus what the post-action has not yet marked (UNSEEN for "seen",
//     the whole folder for "move").
//   - "UID FETCH n:*" always returns the newest message even when its UID
//     is below n (RFC 3501 §6.4.8), so UIDs are filtered locally.
//   - IDLE (RFC 2177) is re-issued every IdleRefresh, well inside the
//     29-minute limit, and each re-issue is also a full sync: the safety
//     poll that catches mail a lost notification would hide.
//   - A FETCH that dies mid-stream leaves the rest of its batch suspect;
//     suspects are then fetched one at a time, and one that fails three
//     times is recorded as an unreadable message (a ticket for a human),
//     so that a single odd message never wedges the mailbox.
//   - A changed UIDVALIDITY invalidates every remembered UID: the folder is
//     read again from the start and the gateway's content dedupe keeps
//     anything from being recorded twice.
package imapsource

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	"github.com/emersion/go-sasl"

	"ticketgate/gateway"
	"ticketgate/gateway/spool"
)

// Sink takes messages in and keeps the reader's state: the gateway.
type Sink interface {
	// IngestBatch commits the messages of one fetch together; only those
	// whose Outcome has no error may be post-processed.
	IngestBatch(ctx context.Context, msgs []gateway.Incoming) ([]gateway.Outcome, error)
	MailboxState(ctx context.Context, mailbox string) (gateway.MailboxState, bool, error)
	SaveMailboxState(ctx context.Context, st gateway.MailboxState) error
	Recorded(ctx context.Context, src gateway.Source) (bool, error)
}

// Security is how the connection is protected.
type Security string

// Connection security.
const (
	TLS      Security = "tls"      // implicit TLS (port 993)
	StartTLS Security = "starttls" // STARTTLS on the plain port
	Plain    Security = "plain"    // no TLS: loopback only, checked by the configuration
)

// PostAction is what happens to a message on the server once committed.
type PostAction string

// Post-actions.
const (
	MarkSeen PostAction = "seen"
	Move     PostAction = "move"
	Leave    PostAction = "none"
)

// Config describes one mailbox to read. A field left at zero takes its
// value from DefaultConfig.
type Config struct {
	Mailbox   string // the gateway mailbox name
	Addr      string // host:port; see DefaultPort
	Security  Security
	TLSConfig *tls.Config // nil: system roots, server name from Addr
	Username  string
	Password  string
	// AuthPlain uses AUTHENTICATE PLAIN instead of LOGIN.
	AuthPlain  bool
	Folder     string
	PostAction PostAction
	// ProcessedFolder is where Move puts committed messages.
	ProcessedFolder string
	// PollInterval is how often to look for mail on a server without IDLE.
	PollInterval time.Duration
	// IdleRefresh re-issues IDLE and syncs.
	IdleRefresh time.Duration
	// BatchSize is the number of messages per UID FETCH.
	BatchSize int
	// DialTimeout bounds connecting.
	DialTimeout time.Duration
	// MinBackoff and MaxBackoff bound the wait between reconnections;
	// AuthBackoff is the wait after the server refused the credentials,
	// longer since retrying fast only gets the account locked.
	MinBackoff, MaxBackoff, AuthBackoff time.Duration
}

// DefaultConfig holds the value each zero field of a Config takes; the
// configuration file copies its IMAP defaults from here.
func DefaultConfig() Config {
	return Config{
		Security:        TLS,
		Folder:          "INBOX",
		PostAction:      MarkSeen,
		ProcessedFolder: "Processed",
		PollInterval:    time.Minute,
		IdleRefresh:     5 * time.Minute, // RFC 2177: well inside the server's 29 minutes
		BatchSize:       50,
		DialTimeout:     30 * time.Second,
		MinBackoff:      time.Second,
		MaxBackoff:      2 * time.Minute,
		AuthBackoff:     5 * time.Minute,
	}
}

// DefaultPort is the IMAP port of a connection security (RFC 8314 §7:
// 993 for implicit TLS; 143 otherwise).
func DefaultPort(s Security) int {
	if s == TLS {
		return 993
	}
	return 143
}

func (c *Config) defaults() {
	d := DefaultConfig()
	if c.Security == "" {
		c.Security = d.Security
	}
	if c.Folder == "" {
		c.Folder = d.Folder
	}
	if c.PostAction == "" {
		c.PostAction = d.PostAction
	}
	if c.PostAction == Move && c.ProcessedFolder == "" {
		c.ProcessedFolder = d.ProcessedFolder
	}
	if c.PollInterval <= 0 {
		c.PollInterval = d.PollInterval
	}
	if c.IdleRefresh <= 0 {
		c.IdleRefresh = d.IdleRefresh
	}
	if c.BatchSize <= 0 {
		c.BatchSize = d.BatchSize
	}
	if c.DialTimeout <= 0 {
		c.DialTimeout = d.DialTimeout
	}
	if c.MinBackoff <= 0 {
		c.MinBackoff = d.MinBackoff
	}
	if c.MaxBackoff <= 0 {
		c.MaxBackoff = d.MaxBackoff
	}
	if c.AuthBackoff <= 0 {
		c.AuthBackoff = d.AuthBackoff
	}
}

// Health states.
const (
	StateStarting   = "starting"
	StateSyncing    = "syncing"
	StateIdle       = "idle"    // waiting in IDLE
	StatePolling    = "polling" // waiting for the next poll (no IDLE)
	StateBackoff    = "backoff" // waiting to reconnect after a failure
	StateAuthFailed = "auth-failed"
	StateStopped    = "stopped"
)

// Health is a snapshot of a reader.
type Health struct {
	Mailbox   string
	State     string
	LastSync  time.Time // zero before the first successful sync
	LastError string
	Idle      bool // the server offers IDLE
	Move      bool // the server offers MOVE
}

// ErrAuth marks a refused login.
var ErrAuth = errors.New("authentication failed")

// unreadableAfter is how many single fetches of one UID may fail before
// the message is recorded as unreadable.
const unreadableAfter = 3

// Source reads one mailbox. Create it with New and call Run.
type Source struct {
	cfg  Config
	sink Sink
	log  *slog.Logger
	now  func() time.Time

	mu     sync.Mutex
	health Health

	// suspects are UIDs (of suspectValidity) whose batch fetch failed,
	// with how many single fetches of them failed since.
	suspects        map[imap.UID]int
	suspectValidity uint32
}

// New returns a reader for cfg.
func New(cfg Config, sink Sink, log *slog.Logger) *Source {
	cfg.defaults()
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Source{cfg: cfg, sink: sink, log: log.With("mailbox", cfg.Mailbox), now: time.Now,
		health: Health{Mailbox: cfg.Mailbox, State: StateStarting}, suspects: map[imap.UID]int{}}
}

// Health returns the reader's current state.
func (s *Source) Health() Health {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.health
}

func (s *Source) setState(state string) {
	s.mu.Lock()
	s.health.State = state
	s.mu.Unlock()
}

// Run reads the mailbox until ctx is cancelled, reconnecting after any
// failure. It returns nil once stopped.
func (s *Source) Run(ctx context.Context) error {
	backoff := s.cfg.MinBackoff
	for {
		synced, err := s.session(ctx)
		if ctx.Err() != nil {
			s.setState(StateStopped)
			s.log.Info("mailbox reader stopped")
			return nil
		}
		if synced {
			backoff = s.cfg.MinBackoff
		}
		wait := jitter(backoff)
		state := StateBackoff
		if errors.Is(err, ErrAuth) {
			wait, state = s.cfg.AuthBackoff, StateAuthFailed
			s.log.Error("IMAP login refused; check the username and password", "err", err, "retry_in", wait)
		} else {
			s.log.Warn("IMAP session ended", "err", err, "retry_in", wait)
			backoff = min(backoff*2, s.cfg.MaxBackoff)
		}
		s.recordError(ctx, state, err)
		select {
		case <-ctx.Done():
		case <-time.After(wait):
		}
	}
}

// jitter spreads reconnections over [d/2, d] so that mailboxes on one
// server do not reconnect in lockstep.
func jitter(d time.Duration) time.Duration {
	return d/2 + rand.N(d/2+1)
}

func (s *Source) recordError(ctx context.Context, state string, err error) {
	now := s.now().UTC()
	s.mu.Lock()
	s.health.State, s.health.LastError = state, err.Error()
	s.mu.Unlock()
	st, _, lerr := s.sink.MailboxState(ctx, s.cfg.Mailbox)
	if lerr == nil {
		st.Mailbox, st.LastError, st.LastErrorAt = s.cfg.Mailbox, err.Error(), &now
		lerr = s.sink.SaveMailboxState(context.WithoutCancel(ctx), st)
	}
	if lerr != nil {
		s.log.Error("record mailbox error", "err", lerr)
	}
}

// connect dials, logs in and returns the client and a channel that
// receives a value when the server announces new mail.
func (s *Source) connect(ctx context.Context) (*imapclient.Client, <-chan struct{}, error) {
	news := make(chan struct{}, 1)
	opts := &imapclient.Options{
		TLSConfig: s.cfg.TLSConfig,
		Dialer:    &net.Dialer{Timeout: s.cfg.DialTimeout, KeepAlive: 30 * time.Second},
		UnilateralDataHandler: &imapclient.UnilateralDataHandler{
			// Runs on the client's reader goroutine: never block it.
			Mailbox: func(d *imapclient.UnilateralDataMailbox) {
				if d.NumMessages != nil {
					select {
					case news <- struct{}{}:
					default:
					}
				}
			},
		},
	}
	var (
		c   *imapclient.Client
		err error
	)
	switch s.cfg.Security {
	case TLS:
		c, err = imapclient.DialTLS(s.cfg.Addr, opts)
	case StartTLS:
		c, err = imapclient.DialStartTLS(s.cfg.Addr, opts)
	case Plain:
		c, err = imapclient.DialInsecure(s.cfg.Addr, opts)
	default:
		return nil, nil, fmt.Errorf("unknown IMAP security %q", s.cfg.Security)
	}
	if err != nil {
		return nil, nil, fmt.Errorf("connect to %s: %w", s.cfg.Addr, err)
	}
	if err := c.WaitGreeting(); err != nil {
		c.Close()
		return nil, nil, fmt.Errorf("greeting from %s: %w", s.cfg.Addr, err)
	}
	if s.cfg.AuthPlain {
		err = c.Authenticate(sasl.NewPlainClient("", s.cfg.Username, s.cfg.Password))
	} else {
		err = c.Login(s.cfg.Username, s.cfg.Password).Wait()
	}
	if err != nil {
		c.Close()
		var ie *imap.Error
		if errors.As(err, &ie) {
			// The server answered NO or BAD: the credentials, not the network.
			return nil, nil, fmt.Errorf("log in to %s as %s: %w: %v", s.cfg.Addr, s.cfg.Username, ErrAuth, err)
		}
		return nil, nil, fmt.Errorf("log in to %s: %w", s.cfg.Addr, err)
	}
	return c, news, nil
}

// session runs one connection: sync, then IDLE or poll, until ctx ends or
// something fails. synced reports whether at least one sync completed.
func (s *Source) session(ctx context.Context) (synced bool, err error) {
	c, news, err := s.connect(ctx)
	if err != nil {
		return false, err
	}
	// A dead peer can block any command forever; cancellation closes the
	// socket after a grace period that lets the current message finish.
	done := make(chan struct{})
	defer close(done)
	go func() {
		select {
		case <-ctx.Done():
			select {
			case <-time.After(10 * time.Second):
				c.Close()
			case <-done:
			}
		case <-done:
		}
	}()
	defer func() {
		if ctx.Err() != nil {
			if lerr := c.Logout().Wait(); lerr != nil {
				s.log.Debug("logout", "err", lerr)
			}
		}
		c.Close()
	}()

	caps := c.Caps()
	s.mu.Lock()
	s.health.Idle, s.health.Move = caps.Has(imap.CapIdle), caps.Has(imap.CapMove)
	s.mu.Unlock()
	if s.cfg.PostAction == Move {
		if err := ensureFolder(c, s.cfg.ProcessedFolder); err != nil {
			return false, err
		}
	}
	sel, err := c.Select(s.cfg.Folder, nil).Wait()
	if err != nil {
		return false, fmt.Errorf("select %s: %w", s.cfg.Folder, err)
	}
	st, known, err := s.sink.MailboxState(ctx, s.cfg.Mailbox)
	if err != nil {
		return false, err
	}
	st.Mailbox = s.cfg.Mailbox
	// A row written only to record a failed first connection holds no
	// position yet.
	known = known && st.UIDValidity != 0
	if known && st.UIDValidity != sel.UIDValidity {
		// RFC 3501 §2.3.1.1: every UID we remember is void. Read the folder
		// again; content dedupe keeps each mail recorded once.
		s.log.Error("UIDVALIDITY changed: rescanning the folder", "folder", s.cfg.Folder,
			"old_uidvalidity", st.UIDValidity, "new_uidvalidity", sel.UIDValidity)
		st.LastUID = 0
		known = false
	}
	if !known && s.cfg.PostAction == MarkSeen && sel.UIDNext > 0 {
		// With "seen", read mail is processed mail: on a first run (or a
		// rescan) only the unread mail is taken in.
		st.LastUID = uint32(sel.UIDNext) - 1
	}
	st.UIDValidity = sel.UIDValidity
	s.log.Info("mailbox selected", "folder", s.cfg.Folder, "uidvalidity", sel.UIDValidity, "messages", sel.NumMessages,
		"idle", caps.Has(imap.CapIdle), "move", caps.Has(imap.CapMove))

	for {
		s.setState(StateSyncing)
		if err := s.sync(ctx, c, &st, caps); err != nil {
			return synced, err
		}
		synced = true
		if ctx.Err() != nil {
			return true, nil
		}
		if caps.Has(imap.CapIdle) {
			err = s.idle(ctx, c, news)
		} else {
			err = s.wait(ctx, c, news)
		}
		if err != nil || ctx.Err() != nil {
			return true, err
		}
	}
}

// idle waits in IDLE for new mail, the refresh timer or cancellation.
func (s *Source) idle(ctx context.Context, c *imapclient.Client, news <-chan struct{}) error {
	s.setState(StateIdle)
	cmd, err := c.Idle()
	if err != nil {
		return fmt.Errorf("idle: %w", err)
	}
	t := time.NewTimer(s.cfg.IdleRefresh)
	defer t.Stop()
	select {
	case <-ctx.Done():
	case <-news:
	case <-t.C:
	case <-c.Closed():
	}
	if err := cmd.Close(); err != nil {
		return fmt.Errorf("end idle: %w", err)
	}
	if err := cmd.Wait(); err != nil {
		return fmt.Errorf("idle: %w", err)
	}
	return nil
}

// wait sleeps until the next poll on a server without IDLE, keeping the
// connection alive with NOOP (which also brings new-mail notices).
func (s *Source) wait(ctx context.Context, c *imapclient.Client, news <-chan struct{}) error {
	s.setState(StatePolling)
	t := time.NewTimer(s.cfg.PollInterval)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return nil
	case <-news:
	case <-t.C:
	case <-c.Closed():
	}
	if err := c.Noop().Wait(); err != nil {
		return fmt.Errorf("noop: %w", err)
	}
	return nil
}

func ensureFolder(c *imapclient.Client, name string) error {
	err := c.Create(name, nil).Wait()
	var ie *imap.Error
	if err == nil || (errors.As(err, &ie) && ie.Code == imap.ResponseCodeAlreadyExists) {
		return nil
	}
	// Servers without the ALREADYEXISTS code (RFC 5530) answer a bare NO:
	// look before concluding.
	if _, serr := c.Status(name, &imap.StatusOptions{NumMessages: true}).Wait(); serr == nil {
		return nil
	}
	return fmt.Errorf("create folder %s: %w", name, err)
}

// sync takes in everything the folder holds that is not processed yet.
func (s *Source) sync(ctx context.Context, c *imapclient.Client, st *gateway.MailboxState, caps imap.CapSet) error {
	uids, err := s.candidates(c, st)
	if err != nil {
		return err
	}
	if s.suspectValidity != st.UIDValidity {
		clear(s.suspects)
		s.suspectValidity = st.UIDValidity
	}
	// Messages committed by an earlier run whose post-action was lost (a
	// crash, a cut connection) only need the post-action.
	var recorded []imap.UID
	pending := uids[:0]
	for _, u := range uids {
		ok, err := s.sink.Recorded(ctx, gateway.Source{Mailbox: s.cfg.Mailbox, UIDValidity: st.UIDValidity, UID: uint32(u)})
		if err != nil {
			return err
		}
		if ok {
			recorded = append(recorded, u)
		} else {
			pending = append(pending, u)
		}
	}
	uids = pending
	if len(recorded) > 0 {
		if err := s.postAction(c, recorded, caps); err != nil {
			return err
		}
		s.log.Info("post-action finished for messages recorded earlier", "count", len(recorded))
		if m := uint32(slices.Max(recorded)); m > st.LastUID {
			st.LastUID = m
		}
	}
	for len(uids) > 0 && ctx.Err() == nil {
		batch := uids[:min(len(uids), s.cfg.BatchSize)]
		if _, bad := s.suspects[batch[0]]; bad {
			batch = uids[:1]
		} else {
			for i, u := range batch {
				if _, bad := s.suspects[u]; bad {
					batch = batch[:i]
					break
				}
			}
		}
		uids = uids[len(batch):]
		done, ferr := s.fetch(ctx, c, st.UIDValidity, batch)
		serverFault := ferr != nil && !errors.Is(ferr, errIngest)
		if serverFault && len(batch) == 1 {
			done, ferr = s.maybeUnreadable(ctx, st.UIDValidity, batch[0], ferr)
			serverFault = ferr != nil && !errors.Is(ferr, errIngest)
		}
		for _, u := range done {
			delete(s.suspects, u)
		}
		if serverFault {
			// Whatever the stream did not deliver is fetched alone from now on.
			for _, u := range batch {
				if _, ok := s.suspects[u]; !ok && !slices.Contains(done, u) {
					s.suspects[u] = 0
				}
			}
		}
		if m := slices.Max(append(done, imap.UID(st.LastUID))); uint32(m) > st.LastUID {
			st.LastUID = uint32(m)
		}
		if len(done) > 0 {
			if err := s.postAction(c, done, caps); err != nil {
				ferr = errors.Join(ferr, err)
			}
		}
		if ferr != nil {
			if err := s.sink.SaveMailboxState(context.WithoutCancel(ctx), *st); err != nil {
				s.log.Error("save mailbox state", "err", err)
			}
			return ferr
		}
	}
	now := s.now().UTC()
	st.LastSyncAt, st.LastError, st.LastErrorAt = &now, "", nil
	if err := s.sink.SaveMailboxState(context.WithoutCancel(ctx), *st); err != nil {
		return err
	}
	s.mu.Lock()
	s.health.LastSync, s.health.LastError = now, ""
	s.mu.Unlock()
	return nil
}

// candidates lists the UIDs to take in, ascending.
func (s *Source) candidates(c *imapclient.Client, st *gateway.MailboxState) ([]imap.UID, error) {
	var set []imap.UID
	search := func(crit *imap.SearchCriteria, what string) ([]imap.UID, error) {
		data, err := c.UIDSearch(crit, nil).Wait()
		if err != nil {
			return nil, fmt.Errorf("search %s in %s: %w", what, s.cfg.Folder, err)
		}
		return data.AllUIDs(), nil
	}
	if s.cfg.PostAction == Move {
		// Whatever is still in the folder is unprocessed.
		all, err := search(&imap.SearchCriteria{}, "all")
		if err != nil {
			return nil, err
		}
		set = all
	} else {
		fresh, err := search(&imap.SearchCriteria{UID: []imap.UIDSet{{imap.UIDRange{Start: imap.UID(st.LastUID + 1), Stop: 0}}}}, "new")
		if err != nil {
			return nil, err
		}
		for _, u := range fresh {
			// "UID n:*" always matches the newest message, even below n.
			if uint32(u) > st.LastUID {
				set = append(set, u)
			}
		}
		if s.cfg.PostAction == MarkSeen {
			unseen, err := search(&imap.SearchCriteria{NotFlag: []imap.Flag{imap.FlagSeen}}, "unseen")
			if err != nil {
				return nil, err
			}
			set = append(set, unseen...)
		}
	}
	slices.Sort(set)
	return slices.Compact(set), nil
}

// errIngest marks a failure of the gateway, not of the server: the
// message is fine and is retried as is.
var errIngest = errors.New("ingest failed")

// fetch takes in the messages of batch and returns the UIDs committed.
// What the stream delivered is committed in one transaction (group
// commit) once the FETCH is over, also when the stream broke off: the
// messages read whole before the break are good.
func (s *Source) fetch(ctx context.Context, c *imapclient.Client, validity uint32, batch []imap.UID) ([]imap.UID, error) {
	fc := c.Fetch(imap.UIDSetNum(batch...), &imap.FetchOptions{UID: true,
		BodySection: []*imap.FetchItemBodySection{{Peek: true}}})
	var (
		msgs  []gateway.Incoming
		uids  []imap.UID
		fetch error
		held  []*spool.Message
	)
	defer func() {
		for _, m := range held {
			m.Close()
		}
	}()
	for msg := fc.Next(); msg != nil; msg = fc.Next() {
		var (
			uid  imap.UID
			raw  *spool.Message
			rerr error
		)
	items:
		for item := msg.Next(); item != nil; item = msg.Next() {
			switch it := item.(type) {
			case imapclient.FetchItemDataUID:
				uid = it.UID
			case imapclient.FetchItemDataBodySection:
				if it.Literal != nil {
					if raw, rerr = readLiteral(it.Literal); rerr != nil {
						break items
					}
					held = append(held, raw)
				}
			}
		}
		if rerr != nil {
			// The connection is broken: draining the stream would race the
			// client's reader; the session closes the connection instead.
			fetch = fmt.Errorf("read uid %d: %w", uid, rerr)
			break
		}
		if !slices.Contains(batch, uid) || raw == nil || slices.Contains(uids, uid) {
			continue // the newest message answering "n:*", or a flag update
		}
		msgs = append(msgs, gateway.Incoming{Source: gateway.Source{Mailbox: s.cfg.Mailbox, UIDValidity: validity, UID: uint32(uid)}, Raw: raw})
		uids = append(uids, uid)
	}
	if fetch == nil {
		if err := fc.Close(); err != nil {
			fetch = fmt.Errorf("fetch uids %v: %w", batch, err)
		}
	}
	done, err := s.ingest(ctx, msgs)
	if fetch != nil {
		// The server's fault decides what sync does next; a failed ingest
		// of the same batch is retried with the rest.
		if err != nil {
			s.log.Error("ingest of a broken fetch's messages", "err", err)
		}
		return done, fetch
	}
	return done, err
}

// ingest commits msgs and returns the UIDs committed. A message the
// gateway failed on is retried as is on the next sync.
func (s *Source) ingest(ctx context.Context, msgs []gateway.Incoming) ([]imap.UID, error) {
	if len(msgs) == 0 {
		return nil, nil
	}
	// The commit must not be abandoned halfway by a shutdown.
	out, err := s.sink.IngestBatch(context.WithoutCancel(ctx), msgs)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", errIngest, err)
	}
	var (
		done []imap.UID
		errs []error
	)
	for i, o := range out {
		uid := imap.UID(msgs[i].Source.UID)
		if o.Err != nil {
			errs = append(errs, fmt.Errorf("%w: uid %d: %w", errIngest, uid, o.Err))
			continue
		}
		s.log.Debug("message taken in", "uid", uid, "ticket", o.Ticket, "action", string(o.Action))
		done = append(done, uid)
	}
	return done, errors.Join(errs...)
}

// readLiteral reads a message body, spooled to a file when large; the
// caller closes it.
func readLiteral(l imap.LiteralReader) (*spool.Message, error) {
	m, err := spool.Read(l, l.Size())
	if err != nil {
		return nil, err
	}
	// A connection that dies mid-literal ends the reader early: a short
	// message must never pass for a whole one.
	if m.Size() != l.Size() {
		m.Close()
		return nil, fmt.Errorf("message cut short: %d of %d bytes: %w", m.Size(), l.Size(), io.ErrUnexpectedEOF)
	}
	return m, nil
}

// maybeUnreadable counts a failed single fetch; at the limit the message
// is recorded as unreadable so that it reaches a human and stops blocking
// the mailbox.
func (s *Source) maybeUnreadable(ctx context.Context, validity uint32, uid imap.UID, ferr error) ([]imap.UID, error) {
	s.suspects[uid]++
	if s.suspects[uid] < unreadableAfter {
		return nil, ferr
	}
	s.log.Error("message cannot be fetched; recording it for a human", "uid", uid, "folder", s.cfg.Folder, "err", ferr)
	raw := placeholder(s.cfg, validity, uid, ferr, s.now())
	out, err := s.sink.IngestBatch(context.WithoutCancel(ctx), []gateway.Incoming{{
		Source: gateway.Source{Mailbox: s.cfg.Mailbox, UIDValidity: validity, UID: uint32(uid)}, Raw: bytes.NewReader(raw)}})
	if err == nil {
		err = out[0].Err
	}
	if err != nil {
		return nil, fmt.Errorf("%w: record unreadable uid %d: %w", errIngest, uid, err)
	}
	s.log.Warn("unreadable message recorded", "uid", uid, "ticket", out[0].Ticket)
	delete(s.suspects, uid)
	return []imap.UID{uid}, nil
}

// placeholder stands for a message the server would not deliver. It has
// no sender, so the gateway opens a ticket flagged for a human.
func placeholder(cfg Config, validity uint32, uid imap.UID, ferr error, now time.Time) []byte {
	where := fmt.Sprintf("folder %s of mailbox %s (UIDVALIDITY %d, UID %d)", cfg.Folder, cfg.Mailbox, validity, uid)
	if cfg.PostAction == Move {
		where += ", now moved to " + cfg.ProcessedFolder
	}
	return fmt.Appendf(nil, "Subject: Unreadable message in mailbox %s (UID %d)\r\nDate: %s\r\n"+
		"X-Ticketgate-Unreadable: %d/%d\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"+
		"ticketgate could not fetch this message %d times in a row.\r\nIt is still on the server: %s.\r\nLast error: %s\r\n",
		cfg.Mailbox, uid, now.Format(time.RFC1123Z), validity, uid, unreadableAfter, where, oneLine(ferr.Error()))
}

var lineBreaks = strings.NewReplacer("\r", " ", "\n", " ")

func oneLine(s string) string { return lineBreaks.Replace(s) }

// postAction marks or moves committed messages.
func (s *Source) postAction(c *imapclient.Client, uids []imap.UID, caps imap.CapSet) error {
	set := imap.UIDSetNum(uids...)
	switch s.cfg.PostAction {
	case MarkSeen:
		if err := c.Store(set, &imap.StoreFlags{Op: imap.StoreFlagsAdd, Silent: true, Flags: []imap.Flag{imap.FlagSeen}}, nil).Close(); err != nil {
			return fmt.Errorf("mark uids %v seen: %w", uids, err)
		}
	case Move:
		if caps.Has(imap.CapMove) {
			if _, err := c.Move(set, s.cfg.ProcessedFolder).Wait(); err != nil {
				return fmt.Errorf("move uids %v to %s: %w", uids, s.cfg.ProcessedFolder, err)
			}
			return nil
		}
		// RFC 6851 §3.3: without MOVE, copy, flag \Deleted and expunge.
		if _, err := c.Copy(set, s.cfg.ProcessedFolder).Wait(); err != nil {
			return fmt.Errorf("copy uids %v to %s: %w", uids, s.cfg.ProcessedFolder, err)
		}
		if err := c.Store(set, &imap.StoreFlags{Op: imap.StoreFlagsAdd, Silent: true, Flags: []imap.Flag{imap.FlagDeleted}}, nil).Close(); err != nil {
			return fmt.Errorf("flag uids %v deleted: %w", uids, err)
		}
		var err error
		if caps.Has(imap.CapUIDPlus) {
			err = c.UIDExpunge(set).Close()
		} else {
			err = c.Expunge().Close()
		}
		if err != nil {
			return fmt.Errorf("expunge uids %v: %w", uids, err)
		}
	}
	return nil
}
