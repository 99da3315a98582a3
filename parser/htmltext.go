package parser

import (
	"bytes"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// htmlToText renders HTML as readable plain text, for a message that has no
// text/plain body. It reads the HTML as a stream of tokens, once, keeping
// no tree: the cost is linear in the input and the state is a few
// counters (list nesting is bounded by maxListDepth).
//
// What it renders: blocks (p, div, headings, lists, tables, blockquote,
// pre, hr) on lines of their own, paragraph-like blocks apart by one blank
// line; list items as "* " or "1. "; table rows on lines with their cells
// apart by " | "; blockquote lines prefixed with "> " per level (as reply
// stripping expects quoted text); a link as its text followed by
// "( URL )" unless the text is the URL; bold as *text*. Entities are
// decoded, runs of HTML white space collapse to one space outside pre,
// and script, style, head, title and the like are skipped.
func htmlToText(s string) string {
	r := textRenderer{}
	r.out.Grow(len(s) / 2)
	z := html.NewTokenizer(strings.NewReader(s))
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			// The end of the input closes what is open.
			r.endLink()
			if r.bold > 0 {
				r.bold = 1
				r.end(atom.B)
			}
			return strings.TrimSpace(r.out.String())
		case html.TextToken:
			if r.skip == 0 {
				r.text(z.Text())
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			a := atom.Lookup(name)
			if skipContent(a) {
				if tt == html.StartTagToken && !voidElement(a) {
					r.skip++
				}
				continue
			}
			if r.skip > 0 {
				continue
			}
			var href, alt string
			for hasAttr && (a == atom.A || a == atom.Img) {
				var k, v []byte
				k, v, hasAttr = z.TagAttr()
				switch {
				case a == atom.A && string(k) == "href":
					href = string(v)
				case a == atom.Img && string(k) == "alt":
					alt = string(v)
				}
			}
			r.start(a, href, alt)
			if tt == html.SelfClosingTagToken && !voidElement(a) {
				r.end(a)
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			if skipContent(a) {
				if r.skip > 0 {
					r.skip--
				}
				continue
			}
			if r.skip == 0 {
				r.end(a)
			}
		}
	}
}

// maxListDepth bounds the list counters kept; deeper lists are rendered
// as the deepest one.
const maxListDepth = 32

// maxShownDepth bounds the indentation of nested lists and the ">" of
// nested quotes, so that what a line costs does not grow with nesting.
const maxShownDepth = 8

// textRenderer is the state of htmlToText.
type textRenderer struct {
	out strings.Builder

	newlines  int  // line ends owed before the next text (at most 2)
	owedQuote int  // the least quote depth while they were owed
	space     bool // a space owed before the next text on this line
	cellSep   bool // a cell separator owed instead of the space
	lineText  bool // the current line holds text
	ends      int  // line ends at the end of out, up to 2
	preStart  bool // right after a pre start tag, whose first LF is not text
	quote     int  // blockquote depth
	pre       int  // pre depth
	skip      int  // depth inside elements whose content is not text
	bold      int  // bold depth: only the outermost one is marked
	lists     []int
	listDepth int // may exceed len(lists)

	inLink    bool
	href      string
	linkStart int    // offset in out where the link text began, -1 before it
	linkAlt   string // alt text of an image in the link
}

// skipContent reports the elements whose content is never text.
func skipContent(a atom.Atom) bool {
	switch a {
	case atom.Head, atom.Title, atom.Script, atom.Style, atom.Template, atom.Noscript,
		atom.Iframe, atom.Object, atom.Embed, atom.Frameset, atom.Noframes, atom.Noembed, atom.Svg, atom.Math, atom.Select:
		return true
	}
	return false
}

// voidElement reports elements that never have an end tag.
func voidElement(a atom.Atom) bool {
	switch a {
	case atom.Area, atom.Base, atom.Br, atom.Col, atom.Embed, atom.Hr, atom.Img, atom.Input,
		atom.Link, atom.Meta, atom.Param, atom.Source, atom.Track, atom.Wbr:
		return true
	}
	return false
}

// paragraph reports blocks set apart by a blank line.
func paragraph(a atom.Atom) bool {
	switch a {
	case atom.P, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Ul, atom.Ol, atom.Dl,
		atom.Table, atom.Blockquote, atom.Pre, atom.Hr, atom.Figure, atom.Fieldset:
		return true
	}
	return false
}

// lineBlock reports blocks that only start and end a line.
func lineBlock(a atom.Atom) bool {
	switch a {
	case atom.Div, atom.Li, atom.Tr, atom.Dt, atom.Dd, atom.Caption, atom.Center, atom.Address,
		atom.Article, atom.Aside, atom.Section, atom.Header, atom.Footer, atom.Nav, atom.Main,
		atom.Form, atom.Figcaption, atom.Details, atom.Summary, atom.Thead, atom.Tbody, atom.Tfoot, atom.Body:
		return true
	}
	return false
}

func (r *textRenderer) start(a atom.Atom, href, alt string) {
	switch {
	case a == atom.Br:
		r.breakLine()
		return
	case paragraph(a):
		r.block(2)
	case lineBlock(a):
		r.block(1)
	}
	switch a {
	case atom.Blockquote:
		r.quote++
	case atom.Pre:
		r.pre++
		r.preStart = true
	case atom.Ul, atom.Ol:
		if r.listDepth < maxListDepth {
			n := 0
			if a == atom.Ul {
				n = -1
			}
			r.lists = append(r.lists, n)
		}
		r.listDepth++
	case atom.Li:
		marker := "* "
		if len(r.lists) > 0 {
			if n := &r.lists[len(r.lists)-1]; *n >= 0 {
				*n++
				marker = strconv.Itoa(*n) + ". "
			}
		}
		r.raw(strings.Repeat("  ", max(0, min(r.listDepth, maxShownDepth)-1)) + marker)
		r.space = false
	case atom.Td, atom.Th:
		if r.lineText && r.newlines == 0 {
			r.cellSep = true
		}
	case atom.B, atom.Strong:
		if r.bold == 0 {
			r.raw("*")
			r.space = false
		}
		r.bold++
	case atom.A:
		r.endLink()
		r.inLink, r.href, r.linkStart, r.linkAlt = true, href, -1, ""
	case atom.Img:
		if r.inLink && r.linkAlt == "" {
			r.linkAlt = alt
		}
	}
}

func (r *textRenderer) end(a atom.Atom) {
	switch a {
	case atom.Blockquote:
		if r.quote > 0 {
			r.quote--
		}
	case atom.Pre:
		if r.pre > 0 {
			r.pre--
		}
	case atom.Ul, atom.Ol:
		if r.listDepth > 0 {
			if r.listDepth <= maxListDepth {
				r.lists = r.lists[:len(r.lists)-1]
			}
			r.listDepth--
		}
	case atom.B, atom.Strong:
		if r.bold > 0 {
			r.bold--
			if r.bold == 0 {
				r.space = false
				r.raw("*")
			}
		}
	case atom.A:
		r.endLink()
	}
	switch {
	case paragraph(a):
		r.block(2)
	case lineBlock(a):
		r.block(1)
	}
}

// endLink closes the open link, if any: the URL follows its text unless
// it says the same (a mailto: address shown as itself, a bare URL).
func (r *textRenderer) endLink() {
	if !r.inLink {
		return
	}
	r.inLink = false
	text := ""
	if r.linkStart >= 0 {
		text = r.out.String()[r.linkStart:]
	}
	if strings.TrimSpace(text) == "" && r.linkAlt != "" {
		r.text([]byte(r.linkAlt))
		text = r.linkAlt
	}
	href := strings.TrimPrefix(strings.TrimSpace(r.href), "mailto:")
	if href != "" && href != strings.TrimSpace(text) {
		r.space = r.lineText
		r.raw("( " + href + " )")
	}
}

// block owes n line ends (1: a new line, 2: a blank line) before the next
// text.
func (r *textRenderer) block(n int) {
	r.owe(max(r.newlines, n))
}

// owe sets the line ends owed. A blank line owed at a lesser quote depth
// than the text that follows is not quoted: the blank line before a
// blockquote belongs to the text before it.
func (r *textRenderer) owe(n int) {
	if r.newlines == 0 || r.quote < r.owedQuote {
		r.owedQuote = r.quote
	}
	r.newlines = n
	r.space, r.cellSep = false, false
}

// breakLine owes one more line end, up to a blank line.
func (r *textRenderer) breakLine() {
	r.owe(min(r.newlines+1, 2))
}

// text writes text content, collapsing white space outside pre.
func (r *textRenderer) text(b []byte) {
	if r.pre > 0 {
		if r.preStart && len(b) > 0 && b[0] == '\n' {
			b = b[1:] // HTML drops a line end right after <pre>
		}
		r.preStart = false
		for len(b) > 0 {
			i := bytes.IndexByte(b, '\n')
			if i < 0 {
				r.raw(string(b))
				return
			}
			if i > 0 {
				r.raw(string(b[:i]))
			}
			r.breakPre()
			b = b[i+1:]
		}
		return
	}
	for len(b) > 0 {
		if htmlSpace(b[0]) {
			if r.lineText && r.newlines == 0 {
				r.space = true
			}
			b = b[1:]
			continue
		}
		i := 1
		for i < len(b) && !htmlSpace(b[i]) {
			i++
		}
		word := b[:i]
		b = b[i:]
		if !r.lineText || r.newlines > 0 {
			// A line does not start with other white space, such as the
			// &nbsp; of an "empty" paragraph.
			if word = bytes.TrimLeftFunc(word, unicode.IsSpace); len(word) == 0 {
				continue
			}
		}
		r.raw(string(word))
	}
}

// breakPre ends a line inside pre, where every line end counts.
func (r *textRenderer) breakPre() {
	r.flush()
	if r.out.Len() > 0 {
		r.out.WriteByte('\n')
		r.ends = min(r.ends+1, 2)
	}
	r.lineText = false
	r.space, r.cellSep = false, false
}

// raw writes s, which holds no line end, after what is owed.
func (r *textRenderer) raw(s string) {
	if s == "" {
		return
	}
	r.flush()
	switch {
	case r.cellSep && r.lineText:
		r.out.WriteString(" | ")
	case r.space && r.lineText:
		r.out.WriteByte(' ')
	}
	r.space, r.cellSep = false, false
	if !r.lineText && r.quote > 0 {
		r.out.WriteString(quotePrefix(r.quote))
		r.out.WriteByte(' ')
	}
	if r.inLink && r.linkStart < 0 {
		r.linkStart = r.out.Len()
	}
	r.out.WriteString(s)
	r.lineText, r.ends, r.preStart = true, 0, false
}

// flush writes the line ends owed; none before the first text.
func (r *textRenderer) flush() {
	if r.newlines == 0 {
		return
	}
	if r.out.Len() > 0 {
		// Line ends already written (by pre) count towards those owed.
		if r.ends == 0 {
			r.out.WriteByte('\n')
		}
		if r.newlines > 1 && r.ends < 2 {
			if d := min(r.quote, r.owedQuote); d > 0 {
				r.out.WriteString(quotePrefix(d))
			}
			r.out.WriteByte('\n')
		}
		r.ends = min(max(r.ends, r.newlines), 2)
		r.lineText = false
	}
	r.newlines = 0
}

func quotePrefix(depth int) string { return strings.Repeat(">", min(depth, maxShownDepth)) }

// htmlSpace is HTML's ASCII white space; U+00A0 (&nbsp;) is text.
func htmlSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
}
