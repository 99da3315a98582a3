package config

import (
	"encoding"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"time"
)

// checkTypes walks a decoded document beside the type it decodes into and
// reports every value of the wrong TOML type at its key ("mail.rate_limit:
// must be an integer, not a string"), which the decoder would only report
// one at a time, in its own words and without the key's line.
func checkTypes(p *problems, doc map[string]any, t reflect.Type) {
	checkTable(p, doc, t, "")
}

var (
	textType = reflect.TypeFor[encoding.TextUnmarshaler]()
	timeType = reflect.TypeFor[time.Time]()
	// selfType reads its own value, of more than one TOML type (a name or
	// a table of names), and says itself what is wrong with it.
	selfType = reflect.TypeFor[interface{ UnmarshalTOML(any) error }]()
)

func checkTable(p *problems, doc map[string]any, t reflect.Type, prefix string) {
	fields := map[string]reflect.Type{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if f.Anonymous && f.Type.Kind() == reflect.Struct {
			checkTable(p, doc, f.Type, prefix)
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("toml"), ",")
		if name == "" || name == "-" {
			continue
		}
		fields[name] = f.Type
	}
	keys := make([]string, 0, len(doc))
	for k := range doc {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		ft, ok := fields[k]
		if !ok {
			continue // an unknown key: reported as such once decoded
		}
		checkValue(p, doc[k], ft, join(prefix, k))
	}
}

func checkValue(p *problems, v any, t reflect.Type, key string) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == timeType {
		if _, ok := v.(time.Time); !ok {
			p.badType(key, "a date and time", v)
		}
		return
	}
	if reflect.PointerTo(t).Implements(selfType) {
		return
	}
	if reflect.PointerTo(t).Implements(textType) {
		// A duration or a similar value written as text; the decoder
		// turns numbers into text too, and the value's own parser judges.
		switch v.(type) {
		case string, int64, float64:
		default:
			p.badType(key, "a string", v)
		}
		return
	}
	switch t.Kind() {
	case reflect.String:
		if _, ok := v.(string); !ok {
			p.badType(key, "a string", v)
		}
	case reflect.Bool:
		if _, ok := v.(bool); !ok {
			p.badType(key, "true or false", v)
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		if _, ok := v.(int64); !ok {
			p.badType(key, "an integer", v)
		}
	case reflect.Float32, reflect.Float64:
		switch v.(type) {
		case int64, float64:
		default:
			p.badType(key, "a number", v)
		}
	case reflect.Struct:
		m, ok := v.(map[string]any)
		if !ok {
			p.badType(key, "a table", v)
			return
		}
		checkTable(p, m, t, key)
	case reflect.Map:
		m, ok := v.(map[string]any)
		if !ok {
			p.badType(key, "a table", v)
			return
		}
		for k, e := range m {
			checkValue(p, e, t.Elem(), join(key, k))
		}
	case reflect.Slice, reflect.Array:
		var items []any
		switch s := v.(type) {
		case []any:
			items = s
		case []map[string]any:
			for i, m := range s {
				checkValue(p, m, t.Elem(), fmt.Sprintf("%s[%d]", key, i+1))
			}
			return
		default:
			p.badType(key, "an array", v)
			return
		}
		for _, e := range items {
			checkValue(p, e, t.Elem(), key)
		}
	}
}

// badType reports a value of the wrong type, with what to write instead.
func (p *problems) badType(key, want string, v any) {
	got := tomlType(v)
	if s, ok := v.(string); ok {
		got = fmt.Sprintf("a string (%q)", s)
		if want == "an integer" || want == "a number" || want == "true or false" {
			got += "; write it without quotes"
		}
	}
	p.bad(fmt.Sprintf("must be %s, not %s", want, got), key)
}

func tomlType(v any) string {
	switch v.(type) {
	case string:
		return "a string"
	case int64:
		return "an integer"
	case float64:
		return "a decimal number"
	case bool:
		return "a boolean"
	case time.Time:
		return "a date"
	case map[string]any:
		return "a table"
	case []any, []map[string]any:
		return "an array"
	}
	return fmt.Sprintf("a %T", v)
}
