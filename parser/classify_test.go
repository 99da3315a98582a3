package parser

import (
	"strings"
	"testing"
)

func TestClassify(t *testing.T) {
	const body = "\nbody\n"
	tests := []struct {
		name   string
		header string
		want   Kind
		reason string
	}{
		{"plain human", "From: a@example.com\nSubject: printer down\n", KindHuman, "no automatic-mail header or sender"},
		{"auto-submitted no is human", "From: a@example.com\nAuto-Submitted: no\n", KindHuman, "no automatic-mail header or sender"},
		{"auto-submitted", "From: a@example.com\nAuto-Submitted: auto-replied\n", KindAutoReply, "header Auto-Submitted: auto-replied"},
		{"auto-generated", "From: a@example.com\nAuto-Submitted: Auto-Generated\n", KindAutoReply, "header Auto-Submitted: auto-generated"},
		{"x-autoreply", "From: a@example.com\nX-Autoreply: yes\n", KindAutoReply, "header X-Autoreply"},
		{"x-autorespond", "From: a@example.com\nX-Autorespond: 1\n", KindAutoReply, "header X-Autorespond"},
		{"x-auto-response-suppress", "From: a@example.com\nX-Auto-Response-Suppress: All\n", KindAutoReply, "header X-Auto-Response-Suppress: All"},
		{"precedence auto_reply", "From: a@example.com\nPrecedence: auto_reply\n", KindAutoReply, "header Precedence: auto_reply"},
		{"ooo en", "From: a@example.com\nSubject: Out of Office: printer\n", KindAutoReply, "out-of-office subject out of office"},
		{"automatic reply en", "From: a@example.com\nSubject: Automatic reply: [SUP-2026-000001] x\n", KindAutoReply, "out-of-office subject automatic reply"},
		{"ooo fr", "From: a@example.com\nSubject: =?UTF-8?Q?R=C3=A9ponse_automatique_:_panne?=\n", KindAutoReply, "out-of-office subject réponse automatique"},
		{"absent du bureau", "From: a@example.com\nSubject: Absent du bureau jusqu'au 30\n", KindAutoReply, "out-of-office subject absent du bureau"},
		{"absence of invoice is human", "From: a@example.com\nSubject: Absence de facture pour novembre\n", KindHuman, "no automatic-mail header or sender"},
		{"list-id", "From: news@example.com\nList-Id: <news.example.com>\n", KindList, "header List-Id"},
		{"list-unsubscribe", "From: news@example.com\nList-Unsubscribe: <mailto:u@example.com>\n", KindList, "header List-Unsubscribe"},
		{"precedence bulk", "From: news@example.com\nPrecedence: bulk\n", KindList, "header Precedence: bulk"},
		{"precedence junk", "From: news@example.com\nPrecedence: junk\n", KindList, "header Precedence: junk"},
		{"mailer-daemon", "From: Mail Delivery System <MAILER-DAEMON@mx.example.net>\nSubject: Undelivered Mail\n", KindBounce, "sender mailer-daemon"},
		{"postmaster", "From: postmaster@example.net\n", KindBounce, "sender postmaster"},
		{"x-failed-recipients", "From: someone@example.net\nX-Failed-Recipients: gone@example.org\n", KindBounce, "header X-Failed-Recipients"},
		{"bounce wins over auto-submitted", "From: MAILER-DAEMON@example.net\nAuto-Submitted: auto-replied\n", KindBounce, "sender mailer-daemon"},
		{"auto-reply wins over list", "From: a@example.com\nAuto-Submitted: auto-replied\nList-Id: <l.example.com>\n", KindAutoReply, "header Auto-Submitted: auto-replied"},
		{"read receipt", "From: a@example.com\nContent-Type: multipart/report; report-type=disposition-notification; boundary=b\n\n--b\nContent-Type: text/plain\n\nread\n--b--", KindAutoReply, "Content-Type multipart/report; report-type=disposition-notification (read receipt, RFC 8098)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			raw := tt.header
			if !containsBlankLine(raw) {
				raw += body
			}
			m := mustParse(t, crlf(raw))
			if m.Kind != tt.want || m.KindReason != tt.reason {
				t.Errorf("kind %s (%s), want %s (%s)", m.Kind, m.KindReason, tt.want, tt.reason)
			}
		})
	}
}

func containsBlankLine(s string) bool {
	for i := 0; i+1 < len(s); i++ {
		if s[i] == '\n' && s[i+1] == '\n' {
			return true
		}
	}
	return false
}

func TestBounceDSN(t *testing.T) {
	raw := crlf(`From: MAILER-DAEMON@mx.example.net (Mail Delivery System)
To: support@helpdesk.example.com
Subject: Undelivered Mail Returned to Sender
Content-Type: multipart/report; report-type=delivery-status; boundary="B"

--B
Content-Type: text/plain

I'm sorry to have to inform you that your message could not be delivered.
--B
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.net

Final-Recipient: rfc822; ok@example.net
Action: delivered
Status: 2.0.0

Final-Recipient: rfc822; Gone@Example.net
Original-Recipient: rfc822;gone@example.net
Action: failed
Status: 5.1.1 (user unknown)
Diagnostic-Code: smtp; 550 5.1.1 no such user
--B
Content-Type: text/rfc822-headers

From: support@helpdesk.example.com
Message-ID: <ack.SUP-2026-000042@helpdesk.example.com>
Subject: [SUP-2026-000042] Received

--B--
`)
	m := mustParse(t, raw)
	if m.Kind != KindBounce || m.Bounce == nil {
		t.Fatalf("kind %s bounce %+v", m.Kind, m.Bounce)
	}
	want := Bounce{OriginalMessageID: "ack.SUP-2026-000042@helpdesk.example.com", Recipient: "gone@example.net", Status: "5.1.1", Action: "failed"}
	if *m.Bounce != want || !m.Bounce.Permanent() {
		t.Errorf("bounce = %+v, want %+v", *m.Bounce, want)
	}
}

func TestBouncePlainText(t *testing.T) {
	raw := crlf(`From: Mail Delivery System <Mailer-Daemon@mx.example.net>
To: support@helpdesk.example.com
Subject: Mail delivery failed: returning message to sender
X-Failed-Recipients: nobody@example.org

This message was created automatically by mail delivery software.

A message that you sent could not be delivered to one or more of its
recipients. This is a permanent error. The following address(es) failed:

  nobody@example.org
    host mx.example.org [192.0.2.1]
    SMTP error from remote mail server after RCPT TO:<nobody@example.org>:
    550 5.1.1 User unknown

------ This is a copy of the message, including all the headers. ------

Message-ID: <ack.SUP-2026-000077@helpdesk.example.com>
From: support@helpdesk.example.com
`)
	m := mustParse(t, raw)
	want := Bounce{OriginalMessageID: "ack.SUP-2026-000077@helpdesk.example.com", Recipient: "nobody@example.org", Status: "5.1.1"}
	if m.Kind != KindBounce || m.Bounce == nil || *m.Bounce != want {
		t.Errorf("kind %s bounce %+v, want %+v", m.Kind, m.Bounce, want)
	}
}

// TestOOOSubjectHints checks that the substring prefilter never hides a
// match of the out-of-office pattern.
func TestOOOSubjectHints(t *testing.T) {
	subjects := []string{
		"", "out of office", "Automatic reply: x", "auto: away", "AUTOREPLY", "autoréponse", "réponse automatique",
		"absente du bureau", "message d'absence", "je suis actuellement absente", "I am currently away", "I am out",
		"away from the office", "on annual leave until monday", "en congés jusqu'au 3", "Re: printer", "Out of paper",
		"  auto response", "ſ", "i amout", "je suisabsent",
	}
	for _, f := range loadCorpus(t) {
		m := mustParse(t, f.raw)
		subjects = append(subjects, m.Subject)
	}
	for _, s := range subjects {
		lower := strings.ToLower(s)
		if got, want := oooSubjectMatch(lower), oooSubject.FindString(lower); got != want {
			t.Errorf("subject %q: got %q, want %q", s, got, want)
		}
	}
}

func FuzzOOOSubject(f *testing.F) {
	f.Add("out of office")
	f.Add("Réponse automatique")
	f.Fuzz(func(t *testing.T, s string) {
		lower := strings.ToLower(s)
		if got, want := oooSubjectMatch(lower), oooSubject.FindString(lower); got != want {
			t.Fatalf("subject %q: got %q, want %q", s, got, want)
		}
	})
}
