package main

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The committed weights are what the generator makes of the committed
// splits, with the parameters of the go:generate line: nobody edited them
// by hand, and the fit is deterministic.
func TestWeightsUpToDate(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("..", "learn.go"))
	if err != nil {
		t.Fatal(err)
	}
	var args []string
	for _, line := range strings.Split(string(src), "\n") {
		if rest, ok := strings.CutPrefix(line, "//go:generate go run ./weightgen "); ok {
			args = strings.Fields(rest)
		}
	}
	if args == nil {
		t.Fatal("no go:generate line in learn.go")
	}
	out := filepath.Join(t.TempDir(), "weights.tsv")
	for i, a := range args {
		switch {
		case a == "weights.tsv" && i > 0 && args[i-1] == "-out":
			args[i] = out
		case strings.HasPrefix(a, "../"):
			args[i] = filepath.Join("..", a)
		}
	}
	if err := run(args, io.Discard); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(filepath.Join("..", "weights.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(want) {
		t.Errorf("weights.tsv is stale: run go generate ./gateway/triage/classify")
	}
}

// The fit learns a separable rule from a few cases and keeps the cases
// the layer does not weigh at their fixed level.
func TestFitSeparates(t *testing.T) {
	var all []sample
	for i := 0; i < 20; i++ {
		all = append(all,
			sample{accepted: []int{1}, rule: 3, fixed: 3, feats: []string{"bias", "rule P3", "has down"}},
			sample{accepted: []int{4, 5}, rule: 3, fixed: 3, feats: []string{"bias", "rule P3", "has feature"}},
		)
	}
	all = append(all, sample{accepted: []int{1}, rule: 1, fixed: 1})
	m := fit(all, params{l2: 0.01, steps: 300, rate: 0.5, minCount: 2, p1Weight: 1})
	var f figures
	for _, s := range all {
		f.add(s, m.predict(s))
	}
	if f.right != f.cases || f.falseAlarms != 0 {
		t.Errorf("%s", f)
	}
}

// Splits joined by + are one writer, held out together; others stand
// alone.
func TestWriterOf(t *testing.T) {
	w := writerOf("train-b+test-b,train-c")
	for _, c := range []struct {
		a, b string
		same bool
	}{
		{"train-b", "test-b", true},
		{"train-b", "train-c", false},
		{"train", "test", false},
		{"train", "train", true},
	} {
		if got := w(c.a) == w(c.b); got != c.same {
			t.Errorf("%s and %s one writer: %t, want %t", c.a, c.b, got, c.same)
		}
	}
}
