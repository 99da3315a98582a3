package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// What agents change is data: the report shows it, export turns it into
// labelled cases that triage eval reads.
func TestTriageReportAndExport(t *testing.T) {
	cfg := initDir(t)
	env := map[string]string{"TICKETGATE_CONFIG": cfg}
	var refs []string
	for i, body := range []string{"Could you change the colour of the header?", "Where do I find the November invoice?"} {
		mail := "From: Jane Doe <jane@customer.example>\r\nTo: support@helpdesk.example.com\r\nSubject: Small thing\r\n" +
			"Message-ID: <learn-" + string(rune('a'+i)) + "@customer.example>\r\n\r\n" + body + "\r\n"
		out, errOut, code := cli(t, mail, env, "ingest")
		if code != 0 {
			t.Fatalf("ingest (%d): %s %s", code, out, errOut)
		}
		refs = append(refs, strings.TrimSpace(strings.Split(out, "\t")[2]))
	}
	if _, errOut, code := cli(t, "", env, "tickets", "priority", "--by", "alex", refs[0], "P1"); code != 0 {
		t.Fatalf("priority: %s", errOut)
	}
	out, errOut, code := cli(t, "", env, "triage", "report", "--json", "--since", "2000-01-01")
	var r triageReportJSON
	if code != 0 || json.Unmarshal([]byte(out), &r) != nil {
		t.Fatalf("triage report (%d): %s %s", code, out, errOut)
	}
	overruled := 0
	for _, l := range r.Levels {
		overruled += l.Overruled
		if l.Overruled == 1 && l.MovedTo["P1"] != 1 {
			t.Errorf("level %+v: the change to P1 is not shown", l)
		}
	}
	if r.Tickets != 2 || overruled != 1 || len(r.Evidence) == 0 {
		t.Errorf("report %+v", r)
	}
	dir := filepath.Join(t.TempDir(), "cases")
	if out, errOut, code := cli(t, "", env, "triage", "export", "--since", "2000-01-01", dir); code != 0 || !strings.Contains(out, "1 overruled") {
		t.Fatalf("triage export (%d): %s %s", code, out, errOut)
	}
	labels, err := os.ReadFile(filepath.Join(dir, "labels-export.tsv"))
	name := strings.ToLower(refs[0]) + ".eml"
	if err != nil || !strings.HasPrefix(string(labels), name+"\tP1\t") {
		t.Fatalf("labels: %q, %v", labels, err)
	}
	if raw, err := os.ReadFile(filepath.Join(dir, name)); err != nil || !strings.Contains(string(raw), "colour of the header") {
		t.Errorf("exported mail: %v", err)
	}
	// The cases are in the corpus format: eval reads them.
	out, errOut, _ = cli(t, "", nil, "triage", "eval", "--json", dir)
	var ev struct {
		Cases int `json:"cases"`
	}
	if err := json.Unmarshal([]byte(out), &ev); err != nil || ev.Cases != 1 {
		t.Errorf("eval of the exported cases: %v %s %s", err, out, errOut)
	}
}
