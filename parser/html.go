package parser

import (
	"regexp"
	"strings"

	"github.com/microcosm-cc/bluemonday"
)

// htmlPolicy keeps what a support agent needs to read a mail (text,
// formatting, links, tables, lists) and drops scripts, styles, event
// handlers and remote images: a remote image tells the sender when the mail
// was read, so only inline images (cid:) are kept.
var htmlPolicy = func() *bluemonday.Policy {
	p := bluemonday.NewPolicy()
	p.AllowStandardAttributes()
	p.AllowURLSchemes("http", "https", "mailto", "tel", "cid")
	p.AllowElements("p", "br", "div", "span", "b", "strong", "i", "em", "u", "s", "strike", "sub", "sup",
		"blockquote", "pre", "code", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "font", "center", "small", "big")
	p.AllowLists()
	p.AllowTables()
	p.AllowAttrs("href").OnElements("a")
	p.RequireNoReferrerOnLinks(true)
	p.AddTargetBlankToFullyQualifiedLinks(true)
	p.AllowAttrs("src").Matching(cidURL).OnElements("img")
	p.AllowAttrs("alt", "width", "height").OnElements("img")
	return p
}()

var cidURL = regexp.MustCompile(`^cid:[^\s"'<>]+$`)

func sanitizeHTML(s string) string {
	return strings.TrimSpace(htmlPolicy.Sanitize(s))
}
