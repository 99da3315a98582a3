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
		{"admin", "add people to the web admin; print a one-time sign-in link", runAdmin},
		{"demo", "run everything offline: IMAP and SMTP servers in the process, sample mail", runDemo},
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
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(e.stdout)
		if len(args) == 0 {
			return &exitError{code: 64, err: errors.New("no command given")}
		}
		return nil
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(ctx, e, args[1:])
		}
	}
	usage(e.stderr)
	return &exitError{code: 64, err: fmt.Errorf("unknown command %q", args[0])}
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
func newFlags(e *env, name, synopsis string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "usage: ticketgate %s\n\nflags:\n", synopsis)
		fs.PrintDefaults()
	}
	return fs
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
