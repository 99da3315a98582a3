package admin

import (
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"strings"

	"ticketgate/gateway"
	"ticketgate/gateway/report"
)

// The SLA report is the one `ticketgate report sla` writes: its HTML form
// is a page of its own (inline styles and SVG, no script), so it is
// framed under mailCSP like mail HTML rather than restyled here.

// reportView is the report page: the form and where its forms are served.
type reportView struct {
	Month, Mailbox, Tier, Customer string
	// Query is the form's values, encoded here, for the frame and the
	// downloads.
	Query template.URL
	Error string
}

// reportOptions reads the form; the month defaults to the last one.
func (s *Server) reportOptions(r *http.Request) (report.Options, reportView, error) {
	q := r.URL.Query()
	now := s.clock.Now().UTC()
	v := reportView{Month: strings.TrimSpace(q.Get("month")), Mailbox: strings.TrimSpace(q.Get("mailbox")),
		Tier: strings.TrimSpace(q.Get("tier")), Customer: strings.TrimSpace(q.Get("customer"))}
	m := report.MonthBefore(now)
	if v.Month != "" {
		var err error
		if m, err = report.ParseMonth(v.Month); err != nil {
			return report.Options{}, v, fmt.Errorf("month %q: write it as 2026-11", v.Month)
		}
	}
	v.Month = m.String()
	v.Query = template.URL(url.Values{"month": {v.Month}, "mailbox": {v.Mailbox}, "tier": {v.Tier}, "customer": {v.Customer}}.Encode())
	return report.Options{Month: m, Mailbox: v.Mailbox, Tier: v.Tier, Customer: v.Customer, AsOf: now, Plans: s.cfg.Plans}, v, nil
}

func (s *Server) reportPage(w http.ResponseWriter, r *http.Request, ss *gateway.Session) {
	_, v, err := s.reportOptions(r)
	status := http.StatusOK
	if err != nil {
		v.Error, status = err.Error(), http.StatusBadRequest
	}
	s.render(w, r, status, "report.html", ss, "SLA report "+v.Month, v)
}

// reportFile serves one form of the report: HTML framed in the page, or a
// download.
func (s *Server) reportFile(w http.ResponseWriter, r *http.Request, ss *gateway.Session) {
	format := r.PathValue("format")
	d, ok := report.Formats[format]
	if !ok {
		s.fail(w, r, ss, http.StatusNotFound, "No report in that format.")
		return
	}
	o, v, err := s.reportOptions(r)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	rep, err := report.Build(r.Context(), s.gw, o)
	if errors.Is(err, report.ErrMonth) {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", d.ContentType)
	if r.URL.Query().Get("download") != "" || format != "html" {
		h.Set("Content-Disposition", fmt.Sprintf(`attachment; filename="sla-%s.%s"`, v.Month, d.Ext))
	}
	if format == "html" {
		h.Set("Content-Security-Policy", mailCSP)
		h.Set("X-Frame-Options", "SAMEORIGIN")
	}
	if err := d.Write(w, rep); err != nil {
		s.log.Error("write sla report", "format", format, "err", err)
	}
}
