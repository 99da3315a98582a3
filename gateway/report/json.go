package report

import (
	"encoding/json"
	"io"
	"time"
)

// The JSON form: field names are part of the interface, kept stable.
// Business times are whole seconds ("_seconds"), instants RFC 3339 in
// their calendar's zone.

type jsonReport struct {
	Month   string       `json:"month"`
	AsOf    string       `json:"as_of"`
	Rule    string       `json:"rule"`
	Filters jsonFilters  `json:"filters"`
	Zones   []jsonZone   `json:"zones"`
	Groups  []jsonGroup  `json:"groups"`
	Total   jsonGroup    `json:"total"`
	Missed  []jsonMiss   `json:"missed"`
	Credits []jsonCredit `json:"credits"`
}

type jsonFilters struct {
	Mailbox  string `json:"mailbox"`
	Tier     string `json:"tier"`
	Customer string `json:"customer"`
}

type jsonZone struct {
	Mailbox  string `json:"mailbox"`
	Calendar string `json:"calendar"`
	TimeZone string `json:"time_zone"`
}

type jsonGroup struct {
	Mailbox       string    `json:"mailbox,omitempty"`
	Priority      string    `json:"priority,omitempty"`
	PriorityLabel string    `json:"priority_label,omitempty"`
	Tier          string    `json:"tier"`
	Tickets       int       `json:"tickets"`
	Response      jsonClock `json:"response"`
	Resolution    jsonClock `json:"resolution"`
	PausedSeconds int64     `json:"paused_seconds"`
}

type jsonClock struct {
	Met           int    `json:"met"`
	Missed        int    `json:"missed"`
	Running       int    `json:"running"`
	NoTarget      int    `json:"no_target"`
	Stopped       int    `json:"stopped"`
	MedianSeconds *int64 `json:"median_seconds"`
	P90Seconds    *int64 `json:"p90_seconds"`
}

type jsonMiss struct {
	Reference      string  `json:"reference"`
	Mailbox        string  `json:"mailbox"`
	Priority       string  `json:"priority"`
	Tier           string  `json:"tier"`
	Customer       string  `json:"customer"`
	Subject        string  `json:"subject"`
	Clock          string  `json:"clock"`
	Target         string  `json:"target"`
	Calendar       string  `json:"calendar"`
	Due            string  `json:"due"`
	Done           *string `json:"done"`
	AllowedSeconds int64   `json:"allowed_seconds"`
	ActualSeconds  int64   `json:"actual_seconds"`
	LateSeconds    int64   `json:"late_seconds"`
}

type jsonCredit struct {
	Customer      string `json:"customer"`
	Tier          string `json:"tier"`
	MissedTickets int    `json:"missed_tickets"`
	PerTicket     string `json:"per_ticket"`
	Total         string `json:"total"`
	Currency      string `json:"currency"`
	Capped        bool   `json:"capped"`
}

func seconds(d time.Duration) int64 { return int64(d / time.Second) }

func jsonClockOf(f ClockFigures) jsonClock {
	c := jsonClock{Met: f.Met, Missed: f.Missed, Running: f.Running, NoTarget: f.NoTarget, Stopped: f.Stopped}
	if f.Stopped > 0 {
		m, p := seconds(f.Median), seconds(f.P90)
		c.MedianSeconds, c.P90Seconds = &m, &p
	}
	return c
}

func jsonGroupOf(g Group) jsonGroup {
	j := jsonGroup{Mailbox: g.Mailbox, PriorityLabel: g.PriorityLabel, Tier: g.Tier, Tickets: g.Tickets,
		Response: jsonClockOf(g.Response), Resolution: jsonClockOf(g.Resolution), PausedSeconds: seconds(g.Paused)}
	if g.Priority != 0 {
		j.Priority = g.Priority.String()
	}
	return j
}

// WriteJSON writes the report as one indented JSON object.
func WriteJSON(w io.Writer, r *Report) error {
	out := jsonReport{Month: r.Month.String(), AsOf: r.AsOf.UTC().Format(time.RFC3339), Rule: MonthRule,
		Filters: jsonFilters(r.Filters), Zones: []jsonZone{}, Groups: []jsonGroup{}, Total: jsonGroupOf(r.Totals),
		Missed: []jsonMiss{}, Credits: []jsonCredit{}}
	for _, z := range r.Zones {
		out.Zones = append(out.Zones, jsonZone{z.Mailbox, z.Calendar, z.Location})
	}
	for _, g := range r.Groups {
		out.Groups = append(out.Groups, jsonGroupOf(g))
	}
	for _, m := range r.Missed {
		j := jsonMiss{Reference: m.Reference, Mailbox: m.Mailbox, Priority: m.Priority.String(), Tier: m.Tier,
			Customer: m.Customer, Subject: m.Subject, Clock: m.Clock, Target: m.Target, Calendar: m.Calendar,
			Due: m.Due.Format(time.RFC3339), AllowedSeconds: seconds(m.Allowed), ActualSeconds: seconds(m.Actual),
			LateSeconds: seconds(m.Late)}
		if m.Done != nil {
			d := m.Done.Format(time.RFC3339)
			j.Done = &d
		}
		out.Missed = append(out.Missed, j)
	}
	for _, c := range r.Credits {
		out.Credits = append(out.Credits, jsonCredit{Customer: c.Customer, Tier: c.Tier, MissedTickets: c.MissedTickets,
			PerTicket: decimal(c.PerTicket), Total: decimal(c.Total), Currency: c.Total.Currency, Capped: c.Capped})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
