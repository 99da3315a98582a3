package parser

import "testing"

var stripReplyTests = []struct {
	name, in, want string
}{
	{"not a reply", "Hello,\n\nThe printer is down.\n", "Hello,\n\nThe printer is down."},
	{"gmail en", "Still broken.\n\nOn Mon, 16 Nov 2026 at 10:02, Jane Doe <jane@example.org> wrote:\n> Did you restart it?\n> \n", "Still broken."},
	{"gmail wrapped attribution", "Yes it works now.\n\nOn Mon, 16 Nov 2026 at 10:02, Support Team\n<support@helpdesk.example.com> wrote:\n\n> Please try again.\n", "Yes it works now."},
	{"gmail fr", "Toujours en panne.\n\nLe lun. 16 nov. 2026 à 10:02, Jean Dupont <jean@example.fr> a écrit :\n> Avez-vous redémarré ?\n", "Toujours en panne."},
	{"thunderbird fr", "Merci, c'est résolu.\n\nLe 16/11/2026 à 10:02, Support a écrit :\n> Bonjour,\n", "Merci, c'est résolu."},
	{"apple", "Done.\n\nSent from my iPhone\n\n> On 16 Nov 2026, at 10:02, Support <s@example.com> wrote:\n>\n> Hi\n", "Done."},
	{"bare wrote with quote", "Agreed.\n\nJane Doe wrote:\n> earlier text\n", "Agreed."},
	{"wrote without quote is prose", "Jane wrote:\nthe report is attached.", "Jane wrote:\nthe report is attached."},
	{"outlook original message", "See below.\n\n-----Original Message-----\nFrom: Support\nSent: Monday\nSubject: x\n\nold", "See below."},
	{"outlook fr block", "Bonjour,\nC'est réparé.\n\n________________________________\nDe : Support <support@example.com>\nEnvoyé : lundi 16 novembre 2026 10:02\nÀ : Jean\nObjet : RE: panne\n\nancien texte", "Bonjour,\nC'est réparé."},
	{"outlook en block bold", "Thanks\n\n*From:* Support <s@example.com>\n*Sent:* Monday, November 16, 2026 10:02 AM\n*To:* Jane\n*Subject:* printer\n\nold", "Thanks"},
	{"from line alone is content", "From: the accounting team\nwe need a new invoice.", "From: the accounting team\nwe need a new invoice."},
	{"message d'origine", "Voici.\n-----Message d'origine-----\nDe : x", "Voici."},
	{"signature", "Please call me.\n\n-- \nJane Doe\nACME", "Please call me."},
	{"signature without space", "Please call me.\n--\nJane", "Please call me."},
	{"interleaved quotes", "> Which version?\n4.2\n> Which OS?\nLinux", "4.2\nLinux"},
	{"french mobile", "Ok merci\n\nEnvoyé de mon iPhone", "Ok merci"},
	{"le at start is prose", "Le serveur ne répond plus.\nMerci de regarder.", "Le serveur ne répond plus.\nMerci de regarder."},
	{"only quote", "On Mon, 16 Nov 2026, Jane wrote:\n> hi", ""},
	{"bottom post", "On 16/11/2026 10:02, Support wrote:\n> Which version?\n\nVersion 4.12.\n\nVictor", "Version 4.12.\n\nVictor"},
	{"inline forward is content", "Hi team,\nsee below.\n\n---------- Forwarded message ---------\nFrom: Vendor <v@example.com>\nDate: Mon, 16 Nov 2026\nSubject: Licence\nTo: me\n\nYour licence expires.", "Hi team,\nsee below.\n\n---------- Forwarded message ---------\nFrom: Vendor <v@example.com>\nDate: Mon, 16 Nov 2026\nSubject: Licence\nTo: me\n\nYour licence expires."},
	{"bounce copy", "Delivery failed:\n  a@example.net\n\n------ This is a copy of the message, including all the headers. ------\nReturn-path: <>\nFrom: x", "Delivery failed:\n  a@example.net"},
	{"forward without comment is all history", "-----Original Message-----\nFrom: x\n\nold text", ""},
	{"crlf", "Fine.\r\n\r\nOn Tue, Bob <b@example.com> wrote:\r\n> x\r\n", "Fine."},
}

func TestStripReply(t *testing.T) {
	for _, tt := range stripReplyTests {
		t.Run(tt.name, func(t *testing.T) {
			if got := StripReply(tt.in); got != tt.want {
				t.Errorf("StripReply(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestUnflow(t *testing.T) {
	in := "This is a long \nflowed line.\n> quoted \n> more\n-- \nsig"
	want := "This is a long flowed line.\n> quoted more\n-- \nsig"
	if got := unflow(in, false); got != want {
		t.Errorf("unflow:\n got %q\nwant %q", got, want)
	}
	if got := unflow("a \nb\n> x \ny", true); got != "ab\n> x\ny" {
		t.Errorf("unflow delsp: got %q", got)
	}
}

// replyOracleInputs are texts on which StripReply must agree with the
// regular-expression implementation it replaced: the table above, the
// corpus, and shapes near the edges of each pattern.
func replyOracleInputs(t *testing.T) []string {
	in := []string{
		"", "\n", "\r\n", "a\r\r\nb", "x\r", "-- \r\r\nsig", "> only\n> quoted",
		"Hi\n\nOn Mon, Jane wrote:\n> x", "Le lun., a écrit :\n> y",
		"Hi\n\nJane wrote :  \n\n\n> x", "Hi\nJane wrote:\u00a0\n> x", "Hi\nJane wrote\u00a0:\n> x",
		"Hi\nOn Monday Jane a\n\u00a0écrit :\n> x", "Hi\nOn Monday Jane a\u00a0\nécrit :\n> x",
		"Ok\nON TUESDAY BOB WROTE:\n> x", "Ok\nOn Tuesday Bob ſchrieb:\n> x", "Ok\nBob ESCRIBIO:\n> x",
		"Ok\nLe 3 nov., Bob A ÉCRIT :\n\n> x", "Ok\n\tle 3 nov.,\n Bob\n a écrit:\n> x",
		"Ok\nLe 3\n\n\n\nBob a écrit:\n> x", "Ok\nwrote:\n\n \n\t\n",
		"Voici\n  --  Original Message  --  \nold", "Voici\n--- URSPRUNGLICHE NACHRICHT ---\nold",
		"Voici\n--Message d'origine-\nold", "x\n---This is a copy of the message\ny",
		"x\nBELOW THIS LINE IS A COPY OF THE MESSAGE.\ny",
		"Thanks\n*From :* x\n*To:* y\nCc : z\nold", "Thanks\nFrom: x\nA: y\nAn: z",
		"Thanks\n__________\nDe: x\nÀ : y\nObjet: z", "Thanks\n_________\nDe: x\nÀ : y\nObjet: z",
		"Thanks\nVon: x\n\n\n\n\n\nAn: y\nBetreff: z", "Thanks\nVon: x\n\n\n\n\nAn: y\nBetreff: z",
		"a\n-- Forwarded message --\nOn x wrote:\n> y", "a\nBegin forwarded message: \nFrom: x\nTo: y\nSubject: z",
		"a\nDébut du message réexpédié :\nDe: x\nÀ: y", "a\nDEBUT DU MESSAGE TRANSFERE:\nDe: x\nÀ: y",
		"a\n----- Weitergeleitete Nachricht\nVon: x\nAn: y\nBetreff: z",
		"Ok\n\nSent from my iPhone", "Ok\nEnvoyé depuis l'application Mail\n\n", "Ok\nenvoye de mon\nx\ny\nz",
		"Get Outlook for iOS\nreal text", "Ok\n--\nsig\n> q", "Ok\n-- \r\nsig",
		"> a\nb\n> c\r\nd\n\ne", "On x wrote:\n> q\n\nbottom\n-- \nsig", "On x wrote:", "On x\nwrote:\n",
		"Hi\nLe\u00a0serveur a écrit:\n> x", "Hi\n\u0085On x wrote:\n> y", "\xff\xfeOn x wrote:\n> y",
		"Hi\nBob wr\xffote:\n> x", "Hi\nBob \xc3wrote:\n> x", "Hi\nBob wrote:\xc2\n> x",
	}
	for _, tt := range stripReplyTests {
		in = append(in, tt.in)
	}
	for _, f := range loadCorpus(t) {
		m, err := Parse(f.raw)
		if err != nil {
			t.Fatal(err)
		}
		in = append(in, m.Text)
	}
	return in
}

func TestStripReplyOracle(t *testing.T) {
	for _, s := range replyOracleInputs(t) {
		if got, want := StripReply(s), regexpStripReply(s); got != want {
			t.Errorf("StripReply(%q)\n got %q\nwant %q (regexp implementation)", s, got, want)
		}
	}
}
