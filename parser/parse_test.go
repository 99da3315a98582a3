package parser

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"testing"
	"time"
)

// crlf turns a readable literal into wire format.
func crlf(s string) []byte { return []byte(strings.ReplaceAll(s, "\n", "\r\n")) }

func mustParse(t *testing.T, raw []byte) *Message {
	t.Helper()
	m, err := Parse(raw)
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return m
}

func TestParseEmpty(t *testing.T) {
	for _, in := range []string{"", "  \r\n\r\n"} {
		if _, err := Parse([]byte(in)); !errors.Is(err, ErrEmpty) {
			t.Errorf("Parse(%q) error = %v, want ErrEmpty", in, err)
		}
	}
}

func TestParseHeaderLineWithoutColon(t *testing.T) {
	m := mustParse(t, crlf("From: a@example.com\nthis line is no field\nSubject: hello\n\nbody text\n"))
	if m.Subject != "hello" || m.From == nil || m.From.Address != "a@example.com" {
		t.Errorf("fields around the bad line lost: subject %q from %+v", m.Subject, m.From)
	}
	if m.Text != "body text" {
		t.Errorf("text = %q", m.Text)
	}
	if !m.HasProblem(ProblemHeaderSyntax) {
		t.Errorf("problems = %v, want header-syntax", m.Problems)
	}
}

func TestParseNoHeaderAtAll(t *testing.T) {
	m := mustParse(t, []byte("just some words\nand more\n"))
	if m.Text != "just some words\nand more" {
		t.Errorf("text = %q", m.Text)
	}
	if !m.HasProblem(ProblemNoHeader) || !m.HasProblem(ProblemNoFrom) {
		t.Errorf("problems = %v", m.Problems)
	}
}

func TestParseHugeHeaderIsBounded(t *testing.T) {
	raw := "From: a@example.com\nX-Big: " + strings.Repeat("x", 2<<20) + "\nSubject: s\n\nbody"
	p, _ := New(Options{MaxHeaderBytes: 1 << 20})
	m, err := p.Parse([]byte(raw))
	if err != nil {
		t.Fatal(err)
	}
	if !m.HasProblem(ProblemHeaderTooLarge) {
		t.Errorf("problems = %v, want header-too-large", m.Problems)
	}
	if m.From == nil {
		t.Errorf("From before the big field lost")
	}
}

func TestParseUnknownTopLevelEncoding(t *testing.T) {
	m := mustParse(t, crlf("From: a@example.com\nContent-Transfer-Encoding: x-weird\n\nreadable anyway\n"))
	if m.Text != "readable anyway" || !m.HasProblem(ProblemUnknownEncoding) {
		t.Errorf("text %q problems %v", m.Text, m.Problems)
	}
}

func TestParseLenientBase64(t *testing.T) {
	enc := base64.StdEncoding.EncodeToString([]byte("Bonjour, la caisse est en panne depuis ce matin."))
	bad := enc[:8] + "!!*" + enc[8:] + "=="
	m := mustParse(t, crlf("From: a@example.com\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\n"+bad+"\n"))
	if m.Text != "Bonjour, la caisse est en panne depuis ce matin." {
		t.Errorf("text = %q", m.Text)
	}
	if !m.HasProblem(ProblemBadEncoding) {
		t.Errorf("problems = %v, want bad-encoding", m.Problems)
	}
}

func TestParseCharsets(t *testing.T) {
	tests := []struct {
		name string
		raw  []byte
		want string
	}{
		{"latin1 qp", crlf("From: a@example.com\nContent-Type: text/plain; charset=ISO-8859-1\nContent-Transfer-Encoding: quoted-printable\n\nd=E9j=E0 vu\n"), "déjà vu"},
		{"windows-1252 8bit", append(crlf("From: a@example.com\nContent-Type: text/plain; charset=windows-1252\n\n"), []byte("l\x92imprimante co\xfbte 10 \x80")...), "l’imprimante coûte 10 €"},
		{"undeclared 8bit", append(crlf("From: a@example.com\n\n"), []byte("caf\xe9")...), "café"},
		{"unknown charset degrades", crlf("From: a@example.com\nContent-Type: text/plain; charset=x-made-up\n\nplain ascii\n"), "plain ascii"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if m := mustParse(t, tt.raw); m.Text != tt.want {
				t.Errorf("text = %q, want %q", m.Text, tt.want)
			}
		})
	}
}

func TestParseHeaders(t *testing.T) {
	raw := crlf(`From: =?UTF-8?Q?Am=C3=A9lie_Poulain?= <Amelie@Example.FR>
To: support@helpdesk.example.com, "Dupont, Jean" <jean@example.fr>
Cc: broken <<<, bob@example.net
Reply-To: replies@example.fr
Subject: =?ISO-8859-1?Q?Probl=E8me?= =?UTF-8?B?IGRlIGNvbm5leGlvbg==?= [SUP-2026-000123]
Subject-Extra: x
Message-ID: <m1@example.fr>
In-Reply-To: ack.SUP-2026-000123@helpdesk.example.com
References: <a@x>,<b@x>  <a@x>
Date: Tue, 17 Nov 2026 08:30 +0100 (CET)
Content-Language: fr-FR

Voir SUP-2026-000999 aussi.
`)
	m := mustParse(t, raw)
	if m.From == nil || m.From.Name != "Amélie Poulain" || m.From.Address != "amelie@example.fr" {
		t.Errorf("from = %+v", m.From)
	}
	if len(m.To) != 2 || m.To[1].Name != "Dupont, Jean" {
		t.Errorf("to = %+v", m.To)
	}
	if len(m.Cc) != 1 || m.Cc[0].Address != "bob@example.net" || !m.HasProblem(ProblemBadAddress) {
		t.Errorf("cc = %+v problems %v", m.Cc, m.Problems)
	}
	if m.Subject != "Problème de connexion [SUP-2026-000123]" {
		t.Errorf("subject = %q", m.Subject)
	}
	if fmt.Sprint(m.References) != "[a@x b@x]" || fmt.Sprint(m.InReplyTo) != "[ack.SUP-2026-000123@helpdesk.example.com]" {
		t.Errorf("references %v in-reply-to %v", m.References, m.InReplyTo)
	}
	if want := time.Date(2026, 11, 17, 7, 30, 0, 0, time.UTC); !m.Date.Equal(want) || m.DateSource != "header" {
		t.Errorf("date = %v (%s), want %v", m.Date, m.DateSource, want)
	}
	if fmt.Sprint(m.TicketRefs) != "[SUP-2026-000123]" || fmt.Sprint(m.BodyRefs) != "[SUP-2026-000999]" {
		t.Errorf("refs subject %v body %v", m.TicketRefs, m.BodyRefs)
	}
	if m.Language != "fr-fr" {
		t.Errorf("language = %q", m.Language)
	}
}

func TestParseDateFallbacks(t *testing.T) {
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	p, _ := New(Options{Now: now})
	m, _ := p.Parse(crlf("Received: from mx by mx2; Mon, 16 Nov 2026 10:00:00 +0000\nFrom: a@example.com\nDate: sometime yesterday\n\nx"))
	if m.DateSource != "received" || !m.Date.Equal(time.Date(2026, 11, 16, 10, 0, 0, 0, time.UTC)) || !m.HasProblem(ProblemBadDate) {
		t.Errorf("date %v source %s problems %v", m.Date, m.DateSource, m.Problems)
	}
	m, _ = p.Parse(crlf("From: a@example.com\n\nx"))
	if m.DateSource != "fallback" || !m.Date.Equal(now) || !m.HasProblem(ProblemNoDate) {
		t.Errorf("date %v source %s problems %v", m.Date, m.DateSource, m.Problems)
	}
}

func TestParseAttachmentsAndOpen(t *testing.T) {
	pdf := bytes.Repeat([]byte("%PDF-1.4 fake\x00\x01\x02"), 500)
	raw := crlf(`From: a@example.com
Message-ID: <att@example.com>
Date: Tue, 17 Nov 2026 08:30:00 +0100
Content-Type: multipart/mixed; boundary="b1"

--b1
Content-Type: multipart/related; boundary="b2"

--b2
Content-Type: text/html; charset=utf-8

<p>See <b>attached</b><img src="cid:logo@x"></p><script>alert(1)</script>
--b2
Content-Type: image/png
Content-ID: <logo@x>
Content-Disposition: inline
Content-Transfer-Encoding: base64

iVBORw0KGgo=
--b2--
--b1
Content-Type: application/pdf
Content-Disposition: attachment; filename*=UTF-8''rapport%20d%C3%A9taill%C3%A9.pdf
Content-Transfer-Encoding: base64

` + wrap76(base64.StdEncoding.EncodeToString(pdf)) + `
--b1
Content-Type: message/rfc822

From: x@example.net
Subject: forwarded one
Message-ID: <inner@example.net>

inner body
--b1--
`)
	m := mustParse(t, raw)
	if !m.HasHTML || strings.Contains(m.HTML, "script") || !strings.Contains(m.HTML, `src="cid:logo@x"`) {
		t.Errorf("html = %q", m.HTML)
	}
	if m.Text != "See *attached*" {
		t.Errorf("text from html = %q", m.Text)
	}
	if len(m.Attachments) != 3 {
		t.Fatalf("attachments = %+v", m.Attachments)
	}
	img, doc, fwd := m.Attachments[0], m.Attachments[1], m.Attachments[2]
	if img.Disposition != "inline" || img.ContentID != "logo@x" || img.Size != 8 {
		t.Errorf("inline image = %+v", img)
	}
	sum := sha256.Sum256(pdf)
	if doc.Filename != "rapport détaillé.pdf" || doc.Size != int64(len(pdf)) || doc.SHA256 != hex.EncodeToString(sum[:]) {
		t.Errorf("pdf = %+v", doc)
	}
	r, err := doc.Open()
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(r)
	if !bytes.Equal(got, pdf) {
		t.Errorf("Open returned %d bytes, want the %d decoded bytes", len(got), len(pdf))
	}
	if fwd.ContentType != "message/rfc822" || fwd.Filename != "forwarded one.eml" {
		t.Errorf("forwarded = %+v", fwd)
	}
	r, _ = fwd.Open()
	got, _ = io.ReadAll(r)
	if !bytes.Contains(got, []byte("inner body")) {
		t.Errorf("forwarded content = %q", got)
	}
	if len(m.Problems) != 0 {
		t.Errorf("problems = %v", m.Problems)
	}
}

func wrap76(s string) string {
	var b strings.Builder
	for len(s) > 76 {
		b.WriteString(s[:76] + "\n")
		s = s[76:]
	}
	b.WriteString(s)
	return b.String()
}

func TestParseBrokenMultipart(t *testing.T) {
	tests := []struct {
		name     string
		raw      string
		wantText string
		want     ProblemCode
	}{
		{"missing boundary param", "From: a@example.com\nContent-Type: multipart/mixed\n\n--zz\nContent-Type: text/plain\n\nhello\n--zz--\n", "hello", ProblemBadBoundary},
		{"wrong boundary", "From: a@example.com\nContent-Type: multipart/mixed; boundary=aa\n\n--zz\nContent-Type: text/plain\n\nhello\n--zz--\n", "hello", ProblemBadBoundary},
		{"no boundary anywhere", "From: a@example.com\nContent-Type: multipart/mixed\n\njust text\n", "just text", ProblemBadBoundary},
		{"unterminated", "From: a@example.com\nContent-Type: multipart/mixed; boundary=zz\n\n--zz\nContent-Type: text/plain\n\nhello\n--zz\nContent-Type: application/pdf\nContent-Transfer-Encoding: base64\n\nJVBERi0x", "hello", ProblemTruncated},
		{"garbage content type", "From: a@example.com\nContent-Type: text/;;;charset===\n\nstill text\n", "still text", ProblemBadContentType},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := mustParse(t, crlf(tt.raw))
			if m.Text != tt.wantText || !m.HasProblem(tt.want) {
				t.Errorf("text %q problems %v; want text %q and %s", m.Text, m.Problems, tt.wantText, tt.want)
			}
		})
	}
}

func TestParseLimits(t *testing.T) {
	var b strings.Builder
	b.WriteString("From: a@example.com\nContent-Type: multipart/mixed; boundary=b0\n\n")
	for i := 0; i < 40; i++ {
		fmt.Fprintf(&b, "--b%d\nContent-Type: multipart/mixed; boundary=b%d\n\n", i, i+1)
	}
	b.WriteString("--b40\nContent-Type: text/plain\n\ndeep\n")
	m := mustParse(t, crlf(b.String()))
	if !m.HasProblem(ProblemTooDeep) {
		t.Errorf("problems = %v, want too-deep", m.Problems)
	}

	p, _ := New(Options{MaxSize: 100})
	m, err := p.Parse(crlf("From: a@example.com\nSubject: big\n\n" + strings.Repeat("line of text\n", 100)))
	if err != nil || !m.HasProblem(ProblemOversize) || m.Subject != "big" || m.Text == "" {
		t.Errorf("oversize: err %v subject %q problems %v", err, m.Subject, m.Problems)
	}
}

// TestParseLargeAttachmentMemory parses a 50 MB message and checks that the
// attachment is streamed: the allocations stay far below its size.
func TestParseLargeAttachmentMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("allocates a 50 MB message")
	}
	raw := bigMessage(50 << 20)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	m, err := Parse(raw)
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Attachments) != 1 || m.Attachments[0].Size < 30<<20 {
		t.Fatalf("attachments = %+v", m.Attachments)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 8<<20 {
		t.Errorf("parsing a %d-byte message allocated %d bytes; attachments must be streamed", len(raw), alloc)
	}
	runtime.KeepAlive(raw)
}

// bigMessage builds a message of about size bytes: a short text and one
// base64 attachment.
func bigMessage(size int) []byte {
	var b bytes.Buffer
	b.Grow(size + 4096)
	b.WriteString("From: Jane <jane@example.org>\r\nSubject: logs\r\nMessage-ID: <big@example.org>\r\nContent-Type: multipart/mixed; boundary=\"XX\"\r\n\r\n--XX\r\nContent-Type: text/plain\r\n\r\nLogs attached.\r\n--XX\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename=\"logs.bin\"\r\nContent-Transfer-Encoding: base64\r\n\r\n")
	line := base64.StdEncoding.EncodeToString(bytes.Repeat([]byte{0xde, 0xad, 0xbe, 0xef, 0x01, 0x02}, 9)) + "\r\n"
	for b.Len() < size-100 {
		b.WriteString(line)
	}
	b.WriteString("--XX--\r\n")
	return b.Bytes()
}

func TestNormalizeText(t *testing.T) {
	for in, want := range map[string]string{
		"":                   "",
		"a\r\nb":             "a\nb",
		"a\r\r\nb\r\rc\rd\n": "a\nb\n\nc\nd",
		"a\n\r":              "a",
		"x\r\r\r":            "x",
		"é\r\n\r\n \t\n":     "é",
		"a \t":               "a",
	} {
		if got := normalizeText(in); got != want {
			t.Errorf("normalizeText(%q) = %q, want %q", in, got, want)
		}
	}
}

// A customer types the reference by hand: without brackets, in lower
// case; a reference glued inside a longer token is not one.
func TestSubjectReferenceTypedByHand(t *testing.T) {
	for _, tt := range []struct{ subject, want string }{
		{"Re: [SUP-2026-000123] Printer", "[SUP-2026-000123]"},
		{"[ SUP-2026-000123 ]", "[SUP-2026-000123]"},
		{"Re: SUP-2026-000123 still broken", "[SUP-2026-000123]"},
		{"ticket sup-2026-000123 toujours ouvert", "[SUP-2026-000123]"},
		{"SUP-2026-000123, SUP-2026-000124", "[SUP-2026-000123 SUP-2026-000124]"},
		{"order 12SUP-2026-000123", "[]"},
		{"code SUP-2026-000123X7", "[]"},
		{"no reference here", "[]"},
	} {
		m, err := Parse([]byte("From: jane@customer.example\r\nSubject: " + tt.subject + "\r\n\r\nbody\r\n"))
		if err != nil {
			t.Fatal(err)
		}
		if got := fmt.Sprint(m.TicketRefs); got != tt.want {
			t.Errorf("%q: refs %s, want %s", tt.subject, got, tt.want)
		}
	}
}
