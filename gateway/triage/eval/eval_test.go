package eval

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"ticketgate/parser"
)

func TestParseLevels(t *testing.T) {
	for in, want := range map[string][]int{"P2": {2}, "p3|P2": {2, 3}, " P1 | P5 ": {1, 5}} {
		if got, err := ParseLevels(in); err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("ParseLevels(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "P0", "P6", "2", "P2||P3", "high"} {
		if _, err := ParseLevels(bad); err == nil {
			t.Errorf("ParseLevels(%q): no error", bad)
		}
	}
}

// Run counts a case right when its level is accepted, puts it on the
// diagonal, and counts a P4/P5 case raised to P1 or P2 as a false alarm.
func TestRun(t *testing.T) {
	dir := t.TempDir()
	mail := func(subject string) []byte {
		return []byte("From: a@b.example\r\nSubject: " + subject + "\r\n\r\nx\r\n")
	}
	files := map[string][]byte{
		"a.eml": mail("1"), "b.eml": mail("2"), "c.eml": mail("1"), "d.eml": mail("5"),
		"labels.tsv": []byte("a.eml\tP1\nb.eml\tP2|P3\tnote b\nc.eml\tP4|P5\nd.eml\tP4\n"),
	}
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cases, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	r := Run(cases, func(m *parser.Message) (int, string) { return int(m.Subject[0] - '0'), "subject " + m.Subject })
	if r.Cases != 4 || r.Right != 2 || r.Accuracy != 0.5 {
		t.Errorf("cases %d right %d accuracy %v", r.Cases, r.Right, r.Accuracy)
	}
	if r.Confusion[0][0] != 1 || r.Confusion[1][1] != 1 || r.Confusion[3][0] != 1 || r.Confusion[3][4] != 1 {
		t.Errorf("confusion %v", r.Confusion)
	}
	if r.LowCases != 2 || r.FalseAlarms != 1 || r.FalseAlarmRate != 0.5 {
		t.Errorf("false alarms %d of %d (%v)", r.FalseAlarms, r.LowCases, r.FalseAlarmRate)
	}
	if r.Recall[0] != 1 || r.Precision[0] != 0.5 || r.Recall[3] != 0 || r.Support[3] != 2 {
		t.Errorf("recall %v precision %v support %v", r.Recall, r.Precision, r.Support)
	}
	if len(r.Misses) != 2 || r.Misses[0].File != "c.eml" || r.Misses[0].Expected != "P4|P5" || r.Misses[0].Got != "P1" {
		t.Errorf("misses %+v", r.Misses)
	}
	if _, err := Load(t.TempDir()); err == nil {
		t.Error("Load of an empty directory: no error")
	}
}
