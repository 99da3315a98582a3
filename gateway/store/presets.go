package store

import (
	"embed"
	"strings"
	"sync"
)

// presets are the preset dictionaries of outbox rows, one per kind of
// mail: the default template of that kind rendered with sample data, in
// French then English, as the outbox's JSON. A row packed against one
// needs the very same bytes to be read, so a file here is never edited
// or removed (TestOutboxPresetsAreFrozen): a kind added later gets a new
// file, and better dictionaries would need a new row tag.
//
//go:embed presets/*.json
var presetFiles embed.FS

var presets = sync.OnceValue(func() map[string][]byte {
	m := map[string][]byte{}
	entries, _ := presetFiles.ReadDir("presets")
	for _, e := range entries {
		b, err := presetFiles.ReadFile("presets/" + e.Name())
		if err == nil {
			m[strings.TrimSuffix(e.Name(), ".json")] = b
		}
	}
	return m
})

// presetDict is the preset dictionary of a kind of mail; nil for a kind
// without one.
func presetDict(kind string) []byte { return presets()[kind] }
