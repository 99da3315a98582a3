package templates

import (
	"embed"
	"errors"
	"fmt"
	htmltemplate "html/template"
	"io"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"text/template"
	"text/template/parse"
	"time"
)

// The template names.
const (
	Ack              = "ack"               // a new ticket, to the customer
	AckOncall        = "ack-oncall"        // a new ticket on the on-call address
	AgentReply       = "agent-reply"       // an agent's answer relayed to the customer
	Resolved         = "resolved"          // the ticket is resolved; object before the deadline
	Reminder         = "reminder"          // the ticket closes soon without an answer
	Closed           = "closed"            // the ticket is closed
	Reopened         = "reopened"          // the customer's reply reopened the ticket
	MissingInfo      = "missing-info"      // a new ticket that lacks required details
	Unregistered     = "unregistered"      // an unknown sender on a registered-only mailbox
	AgentNewTicket   = "agent-new-ticket"  // a new ticket, to the agents
	SLAWarning       = "sla-warning"       // a due time at risk or missed, to the agents
	AgentNotice      = "agent-notice"      // the customer replied, confirmed or reopened, to the agents
	AgentError       = "agent-error"       // an agent's mail could not be acted on, to that agent
	PriorityRaised   = "priority-raised"   // the ticket became P1: its new targets, to the customer
	AgentPage        = "agent-page"        // a ticket raised to P1, to the on-call list
	Progress         = "progress"          // news of an open ticket, with the estimated resolution, to the customer
	ProgressReminder = "progress-reminder" // the customer has heard nothing for the update target, to the agents
	Escalation       = "escalation"        // a ticket moved to level 2, with its history, to the specialists
)

// Names lists every template, in the order people read them.
func Names() []string {
	return []string{Ack, AckOncall, MissingInfo, AgentReply, Resolved, Reminder, Closed, Reopened,
		Unregistered, AgentNewTicket, AgentNotice, AgentError, SLAWarning, PriorityRaised, AgentPage,
		Progress, ProgressReminder, Escalation}
}

// Languages lists the languages every template exists in.
func Languages() []string { return []string{"en", "fr"} }

// Known reports whether name is a template.
func Known(name string) bool { return slices.Contains(Names(), name) }

// KnownLanguage reports whether lang is one of Languages.
func KnownLanguage(lang string) bool { return slices.Contains(Languages(), lang) }

//go:embed defaults
var defaults embed.FS

// Doc is one template in one language: the document an administrator
// edits.
type Doc struct {
	Name, Lang string
	Subject    string
	Text       string
	HTML       string
	// Lines where each part starts in the document, for error positions.
	subjectLine, textLine, htmlLine int
}

// Default returns the embedded default of a template.
func Default(name, lang string) (Doc, error) {
	if !Known(name) {
		return Doc{}, fmt.Errorf("template %q: %w", name, ErrUnknown)
	}
	if !KnownLanguage(lang) {
		return Doc{}, fmt.Errorf("template %s: language %q: %w", name, lang, ErrUnknownLanguage)
	}
	b, err := defaults.ReadFile("defaults/" + lang + "/" + name + ".tmpl")
	if err != nil {
		return Doc{}, fmt.Errorf("read default template %s (%s): %w", name, lang, err)
	}
	return Parse(name, lang, string(b))
}

// ErrUnknown is returned for a template name that does not exist.
var ErrUnknown = errors.New("no such template")

// ErrUnknownLanguage is returned for a language templates do not exist in.
var ErrUnknownLanguage = errors.New("unsupported language")

const (
	textSep = "--- text ---"
	htmlSep = "--- html ---"
)

// Parse splits a document into its subject, text and HTML parts. It checks
// the shape only; Validate checks the template language.
func Parse(name, lang, src string) (Doc, error) {
	src = strings.ReplaceAll(src, "\r\n", "\n")
	d := Doc{Name: name, Lang: lang}
	lines := strings.Split(src, "\n")
	first := strings.TrimRight(lines[0], " \t")
	rest, ok := strings.CutPrefix(first, "Subject:")
	if !ok {
		return d, &Error{Name: name, Lang: lang, Line: 1, Col: 1, Msg: `the document must start with "Subject: "`}
	}
	d.Subject, d.subjectLine = strings.TrimSpace(rest), 1
	textAt, htmlAt := -1, -1
	for i, l := range lines {
		switch strings.TrimSpace(l) {
		case textSep:
			if textAt < 0 {
				textAt = i
			}
		case htmlSep:
			if htmlAt < 0 && textAt >= 0 {
				htmlAt = i
			}
		}
	}
	if textAt != 1 {
		return d, &Error{Name: name, Lang: lang, Line: 2, Col: 1, Msg: fmt.Sprintf("line 2 must be %q", textSep)}
	}
	if htmlAt < 0 {
		last := len(strings.Split(strings.TrimRight(src, "\n"), "\n"))
		return d, &Error{Name: name, Lang: lang, Line: last, Col: 1, Msg: fmt.Sprintf("missing the %q line that starts the HTML body", htmlSep)}
	}
	d.Text = strings.Join(lines[textAt+1:htmlAt], "\n")
	d.HTML = strings.Join(lines[htmlAt+1:], "\n")
	d.textLine, d.htmlLine = textAt+2, htmlAt+2
	return d, nil
}

// String is the document form of d, the inverse of Parse.
func (d Doc) String() string {
	text := strings.TrimRight(d.Text, "\n")
	html := strings.TrimRight(d.HTML, "\n")
	return "Subject: " + d.Subject + "\n" + textSep + "\n" + text + "\n" + htmlSep + "\n" + html + "\n"
}

// Error is a problem in a template, at a line and column of its document
// (column 0 when the template parser tells the line only).
type Error struct {
	Name, Lang string
	Line, Col  int
	Msg        string
}

func (e *Error) Error() string {
	pos := fmt.Sprintf("line %d", e.Line)
	if e.Col > 0 {
		pos += fmt.Sprintf(", column %d", e.Col)
	}
	return fmt.Sprintf("template %s (%s), %s: %s", e.Name, e.Lang, pos, e.Msg)
}

// Funcs are the functions templates may call, beside the builtins of
// text/template that Validate allows.
func Funcs() template.FuncMap {
	return template.FuncMap{
		"upper": strings.ToUpper,
		"lower": strings.ToLower,
		"join":  func(items []string, sep string) string { return strings.Join(items, sep) },
		// quote prefixes each line with "> ", as mail clients quote.
		"quote": func(s string) string {
			s = strings.TrimRight(s, "\n")
			if s == "" {
				return ""
			}
			return "> " + strings.ReplaceAll(s, "\n", "\n> ")
		},
		// lines keeps a text's line breaks: as is in text, as <br> in HTML
		// (see htmlFuncs).
		"lines": func(s string) string { return s },
	}
}

// htmlFuncs are Funcs as the HTML part sees them.
func htmlFuncs() htmltemplate.FuncMap {
	f := htmltemplate.FuncMap(Funcs())
	f["lines"] = func(s string) htmltemplate.HTML {
		s = htmltemplate.HTMLEscapeString(strings.TrimRight(s, "\n"))
		return htmltemplate.HTML(strings.ReplaceAll(s, "\n", "<br>\n"))
	}
	return f
}

// builtins text/template offers that a template may use: the others
// (call, print family, index, slice, html, js, urlquery) are either a way
// around the fixed variables or break the escaping.
var builtins = []string{"and", "or", "not", "eq", "ne", "lt", "le", "gt", "ge", "len"}

// Rendered is a template filled with data.
type Rendered struct {
	Subject string
	Text    string
	HTML    string
}

// Render fills d with data. The subject is checked to be one line. The
// output of each part and the time taken are bounded (see MaxPartBytes,
// RenderTimeout): past them the rendering fails.
func Render(d Doc, data Data) (Rendered, error) {
	c, err := Compile(d)
	if err != nil {
		return Rendered{}, err
	}
	return c.Render(data)
}

// Compiled is a document parsed and checked once, to render many times:
// parsing took more time than filling a template in. It is safe for
// concurrent use.
type Compiled struct {
	d    Doc
	sub  *template.Template
	txt  *template.Template
	html *htmltemplate.Template
	// loops is whether a part has a range action (see renderBounded).
	loops bool
}

// Compile parses and checks d, as Validate does before rendering.
func Compile(d Doc) (*Compiled, error) {
	sub, txt, html, err := d.compile()
	if err != nil {
		return nil, err
	}
	loops := hasRange(sub.Tree) || hasRange(txt.Tree)
	for _, t := range html.Templates() {
		loops = loops || hasRange(t.Tree)
	}
	return &Compiled{d: d, sub: sub, txt: txt, html: html, loops: loops}, nil
}

// Render fills the template with data, within the same bounds as Render.
func (c *Compiled) Render(data Data) (Rendered, error) {
	var r Rendered
	d, sub, txt, html := c.d, c.sub, c.txt, c.html
	deadline := time.Now().Add(RenderTimeout)
	limit := bodyLimit(data)
	// The three parts render in one goroutine, one after the other: a
	// goroutine and a timer per part cost more than filling the subject in.
	oneLine := func(s string) error {
		if strings.ContainsAny(strings.TrimSpace(s), "\r\n") {
			return &Error{Name: d.Name, Lang: d.Lang, Line: d.subjectLine, Msg: "the subject renders to more than one line"}
		}
		return nil
	}
	out, part, err := renderBounded([]boundedPart{
		{"subject", MaxSubjectBytes, func(w io.Writer) error { return sub.Execute(w, data) }, oneLine},
		{"text", limit, func(w io.Writer) error { return txt.Execute(w, data) }, nil},
		{"html", limit, func(w io.Writer) error { return html.Execute(w, data) }, nil},
	}, deadline, c.loops)
	if err != nil {
		var te *Error
		if errors.As(err, &te) {
			return r, te
		}
		maxBytes := limit
		if part == "subject" {
			maxBytes = MaxSubjectBytes
		}
		if be := d.boundError(part, maxBytes, err); be != nil {
			return r, be
		}
		return r, d.execError(part, err)
	}
	r.Subject = strings.TrimSpace(out[0])
	r.Text = strings.TrimSpace(out[1]) + "\n"
	r.HTML = strings.TrimSpace(out[2]) + "\n"
	return r, nil
}

// Validate checks that d parses, uses only the known variables, functions
// and actions, and renders with sample data in every language, with the
// optional parts empty and filled.
func Validate(d Doc) error {
	if _, _, _, err := d.compile(); err != nil {
		return err
	}
	for _, lang := range Languages() {
		for _, full := range []bool{true, false} {
			if _, err := Render(d, Sample(d.Name, lang, full)); err != nil {
				return err
			}
		}
	}
	return nil
}

func (d Doc) compile() (*template.Template, *template.Template, *htmltemplate.Template, error) {
	funcs := Funcs()
	sub, err := template.New("subject").Funcs(funcs).Option("missingkey=error").Parse(d.Subject)
	if err != nil {
		return nil, nil, nil, d.parseError(err)
	}
	txt, err := template.New("text").Funcs(funcs).Option("missingkey=error").Parse(d.Text)
	if err != nil {
		return nil, nil, nil, d.parseError(err)
	}
	html, err := htmltemplate.New("html").Funcs(htmlFuncs()).Option("missingkey=error").Parse(d.HTML)
	if err != nil {
		return nil, nil, nil, d.parseError(err)
	}
	for _, part := range []struct {
		name string
		tpl  *template.Template
	}{{"subject", sub}, {"text", txt}} {
		if err := d.check(part.name, part.tpl.Tree, part.tpl.Templates()); err != nil {
			return nil, nil, nil, err
		}
	}
	// html/template exposes its trees through Templates() before it escapes.
	for _, t := range html.Templates() {
		if err := d.check("html", t.Tree, nil); err != nil {
			return nil, nil, nil, err
		}
	}
	if len(html.Templates()) > 1 {
		return nil, nil, nil, &Error{Name: d.Name, Lang: d.Lang, Line: d.htmlLine, Msg: "define and block are not allowed"}
	}
	return sub, txt, html, nil
}

// offset is the document line where a part starts, minus one.
func (d Doc) offset(part string) int {
	switch part {
	case "subject":
		return d.subjectLine - 1
	case "text":
		return d.textLine - 1
	default:
		return d.htmlLine - 1
	}
}

// The position text/template and html/template put in their errors:
// "template: text:3: ..." or "template: text:3:14: ...".
var errPos = regexp.MustCompile(`^(?:html/)?template: (subject|text|html):(\d+)(?::(\d+))?: (.*)$`)

func (d Doc) parseError(err error) error {
	msg := err.Error()
	if m := errPos.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[2])
		col, _ := strconv.Atoi(m[3])
		if m[1] == "subject" && col > 0 {
			col += len("Subject: ")
		}
		return &Error{Name: d.Name, Lang: d.Lang, Line: d.offset(m[1]) + line, Col: col, Msg: m[4]}
	}
	return &Error{Name: d.Name, Lang: d.Lang, Line: 1, Msg: msg}
}

func (d Doc) execError(part string, err error) error {
	var ee template.ExecError
	if errors.As(err, &ee) {
		return d.parseError(ee.Err)
	}
	e := d.parseError(err).(*Error)
	if e.Line == 1 && part != "subject" {
		e.Line = d.offset(part) + 1
	}
	return e
}

// check walks a parse tree and rejects what a template may not use.
func (d Doc) check(part string, tree *parse.Tree, all []*template.Template) error {
	if len(all) > 1 {
		return &Error{Name: d.Name, Lang: d.Lang, Line: d.offset(part) + 1, Msg: "define and block are not allowed"}
	}
	if tree == nil || tree.Root == nil {
		return nil
	}
	fields := dataFields()
	funcs := Funcs()
	var bad error
	at := func(n parse.Node, format string, args ...any) {
		if bad != nil {
			return
		}
		loc, _ := tree.ErrorContext(n)
		line, col := 1, 0
		// loc is "name:line:col".
		if parts := strings.Split(loc, ":"); len(parts) >= 3 {
			line, _ = strconv.Atoi(parts[len(parts)-2])
			col, _ = strconv.Atoi(parts[len(parts)-1])
			col++ // ErrorContext counts bytes from 0
		}
		if part == "subject" {
			col += len("Subject: ")
		}
		bad = &Error{Name: d.Name, Lang: d.Lang, Line: d.offset(part) + line, Col: col, Msg: fmt.Sprintf(format, args...)}
	}
	var walk func(n parse.Node, dot reflect.Type)
	field := func(n parse.Node, idents []string, dot reflect.Type) {
		t := dot
		for _, id := range idents {
			if t == nil || t.Kind() != reflect.Struct {
				at(n, "%q is not a variable here", "."+id)
				return
			}
			f, ok := t.FieldByName(id)
			if !ok || !f.IsExported() {
				at(n, "unknown variable %q (known: %s)", "."+id, strings.Join(fields, ", "))
				return
			}
			t = f.Type
		}
	}
	walkPipe := func(p *parse.PipeNode, dot reflect.Type) {
		if p == nil {
			return
		}
		for _, c := range p.Cmds {
			for _, a := range c.Args {
				walk(a, dot)
			}
		}
	}
	dataType := reflect.TypeFor[Data]()
	ranges := 0 // range actions around the node walked
	walk = func(n parse.Node, dot reflect.Type) {
		if n == nil || bad != nil {
			return
		}
		switch n := n.(type) {
		case *parse.ListNode:
			if n == nil {
				return
			}
			for _, c := range n.Nodes {
				walk(c, dot)
			}
		case *parse.ActionNode:
			walkPipe(n.Pipe, dot)
		case *parse.IfNode:
			walkPipe(n.Pipe, dot)
			walk(n.List, dot)
			walk(n.ElseList, dot)
		case *parse.WithNode:
			walkPipe(n.Pipe, dot)
			walk(n.List, nil) // dot is a value of unknown shape inside
			walk(n.ElseList, dot)
		case *parse.RangeNode:
			if msg := checkRange(n, dataType, ranges+1); msg != "" {
				at(n, "%s", msg)
				return
			}
			walkPipe(n.Pipe, dot)
			ranges++
			walk(n.List, nil)
			ranges--
			walk(n.ElseList, dot)
		case *parse.FieldNode:
			field(n, n.Ident, dot)
		case *parse.ChainNode:
			walk(n.Node, dot)
			at(n, "field access on an expression is not allowed")
		case *parse.PipeNode:
			walkPipe(n, dot)
		case *parse.IdentifierNode:
			if _, ok := funcs[n.Ident]; !ok && !slices.Contains(builtins, n.Ident) {
				at(n, "function %q is not allowed (allowed: %s)", n.Ident, strings.Join(allowedFuncs(), ", "))
			}
		case *parse.VariableNode:
			// $ is the data: $.Field is checked like .Field.
			if len(n.Ident) > 1 && n.Ident[0] == "$" {
				field(n, n.Ident[1:], dataType)
			}
		case *parse.TemplateNode:
			at(n, "{{template}} is not allowed")
		case *parse.BreakNode, *parse.ContinueNode, *parse.TextNode, *parse.CommentNode,
			*parse.DotNode, *parse.NilNode, *parse.BoolNode, *parse.NumberNode, *parse.StringNode:
		default:
			at(n, "this construct is not allowed")
		}
	}
	walk(tree.Root, dataType)
	return bad
}

func allowedFuncs() []string {
	var names []string
	for n := range Funcs() {
		names = append(names, n)
	}
	names = append(names, builtins...)
	slices.Sort(names)
	return names
}

func dataFields() []string {
	var names []string
	t := reflect.TypeFor[Data]()
	for i := range t.NumField() {
		names = append(names, "."+t.Field(i).Name)
	}
	return names
}
