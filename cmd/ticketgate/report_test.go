package main

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"ticketgate/gateway"
)

// cliAt runs the command line with the gateway's clock set.
func cliAt(t *testing.T, clock gateway.Clock, stdin string, env map[string]string, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	x := &env_{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb, getenv: func(k string) string { return env[k] }}
	e := x.env()
	e.clock = clock
	code := exitCode(e, run(context.Background(), e, args))
	return out.String(), errb.String(), code
}

func TestReportSLA(t *testing.T) {
	cfg := initDir(t)
	env := map[string]string{"TICKETGATE_CONFIG": cfg}
	clock := &fakeClock{}
	// Friday 20 November 17:30: a P2's 2 business hours run 30m on
	// Friday and 09:00-10:30 on Monday.
	clock.set(parisTime(t, "2026-11-20 17:30"))
	mail := "From: jane@customer.example\r\nTo: support@helpdesk.example.com\r\nSubject: [P2] export\r\nMessage-ID: <report-1@customer.example>\r\n\r\nL'export ne marche pas.\r\n"
	if _, errOut, code := cliAt(t, clock, mail, env, "ingest"); code != 0 {
		t.Fatalf("ingest (%d): %s", code, errOut)
	}
	// Monday 12:00, unanswered: late by 10:30→12:00.
	clock.set(parisTime(t, "2026-11-23 12:00"))
	out, errOut, code := cliAt(t, clock, "", env, "report", "sla", "--month", "2026-11", "--format", "json")
	if code != 0 {
		t.Fatalf("report (%d): %s", code, errOut)
	}
	var v struct {
		Month  string `json:"month"`
		Missed []struct {
			Reference string  `json:"reference"`
			Clock     string  `json:"clock"`
			Late      int64   `json:"late_seconds"`
			Done      *string `json:"done"`
		} `json:"missed"`
	}
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatalf("%v:\n%s", err, out)
	}
	if v.Month != "2026-11" || len(v.Missed) != 1 || v.Missed[0].Clock != "response" || v.Missed[0].Late != 5400 || v.Missed[0].Done != nil {
		t.Errorf("report: %s", out)
	}

	// Without --month: the month before the clock's.
	clock.set(parisTime(t, "2026-12-01 09:00"))
	out, _, code = cliAt(t, clock, "", env, "report", "sla")
	if code != 0 || !strings.Contains(out, "SLA compliance, 2026-11") || !strings.Contains(out, "A ticket belongs to the month in which it was opened") {
		t.Errorf("default month (%d):\n%s", code, out)
	}
	for _, f := range []string{"csv", "html", "text"} {
		if out, errOut, code := cliAt(t, clock, "", env, "report", "sla", "--month", "2026-11", "--format", f); code != 0 || out == "" {
			t.Errorf("--format %s (%d): %s", f, code, errOut)
		}
	}
	out, _, code = cliAt(t, clock, "", env, "report", "sla", "--month", "2026-11", "--customer", "other.example")
	if code != 0 || !strings.Contains(out, "No tickets were opened this month.") {
		t.Errorf("--customer other.example (%d):\n%s", code, out)
	}

	for _, args := range [][]string{
		{"report"},
		{"report", "uptime"},
		{"report", "sla", "--format", "pdf"},
		{"report", "sla", "--month", "2026-13"},
		{"report", "sla", "--month", "2031-01"},
		{"report", "sla", "--mailbox", "nowhere"},
		{"report", "sla", "--tier", "diamond"},
		{"report", "sla", "--at", "tomorrow"},
		{"report", "sla", "extra"},
	} {
		if _, errOut, code := cliAt(t, clock, "", env, args...); code != exUsage || errOut == "" {
			t.Errorf("%q: exit %d, %q", args, code, errOut)
		}
	}
}
