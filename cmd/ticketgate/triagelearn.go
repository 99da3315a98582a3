package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"ticketgate/gateway"
)

// parseSince reads --since: a date (2026-11-01) or RFC 3339; empty means
// 30 days back.
func parseSince(s string, now time.Time) (time.Time, error) {
	if s == "" {
		return now.AddDate(0, 0, -30), nil
	}
	if t, err := time.ParseInLocation("2006-01-02", s, time.Local); err == nil {
		return t, nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("--since %q: want a date like 2026-11-01 or RFC 3339", s)
	}
	return t, nil
}

type triageLevelJSON struct {
	Priority  string         `json:"priority"`
	Tickets   int            `json:"tickets"`
	Overruled int            `json:"overruled"`
	Agreement float64        `json:"agreement"`
	MovedTo   map[string]int `json:"moved_to"`
}

type triageEvidenceJSON struct {
	Evidence  string   `json:"evidence"`
	Tickets   int      `json:"tickets"`
	Overruled int      `json:"overruled"`
	Examples  []string `json:"overruled_tickets"`
}

type triageReportJSON struct {
	Since    string               `json:"since"`
	Tickets  int                  `json:"tickets"`
	Levels   []triageLevelJSON    `json:"levels"`
	Evidence []triageEvidenceJSON `json:"evidence_overruled"`
}

// triageReport runs 'triage report': how often people kept triage's
// choice, per level, and which evidence they overruled most.
func triageReport(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "triage report", "triage report [--config PATH] [--since DATE] [--json]")
	path := configFlag(fs)
	sinceFlag := fs.String("since", "", "tickets opened since this date, 2026-11-01 or RFC 3339 (default: 30 days back)")
	asJSON := fs.Bool("json", false, "print JSON")
	if err := fs.Parse(args); err != nil {
		return err
	}
	since, err := parseSince(*sinceFlag, time.Now())
	if err != nil {
		return &exitError{code: exUsage, err: fmt.Errorf("triage report: %w", err)}
	}
	return withApp(ctx, e, *path, func(a *app) error {
		r, err := a.gw.TriageReport(ctx, since)
		if err != nil {
			return fmt.Errorf("triage report: %w", err)
		}
		out := triageReportJSON{Since: since.Format(time.RFC3339), Tickets: r.Tickets, Levels: []triageLevelJSON{}, Evidence: []triageEvidenceJSON{}}
		for _, l := range r.Levels {
			lj := triageLevelJSON{Priority: l.Priority.String(), Tickets: l.Tickets, Overruled: l.Overruled, Agreement: l.Agreement(), MovedTo: map[string]int{}}
			for p, n := range l.To {
				lj.MovedTo[p.String()] = n
			}
			out.Levels = append(out.Levels, lj)
		}
		for _, ev := range r.Evidence {
			out.Evidence = append(out.Evidence, triageEvidenceJSON{Evidence: ev.Evidence, Tickets: ev.Tickets, Overruled: ev.Overruled, Examples: ev.OverruledTickets})
		}
		if *asJSON {
			return writeJSON(e.stdout, out)
		}
		fmt.Fprintf(e.stdout, "%d tickets opened since %s\n\n", r.Tickets, since.Format("2006-01-02 15:04"))
		tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "TRIAGE\tTICKETS\tKEPT\tAGREEMENT\tMOVED TO")
		for _, l := range out.Levels {
			var moved []string
			for _, p := range []string{"P1", "P2", "P3", "P4", "P5"} {
				if n := l.MovedTo[p]; n > 0 {
					moved = append(moved, fmt.Sprintf("%s ×%d", p, n))
				}
			}
			fmt.Fprintf(tw, "%s\t%d\t%d\t%.0f %%\t%s\n", l.Priority, l.Tickets, l.Tickets-l.Overruled, 100*l.Agreement, strings.Join(moved, ", "))
		}
		if err := tw.Flush(); err != nil {
			return err
		}
		if len(out.Evidence) > 0 {
			fmt.Fprintln(e.stdout, "\nEvidence most often overruled:")
			for i, ev := range out.Evidence {
				if i == 10 {
					break
				}
				fmt.Fprintf(e.stdout, "  %d of %d  %s  (%s)\n", ev.Overruled, ev.Tickets, ev.Evidence, strings.Join(ev.Examples[:min(3, len(ev.Examples))], ", "))
			}
		}
		return nil
	})
}

// triageExport runs 'triage export DIR': each ticket people moved off
// triage's choice becomes a labelled case in the corpus format (the mail,
// and a line of labels-export.tsv with the level people chose).
func triageExport(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "triage export", "triage export [--config PATH] [--since DATE] DIR")
	path := configFlag(fs)
	sinceFlag := fs.String("since", "", "tickets opened since this date, 2026-11-01 or RFC 3339 (default: 30 days back)")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return &exitError{code: exUsage, err: errors.New("triage export: give the directory to write the cases to")}
	}
	dir := pos[0]
	since, err := parseSince(*sinceFlag, time.Now())
	if err != nil {
		return &exitError{code: exUsage, err: fmt.Errorf("triage export: %w", err)}
	}
	return withApp(ctx, e, *path, func(a *app) error {
		r, err := a.gw.TriageReport(ctx, since)
		if err != nil {
			return fmt.Errorf("triage export: %w", err)
		}
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return fmt.Errorf("triage export: %w", err)
		}
		var labels bytes.Buffer
		n := 0
		for _, o := range r.Outcomes {
			if !o.Overruled() {
				continue
			}
			var raw bytes.Buffer
			if err := a.gw.FirstMessage(ctx, o.TicketID, &raw); err != nil {
				if errors.Is(err, gateway.ErrNotFound) {
					continue // opened from the console: no mail to learn from
				}
				return fmt.Errorf("triage export: %w", err)
			}
			name := strings.ToLower(o.Ticket) + ".eml"
			// The mails hold customers' words: only the account may read them.
			if err := os.WriteFile(filepath.Join(dir, name), raw.Bytes(), 0o600); err != nil {
				return fmt.Errorf("triage export: %w", err)
			}
			note := fmt.Sprintf("%s by %s; triage said %s: %s", o.Final, o.By, o.Triage, o.TriageReason)
			fmt.Fprintf(&labels, "%s\t%s\t%s\n", name, o.Final, strings.NewReplacer("\t", " ", "\n", " ").Replace(note))
			n++
		}
		if err := os.WriteFile(filepath.Join(dir, "labels-export.tsv"), labels.Bytes(), 0o600); err != nil {
			return fmt.Errorf("triage export: %w", err)
		}
		fmt.Fprintf(e.stdout, "%d overruled tickets written to %s\n", n, dir)
		return nil
	})
}
