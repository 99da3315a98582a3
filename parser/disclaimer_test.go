package parser

import (
	"strings"
	"testing"
)

func TestStripDisclaimer(t *testing.T) {
	for _, tt := range []struct{ name, in, want string }{
		{"english notice after the signature",
			"Hello,\n\nNone of us can log in since yesterday, the page just reloads.\n\nRegards,\nTom\n\nCONFIDENTIALITY NOTICE: This e-mail is confidential. If you have received it in error, please notify the sender immediately and delete it.",
			"Hello,\n\nNone of us can log in since yesterday, the page just reloads.\n\nRegards,\nTom"},
		{"french notice below a rule",
			"Bonjour,\n\nLe rapport des ventes de novembre ne sort plus depuis la mise à jour.\n\nCordialement,\nMarie\n______________________\nCe message et toutes les pièces jointes sont confidentiels et établis à l'intention exclusive de ses destinataires. Si vous l'avez reçu par erreur, merci d'en avertir immédiatement l'expéditeur.",
			"Bonjour,\n\nLe rapport des ventes de novembre ne sort plus depuis la mise à jour.\n\nCordialement,\nMarie"},
		{"heading right under the text",
			"Hi team, the badge printer at the front desk prints blank badges since this morning.\nDisclaimer: the information in this message is intended solely for the addressee.",
			"Hi team, the badge printer at the front desk prints blank badges since this morning."},
		{"capitals",
			"Bonjour, un seul terminal refuse les cartes depuis ce matin, les autres vont bien.\n\nCE MESSAGE ET TOUTES LES PIÈCES JOINTES SONT CONFIDENTIELS.",
			"Bonjour, un seul terminal refuse les cartes depuis ce matin, les autres vont bien."},
		{"two parts without a heading",
			"Good morning, the kiosk in the lobby shows the wrong logo since the update.\n\nThis message is meant for the intended recipient only. If you got it by mistake, please destroy all copies.",
			"Good morning, the kiosk in the lobby shows the wrong logo since the update."},
		{"print reminder",
			"Could you tell us how to export the attendance list of a course?\n\nThanks\nAnna\n\nPlease consider the environment before printing this email.",
			"Could you tell us how to export the attendance list of a course?\n\nThanks\nAnna"},
		{"a complaint about data sent by mistake is the customer's",
			"Bonjour,\n\nVotre borne a envoyé par erreur la liste de nos visiteurs à un autre client : ces données sont confidentielles et ne devaient être vues que par nous, seul destinataire prévu.\n\nMerci de nous rappeler.",
			"Bonjour,\n\nVotre borne a envoyé par erreur la liste de nos visiteurs à un autre client : ces données sont confidentielles et ne devaient être vues que par nous, seul destinataire prévu.\n\nMerci de nous rappeler."},
		{"the word disclaimer in a sentence",
			"Hello, a question about the kiosk.\n\nDisclaimer text on the sign-in screen has a typo in the second line, could you fix it?",
			"Hello, a question about the kiosk.\n\nDisclaimer text on the sign-in screen has a typo in the second line, could you fix it?"},
		{"only a notice", "CONFIDENTIALITY NOTICE: if you received this in error, notify the sender.",
			"CONFIDENTIALITY NOTICE: if you received this in error, notify the sender."},
		{"no notice", "Tous nos écrans de salle sont noirs.\n\nMerci", "Tous nos écrans de salle sont noirs.\n\nMerci"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := StripDisclaimer(tt.in); got != tt.want {
				t.Errorf("StripDisclaimer:\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestFoldLatinKeepsOffsets(t *testing.T) {
	for _, s := range []string{"ÉCRAN Ça MARCHE", "İstanbul ÀÉÎÕÜ×Þ", "\xc3", "ABC\xc3\x9fz"} {
		got := foldLatin(s)
		if len(got) != len(s) {
			t.Errorf("foldLatin(%q) = %q: length changed", s, got)
		}
	}
	if got := foldLatin("ÉCRAN ÇA × Z"); got != "écran ça × z" {
		t.Errorf("foldLatin = %q", got)
	}
}

func FuzzStripDisclaimer(f *testing.F) {
	f.Add("Hi, it is broken for everyone today.\n\nDISCLAIMER: intended only for the recipient; notify the sender.")
	f.Add("Bonjour,\n\nCe message et toutes les pièces jointes sont confidentiels.\n\nx")
	f.Fuzz(func(t *testing.T, s string) {
		out := StripDisclaimer(s)
		if !strings.HasPrefix(s, out) {
			t.Fatalf("StripDisclaimer(%q) = %q, not a prefix", s, out)
		}
		if again := StripDisclaimer(out); again != out {
			t.Fatalf("not idempotent: %q then %q", out, again)
		}
	})
}
