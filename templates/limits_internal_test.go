package templates

import (
	"strings"
	"testing"
)

// Only a document with a range action renders in a goroutine of its own;
// the others render in the caller's, within the same bounds.
func TestRangeFreeDocumentsRenderInPlace(t *testing.T) {
	for name, loops := range map[string]bool{Ack: false, AgentNewTicket: false, MissingInfo: true} {
		for _, lang := range Languages() {
			d, err := Default(name, lang)
			if err != nil {
				t.Fatal(err)
			}
			c, err := Compile(d)
			if err != nil {
				t.Fatal(err)
			}
			if c.loops != loops {
				t.Errorf("%s/%s: loops = %v, want %v", name, lang, c.loops, loops)
			}
		}
	}
	d, err := Parse(Ack, "en", "Subject: [{{.Reference}}] x\n--- text ---\n"+strings.Repeat("{{.Message}}", 20)+
		"\n--- html ---\n<p>{{if .Message}}{{.Subject}}{{end}}</p>\n")
	if err != nil {
		t.Fatal(err)
	}
	c, err := Compile(d)
	if err != nil || c.loops {
		t.Fatalf("Compile = %v, loops %v", err, c != nil && c.loops)
	}
	data := Sample(Ack, "en", true)
	data.Message = strings.Repeat("x", 100<<10)
	if _, err := c.Render(data); err == nil || !strings.Contains(err.Error(), "text renders to more than") {
		t.Errorf("Render of 2 MB = %v", err)
	}
	data.Message = "short"
	if r, err := c.Render(data); err != nil || r.Text != strings.Repeat("short", 20)+"\n" || r.HTML != "<p>"+data.Subject+"</p>\n" {
		t.Errorf("Render = %+v, %v", r, err)
	}
}
