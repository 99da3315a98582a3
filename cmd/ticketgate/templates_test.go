package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"ticketgate/templates"
)

func TestTemplatesCommands(t *testing.T) {
	cfg := initDir(t)
	env := map[string]string{"TICKETGATE_CONFIG": cfg}

	out, _, code := cli(t, "", env, "templates", "list")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != 0 || len(lines) != len(templates.Names()) || !strings.HasPrefix(lines[0], "ack ") || !strings.Contains(out, "en: default; fr: default") {
		t.Fatalf("templates list (%d):\n%s", code, out)
	}
	out, _, code = cli(t, "", env, "templates", "show", "ack", "--lang", "fr")
	if code != 0 || !strings.HasPrefix(out, "Subject: [{{.Reference}}]") || !strings.Contains(out, "--- html ---") {
		t.Fatalf("templates show (%d):\n%s", code, out)
	}

	// A bad edit is refused with its position, and nothing is stored.
	bad := filepath.Join(t.TempDir(), "bad.tmpl")
	os.WriteFile(bad, []byte("Subject: [{{.Reference}}] ok\n--- text ---\nHello {{.Nmae}}\n--- html ---\n<p>x</p>\n"), 0o600)
	_, errOut, code := cli(t, "", env, "templates", "set", "ack", "--lang", "fr", "--file", bad)
	if code != exDataErr || !strings.Contains(errOut, "line 3, column 9") || !strings.Contains(errOut, `unknown variable ".Nmae"`) {
		t.Errorf("bad edit (%d): %s", code, errOut)
	}
	if out, _, _ := cli(t, "", env, "templates", "history", "ack"); strings.Count(out, "\n") != 3 {
		t.Errorf("history after a refused edit:\n%s", out)
	}

	// A good edit from standard input becomes version 1 and is used.
	good := "Subject: [{{.Reference}}] Bien reçu\n--- text ---\nBonjour {{.CustomerName}}, votre demande est la {{.Reference}}.\n--- html ---\n<p>Bonjour {{.CustomerName}}</p>\n"
	out, errOut, code = cli(t, good, env, "templates", "set", "ack", "--lang", "fr", "--file", "-")
	if code != 0 || !strings.Contains(out, "version 1") {
		t.Fatalf("set (%d): %s %s", code, out, errOut)
	}
	out, _, code = cli(t, "", env, "templates", "preview", "ack", "--lang", "fr")
	if code != 0 || !strings.Contains(out, "Subject: [SUP-2026-000123] Bien reçu") || !strings.Contains(out, "Bonjour Marie Dupont, votre demande est la SUP-2026-000123.") {
		t.Errorf("preview (%d):\n%s", code, out)
	}
	cli(t, "From: Lucie <lucie@client.example>\nTo: support@helpdesk.example.com\nSubject: Bonjour\nMessage-ID: <tpl-1@client.example>\n\nBonjour, la caisse ne fonctionne plus depuis ce matin.\n", env, "ingest")
	out, _, code = cli(t, "", env, "templates", "preview", "ack", "--lang", "fr", "--ticket", "SUP-2026-000001")
	if code != 0 || !strings.Contains(out, "Bonjour Lucie, votre demande est la SUP-2026-000001.") {
		t.Errorf("preview with a ticket (%d):\n%s", code, out)
	}
	out, _, _ = cli(t, "", env, "outbox", "list", "--json")
	var rows []outboxJSON
	if err := json.Unmarshal([]byte(out), &rows); err != nil || len(rows) != 1 || rows[0].Subject != "[SUP-2026-000001] Bien reçu" ||
		rows[0].Kind != "ack" || rows[0].To != "lucie@client.example" || rows[0].Status != "pending" || rows[0].MessageID == "" {
		t.Errorf("outbox after ingest: %s", out)
	}

	// $EDITOR: a script appends a line; the edit is saved as version 2.
	editor := filepath.Join(t.TempDir(), "editor.sh")
	os.WriteFile(editor, []byte("#!/bin/sh\nprintf '<p>Merci.</p>\\n' >> \"$1\"\n"), 0o700)
	env["EDITOR"] = editor
	out, errOut, code = cli(t, "", env, "templates", "edit", "ack", "--lang", "fr")
	if code != 0 || !strings.Contains(out, "version 2") {
		t.Fatalf("edit (%d): %s %s", code, out, errOut)
	}
	if out, _, _ := cli(t, "", env, "templates", "show", "ack", "--lang", "fr"); !strings.HasSuffix(out, "<p>Merci.</p>\n") {
		t.Errorf("edited template:\n%s", out)
	}
	out, _, _ = cli(t, "", env, "templates", "history", "ack")
	if !strings.Contains(out, "Bien reçu") || strings.Count(out, "\n") != 5 {
		t.Errorf("history:\n%s", out)
	}
	// Back to the default, as version 3.
	out, _, code = cli(t, "", env, "templates", "revert", "ack", "--lang", "fr", "--version", "0")
	if code != 0 || !strings.Contains(out, "saved as version 3") {
		t.Errorf("revert (%d): %s", code, out)
	}
	if out, _, _ := cli(t, "", env, "templates", "list"); !strings.Contains(out, "fr: version 3") {
		t.Errorf("list after revert:\n%s", out)
	}
	if _, errOut, code := cli(t, "", env, "templates", "show", "nope"); code != exUsage || !strings.Contains(errOut, `no template "nope"`) {
		t.Errorf("unknown template (%d): %s", code, errOut)
	}
}

func TestDemoOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("runs servers")
	}
	dir := t.TempDir()
	out, errOut, code := cli(t, "", nil, "demo", "--once", "--dir", dir)
	if code != 0 {
		t.Fatalf("demo (%d):\n%s\n%s", code, out, errOut)
	}
	for _, want := range []string{
		"ticket SUP-2026-000001 opened", "ticket OC-2026-000001 opened", "P1 critical",
		"→ mail to marie.dupont@client.example", "Bonjour Marie Dupont", "→ mail to tom.baker@shop.example",
		"Auto-Submitted: auto-replied", "recorded without a ticket", "demo finished: 6 outgoing mails captured",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("demo output lacks %q:\n%s", want, out)
		}
	}
	// The demo's database is a normal one.
	out, _, code = cli(t, "", nil, "tickets", "list", "--config", filepath.Join(dir, "ticketgate.toml"), "--json")
	var ts []ticketJSON
	if code != 0 || json.Unmarshal([]byte(out), &ts) != nil || len(ts) != 3 {
		t.Errorf("tickets after the demo (%d): %s", code, out)
	}
}
