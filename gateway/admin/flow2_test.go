package admin_test

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"ticketgate/gateway"
	"ticketgate/notifier/smtpsink"
)

func TestBrowserTemplateEditPreviewRevert(t *testing.T) {
	e := newEnv(t)
	e.addUser("alice", gateway.RoleAdmin, "")
	ref := e.ingest("support", mail("Jane Roe <jane@customer.example>", "Scanner offline", "s1@customer.example", "The scanner is offline."))
	ctx := tab(t)
	e.signIn(t, ctx, "alice")
	step(t, ctx, "open the templates", chromedp.Navigate(e.srv.URL+"/templates"), chromedp.WaitVisible(chromedp.CSS("#tpl-ack-en")),
		chromedp.Click(chromedp.CSS("#tpl-ack-en")), chromedp.WaitVisible(chromedp.CSS("#source")))
	orig := get(t, ctx, "read the source", chromedp.Value(chromedp.CSS("#source")))
	if !strings.HasPrefix(orig, "Subject: ") {
		t.Fatalf("source %q", orig)
	}
	// The live preview follows typing: a draft with an unknown variable
	// shows the error at its line and column without saving.
	bad := strings.Replace(orig, "--- text ---\n", "--- text ---\nHello {{.Nonsense}}\n", 1)
	step(t, ctx, "type a broken draft", typeSource(bad), chromedp.WaitVisible(chromedp.CSS("#tpl-error")))
	if got := text(t, ctx, "#tpl-error"); !strings.Contains(got, "Line 3") || !strings.Contains(got, "Nonsense") {
		t.Errorf("live error %q", got)
	}
	step(t, ctx, "save the broken draft", chromedp.Click(chromedp.CSS("#save")), chromedp.WaitVisible(chromedp.CSS("#err-line")))
	if line := text(t, ctx, "#err-line"); line != "3" {
		t.Errorf("error line %q, want 3", line)
	}
	if col := text(t, ctx, "#err-col"); col == "" || col == "0" {
		t.Errorf("error column %q", col)
	}
	if got := get(t, ctx, "read the kept draft", chromedp.Value(chromedp.CSS("#source"))); !strings.Contains(got, "{{.Nonsense}}") {
		t.Error("the broken draft was not kept in the editor")
	}
	if h, _ := e.gw.TemplateHistory(e.ctx, "ack"); len(h) != 0 {
		t.Fatalf("a broken template was saved: %v", h)
	}
	// The fix, previewed live then with a real ticket, then saved.
	good := strings.Replace(orig, "--- text ---\n", "--- text ---\nWe are on it, {{.CustomerName}}.\n", 1)
	step(t, ctx, "type the fix", typeSource(good), chromedp.WaitNotVisible(chromedp.CSS("#tpl-error")))
	get(t, ctx, "wait for the live preview", chromedp.Poll[bool](`document.getElementById("preview-text").textContent.includes("We are on it, Jane Doe.")`,
		chromedp.WithPollingTimeout(5*time.Second)))
	step(t, ctx, "preview with a real ticket", chromedp.SendKeys(chromedp.CSS("#preview-ticket"), ref),
		chromedp.Click(chromedp.CSS("#preview")), chromedp.WaitVisible(chromedp.CSS(`#preview-ticket[value="`+ref+`"]`)))
	if got := text(t, ctx, "#preview-text"); !strings.Contains(got, "We are on it, Jane") || !strings.Contains(got, ref) {
		t.Errorf("preview with %s:\n%s", ref, got)
	}
	if got := text(t, ctx, "#preview-subject"); !strings.Contains(got, ref) {
		t.Errorf("preview subject %q", got)
	}
	src := get(t, ctx, "read the HTML preview's address", chromedp.AttributeValue(chromedp.CSS("#preview-html"), "src"))
	if !strings.Contains(src.Value, "/previews/") {
		t.Errorf("HTML preview src %q", src.Value)
	}
	step(t, ctx, "save the fix", chromedp.Click(chromedp.CSS("#save")), chromedp.WaitVisible(chromedp.CSS(`#notice[data-kind="saved"]`)))
	cur, err := e.gw.CurrentTemplate(e.ctx, "ack", "en")
	if err != nil || cur.Version != 1 || !strings.Contains(cur.Doc.Text, "We are on it") || !strings.Contains(cur.UpdatedBy, "alice") {
		t.Fatalf("saved template %+v %v", cur, err)
	}
	step(t, ctx, "diff version 1", chromedp.Click(chromedp.CSS("#diff-1")), chromedp.WaitVisible(chromedp.CSS("#diff")))
	if got := text(t, ctx, "#diff .dadd"); !strings.Contains(got, "+ We are on it, {{.CustomerName}}.") {
		t.Errorf("diff addition %q", got)
	}
	step(t, ctx, "revert to the default", chromedp.Submit(chromedp.CSS("#revert-0")), chromedp.WaitVisible(chromedp.CSS(`#notice[data-kind="reverted"]`)))
	cur, err = e.gw.CurrentTemplate(e.ctx, "ack", "en")
	if err != nil || cur.Version != 2 || strings.Contains(cur.Doc.Text, "We are on it") {
		t.Fatalf("after revert: %+v %v", cur, err)
	}
	if got := get(t, ctx, "read the reverted source", chromedp.Value(chromedp.CSS("#source"))); got != orig {
		t.Errorf("editor after revert:\n%s\nwant\n%s", got, orig)
	}
}

func TestBrowserRetryDeadMail(t *testing.T) {
	e := newEnv(t)
	e.addUser("bob", gateway.RoleAgent, "")
	ref := e.ingest("support", mail("Jane Roe <jane@customer.example>", "Badge reader", "b1@customer.example", "The badge reader is dead."))
	// The acknowledgement and the agents' notice die: the server refused them for good.
	rows, err := e.gw.Outbox().Claim(e.ctx, e.clock.Now(), 10)
	if err != nil || len(rows) == 0 {
		t.Fatalf("claim: %v %v", rows, err)
	}
	for _, r := range rows {
		if err := e.gw.Outbox().Dead(e.ctx, r.ID, e.clock.Now(), "550 mailbox unavailable"); err != nil {
			t.Fatal(err)
		}
	}
	sink := e.deliver(t)
	ctx := tab(t)
	e.signIn(t, ctx, "bob")
	id := strconv.FormatInt(rows[0].ID, 10)
	step(t, ctx, "open the dead letters", chromedp.Navigate(e.srv.URL+"/outbox"), chromedp.Click(chromedp.CSS("#tab-dead")),
		chromedp.WaitVisible(chromedp.CSS("#mail-"+id+".status-dead")))
	if got := text(t, ctx, "#mail-"+id+" .lasterror"); !strings.Contains(got, "550") {
		t.Errorf("last error %q", got)
	}
	step(t, ctx, "retry", chromedp.Click(chromedp.CSS("#retry-"+id)), chromedp.WaitVisible(chromedp.CSS(`#notice[data-kind="retry"]`)))
	m := waitMail(t, sink, "the retried mail", func(m smtpsink.Message) bool {
		return strings.Contains(m.Header.Get("Message-Id"), rows[0].Mail.MessageID)
	})
	if !strings.Contains(m.Header.Get("Subject"), ref) {
		t.Errorf("retried mail subject %q", m.Header.Get("Subject"))
	}
	// Once sent, the row says so and offers no retry.
	deadline := time.Now().Add(10 * time.Second)
	for {
		r, err := e.gw.OutboxList(e.ctx, gateway.OutboxFilter{Status: gateway.OutboxSent})
		if err == nil && len(r) > 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the retried mail was never marked sent")
		}
		select { // the row is marked just after the server accepts the mail
		case <-sink.Received():
		case <-time.After(20 * time.Millisecond):
		}
	}
	step(t, ctx, "see it sent", chromedp.Navigate(e.srv.URL+"/outbox?status=sent"), chromedp.WaitVisible(chromedp.CSS("#mail-"+id+".status-sent")),
		chromedp.WaitNotPresent(chromedp.CSS("#retry-"+id)))
	rec, _ := e.gw.TicketRecord(e.ctx, ref)
	var asked bool
	for _, ev := range rec.Events {
		asked = asked || strings.Contains(ev.Detail, "asked by bob (web admin)")
	}
	if !asked {
		t.Error("the timeline does not say bob asked for the retry")
	}
}

// typeSource replaces the editor's text and types one more key, so that
// the page sees an edit as from the keyboard (typing the whole document
// key by key would take seconds).
func typeSource(src string) chromedp.Action[chromedp.Void] {
	last := src[len(src)-1:]
	return chromedp.Steps(chromedp.SetValue(chromedp.CSS("#source"), src[:len(src)-1]),
		chromedp.SendKeys(chromedp.CSS("#source"), last))
}
