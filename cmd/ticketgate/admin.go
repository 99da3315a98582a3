package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"time"

	"ticketgate/gateway"
	"ticketgate/gateway/admin"
	"ticketgate/gateway/store"
)

// runAdmin manages the people of the web admin.
func runAdmin(ctx context.Context, e *env, args []string) error {
	usage := "usage: ticketgate admin user add NAME [--role admin|agent] [--email ADDR]  (password on standard input)\n" +
		"       ticketgate admin link NAME  (prints a one-time sign-in URL, valid 15 minutes)"
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprintln(e.usageOut(args), usage)
		if len(args) == 0 {
			return &exitError{code: exUsage, err: errors.New("admin: no subcommand (user add, link)")}
		}
		return nil
	}
	switch {
	case args[0] == "user" && len(args) > 1 && args[1] == "add":
		return adminUserAdd(ctx, e, args[2:])
	case args[0] == "user" && len(args) > 1 && (args[1] == "-h" || args[1] == "--help"):
		return adminUserAdd(ctx, e, args[1:]) // the only user subcommand: show its flags
	case args[0] == "link":
		return adminLink(ctx, e, args[1:])
	}
	fmt.Fprintln(e.stderr, usage)
	return &exitError{code: exUsage, err: fmt.Errorf("admin: unknown subcommand %q (user add, link)", strings.Join(args, " "))}
}

func adminUserAdd(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "admin user add", "admin user add [--config PATH] [--role admin|agent] [--email ADDR] NAME  (password on standard input; empty: sign-in links only)")
	path := configFlag(fs)
	roleName := fs.String("role", "agent", "admin (everything) or agent (tickets only)")
	email := fs.String("email", "", "the person's mail address")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return &exitError{code: exUsage, err: errors.New("admin user add: give one name")}
	}
	role, err := gateway.ParseRole(*roleName)
	if err != nil {
		return &exitError{code: exUsage, err: fmt.Errorf("admin user add: %w", err)}
	}
	password, err := readPassword(e.stdin)
	if err != nil {
		return fmt.Errorf("admin user add: read the password from standard input: %w", err)
	}
	return withStore(ctx, e, *path, func(st database, clock gateway.Clock) error {
		u, err := admin.AddUser(ctx, st, pos[0], role, *email, password, admin.DefaultParams, clock.Now())
		if errors.Is(err, store.ErrUserExists) {
			return fmt.Errorf("admin user add: %s exists already", pos[0])
		}
		if err != nil {
			return fmt.Errorf("admin user add: %w", err)
		}
		how := "with a password"
		if u.PasswordHash == "" {
			how = "without a password: sign in with 'ticketgate admin link " + u.Name + "'"
		}
		fmt.Fprintf(e.stdout, "added %s (%s) %s\n", u.Name, u.Role, how)
		return nil
	})
}

// readPassword reads the first line of r: a password typed or piped in.
// Never echoed back, never logged.
func readPassword(r io.Reader) (string, error) {
	line, err := bufio.NewReader(io.LimitReader(r, 4096)).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", err
	}
	return strings.TrimRight(line, "\r\n"), nil
}

func adminLink(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "admin link", "admin link [--config PATH] NAME")
	path := configFlag(fs)
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return &exitError{code: exUsage, err: errors.New("admin link: give one name")}
	}
	cfg, err := loadConfig(e, *path)
	if err != nil {
		return err
	}
	settings, ok := cfg.AdminSettings()
	if !ok {
		return &exitError{code: exUsage, err: errors.New("admin link: the web admin is off: add an [admin] section to the configuration")}
	}
	return withStore(ctx, e, *path, func(st database, clock gateway.Clock) error {
		link, err := admin.IssueSignInLink(ctx, st, pos[0], settings.AdminURL(), clock.Now())
		if errors.Is(err, gateway.ErrNotFound) {
			return fmt.Errorf("admin link: no user %s (add one with 'ticketgate admin user add')", pos[0])
		}
		if err != nil {
			return fmt.Errorf("admin link: %w", err)
		}
		fmt.Fprintln(e.stdout, link)
		return nil
	})
}

// withStore opens the configured database alone: the admin's people need
// no gateway.
func withStore(ctx context.Context, e *env, path string, fn func(database, gateway.Clock) error) error {
	cfg, err := loadConfig(e, path)
	if err != nil {
		return err
	}
	st, err := openStore(ctx, cfg, newLogger(e, cfg))
	if err != nil {
		return err
	}
	defer st.Close()
	clock := e.clock
	if clock == nil {
		clock = gateway.SystemClock
	}
	return fn(st, clock)
}

// adminServer builds the web admin's HTTP server when [admin] turns it
// on; nil otherwise. Other handlers may be mounted on its mux later.
func (a *app) adminServer() (*http.Server, error) {
	settings, ok := a.cfg.AdminSettings()
	if !ok {
		return nil, nil
	}
	levels := len(a.cfg.Priorities)
	srv, err := admin.New(admin.Deps{Gateway: a.gw, Accounts: a.store, Clock: a.clock, Log: a.log.With("component", "admin"),
		Config: admin.Config{BaseURL: settings.BaseURL, StaleAfter: a.cfg.Serve.StaleAfter.Duration, Levels: levels,
			Plans: a.cfg.Plans()}})
	if err != nil {
		return nil, err
	}
	mux := http.NewServeMux()
	p := adminPrefix(settings.BaseURL)
	if p == "" {
		mux.Handle("/", srv.Handler())
	} else {
		mux.Handle(p+"/", http.StripPrefix(p, srv.Handler()))
	}
	if a.monitor != nil && a.cfg.Metrics.Listen == "" {
		a.monitor.mount(mux, p)
	}
	return &http.Server{Addr: settings.Listen, Handler: mux, ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout: time.Minute, WriteTimeout: 2 * time.Minute, IdleTimeout: 2 * time.Minute, MaxHeaderBytes: 64 << 10}, nil
}

// adminPrefix is the path base_url puts the admin under, "" at the root.
func adminPrefix(base string) string {
	i := strings.Index(base, "://")
	if i < 0 {
		return ""
	}
	rest := base[i+3:]
	j := strings.Index(rest, "/")
	if j < 0 {
		return ""
	}
	return strings.TrimSuffix(rest[j:], "/")
}

// serveAdmin listens until ctx ends, then lets requests in flight finish.
func (a *app) serveAdmin(ctx context.Context, hs *http.Server) error {
	ln, err := net.Listen("tcp", hs.Addr)
	if err != nil {
		return fmt.Errorf("web admin: %w", err)
	}
	a.log.Info("web admin listening", "addr", ln.Addr().String())
	done := make(chan error, 1)
	go func() { done <- hs.Serve(ln) }()
	select {
	case err := <-done:
		return fmt.Errorf("web admin: %w", err)
	case <-ctx.Done():
	}
	shut, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	if err := hs.Shutdown(shut); err != nil {
		return fmt.Errorf("web admin: shut down: %w", err)
	}
	<-done
	return nil
}
