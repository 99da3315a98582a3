package gateway_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"ticketgate/gateway"
)

// Every change of priority by a person is kept beside triage's choice,
// and the report compares the two per level and per piece of evidence.
func TestTriageReport(t *testing.T) {
	f := triagedFixture(t)
	since := f.now.Add(-time.Minute)
	refs := []string{}
	for i, subject := range []string{"Printer jammed", "Question about invoices", "Printer jammed again"} {
		res := f.ingest("support", mail("jane@customer.example", subject, "tr-"+string(rune('a'+i))+"@customer.example"))
		refs = append(refs, res.Ticket)
	}
	first, _, _ := f.ticket(refs[0])
	triage, reason := first.Priority, first.PriorityReason
	// Moved twice: the report still compares with triage, not with the
	// first person.
	if _, err := f.gw.SetPriority(f.ctx, refs[0], 1, "alex", "set by alex"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.gw.SetPriority(f.ctx, refs[0], 4, "sam", "set by sam"); err != nil {
		t.Fatal(err)
	}
	r, err := f.gw.TriageReport(f.ctx, since)
	if err != nil {
		t.Fatal(err)
	}
	if r.Tickets != 3 || len(r.Outcomes) != 3 {
		t.Fatalf("report of %d tickets: %+v", r.Tickets, r)
	}
	o := r.Outcomes[0]
	if o.Ticket != refs[0] || o.Triage != triage || o.TriageReason != reason || o.Final != 4 || o.By != "sam" || !o.Overruled() {
		t.Errorf("outcome %+v, want triage %s (%s) overruled to P4 by sam", o, triage, reason)
	}
	var lvl *gateway.TriageLevel
	for i := range r.Levels {
		if r.Levels[i].Priority == triage {
			lvl = &r.Levels[i]
		}
	}
	if lvl == nil || lvl.Overruled != 1 || lvl.To[4] != 1 || lvl.Agreement() >= 1 {
		t.Errorf("level %s: %+v", triage, lvl)
	}
	if len(r.Evidence) == 0 || r.Evidence[0].Overruled != 1 || r.Evidence[0].OverruledTickets[0] != refs[0] {
		t.Errorf("evidence: %+v", r.Evidence)
	}
	// The mail triage read is there to become a labelled case.
	var raw bytes.Buffer
	if err := f.gw.FirstMessage(f.ctx, o.TicketID, &raw); err != nil || !strings.Contains(raw.String(), "Subject: Printer jammed") {
		t.Errorf("first message: %v\n%s", err, raw.String())
	}
	// Tickets opened before the period are not counted.
	if r, err := f.gw.TriageReport(f.ctx, f.now.Add(time.Hour)); err != nil || r.Tickets != 0 {
		t.Errorf("a later period: %+v, %v", r, err)
	}
}
