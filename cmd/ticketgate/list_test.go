package main

import (
	"encoding/json"
	"fmt"
	"regexp"
	"testing"
)

var cursorLine = regexp.MustCompile(`--cursor (\d+)`)

// TestListingsPage walks tickets list and outbox list page by page: newest
// first, every row once, and a cursor only while more remain.
func TestListingsPage(t *testing.T) {
	cfg := initDir(t)
	env := map[string]string{"TICKETGATE_CONFIG": cfg}
	const n = 7
	for i := range n {
		mail := fmt.Sprintf("From: c%d@customer.example\r\nTo: support@helpdesk.example.com\r\nSubject: Question %d\r\n"+
			"Message-ID: <page-%d@customer.example>\r\nDate: Fri, 20 Nov 2026 16:00:00 +0100\r\n\r\nHello.\r\n", i, i, i)
		if out, errOut, code := cli(t, mail, env, "ingest"); code != 0 {
			t.Fatalf("ingest %d (%d): %s %s", i, code, out, errOut)
		}
	}
	for _, what := range []string{"tickets", "outbox"} {
		var seen []string
		args := []string{what, "list", "--json", "--limit", "3"}
		for page := 0; ; page++ {
			out, errOut, code := cli(t, "", env, args...)
			var rows []map[string]any
			if code != 0 || json.Unmarshal([]byte(out), &rows) != nil {
				t.Fatalf("%s page %d (%d): %s %s", what, page, code, out, errOut)
			}
			if len(rows) > 3 {
				t.Fatalf("%s page %d has %d rows, over the limit", what, page, len(rows))
			}
			for _, r := range rows {
				key := fmt.Sprint(r["reference"], r["id"])
				for _, s := range seen {
					if s == key {
						t.Fatalf("%s: %s listed twice", what, key)
					}
				}
				seen = append(seen, key)
			}
			m := cursorLine.FindStringSubmatch(errOut)
			if m == nil {
				break
			}
			args = []string{what, "list", "--json", "--limit", "3", "--cursor", m[1]}
		}
		// Every mail made a ticket and its acknowledgement.
		if len(seen) != n {
			t.Fatalf("%s: %d rows over all pages, want %d: %v", what, len(seen), n, seen)
		}
		if what == "tickets" && (seen[0] != "SUP-2026-000007<nil>" || seen[n-1] != "SUP-2026-000001<nil>") {
			t.Errorf("tickets not newest first: %v", seen)
		}
	}
	out, _, code := cli(t, "", env, "tickets", "list", "--limit", "-1")
	if code == 0 {
		t.Errorf("negative limit accepted: %s", out)
	}
}
