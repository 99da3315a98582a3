package parser

import "strings"

// StripDisclaimer removes the legal notice a company's mail server or
// client adds below a message ("CONFIDENTIALITY NOTICE: … if you received
// this e-mail in error, please notify the sender immediately…", "Ce
// message et toutes les pièces jointes sont confidentiels…"). Its words
// ("confidential", "immediately", "in error") would otherwise be read as
// what the customer says, and its language taken for theirs.
//
// The notice is the first paragraph, after the first, that has the shape
// of one: a heading such as "Disclaimer:" at its start, a phrase only
// notices use ("this e-mail and any attachments", "before printing this
// e-mail"), or words of two of its parts (received in error; meant for the
// addressee only; tell the sender, destroy the copies). It and everything
// after it go; a text that is only a notice stays as it is.
func StripDisclaimer(text string) string {
	low := foldLatin(text)
	if !mayHoldDisclaimer(low) {
		return text
	}
	content := false // a paragraph of the customer's came before
	par := -1        // where the current paragraph starts
	for p := 0; p >= 0; {
		l := lineAt(text, p)
		blank := isBlankOrRule(l.s)
		heading := !blank && startsWithHeading(low[l.start:l.start+len(l.s)])
		if par >= 0 && (blank || heading) {
			if content && isDisclaimer(low[par:l.start]) {
				return strings.TrimRight(text[:par], " \t\r\n-_=*~")
			}
			// A greeting ("Bonjour,", "Dear support team,") is not yet
			// what the customer says: the paragraph after it, even one with
			// a notice's words, is theirs.
			content = content || len(strings.Fields(text[par:l.start])) >= 5
			par = -1
		}
		if !blank && par < 0 {
			par = l.start
		}
		p = l.next
	}
	if par >= 0 && content && isDisclaimer(low[par:]) {
		return strings.TrimRight(text[:par], " \t\r\n-_=*~")
	}
	return text
}

// foldLatin lowers ASCII and Latin-1 capitals (É, Ç…) without changing any
// byte offset, so that positions found in it hold in the original.
func foldLatin(s string) string {
	b := []byte(s)
	for i := 0; i < len(b); i++ {
		switch c := b[i]; {
		case 'A' <= c && c <= 'Z':
			b[i] = c + 'a' - 'A'
		case c == 0xC3 && i+1 < len(b) && 0x80 <= b[i+1] && b[i+1] <= 0x9E && b[i+1] != 0x97:
			b[i+1] += 0x20
			i++
		}
	}
	return string(b)
}

// disclaimerWords: a text without any of them has no notice, and costs
// only these scans.
var disclaimerWords = []string{"error", "erreur", "mistake", "mégarde", "megarde", "intended", "destin",
	"exclusi", "disclaimer", "confidential", "environ", "sender", "expéditeur", "expediteur", "attachments", "pièces jointes", "pieces jointes"}

func mayHoldDisclaimer(low string) bool {
	for _, w := range disclaimerWords {
		if strings.Contains(low, w) {
			return true
		}
	}
	return false
}

func isBlankOrRule(l string) bool {
	return strings.Trim(l, " \t\r-_=*~#") == "" // "", "   ", "-----", "____"
}

// Headings that start a notice.
var disclaimerHeadings = []string{"confidentiality notice", "confidentiality note", "confidentiality statement",
	"confidentiality disclaimer", "disclaimer", "legal disclaimer", "privileged and confidential",
	"avis de confidentialité", "avis de confidentialite", "clause de confidentialité", "clause de confidentialite",
	"mention de confidentialité", "mention de confidentialite", "avertissement de confidentialité",
	"avertissement de confidentialite", "avertissement légal", "avertissement legal", "clause de non-responsabilité",
	"clause de non-responsabilite", "confidentialité :", "confidentialite :", "confidentiality:", "confidentialité:", "confidentialite:"}

// startsWithHeading: the heading alone on its line or followed by a colon
// or a dash, so that "Disclaimer on the kiosk is misspelt" stays a mail.
func startsWithHeading(low string) bool {
	low = strings.TrimLeft(low, " \t*-_=#[(")
	for _, h := range disclaimerHeadings {
		if rest, ok := strings.CutPrefix(low, h); ok {
			rest = strings.TrimLeft(rest, " \t*])")
			if rest == "" || strings.IndexByte(":-\r\n", rest[0]) >= 0 || strings.HasPrefix(rest, "—") || strings.HasPrefix(rest, "–") {
				return true
			}
		}
	}
	return false
}

// Phrases no customer writes about their problem.
var disclaimerPhrases = []string{
	"this e-mail and any attachment", "this email and any attachment", "this message and any attachment",
	"this e-mail message and any", "this email message and any", "this communication and any attachment",
	"this e-mail and any files", "this email and any files", "this message and any files",
	"before printing this", "before you print", "think before printing", "environment before printing",
	"ce message et toutes les pièces jointes", "ce message et toutes les pieces jointes",
	"ce message et les pièces jointes", "ce message et les pieces jointes",
	"ce message et ses pièces jointes", "ce message et ses pieces jointes",
	"ce courriel et toutes les pièces jointes", "ce courriel et toutes les pieces jointes",
	"ce courriel et ses pièces jointes", "ce courriel et ses pieces jointes",
	"ce courriel et les pièces jointes", "ce courriel et les pieces jointes",
	"ce message électronique et", "ce message electronique et", "ce courrier électronique et", "ce courrier electronique et",
	"ce mail et ses pièces jointes", "ce mail et ses pieces jointes", "ce mail et les pièces jointes",
	"avant d'imprimer ce", "avant d’imprimer ce", "avant d'imprimer cet", "avant d’imprimer cet", "environnement avant d",
	"environnement avant impression", "n'imprimez ce", "n’imprimez ce",
}

// The parts of a notice; two of them make one.
var disclaimerParts = [][]string{
	// received by mistake
	{"in error", "by mistake", "par erreur", "par mégarde", "par megarde"},
	// meant for the addressee only
	{"intended solely", "intended only", "intended exclusively", "intended recipient", "intended addressee",
		"intended for the exclusive", "intended for the use", "exclusive use of", "sole use of",
		"destiné exclusivement", "destinés exclusivement", "destinée exclusivement", "destinées exclusivement",
		"destine exclusivement", "destines exclusivement", "destinee exclusivement", "destinees exclusivement",
		"usage exclusif", "seul destinataire", "seuls destinataires", "destinataire désigné", "destinataire designe",
		"destinataires désignés", "destinataires designes", "destinataire prévu", "destinataire prevu"},
	// tell the sender, destroy the copies
	{"the sender", "l'expéditeur", "l’expéditeur", "l'expediteur", "l’expediteur", "all copies", "any copies",
		"any copy", "toute copie", "toutes copies", "toutes les copies", "strictly prohibited", "strictement interdite",
		"formellement interdite", "is prohibited", "est interdite"},
	// calls itself confidential and privileged
	{"confidential and privileged", "privileged and confidential", "confidential and may be privileged",
		"legally privileged",
		"confidentiality notice", "disclaimer"},
}

func isDisclaimer(low string) bool {
	if startsWithHeading(low) {
		return true
	}
	for _, p := range disclaimerPhrases {
		if strings.Contains(low, p) {
			return true
		}
	}
	n := 0
	for _, part := range disclaimerParts {
		for _, w := range part {
			if strings.Contains(low, w) {
				n++
				break
			}
		}
	}
	return n >= 2
}
