package parser

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden JSON files in testdata/parser")

// TestGolden parses every .eml file of the corpus and compares the result
// with the JSON file beside it (go test ./parser -update rewrites them;
// review the diff before committing).
func TestGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "testdata", "parser", "*.eml"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 40 {
		t.Fatalf("corpus has %d .eml files, want at least 40", len(files))
	}
	for _, name := range files {
		t.Run(filepath.Base(name), func(t *testing.T) {
			raw, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			m, err := Parse(raw)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			got, err := goldenJSON(m)
			if err != nil {
				t.Fatal(err)
			}
			golden := strings.TrimSuffix(name, ".eml") + ".json"
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("read golden file (run go test ./parser -update to create it): %v", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("parse result differs from %s:\n got: %s\nwant: %s", golden, got, want)
			}
		})
	}
}

func goldenJSON(m *Message) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	err := enc.Encode(m)
	return buf.Bytes(), err
}
