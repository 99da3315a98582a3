package gateway

import (
	"strings"
	"testing"
)

func TestParseCommands(t *testing.T) {
	for _, tc := range []struct {
		in    string
		verbs string
		args  string
		body  string
		err   string
	}{
		{in: "Hello,\nrestart it.", body: "Hello,\nrestart it."},
		{in: "#resolve\n\nFixed in 2.3.", verbs: "resolve", args: "", body: "Fixed in 2.3."},
		{in: "  #Résolu\nC'est corrigé.", verbs: "resolve", body: "C'est corrigé."},
		{in: "#priorité p2\n#assigner Alex Martin\nOn regarde.", verbs: "priority assign", args: "P2|Alex Martin", body: "On regarde."},
		{in: "#note called the customer, waiting for logs", verbs: "note", args: "called the customer, waiting for logs"},
		{in: "#attente\nPouvez-vous envoyer les journaux ?", verbs: "wait", body: "Pouvez-vous envoyer les journaux ?"},
		{in: "#fermer", verbs: "close"},
		{in: "#rouvrir", verbs: "reopen"},
		{in: "Text first\n#close", body: "Text first\n#close"},
		{in: "#1 is the printer", body: "#1 is the printer"},
		{in: "#reslove\nFixed.", err: `line 1: unknown command "#reslove"`},
		{in: "#priority P0", err: "unknown priority"},
		{in: "#assign", err: "needs a name"},
		{in: "#close now", err: "takes no argument"},
		{in: "#resolve\n#close", err: "contradict each other"},
	} {
		cmds, body, err := ParseCommands(tc.in)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%q: error %v, want %q", tc.in, err, tc.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%q: %v", tc.in, err)
			continue
		}
		var verbs, args []string
		for _, c := range cmds {
			verbs, args = append(verbs, string(c.Verb)), append(args, c.Arg)
		}
		if strings.Join(verbs, " ") != tc.verbs || (tc.args != "" && strings.Join(args, "|") != tc.args) || body != tc.body {
			t.Errorf("%q: verbs %v args %q body %q", tc.in, verbs, args, body)
		}
	}
}

func TestConfirms(t *testing.T) {
	yes := []string{"Merci, c'est résolu !", "yes it works", "Yes, it works now, thanks", "Tout fonctionne, vous pouvez fermer.",
		"C'est bon pour moi, merci", "Problem solved, thank you!", "All good, you can close it."}
	no := []string{"Merci mais ça ne marche toujours pas", "It works but the printer is slow", "ça marche pas",
		"It doesn't work", "Still broken", "", "Thanks", strings.Repeat("it works and here is a long story ", 5)}
	for _, s := range yes {
		if !confirms(s) {
			t.Errorf("confirms(%q) = false", s)
		}
	}
	for _, s := range no {
		if confirms(s) {
			t.Errorf("confirms(%q) = true", s)
		}
	}
}
