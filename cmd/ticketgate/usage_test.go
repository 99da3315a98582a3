package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestHelpAndUsageErrors: help goes to standard output with status 0;
// a wrong command line is one message on standard error and status 64.
func TestHelpAndUsageErrors(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"-h"}, {"help"}} {
		out, errOut, code := cli(t, "", nil, args...)
		if code != 0 || !strings.Contains(out, "commands:") || !strings.Contains(out, "  version ") || errOut != "" {
			t.Errorf("%v: %d\n%s\n%s", args, code, out, errOut)
		}
	}
	for _, c := range commands() {
		for _, args := range [][]string{{"help", c.name}, {c.name, "--help"}} {
			out, errOut, code := cli(t, "", nil, args...)
			if code != 0 || !strings.Contains(out, "usage: ticketgate ") || errOut != "" {
				t.Errorf("%v: %d\nstdout: %s\nstderr: %s", args, code, out, errOut)
			}
		}
	}
	out, errOut, code := cli(t, "", nil, "help", "check")
	if !strings.Contains(out, "-config") {
		t.Errorf("help check lacks its flags: %s %s %d", out, errOut, code)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{nil, "no command given"},
		{[]string{"frobnicate"}, `unknown command "frobnicate"`},
		{[]string{"check", "--bogus"}, "check: flag provided but not defined: -bogus"},
		{[]string{"tickets", "list", "--limit", "many"}, "tickets list: invalid value"},
		{[]string{"ingest", "--nope"}, "flag provided but not defined: -nope"},
		{[]string{"help", "frobnicate"}, `unknown command "frobnicate"`},
	} {
		out, errOut, code := cli(t, "", nil, tc.args...)
		if code != 64 || strings.Count(errOut, tc.want) != 1 || strings.Count(errOut, "ticketgate:") != 1 || strings.Contains(out, tc.want) {
			t.Errorf("%v: status %d, want 64 and %q once on stderr\nstdout: %s\nstderr: %s", tc.args, code, tc.want, out, errOut)
		}
	}
}

func TestVersion(t *testing.T) {
	old := version
	version = "v9.8.7"
	defer func() { version = old }()
	for _, args := range [][]string{{"version"}, {"--version"}} {
		out, _, code := cli(t, "", nil, args...)
		if code != 0 || !strings.HasPrefix(out, "ticketgate v9.8.7 ") {
			t.Errorf("%v: %d %q", args, code, out)
		}
	}
}

func TestTicketsListPriorityBeyondLevels(t *testing.T) {
	cfg := initDir(t)
	_, errOut, code := cli(t, "", nil, "tickets", "list", "--config", cfg, "--priority", "P7")
	if code != 64 || !strings.Contains(errOut, "5 levels, P1 to P5") {
		t.Errorf("P7 with five levels: %d %s", code, errOut)
	}
	if _, errOut, code := cli(t, "", nil, "tickets", "list", "--config", cfg, "--priority", "P5"); code != 0 {
		t.Errorf("P5: %d %s", code, errOut)
	}
}

// TestIngestSeveralFilesOneFails: every readable file is recorded; the
// run still exits 75 so that the failed one is tried again.
func TestIngestSeveralFilesOneFails(t *testing.T) {
	cfg := initDir(t)
	dir := filepath.Dir(cfg)
	var files []string
	for i, name := range []string{"a.eml", "missing.eml", "b.eml"} {
		p := filepath.Join(dir, name)
		if name != "missing.eml" {
			raw := "From: c@customer.example\r\nTo: support@helpdesk.example.com\r\nSubject: Problem " + name +
				"\r\nMessage-ID: <several-" + string(rune('0'+i)) + "@customer.example>\r\n\r\nBroken.\r\n"
			if err := os.WriteFile(p, []byte(raw), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		files = append(files, p)
	}
	out, errOut, code := cli(t, "", nil, append([]string{"ingest", "--config", cfg}, files...)...)
	if code != 75 || strings.Count(out, "\tcreated\t") != 2 || !strings.Contains(errOut, "missing.eml") || !strings.Contains(errOut, "1 of 3 messages not recorded") {
		t.Errorf("ingest: %d\nstdout: %s\nstderr: %s", code, out, errOut)
	}
	out, _, code = cli(t, "", nil, "tickets", "list", "--config", cfg, "--json")
	if code != 0 || strings.Count(out, `"reference"`) != 2 {
		t.Errorf("tickets after a partial ingest: %s", out)
	}
}

// TestDemoHintsAndCleanup: the demo names the binary by its full path
// and leaves no temporary directory behind unless --dir was given.
func TestDemoHintsAndCleanup(t *testing.T) {
	tmp := t.TempDir()
	env := map[string]string{}
	t.Setenv("TMPDIR", tmp)
	out, errOut, code := cli(t, "", env, "demo", "--once")
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	if code != 0 || !strings.Contains(out, "Try, while it runs: "+self+" tickets list --config ") {
		t.Fatalf("demo (%d): %s\n%s", code, out, errOut)
	}
	left, err := os.ReadDir(tmp)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range left {
		if strings.HasPrefix(d.Name(), "ticketgate-demo-") {
			t.Errorf("the demo left %s behind", d.Name())
		}
	}
}
