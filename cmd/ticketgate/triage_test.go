package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// labelledDir writes a small labelled corpus: an outage, a question and a
// cosmetic request the classifier cannot know is urgent.
func labelledDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"fr-outage.eml":   "From: a@shop.example\r\nSubject: caisses\r\n\r\nAucune de nos caisses ne peut encaisser depuis 9h, tout le magasin est bloqué.\r\n",
		"en-question.eml": "From: b@shop.example\r\nSubject: Invoice\r\n\r\nWhere can I find the November invoice?\r\n",
		"en-colour.eml":   "From: c@shop.example\r\nSubject: Header\r\n\r\nCould you change the colour of the header?\r\n",
		"labels-x.tsv":    "file\taccepted\tnote\nfr-outage.eml\tP1\tall tills\nen-question.eml\tP5\tinvoice\n",
		"labels-y.tsv":    "en-colour.eml\tP1\tlabelled P1 on purpose: a miss\n",
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestTriageEval(t *testing.T) {
	dir := labelledDir(t)
	out, errOut, code := cli(t, "", nil, "triage", "eval", dir)
	if code != 0 {
		t.Fatalf("eval (%d): %s", code, errOut)
	}
	for _, want := range []string{
		"cases      3", "accuracy   0.667 (2 right)", "false alarms 0 of 1 P4/P5 cases",
		"P1     0.500", "confusion (rows expected, columns got)",
		"en-colour.eml  expected P1, got P4: ", `"Could you change" (change request)`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("eval output lacks %q:\n%s", want, out)
		}
	}
	out, errOut, code = cli(t, "", nil, "triage", "eval", "--json", dir)
	if code != 0 {
		t.Fatalf("eval --json (%d): %s", code, errOut)
	}
	var rep struct {
		Cases     int
		Right     int
		Accuracy  float64
		Confusion [5][5]int
		Misses    []struct{ File, Expected, Got, Reason string }
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("eval --json: %v\n%s", err, out)
	}
	if rep.Cases != 3 || rep.Right != 2 || rep.Confusion[0][0] != 1 || rep.Confusion[0][3] != 1 || rep.Confusion[4][4] != 1 ||
		len(rep.Misses) != 1 || rep.Misses[0].File != "en-colour.eml" || rep.Misses[0].Got != "P4" {
		t.Errorf("eval --json: %+v", rep)
	}
}

func TestTriageEvalErrors(t *testing.T) {
	for _, c := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"triage"}, exUsage, "no subcommand"},
		{[]string{"triage", "frob"}, exUsage, `unknown subcommand "frob"`},
		{[]string{"triage", "eval"}, exUsage, "give one directory"},
		{[]string{"triage", "eval", t.TempDir()}, exDataErr, "no labelled cases"},
		{[]string{"triage", "eval", "--mailbox", "nope", t.TempDir()}, exUsage, `unknown mailbox "nope"`},
		{[]string{"triage", "explain"}, exUsage, "give one file"},
		{[]string{"triage", "explain", filepath.Join(t.TempDir(), "missing.eml")}, exNoInputTriage, "no such file"},
	} {
		_, errOut, code := cli(t, "", nil, c.args...)
		if code != c.code || !strings.Contains(errOut, c.msg) {
			t.Errorf("%v: exit %d %q, want %d and %q", c.args, code, errOut, c.code, c.msg)
		}
	}
}

func TestTriageExplain(t *testing.T) {
	mail := "From: a@shop.example\r\nSubject: Question\r\n\r\n" +
		"Bonjour, si jamais la billetterie tombe en panne pendant le festival, quelle est la procédure ?\r\n"
	out, errOut, code := cli(t, mail, nil, "triage", "explain", "-")
	if code != 0 {
		t.Fatalf("explain (%d): %s", code, errOut)
	}
	for _, want := range []string{"priority   P5 information, because", `"en panne" in body (hypothetical)`, "- breakage"} {
		if !strings.Contains(out, want) {
			t.Errorf("explain output lacks %q:\n%s", want, out)
		}
	}
	dir := labelledDir(t)
	out, errOut, code = cli(t, "", nil, "triage", "explain", "--json", filepath.Join(dir, "fr-outage.eml"))
	if code != 0 {
		t.Fatalf("explain --json (%d): %s", code, errOut)
	}
	var v struct {
		Priority string
		Reason   string
		Evidence []struct {
			Kind, Concept, Text, Where string
			Used                       bool
		}
	}
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatalf("explain --json: %v\n%s", err, out)
	}
	used := map[string]bool{}
	for _, e := range v.Evidence {
		if e.Used {
			used[e.Kind+" "+e.Text] = true
		}
	}
	if v.Priority != "P1" || !used["scope Aucune de nos caisses"] || !strings.Contains(v.Reason, `scope "Aucune de nos caisses"`) {
		t.Errorf("explain --json: %+v", v)
	}
	// The on-call mailbox is P1 whatever the mail says, and says so.
	out, _, code = cli(t, "", nil, "triage", "explain", "--mailbox", "oncall", filepath.Join(dir, "en-question.eml"))
	if code != 0 || !strings.Contains(out, "priority   P1 critical, because mailbox oncall") {
		t.Errorf("explain --mailbox oncall (%d): %s", code, out)
	}
}
