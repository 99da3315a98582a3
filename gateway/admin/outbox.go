package admin

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"ticketgate/gateway"
)

type outboxView struct {
	Status string
	Mail   []gateway.OutboxMail
	Next   string
	Error  string
}

func (s *Server) outboxPage(w http.ResponseWriter, r *http.Request, ss *gateway.Session) {
	s.showOutbox(w, r, ss, http.StatusOK, "")
}

func (s *Server) showOutbox(w http.ResponseWriter, r *http.Request, ss *gateway.Session, status int, msg string) {
	q := r.URL.Query()
	v := outboxView{Status: q.Get("status"), Error: msg}
	f := gateway.OutboxFilter{Status: gateway.OutboxStatus(v.Status), Limit: pageSize + 1}
	switch f.Status {
	case "", gateway.OutboxPending, gateway.OutboxSent, gateway.OutboxDead:
	default:
		s.fail(w, r, ss, http.StatusBadRequest, fmt.Sprintf("Unknown status %q (pending, sent or dead).", v.Status))
		return
	}
	if b := q.Get("before"); b != "" {
		n, err := strconv.ParseInt(b, 10, 64)
		if err != nil || n <= 0 {
			s.fail(w, r, ss, http.StatusBadRequest, "Bad page cursor.")
			return
		}
		f.Before = n
	}
	ms, err := s.gw.OutboxList(r.Context(), f)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if len(ms) > pageSize {
		ms = ms[:pageSize]
		next := r.URL.Query()
		next.Set("before", strconv.FormatInt(ms[len(ms)-1].ID, 10))
		v.Next = next.Encode()
	}
	v.Mail = ms
	s.render(w, r, status, "outbox.html", ss, "Outbox", v)
}

func (s *Server) outboxRetry(w http.ResponseWriter, r *http.Request, ss *gateway.Session) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.fail(w, r, ss, http.StatusNotFound, "No such mail.")
		return
	}
	_, err = s.gw.RetryMailAs(r.Context(), id, actor(ss.User))
	switch {
	case errors.Is(err, gateway.ErrAlreadySent), errors.Is(err, gateway.ErrBeingSent):
		s.showOutbox(w, r, ss, http.StatusConflict, fmt.Sprintf("Mail #%d not queued again: %v.", id, errors.Unwrap(errors.Unwrap(err))))
		return
	case errors.Is(err, gateway.ErrNotFound):
		s.fail(w, r, ss, http.StatusNotFound, "No such mail.")
		return
	case err != nil:
		s.serverError(w, r, err)
		return
	}
	s.log.Info("outbox retry", "outbox_id", id, "user", ss.User.Name)
	http.Redirect(w, r, s.prefix+"/outbox?notice=retry&status="+urlQueryEscape(r.PostFormValue("status")), http.StatusSeeOther)
}

type mailboxesView struct {
	Mailboxes []gateway.MailboxInfo
}

func (s *Server) mailboxesPage(w http.ResponseWriter, r *http.Request, ss *gateway.Session) {
	mbs, err := s.gw.Mailboxes(r.Context(), s.clock.Now().UTC(), s.cfg.StaleAfter)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "mailboxes.html", ss, "Mailboxes", mailboxesView{Mailboxes: mbs})
}
