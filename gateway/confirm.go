package gateway

import "strings"

// replyShape is what a customer's answer to a resolved or closed ticket
// means, read the way a person reads it.
type replyShape int

const (
	// replyReopens: a new problem, a question, a negation, or anything
	// not plainly a thank-you: a person must read it.
	replyReopens replyShape = iota
	// replyConfirms: a thank-you or a "it works" with nothing else.
	replyConfirms
	// replyPending: thanks, and they will try and say: no change yet.
	replyPending
)

// thanksPhrases are thank-yous and confirmations, folded. Longest first,
// so that "merci beaucoup" is taken whole before "merci".
var thanksPhrases = []string{
	"c est resolu", "c est regle", "c est bon", "c est parfait", "c est ok", "probleme resolu", "probleme regle",
	"ca marche", "ca fonctionne", "ca remarche", "ca refonctionne", "tout fonctionne", "tout marche", "tout est ok",
	"tout est rentre dans l ordre", "vous pouvez fermer", "vous pouvez cloturer", "vous pouvez clore",
	"merci beaucoup", "merci bien", "merci infiniment", "mille mercis", "merci encore", "encore merci",
	"merci pour votre aide", "merci pour tout", "merci a vous", "merci de votre aide", "un grand merci",
	"it works", "it s working", "works now", "working now", "working again", "problem solved", "problem resolved",
	"issue solved", "issue resolved", "all good", "all sorted", "sorted now", "you can close", "please close",
	"that fixed it", "that did it", "that did the trick", "thank you very much", "thank you so much", "thanks a lot",
	"thanks again", "many thanks", "thank you", "thanks", "thx", "merci", "parfait", "perfect", "nickel",
	"impeccable",
}

// problemWords turn an answer into something a person must read: a
// negation, something still wrong, a new request.
var problemWords = map[string]bool{
	"pas": true, "plus": true, "ne": true, "n": true, "toujours": true, "encore": true, "mais": true, "sauf": true,
	"jamais": true, "aucun": true, "aucune": true, "rien": true, "probleme": true, "erreur": true, "bug": true,
	"panne": true, "bloque": true, "impossible": true, "autre": true, "nouveau": true, "nouvelle": true,
	"not": true, "no": true, "t": true, "still": true, "but": true, "except": true, "cannot": true, "never": true,
	"again": true, "problem": true, "error": true, "issue": true, "broken": true, "another": true, "however": true,
	"unfortunately": true, "malheureusement": true, "cependant": true, "pourtant": true, "new": true,
	// Something still looks wrong.
	"cut": true, "coupe": true, "blank": true, "vide": true, "blanc": true, "noir": true, "black": true,
	"crash": true, "crashes": true, "slow": true, "lent": true, "lente": true, "down": true, "fail": true,
	"fails": true, "failed": true, "echec": true, "wrong": true, "faux": true, "incorrect": true,
	// A request rides on the thanks.
	"pouvez": true, "pourriez": true, "pourrait": true, "pourrions": true, "aussi": true, "contre": true,
	"question": true, "demande": true, "besoin": true, "please": true, "could": true, "would": true, "can": true,
	"also": true, "need": true, "want": true, "voudrais": true, "souhaite": true, "souhaiterais": true,
}

// pendingWords say the customer will check first.
var pendingWords = []string{
	"je teste", "je vais tester", "nous allons tester", "on va tester", "je vais essayer", "je vous tiens au courant",
	"je reviens vers vous", "nous revenons vers vous", "je vous redis", "je vous dirai", "je confirme demain",
	"will test", "will try", "i ll test", "i ll try", "we ll test", "let you know", "keep you posted", "get back to you",
	"will confirm", "i ll confirm",
}

// closings end the message proper: what follows is a signature.
var closings = []string{"cordialement", "bien cordialement", "bien a vous", "salutations", "regards", "best regards",
	"kind regards", "best", "sent from my", "envoye de mon", "sincerely"}

// readReply reads a customer's answer to a resolution.
func readReply(text string) replyShape {
	body := messageProper(text)
	if strings.Contains(body, "?") {
		return replyReopens // a question wants an answer
	}
	f := " " + Fold(body) + " "
	words := strings.Fields(f)
	if len(words) == 0 || len(words) > 40 {
		return replyReopens
	}
	pending := false
	for _, p := range pendingWords {
		if strings.Contains(f, " "+p+" ") {
			pending = true
			f = strings.ReplaceAll(f, " "+p+" ", " ")
		}
	}
	// What is left once the thank-yous are taken out must hold no sign of
	// a problem, and little else.
	found := false
	for _, p := range thanksPhrases {
		if strings.Contains(f, " "+p+" ") {
			found = true
			f = strings.ReplaceAll(f, " "+p+" ", " ")
		}
	}
	rest := strings.Fields(f)
	for _, w := range rest {
		if problemWords[w] {
			return replyReopens
		}
	}
	switch {
	case pending:
		return replyPending
	case found && len(rest) <= 8:
		return replyConfirms
	}
	return replyReopens
}

// messageProper is the text before the signature.
func messageProper(text string) string {
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		t := strings.TrimSpace(l)
		if t == "--" || t == "-- " || strings.HasPrefix(t, "__") {
			return strings.Join(lines[:i], "\n")
		}
		ft := Fold(t)
		for _, c := range closings {
			if ft == c || strings.HasPrefix(ft, c+" ") && len(strings.Fields(ft)) <= 4 {
				return strings.Join(lines[:i], "\n")
			}
		}
	}
	return text
}

// confirms reports whether a customer's reply plainly says the problem
// is solved (or only thanks us).
func confirms(text string) bool { return readReply(text) == replyConfirms }
