package templates

import (
	"fmt"
	"time"
)

// Data is everything a template may show. The set is fixed: Validate
// rejects any other name. Times are formatted already, in the ticket's
// language and its mailbox's time zone; an empty string means "none".
type Data struct {
	Reference        string   // SUP-2026-000123; empty in "unregistered"
	Subject          string   // the ticket's subject
	Mailbox          string   // the support address
	Priority         string   // "P2"
	PriorityLabel    string   // "P2 high"
	PriorityReason   string   // why the ticket has its priority, in the reader's language where triage can say it
	ResponseDue      string   // first-response due time
	ResolutionDue    string   // resolution due time
	ResponseTarget   string   // "4 business hours"
	ResolutionTarget string   // "2 business days"
	CustomerName     string   // display name, else the address
	CustomerAddress  string   //
	AgentName        string   // the agent who wrote or acted
	Message          string   // text relayed or quoted
	Quote            string   // agent-reply: the start of the message answered
	Event            string   // agent-notice: "reply", "confirmed" or "reopened"; agent-page: "opened" for a ticket opened at P1, else empty (raised)
	Missing          []string // details the customer still has to send
	Deadline         string   // resolved, reminder: date the ticket closes without objection; closed: last date a reply reopens it
	Status           string   // new, open, waiting, resolved, closed
	Clock            string   // sla-warning: "response" or "resolution"
	Due              string   // sla-warning: the due time concerned
	State            string   // sla-warning: "at risk" or "breached"
	UpdateTarget     string   // progress, progress-reminder: how often the customer hears from us, "1 business day"
	Note             string   // escalation: why the ticket was escalated
	Level            int      // the support level: 1, or 2 once escalated
	TicketURL        string   // agents' mail: the ticket's page in the web admin; empty without one
}

// Sample is the data validation and previews render with: a made-up
// ticket, with every optional part filled when full is set and empty
// otherwise.
func Sample(name, lang string, full bool) Data {
	loc, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		loc = time.FixedZone("CET", 3600)
	}
	due := time.Date(2026, 11, 23, 14, 0, 0, 0, loc)
	d := Data{
		Reference: "SUP-2026-000123", Subject: "Cannot print invoices", Mailbox: "support@example.com",
		Priority: "P2", PriorityLabel: "P2 high", CustomerName: "Jane Doe", CustomerAddress: "jane@customer.example",
		Status: "new",
	}
	if lang == "fr" {
		d.Subject, d.PriorityLabel, d.CustomerName, d.CustomerAddress = "Impossible d'imprimer les factures", "P2 élevée", "Marie Dupont", "marie@client.example"
	}
	if name == Unregistered {
		d.Reference = ""
	}
	if !full {
		return d
	}
	// Triage's reason as agents read it (gateway/triage says it so; a
	// test there holds these to it): the customer's words as written.
	d.PriorityReason = `"Cannot" (cannot) + "print" (a printer), lowered by "by hand" (workaround); set aside: negated "no error" (error)`
	d.ResponseDue, d.ResolutionDue = FormatTime(due, lang), FormatTime(due.AddDate(0, 0, 1), lang)
	d.ResponseTarget, d.ResolutionTarget = TargetText(2, Hours, true, lang), TargetText(1, Days, true, lang)
	d.AgentName = "Alex Martin"
	d.Message = "Hello,\n\nThe printer queue was stuck; it runs again.\n\nAlex"
	d.Missing = []string{"serial number", "phone number"}
	d.Deadline = FormatDate(due.AddDate(0, 0, 7), lang)
	d.Clock, d.Due, d.State = "response", FormatTime(due, lang), "at risk"
	d.UpdateTarget = TargetText(1, Days, true, lang)
	d.Level = 2
	d.Note = "The spooler fails on every till; needs a specialist."
	if lang == "fr" {
		d.Note = "Le spouleur échoue sur toutes les caisses ; il faut un spécialiste."
	}
	d.Quote = "The invoices stay in the print queue since this morning."
	d.Event = "reopened"
	if lang == "fr" {
		d.Message = "Bonjour,\n\nLa file d'impression était bloquée ; elle repart.\n\nAlex"
		d.Missing = []string{"numéro de série", "numéro de téléphone"}
		d.Quote = "Les factures restent dans la file d'impression depuis ce matin."
		d.PriorityReason = `« Impossible » (impossible) + « imprimer » (une imprimante), abaissé par « à la main » (solution de contournement) ; écarté : nié « pas d'erreur » (erreur)`
	}
	return d
}

var (
	frDays   = [...]string{"dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"}
	frMonths = [...]string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
		"septembre", "octobre", "novembre", "décembre"}
)

// FormatDate writes a day the way lang writes it: "Monday 30 November
// 2026", "lundi 30 novembre 2026".
func FormatDate(t time.Time, lang string) string {
	if lang == "fr" {
		return fmt.Sprintf("%s %d %s %d", frDays[t.Weekday()], t.Day(), frMonths[t.Month()-1], t.Year())
	}
	return t.Format("Monday 2 January 2006")
}

// FormatTime writes a moment in its own zone, the zone named so that a
// reader abroad is not misled: "Monday 23 November 2026, 14:00 (Paris
// time)", "lundi 23 novembre 2026 à 14:00 (heure de Paris)".
func FormatTime(t time.Time, lang string) string {
	zone := ZoneName(t.Location(), lang)
	if zone == "" {
		zone = t.Format("-07:00")
	}
	if lang == "fr" {
		return fmt.Sprintf("%s à %s (%s)", FormatDate(t, lang), t.Format("15:04"), zone)
	}
	return fmt.Sprintf("%s, %s (%s)", FormatDate(t, lang), t.Format("15:04"), zone)
}
