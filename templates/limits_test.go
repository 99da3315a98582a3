package templates_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"ticketgate/templates"
)

func doc(t *testing.T, text string) templates.Doc {
	t.Helper()
	d, err := templates.Parse(templates.Ack, "en", "Subject: [{{.Reference}}] x\n--- text ---\n"+text+"\n--- html ---\n<p>x</p>\n")
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// Issue 13 item 5: ranges that could run for ever are refused, at save
// and at render time (a version stored before this rule renders too).
func TestRangesAreBounded(t *testing.T) {
	for _, text := range []string{
		"{{range 100000}}{{range 100000}}x{{end}}{{end}}",
		"{{$n := 100000}}{{range $n}}x{{end}}",
		"{{range len .Subject}}x{{end}}",
		"{{range $.Missing}}{{range $.Missing}}{{range $.Missing}}x{{end}}{{end}}{{end}}",
		"{{range .Subject}}x{{end}}",
	} {
		d := doc(t, text)
		start := time.Now()
		err := templates.Validate(d)
		if err == nil || !strings.Contains(err.Error(), "range") {
			t.Errorf("%s: Validate = %v", text, err)
		}
		if _, err := templates.Render(d, templates.Sample(templates.Ack, "en", true)); err == nil {
			t.Errorf("%s: rendered", text)
		}
		if d := time.Since(start); d > templates.RenderTimeout {
			t.Errorf("%s: took %s", text, d)
		}
	}
	for _, text := range []string{"{{range .Missing}}- {{.}}\n{{end}}", "{{range $i, $m := $.Missing}}{{$i}} {{$m}}{{range $.Missing}}.{{end}}{{end}}"} {
		if err := templates.Validate(doc(t, text)); err != nil {
			t.Errorf("%s: %v", text, err)
		}
	}
}

// A template that swells for some data fails with a clear error rather
// than produce megabytes.
func TestRenderOutputIsBounded(t *testing.T) {
	d := doc(t, "{{range $.Missing}}{{range $.Missing}}{{$.Message}}{{end}}{{end}}")
	if err := templates.Validate(d); err != nil {
		t.Fatalf("small data: %v", err)
	}
	data := templates.Sample(templates.Ack, "en", true)
	data.Message = strings.Repeat("x", 100<<10)
	data.Missing = make([]string, 30)
	_, err := templates.Render(d, data)
	var te *templates.Error
	if err == nil || !strings.Contains(err.Error(), "renders to more than") || !errors.As(err, &te) || te.Line != 3 {
		t.Fatalf("Render = %v", err)
	}
	// The same template within bounds renders as before.
	data.Missing = data.Missing[:2]
	if r, err := templates.Render(d, data); err != nil || len(r.Text) != 4*len(data.Message)+1 {
		t.Errorf("Render = %d bytes, %v", len(r.Text), err)
	}
}
