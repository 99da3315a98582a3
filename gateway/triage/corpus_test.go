package triage_test

import (
	"path/filepath"
	"strings"
	"testing"

	"ticketgate/gateway/triage"
	"ticketgate/gateway/triage/eval"
	"ticketgate/parser"
)

// floors are the least each labelled split must reach, classified as a
// fresh installation's support mailbox reads mail. train, test, train-b,
// test-b, train-c, test-c, train-d, test-d and train-e are the splits the
// vocabulary and the learned layer's weights were fitted on, so these
// floors, a little below the measured figures, guard against regressions
// and say nothing of unseen mail: the figures cross-validated across
// writers in docs/triage.md do, and so does test-e, round five's held-out
// split, which is classified here but never fitted on.
var floors = map[string]struct {
	accuracy, p1Recall, falseAlarms float64
}{
	"train":   {accuracy: 0.91, p1Recall: 0.97, falseAlarms: 0.02},
	"test":    {accuracy: 0.89, p1Recall: 0.97, falseAlarms: 0.03},
	"train-b": {accuracy: 0.88, p1Recall: 0.97, falseAlarms: 0.04},
	// test-b was held out and measured once (0.736, 0.768, 0.019 on
	// 2026-12-02); since round three it is a development split.
	"test-b": {accuracy: 0.85, p1Recall: 0.95, falseAlarms: 0.03},
	// train-c was measured once unseen (0.734, 0.969, 0.074 on
	// 2026-12-02) before the weights were fitted on it.
	"train-c": {accuracy: 0.84, p1Recall: 0.97, falseAlarms: 0.02},
	// test-c was held out and measured once (0.837, 0.942, 0.000 on
	// 2026-12-02); the weights have been fitted on it since.
	"test-c": {accuracy: 0.91, p1Recall: 0.97, falseAlarms: 0.02},
	// train-d was measured once unseen (0.839, 0.934, 0.020 on
	// 2026-12-02) before the weights were fitted on it.
	"train-d": {accuracy: 0.89, p1Recall: 0.95, falseAlarms: 0.03},
	// test-d was held out and measured once (0.763, 0.935, 0.009 on
	// 2026-12-02); since round five the weights are fitted on it.
	"test-d": {accuracy: 0.83, p1Recall: 0.95, falseAlarms: 0.02},
	// train-e was measured once unseen (0.817, 0.984, 0.000 on
	// 2026-12-02) before the weights were fitted on it.
	"train-e": {accuracy: 0.87, p1Recall: 0.97, falseAlarms: 0.02},
	// test-e is held out, never fitted or tuned on: measured once
	// (0.827, 0.903, 0.009 on 2026-12-02).
	"test-e": {accuracy: 0.81, p1Recall: 0.88, falseAlarms: 0.02},
}

func classifier(t testing.TB) eval.Classifier {
	p, err := triage.DefaultPolicy()
	if err != nil {
		t.Fatal(err)
	}
	return func(m *parser.Message) (int, string) {
		d := p.Triage("support", m)
		return int(d.Priority), d.Reason
	}
}

// TestCorpus classifies the labelled splits under testdata/triage and
// holds each to its floors; a split missing from the checkout fails.
func TestCorpus(t *testing.T) {
	for _, split := range []string{"train", "test", "train-b", "test-b", "train-c", "test-c", "train-d", "test-d", "train-e", "test-e"} {
		t.Run(split, func(t *testing.T) {
			dir := filepath.Join("..", "..", "testdata", "triage", split)
			cases, err := eval.Load(dir)
			if err != nil {
				t.Fatal(err)
			}
			r := eval.Run(cases, classifier(t))
			var b strings.Builder
			if err := r.WriteText(&b); err != nil {
				t.Fatal(err)
			}
			if testing.Verbose() {
				t.Log("\n" + b.String())
			}
			f := floors[split]
			if len(r.Unparsed) > 0 {
				t.Errorf("%d cases did not parse: %+v", len(r.Unparsed), r.Unparsed)
			}
			if r.Accuracy < f.accuracy {
				t.Errorf("accuracy %.3f, floor %.2f", r.Accuracy, f.accuracy)
			}
			if r.Recall[0] < f.p1Recall {
				t.Errorf("P1 recall %.3f, floor %.2f", r.Recall[0], f.p1Recall)
			}
			if r.FalseAlarmRate > f.falseAlarms {
				t.Errorf("false alarms %.3f (%d of %d), ceiling %.2f", r.FalseAlarmRate, r.FalseAlarms, r.LowCases, f.falseAlarms)
			}
			t.Logf("%s: accuracy %.3f, P1 recall %.3f, false alarms %.3f (%d cases)", split, r.Accuracy, r.Recall[0], r.FalseAlarmRate, r.Cases)
		})
	}
}

// BenchmarkClassify reads every mail of the train split (parsed once,
// outside the timing) through the policy, classifier included.
func BenchmarkClassify(b *testing.B) {
	cases, err := eval.Load(filepath.Join("..", "..", "testdata", "triage", "train"))
	if err != nil {
		b.Fatal(err)
	}
	p, err := triage.DefaultPolicy()
	if err != nil {
		b.Fatal(err)
	}
	var msgs []*parser.Message
	for _, c := range cases {
		if m, err := parser.Parse(c.Raw); err == nil {
			msgs = append(msgs, m)
		}
	}
	p.Triage("support", msgs[0]) // builds the vocabulary, once per process
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		p.Triage("support", msgs[i%len(msgs)])
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/1e3, "µs/msg")
}
