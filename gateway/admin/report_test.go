package admin_test

import (
	"net/http"
	"strings"
	"testing"

	"ticketgate/gateway"
)

func TestSLAReportPage(t *testing.T) {
	e := newEnv(t)
	e.addUser("alice", gateway.RoleAgent, "pw")
	e.ingest("support", mail("Jane <jane@customer.example>", "=HYPERLINK(\"x\") <script>document.body.dataset.pwned=1</script>", "r1@customer.example", "Exports fail."))
	c := e.client()
	if r := c.get("/reports/sla"); r.status != http.StatusSeeOther {
		t.Fatalf("report page without a session: %d, want a redirect to sign in", r.status)
	}
	c.login("alice", "pw")

	// The clock is in November 2026: the default month is October, empty.
	page := c.get("/reports/sla")
	if page.status != http.StatusOK || !strings.Contains(page.body, `value="2026-10"`) {
		t.Fatalf("default report page (%d):\n%s", page.status, page.body)
	}
	page = c.get("/reports/sla?month=2026-11&mailbox=support")
	if page.status != http.StatusOK || !strings.Contains(page.body, `src="/reports/sla/html?customer=&amp;mailbox=support&amp;month=2026-11`) ||
		!strings.Contains(page.body, `id="report-frame" sandbox`) {
		t.Fatalf("report page for November:\n%s", page.body)
	}

	html := c.get("/reports/sla/html?month=2026-11&mailbox=support")
	if html.status != http.StatusOK || !strings.HasPrefix(html.header.Get("Content-Security-Policy"), "sandbox;") ||
		!strings.Contains(html.body, "<svg") || strings.Contains(html.body, "<script") {
		t.Errorf("framed report (%d, CSP %q):\n%s", html.status, html.header.Get("Content-Security-Policy"), html.body)
	}
	csv := c.get("/reports/sla/csv?month=2026-11")
	if csv.status != http.StatusOK || !strings.Contains(csv.header.Get("Content-Disposition"), `attachment; filename="sla-2026-11.csv"`) ||
		!strings.Contains(csv.body, "group,2026-11,support,") {
		t.Errorf("CSV download (%d, %q):\n%s", csv.status, csv.header.Get("Content-Disposition"), csv.body)
	}
	if strings.Contains(csv.body, ",=HYPERLINK") {
		t.Errorf("a customer's subject reaches the CSV as a formula:\n%s", csv.body)
	}

	if r := c.get("/reports/sla?month=11-2026"); r.status != http.StatusBadRequest || !strings.Contains(r.body, "write it as 2026-11") {
		t.Errorf("bad month (%d):\n%s", r.status, r.body)
	}
	if r := c.get("/reports/sla/html?month=2027-03"); r.status != http.StatusBadRequest {
		t.Errorf("a month not begun: %d, want 400", r.status)
	}
	if r := c.get("/reports/sla/pdf?month=2026-11"); r.status != http.StatusNotFound {
		t.Errorf("unknown format: %d, want 404", r.status)
	}
}
