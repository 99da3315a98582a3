package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// initDir writes a fresh configuration in a temporary directory.
func initDir(t testing.TB) (cfg string) {
	t.Helper()
	dir := t.TempDir()
	cfg = filepath.Join(dir, "ticketgate.toml")
	if _, errOut, code := cli(t, "", nil, "init", "--config", cfg); code != 0 {
		t.Fatalf("init: %s", errOut)
	}
	return cfg
}

func TestInitCheckIngestShow(t *testing.T) {
	cfg := initDir(t)
	if _, _, code := cli(t, "", nil, "init", "--config", cfg); code == 0 {
		t.Error("init overwrote an existing file")
	}
	out, errOut, code := cli(t, "", nil, "check", "--config", cfg)
	if code != 0 || !strings.Contains(out, "mailbox oncall: oncall@helpdesk.example.com, prefix OC, priority P1") {
		t.Fatalf("check (%d): %s %s", code, out, errOut)
	}

	mail := "From: Jane Doe <jane@customer.example>\r\nTo: support@helpdesk.example.com\r\nCc: bob@customer.example\r\n" +
		"Subject: Caisse en panne\r\nMessage-ID: <cli-1@customer.example>\r\nDate: Fri, 20 Nov 2026 16:00:00 +0100\r\n\r\nPlus rien ne fonctionne.\r\n"
	out, errOut, code = cli(t, mail, map[string]string{"TICKETGATE_CONFIG": cfg}, "ingest")
	if code != 0 || !strings.Contains(out, "created\tSUP-") {
		t.Fatalf("ingest (%d): %s %s", code, out, errOut)
	}
	ref := strings.TrimSpace(strings.Split(out, "\t")[2])

	out, _, code = cli(t, "", nil, "tickets", "list", "--config", cfg, "--json", "--status", "new")
	var list []map[string]any
	if code != 0 || json.Unmarshal([]byte(out), &list) != nil || len(list) != 1 {
		t.Fatalf("list (%d): %s", code, out)
	}
	for _, k := range []string{"reference", "mailbox", "status", "priority", "priority_reason", "customer", "subject", "created_at", "flags"} {
		if _, ok := list[0][k]; !ok {
			t.Errorf("list JSON lacks %q", k)
		}
	}
	if list[0]["reference"] != ref || list[0]["priority"] != "P1" || list[0]["priority_reason"] != `"Plus rien ne fonctionne" (nothing works) + "Caisse" (sales)` || list[0]["customer"].(map[string]any)["address"] != "jane@customer.example" {
		t.Errorf("list JSON = %v", list[0])
	}

	out, _, code = cli(t, "", nil, "tickets", "show", "--config", cfg, "--json", ref)
	var show struct {
		Reference string           `json:"reference"`
		Messages  []map[string]any `json:"messages"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &show) != nil || show.Reference != ref || len(show.Messages) != 1 {
		t.Fatalf("show (%d): %s", code, out)
	}
	for _, k := range []string{"direction", "author_kind", "from", "subject", "message_id", "created_at", "text"} {
		if _, ok := show.Messages[0][k]; !ok {
			t.Errorf("message JSON lacks %q", k)
		}
	}
	if show.Messages[0]["text"] != "Plus rien ne fonctionne." || show.Messages[0]["message_id"] != "cli-1@customer.example" {
		t.Errorf("message = %v", show.Messages[0])
	}
	out, _, code = cli(t, "", nil, "tickets", "show", "--config", cfg, ref)
	if code != 0 || !strings.Contains(out, "Timeline:") || !strings.Contains(out, "Plus rien ne fonctionne.") {
		t.Errorf("show text (%d): %s", code, out)
	}
	if _, errOut, code := cli(t, "", nil, "tickets", "show", "--config", cfg, "SUP-1999-000001"); code == 0 || !strings.Contains(errOut, "not found") {
		t.Errorf("missing ticket (%d): %s", code, errOut)
	}
}

func TestIngestTempFailsWithoutConfig(t *testing.T) {
	_, errOut, code := cli(t, "From: a@b.example\r\n\r\nx", nil, "ingest", "--config", filepath.Join(t.TempDir(), "none.toml"))
	if code != exTempFail || !strings.Contains(errOut, "ticketgate init") {
		t.Errorf("exit %d, stderr %q; want %d and a hint", code, errOut, exTempFail)
	}
}

func TestParseJSONOnCorpus(t *testing.T) {
	files, _ := filepath.Glob("../../testdata/parser/*.eml")
	if len(files) < 40 {
		t.Fatalf("%d corpus files", len(files))
	}
	out, errOut, code := cli(t, "", nil, append([]string{"parse", "--json"}, files...)...)
	if code != 0 {
		t.Fatalf("parse exit %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != len(files) {
		t.Fatalf("%d JSON lines for %d files", len(lines), len(files))
	}
	keys := []string{"message_id", "in_reply_to", "references", "date", "from", "reply_to", "to", "cc", "subject", "text",
		"reply", "html", "attachments", "kind", "kind_reason", "bounce", "ticket_refs", "problems"}
	for i, l := range lines {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("%s: %v", files[i], err)
		}
		for _, k := range keys {
			if _, ok := m[k]; !ok {
				t.Errorf("%s: no %q key", files[i], k)
			}
		}
		if _, isList := m["problems"].([]any); !isList {
			t.Errorf("%s: problems is not a list", files[i])
		}
	}
}

func TestParseEmptyInputFails(t *testing.T) {
	empty := filepath.Join(t.TempDir(), "empty.eml")
	os.WriteFile(empty, nil, 0o644)
	_, errOut, code := cli(t, "", nil, "parse", empty)
	if code == 0 || !strings.Contains(errOut, "empty input") {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
	if _, _, code := cli(t, "From: a@b.example\r\n\r\nhi", nil, "parse", "-"); code != 0 {
		t.Errorf("stdin parse exit %d", code)
	}
}

func TestUnknownCommand(t *testing.T) {
	_, errOut, code := cli(t, "", nil, "frobnicate")
	if code != exUsage || !strings.Contains(errOut, `unknown command "frobnicate"`) {
		t.Errorf("exit %d: %s", code, errOut)
	}
}
