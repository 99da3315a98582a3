package main

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"
)

// slaCase is one dated case: a ticket arriving at `at` gets these due
// times. Every expectation was worked out by hand from the policy text and
// the 2026 calendars (see testdata/sla/*.toml), not from the code.
type slaCase struct {
	name                string
	mailbox, prio, tier string
	at                  string
	response            string // "" = no target (null)
	resolution          string
}

func runSLACases(t *testing.T, policy string, cases []slaCase) {
	t.Helper()
	cfg := "../../testdata/sla/" + policy + ".toml"
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			args := []string{"sla", "due", "--config", cfg, "--priority", c.prio, "--at", c.at, "--json"}
			if c.mailbox != "" {
				args = append(args, "--mailbox", c.mailbox)
			}
			if c.tier != "" {
				args = append(args, "--tier", c.tier)
			}
			out, errOut, code := cli(t, "", nil, args...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			var got struct {
				Response   *string `json:"response_due"`
				Resolution *string `json:"resolution_due"`
			}
			if err := json.Unmarshal([]byte(out), &got); err != nil {
				t.Fatalf("%v: %s", err, out)
			}
			if s := deref(got.Response); s != c.response {
				t.Errorf("response due %s, want %s", s, orNull(c.response))
			}
			if s := deref(got.Resolution); s != c.resolution {
				t.Errorf("resolution due %s, want %s", s, orNull(c.resolution))
			}
		})
	}
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func orNull(s string) string {
	if s == "" {
		return "null"
	}
	return s
}

// Policy A: Monday–Friday around the clock, French holidays; P1 24/7
// outside hours.
func TestSLAPolicyA(t *testing.T) {
	runSLACases(t, "policy-a", []slaCase{
		{"P1 in hours", "", "P1", "", "2026-11-24T10:00:00+01:00", "2026-11-24T10:15:00+01:00", ""},
		{"P1 Saturday is outside: 30 min round the clock", "", "P1", "", "2026-11-21T10:00:00+01:00", "2026-11-21T10:30:00+01:00", ""},
		{"P1 at 03:00 on a Sunday", "", "P1", "", "2026-11-22T03:00:00+01:00", "2026-11-22T03:30:00+01:00", ""},
		{"P1 on Christmas Day", "oncall", "P1", "", "2026-12-25T12:00:00+01:00", "2026-12-25T12:30:00+01:00", ""},
		{"P1 Friday 23:50 is in hours and runs into Monday", "", "P1", "", "2026-11-20T23:50:00+01:00", "2026-11-23T00:05:00+01:00", ""},
		{"P1 across the spring DST change", "", "P1", "", "2026-03-29T01:30:00+01:00", "2026-03-29T03:00:00+02:00", ""},
		{"P2 in hours", "", "P2", "", "2026-11-24T10:00:00+01:00", "2026-11-24T11:00:00+01:00", ""},
		{"P2 Friday 23:30 runs into Monday", "", "P2", "", "2026-11-20T23:30:00+01:00", "2026-11-23T00:30:00+01:00", ""},
		{"P2 Saturday: by the end of Monday", "", "P2", "", "2026-11-21T10:00:00+01:00", "2026-11-24T00:00:00+01:00", ""},
		{"P2 New Year's Eve 23:30", "", "P2", "", "2026-12-31T23:30:00+01:00", "2027-01-04T00:30:00+01:00", ""},
		{"P2 Saturday before the autumn DST change", "", "P2", "", "2026-10-24T12:00:00+02:00", "2026-10-27T00:00:00+01:00", ""},
		{"P2 on Ascension Day", "", "P2", "", "2026-05-14T08:00:00+02:00", "2026-05-18T00:00:00+02:00", ""},
		{"P3 in hours", "", "P3", "", "2026-11-24T10:00:00+01:00", "2026-11-24T14:00:00+01:00", ""},
		{"P3 on Armistice Day", "", "P3", "", "2026-11-11T09:00:00+01:00", "2026-11-13T00:00:00+01:00", ""},
		{"P3 Christmas Eve 22:00 skips the holiday and weekend", "", "P3", "", "2026-12-24T22:00:00+01:00", "2026-12-28T02:00:00+01:00", ""},
		{"P3 on Whit Monday", "", "P3", "", "2026-05-25T10:00:00+02:00", "2026-05-27T00:00:00+02:00", ""},
		{"P3 on Labour Day, a Friday", "", "P3", "", "2026-05-01T10:00:00+02:00", "2026-05-05T00:00:00+02:00", ""},
		{"P3 arrival given in UTC", "", "P3", "", "2026-11-24T09:00:00Z", "2026-11-24T14:00:00+01:00", ""},
		{"P4 has no target", "", "P4", "", "2026-11-24T10:00:00+01:00", "", ""},
		{"P5 has no target", "", "P5", "", "2026-11-24T10:00:00+01:00", "", ""},
	})
}

// Policy B: UK, enhanced plan 08:00–22:00 per priority; standard plan
// (tier) 12 business hours of 09:00–17:00; bank holidays closed.
func TestSLAPolicyB(t *testing.T) {
	runSLACases(t, "policy-b", []slaCase{
		{"P1 late evening runs into the next morning", "", "P1", "", "2026-12-23T21:00:00Z", "2026-12-24T09:00:00Z", ""},
		{"P2 the day before Christmas", "", "P2", "", "2026-12-24T19:00:00Z", "2026-12-29T09:00:00Z", ""},
		{"P3 ends exactly at closing", "", "P3", "", "2026-12-24T10:00:00Z", "2026-12-24T22:00:00Z", ""},
		{"P4 24 business hours", "", "P4", "", "2026-12-23T08:00:00Z", "2026-12-24T18:00:00Z", ""},
		{"P4 over New Year", "", "P4", "", "2026-12-31T20:00:00Z", "2027-01-05T16:00:00Z", ""},
		{"P5 is best effort", "", "P5", "", "2026-12-23T08:00:00Z", "", ""},
		{"P1 Saturday", "", "P1", "", "2026-11-21T10:00:00Z", "2026-11-23T10:00:00Z", ""},
		{"P1 at 03:00 on a Sunday", "", "P1", "", "2026-11-22T03:00:00Z", "2026-11-23T10:00:00Z", ""},
		{"P2 Good Friday skips Easter Monday", "", "P2", "", "2026-04-03T12:00:00+01:00", "2026-04-07T12:00:00+01:00", ""},
		{"P1 across the spring clock change", "", "P1", "", "2026-03-27T21:30:00Z", "2026-03-30T09:30:00+01:00", ""},
		{"P3 across the autumn clock change", "", "P3", "", "2026-10-23T20:00:00+01:00", "2026-10-26T18:00:00Z", ""},
		{"P1 on the summer bank holiday", "", "P1", "", "2026-08-31T10:00:00+01:00", "2026-09-01T10:00:00+01:00", ""},
		{"P1 given in Paris time", "", "P1", "", "2026-11-23T10:00:00+01:00", "2026-11-23T11:00:00Z", ""},
		{"P2 early morning waits for 08:00", "", "P2", "", "2026-11-24T06:00:00Z", "2026-11-24T12:00:00Z", ""},
		{"standard plan P1 the day before Christmas", "", "P1", "standard", "2026-12-24T16:00:00Z", "2026-12-30T12:00:00Z", ""},
		{"standard plan P5 gets 12 hours too", "", "P5", "standard", "2026-11-23T09:00:00Z", "2026-11-24T13:00:00Z", ""},
		{"standard plan on Boxing Day (observed Monday)", "", "P2", "standard", "2026-12-26T10:00:00Z", "2026-12-30T13:00:00Z", ""},
		{"standard plan evening waits for 09:00", "", "P3", "standard", "2026-11-23T20:00:00Z", "2026-11-25T13:00:00Z", ""},
		{"standard plan Friday 16:00", "", "P4", "standard", "2026-11-20T16:00:00Z", "2026-11-24T12:00:00Z", ""},
		{"standard plan on New Year's Day", "", "P1", "standard", "2027-01-01T10:00:00Z", "2027-01-05T13:00:00Z", ""},
	})
}

// Policy C: Canada (Toronto) 09:00–18:00, federal holidays, four levels.
func TestSLAPolicyC(t *testing.T) {
	runSLACases(t, "policy-c", []slaCase{
		{"critical Friday 17:30", "", "P1", "", "2026-11-20T17:30:00-05:00", "2026-11-23T09:30:00-05:00", ""},
		{"severe Friday 16:55", "", "P2", "", "2026-11-20T16:55:00-05:00", "2026-11-23T09:55:00-05:00", ""},
		{"medium a full day", "", "P3", "", "2026-11-23T09:00:00-05:00", "2026-11-23T17:00:00-05:00", ""},
		{"medium runs into the next day", "", "P3", "", "2026-11-23T12:00:00-05:00", "2026-11-24T11:00:00-05:00", ""},
		{"minor one week", "", "P4", "", "2026-11-23T10:00:00-05:00", "2026-11-30T10:00:00-05:00", ""},
		{"minor one week over Christmas and New Year", "", "P4", "", "2026-12-23T10:00:00-05:00", "2027-01-04T10:00:00-05:00", ""},
		{"minor Friday evening counts from Monday's opening", "", "P4", "", "2026-11-20T19:00:00-05:00", "2026-11-30T09:00:00-05:00", ""},
		{"critical at 03:00 on a Saturday", "", "P1", "", "2026-11-21T03:00:00-05:00", "2026-11-23T10:00:00-05:00", ""},
		{"severe on Remembrance Day", "", "P2", "", "2026-11-11T10:00:00-05:00", "2026-11-12T11:00:00-05:00", ""},
		{"medium across the November clock change", "", "P3", "", "2026-10-30T14:00:00-04:00", "2026-11-02T13:00:00-05:00", ""},
		{"critical on Canada Day", "", "P1", "", "2026-07-01T12:00:00-04:00", "2026-07-02T10:00:00-04:00", ""},
		{"severe on Thanksgiving", "", "P2", "", "2026-10-12T09:00:00-04:00", "2026-10-13T11:00:00-04:00", ""},
		{"medium on Truth and Reconciliation Day", "", "P3", "", "2026-09-30T10:00:00-04:00", "2026-10-01T17:00:00-04:00", ""},
		{"critical given in UTC", "", "P1", "", "2026-11-23T14:30:00Z", "2026-11-23T10:30:00-05:00", ""},
		{"critical on Boxing Day observed", "", "P1", "", "2026-12-28T10:00:00-05:00", "2026-12-29T10:00:00-05:00", ""},
		{"severe the day before Christmas", "", "P2", "", "2026-12-24T17:00:00-05:00", "2026-12-29T10:00:00-05:00", ""},
		{"minor on Good Friday", "", "P4", "", "2026-04-03T10:00:00-04:00", "2026-04-14T09:00:00-04:00", ""},
		{"critical at 08:59", "", "P1", "", "2026-11-24T08:59:00-05:00", "2026-11-24T10:00:00-05:00", ""},
	})
}

// Policy D: the default. Paris 09:00–18:00, French holidays; on-call P1
// 24/7; plans change the response target.
func TestSLAPolicyD(t *testing.T) {
	runSLACases(t, "policy-d", []slaCase{
		{"P1 Friday 16:55 in Paris", "", "P1", "", "2026-11-20T16:55:00+01:00", "2026-11-20T17:55:00+01:00", "2026-11-23T11:55:00+01:00"},
		{"P2 Friday 16:55", "", "P2", "", "2026-11-20T16:55:00+01:00", "2026-11-23T09:55:00+01:00", "2026-11-23T16:55:00+01:00"},
		{"P3 Friday 16:55", "", "P3", "", "2026-11-20T16:55:00+01:00", "2026-11-23T11:55:00+01:00", "2026-11-24T16:55:00+01:00"},
		{"P4 Friday 16:55", "", "P4", "", "2026-11-20T16:55:00+01:00", "2026-11-23T16:55:00+01:00", "2026-11-27T16:55:00+01:00"},
		{"P5 Friday 16:55 has no resolution target", "", "P5", "", "2026-11-20T16:55:00+01:00", "2026-11-24T16:55:00+01:00", ""},
		{"on-call P1 at 03:00 on a Sunday", "oncall", "P1", "", "2026-11-22T03:00:00+01:00", "2026-11-22T04:00:00+01:00", "2026-11-22T07:00:00+01:00"},
		{"support P1 at 03:00 on a Sunday", "support", "P1", "", "2026-11-22T03:00:00+01:00", "2026-11-23T10:00:00+01:00", "2026-11-23T13:00:00+01:00"},
		{"on-call P2 keeps business hours", "oncall", "P2", "", "2026-11-22T03:00:00+01:00", "2026-11-23T11:00:00+01:00", "2026-11-24T09:00:00+01:00"},
		{"on-call P1 on Christmas Day", "oncall", "P1", "", "2026-12-25T10:00:00+01:00", "2026-12-25T11:00:00+01:00", "2026-12-25T14:00:00+01:00"},
		{"P3 Christmas Eve 17:00", "", "P3", "", "2026-12-24T17:00:00+01:00", "2026-12-28T12:00:00+01:00", "2026-12-29T17:00:00+01:00"},
		{"P4 New Year's Eve", "", "P4", "", "2026-12-31T10:00:00+01:00", "2027-01-04T10:00:00+01:00", "2027-01-08T10:00:00+01:00"},
		{"P4 Christmas Eve noon", "", "P4", "", "2026-12-24T12:00:00+01:00", "2026-12-28T12:00:00+01:00", "2027-01-04T12:00:00+01:00"},
		{"P1 on Armistice Day", "", "P1", "", "2026-11-11T10:00:00+01:00", "2026-11-12T10:00:00+01:00", "2026-11-12T13:00:00+01:00"},
		{"P2 Saturday before the spring DST change", "", "P2", "", "2026-03-28T10:00:00+01:00", "2026-03-30T11:00:00+02:00", "2026-03-31T09:00:00+02:00"},
		{"P1 Friday 17:30 across the spring DST change", "", "P1", "", "2026-03-27T17:30:00+01:00", "2026-03-30T09:30:00+02:00", "2026-03-30T12:30:00+02:00"},
		{"P4 before Ascension", "", "P4", "", "2026-05-13T10:00:00+02:00", "2026-05-15T10:00:00+02:00", "2026-05-21T10:00:00+02:00"},
		{"P2 before Whit Monday", "", "P2", "", "2026-05-22T17:00:00+02:00", "2026-05-26T10:00:00+02:00", "2026-05-26T17:00:00+02:00"},
		{"P3 at closing time counts from Monday's opening", "", "P3", "", "2026-11-20T18:00:00+01:00", "2026-11-23T13:00:00+01:00", "2026-11-25T09:00:00+01:00"},
		{"P1 at 08:59", "", "P1", "", "2026-11-23T08:59:00+01:00", "2026-11-23T10:00:00+01:00", "2026-11-23T13:00:00+01:00"},
		{"P5 two business days", "", "P5", "", "2026-12-18T12:00:00+01:00", "2026-12-22T12:00:00+01:00", ""},
		// Plans: the stricter of the plan's response and the priority's.
		{"gold plan P3 Friday 16:55: P3's 4 h beat gold's 6 h", "", "P3", "gold", "2026-11-20T16:55:00+01:00", "2026-11-23T11:55:00+01:00", "2026-11-24T16:55:00+01:00"},
		{"gold plan P4 Friday 16:55: gold's 6 h beat P4's day", "", "P4", "gold", "2026-11-20T16:55:00+01:00", "2026-11-23T13:55:00+01:00", "2026-11-27T16:55:00+01:00"},
		{"gold plan P1 keeps its hour", "", "P1", "gold", "2026-11-23T14:00:00+01:00", "2026-11-23T15:00:00+01:00", "2026-11-23T18:00:00+01:00"},
		{"platinum plan P5", "", "P5", "platinum", "2026-11-23T10:00:00+01:00", "2026-11-23T12:00:00+01:00", ""},
		{"platinum plan P1 keeps its hour", "", "P1", "platinum", "2026-11-23T10:00:00+01:00", "2026-11-23T11:00:00+01:00", "2026-11-23T14:00:00+01:00"},
		{"basic plan P1 does not wait 48 hours", "", "P1", "basic", "2026-11-23T10:00:00+01:00", "2026-11-23T11:00:00+01:00", "2026-11-23T14:00:00+01:00"},
		{"basic plan P5: two days beat 48 business hours", "", "P5", "basic", "2026-11-23T10:00:00+01:00", "2026-11-25T10:00:00+01:00", ""},
		{"bronze plan P2", "", "P2", "bronze", "2026-11-23T10:00:00+01:00", "2026-11-23T12:00:00+01:00", "2026-11-24T10:00:00+01:00"},
		{"silver plan P4 Friday 16:55: the day beats 12 h", "", "P4", "silver", "2026-11-20T16:55:00+01:00", "2026-11-23T16:55:00+01:00", "2026-11-27T16:55:00+01:00"},
		{"silver plan P5 Friday 16:55: 12 h beat two days", "", "P5", "silver", "2026-11-20T16:55:00+01:00", "2026-11-24T10:55:00+01:00", ""},
		{"free plan P1: the priority's targets", "", "P1", "free", "2026-11-23T10:00:00+01:00", "2026-11-23T11:00:00+01:00", "2026-11-23T14:00:00+01:00"},
		{"free plan P4 Friday 16:55", "", "P4", "free", "2026-11-20T16:55:00+01:00", "2026-11-23T16:55:00+01:00", "2026-11-27T16:55:00+01:00"},
		{"on-call P1 of a gold customer stays round the clock", "oncall", "P1", "gold", "2026-11-22T03:00:00+01:00", "2026-11-22T04:00:00+01:00", "2026-11-22T07:00:00+01:00"},
	})
}

// Policy E: telecom maintenance, 08:00–18:00, French holidays, 16:00
// cut-off for next-business-day replacement, 72 business hours for
// software.
func TestSLAPolicyE(t *testing.T) {
	runSLACases(t, "policy-e", []slaCase{
		{"replacement validated before the cut-off", "", "P1", "", "2026-11-24T15:00:00+01:00", "", "2026-11-25T15:00:00+01:00"},
		{"replacement validated after the cut-off", "", "P1", "", "2026-11-24T16:30:00+01:00", "", "2026-11-26T08:00:00+01:00"},
		{"replacement validated at the cut-off", "", "P1", "", "2026-11-24T16:00:00+01:00", "", "2026-11-26T08:00:00+01:00"},
		{"replacement Friday 15:59", "", "P1", "", "2026-11-20T15:59:00+01:00", "", "2026-11-23T15:59:00+01:00"},
		{"replacement Friday after closing", "", "P1", "", "2026-11-20T18:30:00+01:00", "", "2026-11-24T08:00:00+01:00"},
		{"replacement asked on Saturday", "", "P1", "", "2026-11-21T11:00:00+01:00", "", "2026-11-24T08:00:00+01:00"},
		{"replacement Christmas Eve", "", "P1", "", "2026-12-24T15:00:00+01:00", "", "2026-12-28T15:00:00+01:00"},
		{"replacement on Armistice Day", "", "P1", "", "2026-11-11T10:00:00+01:00", "", "2026-11-13T08:00:00+01:00"},
		{"replacement before Whit Monday", "", "P1", "", "2026-05-22T15:00:00+02:00", "", "2026-05-26T15:00:00+02:00"},
		{"software 72 business hours from Monday's opening", "", "P2", "", "2026-11-23T08:00:00+01:00", "", "2026-12-02T10:00:00+01:00"},
		{"software Friday 17:00", "", "P3", "", "2026-11-20T17:00:00+01:00", "", "2026-12-02T09:00:00+01:00"},
		{"software over Christmas and New Year", "", "P3", "", "2026-12-24T12:00:00+01:00", "", "2027-01-06T14:00:00+01:00"},
		{"software over Ascension", "", "P2", "", "2026-05-11T08:00:00+02:00", "", "2026-05-21T10:00:00+02:00"},
		{"software: the cut-off does not apply to hours", "", "P4", "", "2026-11-24T17:00:00+01:00", "", "2026-12-04T09:00:00+01:00"},
		{"no response target", "", "P2", "", "2026-11-24T10:00:00+01:00", "", "2026-12-03T12:00:00+01:00"},
		{"P5 has no target", "", "P5", "", "2026-11-24T10:00:00+01:00", "", ""},
	})
}

func TestSLADueErrors(t *testing.T) {
	cfg := "../../testdata/sla/policy-c.toml"
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--priority", "P5"}, "P5 is beyond the 4 priorities configured"},
		{[]string{"--priority", "P1", "--mailbox", "nope"}, `unknown mailbox "nope" (known: support)`},
		{[]string{"--priority", "P1", "--tier", "gold"}, `unknown tier "gold"`},
		{[]string{"--priority", "P1", "--at", "tomorrow"}, `--at "tomorrow": want RFC 3339`},
		{[]string{}, "--priority is required"},
	} {
		_, errOut, code := cli(t, "", nil, append([]string{"sla", "due", "--config", cfg}, c.args...)...)
		if code != exUsage || !strings.Contains(errOut, c.want) {
			t.Errorf("sla due %v: exit %d, %q; want %d and %q", c.args, code, errOut, exUsage, c.want)
		}
	}
}

// The text form names the label, the target and the calendar, in the
// calendar's zone.
func TestSLADueText(t *testing.T) {
	out, errOut, code := cli(t, "", nil, "sla", "due", "--config", "../../testdata/sla/policy-d.toml", "--priority", "P1", "--at", "2026-11-20T15:55:00Z")
	want := []string{
		"A P1 critical ticket on mailbox support arriving Fri 2026-11-20 16:55 CET:",
		"response    due Fri 2026-11-20 17:55 CET (1 business hour on calendar paris, by priority P1)",
		"resolution  due Mon 2026-11-23 11:55 CET (4 business hours on calendar paris, by priority P1)",
	}
	for _, w := range want {
		if code != 0 || !strings.Contains(out, w) {
			t.Errorf("exit %d, output %q (%s) lacks %q", code, out, errOut, w)
		}
	}
}

// The configuration 'init' writes is policy D with on-call P1 around the
// clock.
func TestInitConfigIsPolicyD(t *testing.T) {
	cfg := initDir(t)
	for _, c := range []struct{ mailbox, prio, at, resp, res string }{
		{"support", "P1", "2026-11-22T03:00:00+01:00", "2026-11-23T10:00:00+01:00", "2026-11-23T13:00:00+01:00"},
		{"oncall", "P1", "2026-11-22T03:00:00+01:00", "2026-11-22T04:00:00+01:00", "2026-11-22T07:00:00+01:00"},
		{"oncall", "P4", "2026-11-20T16:55:00+01:00", "2026-11-23T16:55:00+01:00", "2026-11-27T16:55:00+01:00"},
	} {
		out, errOut, code := cli(t, "", nil, "sla", "due", "--config", cfg, "--mailbox", c.mailbox, "--priority", c.prio, "--at", c.at, "--json")
		want := fmt.Sprintf(`"response_due": %q`, c.resp)
		want2 := fmt.Sprintf(`"resolution_due": %q`, c.res)
		if code != 0 || !strings.Contains(out, want) || !strings.Contains(out, want2) {
			t.Errorf("%s %s at %s: exit %d %s %s; want %s, %s", c.mailbox, c.prio, c.at, code, out, errOut, want, want2)
		}
	}
}

func TestSLAExplain(t *testing.T) {
	cfg := initDir(t)
	env := map[string]string{"TICKETGATE_CONFIG": cfg}
	mail := "From: jane@customer.example\r\nTo: support@helpdesk.example.com\r\nSubject: [P2] export\r\nMessage-ID: <explain-1@customer.example>\r\n\r\nL'export ne marche pas.\r\n"
	out, errOut, code := cli(t, mail, env, "ingest")
	if code != 0 {
		t.Fatalf("ingest (%d): %s", code, errOut)
	}
	ref := strings.TrimSpace(strings.Split(out, "\t")[2])

	explain := func(at string) map[string]any {
		t.Helper()
		args := []string{"sla", "explain", "--json", ref}
		if at != "" {
			args = append(args, "--at", at)
		}
		out, errOut, code := cli(t, "", env, args...)
		var v map[string]any
		if code != 0 || json.Unmarshal([]byte(out), &v) != nil {
			t.Fatalf("explain (%d): %s %s", code, out, errOut)
		}
		return v
	}
	v := explain("")
	if v["priority"] != "P2" || v["priority_label"] != "P2 high" || v["priority_reason"] != `"ne marche pas" (not working) + "export" (reports) + "[P2]" (customer tag)` {
		t.Errorf("priority in %v", v)
	}
	resp := v["response"].(map[string]any)
	if resp["target"] != "2 business hours" || resp["calendar"] != "paris" || resp["rule"] != "priority P2" || resp["due"] == nil || resp["done"] != nil {
		t.Fatalf("response clock %v", resp)
	}
	due, err := time.Parse(time.RFC3339, resp["due"].(string))
	if err != nil {
		t.Fatal(err)
	}
	created, _ := time.Parse(time.RFC3339, v["created_at"].(string))
	for _, c := range []struct {
		at   time.Time
		want string
	}{
		{created, "on track"},
		{due.Add(-time.Minute), "at risk"},
		{due.Add(time.Minute), "breached"},
	} {
		got := explain(c.at.Format(time.RFC3339))["response"].(map[string]any)["state"]
		if got != c.want {
			t.Errorf("response state at %s (due %s) = %v, want %s", c.at, due, got, c.want)
		}
	}
	if res := v["resolution"].(map[string]any); res["target"] != "1 business day" || res["state"] == "none" {
		t.Errorf("resolution clock %v", res)
	}

	out, _, code = cli(t, "", env, "sla", "explain", ref)
	if code != 0 || !strings.Contains(out, `priority   P2 high, because "ne marche pas" (not working) + "export" (reports) + "[P2]" (customer tag)`) || !strings.Contains(out, "on calendar paris, by priority P2)") {
		t.Errorf("text explain: %s", out)
	}
	if _, errOut, code := cli(t, "", env, "sla", "explain", "SUP-2026-999999"); code == 0 || !strings.Contains(errOut, "not found") {
		t.Errorf("unknown ticket: exit %d, %s", code, errOut)
	}
}

// TestSLAUpdateDue checks the progress clock of the five policies: when
// the customer of a ticket last written to at `at` must next hear from
// us. Worked out by hand like the cases above.
func TestSLAUpdateDue(t *testing.T) {
	for _, c := range []struct {
		policy, name, mailbox, prio, at, want string
	}{
		{"policy-a", "P1 Friday 23:30 runs into Monday", "", "P1", "2026-11-20T23:30:00+01:00", "2026-11-23T00:30:00+01:00"},
		{"policy-a", "P3 over Armistice Day", "", "P3", "2026-11-10T10:00:00+01:00", "2026-11-12T10:00:00+01:00"},
		{"policy-b", "P1 late evening into the next morning", "", "P1", "2026-12-23T21:00:00Z", "2026-12-24T09:00:00Z"},
		{"policy-b", "P4 over Christmas and the Boxing Day substitute", "", "P4", "2026-12-24T10:00:00Z", "2026-12-30T10:00:00Z"},
		{"policy-c", "critical Friday 17:30", "", "P1", "2026-11-20T17:30:00-05:00", "2026-11-23T09:30:00-05:00"},
		{"policy-c", "minor a week", "", "P4", "2026-11-23T10:00:00-05:00", "2026-11-30T10:00:00-05:00"},
		{"policy-d", "P2 Friday 16:55 over the weekend", "", "P2", "2026-11-20T16:55:00+01:00", "2026-11-23T16:55:00+01:00"},
		{"policy-d", "P2 over Armistice Day", "", "P2", "2026-11-10T10:00:00+01:00", "2026-11-12T10:00:00+01:00"},
		{"policy-d", "P1 Friday 17:30 on support", "support", "P1", "2026-11-20T17:30:00+01:00", "2026-11-23T09:30:00+01:00"},
		{"policy-d", "P1 at 03:00 on a Sunday on call", "oncall", "P1", "2026-11-22T03:00:00+01:00", "2026-11-22T04:00:00+01:00"},
		{"policy-d", "P3 over Christmas", "", "P3", "2026-12-24T12:00:00+01:00", "2026-12-29T12:00:00+01:00"},
		{"policy-d", "P4 a week", "", "P4", "2026-11-23T10:00:00+01:00", "2026-11-30T10:00:00+01:00"},
		{"policy-d", "P5 promises no news", "", "P5", "2026-11-23T10:00:00+01:00", ""},
		{"policy-e", "P1 four hours into the next morning", "", "P1", "2026-11-24T15:00:00+01:00", "2026-11-25T09:00:00+01:00"},
		{"policy-e", "P2 after the cut-off counts from the next day", "", "P2", "2026-11-24T16:30:00+01:00", "2026-11-26T08:00:00+01:00"},
	} {
		t.Run(c.policy+"/"+c.name, func(t *testing.T) {
			args := []string{"sla", "due", "--config", "../../testdata/sla/" + c.policy + ".toml", "--priority", c.prio, "--at", c.at, "--json"}
			if c.mailbox != "" {
				args = append(args, "--mailbox", c.mailbox)
			}
			out, errOut, code := cli(t, "", nil, args...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			var got struct {
				Update *string `json:"update_due"`
			}
			if err := json.Unmarshal([]byte(out), &got); err != nil {
				t.Fatal(err)
			}
			if s := deref(got.Update); s != c.want {
				t.Errorf("update due %s, want %s", orNull(s), orNull(c.want))
			}
		})
	}
}

// sla due names the rule of each target and the progress clock.
func TestSLADueRules(t *testing.T) {
	for _, c := range []struct{ policy, prio, tier, want string }{
		{"policy-d", "P4", "gold", "(6 business hours on calendar paris, by plan gold)"},
		{"policy-d", "P1", "gold", "(1 business hour on calendar paris, by priority P1)"},
		{"policy-b", "P1", "standard", "(12 business hours on calendar uk-standard, by plan standard)"},
		{"policy-d", "P2", "", "news        due Mon 2026-11-23 16:55 CET (1 business day on calendar paris, by priority P2)"},
	} {
		out, errOut, code := cli(t, "", nil, "sla", "due", "--config", "../../testdata/sla/"+c.policy+".toml", "--priority", c.prio,
			"--tier", c.tier, "--at", "2026-11-20T16:55:00+01:00")
		if code != 0 || !strings.Contains(out, c.want) {
			t.Errorf("%s %s %s: (%d) %s %s; want %q", c.policy, c.prio, c.tier, code, out, errOut, c.want)
		}
	}
}

// check refuses targets under which a ticket could be resolved before it
// is answered, at the key to change, and passes the file once fixed.
func TestCheckRefusesInvertedTargets(t *testing.T) {
	cfg := initDir(t)
	src, err := os.ReadFile(cfg)
	if err != nil {
		t.Fatal(err)
	}
	bad := strings.Replace(string(src), `P2 = { response = "2h", resolution = "1d" }`, `P2 = { response = "2d", resolution = "1d" }`, 1)
	if bad == string(src) {
		t.Fatal("the init file has no standard P2 line to change")
	}
	if err := os.WriteFile(cfg, []byte(bad), 0o600); err != nil {
		t.Fatal(err)
	}
	line := 1 + strings.Count(bad[:strings.Index(bad, `P2 = { response = "2d"`)], "\n")
	_, errOut, code := cli(t, "", nil, "check", "--config", cfg)
	want := fmt.Sprintf("%s:%d: slas.standard.P2.resolution: resolution could fall due before the response", cfg, line)
	if code == 0 || !strings.Contains(errOut, want) {
		t.Errorf("check (%d): %s; want %q", code, errOut, want)
	}
	// Other commands still load the file: the check is check's.
	if _, errOut, code := cli(t, "", nil, "sla", "due", "--config", cfg, "--priority", "P2", "--at", "2026-11-23T10:00:00+01:00"); code != 0 {
		t.Errorf("sla due (%d): %s", code, errOut)
	}
	if err := os.WriteFile(cfg, src, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, errOut, code := cli(t, "", nil, "check", "--config", cfg); code != 0 {
		t.Errorf("check of the fixed file (%d): %s", code, errOut)
	}
}
