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

func TestReadReply(t *testing.T) {
	for _, c := range []struct {
		text string
		want replyShape
	}{
		{"Merci, c'est résolu !", replyConfirms},
		{"yes it works", replyConfirms},
		{"Yes, it works now, thanks", replyConfirms},
		{"Tout fonctionne, vous pouvez fermer.", replyConfirms},
		{"C'est bon pour moi, merci", replyConfirms},
		{"Problem solved, thank you!", replyConfirms},
		{"All good, you can close it.", replyConfirms},
		{"Merci beaucoup !", replyConfirms},
		{"Thanks!", replyConfirms},
		{"merci encore pour votre aide", replyConfirms},
		{"Parfait, merci.\n\nCordialement,\nMarie Dupont\nAccueil - 01 23 45 67 89\nSociété Exemple, 12 rue de la Paix", replyConfirms},
		{"Super merci\n--\nJean, responsable de caisse, Magasin du Port, ne pas imprimer ce courriel", replyConfirms},
		{"Merci mais ça ne marche toujours pas", replyReopens},
		{"It works but the printer is slow", replyReopens},
		{"ça marche pas", replyReopens},
		{"ça marche plus depuis ce matin", replyReopens},
		{"It doesn't work", replyReopens},
		{"Still broken", replyReopens},
		{"", replyReopens},
		{"Thanks. Another question: how do I export the badges?", replyReopens},
		{"Merci. Par contre, pouvez-vous aussi changer le logo ?", replyReopens},
		{"Merci. Par contre pourriez-vous changer le logo", replyReopens},
		{"Thanks, could you also add a column for the till number", replyReopens},
		{"Parfait, merci pour la réactivité", replyConfirms},
		{"Thanks, that was quick", replyConfirms},
		{"The top of the screen is cut", replyReopens},
		{"Super, the screen is still black", replyReopens},
		{"Great", replyReopens},
		{"Thanks, but the receipts print blank again.", replyReopens},
		{"Merci, malheureusement l'écran reste noir.", replyReopens},
		{strings.Repeat("it works and here is a long story ", 5), replyReopens},
		{"Thanks, I'll test tomorrow and let you know.", replyPending},
		{"Merci, je teste demain et je vous tiens au courant", replyPending},
		{"Thanks, will try but it still crashes", replyReopens},
	} {
		if got := readReply(c.text); got != c.want {
			t.Errorf("readReply(%q) = %d, want %d", c.text, got, c.want)
		}
	}
}
