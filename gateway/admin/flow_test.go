package admin_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"ticketgate/gateway"
	"ticketgate/notifier/smtpsink"
)

func TestBrowserSignInThroughTheForm(t *testing.T) {
	e := newEnv(t)
	e.addUser("alice", gateway.RoleAdmin, "correct horse battery")
	ctx := tab(t)
	step(t, ctx, "open the admin signed out", chromedp.Navigate(e.srv.URL+"/tickets"), chromedp.WaitVisible(chromedp.CSS("#signin")))
	step(t, ctx, "sign in with a wrong password",
		chromedp.SendKeys(chromedp.CSS("#name"), "alice"), chromedp.SendKeys(chromedp.CSS("#password"), "wrong"),
		chromedp.Click(chromedp.CSS("#signin")), chromedp.WaitVisible(chromedp.CSS("#error")))
	if got := text(t, ctx, "#error"); !strings.Contains(got, "Wrong name or password") {
		t.Fatalf("error after a wrong password: %q", got)
	}
	step(t, ctx, "sign in with the right password",
		chromedp.SendKeys(chromedp.CSS("#password"), "correct horse battery"),
		chromedp.Click(chromedp.CSS("#signin")), chromedp.WaitVisible(chromedp.CSS("#tickets")))
	if got := text(t, ctx, "#user"); !strings.Contains(got, "alice") {
		t.Fatalf("signed in as %q", got)
	}
	step(t, ctx, "sign out", chromedp.Click(chromedp.CSS("header form button")), chromedp.WaitVisible(chromedp.CSS("#signin")))
	step(t, ctx, "signed out, the tickets need a sign-in", chromedp.Navigate(e.srv.URL+"/tickets"), chromedp.WaitVisible(chromedp.CSS("#signin")))
}

func TestBrowserSignInThroughALink(t *testing.T) {
	e := newEnv(t)
	e.addUser("bob", gateway.RoleAgent, "")
	ctx := tab(t)
	link, err := adminLink(e, "bob")
	if err != nil {
		t.Fatal(err)
	}
	step(t, ctx, "follow the link", chromedp.Navigate(link), chromedp.WaitVisible(chromedp.CSS("#tickets")))
	if got := text(t, ctx, "#user"); !strings.Contains(got, "bob (agent)") {
		t.Fatalf("signed in as %q", got)
	}
	// An agent's menu has no templates.
	if n := get(t, ctx, "count template links", chromedp.Evaluate[int](`document.querySelectorAll("nav a[href$='/templates']").length`)); n != 0 {
		t.Errorf("agent sees %d template links", n)
	}
	other := tab(t)
	step(t, other, "follow the link again", chromedp.Navigate(link), chromedp.WaitVisible(chromedp.CSS("#error")))
	if got := text(t, other, "#error"); !strings.Contains(got, "used already") {
		t.Fatalf("second use: %q", got)
	}
}

func TestBrowserFilterSearchReplyResolve(t *testing.T) {
	e := newEnv(t)
	sink := e.deliver(t)
	e.addUser("alice", gateway.RoleAgent, "")
	printer := e.ingest("support", mail("Jane Roe <jane@customer.example>", "Printer on floor 3 jams", "p1@customer.example",
		"The printer on floor 3 jams on every invoice since Monday."))
	vpn := e.ingest("support", mail("Paul <paul@other.example>", "VPN refuses my certificate", "v1@other.example",
		"Since the update the VPN refuses my certificate."))
	devis := e.ingest("sales", mail("Marie <marie@client.example>", "Demande de devis", "d1@client.example",
		"Pourriez-vous m'envoyer un devis pour 40 licences ? Merci, Marie"))
	ctx := tab(t)
	e.signIn(t, ctx, "alice")
	rows := func() []string {
		return get(t, ctx, "read the list", chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("tr.ticket")).map(r => r.dataset.ref)`))
	}
	if got := rows(); len(got) != 3 {
		t.Fatalf("list: %v", got)
	}
	step(t, ctx, "filter on the sales mailbox", chromedp.SetValue(chromedp.CSS("#mailbox"), "sales"), chromedp.Click(chromedp.CSS("#apply")),
		chromedp.WaitVisible(chromedp.CSS(`#tickets[data-mailbox="sales"]`)))
	if got := rows(); len(got) != 1 || got[0] != devis {
		t.Fatalf("sales: %v, want [%s]", got, devis)
	}
	// Search reads bodies (accents folded) and addresses.
	for q, want := range map[string]string{"licences": devis, "certificate": vpn, "paul@other.example": vpn, "jams floor": printer, "DEVIS": devis} {
		step(t, ctx, "search "+q, chromedp.Navigate(e.srv.URL+"/tickets"), chromedp.SendKeys(chromedp.CSS("#q"), q),
			chromedp.Click(chromedp.CSS("#apply")), chromedp.WaitVisible(chromedp.CSS(`#tickets[data-search="`+q+`"]`)))
		if got := rows(); len(got) != 1 || got[0] != want {
			t.Errorf("search %q: %v, want [%s]", q, got, want)
		}
	}
	step(t, ctx, "search for nothing", chromedp.Navigate(e.srv.URL+"/tickets?q=zzzqqq"), chromedp.WaitVisible(chromedp.CSS("#empty")))
	step(t, ctx, "filter by status", chromedp.Navigate(e.srv.URL+"/tickets?status=open"), chromedp.WaitVisible(chromedp.CSS("#empty")))

	// Open the printer ticket from the list and answer the customer.
	step(t, ctx, "open a ticket", chromedp.Navigate(e.srv.URL+"/tickets"),
		chromedp.Click(chromedp.CSS(`tr[data-ref="`+printer+`"] a`)), chromedp.WaitVisible(chromedp.CSS("#ref")))
	if got := text(t, ctx, "#subject"); got != "Printer on floor 3 jams" {
		t.Fatalf("subject %q", got)
	}
	if got := text(t, ctx, "#messages pre.text"); !strings.Contains(got, "jams on every invoice") {
		t.Fatalf("message text %q", got)
	}
	step(t, ctx, "reply", chromedp.SendKeys(chromedp.CSS("#text"), "Hello Jane,\nwe replaced the fuser; please try again."),
		chromedp.Click(chromedp.CSS("#do-reply")), chromedp.WaitVisible(chromedp.CSS(`#notice[data-kind="reply"]`)))
	if got := text(t, ctx, "#ticket-status"); got != "open" {
		t.Errorf("status after the reply: %q", got)
	}
	reply := waitMail(t, sink, "the web reply", func(m smtpsink.Message) bool {
		return len(m.To) == 1 && m.To[0] == "jane@customer.example" && strings.Contains(string(m.Data), "we replaced the fuser")
	})
	if !strings.Contains(reply.Header.Get("Subject"), printer) || reply.Header.Get("In-Reply-To") != "<p1@customer.example>" {
		t.Errorf("reply headers: subject %q, in-reply-to %q", reply.Header.Get("Subject"), reply.Header.Get("In-Reply-To"))
	}
	if got := text(t, ctx, "#timeline"); !strings.Contains(got, "alice (web admin)") || !strings.Contains(got, "relayed to jane@customer.example") {
		t.Errorf("timeline does not name alice on the relay:\n%s", got)
	}
	step(t, ctx, "note", chromedp.SendKeys(chromedp.CSS("#text"), "fuser part 4411 used"),
		chromedp.Click(chromedp.CSS("#do-note")), chromedp.WaitVisible(chromedp.CSS(`#notice[data-kind="note"]`)))
	step(t, ctx, "priority", chromedp.SetValue(chromedp.CSS("#set-priority"), "P2"),
		chromedp.Click(chromedp.CSS("#do-priority")), chromedp.WaitVisible(chromedp.CSS(`#notice[data-kind="priority"]`)))
	step(t, ctx, "assign", chromedp.SetValue(chromedp.CSS("#set-assignee"), "alice"),
		chromedp.Click(chromedp.CSS("#do-assign")), chromedp.WaitVisible(chromedp.CSS(`#notice[data-kind="assign"]`)))
	if got := text(t, ctx, "#ticket-assignee"); got != "alice" {
		t.Errorf("assignee %q", got)
	}
	if got := text(t, ctx, "#ticket-priority"); !strings.HasPrefix(got, "P2") {
		t.Errorf("priority %q", got)
	}
	step(t, ctx, "resolve", chromedp.SendKeys(chromedp.CSS("#text"), "Fixed for good."),
		chromedp.Click(chromedp.CSS("#do-resolve")), chromedp.WaitVisible(chromedp.CSS(`#notice[data-kind="resolve"]`)))
	if got := text(t, ctx, "#ticket-status"); got != "resolved" {
		t.Errorf("status after resolving: %q", got)
	}
	waitMail(t, sink, "the resolved notice", func(m smtpsink.Message) bool {
		return m.To[0] == "jane@customer.example" && strings.Contains(string(m.Data), "Fixed for good.")
	})
	// Resolving twice is refused with the reason, and the text is kept.
	step(t, ctx, "resolve again", chromedp.SendKeys(chromedp.CSS("#text"), "again"),
		chromedp.Click(chromedp.CSS("#do-resolve")), chromedp.WaitVisible(chromedp.CSS("#error")))
	if got := text(t, ctx, "#error"); !strings.Contains(got, "resolved already") {
		t.Errorf("refusal %q", got)
	}
	if got := get(t, ctx, "read the kept text", chromedp.Value(chromedp.CSS("#text"))); got != "again" {
		t.Errorf("kept text %q", got)
	}
	step(t, ctx, "reopen", chromedp.Clear(chromedp.CSS("#text")), chromedp.Click(chromedp.CSS("#do-reopen")), chromedp.WaitVisible(chromedp.CSS(`#notice[data-kind="reopen"]`)))
	step(t, ctx, "wait", chromedp.Click(chromedp.CSS("#do-wait")), chromedp.WaitVisible(chromedp.CSS(`#notice[data-kind="wait"]`)))
	step(t, ctx, "close", chromedp.Click(chromedp.CSS("#do-close")), chromedp.WaitVisible(chromedp.CSS(`#notice[data-kind="close"]`)))
	if got := text(t, ctx, "#ticket-status"); got != "closed" {
		t.Errorf("status after closing: %q", got)
	}
	if got := text(t, ctx, "#clocks"); !strings.Contains(got, "Response") {
		t.Errorf("clocks %q", got)
	}
	tl := text(t, ctx, "#timeline")
	for _, want := range []string{"fuser part 4411 used", "priority P3 → P2", "assigned to alice", "reopened by alice (web admin)", "closed by alice (web admin)"} {
		if !strings.Contains(tl, want) {
			t.Errorf("timeline lacks %q:\n%s", want, tl)
		}
	}
}
