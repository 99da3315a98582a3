package templates

import (
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden mails in testdata/templates")

// goldenCase is one mail of a template kind: most kinds have one shape,
// the SLA warning one per clock and state.
type goldenCase struct {
	file string
	name string
	mod  func(*Data)
}

func goldenCases() []goldenCase {
	var out []goldenCase
	for _, name := range Names() {
		if name == AgentPage {
			// Raised to P1, and opened at P1 by triage.
			out = append(out, goldenCase{file: name, name: name},
				goldenCase{file: name + "-opened", name: name, mod: func(d *Data) { d.Event = "opened" }})
			continue
		}
		if name != SLAWarning {
			out = append(out, goldenCase{file: name, name: name})
			continue
		}
		for _, clock := range []string{"response", "resolution"} {
			for _, state := range []string{"at risk", "breached"} {
				clock, state := clock, state
				out = append(out, goldenCase{file: name + "-" + clock + "-" + strings.ReplaceAll(state, " ", "-"), name: name,
					mod: func(d *Data) { d.Clock, d.State = clock, state }})
			}
		}
	}
	return out
}

// TestGoldenMails renders every default template in both languages with
// the full sample and compares subject, text and HTML byte for byte with
// testdata/templates/LANG/NAME.txt. Run with -update after a deliberate
// change, and read the diff.
func TestGoldenMails(t *testing.T) {
	for _, lang := range Languages() {
		for _, c := range goldenCases() {
			t.Run(lang+"/"+c.file, func(t *testing.T) {
				doc, err := Default(c.name, lang)
				if err != nil {
					t.Fatal(err)
				}
				comp, err := Compile(doc)
				if err != nil {
					t.Fatal(err)
				}
				d := Sample(c.name, lang, true)
				if c.mod != nil {
					c.mod(&d)
				}
				r, err := comp.Render(d)
				if err != nil {
					t.Fatal(err)
				}
				got := "Subject: " + r.Subject + "\n--- text ---\n" + r.Text + "\n--- html ---\n" + r.HTML + "\n"
				path := filepath.Join("..", "testdata", "templates", lang, c.file+".txt")
				if *update {
					if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
						t.Fatal(err)
					}
				}
				want, err := os.ReadFile(path)
				if err != nil {
					t.Fatalf("%v (run with -update to write it)", err)
				}
				if got != string(want) {
					t.Errorf("%s differs from the golden mail:\n--- got ---\n%s\n--- want ---\n%s", path, got, want)
				}
				if w := otherLanguage(lang, r.Subject+"\n"+r.Text+"\n"+tags.ReplaceAllString(r.HTML, " ")); w != "" {
					t.Errorf("%s mail holds %q, a word of the other language:\n%s", lang, w, got)
				}
			})
		}
	}
}

// Words that belong to one language only: a mail in the other that holds
// one has a part left untranslated. Names, addresses and the sample's
// made-up ticket are not words.
var (
	englishOnly = regexp.MustCompile(`(?i)(?:^|[^\pL])(the|your|you|request|received|reply|replied|business|hours?|days?|priority|subject|customer|due|ticket has|resolved|closed|reopened|please|thanks?|support team|expected|within|escalated|reference:|status|at risk|breached|missing|phone|serial|number|time\))(?:[^\pL]|$)`)
	frenchOnly  = regexp.MustCompile(`(?i)(?:^|[^\pL])(le|la|les|votre|vous|demande|reçu|réponse|ouvrée?s?|jours?|heures?|priorité|objet|client|avant|résolu|fermé|rouvert|merci|équipe|prévue?|délai|escaladé|référence|statut|numéro|heure de)(?:[^\pL]|$)`)
)

var (
	tags        = regexp.MustCompile(`<[^>]*>`)
	commandWord = regexp.MustCompile(`#\pL+`)
)

func otherLanguage(lang, mail string) string {
	// Sample values that are the same in both languages.
	for _, s := range []string{"SUP-2026-000123", "support@example.com", "Alex Martin"} {
		mail = strings.ReplaceAll(mail, s, "")
	}
	// Command words are the same in every mail: agent-error lists both
	// spellings on purpose.
	mail = commandWord.ReplaceAllString(mail, "")
	re := englishOnly
	if lang == "en" {
		re = frenchOnly
	}
	if m := re.FindStringSubmatch(mail); m != nil {
		return m[1]
	}
	return ""
}

func TestOtherLanguageFindsStrayWords(t *testing.T) {
	for _, c := range []struct{ lang, text, want string }{
		{"fr", "Délai de réponse : 4 business hours", "business"},
		{"fr", "Priorité : P3 medium, due lundi", "due"},
		{"fr", "Manque : numéro de téléphone", ""},
		{"fr", "Commandes : #resolve, #priority P2", ""},
		{"en", "Reply expected by Monday 23 November 2026, 14:00 (heure de Paris)", "heure"},
		{"en", "Priority: P2 élevée; Délai", "Délai"},
		{"en", "Your request SUP-2026-000123 was received.", ""},
	} {
		if got := otherLanguage(c.lang, c.text); got != c.want {
			t.Errorf("%s %q: %q, want %q", c.lang, c.text, got, c.want)
		}
	}
}
