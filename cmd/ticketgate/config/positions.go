package config

import (
	"fmt"
	"sort"
	"strings"

	"github.com/pelletier/go-toml/v2/unstable"
)

// positions knows the line each key of the file is written on, so that an
// error names it. Keys are dotted paths as errors name them, with the
// entries of an array of tables numbered from 1: "smtp.host",
// "mailboxes.support.imap.port", "triage.rules[2].priority".
//
// BurntSushi/toml decodes the file, but its MetaData keeps key positions
// private (v1.6.0) and names every entry of an array of tables alike, so
// the lines come from the syntax tree of go-toml's parser instead: a
// second, read-only pass over the same bytes. A document that parser
// refuses keeps the lines found before the refusal; BurntSushi alone
// decides whether the file is valid.
type positions struct {
	lines map[string]int
	// folded finds keys the decoder matched without regard to case.
	folded map[string]int
	// keys lists every key once, in file order.
	keys []string
}

// indexPositions walks the document's expressions: table headers, array
// table headers, and key/value pairs with their dotted keys and inline
// tables.
func indexPositions(src []byte) *positions {
	ix := &positions{lines: map[string]int{}, folded: map[string]int{}}
	nl := newlines(src)
	line := func(n *unstable.Node) int {
		return sort.Search(len(nl), func(i int) bool { return nl[i] >= int(n.Raw.Offset) }) + 1
	}
	var p unstable.Parser
	p.Reset(src)
	entries := map[string]int{} // arrays of tables: entries so far
	table := ""                 // the current table's path
	for p.NextExpression() {
		e := p.Expression()
		switch e.Kind {
		case unstable.Table, unstable.ArrayTable:
			path, first := "", 0
			for it := e.Key(); it.Next(); {
				k := it.Node()
				if first == 0 {
					first = line(k)
				}
				path = join(path, string(k.Data))
				if it.IsLast() && e.Kind == unstable.ArrayTable {
					ix.add(path, first)
					entries[path]++
					path = fmt.Sprintf("%s[%d]", path, entries[path])
				} else if n, ok := entries[path]; ok {
					// [fruit.info] after [[fruit]]: its last entry.
					path = fmt.Sprintf("%s[%d]", path, n)
				}
				ix.add(path, first)
			}
			table = path
		case unstable.KeyValue:
			ix.keyValue(table, e, line)
		}
	}
	return ix
}

func (ix *positions) keyValue(table string, kv *unstable.Node, line func(*unstable.Node) int) {
	path := table
	for it := kv.Key(); it.Next(); {
		k := it.Node()
		path = join(path, string(k.Data))
		ix.add(path, line(k))
	}
	v := kv.Value()
	switch v.Kind {
	case unstable.InlineTable:
		for it := v.Children(); it.Next(); {
			if n := it.Node(); n.Kind == unstable.KeyValue {
				ix.keyValue(path, n, line)
			}
		}
	case unstable.Array:
		i := 0
		for it := v.Children(); it.Next(); {
			n := it.Node()
			if n.Kind == unstable.Comment {
				continue
			}
			i++
			if n.Kind == unstable.InlineTable {
				entry := fmt.Sprintf("%s[%d]", path, i)
				ix.add(entry, line(n))
				for it := n.Children(); it.Next(); {
					if kv := it.Node(); kv.Kind == unstable.KeyValue {
						ix.keyValue(entry, kv, line)
					}
				}
			}
		}
	}
}

// add records the first line a key appears on: a table that dotted keys
// define is where its first key is.
func (ix *positions) add(key string, line int) {
	if _, ok := ix.lines[key]; ok {
		return
	}
	ix.lines[key] = line
	ix.keys = append(ix.keys, key)
	if f := strings.ToLower(key); ix.folded[f] == 0 {
		ix.folded[f] = line
	}
}

// line is where key is written, else where the nearest table holding it
// is (a key the file leaves out), else 0.
func (ix *positions) line(key string) int {
	for key != "" {
		if n, ok := ix.lines[key]; ok {
			return n
		}
		if n, ok := ix.folded[strings.ToLower(key)]; ok {
			return n
		}
		i := strings.LastIndexAny(key, ".[")
		if i < 0 {
			break
		}
		key = key[:i]
	}
	return 0
}

// unnumbered is a key as the decoder names it, without entry numbers:
// "triage.rules[2].tier" is "triage.rules.tier".
func unnumbered(key string) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(key, '[')
		if i < 0 {
			b.WriteString(key)
			return b.String()
		}
		b.WriteString(key[:i])
		j := strings.IndexByte(key[i:], ']')
		if j < 0 {
			b.WriteString(key[i:])
			return b.String()
		}
		key = key[i+j+1:]
	}
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// newlines lists the offsets of the line feeds of src.
func newlines(src []byte) []int {
	var out []int
	for i, c := range src {
		if c == '\n' {
			out = append(out, i)
		}
	}
	return out
}
