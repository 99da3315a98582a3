// Package eval measures a priority classifier against a labelled corpus: a
// directory of .eml files and labels*.tsv files that give, for each file,
// the priorities a person accepts ("P2" or "P2|P3").
//
// A case is right when the level chosen is in its accepted set. Recall of
// level L is over the cases that accept L; precision of L over the cases
// classified L. The confusion matrix has one row per expected level: the
// level chosen when it was accepted, else the accepted level nearest to it,
// so that its diagonal is exactly the right answers. A false alarm is a
// case that accepts only P4 or P5 and was classified P1 or P2.
package eval

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"ticketgate/parser"
)

// Levels is the number of priorities measured.
const Levels = 5

// Case is one labelled mail.
type Case struct {
	File     string
	Accepted []int // sorted, each 1..Levels
	Note     string
	Raw      []byte
}

// Accepts reports whether level is in the case's accepted set.
func (c Case) Accepts(level int) bool {
	for _, a := range c.Accepted {
		if a == level {
			return true
		}
	}
	return false
}

// ErrNoCases is returned for a directory without labelled cases.
var ErrNoCases = errors.New("no labelled cases")

// Load reads every labels*.tsv of dir (lines "file<TAB>P2|P3<TAB>note"; a
// first line starting with "file" is a header) and the files they name.
func Load(dir string) ([]Case, error) {
	tsvs, err := filepath.Glob(filepath.Join(dir, "labels*.tsv"))
	if err != nil {
		return nil, fmt.Errorf("list labels in %s: %w", dir, err)
	}
	sort.Strings(tsvs)
	var cases []Case
	seen := map[string]bool{}
	for _, tsv := range tsvs {
		b, err := os.ReadFile(tsv)
		if err != nil {
			return nil, fmt.Errorf("read labels: %w", err)
		}
		sc := bufio.NewScanner(bytes.NewReader(b))
		for n := 1; sc.Scan(); n++ {
			line := strings.TrimRight(sc.Text(), "\r")
			if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
				continue
			}
			f := strings.Split(line, "\t")
			if n == 1 && strings.EqualFold(strings.TrimSpace(f[0]), "file") {
				continue
			}
			if len(f) < 2 {
				return nil, fmt.Errorf("%s:%d: want file<TAB>levels<TAB>note", tsv, n)
			}
			c := Case{File: strings.TrimSpace(f[0])}
			if len(f) > 2 {
				c.Note = strings.TrimSpace(strings.Join(f[2:], " "))
			}
			if c.Accepted, err = ParseLevels(f[1]); err != nil {
				return nil, fmt.Errorf("%s:%d: %w", tsv, n, err)
			}
			if seen[c.File] {
				return nil, fmt.Errorf("%s:%d: %s labelled twice", tsv, n, c.File)
			}
			seen[c.File] = true
			if c.Raw, err = os.ReadFile(filepath.Join(dir, c.File)); err != nil {
				return nil, fmt.Errorf("%s:%d: %w", tsv, n, err)
			}
			cases = append(cases, c)
		}
	}
	if len(cases) == 0 {
		return nil, fmt.Errorf("%s: %w (want .eml files and labels*.tsv)", dir, ErrNoCases)
	}
	return cases, nil
}

// ParseLevels reads "P2" or "P2|P3".
func ParseLevels(s string) ([]int, error) {
	var out []int
	for _, p := range strings.Split(strings.TrimSpace(s), "|") {
		p = strings.ToUpper(strings.TrimSpace(p))
		if len(p) != 2 || p[0] != 'P' || p[1] < '1' || p[1] > '0'+Levels {
			return nil, fmt.Errorf("accepted level %q: want P1 to P%d, several joined with |", p, Levels)
		}
		out = append(out, int(p[1]-'0'))
	}
	sort.Ints(out)
	return out, nil
}

// Classifier gives a parsed mail its level and the reason.
type Classifier func(m *parser.Message) (level int, reason string)

// Miss is a case classified outside its accepted set.
type Miss struct {
	File     string `json:"file"`
	Expected string `json:"expected"`
	Got      string `json:"got"`
	Reason   string `json:"reason"`
	Note     string `json:"note,omitempty"`
}

// Report is the outcome over a corpus.
type Report struct {
	Cases    int     `json:"cases"`
	Right    int     `json:"right"`
	Accuracy float64 `json:"accuracy"`
	// Recall and Precision are indexed by level - 1.
	Recall    [Levels]float64 `json:"recall"`
	Precision [Levels]float64 `json:"precision"`
	// Support is how many cases accept each level.
	Support [Levels]int `json:"support"`
	// Confusion[expected-1][got-1].
	Confusion [Levels][Levels]int `json:"confusion"`
	// LowCases accept only P4 or P5; FalseAlarms of them became P1 or P2.
	LowCases       int     `json:"low_cases"`
	FalseAlarms    int     `json:"false_alarms"`
	FalseAlarmRate float64 `json:"false_alarm_rate"`
	Misses         []Miss  `json:"misses"`
	Unparsed       []Miss  `json:"unparsed,omitempty"`
}

// Run classifies every case.
func Run(cases []Case, classify Classifier) Report {
	var r Report
	var gotN, gotRight, accRight [Levels]int
	for _, c := range cases {
		m, err := parser.Parse(c.Raw)
		if err != nil {
			r.Unparsed = append(r.Unparsed, Miss{File: c.File, Expected: levels(c.Accepted), Reason: err.Error()})
			continue
		}
		level, reason := classify(m)
		r.Cases++
		right := c.Accepts(level)
		exp := nearest(c.Accepted, level)
		if level >= 1 && level <= Levels {
			r.Confusion[exp-1][level-1]++
			gotN[level-1]++
			if right {
				gotRight[level-1]++
			}
		}
		for _, a := range c.Accepted {
			r.Support[a-1]++
			if right {
				accRight[a-1]++
			}
		}
		low := c.Accepted[0] >= 4
		if low {
			r.LowCases++
			if level == 1 || level == 2 {
				r.FalseAlarms++
			}
		}
		if right {
			r.Right++
			continue
		}
		r.Misses = append(r.Misses, Miss{File: c.File, Expected: levels(c.Accepted), Got: fmt.Sprintf("P%d", level), Reason: reason, Note: c.Note})
	}
	if r.Cases > 0 {
		r.Accuracy = float64(r.Right) / float64(r.Cases)
	}
	if r.LowCases > 0 {
		r.FalseAlarmRate = float64(r.FalseAlarms) / float64(r.LowCases)
	}
	for l := 0; l < Levels; l++ {
		if r.Support[l] > 0 {
			r.Recall[l] = float64(accRight[l]) / float64(r.Support[l])
		}
		if gotN[l] > 0 {
			r.Precision[l] = float64(gotRight[l]) / float64(gotN[l])
		}
	}
	return r
}

// nearest is level when accepted, else the accepted level closest to it
// (the more urgent one on a tie).
func nearest(accepted []int, level int) int {
	best := accepted[0]
	for _, a := range accepted {
		if abs(a-level) < abs(best-level) {
			best = a
		}
	}
	return best
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

func levels(ls []int) string {
	s := make([]string, len(ls))
	for i, l := range ls {
		s[i] = fmt.Sprintf("P%d", l)
	}
	return strings.Join(s, "|")
}

// WriteText prints a report for people.
func (r Report) WriteText(out io.Writer) error {
	w := &strings.Builder{}
	fmt.Fprintf(w, "cases      %d\n", r.Cases)
	fmt.Fprintf(w, "accuracy   %.3f (%d right)\n", r.Accuracy, r.Right)
	fmt.Fprintf(w, "false alarms %d of %d P4/P5 cases (%.3f)\n\n", r.FalseAlarms, r.LowCases, r.FalseAlarmRate)
	fmt.Fprintf(w, "level  recall  precision  cases\n")
	for l := 0; l < Levels; l++ {
		fmt.Fprintf(w, "P%d     %.3f   %.3f      %d\n", l+1, r.Recall[l], r.Precision[l], r.Support[l])
	}
	fmt.Fprintf(w, "\nconfusion (rows expected, columns got)\n      P1   P2   P3   P4   P5\n")
	for l := 0; l < Levels; l++ {
		fmt.Fprintf(w, "P%d", l+1)
		for g := 0; g < Levels; g++ {
			fmt.Fprintf(w, " %4d", r.Confusion[l][g])
		}
		fmt.Fprintln(w)
	}
	if len(r.Misses) > 0 {
		fmt.Fprintf(w, "\nmisses (%d)\n", len(r.Misses))
		for _, m := range r.Misses {
			fmt.Fprintf(w, "%s  expected %s, got %s: %s\n", m.File, m.Expected, m.Got, m.Reason)
		}
	}
	for _, m := range r.Unparsed {
		fmt.Fprintf(w, "%s  not parsed: %s\n", m.File, m.Reason)
	}
	_, err := io.WriteString(out, w.String())
	return err
}
