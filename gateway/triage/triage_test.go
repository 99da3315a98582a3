package triage_test

import (
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"ticketgate/gateway"
	"ticketgate/gateway/calendar"
	"ticketgate/gateway/triage"
	"ticketgate/parser"
)

// ---- helpers ----

func weekdays(start, end time.Duration) [7][]calendar.Range {
	var w [7][]calendar.Range
	for d := time.Monday; d <= time.Friday; d++ {
		w[d] = []calendar.Range{{Start: start, End: end}}
	}
	return w
}

// calendars returns "paris" (Mon–Fri 09:00–18:00, French public holidays)
// and "always" (24/7).
func calendars(t *testing.T) map[string]*calendar.Calendar {
	t.Helper()
	paris, err := calendar.New(calendar.Config{
		Name: "paris", TimeZone: "Europe/Paris",
		Hours: weekdays(9*time.Hour, 18*time.Hour), Holidays: "FR",
	})
	if err != nil {
		t.Fatal(err)
	}
	always, err := calendar.New(calendar.Config{Name: "always", TimeZone: "Europe/Paris", AlwaysOpen: true})
	if err != nil {
		t.Fatal(err)
	}
	return map[string]*calendar.Calendar{"paris": paris, "always": always}
}

func parisTime(t *testing.T, s string) time.Time {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	v, err := time.ParseInLocation("2006-01-02 15:04", s, loc)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func target(t *testing.T, s string) triage.Target {
	t.Helper()
	v, err := triage.ParseTarget(s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func mustPolicy(t *testing.T, rules []triage.Rule, tiers []triage.Tier, mailboxes map[string]triage.Mailbox) *triage.Policy {
	t.Helper()
	p, err := triage.New(triage.DefaultLabels(), rules, tiers, calendars(t), mailboxes)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func defaultPolicy(t *testing.T) *triage.Policy {
	return mustPolicy(t, triage.DefaultRules(), nil, map[string]triage.Mailbox{
		"support": {Priority: 3, Calendar: "paris"},
		"oncall":  {Priority: 1, Calendar: "paris"},
	})
}

func msg(from, subject, body string) *parser.Message {
	m := &parser.Message{Subject: subject, Text: body}
	if from != "" {
		m.From = &parser.Address{Address: from}
	}
	return m
}

// ---- Fold ----

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Hors-Service !", "hors service"},
		{"d'information", "d information"},
		{"ÉCRAN", "ecran"},
		{"Demande d’évolution", "demande d evolution"},
		{"  Ça   ne   démarre plus...  ", "ca ne demarre plus"},
		{"Problème n°42 / écran", "probleme n 42 ecran"},
		{"[URGENT] Serveur", "[urgent] serveur"},
		{"Re: URGENT: disque", "re: urgent: disque"},
		{"can't log in", "can t log in"},
		{"", ""},
		{"!!! ???", ""},
	}
	for _, tt := range tests {
		if got := triage.Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// ---- ParseTarget / Target.String ----

func TestParseTarget(t *testing.T) {
	tests := []struct {
		in   string
		want triage.Target
		str  string
	}{
		{"15m", triage.Target{N: 15, Unit: triage.Minutes}, "15 business minutes"},
		{"1m", triage.Target{N: 1, Unit: triage.Minutes}, "1 business minute"},
		{"4h", triage.Target{N: 4, Unit: triage.Hours}, "4 business hours"},
		{"1h", triage.Target{N: 1, Unit: triage.Hours}, "1 business hour"},
		{" 4H ", triage.Target{N: 4, Unit: triage.Hours}, "4 business hours"},
		{"2d", triage.Target{N: 2, Unit: triage.Days}, "2 business days"},
		{"1d", triage.Target{N: 1, Unit: triage.Days}, "1 business day"},
		{"1w", triage.Target{N: 5, Unit: triage.Days}, "5 business days"},
		{"2w", triage.Target{N: 10, Unit: triage.Days}, "10 business days"},
		{"", triage.Target{}, "none"},
		{"none", triage.Target{}, "none"},
		{"None", triage.Target{}, "none"},
	}
	for _, tt := range tests {
		got, err := triage.ParseTarget(tt.in)
		if err != nil {
			t.Errorf("ParseTarget(%q): %v", tt.in, err)
			continue
		}
		if got != tt.want {
			t.Errorf("ParseTarget(%q) = %+v, want %+v", tt.in, got, tt.want)
		}
		if s := got.String(); s != tt.str {
			t.Errorf("ParseTarget(%q).String() = %q, want %q", tt.in, s, tt.str)
		}
		if got.IsZero() != (tt.want.N == 0) {
			t.Errorf("ParseTarget(%q).IsZero() = %v", tt.in, got.IsZero())
		}
	}
	for _, bad := range []string{"x", "h", "0h", "-1h", "3y", "4", "2 days"} {
		if got, err := triage.ParseTarget(bad); err == nil {
			t.Errorf("ParseTarget(%q) = %+v, want an error", bad, got)
		}
	}
}

// ---- default rules ----

// The default rules keep the on-call mailbox at P1 and hand everything
// else to the classifier: customer tags are evidence, weighed with the
// wording, and the mailbox default applies only when there is nothing to go
// on. (Under the keyword rules "[P3] panne" was P3 because the tag won, and
// a printer "HORS-SERVICE" or "Bloquant !" alone were P1.)
func TestDefaultRules(t *testing.T) {
	p := defaultPolicy(t)
	tests := []struct {
		name     string
		mailbox  string
		subject  string
		body     string
		want     gateway.Priority
		reason   string // exact, when set
		contains string // substring, when set
	}{
		{"oncall mailbox", "oncall", "Hello", "just a question", 1, "mailbox oncall", ""},
		{"oncall beats tags", "oncall", "[P4] minor thing", "", 1, "", "mailbox oncall"},
		{"bracket tag decides when nothing else does", "support", "[P2] something", "", 2, `"[P2]" (customer tag)`, ""},
		{"lower-case bracket tag agrees with cosmetic", "support", "Export [p4] cosmetic", "", 4, "", `"cosmetic" (cosmetic)`},
		{"colon tag", "support", "P4: x", "", 4, `"P4" (customer tag)`, ""},
		{"wording outweighs a tag", "support", "[P3] panne", "", 2, "", `outweighed "[P3]"`},
		{"urgent bracket", "support", "[urgent] imprimante", "", 1, "", `"urgent" (customer tag)`},
		{"urgent bracket cased", "support", "Imprimante [URGENT]", "", 1, "", `"URGENT" (customer tag)`},
		{"urgent colon", "support", "URGENT: imprimante", "", 1, "", `"URGENT" (customer tag)`},
		{"urgent colon after Re", "support", "Re: URGENT: imprimante", "", 1, "", `"URGENT" (customer tag)`},
		{"urgent colon after RE TR", "support", "RE: TR: Urgent: imprimante", "", 1, "", `"Urgent" (customer tag)`},
		{"urgent mid-subject is not a tag", "support", "Pas urgent: imprimante", "", 3, "mailbox support default", ""},
		{"server down in subject", "support", "Serveur en panne", "", 1, `"en panne" (down) + "Serveur" (the system)`, ""},
		{"nothing works in body", "support", "Bonjour", "Plus rien ne fonctionne depuis ce matin.", 1, `"Plus rien ne fonctionne" (nothing works)`, ""},
		{"one printer out of service", "support", "Imprimante HORS-SERVICE", "", 2, "", `"HORS-SERVICE" (down)`},
		{"blocking, nothing more said", "support", "Bloquant !", "", 3, "", `"Bloquant" (blocked)`},
		{"one numbered workstation", "support", "Poste 12", "Le PC NE DÉMARRE PLUS.", 3, "", `"NE DÉMARRE PLUS"`},
		{"cannot log in", "support", "I cannot log in", "", 2, "", `"log in" (login)`},
		{"can't log in, apostrophe", "support", "Hello", "I can't log in since Monday", 2, "", `"can't" (cannot)`},
		{"feature request", "support", "Feature request for the export", "", 4, `"Feature request" (feature request)`, ""},
		{"information request", "support", "Demande d'information sur la facturation", "", 5, "", "question"},
		{"small question", "support", "Petite question sur l'export", "", 5, "", `"Petite question" (question)`},
		{"nothing", "support", "Bonjour", "Merci pour votre aide.", 3, "mailbox support default", ""},
		{"empty", "support", "", "", 3, "mailbox support default", ""},
		{"word inside word: panneau", "support", "Panneau d'affichage", "Le panneau est joli.", 3, "mailbox support default", ""},
		{"word inside word: questionnaire", "support", "Questionnaire de satisfaction", "", 3, "mailbox support default", ""},
		{"word inside word: terrorisme (error)", "support", "Terrorisme", "", 3, "mailbox support default", ""},
		// A subject label does not beat the body: "question" over an outage.
		{"outage beats a question subject", "support", "Petite question", "Tout est en panne.", 1, "", `"Tout est en panne" (nothing works)`},
		{"subject and body agree", "support", "Serveur hors service", "Panne générale", 1, "", "Serveur"},
		// Five levels: [P7] is not a priority tag; the wording still counts.
		{"P7 ignored", "support", "[P7] hello", "", 3, "mailbox support default", ""},
		{"P7 ignored, wording applies", "support", "[P7] serveur en panne", "", 1, "", `"en panne" (down)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := p.Triage(tt.mailbox, msg("user@example.com", tt.subject, tt.body))
			if d.Priority != tt.want {
				t.Errorf("priority = %s (%q), want %s", d.Priority, d.Reason, tt.want)
			}
			if tt.reason != "" && d.Reason != tt.reason {
				t.Errorf("reason = %q, want %q", d.Reason, tt.reason)
			}
			if tt.contains != "" && !strings.Contains(d.Reason, tt.contains) {
				t.Errorf("reason = %q, want it to contain %q", d.Reason, tt.contains)
			}
		})
	}
}

// The body read is the new part of the message (Reply) when the parser
// found one, the whole text otherwise; quoted history of a plain reply is
// not read.
func TestBodyIsReplyWhenPresent(t *testing.T) {
	p := defaultPolicy(t)
	m := &parser.Message{Subject: "Bonjour", Text: "Merci.\n> Le serveur est en panne", Reply: "Merci."}
	if d := p.Triage("support", m); d.Priority != 3 {
		t.Errorf("quoted history: priority = %s (%q), want P3", d.Priority, d.Reason)
	}
	m = &parser.Message{Subject: "Bonjour", Text: "Le serveur est en panne"}
	if d := p.Triage("support", m); d.Priority != 1 || !strings.Contains(d.Reason, `"en panne" (down)`) {
		t.Errorf("Text only: got %s (%q), want P1 for \"en panne\"", d.Priority, d.Reason)
	}
	if d := p.Triage("support", nil); d.Priority != 3 || d.Reason != "mailbox support default" {
		t.Errorf("nil message: got %s (%q)", d.Priority, d.Reason)
	}
}

// Words end at punctuation: a colon right after a word ends it, as any
// other punctuation does ("Panne." and "Panne !" are read; so must "Panne:").
func TestKeywordFollowedByColon(t *testing.T) {
	p := defaultPolicy(t)
	tests := []struct {
		subject string
		want    gateway.Priority
		reason  string
	}{
		{"Panne. Serveur de fichiers", 1, `"Panne" (down) + "Serveur" (the system)`},
		{"Panne ! Serveur de fichiers", 1, `"Panne" (down) + "Serveur" (the system)`},
		{"Panne: serveur de fichiers", 1, `"Panne" (down) + "serveur" (the system)`},
		{"Feature request: dark mode", 4, `"Feature request" (feature request)`},
	}
	for _, tt := range tests {
		d := p.Triage("support", msg("user@example.com", tt.subject, ""))
		if d.Priority != tt.want || d.Reason != tt.reason {
			t.Errorf("%q: got %s (%q), want %s (%q)", tt.subject, d.Priority, d.Reason, tt.want, tt.reason)
		}
	}
}

// ---- custom rules ----

func TestCustomRules(t *testing.T) {
	rules := []triage.Rule{
		{Priority: 2, Senders: []string{"@BigCorp.com"}},
		{Priority: 2, Tier: "gold"},
		{Priority: 4, Mailbox: "billing", Keywords: []string{"Facturé"}},
		{Priority: 1, Tags: []string{"[VIP]"}},
		{Priority: 5, Keywords: []string{"facture"}},
	}
	tiers := []triage.Tier{{Name: "gold", Senders: []string{"boss@gold.example"}}}
	p := mustPolicy(t, rules, tiers, map[string]triage.Mailbox{
		"support": {Priority: 3, Calendar: "paris"},
		"billing": {Priority: 3, Calendar: "paris"},
	})
	tests := []struct {
		name, mailbox, from, subject string
		want                         gateway.Priority
		reason, fr                   string
	}{
		{"sender domain", "support", "bob@bigcorp.com", "Hello", 2, "sender bob@bigcorp.com", "expéditeur bob@bigcorp.com"},
		{"sender domain, cased", "support", "Bob@BIGCORP.com", "Hello", 2, "sender bob@bigcorp.com", "expéditeur bob@bigcorp.com"},
		{"sender subdomain is not the domain", "support", "bob@eu.bigcorp.com", "Hello", 3, "mailbox support default", "priorité par défaut de la boîte support"},
		{"tier", "support", "boss@gold.example", "Hello", 2, "tier gold", "offre gold"},
		{"mailbox-scoped rule on its mailbox", "billing", "x@example.com", "Facture de mars", 4, "mailbox billing, keyword 'facture' in subject", "boîte billing, mot-clé « facture » dans l'objet"},
		{"mailbox-scoped rule elsewhere", "support", "x@example.com", "Facture de mars", 5, "keyword 'facture' in subject", "mot-clé « facture » dans l'objet"},
		{"folded custom tag", "support", "x@example.com", "Problème [vip]", 1, "tag [vip] in subject", "étiquette [vip] dans l'objet"},
		{"first match wins: sender before tag", "support", "bob@bigcorp.com", "[VIP] hello", 2, "sender bob@bigcorp.com", "expéditeur bob@bigcorp.com"},
		{"first match wins: mailbox rule before generic", "billing", "x@example.com", "[VIP] facture", 4, "mailbox billing, keyword 'facture' in subject", "boîte billing, mot-clé « facture » dans l'objet"},
		{"no match", "support", "x@example.com", "Hello", 3, "mailbox support default", "priorité par défaut de la boîte support"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := p.Triage(tt.mailbox, msg(tt.from, tt.subject, ""))
			if d.Priority != tt.want || d.Reason != tt.reason {
				t.Errorf("got %s (%q), want %s (%q)", d.Priority, d.Reason, tt.want, tt.reason)
			}
			if fr, ok := p.SayReason(d.Why, "fr"); !ok || fr != tt.fr {
				t.Errorf("in French %q (%v), want %q", fr, ok, tt.fr)
			}
		})
	}
}

// ---- tiers ----

func TestTierOfSender(t *testing.T) {
	tiers := []triage.Tier{
		{Name: "gold", Senders: []string{"VIP@Acme.example", "@BigCorp.COM"}},
		{Name: "silver", Senders: []string{"@acme.example"}},
	}
	p := mustPolicy(t, triage.DefaultRules(), tiers, map[string]triage.Mailbox{"support": {Priority: 3, Calendar: "paris"}})
	tests := []struct{ from, want string }{
		{"vip@acme.example", "gold"},
		{"VIP@ACME.EXAMPLE", "gold"},
		{"anyone@bigcorp.com", "gold"},
		{"Anyone@BigCorp.Com", "gold"},
		{"other@acme.example", "silver"},
		{"x@notacme.example", ""},
		{"x@acme.example.org", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if d := p.Triage("support", msg(tt.from, "Hello", "")); d.Tier != tt.want {
			t.Errorf("from %q: tier = %q, want %q", tt.from, d.Tier, tt.want)
		}
	}
}

// ---- registered-only mailboxes ----

func TestUnregistered(t *testing.T) {
	tiers := []triage.Tier{{Name: "gold", Senders: []string{"@gold.example"}}}
	p := mustPolicy(t, triage.DefaultRules(), tiers, map[string]triage.Mailbox{
		"partners": {Priority: 3, Calendar: "paris", Registered: true, Senders: []string{"Alice@Partner.example", "@Friends.example"}},
		"support":  {Priority: 3, Calendar: "paris"},
	})
	tests := []struct {
		mailbox string
		m       *parser.Message
		want    bool
	}{
		{"partners", msg("eve@evil.example", "Hi", ""), true},
		{"partners", msg("alice@partner.example", "Hi", ""), false},
		{"partners", msg("ALICE@partner.example", "Hi", ""), false},
		{"partners", msg("bob@partner.example", "Hi", ""), true},
		{"partners", msg("bob@friends.example", "Hi", ""), false},
		{"partners", msg("carol@gold.example", "Hi", ""), false},
		{"partners", msg("", "Hi", ""), true},
		{"partners", &parser.Message{Subject: "Hi", From: &parser.Address{Name: "No address"}}, true},
		{"support", msg("eve@evil.example", "Hi", ""), false},
		{"support", msg("", "Hi", ""), false},
	}
	for _, tt := range tests {
		from := "<none>"
		if tt.m.From != nil {
			from = tt.m.From.Address
		}
		if d := p.Triage(tt.mailbox, tt.m); d.Unregistered != tt.want {
			t.Errorf("%s from %q: Unregistered = %v, want %v", tt.mailbox, from, d.Unregistered, tt.want)
		}
	}
}

// ---- missing information ----

func requirements(t *testing.T, names ...string) []triage.Requirement {
	t.Helper()
	var out []triage.Requirement
	for _, n := range names {
		r, ok := triage.KnownRequirement(n)
		if !ok {
			t.Fatalf("KnownRequirement(%q) not found", n)
		}
		out = append(out, r)
	}
	return out
}

func TestMissing(t *testing.T) {
	if _, ok := triage.KnownRequirement("shoe size"); ok {
		t.Error("KnownRequirement(shoe size) found")
	}
	all := requirements(t, "phone", "serial", "steps", "started", "screenshot")
	p := mustPolicy(t, triage.DefaultRules(), nil, map[string]triage.Mailbox{
		"hw":      {Priority: 3, Calendar: "paris", Require: all},
		"order":   {Priority: 3, Calendar: "paris", Require: requirements(t, "screenshot", "started", "phone")},
		"support": {Priority: 3, Calendar: "paris"},
	})
	everything := []string{"phone number", "serial number", "steps to reproduce", "when it started", "screenshot"}
	png := []parser.Attachment{{Filename: "screen.png", ContentType: "image/png"}}
	pdf := []parser.Attachment{{Filename: "invoice.pdf", ContentType: "application/pdf"}}
	tests := []struct {
		name    string
		mailbox string
		m       *parser.Message
		want    []string
	}{
		{"nothing given", "hw", msg("a@b.example", "Hello", "It is broken."), everything},
		{"international phone", "hw", msg("a@b.example", "Hello", "Call me at +33 1 23 45 67 89."),
			[]string{"serial number", "steps to reproduce", "when it started", "screenshot"}},
		{"national phone in subject", "hw", msg("a@b.example", "Rappel au 01 23 45 67 89", ""),
			[]string{"serial number", "steps to reproduce", "when it started", "screenshot"}},
		{"ticket number is no phone", "hw", msg("a@b.example", "Ticket 12345678", ""), everything},
		{"serial", "hw", msg("a@b.example", "Hello", "Serial number: AB-12345"),
			[]string{"phone number", "steps to reproduce", "when it started", "screenshot"}},
		{"steps", "hw", msg("a@b.example", "Hello", "Steps to reproduce:\n1. open the app"),
			[]string{"phone number", "serial number", "when it started", "screenshot"}},
		{"numbered list", "hw", msg("a@b.example", "Hello", "Voici :\n1) ouvrir l'appli"),
			[]string{"phone number", "serial number", "when it started", "screenshot"}},
		{"started", "hw", msg("a@b.example", "Hello", "Ça bloque depuis lundi."),
			[]string{"phone number", "serial number", "steps to reproduce", "screenshot"}},
		{"png attachment", "hw", &parser.Message{Subject: "Hello", Attachments: png},
			[]string{"phone number", "serial number", "steps to reproduce", "when it started"}},
		{"pdf attachment is no screenshot", "hw", &parser.Message{Subject: "Hello", Attachments: pdf}, everything},
		{"pdf and png", "hw", &parser.Message{Subject: "Hello", Attachments: append(append([]parser.Attachment{}, pdf...), png...)},
			[]string{"phone number", "serial number", "steps to reproduce", "when it started"}},
		{"all given", "hw", &parser.Message{Subject: "Panne",
			Text:        "Tel +33 1 23 45 67 89, S/N: XY-98765. Since Monday. Steps: click.",
			Attachments: png}, nil},
		{"requirement order kept", "order", msg("a@b.example", "Hello", ""), []string{"screenshot", "when it started", "phone number"}},
		{"no requirements", "support", msg("a@b.example", "Hello", ""), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := p.Triage(tt.mailbox, tt.m).Missing
			if len(got) == 0 && len(tt.want) == 0 {
				return
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Missing = %q, want %q", got, tt.want)
			}
		})
	}
}

// A serial number requirement is met by a serial number, not by the words
// "serial number" or by any word that happens to start with "sn".
func TestMissingSerialNeedsAValue(t *testing.T) {
	p := mustPolicy(t, triage.DefaultRules(), nil, map[string]triage.Mailbox{
		"hw": {Priority: 3, Calendar: "paris", Require: requirements(t, "serial")},
	})
	for _, body := range []string{
		"I could not find the serial number.",
		"See the attached snapshot.",
	} {
		got := p.Triage("hw", msg("a@b.example", "Hello", body)).Missing
		if !reflect.DeepEqual(got, []string{"serial number"}) {
			t.Errorf("%q: Missing = %q, want [serial number]", body, got)
		}
	}
}

// ---- due times ----

func TestDue(t *testing.T) {
	sla := func(resp, res string) triage.SLA {
		return triage.SLA{Response: target(t, resp), Resolution: target(t, res)}
	}
	tiers := []triage.Tier{
		{Name: "gold", Senders: []string{"@gold.example"}, Response: target(t, "30m")},
		{Name: "platinum", Senders: []string{"@platinum.example"}, Calendar: "always"},
	}
	p := mustPolicy(t, triage.DefaultRules(), tiers, map[string]triage.Mailbox{
		"support": {Priority: 3, Calendar: "paris", SLA: map[gateway.Priority]triage.SLA{
			1: sla("1h", "4h"),
			2: sla("4h", "2d"),
			3: sla("1d", ""),
			4: sla("1d", "1w"),
			5: sla("15m", "none"),
		}},
		"hotline": {Priority: 1, Calendar: "paris", SLA: map[gateway.Priority]triage.SLA{
			1: {Response: target(t, "1h"), Resolution: target(t, "4h"), Calendar: "always"},
		}},
		"outside": {Priority: 1, Calendar: "paris", SLA: map[gateway.Priority]triage.SLA{
			1: {Response: target(t, "1h"), ResponseOutside: target(t, "1d"), Resolution: target(t, "8h"), ResolutionOutside: target(t, "2d")},
			2: {Response: target(t, "1h"), ResponseOutside: target(t, "2h"), OutsideCalendar: "always"},
		}},
	})

	type want struct {
		resp, res             string // local Paris "2006-01-02 15:04", "" for nil
		respCal, resCal       string
		respTarget, resTarget string
	}
	tests := []struct {
		name    string
		mailbox string
		pr      gateway.Priority
		tier    string
		at      string
		want    want
	}{
		// Friday 17:30: 30 min left on Friday, the rest on Monday.
		{"P1 hours over a weekend", "support", 1, "", "2026-11-20 17:30",
			want{"2026-11-23 09:30", "2026-11-23 12:30", "paris", "paris", "1 business hour", "4 business hours"}},
		// Minutes: 10 on Friday, 5 on Monday.
		{"P5 minutes over a weekend", "support", 5, "", "2026-11-20 17:50",
			want{"2026-11-23 09:05", "", "paris", "", "15 business minutes", ""}},
		{"P4 one business day", "support", 4, "", "2026-11-18 10:00",
			want{"2026-11-19 10:00", "2026-11-25 10:00", "paris", "paris", "1 business day", "5 business days"}},
		// 11 November (Armistice Day) is a Wednesday in 2026.
		{"P4 over a public holiday", "support", 4, "", "2026-11-10 10:00",
			want{"2026-11-12 10:00", "2026-11-18 10:00", "paris", "paris", "1 business day", "5 business days"}},
		// Christmas Day 2026 is a Friday: 2 h on Thursday, 2 h on Monday 28.
		{"P2 over Christmas", "support", 2, "", "2026-12-24 16:00",
			want{"2026-12-28 11:00", "2026-12-29 16:00", "paris", "paris", "4 business hours", "2 business days"}},
		// Saturday: everything counts from Monday 09:00.
		{"P2 on a Saturday", "support", 2, "", "2026-11-21 12:00",
			want{"2026-11-23 13:00", "2026-11-25 09:00", "paris", "paris", "4 business hours", "2 business days"}},
		{"P3 has no resolution target", "support", 3, "", "2026-11-18 10:00",
			want{"2026-11-19 10:00", "", "paris", "", "1 business day", ""}},
		{"target ending at closing time", "outside", 1, "", "2026-11-18 10:00",
			want{"2026-11-18 11:00", "2026-11-18 18:00", "paris", "paris", "1 business hour", "8 business hours"}},
		{"SLA calendar always", "hotline", 1, "", "2026-11-20 17:30",
			want{"2026-11-20 18:30", "2026-11-20 21:30", "always", "always", "1 business hour", "4 business hours"}},
		{"outside targets, evening", "outside", 1, "", "2026-11-18 20:00",
			want{"2026-11-20 09:00", "2026-11-23 09:00", "paris", "paris", "1 business day", "2 business days"}},
		{"outside targets, early morning", "outside", 1, "", "2026-11-18 08:00",
			want{"2026-11-19 09:00", "2026-11-20 09:00", "paris", "paris", "1 business day", "2 business days"}},
		{"outside calendar, in hours", "outside", 2, "", "2026-11-18 10:00",
			want{"2026-11-18 11:00", "", "paris", "", "1 business hour", ""}},
		{"outside calendar, evening", "outside", 2, "", "2026-11-18 20:00",
			want{"2026-11-18 22:00", "", "always", "", "2 business hours", ""}},
		{"tier response replaces P1", "support", 1, "gold", "2026-11-18 10:00",
			want{"2026-11-18 10:30", "2026-11-18 14:00", "paris", "paris", "30 business minutes", "4 business hours"}},
		{"tier response replaces P3", "support", 3, "gold", "2026-11-18 10:00",
			want{"2026-11-18 10:30", "", "paris", "", "30 business minutes", ""}},
		{"tier response replaces P4", "support", 4, "gold", "2026-11-18 17:50",
			want{"2026-11-19 09:20", "2026-11-25 17:50", "paris", "paris", "30 business minutes", "5 business days"}},
		{"tier response replaces the outside response", "outside", 1, "gold", "2026-11-18 20:00",
			want{"2026-11-19 09:30", "2026-11-23 09:00", "paris", "paris", "30 business minutes", "2 business days"}},
		{"tier calendar", "support", 1, "platinum", "2026-11-20 17:30",
			want{"2026-11-20 18:30", "2026-11-20 21:30", "always", "always", "1 business hour", "4 business hours"}},
		{"unknown tier changes nothing", "support", 1, "bronze", "2026-11-20 17:30",
			want{"2026-11-23 09:30", "2026-11-23 12:30", "paris", "paris", "1 business hour", "4 business hours"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := p.Due(tt.mailbox, tt.pr, tt.tier, parisTime(t, tt.at))
			check := func(what string, got *time.Time, w string) {
				t.Helper()
				if w == "" {
					if got != nil {
						t.Errorf("%s = %s, want nil", what, got)
					}
					return
				}
				if got == nil {
					t.Errorf("%s = nil, want %s", what, w)
					return
				}
				if want := parisTime(t, w); !got.Equal(want) {
					t.Errorf("%s = %s, want %s", what, got.In(want.Location()).Format("Mon 2006-01-02 15:04"), want.Format("Mon 2006-01-02 15:04"))
				}
			}
			check("ResponseDue", d.ResponseDue, tt.want.resp)
			check("ResolutionDue", d.ResolutionDue, tt.want.res)
			if d.ResponseCalendar != tt.want.respCal || d.ResolutionCalendar != tt.want.resCal {
				t.Errorf("calendars = %q, %q; want %q, %q", d.ResponseCalendar, d.ResolutionCalendar, tt.want.respCal, tt.want.resCal)
			}
			if d.ResponseTarget != tt.want.respTarget || d.ResolutionTarget != tt.want.resTarget {
				t.Errorf("targets = %q, %q; want %q, %q", d.ResponseTarget, d.ResolutionTarget, tt.want.respTarget, tt.want.resTarget)
			}
		})
	}
}

// A priority without an SLA has no due times.
func TestDueWithoutSLA(t *testing.T) {
	p := mustPolicy(t, nil, nil, map[string]triage.Mailbox{"support": {Priority: 3, Calendar: "paris"}})
	d := p.Due("support", 2, "", parisTime(t, "2026-11-18 10:00"))
	if !reflect.DeepEqual(d, gateway.Deadlines{}) {
		t.Errorf("Due = %+v, want no deadlines", d)
	}
}

// ---- New ----

func TestNewUnknownCalendar(t *testing.T) {
	tests := []struct {
		name      string
		tiers     []triage.Tier
		mailboxes map[string]triage.Mailbox
		wantErr   string // substring; "" for no error
	}{
		{"all known", []triage.Tier{{Name: "gold", Calendar: "always"}},
			map[string]triage.Mailbox{"support": {Calendar: "paris", SLA: map[gateway.Priority]triage.SLA{
				1: {Calendar: "always", OutsideCalendar: "paris"}}}}, ""},
		{"mailbox", nil, map[string]triage.Mailbox{"support": {Calendar: "tokyo"}}, "tokyo"},
		{"SLA calendar", nil, map[string]triage.Mailbox{"support": {Calendar: "paris", SLA: map[gateway.Priority]triage.SLA{
			1: {Calendar: "tokyo"}}}}, "tokyo"},
		{"SLA outside calendar", nil, map[string]triage.Mailbox{"support": {Calendar: "paris", SLA: map[gateway.Priority]triage.SLA{
			2: {OutsideCalendar: "nights"}}}}, "nights"},
		{"tier calendar", []triage.Tier{{Name: "gold", Calendar: "tokyo"}},
			map[string]triage.Mailbox{"support": {Calendar: "paris"}}, "tokyo"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := triage.New(triage.DefaultLabels(), triage.DefaultRules(), tt.tiers, calendars(t), tt.mailboxes)
			if tt.wantErr == "" {
				if err != nil || p == nil {
					t.Fatalf("New: %v", err)
				}
				if c, ok := p.Calendar("paris"); !ok || c.Name() != "paris" {
					t.Errorf("Calendar(paris) = %v, %v", c, ok)
				}
				if _, ok := p.Calendar("tokyo"); ok {
					t.Error("Calendar(tokyo) found")
				}
				return
			}
			if err == nil {
				t.Fatalf("New: no error, want one mentioning %q", tt.wantErr)
			}
			if !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("New: %v, want it to mention %q", err, tt.wantErr)
			}
		})
	}
}

// ---- labels ----

func TestLabel(t *testing.T) {
	p := defaultPolicy(t)
	if n := p.Levels(); n != 5 {
		t.Errorf("Levels = %d, want 5", n)
	}
	tests := []struct {
		pr   gateway.Priority
		want string
	}{
		{1, "P1 critical"},
		{2, "P2 high"},
		{3, "P3 medium"},
		{4, "P4 low"},
		{5, "P5 information"},
		{6, "P6"},
		{7, "P7"},
		{0, "P0"},
	}
	for _, tt := range tests {
		if got := p.Label(tt.pr); got != tt.want {
			t.Errorf("Label(%d) = %q, want %q", tt.pr, got, tt.want)
		}
	}
}

// Mailboxes triage at the same time: Fold must hold no shared state
// (run with -race).
func TestFoldConcurrently(t *testing.T) {
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 200 {
				if got := triage.Fold("Hors-Service : Écran bloqué"); got != "hors service : ecran bloque" {
					t.Errorf("goroutine %d: Fold = %q", i, got)
					return
				}
			}
		}()
	}
	wg.Wait()
}

// A company's legal notice below the mail is not what the customer says:
// its "confidential" and "immediately" must not make a login problem P1.
func TestDisclaimerIsNotEvidence(t *testing.T) {
	p := defaultPolicy(t)
	for _, tt := range []struct{ body, notice string }{
		{"Hello,\n\nI cannot log in since yesterday, the page reloads.\n\nThanks,\nPaul",
			"\n\nCONFIDENTIALITY NOTICE: This e-mail and any attachments are confidential. If you received it in error, notify the sender immediately and delete it."},
		{"Bonjour,\n\nJe ne peux plus me connecter depuis hier, la page se recharge.\n\nMerci,\nPaul",
			"\n\nCe message et toutes les pièces jointes sont confidentiels. Si vous l'avez reçu par erreur, merci d'en avertir immédiatement l'expéditeur et de le détruire."},
	} {
		plain := p.Triage("support", &parser.Message{Subject: "Login", Text: tt.body, Reply: tt.body})
		noticed := p.Triage("support", &parser.Message{Subject: "Login", Text: tt.body + tt.notice, Reply: tt.body + tt.notice})
		if noticed.Priority != plain.Priority || noticed.Reason != plain.Reason {
			t.Errorf("with a notice: %s (%q), without: %s (%q)", noticed.Priority, noticed.Reason, plain.Priority, plain.Reason)
		}
		if plain.Priority == 1 {
			t.Errorf("a login problem of one person read as P1: %q", plain.Reason)
		}
	}
}

// Random bytes sent as a text part spell words by chance: they keep the
// mailbox's level instead of paging anyone.
func TestNoiseKeepsTheMailboxLevel(t *testing.T) {
	p := defaultPolicy(t)
	noise := make([]byte, 200_000)
	x := uint64(0x9e3779b97f4a7c15)
	for i := range noise {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
		noise[i] = byte(x)
	}
	// The words a lucky run of noise could spell, to be sure there is
	// evidence to ignore.
	raw := "From: someone@customer.example\nSubject: x\nContent-Type: text/plain; charset=utf-8\n\n" +
		string(noise[:100_000]) + " leak asap urgent tout est en panne " + string(noise[100_000:])
	m, err := parser.Parse([]byte(raw))
	if err != nil {
		t.Fatal(err)
	}
	if d := p.Triage("support", m); d.Priority != 3 || d.Reason != "mailbox support default" {
		t.Errorf("noise: %s (%q), want the mailbox default P3", d.Priority, d.Reason)
	}
	// Mail in a wrong charset still reads: a few accents lost.
	latin := "From: someone@customer.example\nSubject: caisses\nContent-Type: text/plain; charset=utf-8\n\n" +
		"Bonjour, depuis ce matin aucune de nos caisses ne peut encaisser, tout le magasin est bloqu\xe9. Merci de nous rappeler tr\xe8s vite, c'est la p\xe9riode des f\xeates.\n"
	if m, err = parser.Parse([]byte(latin)); err != nil {
		t.Fatal(err)
	}
	if d := p.Triage("support", m); d.Priority != 1 {
		t.Errorf("latin-1 sent as utf-8: %s (%q), want P1", d.Priority, d.Reason)
	}
}
