package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"time"

	"ticketgate/cmd/ticketgate/config"
	"ticketgate/gateway"
	"ticketgate/notifier"
)

// configFlag adds --config to a command.
func configFlag(fs *flag.FlagSet) *string {
	return fs.String("config", "", "configuration file (default $"+config.EnvConfig+" or ./"+config.DefaultPath+")")
}

func loadConfig(e *env, flagValue string) (*config.Config, error) {
	return config.Load(config.ResolvePath(flagValue, e.getenv), e.getenv)
}

func newLogger(e *env, c *config.Config) *slog.Logger {
	var level slog.Level
	_ = level.UnmarshalText([]byte(c.Log.Level))
	opts := &slog.HandlerOptions{Level: level}
	if c.Log.Format == "json" {
		return slog.New(slog.NewJSONHandler(e.stderr, opts))
	}
	return slog.New(slog.NewTextHandler(e.stderr, opts))
}

// app is a loaded configuration with its store and gateway open.
type app struct {
	cfg   *config.Config
	store database
	gw    *gateway.Gateway
	log   *slog.Logger
	// notifier delivers the outbox in 'serve'; nil elsewhere.
	notifier *notifier.Notifier
	clock    gateway.Clock
	// monitor answers /metrics and the probes in 'serve' when [metrics]
	// listen is set; nil elsewhere.
	monitor *monitor
}

// mailQueued wakes the notifier after a commit that queued mail.
func (a *app) mailQueued() {
	if a.notifier != nil {
		a.notifier.Wake()
	}
}

// appOption adjusts the gateway's configuration before it opens.
type appOption func(a *app, gc *gateway.Config)

func openApp(ctx context.Context, e *env, configPath string, opts ...appOption) (*app, error) {
	cfg, err := loadConfig(e, configPath)
	if err != nil {
		return nil, err
	}
	log := newLogger(e, cfg)
	st, err := openStore(ctx, cfg, log)
	if err != nil {
		return nil, err
	}
	a := &app{cfg: cfg, store: st, log: log, clock: e.clock}
	if a.clock == nil {
		a.clock = gateway.SystemClock
	}
	gc := cfg.Gateway()
	gc.OnQueued = a.mailQueued
	if web, ok := cfg.AdminSettings(); ok {
		gc.AdminURL = web.BaseURL
	}
	for _, o := range opts {
		o(a, &gc)
	}
	if a.gw, err = gateway.New(gc, st, a.clock, log); err != nil {
		st.Close()
		return nil, err
	}
	return a, nil
}

func (a *app) Close() error { return a.store.Close() }

// openStore opens the database and logs the files whose mode it had to
// restrict: someone made them readable to others.
func openStore(ctx context.Context, cfg *config.Config, log *slog.Logger) (database, error) {
	st, err := openDatabase(ctx, cfg.Database)
	if err != nil {
		return nil, err
	}
	for _, f := range st.Tightened() {
		log.Warn("database file was readable by others; restricted to mode 0600", "file", f)
	}
	return st, nil
}

func runInit(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "init", "init [--config PATH] [--force]")
	path := configFlag(fs)
	force := fs.Bool("force", false, "overwrite an existing file")
	if err := fs.Parse(args); err != nil {
		return err
	}
	p := config.ResolvePath(*path, e.getenv)
	flags := os.O_WRONLY | os.O_CREATE | os.O_EXCL
	if *force {
		flags = os.O_WRONLY | os.O_CREATE | os.O_TRUNC
	}
	f, err := os.OpenFile(p, flags, 0o600)
	if err != nil {
		if os.IsExist(err) {
			return fmt.Errorf("init: %s exists; use --force to overwrite it", p)
		}
		return fmt.Errorf("init: %w", err)
	}
	// An existing file keeps its mode through O_TRUNC: the new secret
	// must not land in a file others can read.
	if err := f.Chmod(0o600); err != nil {
		f.Close()
		return fmt.Errorf("init: restrict %s to mode 600: %w", p, err)
	}
	if _, err := f.Write(config.Example()); err != nil {
		f.Close()
		return fmt.Errorf("init: write %s: %w", p, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("init: write %s: %w", p, err)
	}
	fmt.Fprintf(e.stdout, "wrote %s\nnext: ticketgate check --config %s\n", p, p)
	return nil
}

func runCheck(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "check", "check [--config PATH]")
	path := configFlag(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	cfg, err := loadConfig(e, *path)
	if err != nil {
		return err
	}
	if err := cfg.CheckTargets(); err != nil {
		return err
	}
	st, err := openStore(ctx, cfg, newLogger(e, cfg))
	if err != nil {
		return err
	}
	defer st.Close()
	v, err := st.SchemaVersion(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "configuration %s: ok\ndatabase %s: schema version %d\n", cfg.Path, st.Path(), v)
	for _, name := range cfg.MailboxNames() {
		mb := cfg.Mailboxes[name]
		src := "no IMAP (MTA pipe only)"
		if mb.IMAP != nil {
			src = fmt.Sprintf("IMAP %s:%d %s folder %s", mb.IMAP.Host, mb.IMAP.Port, mb.IMAP.Security, mb.IMAP.Folder)
		}
		fmt.Fprintf(e.stdout, "mailbox %s: %s, prefix %s, priority %s, %s\n", name, mb.Address, mb.Prefix, mb.Priority, src)
	}
	imapErr := probeMailboxes(ctx, e, cfg.MailboxNames(), cfg.IMAPSource)
	if nc, ok := cfg.Notifier(); ok {
		pctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		err := notifier.Probe(pctx, nc)
		cancel()
		if err != nil {
			fmt.Fprintf(e.stdout, "  SMTP %s:%d: error: %v\n", nc.Host, nc.Port, err)
			return errors.Join(imapErr, fmt.Errorf("check: cannot reach the SMTP server: %w", err))
		}
		fmt.Fprintf(e.stdout, "  SMTP %s:%d (%s): ok\n", nc.Host, nc.Port, nc.Security)
	} else {
		fmt.Fprintln(e.stdout, "no [smtp] section: outgoing mail waits in the outbox")
	}
	return imapErr
}

// withApp runs a subcommand's work with its configuration, store and
// gateway open, and closes them after.
func withApp(ctx context.Context, e *env, configPath string, fn func(*app) error, opts ...appOption) error {
	a, err := openApp(ctx, e, configPath, opts...)
	if err != nil {
		return err
	}
	defer a.Close()
	return fn(a)
}
