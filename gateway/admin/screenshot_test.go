package admin_test

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"

	"ticketgate/gateway"
)

var screenshots = flag.Bool("screenshots", false, "rewrite the screenshots of docs/admin-*.png")

// TestScreenshots renders the main pages for the README. It writes files
// only with -screenshots; without it, it still renders every page and
// checks each gives an image.
func TestScreenshots(t *testing.T) {
	e := newEnv(t)
	e.addUser("alice", gateway.RoleAdmin, "")
	e.ingest("support", mail("Jane Roe <jane@customer.example>", "Printer on floor 3 jams on every invoice", "p1@customer.example",
		"Hello,\n\nthe printer on floor 3 jams on every invoice since Monday. We restarted it twice.\n\nJane"))
	e.ingest("support", mail("Paul Martin <paul@other.example>", "VPN refuses my certificate", "v1@other.example",
		"Since this morning's update the VPN refuses my certificate."))
	ref := e.ingest("sales", mail("Marie Dupont <marie@client.example>", "Demande de devis pour 40 licences", "d1@client.example",
		"Bonjour,\n\npourriez-vous m'envoyer un devis pour 40 licences ?\n\nMerci,\nMarie"))
	if _, err := e.gw.ActAs(e.ctx, ref, "alice (web admin)", "alice", []gateway.Command{{Verb: gateway.VerbNote}}, "Asked sales for the volume price."); err != nil {
		t.Fatal(err)
	}
	ctx := tab(t)
	e.signIn(t, ctx, "alice")
	for _, p := range []struct{ file, path, wait string }{
		{"admin-tickets.png", "/tickets", "#tickets"},
		{"admin-ticket.png", "/tickets/" + ref, "#timeline"},
		{"admin-template.png", "/templates/ack/en", "#preview-pane"},
		{"admin-outbox.png", "/outbox", "#outbox"},
	} {
		step(t, ctx, "open "+p.path, chromedp.Navigate(e.srv.URL+p.path), chromedp.WaitVisible(chromedp.CSS(p.wait)))
		png := get(t, ctx, "screenshot "+p.path, chromedp.FullScreenshot(100))
		if len(png) < 1000 {
			t.Fatalf("%s: a %d-byte screenshot", p.path, len(png))
		}
		if *screenshots {
			if err := os.WriteFile(filepath.Join("..", "..", "docs", p.file), png, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}
