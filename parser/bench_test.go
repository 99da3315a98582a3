package parser

import (
	"sort"
	"strings"
	"testing"
)

var (
	benchPlain = crlf(`From: Jane Doe <jane@example.org>
To: support@helpdesk.example.com
Subject: Cannot log in since this morning
Date: Mon, 16 Nov 2026 09:12:00 +0100
Message-ID: <plain-1@example.org>
Content-Type: text/plain; charset=utf-8

Hello,

Since this morning none of us can log in to the back office; the page
says "invalid session". Could you have a look?

Thanks,
Jane
`)
	benchHTMLReply = crlf(`From: =?UTF-8?Q?Am=C3=A9lie_Martin?= <amelie@example.fr>
To: support@helpdesk.example.com
Subject: RE: [SUP-2026-000123] Imprimante en panne
Date: Mon, 16 Nov 2026 09:12:00 +0100
Message-ID: <html-1@example.fr>
In-Reply-To: <ack.SUP-2026-000123@helpdesk.example.com>
References: <first@example.fr> <ack.SUP-2026-000123@helpdesk.example.com>
Content-Type: multipart/alternative; boundary="alt"

--alt
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: quoted-printable

Bonjour,

L'imprimante du 2e =C3=A9tage est toujours en panne apr=C3=A8s le red=C3=A9=
marrage.

Cordialement,
Am=C3=A9lie

________________________________
De : Support <support@helpdesk.example.com>
Envoy=C3=A9 : lundi 16 novembre 2026 08:00
=C3=80 : Am=C3=A9lie Martin
Objet : [SUP-2026-000123] Imprimante en panne

Merci de red=C3=A9marrer l'imprimante.
--alt
Content-Type: text/html; charset=utf-8
Content-Transfer-Encoding: quoted-printable

<html><head><style>p{margin:0}</style></head><body><div dir=3D"ltr"><p>Bon=
jour,</p><p>L'imprimante du 2e =C3=A9tage est toujours en panne apr=C3=A8s l=
e red=C3=A9marrage.</p><p>Cordialement,<br>Am=C3=A9lie</p><hr><div id=3D"div=
RplyFwdMsg"><b>De :</b> Support<br><b>Envoy=C3=A9 :</b> lundi 16 novembre 20=
26 08:00<br><b>Objet :</b> [SUP-2026-000123] Imprimante en panne</div><p>Mer=
ci de red=C3=A9marrer l'imprimante.</p><table><tr><td>A</td><td>B</td></tr><=
/table></div></body></html>
--alt--
`)
)

func benchParse(b *testing.B, raw []byte) {
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(raw); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "msgs/s")
}

func BenchmarkParsePlain(b *testing.B)     { benchParse(b, benchPlain) }
func BenchmarkParseHTMLReply(b *testing.B) { benchParse(b, benchHTMLReply) }
func BenchmarkParse10MBAttachment(b *testing.B) {
	benchParse(b, bigMessage(10<<20))
}

// replyShapes are texts of about 1 MB in the shapes that make reply
// stripping slow when its work per line is not bounded.
func replyShapes() map[string]string {
	const size = 1 << 20
	fill := func(unit string) string { return strings.Repeat(unit, size/len(unit)) }
	return map[string]string{
		"long-line":        "On " + fill("x") + " wrote:\n> q",
		"many-lines":       fill("a line of an ordinary reply\n"),
		"quote-markers":    fill("> > > > > > > > > > > > > > > > quoted\n"),
		"deep-nesting":     fill(strings.Repeat(">", 200) + " x\n"),
		"attribution-like": fill("On Monday Jane wrote:\n\n\n\n"),
		"outlook-like":     fill("From: x\nTo: y\n"),
		"spaces":           fill(" "),
		"blank-lines":      "Bob wrote:" + fill("\n"),
	}
}

// BenchmarkStripReply measures StripReply on each shape; the MB/s figures
// of the shapes should stay close to each other (linear work).
// impl=regexp is the implementation it replaced, for comparison.
func BenchmarkStripReply(b *testing.B) {
	shapes := replyShapes()
	names := make([]string, 0, len(shapes))
	for name := range shapes {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		s := shapes[name]
		for _, impl := range []struct {
			name string
			fn   func(string) string
		}{{"onepass", StripReply}, {"regexp", regexpStripReply}} {
			b.Run("shape="+name+"/impl="+impl.name, func(b *testing.B) {
				b.SetBytes(int64(len(s)))
				for b.Loop() {
					impl.fn(s)
				}
			})
		}
	}
}
