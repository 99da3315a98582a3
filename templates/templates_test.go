package templates_test

import (
	"errors"
	"strings"
	"testing"

	"ticketgate/templates"
)

// Every default exists in every language, validates, carries the
// reference in its subject and renders both parts.
func TestDefaults(t *testing.T) {
	for _, name := range templates.Names() {
		for _, lang := range templates.Languages() {
			d, err := templates.Default(name, lang)
			if err != nil {
				t.Fatalf("%s (%s): %v", name, lang, err)
			}
			if err := templates.Validate(d); err != nil {
				t.Errorf("%s (%s): %v", name, lang, err)
				continue
			}
			data := templates.Sample(name, lang, true)
			r, err := templates.Render(d, data)
			if err != nil {
				t.Errorf("%s (%s): %v", name, lang, err)
				continue
			}
			if name != templates.Unregistered && !strings.Contains(r.Subject, "[SUP-2026-000123]") {
				t.Errorf("%s (%s): subject %q lacks [REF]", name, lang, r.Subject)
			}
			if strings.Contains(r.Text+r.HTML+r.Subject, "<no value>") {
				t.Errorf("%s (%s): renders <no value>", name, lang)
			}
			if len(r.Text) < 40 || len(r.HTML) < 40 {
				t.Errorf("%s (%s): body too short: %q / %q", name, lang, r.Text, r.HTML)
			}
			// The document form reads back to the same template.
			again, err := templates.Parse(name, lang, d.String())
			if err != nil || again.Subject != d.Subject || strings.TrimSpace(again.Text) != strings.TrimSpace(d.Text) {
				t.Errorf("%s (%s): String/Parse round trip: %v", name, lang, err)
			}
		}
	}
}

func TestLanguagesDiffer(t *testing.T) {
	en, _ := templates.Default(templates.Ack, "en")
	fr, _ := templates.Default(templates.Ack, "fr")
	ren, _ := templates.Render(en, templates.Sample(templates.Ack, "en", true))
	rfr, _ := templates.Render(fr, templates.Sample(templates.Ack, "fr", true))
	if !strings.Contains(ren.Text, "Monday 23 November 2026, 14:00 (Paris time)") {
		t.Errorf("English ack lacks the English due time:\n%s", ren.Text)
	}
	if !strings.Contains(rfr.Text, "lundi 23 novembre 2026 à 14:00 (heure de Paris)") {
		t.Errorf("French ack lacks the French due time:\n%s", rfr.Text)
	}
}

func TestHTMLEscapes(t *testing.T) {
	d, _ := templates.Default(templates.AgentNewTicket, "en")
	data := templates.Sample(templates.AgentNewTicket, "en", true)
	data.Subject = `<script>alert("x")</script>`
	data.Message = `<img src=x onerror=alert(1)>`
	r, err := templates.Render(d, data)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(r.HTML, "<script>") || strings.Contains(r.HTML, "<img") {
		t.Errorf("HTML body not escaped:\n%s", r.HTML)
	}
	if !strings.Contains(r.Text, `<script>alert("x")</script>`) {
		t.Errorf("text body must keep the text as written:\n%s", r.Text)
	}
}

// An agent's reply keeps its paragraphs in the HTML part, escaped.
func TestLinesKeepsBreaks(t *testing.T) {
	d, _ := templates.Default(templates.AgentReply, "en")
	data := templates.Sample(templates.AgentReply, "en", true)
	data.Message = "First line\n<b>second</b> line"
	r, err := templates.Render(d, data)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(r.HTML, "First line<br>\n&lt;b&gt;second&lt;/b&gt; line") {
		t.Errorf("HTML lost the line break or the escaping:\n%s", r.HTML)
	}
	if !strings.Contains(r.Text, "First line\n<b>second</b> line") {
		t.Errorf("text changed the message:\n%s", r.Text)
	}
	if !strings.Contains(r.Text, "> The invoices stay") {
		t.Errorf("text lacks the quote of the customer's message:\n%s", r.Text)
	}
}

func TestSubjectStaysOneLine(t *testing.T) {
	d, _ := templates.Default(templates.Ack, "en")
	data := templates.Sample(templates.Ack, "en", true)
	data.Subject = "Hello\r\nBcc: victim@example.com"
	if _, err := templates.Render(d, data); err == nil || !strings.Contains(err.Error(), "more than one line") {
		t.Errorf("a subject rendering to two lines: err = %v", err)
	}
}

func TestValidateRejects(t *testing.T) {
	doc := func(subject, text, html string) string {
		return "Subject: " + subject + "\n--- text ---\n" + text + "\n--- html ---\n" + html + "\n"
	}
	cases := []struct {
		name      string
		src       string
		line, col int
		want      string
	}{
		{"unknown variable in text", doc("[{{.Reference}}] x", "Hello\n{{.Customer}}", "<p>x</p>"), 4, 3, `unknown variable ".Customer"`},
		{"unknown variable in subject", doc("[{{.Ref}}] x", "Hello", "<p>x</p>"), 1, 13, `unknown variable ".Ref"`},
		{"unknown variable in html", doc("x", "Hello", "<p>\n{{if .Missing}}{{.Priorty}}{{end}}</p>"), 6, 18, `unknown variable ".Priorty"`},
		{"unclosed action", doc("x", "a\nb\n{{if .Reference}}", "<p>x</p>"), 5, 0, "unexpected EOF"},
		{"unknown function", doc("x", "{{exec .Reference}}", "<p>x</p>"), 3, 0, `function "exec" not defined`},
		{"forbidden builtin", doc("x", "{{printf \"%s\" .Reference}}", "<p>x</p>"), 3, 3, `function "printf" is not allowed`},
		{"template call", doc("x", "{{template \"other\"}}", "<p>x</p>"), 3, 0, "not allowed"},
		{"define", doc("x", "{{define \"t\"}}x{{end}}ok", "<p>x</p>"), 3, 0, "not allowed"},
		{"field of a string", doc("x", "{{.Subject.Foo}}", "<p>x</p>"), 3, 11, `".Foo" is not a variable here`},
		{"missing subject", "Hello\n--- text ---\nx\n--- html ---\ny\n", 1, 1, `must start with "Subject: "`},
		{"missing html", "Subject: x\n--- text ---\nx\n", 3, 1, "--- html ---"},
		{"field inside range", doc("x", "{{range .Missing}}{{.Reference}}{{end}}", "<p>x</p>"), 3, 0, "not a variable here"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d, err := templates.Parse("ack", "en", c.src)
			if err == nil {
				err = templates.Validate(d)
			}
			var te *templates.Error
			if !errors.As(err, &te) {
				t.Fatalf("err = %v, want a *templates.Error", err)
			}
			if !strings.Contains(te.Msg, c.want) || te.Line != c.line || (c.col != 0 && te.Col != c.col) {
				t.Errorf("got line %d col %d %q; want line %d col %d %q", te.Line, te.Col, te.Msg, c.line, c.col, c.want)
			}
			if !strings.Contains(err.Error(), "template ack (en), line") {
				t.Errorf("error text %q does not say where", err)
			}
		})
	}
}

func TestValidateAccepts(t *testing.T) {
	src := "Subject: [{{.Reference}}] {{upper .Priority}}\n--- text ---\n{{range $i, $m := .Missing}}- {{$m}} {{$.Reference}}\n{{end}}{{with .AgentName}}{{.}}{{end}}{{quote .Message}}{{if and .ResponseDue (ne .Status \"closed\")}}{{.ResponseDue}}{{end}}\n--- html ---\n<ul>{{range .Missing}}<li>{{.}}</li>{{end}}</ul>{{join .Missing \", \"}} {{len .Missing}}\n"
	d, err := templates.Parse("ack", "fr", src)
	if err != nil {
		t.Fatal(err)
	}
	if err := templates.Validate(d); err != nil {
		t.Fatalf("a template using only allowed parts was refused: %v", err)
	}
	r, err := templates.Render(d, templates.Sample("ack", "fr", true))
	if err != nil {
		t.Fatal(err)
	}
	if r.Subject != "[SUP-2026-000123] P2" || !strings.Contains(r.Text, "- numéro de série SUP-2026-000123") || !strings.Contains(r.Text, "> Bonjour,") {
		t.Errorf("rendered %+v", r)
	}
}

func TestUnknownNameAndLanguage(t *testing.T) {
	if _, err := templates.Default("nope", "en"); !errors.Is(err, templates.ErrUnknown) {
		t.Errorf("unknown template: %v", err)
	}
	if _, err := templates.Default("ack", "de"); !errors.Is(err, templates.ErrUnknownLanguage) {
		t.Errorf("unknown language: %v", err)
	}
}
