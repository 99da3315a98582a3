package gateway

import (
	"sync"

	"ticketgate/templates"
)

// maxCachedTemplates bounds the cache: each saved edit is a new document,
// and a long-running gateway sees many over its life.
const maxCachedTemplates = 256

// templateCache keeps each template document compiled once. It is keyed
// by the document itself, so an edit (a new document) is compiled anew
// and the cache can never serve a stale version.
type templateCache struct {
	mu       sync.Mutex
	compiled map[templates.Doc]*templates.Compiled
	defaults map[[2]string]templates.Doc
}

func newTemplateCache() *templateCache {
	return &templateCache{compiled: map[templates.Doc]*templates.Compiled{}, defaults: map[[2]string]templates.Doc{}}
}

// compile returns d compiled. A document that does not compile is not
// kept: its error is returned each time.
func (c *templateCache) compile(d templates.Doc) (*templates.Compiled, error) {
	c.mu.Lock()
	t, ok := c.compiled[d]
	c.mu.Unlock()
	if ok {
		return t, nil
	}
	t, err := templates.Compile(d)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	if len(c.compiled) >= maxCachedTemplates {
		clear(c.compiled)
	}
	c.compiled[d] = t
	c.mu.Unlock()
	return t, nil
}

// defaultDoc returns an embedded default, read once: defaults change only
// with the binary.
func (c *templateCache) defaultDoc(name, lang string) (templates.Doc, error) {
	key := [2]string{name, lang}
	c.mu.Lock()
	d, ok := c.defaults[key]
	c.mu.Unlock()
	if ok {
		return d, nil
	}
	d, err := templates.Default(name, lang)
	if err != nil {
		return d, err
	}
	c.mu.Lock()
	c.defaults[key] = d
	c.mu.Unlock()
	return d, nil
}
