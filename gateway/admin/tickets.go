package admin

import (
	"bytes"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/microcosm-cc/bluemonday"

	"ticketgate/gateway"
)

// pageSize is how many tickets a list page shows.
const pageSize = 50

type ticketRow struct {
	gateway.Ticket
	Late bool // a running clock is past due
}

type ticketListView struct {
	Filter     gateway.TicketFilter
	Status     string
	Priority   string
	Clock      string
	Tickets    []ticketRow
	Next       string // the query of the next page, "" on the last
	Statuses   []gateway.Status
	Priorities []gateway.Priority
	Mailboxes  []string
}

func (s *Server) priorities() []gateway.Priority {
	out := make([]gateway.Priority, s.cfg.Levels)
	for i := range out {
		out[i] = gateway.Priority(i + 1)
	}
	return out
}

func (s *Server) ticketList(w http.ResponseWriter, r *http.Request, ss *gateway.Session) {
	q := r.URL.Query()
	now := s.clock.Now().UTC()
	v := ticketListView{Status: q.Get("status"), Priority: q.Get("priority"), Clock: q.Get("clock"),
		Statuses:   []gateway.Status{gateway.StatusNew, gateway.StatusOpen, gateway.StatusWaiting, gateway.StatusResolved, gateway.StatusClosed},
		Priorities: s.priorities()}
	f := gateway.TicketFilter{Mailbox: q.Get("mailbox"), Tier: q.Get("tier"), Assignee: q.Get("assignee"),
		Search: q.Get("q"), Now: now, Limit: pageSize + 1}
	var bad []string
	if v.Status != "" {
		st, err := gateway.ParseStatus(v.Status)
		if err != nil {
			bad = append(bad, err.Error())
		}
		f.Status = st
	}
	if v.Priority != "" {
		p, err := gateway.ParsePriority(v.Priority)
		if err != nil {
			bad = append(bad, err.Error())
		}
		f.Priority = p
	}
	switch v.Clock {
	case "":
	case "at-risk":
		f.Clock = gateway.SLAAtRisk
	case "breached":
		f.Clock = gateway.SLABreached
	default:
		bad = append(bad, fmt.Sprintf("unknown clock state %q (want at-risk or breached)", v.Clock))
	}
	if b := q.Get("before"); b != "" {
		n, err := strconv.ParseInt(b, 10, 64)
		if err != nil || n <= 0 {
			bad = append(bad, fmt.Sprintf("bad page cursor %q", b))
		}
		f.Before = n
	}
	if len(bad) > 0 {
		s.fail(w, r, ss, http.StatusBadRequest, strings.Join(bad, "; "))
		return
	}
	ts, err := s.gw.Tickets(r.Context(), f)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if len(ts) > pageSize {
		ts = ts[:pageSize]
		next := r.URL.Query()
		next.Set("before", strconv.FormatInt(ts[len(ts)-1].ID, 10))
		v.Next = next.Encode()
	}
	for _, t := range ts {
		v.Tickets = append(v.Tickets, ticketRow{Ticket: t, Late: late(&t, now)})
	}
	f.Limit = pageSize
	v.Filter = f
	for _, mb := range s.mailboxNames(r) {
		v.Mailboxes = append(v.Mailboxes, mb)
	}
	s.render(w, r, http.StatusOK, "tickets.html", ss, "Tickets", v)
}

func (s *Server) mailboxNames(r *http.Request) []string {
	mbs, err := s.gw.Mailboxes(r.Context(), time.Time{}, 0)
	if err != nil {
		return nil
	}
	var out []string
	for _, m := range mbs {
		out = append(out, m.Name)
	}
	return out
}

// late tells whether a running clock of t is past due at now.
func late(t *gateway.Ticket, now time.Time) bool {
	if t.Status != gateway.StatusNew && t.Status != gateway.StatusOpen {
		return false
	}
	return (t.FirstResponseAt == nil && t.ResponseDue != nil && t.ResponseDue.Before(now)) ||
		(t.ResolutionDue != nil && t.ResolutionDue.Before(now))
}

type ticketView struct {
	Record     *gateway.TicketRecord
	SLA        *gateway.SLAExplanation
	Priorities []gateway.Priority
	Error      string
	Text       string // the text of a refused action, kept for another try
}

func (s *Server) ticketPage(w http.ResponseWriter, r *http.Request, ss *gateway.Session) {
	s.showTicket(w, r, ss, http.StatusOK, "", "")
}

func (s *Server) showTicket(w http.ResponseWriter, r *http.Request, ss *gateway.Session, status int, msg, text string) {
	ref := r.PathValue("ref")
	rec, err := s.gw.TicketRecord(r.Context(), ref)
	if errors.Is(err, gateway.ErrNotFound) {
		s.fail(w, r, ss, http.StatusNotFound, "No ticket "+ref+".")
		return
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	x, err := s.gw.ExplainSLA(r.Context(), ref, s.clock.Now().UTC())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, status, "ticket.html", ss, rec.Ticket.Reference+" "+rec.Ticket.Subject,
		ticketView{Record: rec, SLA: x, Priorities: s.priorities(), Error: msg, Text: text})
}

// actor is how the timeline names a person acting here.
func actor(u gateway.User) string { return u.Name + " (web admin)" }

// ticketAct runs one action of the ticket page: the same commands an
// agent's mail would carry, through the same path.
func (s *Server) ticketAct(w http.ResponseWriter, r *http.Request, ss *gateway.Session) {
	ref := r.PathValue("ref")
	action, text := r.PostFormValue("action"), strings.ReplaceAll(r.PostFormValue("text"), "\r\n", "\n")
	var cmds []gateway.Command
	switch action {
	case "reply":
		if strings.TrimSpace(text) == "" {
			s.showTicket(w, r, ss, http.StatusBadRequest, "The reply is empty.", text)
			return
		}
	case "note", "resolve", "close", "reopen", "wait":
		cmds = []gateway.Command{{Verb: gateway.Verb(action)}}
	case "priority":
		cmds = []gateway.Command{{Verb: gateway.VerbPriority, Arg: r.PostFormValue("priority")}}
		text = ""
	case "assign":
		who := strings.TrimSpace(r.PostFormValue("assignee"))
		if who == "" || strings.ContainsFunc(who, unicode.IsControl) {
			s.showTicket(w, r, ss, http.StatusBadRequest, "Give the name to assign the ticket to.", "")
			return
		}
		cmds = []gateway.Command{{Verb: gateway.VerbAssign, Arg: who}}
		text = ""
	case "escalate":
		// The text is the note for level 2, not a mail to the customer.
		cmds = []gateway.Command{{Verb: gateway.VerbEscalate, Arg: strings.TrimSpace(text)}}
		text = ""
	default:
		s.fail(w, r, ss, http.StatusBadRequest, fmt.Sprintf("Unknown action %q.", action))
		return
	}
	if action == "close" || action == "reopen" || action == "wait" {
		text = strings.TrimSpace(text) // an empty text sends nothing
	}
	_, err := s.gw.ActAs(r.Context(), ref, actor(ss.User), ss.User.Name, cmds, text)
	var refused *gateway.RefusedError
	switch {
	case errors.As(err, &refused):
		s.showTicket(w, r, ss, http.StatusConflict, "Not done: "+refused.Reason+".", text)
		return
	case errors.Is(err, gateway.ErrNotFound):
		s.fail(w, r, ss, http.StatusNotFound, "No ticket "+ref+".")
		return
	case err != nil:
		s.serverError(w, r, err)
		return
	}
	s.log.Info("ticket action", "ticket", ref, "action", action, "user", ss.User.Name)
	http.Redirect(w, r, s.prefix+"/tickets/"+pathEscape(ref)+"?notice="+action, http.StatusSeeOther)
}

func pathEscape(s string) string { return strings.ReplaceAll(urlPathEscape(s), "%2F", "/") }

// entry finds a message of the ticket named by the path.
func (s *Server) entry(w http.ResponseWriter, r *http.Request, ss *gateway.Session) (*gateway.Entry, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.fail(w, r, ss, http.StatusNotFound, "No such message.")
		return nil, false
	}
	rec, err := s.gw.TicketRecord(r.Context(), r.PathValue("ref"))
	if err != nil {
		if errors.Is(err, gateway.ErrNotFound) {
			s.fail(w, r, ss, http.StatusNotFound, "No such ticket.")
		} else {
			s.serverError(w, r, err)
		}
		return nil, false
	}
	for i := range rec.Entries {
		if rec.Entries[i].ID == id {
			return &rec.Entries[i], true
		}
	}
	s.fail(w, r, ss, http.StatusNotFound, "No such message on this ticket.")
	return nil, false
}

// mailPolicy keeps what mail needs to be read, and nothing that runs or
// reaches out: no script, no form, no frame, no remote image.
var mailPolicy = func() *bluemonday.Policy {
	p := bluemonday.UGCPolicy()
	p.AllowImages()
	p.AllowDataURIImages()
	p.AllowAttrs("style").Globally()
	p.AllowStyles("color", "background-color", "font-weight", "font-style", "text-decoration", "text-align",
		"font-size", "font-family", "margin", "padding", "border", "width").Globally()
	p.RequireNoReferrerOnLinks(true)
	p.AddTargetBlankToFullyQualifiedLinks(true)
	return p
}()

// messageHTML serves a message's HTML body, sanitised, for the sandboxed
// iframe of the ticket page.
func (s *Server) messageHTML(w http.ResponseWriter, r *http.Request, ss *gateway.Session) {
	e, ok := s.entry(w, r, ss)
	if !ok {
		return
	}
	serveMailHTML(w, mailPolicy.Sanitize(e.HTML))
}

func serveMailHTML(w http.ResponseWriter, body string) {
	h := w.Header()
	h.Set("Content-Security-Policy", mailCSP)
	h.Set("X-Frame-Options", "SAMEORIGIN")
	h.Set("Content-Type", "text/html; charset=utf-8")
	w.Write([]byte(`<!doctype html><meta charset="utf-8"><base target="_blank">` + body))
}

// messageRaw serves the mail as it arrived, as plain text.
func (s *Server) messageRaw(w http.ResponseWriter, r *http.Request, ss *gateway.Session) {
	e, ok := s.entry(w, r, ss)
	if !ok {
		return
	}
	var buf bytes.Buffer
	if err := s.gw.RawEntry(r.Context(), r.PathValue("ref"), e.ID, &buf); err != nil {
		s.serverError(w, r, err)
		return
	}
	h := w.Header()
	h.Set("Content-Security-Policy", "sandbox; default-src 'none'; frame-ancestors 'none'")
	// Bytes as received: their charset is the mail's business, and text
	// shown as text runs nothing.
	h.Set("Content-Type", "text/plain; charset=utf-8")
	if r.URL.Query().Get("download") != "" {
		h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": fmt.Sprintf("message-%d.eml", e.ID)}))
	}
	w.Write(buf.Bytes())
}

// attachment serves a file of a message as a download: never shown by
// the browser, whatever its type says.
func (s *Server) attachment(w http.ResponseWriter, r *http.Request, ss *gateway.Session) {
	e, ok := s.entry(w, r, ss)
	if !ok {
		return
	}
	n, err := strconv.Atoi(r.PathValue("n"))
	if err != nil || n < 0 || n >= len(e.Attachments) {
		s.fail(w, r, ss, http.StatusNotFound, "No such attachment.")
		return
	}
	a, data, err := s.gw.EntryAttachment(r.Context(), r.PathValue("ref"), e.ID, n)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	h := w.Header()
	h.Set("Content-Security-Policy", "sandbox; default-src 'none'; frame-ancestors 'none'")
	h.Set("Content-Type", "application/octet-stream")
	h.Set("Content-Disposition", contentDisposition(a.Filename, n))
	h.Set("Content-Length", strconv.Itoa(len(data)))
	w.Write(data)
}

// contentDisposition names a download safely: no path, no control
// character, no quote; the UTF-8 name in filename* (RFC 6266 §4.3), an
// ASCII one beside it.
func contentDisposition(name string, n int) string {
	name = path.Base(strings.ReplaceAll(name, `\`, "/"))
	clean := strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == '"' || r == '/' || r == '\\' || unicode.Is(unicode.Bidi_Control, r) {
			return '_'
		}
		return r
	}, name)
	clean = strings.TrimLeft(clean, ".")
	if clean == "" || clean == "_" {
		clean = fmt.Sprintf("attachment-%d", n+1)
	}
	if len(clean) > 200 {
		clean = clean[:200]
	}
	ascii := strings.Map(func(r rune) rune {
		if r > 0x7e || r < 0x20 {
			return '_'
		}
		return r
	}, clean)
	v := mime.FormatMediaType("attachment", map[string]string{"filename": clean})
	if v == "" {
		v = mime.FormatMediaType("attachment", map[string]string{"filename": ascii})
	}
	return v
}
