// Command ticketgate turns support mail into tickets. Each subcommand lives
// in its own file; this one only dispatches.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"sort"
	"syscall"
	"ticketgate/gateway"
)

// command is one subcommand.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, env *env, args []string) error
}

// env is what a command gets from the process: streams and the environment.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	// rawStdout and rawStderr are the streams before terminalSafe, for
	// the editor only.
	rawStdout, rawStderr io.Writer
	getenv               func(string) string
	// clock tells the time to the gateway, its scheduler and the
	// notifier; nil is the wall clock (tests step a fake one).
	clock gateway.Clock
	// flags is the last flag set a command made, and badFlags whether
	// parsing it failed: run turns that into one usage error (exit 64).
	flags    *flag.FlagSet
	synopsis string
	badFlags bool
}

// usageOut is where a command's usage goes: standard output when help
// was asked for, standard error when the command line was wrong.
func (e *env) usageOut(args []string) io.Writer {
	if len(args) > 0 && (args[0] == "-h" || args[0] == "--help" || args[0] == "help") {
		return e.stdout
	}
	return e.stderr
}

// exitError carries a specific exit code (sysexits for the MTA pipe).
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

func commands() []command {
	return []command{
		{"init", "write a commented configuration that works as is", runInit},
		{"check", "validate the configuration, open the database, connect to every IMAP mailbox", runCheck},
		{"ingest", "record messages (files or standard input: an MTA pipe target)", runIngest},
		{"tickets", "list tickets, show one with its timeline", runTickets},
		{"parse", "parse messages and print what ticketgate reads in them", runParse},
		{"serve", "read every IMAP mailbox and send the outbox until stopped (SIGINT, SIGTERM)", runServe},
		{"status", "when each mailbox last synced; fails when one is stale", runStatus},
		{"sla", "compute due times; explain a ticket's priority and SLA clocks", runSLA},
		{"report", "monthly SLA compliance: targets met and missed, credits owed (text, CSV, JSON, HTML)", runReport},
		{"triage", "measure the priority classifier on labelled mail; explain one mail's priority", runTriage},
		{"templates", "list, show, edit, preview and revert the reply templates", runTemplates},
		{"outbox", "list outgoing mail; retry a mail that failed", runOutbox},
		{"backup", "write a consistent copy of the database, also while serve runs", runBackup},
		{"migrate", "copy the installation into another database: SQLite into PostgreSQL, or back", runMigrate},
		{"admin", "add people to the web admin; print a one-time sign-in link", runAdmin},
		{"demo", "run everything offline: IMAP and SMTP servers in the process, sample mail", runDemo},
		{"version", "print the version of this binary", runVersion},
		{"help", "show the commands, or one command's flags: help [COMMAND]", runHelp},
	}
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	e := &env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv}
	err := run(ctx, e, os.Args[1:])
	stop()
	os.Exit(exitCode(e, err))
}

func exitCode(e *env, err error) int {
	if err == nil {
		return 0
	}
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	fmt.Fprintln(e.stderr, "ticketgate:", err)
	var ee *exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	return 1
}

// run is main without the process: tests call it in-process.
func run(ctx context.Context, e *env, args []string) error {
	e.terminalSafe()
	if len(args) == 0 {
		usage(e.stderr)
		return &exitError{code: exUsage, err: errors.New("no command given")}
	}
	if args[0] == "-h" || args[0] == "--help" {
		args = []string{"help"}
	}
	if args[0] == "--version" {
		args = []string{"version"}
	}
	for _, c := range commands() {
		if c.name != args[0] {
			continue
		}
		err := c.run(ctx, e, args[1:])
		switch {
		case errors.Is(err, flag.ErrHelp):
			// Asked for: the usage is the output.
			printFlags(e.stdout, e.flags, e.synopsis)
			return nil
		case err != nil && e.badFlags && !isExitError(err):
			return &exitError{code: exUsage, err: fmt.Errorf("%s: %w (see 'ticketgate help %s')", e.flags.Name(), err, e.flags.Name())}
		}
		return err
	}
	usage(e.stderr)
	return &exitError{code: exUsage, err: fmt.Errorf("unknown command %q", args[0])}
}

func isExitError(err error) bool {
	var ee *exitError
	return errors.As(err, &ee)
}

// runHelp prints the commands, or one command's usage.
func runHelp(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 {
		usage(e.stdout)
		return nil
	}
	if args[0] == "help" || args[0] == "version" {
		usage(e.stdout)
		return nil
	}
	return run(ctx, e, append(args[:1:1], "--help"))
}

// version is stamped at build time: make build and make dist set it with
// -ldflags "-X main.version=...".
var version = "devel"

func runVersion(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "version", "version")
	if err := fs.Parse(args); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "ticketgate %s %s/%s %s\n", version, runtime.GOOS, runtime.GOARCH, runtime.Version())
	return nil
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: ticketgate COMMAND [flags] [args]\n\ncommands:")
	cs := commands()
	sort.Slice(cs, func(i, j int) bool { return cs[i].name < cs[j].name })
	for _, c := range cs {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'ticketgate COMMAND --help' for a command's flags.")
}

// newFlags returns a flag set that reports errors instead of exiting.
// Its errors and usage are printed once, by run: to standard output when
// asked for with --help, as one usage error (exit 64) otherwise.
func newFlags(e *env, name, synopsis string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	e.flags, e.synopsis, e.badFlags = fs, synopsis, false
	// The flag package calls Usage on every parse failure.
	fs.Usage = func() { e.badFlags = true }
	return fs
}

// printFlags writes a command's usage: its synopsis and flags.
func printFlags(w io.Writer, fs *flag.FlagSet, synopsis string) {
	fmt.Fprintf(w, "usage: ticketgate %s\n", synopsis)
	n := 0
	fs.VisitAll(func(*flag.Flag) { n++ })
	if n > 0 {
		fmt.Fprintln(w, "\nflags:")
		fs.SetOutput(w)
		fs.PrintDefaults()
		fs.SetOutput(io.Discard)
	}
}

// parseArgs parses flags placed before, between or after the positional
// arguments ("sla explain REF --json"), and returns the positional ones.
// "--" ends flag parsing.
func parseArgs(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// parseRef parses a command whose one positional argument is a ticket
// reference.
func parseRef(fs *flag.FlagSet, args []string) (string, error) {
	pos, err := parseArgs(fs, args)
	if err != nil {
		return "", err
	}
	if len(pos) != 1 {
		return "", &exitError{code: exUsage, err: fmt.Errorf("%s: give one ticket reference", fs.Name())}
	}
	return pos[0], nil
}
