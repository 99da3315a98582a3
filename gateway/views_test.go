package gateway_test

import (
	"testing"
	"time"

	"ticketgate/gateway"
)

func TestExplainSLA(t *testing.T) {
	f := triagedFixture(t)
	res := f.ingest("support", mail("jane@customer.example", "Printer jammed", "sla-1@customer.example"))
	tk, _, _ := f.ticket(res.Ticket)
	if tk.ResponseDue == nil {
		t.Fatal("the default policy gives a support ticket a response target")
	}
	at := func(now time.Time) *gateway.SLAExplanation {
		t.Helper()
		x, err := f.gw.ExplainSLA(f.ctx, res.Ticket, now)
		if err != nil {
			t.Fatal(err)
		}
		return x
	}
	x := at(f.now)
	if x.Location.String() != "Europe/Paris" || x.Response.Due.Location().String() != "Europe/Paris" {
		t.Errorf("zones: mailbox %v, due %v; want the calendar's, Europe/Paris", x.Location, x.Response.Due.Location())
	}
	if !x.Response.Due.Equal(*tk.ResponseDue) || x.Response.Target != tk.ResponseTarget || x.Response.State != gateway.SLAOnTrack {
		t.Errorf("response at arrival = %+v, want on track to %v", x.Response, tk.ResponseDue)
	}
	if x.PriorityLabel == tk.Priority.String() {
		t.Errorf("label %q does not name the priority", x.PriorityLabel)
	}
	if got := at(tk.ResponseDue.Add(time.Minute)).Response.State; got != gateway.SLABreached {
		t.Errorf("a minute past due the response clock is %s", got)
	}
	if _, err := f.gw.ExplainSLA(f.ctx, "SUP-1999-99999", f.now); err == nil {
		t.Error("an unknown reference is explained")
	}
}

func TestTicketRecord(t *testing.T) {
	f := newFixture(t)
	res := f.ingest("support", mail("jane@customer.example", "Printer", "rec-1@customer.example"))
	r, err := f.gw.TicketRecord(f.ctx, res.Ticket)
	if err != nil {
		t.Fatal(err)
	}
	if r.Ticket.Reference != res.Ticket || len(r.Entries) != 1 || len(r.Events) == 0 || r.LinkedTo != "" {
		t.Fatalf("record = %+v", r)
	}
	if r.Entries[0].MessageID != "rec-1@customer.example" {
		t.Errorf("entry = %+v", r.Entries[0])
	}
}
