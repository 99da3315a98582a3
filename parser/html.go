package parser

import (
	"strings"

	"github.com/inbucket/html2text"
	"github.com/microcosm-cc/bluemonday"
)

// htmlPolicy keeps what a support agent needs to read a mail (text,
// formatting, links, tables, inline images by cid:) and drops scripts,
// styles, event handlers and remote content tricks.
var htmlPolicy = func() *bluemonday.Policy {
	p := bluemonday.UGCPolicy()
	p.AllowURLSchemes("http", "https", "mailto", "cid", "tel")
	p.RequireNoReferrerOnLinks(true)
	p.AddTargetBlankToFullyQualifiedLinks(true)
	return p
}()

func sanitizeHTML(s string) string {
	return strings.TrimSpace(htmlPolicy.Sanitize(s))
}

// htmlToText renders sanitised HTML as readable plain text.
func htmlToText(s string) string {
	t, err := html2text.FromString(s, html2text.Options{})
	if err != nil {
		// The HTML tokenizer does not fail on bad markup; keep the tags
		// stripped by the sanitiser's strict policy as a last resort.
		return strings.TrimSpace(bluemonday.StrictPolicy().Sanitize(s))
	}
	return t
}
