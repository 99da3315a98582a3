package classify

import (
	"strings"
	"testing"
)

// The embedded weights parse and hold the rules' levels and words.
func TestEmbeddedWeights(t *testing.T) {
	m, err := learned()
	if err != nil || m == nil {
		t.Fatalf("weights: %v, model %v", err, m)
	}
	for _, f := range []string{"bias", "rule P1", "rule P3", "has scope-all"} {
		if _, ok := m.w[f]; !ok {
			t.Errorf("no weights for %q", f)
		}
	}
	if m.minWords <= 0 {
		t.Errorf("min words %d", m.minWords)
	}
}

func TestParseWeightsRejectsGarbage(t *testing.T) {
	for _, s := range []string{"bias\t1\t2", "bias\t1\t2\t3\tx\t5", "@margin\tx", "@min-words\t1.5", "@p1-margin\tx"} {
		if _, err := parseWeights(s); err == nil {
			t.Errorf("%q parsed", s)
		}
	}
	if m, err := parseWeights("# only a comment\n"); err != nil || m != nil {
		t.Errorf("empty weights: %v, %v", m, err)
	}
}

// A model overrules the rules and the reason names the customer's words
// that weighed, with the rules' own level; below the word count, or for
// data exposure, or a tag alone, the rules stand.
func TestWeighOverrules(t *testing.T) {
	m, err := parseWeights("@min-words\t3\nhas scope-unit\t0\t0\t0\t4\t0\n")
	if err != nil {
		t.Fatal(err)
	}
	read := func(body string) *decision {
		return Options{}.read(Input{Body: body}).rules(Options{})
	}
	body := "The receipt printer on till 2 has stopped printing since this morning, we write receipts by hand."
	d := read(body)
	if d.level != 3 {
		t.Fatalf("rules: level %d", d.level)
	}
	d.weigh(Options{}, m)
	res := d.result()
	if res.Level != 4 || !strings.Contains(res.Reason, `scope "till 2"`) || !strings.Contains(res.Reason, "rules alone: P3") {
		t.Errorf("level %d: %s", res.Level, res.Reason)
	}
	short := read("Till 2 printer stopped.")
	if short.learnable(Options{}) {
		short.weigh(Options{}, &model{w: m.w, minWords: 10})
	}
	if res := short.result(); res.Level != 3 {
		t.Errorf("short mail: level %d: %s", res.Level, res.Reason)
	}
	breach := read("On till 2 we can see the data of another company's customers.")
	if breach.learnable(Options{}) {
		t.Errorf("data exposure left to the model: %s", breach.result().Reason)
	}
	tag := Options{}.read(Input{Subject: "[P2] export"}).rules(Options{})
	if tag.learnable(Options{}) {
		t.Errorf("a tag alone left to the model")
	}
	if r := (Options{RulesOnly: true}).Classify(Input{Body: body}); r.Level != 3 {
		t.Errorf("rules only: %s", r.Reason)
	}
}

// Lowering the rules' P1 takes the P1 margin more: a missed outage costs
// most.
func TestWeighKeepsP1WithinMargin(t *testing.T) {
	body := "Personne ne peut se connecter à la plateforme depuis ce matin."
	for _, c := range []struct {
		margin string
		want   int
	}{{"0", 2}, {"2", 1}} {
		m, err := parseWeights("@min-words\t3\n@p1-margin\t" + c.margin + "\nhas scope-all\t0\t1.5\t0\t0\t0\n")
		if err != nil {
			t.Fatal(err)
		}
		d := Options{}.read(Input{Body: body}).rules(Options{})
		if d.level != 1 {
			t.Fatalf("rules: level %d", d.level)
		}
		d.weigh(Options{}, m)
		if res := d.result(); res.Level != c.want {
			t.Errorf("p1 margin %s: level %d, want %d: %s", c.margin, res.Level, c.want, res.Reason)
		}
	}
}

// When the rules have nothing to go on, the model may still choose a
// level from what the mail says, weighed against P3, the support
// mailbox's default; when it does not, the mailbox default applies.
func TestWeighWhenRulesHaveNothing(t *testing.T) {
	body := "The cash drawer on till 1 needs a push after each sale, we use the key and it is fine. Not urgent."
	for _, c := range []struct {
		weights string
		want    int
	}{
		{"has patient\t0\t0\t0\t2\t0\n", 4},
		{"has patient\t0\t0\t2\t0\t0\n", 0},
	} {
		m, err := parseWeights("@min-words\t3\n" + c.weights)
		if err != nil {
			t.Fatal(err)
		}
		d := Options{}.read(Input{Body: body}).rules(Options{})
		if d.level != 0 {
			t.Fatalf("rules: level %d", d.level)
		}
		if !d.learnable(Options{}) {
			t.Fatal("not left to the model")
		}
		d.weigh(Options{}, m)
		res := d.result()
		if res.Level != c.want {
			t.Errorf("level %d, want %d: %s", res.Level, c.want, res.Reason)
		}
		if c.want != 0 && res.Reason != `P4: "Not urgent" (not urgent), weighed as in the labelled mail (rules alone: nothing to go on)` {
			t.Errorf("reason %s", res.Reason)
		}
	}
}
