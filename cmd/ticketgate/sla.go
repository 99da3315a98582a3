package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"ticketgate/gateway"
	"ticketgate/gateway/triage"
)

const slaUsage = `usage: ticketgate sla due --mailbox M --priority P [--tier T] [--at RFC3339] [--json]
       ticketgate sla explain [--at RFC3339] [--json] REF`

func runSLA(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprintln(e.usageOut(args), slaUsage)
		if len(args) == 0 {
			return &exitError{code: exUsage, err: errors.New("sla: no subcommand (due, explain)")}
		}
		return nil
	}
	switch args[0] {
	case "due":
		return slaDue(e, args[1:])
	case "explain":
		return slaExplain(ctx, e, args[1:])
	}
	return &exitError{code: exUsage, err: fmt.Errorf("sla: unknown subcommand %q (due, explain)", args[0])}
}

// parseInstant reads an RFC 3339 time; empty means now.
func parseInstant(s string) (time.Time, error) {
	if s == "" {
		return time.Now(), nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("--at %q: want RFC 3339, like 2026-11-20T16:55:00+01:00", s)
	}
	return t, nil
}

// local moves a due time into its calendar's zone.
func local(p *triage.Policy, calName string, t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	v := *t
	if c, ok := p.Calendar(calName); ok {
		v = v.In(c.Location())
	}
	return &v
}

// inZone formats a due time in its calendar's zone, as RFC 3339.
func inZone(p *triage.Policy, calName string, t *time.Time) *string {
	return rfc3339p(local(p, calName, t))
}

// rfc3339p formats a time in its own zone; nil stays nil.
func rfc3339p(t *time.Time) *string {
	if t == nil {
		return nil
	}
	s := t.Format(time.RFC3339)
	return &s
}

// human formats a time for people: "Mon 2026-11-23 09:55 CET".
func human(t *time.Time) string {
	if t == nil {
		return "no target"
	}
	return t.Format("Mon 2006-01-02 15:04 MST")
}

type slaDueJSON struct {
	Mailbox            string  `json:"mailbox"`
	Priority           string  `json:"priority"`
	PriorityLabel      string  `json:"priority_label"`
	Tier               string  `json:"tier"`
	At                 string  `json:"at"`
	ResponseDue        *string `json:"response_due"`
	ResponseTarget     string  `json:"response_target"`
	ResponseCalendar   string  `json:"response_calendar"`
	ResponseRule       string  `json:"response_rule"`
	ResolutionDue      *string `json:"resolution_due"`
	ResolutionTarget   string  `json:"resolution_target"`
	ResolutionCalendar string  `json:"resolution_calendar"`
	ResolutionRule     string  `json:"resolution_rule"`
	UpdateDue          *string `json:"update_due"`
	UpdateTarget       string  `json:"update_target"`
	UpdateCalendar     string  `json:"update_calendar"`
}

func slaDue(e *env, args []string) error {
	fs := newFlags(e, "sla due", "sla due --mailbox M --priority P [--tier T] [--at RFC3339] [--json]")
	path := configFlag(fs)
	mailbox := fs.String("mailbox", "", "mailbox the ticket arrives on (default: the first one)")
	priority := fs.String("priority", "", "priority, P1 to P5 (required)")
	tier := fs.String("tier", "", "customer tier")
	at := fs.String("at", "", "arrival instant, RFC 3339 (default now)")
	asJSON := fs.Bool("json", false, "print JSON")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 0 {
		return &exitError{code: exUsage, err: fmt.Errorf("sla due: unexpected argument %q", fs.Arg(0))}
	}
	cfg, err := loadConfig(e, *path)
	if err != nil {
		return err
	}
	pol := cfg.Policy
	if *mailbox == "" {
		*mailbox = cfg.DefaultMailbox
	}
	if !pol.HasMailbox(*mailbox) {
		return &exitError{code: exUsage, err: fmt.Errorf("sla due: unknown mailbox %q (known: %s)", *mailbox, strings.Join(cfg.MailboxNames(), ", "))}
	}
	if *priority == "" {
		return &exitError{code: exUsage, err: errors.New("sla due: --priority is required")}
	}
	p, err := gateway.ParsePriority(*priority)
	if err == nil && int(p) > pol.Levels() {
		err = fmt.Errorf("%s is beyond the %d priorities configured", p, pol.Levels())
	}
	if err != nil {
		return &exitError{code: exUsage, err: fmt.Errorf("sla due: %w", err)}
	}
	if *tier != "" && !pol.HasTier(*tier) {
		return &exitError{code: exUsage, err: fmt.Errorf("sla due: unknown tier %q (known: %s)", *tier, strings.Join(pol.Tiers(), ", "))}
	}
	when, err := parseInstant(*at)
	if err != nil {
		return &exitError{code: exUsage, err: fmt.Errorf("sla due: %w", err)}
	}
	when = when.In(pol.Location(*mailbox))
	d := pol.Due(*mailbox, p, *tier, when)
	out := slaDueJSON{Mailbox: *mailbox, Priority: p.String(), PriorityLabel: pol.Label(p), Tier: *tier,
		At:          when.Format(time.RFC3339),
		ResponseDue: inZone(pol, d.ResponseCalendar, d.ResponseDue), ResponseTarget: d.ResponseTarget, ResponseCalendar: d.ResponseCalendar,
		ResponseRule:  d.ResponseRule,
		ResolutionDue: inZone(pol, d.ResolutionCalendar, d.ResolutionDue), ResolutionTarget: d.ResolutionTarget, ResolutionCalendar: d.ResolutionCalendar,
		ResolutionRule: d.ResolutionRule}
	var upDue *time.Time
	if v, target, cal, ok := pol.Progress(*mailbox, p, when); ok {
		upDue, out.UpdateTarget, out.UpdateCalendar = &v, target, cal
		out.UpdateDue = inZone(pol, cal, upDue)
	}
	if *asJSON {
		return writeJSON(e.stdout, out)
	}
	w := e.stdout
	fmt.Fprintf(w, "A %s ticket on mailbox %s", out.PriorityLabel, out.Mailbox)
	if out.Tier != "" {
		fmt.Fprintf(w, " (tier %s)", out.Tier)
	}
	fmt.Fprintf(w, " arriving %s:\n", when.Format("Mon 2006-01-02 15:04 MST"))
	printDue(w, "response", out.ResponseTarget, out.ResponseCalendar, out.ResponseRule, local(pol, d.ResponseCalendar, d.ResponseDue), "")
	printDue(w, "resolution", out.ResolutionTarget, out.ResolutionCalendar, out.ResolutionRule, local(pol, d.ResolutionCalendar, d.ResolutionDue), "")
	if upDue != nil {
		printDue(w, "news", out.UpdateTarget, out.UpdateCalendar, "priority "+p.String(), local(pol, out.UpdateCalendar, upDue), "")
	}
	return nil
}

func printDue(w io.Writer, what, target, cal, rule string, due *time.Time, state gateway.SLAState) {
	if due == nil {
		fmt.Fprintf(w, "  %-11s no target\n", what)
		return
	}
	fmt.Fprintf(w, "  %-11s due %s (%s on calendar %s", what, human(due), target, cal)
	if rule != "" {
		fmt.Fprintf(w, ", by %s", rule)
	}
	fmt.Fprint(w, ")")
	if state != "" {
		fmt.Fprintf(w, ": %s", state)
	}
	fmt.Fprintln(w)
}

type slaClockJSON struct {
	Target   string  `json:"target"`
	Calendar string  `json:"calendar"`
	Rule     string  `json:"rule"`
	Due      *string `json:"due"`
	Done     *string `json:"done"`
	State    string  `json:"state"`
}

type slaExplainJSON struct {
	Reference      string       `json:"reference"`
	Mailbox        string       `json:"mailbox"`
	Status         string       `json:"status"`
	Priority       string       `json:"priority"`
	PriorityLabel  string       `json:"priority_label"`
	PriorityReason string       `json:"priority_reason"`
	Tier           string       `json:"tier"`
	Level          int          `json:"level"`
	CreatedAt      string       `json:"created_at"`
	At             string       `json:"at"`
	Response       slaClockJSON `json:"response"`
	Resolution     slaClockJSON `json:"resolution"`
	Progress       slaClockJSON `json:"progress"`
}

func slaExplain(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "sla explain", "sla explain [--config PATH] [--at RFC3339] [--json] REF")
	path := configFlag(fs)
	at := fs.String("at", "", "judge the clocks at this instant, RFC 3339 (default now)")
	asJSON := fs.Bool("json", false, "print JSON")
	ref, err := parseRef(fs, args)
	if err != nil {
		return err
	}
	now, err := parseInstant(*at)
	if err != nil {
		return &exitError{code: exUsage, err: fmt.Errorf("sla explain: %w", err)}
	}
	return withApp(ctx, e, *path, func(a *app) error {
		x, err := a.gw.ExplainSLA(ctx, ref, now)
		if err != nil {
			return fmt.Errorf("sla explain: %w", err)
		}
		t := &x.Ticket
		clock := func(c gateway.SLAClock) slaClockJSON {
			return slaClockJSON{Target: c.Target, Calendar: c.Calendar, Rule: c.Rule, Due: rfc3339p(c.Due), Done: rfc3339p(c.Done), State: string(c.State)}
		}
		out := slaExplainJSON{Reference: t.Reference, Mailbox: t.Mailbox, Status: string(t.Status), Priority: t.Priority.String(),
			PriorityLabel: x.PriorityLabel, PriorityReason: t.PriorityReason, Tier: t.Tier, Level: max(t.Level, 1),
			CreatedAt: rfc3339(t.CreatedAt), At: now.Format(time.RFC3339),
			Response: clock(x.Response), Resolution: clock(x.Resolution), Progress: clock(x.Progress)}
		if *asJSON {
			return writeJSON(e.stdout, out)
		}
		w := e.stdout
		fmt.Fprintf(w, "%s (%s, mailbox %s)\n", out.Reference, out.Status, out.Mailbox)
		fmt.Fprintf(w, "  priority   %s, because %s\n", out.PriorityLabel, out.PriorityReason)
		if out.Tier != "" {
			fmt.Fprintf(w, "  tier       %s\n", out.Tier)
		}
		fmt.Fprintf(w, "  level      %d\n", out.Level)
		fmt.Fprintf(w, "  created    %s\n", human(ptr(t.CreatedAt.In(x.Location))))
		printDue(w, "response", x.Response.Target, x.Response.Calendar, x.Response.Rule, x.Response.Due, x.Response.State)
		printDue(w, "resolution", x.Resolution.Target, x.Resolution.Calendar, x.Resolution.Rule, x.Resolution.Due, x.Resolution.State)
		if x.Progress.Due != nil {
			printDue(w, "news", x.Progress.Target, x.Progress.Calendar, "", x.Progress.Due, x.Progress.State)
		}
		return nil
	})
}

func ptr[T any](v T) *T { return &v }
